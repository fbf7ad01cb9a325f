// Decompressing a bzip2 file on several threads, with the result libbz2 gives reading it from
// start to end: the same bytes, and on a cut or damaged file the same bytes before the fault
// and the same place for it.
//
// Worker threads decode the blocks between the magics found in the file (bzip2_blocks.h), a
// few blocks ahead of the one that is next in order; the caller's thread puts the blocks
// together in order, follows the streams (a file may hold several back to back, and anything
// after the last is ignored, as bzip2 does) and checks each stream's combined CRC. A magic
// found by chance inside a block makes the block look as if it ended there: it fails to
// decode there, and is tried again to the next magic, and so on, until it decodes or fails
// before its end (then it is damaged exactly there); past the last magic, the rest of the
// file goes to libbz2 as it is, which finds a cut or damaged last block as it would anyway.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <stop_token>
#include <string>

#include "util/bytes.h"

namespace bgplens::bzip2 {

struct Outcome {
  enum class Kind : std::uint8_t {
    Done,         // every stream whole and right
    Cut,          // the file ends inside a stream
    Damaged,      // libbz2 refused the data: `error`, after `consumed` bytes of the file
    Stopped,      // the stop token was triggered
    Refused,      // `deliver` returned false
    Unsupported,  // nothing done: not a bzip2 file, or blocks cannot be decoded one by one
  };
  Kind kind = Kind::Done;
  std::string error;
  std::uint64_t consumed = 0;
};

// Worker threads to use: one per processor, 2 to 8.
unsigned default_workers();

// Decompresses `file` with `workers` threads besides the caller's, handing the output to
// `deliver` in order, one block at a time (for a damaged block, what libbz2 makes of it before
// the fault). `chance_marks` (for tests) are bit positions to treat as magics found there, as
// if they had occurred by chance.
Outcome decompress_parallel(Bytes file, unsigned workers, const std::function<bool(Bytes)>& deliver,
                            std::stop_token stop, std::span<const std::uint64_t> chance_marks = {});

}  // namespace bgplens::bzip2

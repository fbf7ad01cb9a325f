// bzip2's block structure, so that the blocks of one file can be decompressed on several
// threads (bzip2_parallel.h puts them back in order).
//
// A bzip2 stream is "BZh" and a block-size digit '1'..'9' (100k..900k), then its blocks, each
// opening with the 48-bit magic 0x314159265359 and the block's CRC, then the 48-bit
// end-of-stream magic 0x177245385090 and the stream's combined CRC, then padding to a byte.
// Everything after the header is bit-packed, most significant bit first, with no index: the
// magics, found at any bit offset, are the only sign of where a block may start. The same 48
// bits can also occur by chance inside compressed data, so a magic found is a candidate only;
// whether a block really ends there is for the decoder to say.
#pragma once

#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "util/bytes.h"

namespace bgplens::bzip2 {

inline constexpr std::uint64_t kBlockMagic = 0x314159265359;
inline constexpr std::uint64_t kEndMagic = 0x177245385090;
inline constexpr unsigned kMagicBits = 48;
inline constexpr unsigned kCrcBits = 32;

enum class MarkKind : std::uint8_t { Block, End };

// A magic found in the file: where its first bit is, counted from the file's first bit.
struct Mark {
  std::uint64_t bit = 0;
  MarkKind kind = MarkKind::Block;
  friend bool operator==(const Mark&, const Mark&) = default;
};

// `count` (at most 57) bits of `data` from bit `bit` on, most significant first, as the low
// bits of the result; bits past the end of `data` read as zero.
std::uint64_t read_bits(Bytes data, std::uint64_t bit, unsigned count);

// Appends to `out`, in order, every magic whose first bit lies in [from_bit, to_bit) and whose
// 48 bits lie wholly within `data`.
void find_marks(Bytes data, std::uint64_t from_bit, std::uint64_t to_bit, std::vector<Mark>& out);

// A stream's combined CRC after one more block: rotated left by one, then the block's CRC.
inline std::uint32_t combine_crc(std::uint32_t combined, std::uint32_t block) {
  return std::rotl(combined, 1) ^ block;
}

// libbz2's complaint in words, as the sequential decompressor words it.
std::string error_text(int code);

// Decodes one block with libbz2, exactly as libbz2 meets it in the middle of its stream.
//
// libbz2 only reads whole streams, so the block is handed to it inside a stream of its own:
// the stream's header, then a tiny complete block chosen so that the real block starts at the
// same bit offset within a byte as in the file (its output is dropped), then the file's own
// bytes, then the end-of-stream magic and the combined CRC the two blocks make. libbz2 then
// checks the block's CRC itself. Because the file's bytes are handed over unshifted, libbz2
// reads them exactly as it would reading the whole file from the start: a fault is found at
// the same place, after the same output, and the count of compressed bytes it had read when
// it found it translates back to the file exactly.
//
// One decoder per thread: it keeps the memory libbz2 asks for (3.6 MB for 900k blocks) from
// block to block instead of allocating it afresh.
class BlockDecoder {
 public:
  enum class Status : std::uint8_t {
    Ok,         // the block's data ends exactly at `end` and its CRC is right
    Damaged,    // libbz2 refused the data: `code`, after reading `consumed` bytes
    NeedsMore,  // libbz2 read everything it was given and wants more
    Stopped,    // the stop token was triggered
  };
  struct Result {
    Status status = Status::Stopped;
    std::size_t size = 0;        // bytes of `out` written: the block, or what came before the fault
    std::uint32_t crc = 0;       // Ok: the block's CRC
    std::uint64_t consumed = 0;  // Damaged, NeedsMore: bytes of the file libbz2 had read
    int code = 0;                // Damaged: libbz2's return code
  };

  BlockDecoder();
  ~BlockDecoder();
  BlockDecoder(const BlockDecoder&) = delete;
  BlockDecoder& operator=(const BlockDecoder&) = delete;

  // False when no aligning blocks could be made (libbz2 compressed them unexpectedly): then
  // blocks cannot be decoded one by one, and the file is for the sequential decompressor.
  static bool available();

  // Decodes from bit `begin` of `file` (where libbz2, reading the whole file, would expect a
  // block's magic) in a stream of block-size digit `level`. With `end`, the block's data is
  // taken to end at bit `end` (a magic found there), where the end-of-stream magic is put in
  // its place; without it, the file's bytes run to its end and nothing is added, which is
  // exactly what libbz2 reading the whole file sees from `begin` on. The output goes to the
  // front of `out`, grown as needed (it is kept large for the next block).
  Result decode(Bytes file, char level, std::uint64_t begin, std::optional<std::uint64_t> end,
                std::vector<std::uint8_t>& out, const std::stop_token& stop);

 private:
  class Arena;
  std::unique_ptr<Arena> arena_;
};

}  // namespace bgplens::bzip2

// Walking every piece (record or damaged stretch) of the MRT file held in a ByteStore's base,
// while it may still be arriving from a decompressor thread: the walk waits for bytes rather
// than take a half-written record for a truncated one.
#pragma once

#include <functional>
#include <stop_token>

#include "buffer/byte_store.h"
#include "mrt/mrt_record.h"

namespace bgplens::mrt {

// Calls `visit` with each piece and its bytes (header included; for Damage the damaged bytes),
// in file order, until the file ends, `visit` returns false, or `stop` is requested. Returns
// how many bytes of the base were walked.
std::uint64_t walk_store(const ByteStore& store, std::stop_token stop,
                         const std::function<bool(const Piece& piece, Bytes bytes)>& visit);

}  // namespace bgplens::mrt

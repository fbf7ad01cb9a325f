// All raw bytes of one opened source, held once and never modified.
//
// One address space: [0, base size) is the base region (the mapped file, or the file being
// decompressed), and above it an append-only arena holds the few bytes that cannot be a view
// into the base: BGP messages that span TCP segments, bytes received live. A message,
// attribute or NLRI anywhere in the program is an address plus a length into this store.
//
// The base may still be growing (a compressed file decompressed on its own thread): it holds a
// prefix of the file that only lengthens, never moves, and the arena starts above all the room
// the base may ever take, so no address changes meaning as the base grows.
//
// Threading: one writer (the parser thread) appends; any thread may read an address it was
// given. Arena chunks are never moved or freed while the store lives, so a span stays valid.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stop_token>
#include <string>
#include <vector>

#include "buffer/region.h"
#include "buffer/source_map.h"
#include "util/bytes.h"

namespace bgplens {

class ByteStore {
 public:
  explicit ByteStore(std::shared_ptr<const Region> base = nullptr);
  ByteStore(const ByteStore&) = delete;
  ByteStore& operator=(const ByteStore&) = delete;

  // The bytes at [address, address + length). Returns an empty span if the range is not held.
  Bytes view(ByteAddress address, std::size_t length) const;

  // Copies `parts` back to back into the arena and returns the address of the first byte.
  ByteAddress append(std::span<const Bytes> parts);
  ByteAddress append(Bytes data) { return append(std::span<const Bytes>(&data, 1)); }
  // Copies bytes held in this store (`pieces`, back to back) into the arena, and notes where
  // they came from (sources()).
  ByteAddress append_from(std::span<const SourcePiece> pieces);

  // Where copied bytes came from, and where frames are (see SourceMap).
  SourceMap& sources() { return sources_; }
  const SourceMap& sources() const { return sources_; }
  // The base address of a byte of the base region, if `byte` points into it.
  std::optional<ByteAddress> base_address_of(const std::uint8_t* byte) const;

  // Bytes of the base held now: all of a mapped or owned base; while a decompressor fills the
  // base, what it has produced so far (it only grows).
  std::uint64_t base_size() const { return base_held_->load(std::memory_order_acquire); }
  // No more base bytes will come.
  bool base_complete() const;
  // Blocks until at least `want` base bytes are held, the base is complete, or `stop` is
  // requested; returns base_size(). wait_base(UINT64_MAX, stop) waits for the whole base.
  std::uint64_t wait_base(std::uint64_t want, std::stop_token stop = {}) const;
  // Why the base ended before the file's data did (a truncated or damaged compressed stream),
  // one sentence naming the file; empty otherwise.
  std::string base_problem() const;
  // Bytes copied into the arena so far (the cost of segment-spanning messages).
  std::uint64_t arena_bytes() const;
  bool is_base(ByteAddress address) const { return address < base_size(); }

 private:
  // Each chunk owns a fixed slot of the address space so that lookup is one division.
  static constexpr std::uint64_t kSlotSpan = std::uint64_t{1} << 32;
  static constexpr std::size_t kChunkCapacity = std::size_t{1} << 20;

  struct Chunk {
    std::unique_ptr<std::uint8_t[]> data;
    std::size_t capacity = 0;
    std::size_t used = 0;
  };

  std::shared_ptr<const Region> base_;
  const std::uint8_t* base_data_ = nullptr;
  // The base region's own counter (one acquire load per view), or kNoBase.
  const std::atomic<std::uint64_t>* base_held_;
  std::uint64_t arena_origin_;
  mutable std::shared_mutex mutex_;
  std::vector<Chunk> chunks_;
  std::uint64_t arena_used_ = 0;
  SourceMap sources_;
};

}  // namespace bgplens

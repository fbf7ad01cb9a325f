// What write_mrt_rib and write_mrt_updates share: the output in pieces of about 1 MiB, the
// size of the synthetic Internet behind a table, the in-memory sink of the tests.
#pragma once

#include <cstdint>

#include "gen/bulk_capture.h"  // ChunkSink
#include "gen/byte_writer.h"
#include "gen/mrt_dump.h"

namespace bgplens::gen {

class ChunkedOutput {
 public:
  ChunkedOutput(const ChunkSink& sink, std::uint64_t& bytes) : sink_(sink), bytes_(bytes) {
    w_.data().reserve(kChunk + (kChunk >> 2));
  }
  ByteWriter& writer() { return w_; }
  // Hands the piece over once it reached the chunk size; false when the sink refused it.
  bool maybe_flush() { return w_.size() < kChunk || flush(); }
  bool flush() {
    if (w_.size() == 0) return true;
    bytes_ += w_.size();
    const bool ok = sink_(w_.data());
    w_.data().clear();
    return ok;
  }

 private:
  static constexpr std::size_t kChunk = std::size_t{1} << 20;
  const ChunkSink& sink_;
  std::uint64_t& bytes_;
  ByteWriter w_;
};

inline ChunkSink collect_into(ByteVector& all) {
  return [&all](Bytes piece) {
    all.insert(all.end(), piece.begin(), piece.end());
    return true;
  };
}

// Origin networks behind a table of the spec's size.
std::uint32_t mrt_origin_count(const MrtTableSpec& spec);

}  // namespace bgplens::gen

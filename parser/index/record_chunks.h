// The rows of an index, held for as long as the source is open: MessageRecords appended in
// order, read back by row number, never moved once written.
//
// Rows live in chunks of 65,536. A chunk starts compact: the fields consecutive rows share
// (address, length, time, kind, type, flags, detail; the RIB entries of one MRT record share
// all of them) are kept once per run as a "head", and each row keeps only its own context and
// frame and the index of its head: 10 bytes a row instead of 32. A chunk whose rows share
// little (capture messages: each row its own head) turns into plain 32-byte records as soon as
// that shows, so it never costs more than the plain form beyond its first rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "index/message_record.h"

namespace bgplens {

class RecordChunks {
 public:
  static constexpr unsigned kChunkShift = 16;
  static constexpr std::size_t kChunkRows = std::size_t{1} << kChunkShift;

  void push_back(const MessageRecord& r);
  void clear();
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  MessageRecord operator[](std::size_t row) const {
    return chunks_[row >> kChunkShift].at(row & (kChunkRows - 1));
  }
  // Bytes held for the rows (capacity included), for tests and measurements.
  std::size_t memory_bytes() const;
  // Chunks in the compact form, for tests.
  std::size_t compact_chunks() const;

 private:
  // What a run of rows shares.
  struct Head {
    ByteAddress address = 0;
    std::int64_t time_ns = 0;
    std::uint32_t length = 0;
    std::uint8_t type = 0;
    FramedKind kind = FramedKind::Message;
    std::uint8_t flags = 0;
    std::uint8_t detail = 0;

    static Head of(const MessageRecord& r);
    bool operator==(const Head&) const = default;
  };
  static_assert(sizeof(Head) == 24);

  struct Chunk {
    // Compact form: heads, and per row its own fields (separate arrays: no padding).
    std::vector<Head> heads;
    std::vector<std::uint32_t> contexts;
    std::vector<std::uint32_t> frames;
    std::vector<std::uint16_t> head_of;  // a chunk has at most 65,536 heads
    // Plain form, once `wide`.
    std::vector<MessageRecord> records;
    bool wide = false;

    Chunk();
    std::size_t rows() const { return wide ? records.size() : head_of.size(); }
    MessageRecord at(std::size_t i) const;
    void push_back(const MessageRecord& r);
    void widen();
    void finish();
  };

  std::vector<Chunk> chunks_;
  std::size_t size_ = 0;
};

}  // namespace bgplens

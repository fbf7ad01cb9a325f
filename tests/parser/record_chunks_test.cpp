// RecordChunks: every field of every row reads back as written, whichever form its chunk took,
// and rows that share their record (the RIB entries of an MRT record) cost about a third of
// the plain 32 bytes.
#include "index/record_chunks.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace bgplens {
namespace {

bool same(const MessageRecord& a, const MessageRecord& b) {
  return a.address == b.address && a.time_ns == b.time_ns && a.length == b.length &&
         a.context == b.context && a.frame == b.frame && a.type == b.type && a.kind == b.kind &&
         a.flags == b.flags && a.detail == b.detail;
}

// `runs` records of `per_run` entries each, as the MRT indexer makes them: one address,
// length and time per record, a context (peer) and frame (entry offset) per entry.
std::vector<MessageRecord> rib_rows(std::size_t runs, std::size_t per_run, std::mt19937& rng) {
  std::vector<MessageRecord> rows;
  ByteAddress address = 4096;
  for (std::size_t i = 0; i < runs; ++i) {
    const auto length = static_cast<std::uint32_t>(100 + rng() % 2000);
    for (std::size_t e = 0; e < per_run; ++e) {
      MessageRecord r;
      r.address = address;
      r.length = length;
      r.time_ns = 1'700'000'000'000'000'000 + static_cast<std::int64_t>(i);
      r.context = static_cast<std::uint32_t>(rng() % 40);
      r.frame = static_cast<std::uint32_t>(16 + e * 40);
      r.type = 2;
      r.kind = FramedKind::Mrt;
      r.detail = mrt_row::kRibEntry;
      r.flags = i % 1000 == 999 ? framed_flag::kTruncated : 0;
      rows.push_back(r);
    }
    address += length;
  }
  return rows;
}

// Capture messages: every row its own address and time.
std::vector<MessageRecord> capture_rows(std::size_t n, std::mt19937& rng) {
  std::vector<MessageRecord> rows;
  ByteAddress address = 0;
  for (std::size_t i = 0; i < n; ++i) {
    MessageRecord r;
    r.address = address;
    r.length = static_cast<std::uint32_t>(19 + rng() % 4000);
    r.time_ns = static_cast<std::int64_t>(i) * 1000 + static_cast<std::int64_t>(rng() % 1000);
    r.context = static_cast<std::uint32_t>(rng() % 8);
    r.frame = static_cast<std::uint32_t>(i + 1);
    r.type = static_cast<std::uint8_t>(1 + rng() % 4);
    r.kind = i % 97 == 0 ? FramedKind::Unparsed : FramedKind::Message;
    r.flags = static_cast<std::uint8_t>(rng() % 4);
    rows.push_back(r);
    address += r.length;
  }
  return rows;
}

void expect_all_read_back(const RecordChunks& chunks, const std::vector<MessageRecord>& rows) {
  ASSERT_EQ(chunks.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    ASSERT_TRUE(same(chunks[i], rows[i])) << "row " << i;
}

TEST(RecordChunks, RibEntriesReadBackAndTakeAboutTenBytesARow) {
  std::mt19937 rng(7);
  const std::vector<MessageRecord> rows = rib_rows(15'000, 20, rng);  // 300,000 rows, 5 chunks
  RecordChunks chunks;
  for (const MessageRecord& r : rows)
    chunks.push_back(r);
  expect_all_read_back(chunks, rows);
  EXPECT_EQ(chunks.compact_chunks(), 5u);
  // 10 bytes a row, a 24-byte head per 20 rows, and the last chunk's unused reservation.
  const double per_row =
      static_cast<double>(chunks.memory_bytes()) / static_cast<double>(rows.size());
  EXPECT_LT(per_row, 14.0);
}

TEST(RecordChunks, CaptureMessagesTurnPlainAndStayAt32BytesARow) {
  std::mt19937 rng(11);
  const std::vector<MessageRecord> rows = capture_rows(200'000, rng);
  RecordChunks chunks;
  for (const MessageRecord& r : rows)
    chunks.push_back(r);
  expect_all_read_back(chunks, rows);
  EXPECT_EQ(chunks.compact_chunks(), 0u);
  // Four chunks of 65,536 reserved rows (the last one partly used).
  EXPECT_LE(chunks.memory_bytes(), 4 * RecordChunks::kChunkRows * sizeof(MessageRecord) + 4096);
}

TEST(RecordChunks, MixedRowsEveryFormAcrossChunkBoundaries) {
  std::mt19937 rng(3);
  std::vector<MessageRecord> rows;
  // Runs of every length, single rows between them, a run across a chunk boundary, and rows
  // equal to the previous one but for one shared field.
  while (rows.size() < 3 * RecordChunks::kChunkRows) {
    const std::size_t kind = rng() % 4;
    if (kind == 0) {
      for (const MessageRecord& r : capture_rows(1 + rng() % 300, rng))
        rows.push_back(r);
    } else {
      for (const MessageRecord& r : rib_rows(1 + rng() % 50, 1 + rng() % 60, rng))
        rows.push_back(r);
    }
    if (kind == 3 && !rows.empty()) {
      MessageRecord r = rows.back();
      r.detail ^= 1;
      rows.push_back(r);
      r.flags ^= 2;
      rows.push_back(r);
      r.time_ns += 1;
      rows.push_back(r);
    }
  }
  RecordChunks chunks;
  for (const MessageRecord& r : rows)
    chunks.push_back(r);
  expect_all_read_back(chunks, rows);
  chunks.clear();
  EXPECT_EQ(chunks.size(), 0u);
  EXPECT_TRUE(chunks.empty());
}

TEST(RecordChunks, AChunkOfSingleRowsGoesPlainAfterItsFirstRows) {
  std::mt19937 rng(5);
  // A RIB first (compact), then captures-like rows: the chunk they fill turns plain.
  std::vector<MessageRecord> rows = rib_rows(RecordChunks::kChunkRows / 16, 16, rng);
  for (const MessageRecord& r : capture_rows(RecordChunks::kChunkRows, rng))
    rows.push_back(r);
  RecordChunks chunks;
  for (const MessageRecord& r : rows)
    chunks.push_back(r);
  expect_all_read_back(chunks, rows);
  EXPECT_EQ(chunks.compact_chunks(), 1u);
}

}  // namespace
}  // namespace bgplens

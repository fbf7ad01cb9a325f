// Compressed captures (.pcap.gz, .pcapng.bz2, .pcap.xz): recognised by their content (gzip's
// RFC 1952 §2.3.1 magic, bzip2's "BZh", xz's FD "7zXZ" 00), not their name, decompressed on a
// thread of their own into the store's base, and indexed exactly as the plain capture. From
// truncated or damaged data, what came out before the fault is indexed and the fault is the
// read error, saying where it is. Files are written to the system's temporary directory only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "buffer/decompressor.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/source_file.h"

#include "parser/compression_helpers.h"
#include "parser/hazard_capture.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

namespace fs = std::filesystem;

ByteVector sample_capture() {
  gen::PcapWriter pcap;
  gen::TcpConversation tcp(pcap, gen::endpoint("10.0.0.1", 40000), gen::endpoint("10.0.0.2", 179));
  tcp.handshake(kT0);
  tcp.send(0, gen::open(gen::OpenSpec{}), kT0 + kMs);
  tcp.send(1, padded_update(3000), kT0 + 2 * kMs);
  tcp.send(0, gen::keepalive(), kT0 + 3 * kMs);
  return pcap.bytes();
}

// Opens the file as the application does and indexes it.
std::vector<MessageRecord> index_file(const std::string& path,
                                      std::shared_ptr<ByteStore>* keep = nullptr) {
  auto store = open_source_file(path);
  EXPECT_TRUE(store.has_value()) << store.error();
  if (!store) return {};
  RecordCollector sink;
  EXPECT_TRUE(index_capture(*store, sink).has_value());
  if (keep) *keep = *store;
  return sink.records;
}

void expect_same_rows(const std::vector<MessageRecord>& a, const std::vector<MessageRecord>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].kind, b[i].kind) << i;
    EXPECT_EQ(a[i].type, b[i].type) << i;
    EXPECT_EQ(a[i].length, b[i].length) << i;
    EXPECT_EQ(a[i].flags, b[i].flags) << i;
    EXPECT_EQ(a[i].frame, b[i].frame) << i;
    EXPECT_EQ(a[i].time_ns, b[i].time_ns) << i;
  }
}

TEST(CompressedCapture, ACompressedPcapIsReadLikeThePlainOne) {
  const ByteVector plain = sample_capture();
  // Named as neither .gz nor .pcap: the content decides.
  const TempFile compressed("sample.bin", gzip(plain));
  const TempFile reference("sample.pcap", plain);
  std::shared_ptr<ByteStore> store;
  const auto rows = index_file(compressed.path(), &store);
  ASSERT_EQ(rows.size(), 3u);  // OPEN, UPDATE, KEEPALIVE
  expect_same_rows(rows, index_file(reference.path()));
  ASSERT_TRUE(store);
  EXPECT_EQ(source_kind(*store), SourceKind::Capture);
  EXPECT_TRUE(store->base_complete());
  EXPECT_EQ(store->base_problem(), "");
  EXPECT_EQ(store->base_size(), plain.size());
  EXPECT_TRUE(same_bytes(store->view(0, store->base_size()), plain));
}

TEST(CompressedCapture, ACompressedPcapngFromTheSharedData) {
  const fs::path file = fs::path(shared_dir()) / "captures" / "tcpdump" / "bgp-orf.pcapng";
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file;
  const ByteVector plain((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const TempFile compressed("orf.pcapng.gz", gzip(plain));
  const auto rows = index_file(compressed.path());
  EXPECT_FALSE(rows.empty());
  expect_same_rows(rows, index_file(file.string()));
}

TEST(CompressedCapture, ConcatenatedMembersAreOneFile) {
  // gzip allows members back to back (RFC 1952 §2.2), as `cat a.gz b.gz` makes.
  const ByteVector plain = sample_capture();
  const Bytes p(plain);
  const std::size_t half = plain.size() / 2;
  const TempFile compressed("two.pcap.gz", join({gzip(p.subspan(0, half)), gzip(p.subspan(half))}));
  const TempFile reference("two.pcap", plain);
  expect_same_rows(index_file(compressed.path()), index_file(reference.path()));
}

TEST(CompressedCapture, TruncatedOrDamagedGzipKeepsWhatCameOutAndSaysWhere) {
  const ByteVector plain = sample_capture();
  const ByteVector packed = gzip(plain);
  const TempFile reference("sample.pcap", plain);
  const auto want = index_file(reference.path());
  ASSERT_EQ(want.size(), 3u);
  // Cut in the middle of the compressed data: what came out before the cut is indexed, and
  // the cut is the read error, saying where it is (not read as a shorter capture, which would
  // look complete when the cut falls between packets).
  const Bytes cut_bytes = Bytes(packed).first(packed.size() / 2);
  const ByteVector kept = gunzip_prefix(cut_bytes);  // what zlib itself gets out
  ASSERT_GT(kept.size(), 24u);                       // the pcap file header, and more
  ASSERT_LT(kept.size(), plain.size());
  const TempFile cut("cut.pcap.gz", cut_bytes);
  auto truncated = open_source_file(cut.path());
  ASSERT_TRUE(truncated.has_value()) << truncated.error();
  RecordCollector sink;
  const auto stats = index_capture(*truncated, sink);
  ASSERT_TRUE(stats.has_value()) << stats.error();
  const ByteStore& store = **truncated;
  EXPECT_TRUE(same_bytes(store.view(0, store.base_size()), kept));
  EXPECT_EQ(stats->read_error, cut.path() + ": the gzip stream ends early after " +
                                   std::to_string(cut_bytes.size()) + " compressed bytes; the " +
                                   std::to_string(kept.size()) +
                                   " bytes decompressed before that are kept");
  EXPECT_EQ(stats->read_error, store.base_problem());
  EXPECT_LT(sink.records.size(), want.size());
  // A damaged byte in the deflate data (or the CRC it fails): the same, from the fault.
  ByteVector broken = packed;
  broken[broken.size() / 2] ^= 0x55;
  const TempFile damaged("damaged.pcap.gz", broken);
  auto bad = open_source_file(damaged.path());
  ASSERT_TRUE(bad.has_value()) << bad.error();
  RecordCollector bad_sink;
  const auto bad_stats = index_capture(*bad, bad_sink);
  ASSERT_TRUE(bad_stats.has_value()) << bad_stats.error();
  EXPECT_TRUE(same_bytes((*bad)->view(0, (*bad)->base_size()), gunzip_prefix(broken)));
  EXPECT_EQ(
      bad_stats->read_error.rfind(damaged.path() + ": the gzip-compressed data is damaged (", 0),
      0u)
      << bad_stats->read_error;
  EXPECT_EQ(bad_stats->read_error, (*bad)->base_problem());
  // Well-formed gzip of something that is neither a capture nor MRT.
  const std::string text = "not a capture at all, just some text";
  const TempFile other(
      "text.gz", gzip(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
  auto not_capture = open_source_file(other.path());
  ASSERT_FALSE(not_capture.has_value());
  // Refused as a plain file of another kind is, as soon as its first bytes are out.
  EXPECT_EQ(not_capture.error(),
            other.path() + " is neither a pcap/pcapng capture nor an MRT dump");
}

TEST(CompressedCapture, Bzip2AndXzAreReadLikeThePlainCapture) {
  const ByteVector plain = sample_capture();
  const TempFile reference("sample.pcap", plain);
  const auto want = index_file(reference.path());
  ASSERT_EQ(want.size(), 3u);
  const Bytes p(plain);
  const std::size_t half = plain.size() / 2;
  // Single streams, and two streams back to back (pbzip2 writes those; xz concatenates too).
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, ByteVector>>{
           {"sample.bin", bzip2(plain)},
           {"sample.data", xz(plain)},
           {"two.pcap.bz2", join({bzip2(p.first(half)), bzip2(p.subspan(half))})},
           {"two.pcap.xz", join({xz(p.first(half)), xz(p.subspan(half))})}}) {
    SCOPED_TRACE(name);
    const TempFile compressed(name, bytes);
    std::shared_ptr<ByteStore> store;
    expect_same_rows(index_file(compressed.path(), &store), want);
    ASSERT_TRUE(store);
    EXPECT_TRUE(same_bytes(store->view(0, store->base_size()), plain));
  }
}

TEST(CompressedCapture, TruncatedOrDamagedBzip2AndXzKeepWhatCameOut) {
  const ByteVector plain = sample_capture();
  const TempFile reference("sample.pcap", plain);
  const auto want = index_file(reference.path());
  ASSERT_EQ(want.size(), 3u);
  for (const auto& [kind, packed] : std::vector<std::pair<std::string, ByteVector>>{
           {"bzip2", bzip2(plain)}, {"xz", xz(plain)}}) {
    SCOPED_TRACE(kind);
    // Cut in half. bzip2 hands out a block's bytes only once the whole block is read: this
    // one-block file gives nothing, and it is refused with the cut as the reason.
    const TempFile cut("cut." + kind, Bytes(packed).first(packed.size() / 2));
    auto truncated = open_source_file(cut.path());
    if (kind == "bzip2") {
      ASSERT_FALSE(truncated.has_value());
      EXPECT_EQ(truncated.error(), cut.path() + ": the bzip2 stream ends early after " +
                                       std::to_string(packed.size() / 2) +
                                       " compressed bytes; the 0 bytes decompressed before "
                                       "that are kept");
    } else {
      ASSERT_TRUE(truncated.has_value()) << truncated.error();
      RecordCollector sink;
      const auto stats = index_capture(*truncated, sink);
      ASSERT_TRUE(stats.has_value()) << stats.error();
      const std::uint64_t kept = (*truncated)->base_size();
      EXPECT_LT(kept, plain.size());
      EXPECT_TRUE(same_bytes((*truncated)->view(0, kept), Bytes(plain).first(kept)));
      EXPECT_EQ(stats->read_error, cut.path() + ": the xz stream ends early after " +
                                       std::to_string(packed.size() / 2) +
                                       " compressed bytes; the " + std::to_string(kept) +
                                       " bytes decompressed before that are kept");
    }
    // A damaged check value near the end: every byte is out before the check fails, so the
    // whole capture is indexed, and the damage is the read error.
    ByteVector broken = packed;
    broken[broken.size() - 3] ^= 0x55;
    const TempFile damaged("damaged." + kind, broken);
    RecordCollector sink;
    auto bad = open_source_file(damaged.path());
    ASSERT_TRUE(bad.has_value()) << bad.error();
    const auto stats = index_capture(*bad, sink);
    ASSERT_TRUE(stats.has_value()) << stats.error();
    expect_same_rows(sink.records, want);
    EXPECT_TRUE(same_bytes((*bad)->view(0, (*bad)->base_size()), plain));
    EXPECT_EQ(stats->read_error.rfind(
                  damaged.path() + ": the " + kind + "-compressed data is damaged (", 0),
              0u)
        << stats->read_error;
    EXPECT_EQ(stats->read_error, (*bad)->base_problem());
  }
  const std::string text = "not a capture at all, just some text";
  const TempFile other("text.xz",
                       xz(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
  auto not_capture = open_source_file(other.path());
  ASSERT_FALSE(not_capture.has_value());
  EXPECT_EQ(not_capture.error(),
            other.path() + " is neither a pcap/pcapng capture nor an MRT dump");
}

TEST(CompressedCapture, CompressionIsToldFromTheFirstBytes) {
  auto of = [](std::initializer_list<std::uint8_t> b) {
    const ByteVector v(b);
    return detect_compression(v);
  };
  EXPECT_EQ(of({0x1F, 0x8B, 0x08}), Compression::Gzip);
  EXPECT_EQ(of({'B', 'Z', 'h', '9', 0x31}), Compression::Bzip2);
  EXPECT_EQ(of({'B', 'Z', 'h', '0'}), Compression::None);  // block size 1–9 only
  EXPECT_EQ(of({0xFD, '7', 'z', 'X', 'Z', 0x00}), Compression::Xz);
  EXPECT_EQ(of({0xFD, '7', 'z', 'X', 'Z'}), Compression::None);
  EXPECT_EQ(of({0xD4, 0xC3, 0xB2, 0xA1}), Compression::None);  // a pcap
  EXPECT_EQ(of({}), Compression::None);
  // More than the limit allows: refused with the limit named, whatever the stream says.
  const ByteVector big(1 << 20, 0x42);
  auto out = decompress_all(Compression::Xz, xz(big), "big.xz", 1 << 18, 4,
                            [](Bytes) { return std::string(); });
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(
      out.error().rfind("big.xz: the xz-compressed file decompresses to more than 262144 bytes", 0),
      0u)
      << out.error();
}

}  // namespace
}  // namespace bgplens::test

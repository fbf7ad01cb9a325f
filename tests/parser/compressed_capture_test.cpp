// Compressed captures (.pcap.gz, .pcapng.bz2, .pcap.xz): recognised by their content (gzip's
// RFC 1952 §2.3.1 magic, bzip2's "BZh", xz's FD "7zXZ" 00), not their name, decompressed into
// bytes the store owns, and indexed exactly as the plain capture. Truncated or damaged data is
// a clear error. Files are written to the system's temporary directory only.
#include <gtest/gtest.h>

#include <bzlib.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "buffer/decompressor.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/source_file.h"

#include "parser/hazard_capture.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

namespace fs = std::filesystem;

// `data` as one gzip member, compressed by zlib.
ByteVector gzip(Bytes data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  ByteVector out(deflateBound(&z, data.size()) + 32);
  z.next_in = const_cast<Bytef*>(data.data());
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// `data` as one bzip2 stream, compressed by libbz2.
ByteVector bzip2(Bytes data) {
  ByteVector out(data.size() + data.size() / 100 + 600);
  auto size = static_cast<unsigned>(out.size());
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(reinterpret_cast<char*>(out.data()), &size,
                                     const_cast<char*>(reinterpret_cast<const char*>(data.data())),
                                     static_cast<unsigned>(data.size()), 9, 0, 0),
            BZ_OK);
  out.resize(size);
  return out;
}

// `data` as one .xz stream, compressed by liblzma.
ByteVector xz(Bytes data) {
  ByteVector out(lzma_stream_buffer_bound(data.size()));
  std::size_t size = 0;
  EXPECT_EQ(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr, data.data(), data.size(),
                                    out.data(), &size, out.size()),
            LZMA_OK);
  out.resize(size);
  return out;
}

// A file in the temporary directory, removed when the test is done with it.
class TempFile {
 public:
  TempFile(const std::string& name, Bytes bytes)
      : path_(fs::temp_directory_path() / ("bgplens-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream out(path_, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { fs::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

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

TEST(CompressedCapture, TruncatedOrDamagedGzipIsAClearError) {
  const ByteVector packed = gzip(sample_capture());
  // Cut in the middle of the compressed data: refused, saying so (not read as a shorter
  // capture, which would look complete when the cut falls between packets).
  const TempFile cut("cut.pcap.gz", Bytes(packed).first(packed.size() / 2));
  auto truncated = open_source_file(cut.path());
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().rfind(cut.path() + ": the gzip-compressed data ends early", 0), 0u)
      << truncated.error();
  // A damaged byte in the deflate data (or the CRC it fails).
  ByteVector broken = packed;
  broken[broken.size() / 2] ^= 0x55;
  const TempFile damaged("damaged.pcap.gz", broken);
  auto bad = open_source_file(damaged.path());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().rfind(damaged.path() + ": the gzip-compressed data is damaged (", 0), 0u)
      << bad.error();
  // Well-formed gzip of something that is not a capture.
  const std::string text = "not a capture at all, just some text";
  const TempFile other(
      "text.gz", gzip(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
  auto not_capture = open_source_file(other.path());
  ASSERT_FALSE(not_capture.has_value());
  // Refused as a plain file of another kind is, as soon as its first 4 bytes are out.
  EXPECT_EQ(not_capture.error(), other.path() + " is not a pcap or pcapng capture");
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

TEST(CompressedCapture, TruncatedOrDamagedBzip2AndXzAreClearErrors) {
  const ByteVector plain = sample_capture();
  for (const auto& [kind, packed] : std::vector<std::pair<std::string, ByteVector>>{
           {"bzip2", bzip2(plain)}, {"xz", xz(plain)}}) {
    SCOPED_TRACE(kind);
    const TempFile cut("cut." + kind, Bytes(packed).first(packed.size() / 2));
    auto truncated = open_source_file(cut.path());
    ASSERT_FALSE(truncated.has_value());
    EXPECT_EQ(
        truncated.error().rfind(cut.path() + ": the " + kind + "-compressed data ends early", 0),
        0u)
        << truncated.error();
    // A damaged check value near the end: bzip2 checks a block's CRC only after handing out
    // its bytes, so damage inside the block would first show as bytes that are no capture.
    ByteVector broken = packed;
    broken[broken.size() - 3] ^= 0x55;
    const TempFile damaged("damaged." + kind, broken);
    auto bad = open_source_file(damaged.path());
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(
        bad.error().rfind(damaged.path() + ": the " + kind + "-compressed data is damaged (", 0),
        0u)
        << bad.error();
  }
  const std::string text = "not a capture at all, just some text";
  const TempFile other("text.xz",
                       xz(Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())));
  auto not_capture = open_source_file(other.path());
  ASSERT_FALSE(not_capture.has_value());
  EXPECT_EQ(not_capture.error(), other.path() + " is not a pcap or pcapng capture");
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

// gzip-compressed captures (.pcap.gz, .pcapng.gz): recognised by their content (RFC 1952
// §2.3.1 magic), not their name, decompressed into bytes the store owns, and indexed exactly as
// the plain capture. Truncated or damaged gzip data is a clear error. Files are written to the
// system's temporary directory only.
#include <gtest/gtest.h>

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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

TEST(GzipCapture, ACompressedPcapIsReadLikeThePlainOne) {
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

TEST(GzipCapture, ACompressedPcapngFromTheSharedData) {
  const fs::path file = fs::path(shared_dir()) / "captures" / "tcpdump" / "bgp-orf.pcapng";
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file;
  const ByteVector plain((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const TempFile compressed("orf.pcapng.gz", gzip(plain));
  const auto rows = index_file(compressed.path());
  EXPECT_FALSE(rows.empty());
  expect_same_rows(rows, index_file(file.string()));
}

TEST(GzipCapture, ConcatenatedMembersAreOneFile) {
  // gzip allows members back to back (RFC 1952 §2.2), as `cat a.gz b.gz` makes.
  const ByteVector plain = sample_capture();
  const Bytes p(plain);
  const std::size_t half = plain.size() / 2;
  const TempFile compressed("two.pcap.gz", join({gzip(p.subspan(0, half)), gzip(p.subspan(half))}));
  const TempFile reference("two.pcap", plain);
  expect_same_rows(index_file(compressed.path()), index_file(reference.path()));
}

TEST(GzipCapture, TruncatedOrDamagedGzipIsAClearError) {
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

}  // namespace
}  // namespace bgplens::test

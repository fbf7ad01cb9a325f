// Robustness over the whole shared data folder: every file, whatever its name or content, is
// offered to open_source_file(); captures are indexed and every record is decoded with its
// full field tree. Nothing may crash (the sanitizer build makes that meaningful), and files
// that are not captures are refused with a one-line message. The raw messages of the ExaBGP
// corpus are decoded directly.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "capture/pcap_reader.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "test_support.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

namespace fs = std::filesystem;

using CollectingSink = RecordCollector;

std::vector<fs::path> all_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The first four bytes of a file, for telling captures from other files independently of
// the code under test: the pcap magics (both byte orders, micro- and nanosecond) and the
// pcapng Section Header Block type.
bool has_capture_magic(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char b[4] = {};
  if (!in.read(reinterpret_cast<char*>(b), 4)) return false;
  const std::uint32_t le = b[0] | (b[1] << 8) | (b[2] << 16) | (std::uint32_t{b[3]} << 24);
  const std::uint32_t be = (std::uint32_t{b[0]} << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
  for (std::uint32_t m : {le, be}) {
    if (m == 0xA1B2C3D4 || m == 0xA1B23C4D || m == 0x0A0D0D0A) return true;
  }
  return false;
}

// MRT dumps of the shared data, told by where they are (the code under test tells them by
// their content): every file under mrt/ but the bgpdump references and the README.
bool is_shared_mrt(const fs::path& path) {
  const std::string p = path.generic_string();
  return p.find("/mrt/") != std::string::npos && !p.ends_with(".bgpdump.txt.gz") &&
         !p.ends_with(".md");
}

TEST(SharedCorpus, EveryFileOpensOrIsRefusedAndEveryRecordDecodes) {
  const fs::path dir = test::shared_dir();
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is not there";
  std::size_t accepted = 0;
  std::size_t refused = 0;
  std::size_t records = 0;
  for (const fs::path& file : all_files(dir)) {
    SCOPED_TRACE(file.string());
    auto store = open_source_file(file.string());
    if (!store) {
      ++refused;
      EXPECT_FALSE(has_capture_magic(file));
      EXPECT_FALSE(is_shared_mrt(file));
      EXPECT_EQ(store.error(), file.string() + " is neither a pcap/pcapng capture nor an MRT dump");
      continue;
    }
    ++accepted;
    const bool mrt = is_shared_mrt(file);
    EXPECT_TRUE(has_capture_magic(file) || mrt);
    EXPECT_EQ(source_kind(**store), mrt ? SourceKind::Mrt : SourceKind::Capture);
    CollectingSink sink;
    const auto stats = index_source(*store, sink);
    ASSERT_TRUE(stats.has_value()) << stats.error();
    EXPECT_EQ(stats->records, sink.records.size());
    records += sink.records.size();
    // MRT rows are decoded by MrtIndex.EveryRowOfEveryFileDecodesWithinItsRecord.
    if (mrt) continue;
    for (const MessageRecord& r : sink.records) {
      EXPECT_LT(r.context, sink.table.contexts.size());
      const DecodedMessage d = decode_record(**store, sink.table, r, Depth::Tree);
      ASSERT_TRUE(test::tree_well_formed(d.tree)) << "frame " << r.frame;
      (void)record_summary(r, d);
    }
  }
  EXPECT_GT(accepted, 100u);
  EXPECT_GT(refused, 100u);
  EXPECT_GT(records, 10000u);
}

TEST(SharedCorpus, OpeningWhatIsNotACaptureFile) {
  const fs::path tmp = fs::temp_directory_path();
  auto missing = open_source_file((tmp / "bgplens-no-such-file.pcap").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().find("cannot open"), std::string::npos);
  EXPECT_NE(missing.error().find("No such file or directory"), std::string::npos);

  auto directory = open_source_file(tmp.string());
  ASSERT_FALSE(directory.has_value());
  EXPECT_NE(directory.error().find("not a regular file"), std::string::npos);

  const fs::path empty = tmp / ("bgplens-empty-" + std::to_string(::getpid()));
  { std::ofstream touch(empty); }
  auto e = open_source_file(empty.string());
  fs::remove(empty);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error(), empty.string() + " is neither a pcap/pcapng capture nor an MRT dump");
}

TEST(SharedCorpus, CapturesCutShortAnywhereStillIndex) {
  // Two captures of the shared data (pcap and pcapng), cut at every length: the reader
  // reports the damage, the index holds what came before it, and it all decodes.
  const fs::path dir = fs::path(test::shared_dir()) / "captures" / "tcpdump";
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " is not there";
  const fs::path cut = fs::temp_directory_path() / ("bgplens-cut-" + std::to_string(::getpid()));
  for (const char* name : {"bgp-addpath.pcap", "bgp-orf.pcapng"}) {
    std::ifstream in(dir / name, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 200u) << name;
    for (std::size_t keep = 4; keep < bytes.size(); ++keep) {
      SCOPED_TRACE(testing::Message() << name << " cut to " << keep << " bytes");
      {
        std::ofstream out(cut, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(keep));
      }
      auto store = open_source_file(cut.string());
      ASSERT_TRUE(store.has_value());
      CollectingSink sink;
      const auto stats = index_capture(*store, sink);
      if (!stats) continue;  // too short for the file header: refused with a message
      for (const MessageRecord& r : sink.records) {
        const DecodedMessage d = decode_record(**store, sink.table, r, Depth::Tree);
        EXPECT_TRUE(test::tree_well_formed(d.tree));
      }
    }
  }
  fs::remove(cut);
}

// The "hex" string of one line of cases.jsonl.
std::vector<std::uint8_t> hex_field(const std::string& line) {
  std::vector<std::uint8_t> out;
  const std::string key = "\"hex\":\"";
  const auto at = line.find(key);
  if (at == std::string::npos) return out;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = at + key.size(); i + 1 < line.size(); i += 2) {
    const int hi = nibble(line[i]);
    const int lo = nibble(line[i + 1]);
    if (hi < 0 || lo < 0) break;
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return out;
}

TEST(SharedCorpus, ExaBgpMessagesDecodeConsistently) {
  const fs::path cases = fs::path(test::shared_dir()) / "exabgp-qa" / "cases.jsonl";
  ASSERT_TRUE(fs::exists(cases)) << cases << " is not there";
  std::ifstream in(cases);
  std::string line;
  std::size_t decoded = 0;
  while (std::getline(in, line)) {
    const std::vector<std::uint8_t> message = hex_field(line);
    if (message.empty()) continue;
    SCOPED_TRACE(line.substr(0, 80));
    const bool as4 = line.find("\"asn4\":true") != std::string::npos;
    // Without the session (heuristics) and with the AS size the case was made for.
    test::decode_checked(message, PeerContext{});
    const DecodedMessage d = test::decode_checked(message, test::negotiated(as4));
    if (plausible_header(message)) {
      EXPECT_EQ(d.declared_length, message.size());
    }
    ++decoded;
  }
  EXPECT_GT(decoded, 400u);
}

}  // namespace
}  // namespace bgplens

// The CLI contract's JSONL for MRT dumps (README, "CLI"): every row of every shared dump has
// the contract's keys with MRT's values, offsets inside the record, and a RIB entry is one
// object. RIB entries are checked one by one against the `--format bgpdump` lines of the same
// file (themselves checked against bgpdump 1.6.2 by mrt_reference_test.cpp): the same entries
// in the same order, with the same time, peer and prefix.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "mrt_files.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

using Json = nlohmann::json;
// time (whole seconds), peer address, prefix
using Entry = std::tuple<std::int64_t, std::string, std::string>;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

// An address or prefix in one spelling: bgpdump shortens a single zero group of IPv6 ("::"),
// RFC 5952 §4.2.2 (which BGP Lens follows) does not. Unparsable text stays as it is.
std::string canonical(const std::string& text) {
  const std::size_t slash = text.find('/');
  const std::string address = text.substr(0, slash);
  const bool v6 = address.find(':') != std::string::npos;
  unsigned char raw[16];
  char out[INET6_ADDRSTRLEN];
  if (::inet_pton(v6 ? AF_INET6 : AF_INET, address.c_str(), raw) != 1 ||
      !::inet_ntop(v6 ? AF_INET6 : AF_INET, raw, out, sizeof out))
    return text;
  return std::string(out) + (slash == std::string::npos ? "" : text.substr(slash));
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t bar = line.find('|'); bar != std::string::npos; bar = line.find('|', start)) {
    out.push_back(line.substr(start, bar - start));
    start = bar + 1;
  }
  out.push_back(line.substr(start));
  return out;
}

// The RIB entries of bgpdump's lines: TABLE_DUMP|time|B|peer|peer AS|prefix|... and
// TABLE_DUMP2 and TABLE_DUMP2_AP (ADD-PATH) the same.
std::vector<Entry> bgpdump_entries(const std::vector<std::string>& lines) {
  std::vector<Entry> out;
  for (const std::string& line : lines) {
    const std::vector<std::string> f = fields_of(line);
    if (f.size() < 6 || (f[0] != "TABLE_DUMP" && f[0] != "TABLE_DUMP2" && f[0] != "TABLE_DUMP2_AP"))
      continue;
    // A VPN route is "RD:prefix", the RD itself "a:b" (bgpdump's form for RIB_GENERIC).
    std::string prefix = f[5];
    const std::size_t first = prefix.find(':');
    const std::size_t second = first == std::string::npos ? first : prefix.find(':', first + 1);
    if (second != std::string::npos && prefix.find('.') != std::string::npos &&
        prefix.find('.') > second)
      prefix = prefix.substr(second + 1);
    out.emplace_back(std::stoll(f[1]), canonical(f[3]), canonical(prefix));
  }
  return out;
}

bool is_rib_file(const std::string& name) {
  return name.find("rib") != std::string::npos || name.find("bview") != std::string::npos;
}

std::vector<std::string> rib_files() {
  std::vector<std::string> out;
  for (const std::string& f : dump_files()) {
    if (is_rib_file(f)) out.push_back(f);
  }
  return out;
}

// The first kMaxLines lines a command prints (the large RIBs print millions; their first lines
// are enough here), and whether it ran to its end: exit status 0, or it was cut by `head`.
constexpr int kMaxLines = 20000;
struct Lines {
  std::vector<std::string> lines;
  bool ok = false;
  bool cut = false;
};
Lines first_lines(const std::string& command) {
  const CommandResult r = run_command("bash -c \"set -o pipefail; " + command +
                                      " 2>/dev/null | head -n " + std::to_string(kMaxLines) + "\"");
  Lines out;
  out.lines = lines_of(r.out);
  out.cut = out.lines.size() == static_cast<std::size_t>(kMaxLines);
  out.ok = r.exit_code == 0 || (out.cut && r.exit_code == 141);  // 141: SIGPIPE from head
  return out;
}

class MrtJsonl : public ::testing::TestWithParam<std::string> {};

TEST_P(MrtJsonl, RowsKeepTheContractAndRibEntriesMatchTheBgpdumpLines) {
  const std::string file = (mrt_root() / GetParam()).string();
  const Lines jsonl = first_lines(cli_path() + " decode --all '" + file + "'");
  ASSERT_TRUE(jsonl.ok) << file;
  const Lines lines = first_lines(cli_path() + " decode --format bgpdump '" + file + "'");
  ASSERT_TRUE(lines.ok) << file;

  std::vector<Entry> entries;
  std::int64_t expected_n = 0;
  std::size_t mrt_rows = 0;
  for (const std::string& line : jsonl.lines) {
    const Json row = Json::parse(line);
    SCOPED_TRACE(line.substr(0, 300));
    ASSERT_EQ(row.at("n").get<std::int64_t>(), expected_n++);
    const std::string kind = row.at("kind").get<std::string>();
    if (kind == "damaged") continue;
    ASSERT_EQ(kind, "mrt");
    ++mrt_rows;
    EXPECT_TRUE(row.at("frame").is_null());
    EXPECT_TRUE(row.at("time").is_number());
    EXPECT_TRUE(row.at("summary").is_string());
    // A PEER_INDEX_TABLE has no peer: src and dst null.
    EXPECT_TRUE(row.at("dst").is_string() || row.at("dst").is_null());
    EXPECT_TRUE(row.at("src").is_string() || row.at("src").is_null());
    const auto length = row.at("length").get<std::uint64_t>();
    EXPECT_GT(length, 0u);
    // Attributes: [code, offset, length], in order, inside the record.
    std::uint64_t attr_end = 0;
    for (const Json& a : row.at("attrs")) {
      ASSERT_EQ(a.size(), 3u);
      const auto offset = a[1].get<std::uint64_t>();
      const auto size = a[2].get<std::uint64_t>();
      EXPECT_GE(offset, attr_end);
      EXPECT_LE(offset + size, length);
      attr_end = offset + size;
    }
    for (const Json& n : row.at("nlri")) {
      EXPECT_LE(n.at("offset").get<std::uint64_t>() + n.at("length").get<std::uint64_t>(), length);
    }
    EXPECT_TRUE(row.at("errors").is_array());
    // A RIB entry: one object, its prefix the only NLRI, announced.
    const Json& nlri = row.at("nlri");
    // (BGP4MP messages have their BGP type; records 0.)
    if (row.at("type") != 0 || nlri.size() != 1 || nlri[0].at("dir") != "announce") continue;
    // A plain prefix, or the text of another NLRI, whose first word is its prefix
    // ("192.168.0.0/16 label 16 RD 65010:15").
    std::string prefix = nlri[0].contains("prefix") ? nlri[0].at("prefix").get<std::string>()
                                                    : nlri[0].at("text").get<std::string>();
    prefix = prefix.substr(0, prefix.find(' '));
    // An entry whose peer index names no peer has no src; bgpdump leaves the field empty.
    const std::string src = row.at("src").is_null() ? "" : row.at("src").get<std::string>();
    entries.emplace_back(static_cast<std::int64_t>(row.at("time").get<double>()), canonical(src),
                         canonical(prefix));
  }
  EXPECT_GT(mrt_rows, 0u);
  const std::vector<Entry> expected = bgpdump_entries(lines.lines);
  // Both whole: the same entries. One cut: the entries both hold agree.
  if (!jsonl.cut && !lines.cut) {
    ASSERT_EQ(entries.size(), expected.size()) << file;
  } else {
    ASSERT_GT(std::min(entries.size(), expected.size()), 1000u) << file;
  }
  for (std::size_t i = 0; i < std::min(entries.size(), expected.size()); ++i)
    ASSERT_EQ(entries[i], expected[i]) << file << ": RIB entry " << i;
}

INSTANTIATE_TEST_SUITE_P(SharedMrt, MrtJsonl, ::testing::ValuesIn(rib_files()), dump_test_name);

TEST(MrtJsonl, SharedRibDumpsArePresent) {
  EXPECT_GE(rib_files().size(), 10u) << "expected RIB dumps under " << mrt_root();
}

}  // namespace
}  // namespace bgplens::test

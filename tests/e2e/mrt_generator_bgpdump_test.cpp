// `bgpdump -m` (Debian's bgpdump 1.6.2, the reference MRT decoder; scripts/lib.sh installs it)
// on dumps written by `bgplens-cli generate mrt-rib` and `generate mrt-updates`: it must read
// every record and print one line per RIB entry, per announced or withdrawn prefix and per
// state change, as many as the generator says it wrote, and each line must say what the
// tests' own MRT reader (tests/parser/mrt_test_reader.h) finds at that place in the file:
// peer, prefix, AS path, origin, next hop, MED, communities, aggregation. The compressed
// forms must give bgpdump the same lines.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "parser/mrt_test_reader.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

namespace rd = mrt;
namespace fs = std::filesystem;

class MrtGeneratorBgpdump : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bgplens-mrtgen.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ASSERT_EQ(run_command("command -v bgpdump >/dev/null").exit_code, 0)
        << "bgpdump is not installed (it is in BGPLENS_TEST_PACKAGES, scripts/lib.sh)";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs `bgplens-cli generate ARGS` and returns its summary line.
  std::string generate(const std::string& args) {
    const CommandResult r = run_command(cli_path() + " generate " + args + " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.out;
  }
  static std::vector<std::string> bgpdump(const std::string& path) {
    // -v: its log goes to standard error (not syslog), which is dropped.
    const CommandResult r = run_command("bgpdump -m -v '" + path + "' 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << path;
    return lines(r.out);
  }
  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
      out.push_back(line);
    return out;
  }
  static std::vector<std::uint8_t> read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  // The number just after or just before `label` in the generator's summary line. (Without
  // <regex>: GCC 12 reports false -Wmaybe-uninitialized warnings in it.)
  static std::uint64_t number_after(const std::string& text, const std::string& label) {
    const std::size_t at = text.find(label + " ");
    EXPECT_NE(at, std::string::npos) << label << ": " << text;
    return at == std::string::npos ? 0 : std::stoull(text.substr(at + label.size() + 1));
  }
  static std::uint64_t number_before(const std::string& text, const std::string& label) {
    const std::size_t at = text.find(" " + label);
    EXPECT_NE(at, std::string::npos) << label << ": " << text;
    if (at == std::string::npos) return 0;
    std::size_t from = at;
    while (from > 0 && std::isdigit(static_cast<unsigned char>(text[from - 1])))
      --from;
    return std::stoull(text.substr(from, at - from));
  }
  // Compares line by line and reports the first difference (the whole files would be noise).
  static void expect_same_lines(const std::vector<std::string>& got,
                                const std::vector<std::string>& want, const std::string& what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i)
      ASSERT_EQ(got[i], want[i]) << what << ", line " << i + 1;
  }

  std::string dir_;
};

// The lines of a TABLE_DUMP_V2 RIB, from the tests' reader.
std::vector<std::string> expected_rib_lines(const std::vector<std::uint8_t>& file,
                                            std::uint64_t* with_communities) {
  std::vector<std::string> out;
  const std::vector<rd::Record> recs = rd::records(file);
  const rd::PeerIndex index = rd::peer_index(recs.at(0));
  for (std::size_t i = 1; i < recs.size(); ++i) {
    const rd::Rib rib = rd::rib(recs[i]);
    for (const rd::RibEntry& e : rib.entries) {
      const rd::IndexPeer& peer = index.peers.at(e.peer_index);
      const rd::Attributes a = rd::attributes(e.attributes, true);
      *with_communities += !a.communities.empty();
      const std::string hop = a.mp_reach ? rd::mp_next_hop_text(a) : a.next_hop.value_or("");
      out.push_back("TABLE_DUMP2|" + rd::time_text(recs[i]) + "|B|" + peer.ip + "|" +
                    std::to_string(peer.as) + "|" + rib.prefix.text() + "|" +
                    rd::route_fields(a, hop));
    }
  }
  return out;
}

// The lines of a BGP4MP stream: withdrawals first, then announcements, IPv4 before IPv6.
std::vector<std::string> expected_update_lines(const std::vector<std::uint8_t>& file) {
  std::vector<std::string> out;
  for (const rd::Record& r : rd::records(file)) {
    const rd::Bgp4mp b = rd::bgp4mp(r);
    const std::string head =
        std::string(r.type == 17 ? "BGP4MP_ET" : "BGP4MP") + "|" + rd::time_text(r) + "|";
    const std::string peer = b.peer_ip + "|" + std::to_string(b.peer_as) + "|";
    if (b.state_change) {
      out.push_back(head + "STATE|" + peer + std::to_string(b.old_state) + "|" +
                    std::to_string(b.new_state));
      continue;
    }
    const rd::Update u = rd::update(b.message);
    for (const rd::Prefix& p : u.withdrawn)
      out.push_back(head + "W|" + peer + p.text());
    for (const rd::Prefix& p : u.attributes.mp_unreach_nlri)
      out.push_back(head + "W|" + peer + p.text());
    for (const rd::Prefix& p : u.nlri)
      out.push_back(head + "A|" + peer + p.text() + "|" +
                    rd::route_fields(u.attributes, u.attributes.next_hop.value_or("")));
    for (const rd::Prefix& p : u.attributes.mp_reach_nlri)
      out.push_back(head + "A|" + peer + p.text() + "|" +
                    rd::route_fields(u.attributes, rd::mp_next_hop_text(u.attributes)));
  }
  return out;
}

constexpr const char* kTable = "--ipv4 2500 --ipv6 600 --peers 16 --seed 3";

TEST_F(MrtGeneratorBgpdump, RibLinesMatchTheEntries) {
  const std::string plain = dir_ + "/rib.mrt";
  const std::string said = generate(std::string("mrt-rib ") + kTable + " " + plain);
  const std::uint64_t entries = number_before(said, "RIB entries");
  EXPECT_EQ(number_before(said, "records"), 1 + 2500 + 600);
  const std::vector<std::string> got = bgpdump(plain);
  EXPECT_EQ(got.size(), entries);
  std::uint64_t with_communities = 0;
  const std::vector<std::string> want = expected_rib_lines(read(plain), &with_communities);
  EXPECT_EQ(want.size(), entries);
  expect_same_lines(got, want, "bgpdump -m " + plain);
  // Not only empty fields compared: the lines carry communities, AS_SETs and aggregators.
  EXPECT_GT(with_communities, entries / 4);
  EXPECT_TRUE(std::any_of(got.begin(), got.end(), [](const std::string& l) {
    return l.find("|AG|") != std::string::npos;
  }));
  EXPECT_TRUE(std::any_of(got.begin(), got.end(),
                          [](const std::string& l) { return l.find('{') != std::string::npos; }));
  EXPECT_TRUE(std::any_of(got.begin(), got.end(), [](const std::string& l) {
    return l.find("|B|2001:7f8:") != std::string::npos;
  })) << "IPv6 peers";

  // (bgpdump tells compressed files by their names: .gz, .bz2.)
  for (const auto& [c, suffix] : {std::pair{"gzip", ".gz"}, std::pair{"bzip2", ".bz2"}}) {
    const std::string packed = dir_ + "/rib.mrt" + suffix;
    const std::string said_packed =
        generate(std::string("mrt-rib ") + kTable + " --compress " + c + " " + packed);
    EXPECT_EQ(number_before(said_packed, "RIB entries"), entries) << c;
    EXPECT_EQ(number_before(said_packed, "bytes uncompressed"), fs::file_size(plain)) << c;
    EXPECT_LT(fs::file_size(packed), fs::file_size(plain) / 3) << c;
    expect_same_lines(bgpdump(packed), got, std::string("bgpdump -m of the ") + c + " file");
  }
}

TEST_F(MrtGeneratorBgpdump, UpdateLinesMatchTheMessages) {
  for (const bool et : {false, true}) {
    const std::string path = dir_ + (et ? "/updates-et.mrt" : "/updates.mrt");
    const std::string said = generate(std::string("mrt-updates --messages 3000 ") + kTable +
                                      (et ? " --extended-time " : " ") + path);
    EXPECT_EQ(number_before(said, "records"), 3000u);
    const std::uint64_t states = number_after(said, "STATE_CHANGE_AS4");
    const std::uint64_t announced = number_after(said, "prefixes announced");
    const std::uint64_t withdrawn = number_after(said, "withdrawn");
    EXPECT_GT(states, 0u);
    EXPECT_GT(withdrawn, 0u);
    const std::vector<std::string> got = bgpdump(path);
    EXPECT_EQ(got.size(), announced + withdrawn + states) << path;
    expect_same_lines(got, expected_update_lines(read(path)), "bgpdump -m " + path);
    EXPECT_EQ(
        std::count_if(got.begin(), got.end(),
                      [](const std::string& l) { return l.find("|STATE|") != std::string::npos; }),
        static_cast<std::ptrdiff_t>(states));
    if (et) {
      const std::string packed = path + ".bz2";
      generate(std::string("mrt-updates --messages 3000 ") + kTable +
               " --extended-time --compress bzip2 " + packed);
      expect_same_lines(bgpdump(packed), got, "bgpdump -m of the bzip2 update file");
    }
  }
}

}  // namespace
}  // namespace bgplens::test

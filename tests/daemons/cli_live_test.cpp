// `bgplens-cli live` against gobgpd: the JSON lines (README, "CLI") show both OPENs, the
// KEEPALIVEs both ways and gobgpd's UPDATEs with the prefixes it was told to announce; the
// session recorded with --write reopens with `bgplens-cli decode` as the same messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "daemons/daemon_harness.h"
#include "test_support.h"

namespace bgplens::daemons {
namespace {

using json = nlohmann::json;

std::vector<json> parse_lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(json::parse(line, nullptr, false));
  }
  return lines;
}

// What a message line says, whatever file or session it came from: the type, who sent it
// (gobgpd or us) and the NLRI texts.
struct Said {
  int type = 0;
  bool from_gobgp = false;
  std::vector<std::string> nlri;
  bool operator==(const Said&) const = default;
};

std::vector<Said> said(const std::vector<json>& lines, const std::string& gobgp_host) {
  std::vector<Said> out;
  for (const json& l : lines) {
    if (l.is_discarded() || !l.contains("type")) continue;
    Said s{l["type"].get<int>(), l["src"].get<std::string>().starts_with(gobgp_host), {}};
    if (l.contains("nlri") && l["nlri"].is_array()) {
      for (const json& n : l["nlri"])
        s.nlri.push_back(n["text"].get<std::string>());
    }
    out.push_back(std::move(s));
  }
  return out;
}

TEST(CliLiveDaemon, GoBgpSessionPrintsBothDirectionsAndRecordsWhatReopensTheSame) {
  // gobgpd at 127.0.0.8 waits for us; the CLI connects from 127.0.0.1.
  const std::uint16_t port = free_port("127.0.0.8");
  GoBgpConfig config;
  config.address = "127.0.0.8";
  config.port = port;
  GoBgp gobgp;
  ASSERT_EQ(gobgp.start(config), "");
  ASSERT_EQ(gobgp.add_route({"10.1.0.0/16", "nexthop", "192.0.2.1", "-a", "ipv4"}), "");
  ASSERT_EQ(gobgp.add_route({"2001:db8:1::/48", "nexthop", "2001:db8::1", "-a", "ipv6"}), "");

  const std::string mrt = gobgp.dir().file("session.mrt");
  const test::CommandResult live = test::run_command(
      test::cli_path() + " live --connect 127.0.0.8:" + std::to_string(port) +
      " --local-as 65001 --peer-as 65002 --router-id 10.0.0.1 --family ipv4-unicast"
      " --family ipv6-unicast --duration 5 --write '" +
      mrt + "' 2>'" + gobgp.dir().file("live.err") + "'");
  ASSERT_EQ(live.exit_code, 0) << read_text(gobgp.dir().file("live.err"));
  const std::vector<json> lines = parse_lines(live.out);
  for (const json& l : lines)
    ASSERT_FALSE(l.is_discarded()) << "not a JSON line in:\n" << live.out;
  const std::vector<Said> messages = said(lines, "127.0.0.8:");

  // Both OPENs and KEEPALIVEs both ways (RFC 4271 §8.2.2: OPEN, then KEEPALIVE to confirm it).
  auto count = [&](int type, bool from_gobgp) {
    return std::count_if(messages.begin(), messages.end(), [&](const Said& s) {
      return s.type == type && s.from_gobgp == from_gobgp;
    });
  };
  EXPECT_EQ(count(1, true), 1) << live.out;
  EXPECT_EQ(count(1, false), 1) << live.out;
  EXPECT_GE(count(4, true), 1) << live.out;
  EXPECT_GE(count(4, false), 1) << live.out;
  EXPECT_EQ(count(2, false), 0) << "we never send an UPDATE";
  std::set<std::string> announced;
  for (const Said& s : messages) {
    if (s.type == 2 && s.from_gobgp) announced.insert(s.nlri.begin(), s.nlri.end());
  }
  EXPECT_EQ(announced, (std::set<std::string>{"10.1.0.0/16", "2001:db8:1::/48"})) << live.out;
  // Every line has the contract's keys.
  for (const json& l : lines) {
    for (const char* key : {"n", "time", "src", "dst", "type", "length"})
      EXPECT_TRUE(l.contains(key)) << key << " missing in " << l.dump();
  }

  // The recording reopens as the same messages, the same way round.
  const test::CommandResult reopened =
      test::run_command(test::cli_path() + " decode '" + mrt + "' 2>&1");
  ASSERT_EQ(reopened.exit_code, 0) << reopened.out;
  EXPECT_EQ(said(parse_lines(reopened.out), "127.0.0.8"), messages) << reopened.out;
}

}  // namespace
}  // namespace bgplens::daemons

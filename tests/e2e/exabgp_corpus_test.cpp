// ExaBGP's decoding corpus (../shared/exabgp-qa/cases.jsonl): every raw message decodes under
// the sanitizers without a crash, with the context the case assumes, and the walk is
// consistent: the same problems at every depth, every node's bytes inside its parent's.
// (Comparing the decoded NLRI and attribute values with ExaBGP's JSON is issue #3.)
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>

#include "bgp/message_decoder.h"
#include "reference_compare.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// ExaBGP's family names ("ipv4 unicast", "l2vpn evpn") as AFI/SAFI.
std::optional<Family> exabgp_family(const std::string& name) {
  static const std::map<std::string, std::uint16_t> afis{
      {"ipv4", 1}, {"ipv6", 2}, {"l2vpn", 25}, {"bgp-ls", 16388}};
  static const std::map<std::string, std::uint8_t> safis{
      {"unicast", 1}, {"multicast", 2}, {"nlri-mpls", 4},  {"mcast-vpn", 5}, {"vpls", 65},
      {"evpn", 70},   {"bgp-ls", 71},   {"sr-policy", 73}, {"mup", 85},      {"mpls-vpn", 128},
      {"rtc", 132},   {"flow", 133},    {"flow-vpn", 134}};
  const auto space = name.find(' ');
  if (space == std::string::npos) return std::nullopt;
  const auto a = afis.find(name.substr(0, space));
  const auto s = safis.find(name.substr(space + 1));
  if (a == afis.end() || s == safis.end()) return std::nullopt;
  return Family{a->second, s->second};
}

PeerContext context_of(const Json& c) {
  PeerContext ctx;
  ctx.open_sent = 0;
  ctx.open_received = 1;
  ctx.as4 = !c.contains("asn4") || !c["asn4"].is_boolean() || c["asn4"].get<bool>();
  ctx.as4_from = Provenance::Override;
  ctx.add_path_from = Provenance::Override;
  const Json families = c.contains("add_path_families") && c["add_path_families"].is_array()
                            ? c["add_path_families"]
                            : Json::array();
  for (const Json& f : families) {
    if (const auto fam = exabgp_family(f.get<std::string>())) ctx.add_path.push_back(*fam);
  }
  ctx.extended_message = c.contains("extended_message") && c["extended_message"].is_boolean() &&
                         c["extended_message"].get<bool>();
  ctx.extended_message_from = Provenance::Override;
  return ctx;
}

void check_nesting(const FieldTree& t, const std::string& name) {
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    const FieldNode& n = t.node(i);
    const FieldNode& p = t.node(static_cast<std::uint32_t>(n.parent));
    if (n.length == 0 || n.parent == 0 || p.length == 0) continue;
    EXPECT_GE(n.offset, p.offset) << name << " node " << i;
    EXPECT_LE(n.offset + n.length, p.offset + p.length) << name << " node " << i;
  }
}

TEST(ExabgpCorpus, EveryMessageDecodesConsistently) {
  std::ifstream in(shared_dir() + "/exabgp-qa/cases.jsonl");
  ASSERT_TRUE(in.good()) << "missing " << shared_dir() << "/exabgp-qa/cases.jsonl";
  std::string line;
  int decoded = 0;
  while (std::getline(in, line)) {
    const Json c = Json::parse(line);
    const std::string hex =
        c.contains("hex") && c["hex"].is_string() ? c["hex"].get<std::string>() : "";
    const std::string name =
        c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>() : "";
    if (hex.size() < 38 ||
        (hex.substr(0, 32) != std::string(32, 'F') && hex.substr(0, 32) != std::string(32, 'f'))) {
      continue;  // the one bare NLRI of the corpus has no message around it
    }
    const std::vector<std::uint8_t> bytes = from_hex(hex);
    const Json& context =
        c.contains("context") && c["context"].is_object() ? c["context"] : Json::object();
    const PeerContext ctx = context_of(context);
    const DecodedMessage tree = decode_message(bytes, ctx, Depth::Tree);
    const DecodedMessage summary = decode_message(bytes, ctx, Depth::Summary);
    EXPECT_EQ(tree.type, bytes[18]) << name;
    EXPECT_EQ(tree.declared_length, bytes.size()) << name;
    EXPECT_EQ(tree.problems.size(), summary.problems.size()) << name;
    EXPECT_EQ(tree.update.announced, summary.update.announced) << name;
    EXPECT_EQ(tree.update.withdrawn, summary.update.withdrawn) << name;
    check_nesting(tree.tree, name);
    ++decoded;
  }
  EXPECT_GT(decoded, 400);
}

}  // namespace
}  // namespace bgplens::test

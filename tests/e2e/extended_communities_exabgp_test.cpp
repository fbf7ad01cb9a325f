// Extended communities against ExaBGP's corpus (../shared/exabgp-qa/cases.jsonl): for every case
// whose expected JSON lists "extended-community" (value = the 8 octets as a big-endian integer,
// string = ExaBGP's text) or "extended-community-ipv6" (the 20 octets), our community nodes
// cover exactly those octets in the same order, and our text is ExaBGP's wherever both follow
// the same convention. The one convention that differs is listed with the RFC rule.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

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

// A decimal number as `size` big-endian octets. The 20-octet IPv6 communities do not fit a JSON
// number nlohmann keeps exactly, so their digits are read from the raw line.
std::vector<std::uint8_t> decimal_octets(const std::string& digits, std::size_t size) {
  std::vector<std::uint8_t> out(size, 0);
  for (const char d : digits) {
    unsigned carry = static_cast<unsigned>(d - '0');
    for (std::size_t i = size; i-- > 0;) {
      const unsigned v = out[i] * 10u + carry;
      out[i] = static_cast<std::uint8_t>(v & 0xFF);
      carry = v >> 8;
    }
  }
  return out;
}

struct Expected {
  std::vector<std::uint8_t> octets;
  std::string text;
};

// The communities of one case, in ExaBGP's order: the 8-octet ones from the parsed JSON, the
// 20-octet ones from the raw text.
std::vector<Expected> expected_communities(const Json& expected, const std::string& line) {
  std::vector<Expected> out;
  const auto walk = [&](const auto& self, const Json& j) -> void {
    if (j.is_object()) {
      for (const auto& [key, value] : j.items()) {
        if (key == "extended-community" && value.is_array()) {
          for (const Json& c : value) {
            const std::uint64_t v = c.at("value").get<std::uint64_t>();
            std::vector<std::uint8_t> octets(8);
            for (int i = 0; i < 8; ++i)
              octets[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
            out.push_back({octets, c.value("string", "")});
          }
        } else {
          self(self, value);
        }
      }
    } else if (j.is_array()) {
      for (const Json& x : j)
        self(self, x);
    }
  };
  walk(walk, expected);
  static const std::regex ipv6_list(R"re("extended-community-ipv6"\s*:\s*\[([^\]]*)\])re");
  static const std::regex item(R"re("value"\s*:\s*([0-9]+)\s*,\s*"string"\s*:\s*"([^"]*)")re");
  for (auto m = std::sregex_iterator(line.begin(), line.end(), ipv6_list);
       m != std::sregex_iterator(); ++m) {
    const std::string list = (*m)[1];
    for (auto i = std::sregex_iterator(list.begin(), list.end(), item); i != std::sregex_iterator();
         ++i) {
      out.push_back({decimal_octets((*i)[1], 20), (*i)[2]});
    }
  }
  return out;
}

struct Ours {
  std::vector<std::uint8_t> octets;
  std::string text;
};

std::vector<Ours> our_communities(const DecodedMessage& m, const std::vector<std::uint8_t>& bytes) {
  std::vector<Ours> out;
  for (std::uint32_t i = 1; i < m.tree.size(); ++i) {
    const FieldNode& n = m.tree.node(i);
    if (n.field != FieldId::ExtCommunity && n.field != FieldId::Ipv6ExtCommunity) continue;
    if (n.offset + n.length > bytes.size()) continue;
    out.push_back(
        {std::vector<std::uint8_t>(bytes.begin() + n.offset, bytes.begin() + n.offset + n.length),
         std::string(m.tree.value(i))});
  }
  return out;
}

// Where ExaBGP's text follows another convention than ours, and why ours is the RFC's.
std::string known_convention_difference(const std::vector<std::uint8_t>& octets) {
  if (octets.size() == 8 && octets[0] == 0x00 && octets[1] == 0x03) {
    return "RFC 4360 §5: a two-octet-AS Route Origin's Local Administrator is a 4-octet number; "
           "ExaBGP prints it as an IPv4 address";
  }
  return "";
}

// ExaBGP's family names ("ipv4 unicast", "l2vpn evpn") as AFI/SAFI, for the ADD-PATH families.
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

// The session the case assumes (its "context"), as exabgp_corpus_test.cpp reads it.
PeerContext context_of(const Json& c) {
  PeerContext ctx;
  ctx.open_sent = 0;
  ctx.open_received = 1;
  ctx.as4 = !c.contains("asn4") || !c["asn4"].is_boolean() || c["asn4"].get<bool>();
  ctx.as4_from = Provenance::Override;
  ctx.add_path_from = Provenance::Override;
  if (c.contains("add_path_families") && c["add_path_families"].is_array()) {
    for (const Json& f : c["add_path_families"]) {
      if (!f.is_string()) continue;
      if (const auto family = exabgp_family(f.get<std::string>())) ctx.add_path.push_back(*family);
    }
  }
  ctx.extended_message = c.contains("extended_message") && c["extended_message"].is_boolean() &&
                         c["extended_message"].get<bool>();
  ctx.extended_message_from = Provenance::Override;
  return ctx;
}

std::string type_key(const std::vector<std::uint8_t>& octets) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s0x%02x%02x", octets.size() == 20 ? "v6 " : "", octets[0],
                octets[1]);
  return buf;
}

TEST(ExtendedCommunitiesExabgp, OctetsAndTextsAgreeWithExabgp) {
  std::ifstream in(shared_dir() + "/exabgp-qa/cases.jsonl");
  ASSERT_TRUE(in.good()) << "missing " << shared_dir() << "/exabgp-qa/cases.jsonl";
  struct Row {
    int communities = 0;
    int same_text = 0;
    int known_difference = 0;
  };
  std::map<std::string, Row> table;  // by type and sub-type
  std::map<std::string, int> differences;
  int cases = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("\"extended-community") == std::string::npos) continue;
    const Json c = Json::parse(line);
    if (!c.contains("expected") || !c["expected"].is_object()) continue;
    const std::vector<Expected> expected = expected_communities(c["expected"], line);
    if (expected.empty()) continue;
    ++cases;
    const std::string name = c.value("name", "");
    const std::vector<std::uint8_t> bytes = from_hex(c.value("hex", ""));
    const Json& context =
        c.contains("context") && c["context"].is_object() ? c["context"] : Json::object();
    const DecodedMessage m = decode_message(bytes, context_of(context), Depth::Tree);
    const std::vector<Ours> ours = our_communities(m, bytes);
    ASSERT_EQ(ours.size(), expected.size()) << name;
    for (std::size_t i = 0; i < ours.size(); ++i) {
      EXPECT_EQ(ours[i].octets, expected[i].octets) << name << " community " << i;
      Row& row = table[type_key(expected[i].octets)];
      ++row.communities;
      if (ours[i].text == expected[i].text) {
        ++row.same_text;
        continue;
      }
      const std::string why = known_convention_difference(expected[i].octets);
      EXPECT_FALSE(why.empty()) << name << ": ours \"" << ours[i].text << "\", ExaBGP \""
                                << expected[i].text << "\"";
      if (!why.empty()) ++row.known_difference;
      const std::string pair =
          "ExaBGP \"" + expected[i].text + "\" / ours \"" + ours[i].text + "\"";
      ++differences[pair + " — " + why];
    }
  }
  EXPECT_GE(cases, 100);
  // The table of the report.
  std::cout << "type/sub-type  communities  same text  known convention difference\n";
  int total = 0;
  int same = 0;
  for (const auto& [key, row] : table) {
    std::cout << key << "  " << row.communities << "  " << row.same_text << "  "
              << row.known_difference << "\n";
    total += row.communities;
    same += row.same_text;
  }
  std::cout << "all  " << total << "  " << same << "  " << total - same << " (in " << cases
            << " cases)\n";
  for (const auto& [text, count] : differences)
    std::cout << count << "× " << text << "\n";
}

}  // namespace
}  // namespace bgplens::test

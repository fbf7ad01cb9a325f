// Extended communities against ExaBGP's corpus (../shared/exabgp-qa/cases.jsonl): for every case
// whose expected JSON lists "extended-community" (value = the 8 octets as a big-endian integer,
// string = ExaBGP's text) or "extended-community-ipv6" (the 20 octets), our community nodes
// cover exactly those octets in the same order, and our text is ExaBGP's wherever both follow
// the same convention. The one convention that differs is listed with the RFC rule.
#include <gtest/gtest.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "exabgp_case.h"
#include "reference_compare.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

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
  // The IPv6 lists are scanned by hand: their values exceed what a JSON number keeps exactly.
  // (std::regex is avoided: GCC 12 warns inside it at -O2 with the sanitizers.)
  const std::string key = "\"extended-community-ipv6\"";
  for (std::size_t at = line.find(key); at != std::string::npos; at = line.find(key, at + 1)) {
    const std::size_t open = line.find('[', at);
    const std::size_t close = line.find(']', open);
    if (open == std::string::npos || close == std::string::npos) break;
    const std::string list = line.substr(open + 1, close - open - 1);
    for (std::size_t v = list.find("\"value\""); v != std::string::npos;
         v = list.find("\"value\"", v + 1)) {
      const std::size_t digits = list.find_first_of("0123456789", v);
      const std::size_t digits_end = list.find_first_not_of("0123456789", digits);
      const std::size_t str = list.find("\"string\"", v);
      const std::size_t text_open = list.find('"', list.find(':', str) + 1);
      const std::size_t text_close = list.find('"', text_open + 1);
      if (digits == std::string::npos || str == std::string::npos ||
          text_close == std::string::npos)
        break;
      out.push_back({decimal_octets(list.substr(digits, digits_end - digits), 20),
                     list.substr(text_open + 1, text_close - text_open - 1)});
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

std::string type_key(const std::vector<std::uint8_t>& octets) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s0x%02x%02x", octets.size() == 20 ? "v6 " : "", octets[0],
                octets[1]);
  return buf;
}

TEST(ExtendedCommunitiesExabgp, OctetsAndTextsAgreeWithExabgp) {
  const std::vector<ExabgpCase> all = load_exabgp_cases();
  ASSERT_FALSE(all.empty()) << "missing " << exabgp_cases_path();
  struct Row {
    int communities = 0;
    int same_text = 0;
    int known_difference = 0;
  };
  std::map<std::string, Row> table;  // by type and sub-type
  std::map<std::string, int> differences;
  int cases = 0;
  for (const ExabgpCase& c : all) {
    if (c.line.find("\"extended-community") == std::string::npos || !c.expected()) continue;
    const std::vector<Expected> expected = expected_communities(*c.expected(), c.line);
    if (expected.empty()) continue;
    ++cases;
    const std::string& name = c.name;
    const std::vector<std::uint8_t>& bytes = c.bytes;
    const DecodedMessage m = decode_message(bytes, context_of(c.context()), Depth::Tree);
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
  EXPECT_GT(cases, 0);
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

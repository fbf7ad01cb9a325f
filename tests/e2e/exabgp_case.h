// ExaBGP's corpus (../shared/exabgp-qa/cases.jsonl, see its README.md) as the e2e tests read it:
// one case a line, with its message bytes and the session context the case assumes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bgp/peer_context.h"
#include "reference_compare.h"
#include "test_support.h"

namespace bgplens::test {

inline std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// ExaBGP's family names ("ipv4 unicast", "l2vpn evpn") as AFI/SAFI.
inline std::optional<Family> exabgp_family(const std::string& name) {
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

// The reverse: "ipv4 unicast" for 1/1; "afi/safi" for a family ExaBGP has no name for.
inline std::string exabgp_family_name(Family f) {
  static const std::map<std::uint16_t, std::string> afis{
      {1, "ipv4"}, {2, "ipv6"}, {25, "l2vpn"}, {16388, "bgp-ls"}};
  static const std::map<std::uint8_t, std::string> safis{
      {1, "unicast"}, {2, "multicast"}, {4, "nlri-mpls"},  {5, "mcast-vpn"}, {65, "vpls"},
      {70, "evpn"},   {71, "bgp-ls"},   {73, "sr-policy"}, {85, "mup"},      {128, "mpls-vpn"},
      {132, "rtc"},   {133, "flow"},    {134, "flow-vpn"}};
  const auto a = afis.find(f.afi);
  const auto s = safis.find(f.safi);
  if (a == afis.end() || s == safis.end()) return family_numbers(f);
  return a->second + " " + s->second;
}

// The session the case assumes (its "context"): AS number size, ADD-PATH families, Extended
// Message, and the extended next hop families ("ipv4 unicast ipv6": IPv4 unicast NLRI with an
// IPv6 next hop; "all": every family of `exabgp decode`, of which IPv4 unicast, labeled unicast
// and VPN can take an IPv6 next hop).
inline PeerContext context_of(const Json& c) {
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
  ctx.extended_next_hop_from = Provenance::Override;
  const bool enh = c.contains("extended_nexthop") && c["extended_nexthop"].is_boolean() &&
                   c["extended_nexthop"].get<bool>();
  if (enh && c.contains("extended_nexthop_families") && c["extended_nexthop_families"].is_array()) {
    for (const Json& f : c["extended_nexthop_families"]) {
      if (!f.is_string()) continue;
      const std::string text = f.get<std::string>();
      if (text == "all") {
        for (const std::uint8_t safi : {1, 4, 128})
          ctx.extended_next_hop.push_back({Family{1, safi}, 2});
        continue;
      }
      const auto last = text.rfind(' ');
      if (last == std::string::npos) continue;
      const auto family = exabgp_family(text.substr(0, last));
      const auto next_hop = exabgp_family(text.substr(last + 1) + " unicast");
      if (family && next_hop) ctx.extended_next_hop.push_back({*family, next_hop->afi});
    }
  }
  return ctx;
}

struct ExabgpCase {
  std::string name;
  std::string line;  // the case's JSON line as stored
  Json json;
  std::vector<std::uint8_t> bytes;  // the whole message; empty for the bare NLRI case

  // False for the one case of bare NLRI bytes (decoding/bgp-ls-1), which has no message around it.
  bool has_message() const {
    return bytes.size() >= 19 &&
           std::all_of(bytes.begin(), bytes.begin() + 16, [](std::uint8_t b) { return b == 0xFF; });
  }
  const Json& context() const {
    static const Json empty = Json::object();
    return json.contains("context") && json["context"].is_object() ? json["context"] : empty;
  }
  // ExaBGP's decoding, or nullptr when the case has none.
  const Json* expected() const {
    return json.contains("expected") && json["expected"].is_object() ? &json["expected"] : nullptr;
  }
};

inline std::string exabgp_cases_path() {
  return shared_dir() + "/exabgp-qa/cases.jsonl";
}

// Every case of the corpus, in file order; empty when the file is missing.
inline std::vector<ExabgpCase> load_exabgp_cases() {
  std::vector<ExabgpCase> out;
  std::ifstream in(exabgp_cases_path());
  std::string line;
  while (std::getline(in, line)) {
    ExabgpCase c;
    c.line = line;
    c.json = Json::parse(line);
    c.name = c.json.contains("name") && c.json["name"].is_string()
                 ? c.json["name"].get<std::string>()
                 : std::string();
    if (c.json.contains("hex") && c.json["hex"].is_string())
      c.bytes = from_hex(c.json["hex"].get<std::string>());
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace bgplens::test

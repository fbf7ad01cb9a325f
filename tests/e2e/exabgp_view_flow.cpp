// ExaBGP's objects for FlowSpec NLRI (RFC 8955, RFC 8956): one key per component, a list of
// strings per key, one string per OR-ed group of terms ("=80", ">8080&<8088"), and "rd" for
// FlowSpec-VPN. Prefixes are "10.0.0.1/32" for IPv4 and "prefix/length/offset" for IPv6.
#include <map>

#include "exabgp_view.h"

namespace bgplens::test::exa {
namespace {

std::string component_key(std::uint64_t type, bool ipv6) {
  static const std::map<std::uint64_t, std::string> v4{
      {1, "destination-ipv4"}, {2, "source-ipv4"},    {3, "protocol"},  {4, "port"},
      {5, "destination-port"}, {6, "source-port"},    {7, "icmp-type"}, {8, "icmp-code"},
      {9, "tcp-flags"},        {10, "packet-length"}, {11, "dscp"},     {12, "fragment"}};
  static const std::map<std::uint64_t, std::string> v6{
      {1, "destination-ipv6"}, {2, "source-ipv6"},    {3, "next-header"},    {4, "port"},
      {5, "destination-port"}, {6, "source-port"},    {7, "icmp-type"},      {8, "icmp-code"},
      {9, "tcp-flags"},        {10, "packet-length"}, {11, "traffic-class"}, {12, "fragment"},
      {13, "flow-label"}};
  const auto& table = ipv6 ? v6 : v4;
  const auto it = table.find(type);
  return it == table.end() ? "component-" + std::to_string(type) : it->second;
}

// The prefix of a prefix component; IPv6 with its offset as ExaBGP writes it.
std::string prefix_text(const Decoded& d, std::uint32_t component, bool ipv6) {
  if (!ipv6) {
    const auto prefix = d.child(component, FieldId::FlowspecPrefix);
    return prefix ? d.text(*prefix) : "?";
  }
  auto pattern = d.child(component, FieldId::FlowspecPattern);
  if (!pattern) pattern = d.child(component, FieldId::FlowspecPrefix);
  const auto length = d.child(component, FieldId::FlowspecPrefixLength);
  const auto offset = d.child(component, FieldId::FlowspecPrefixOffset);
  if (!pattern || !length) return "?";
  const std::string text = d.text(*pattern);
  const std::string address = text.substr(0, text.find('/'));
  return address + "/" + std::to_string(d.number(*length).value_or(0)) + "/" +
         std::to_string(offset ? d.number(*offset).value_or(0) : 0);
}

// Our terms ("=80", "||=8080", "&<8088") as ExaBGP's OR-ed groups ("=80", "=8080").
Json term_groups(const Decoded& d, std::uint32_t component) {
  Json out = Json::array();
  std::string group;
  bool first = true;
  for (const std::uint32_t term : d.children(component, FieldId::FlowspecTerm)) {
    std::string text = d.text(term);
    if (text.rfind("||", 0) == 0) {
      out.push_back(group);
      group = text.substr(2);
    } else if (first) {
      group = text;
    } else {
      group += text;
    }
    first = false;
  }
  if (!first) out.push_back(group);
  return out;
}

}  // namespace

Json flow_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node) {
  const bool ipv6 = e.family.afi == 2;
  Json out = Json::object();
  for (const std::uint32_t component : d.children(node, FieldId::FlowspecComponent)) {
    const auto type = d.child(component, FieldId::FlowspecType);
    const std::string key = component_key(type ? d.byte(d.node(*type).offset) : 0, ipv6);
    if (d.child(component, FieldId::FlowspecPrefixLength)) {
      out[key].push_back(prefix_text(d, component, ipv6));
    } else {
      for (const Json& group : term_groups(d, component))
        out[key].push_back(group);
    }
  }
  if (e.family.safi == 134) {
    const auto rd = d.first_below(node, FieldId::Rd);
    out["rd"] = rd ? d.text(*rd) : "?";
  }
  return out;
}

}  // namespace bgplens::test::exa

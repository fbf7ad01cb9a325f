// The tree lookups of exabgp_view.h and the update view: NLRI grouped as ExaBGP groups them
// (announced per family and next hop, withdrawn per family), each rendered by its family group.
#include "exabgp_view.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "exabgp_case.h"

namespace bgplens::test::exa {

std::vector<std::uint32_t> Decoded::children(std::uint32_t n) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t r = 0; r < m_.tree.child_count(n); ++r)
    out.push_back(m_.tree.child(n, r));
  return out;
}

std::vector<std::uint32_t> Decoded::children(std::uint32_t n, FieldId id) const {
  std::vector<std::uint32_t> out;
  for (const std::uint32_t c : children(n)) {
    if (field(c) == id) out.push_back(c);
  }
  return out;
}

std::optional<std::uint32_t> Decoded::child(std::uint32_t n, FieldId id) const {
  for (const std::uint32_t c : children(n)) {
    if (field(c) == id) return c;
  }
  return std::nullopt;
}

std::vector<std::uint32_t> Decoded::below(std::uint32_t n, FieldId id) const {
  std::vector<std::uint32_t> out;
  const auto walk = [&](const auto& self, std::uint32_t at) -> void {
    for (const std::uint32_t c : children(at)) {
      if (field(c) == id) out.push_back(c);
      self(self, c);
    }
  };
  walk(walk, n);
  return out;
}

std::optional<std::uint32_t> Decoded::first_below(std::uint32_t n, FieldId id) const {
  const std::vector<std::uint32_t> all = below(n, id);
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::string Decoded::head(std::uint32_t n) const {
  const std::string t = text(n);
  return t.substr(0, t.find(' '));
}

std::optional<std::uint64_t> Decoded::number(std::uint32_t n) const {
  const std::string t = text(n);
  const auto digit = t.find_first_of("0123456789");
  if (digit == std::string::npos) return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = digit; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); ++i)
    v = v * 10 + static_cast<std::uint64_t>(t[i] - '0');
  return v;
}

std::optional<std::uint64_t> Decoded::code(std::uint32_t n) const {
  const std::string t = text(n);
  const auto open = t.rfind('(');
  if (open == std::string::npos) return std::nullopt;
  std::uint64_t v = 0;
  bool any = false;
  for (std::size_t i = open + 1; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]));
       ++i) {
    v = v * 10 + static_cast<std::uint64_t>(t[i] - '0');
    any = true;
  }
  if (!any) return std::nullopt;
  return v;
}

std::string Decoded::hex(std::uint32_t offset, std::uint32_t length) const {
  std::string out;
  char buf[3];
  for (std::uint32_t i = offset; i < offset + length && i < bytes_.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%02X", bytes_[i]);
    out += buf;
  }
  return out;
}

std::uint64_t Decoded::uint(std::uint32_t offset, std::uint32_t length) const {
  std::uint64_t v = 0;
  for (std::uint32_t i = offset; i < offset + length && i < bytes_.size(); ++i)
    v = (v << 8) | bytes_[i];
  return v;
}

std::string Decoded::decimal(std::uint32_t offset, std::uint32_t length) const {
  std::vector<std::uint8_t> n;
  for (std::uint32_t i = offset; i < offset + length && i < bytes_.size(); ++i)
    n.push_back(bytes_[i]);
  std::string digits;
  while (std::any_of(n.begin(), n.end(), [](std::uint8_t b) { return b != 0; })) {
    unsigned rest = 0;
    for (std::uint8_t& b : n) {
      const unsigned v = rest * 256 + b;
      b = static_cast<std::uint8_t>(v / 10);
      rest = v % 10;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + rest));
  }
  return digits.empty() ? "0" : digits;
}

std::optional<std::uint32_t> Decoded::nlri_node(const NlriEntry& e) const {
  for (std::uint32_t n = 1; n < m_.tree.size(); ++n) {
    if (is_nlri_entry(field(n)) && node(n).offset == e.offset && node(n).length == e.length)
      return n;
  }
  return std::nullopt;
}

std::string dotted(std::uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 0xFF) + "." +
         std::to_string((v >> 8) & 0xFF) + "." + std::to_string(v & 0xFF);
}

std::string lower_dashed(std::string s) {
  for (char& c : s) {
    c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

Json labels(const Decoded& d, std::uint32_t node, bool with_raw) {
  Json out = Json::array();
  for (const std::uint32_t label : d.below(node, FieldId::Label)) {
    const auto value = d.child(label, FieldId::LabelValue);
    Json one = Json::array({value ? Json(*d.number(*value)) : Json("?")});
    if (with_raw) one.push_back(d.node_uint(label));
    out.push_back(one);
  }
  return out;
}

namespace {

Json nlri_view(const Decoded& d, const NlriEntry& e) {
  const std::optional<std::uint32_t> node = d.nlri_node(e);
  if (!node) return Json{{"raw", d.hex(e.offset, e.length)}, {"view", "no tree node"}};
  switch (e.family.safi) {
    case 1:
    case 2:
    case 4:
    case 128:
      return prefix_nlri(d, e, *node);
    case 133:
    case 134:
      return flow_nlri(d, e, *node);
    case 65:
      return vpls_nlri(d, e, *node);
    case 73:
      return sr_policy_nlri(d, e, *node);
    case 70:
      return evpn_nlri(d, e, *node);
    case 5:
      return mvpn_nlri(d, e, *node);
    case 85:
      return mup_nlri(d, e, *node);
    case 71:
      return bgpls_nlri(d, e, *node);
    default:
      return Json{{"raw", d.hex(e.offset, e.length)}};
  }
}

// ExaBGP keys announced routes by next hop: MP_REACH_NLRI's for the routes it carries ("no-nexthop"
// when its length is 0), the NEXT_HOP attribute's for the IPv4 routes of the UPDATE body.
std::string next_hop_key(const Decoded& d, const NlriEntry& e) {
  for (const std::uint32_t nlri : d.below(FieldTree::kRoot, FieldId::MpReachNlri)) {
    const FieldNode& n = d.node(nlri);
    if (e.offset < n.offset || e.offset >= n.offset + n.length) continue;
    const std::uint32_t attr = static_cast<std::uint32_t>(n.parent);
    const auto length = d.child(attr, FieldId::MpReachNextHopLength);
    if (length && d.node_uint(*length) == 0) return "no-nexthop";
    const auto next_hop = d.child(attr, FieldId::MpReachNextHop);
    return next_hop ? d.text(*next_hop) : "?";
  }
  const auto next_hop = d.first_below(FieldTree::kRoot, FieldId::NextHop);
  return next_hop ? d.text(*next_hop) : "no-nexthop";
}

}  // namespace

Json update_view(const DecodedMessage& m, const std::vector<std::uint8_t>& bytes) {
  const Decoded d(m, bytes);
  Json out = Json::object();
  bool withdraws = false;
  for (const NlriEntry& e : m.nlri) {
    const std::string family = exabgp_family_name(e.family);
    if (e.action == NlriAction::Announce) {
      out["announce"][family][next_hop_key(d, e)].push_back(nlri_view(d, e));
    } else {
      withdraws = true;
      out["withdraw"][family].push_back(nlri_view(d, e));
    }
  }
  Json attributes = attributes_view(d, withdraws);
  if (!attributes.empty()) out["attribute"] = std::move(attributes);
  return out;
}

}  // namespace bgplens::test::exa

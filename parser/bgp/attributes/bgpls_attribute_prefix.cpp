// Prefix attribute TLVs of the BGP-LS Attribute (RFC 9552 §5.3.3): IGP flags, route tags,
// prefix metric, OSPF forwarding address, opaque prefix attribute.
#include "bgp/attributes/bgpls_attribute.h"

namespace bgplens::bgpls {
namespace {

// RFC 9552 §5.3.3.1.
constexpr FlagBit kIgpFlags[] = {
    {0x80, "D", "IS-IS up/down"},
    {0x40, "N", "OSPF no unicast"},
    {0x20, "L", "OSPF local address"},
    {0x10, "P", "OSPF propagate NSSA"},
};

std::string igp_flags(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 1, "1")) return raw_value(s, t);
  return flags_node(s, t.value_offset(), 1, kIgpFlags);
}

// RFC 9552 §5.3.3.2 (4 octets each), §5.3.3.3 (8 octets each).
std::string tags(Scope& s, const Tlv16& t, std::uint32_t width, FieldId id) {
  const std::string expected = "a positive multiple of " + std::to_string(width);
  if (!check_length(s, t, t.length >= width && t.length % width == 0, expected))
    return raw_value(s, t);
  std::string v;
  for (std::uint32_t p = t.value_offset(); p < t.end(); p += width) {
    const std::uint64_t tag = width == 4 ? s.w.u32(p) : load_be64(s.w.at(p));
    const std::string one = uint_leaf(s, id, p, width, tag);
    if (s.want_text) v += (v.empty() ? "" : ",") + one;
  }
  return v;
}

std::string route_tags(Scope& s, const Tlv16& t) {
  return tags(s, t, 4, FieldId::LsRouteTag);
}
std::string extended_tags(Scope& s, const Tlv16& t) {
  return tags(s, t, 8, FieldId::LsExtendedRouteTag);
}

// RFC 9552 §5.3.3.4.
std::string prefix_metric(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return uint_leaf(s, FieldId::LsPrefixMetric, t.value_offset(), 4, s.w.u32(t.value_offset()));
}

// RFC 9552 §5.3.3.5: 4 octets (OSPFv2) or 16 (OSPFv3).
std::string forwarding_address(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4 || t.length == 16, "4 or 16")) return raw_value(s, t);
  std::string v;
  if (s.want_text)
    v = t.length == 4 ? text::ipv4(s.w.at(t.value_offset())) : text::ipv6(s.w.at(t.value_offset()));
  s.w.leaf(FieldId::LsForwardingAddress, t.value_offset(), t.length, v);
  return v;
}

std::string opaque(Scope& s, const Tlv16& t) {
  return raw_value(s, t);
}

}  // namespace

ValueDecoder prefix_attribute_decoder(std::uint16_t code) {
  switch (code) {
    case 1152:
      return igp_flags;
    case 1153:
      return route_tags;
    case 1154:
      return extended_tags;
    case 1155:
      return prefix_metric;
    case 1156:
      return forwarding_address;
    case 1157:
      return opaque;
  }
  return nullptr;
}

}  // namespace bgplens::bgpls

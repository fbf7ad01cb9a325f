// Segment Routing TLVs of the BGP-LS Attribute: adjacency SIDs (RFC 9085 §2.2.1, §2.2.2), BGP
// peering SIDs (RFC 9086 §5), and the prefix SID, range, prefix attribute flags and source
// router TLVs (RFC 9085 §2.3). Their flags follow the IGP: IS-IS (RFC 8667), OSPF (RFC 8665,
// RFC 8666).
#include "bgp/attributes/bgpls_attribute.h"
#include "bgp/names/names.h"

namespace bgplens::bgpls {
namespace {

// RFC 8667 §2.2.1 (IS-IS) and RFC 8665 §6.1 (OSPF) Adj-SID flags.
constexpr FlagBit kAdjIsis[] = {
    {0x80, "F", "IPv6 adjacency"}, {0x40, "B", "backup"}, {0x20, "V", "value"},
    {0x10, "L", "local"},          {0x08, "S", "set"},    {0x04, "P", "persistent"},
};
constexpr FlagBit kAdjOspf[] = {
    {0x80, "B", "backup"}, {0x40, "V", "value"},      {0x20, "L", "local"},
    {0x10, "G", "group"},  {0x08, "P", "persistent"},
};

// Flags (1), Weight (1), Reserved (2): the head of the adjacency and peering SID TLVs.
std::string sid_head(Scope& s, std::uint32_t v, const std::string& flags) {
  s.w.leaf_uint(FieldId::LsWeight, v + 1, 1, s.w.u8(v + 1));
  s.w.leaf_uint(FieldId::LsReserved, v + 2, 2, s.w.u16(v + 2));
  return s.want_text && !flags.empty() ? " flags " + flags : "";
}

// RFC 9085 §2.2.1: Flags, Weight, Reserved, SID/Label/Index (3 or 4).
std::string adjacency_sid(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 7 || t.length == 8, "7 or 8")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string flags = sid_head(s, v, protocol_flags(s, v, kAdjIsis, kAdjOspf));
  const std::string sid = sid_leaf(s, FieldId::LsSid, v + 4, t.length - 4);
  return sid + flags;
}

// RFC 9085 §2.2.2: as above with the neighbour's IS-IS System-ID (6) or OSPF Router-ID (4)
// before the SID; the length tells which.
std::string lan_adjacency_sid(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 11 && t.length <= 14, "11 to 14")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::uint32_t neighbor = t.length >= 13 ? 6 : 4;
  const std::string flags = sid_head(s, v, protocol_flags(s, v, kAdjIsis, kAdjOspf));
  std::string nb;
  if (s.want_text) nb = neighbor == 6 ? system_id_text(s.w.at(v + 4)) : text::ipv4(s.w.at(v + 4));
  s.w.leaf(FieldId::LsNeighborId, v + 4, neighbor, nb);
  const std::string sid = sid_leaf(s, FieldId::LsSid, v + 4 + neighbor, t.length - 4 - neighbor);
  return s.want_text ? sid + " neighbor " + nb + flags : "";
}

// RFC 9086 §5: PeerNode, PeerAdj and PeerSet SIDs share one layout.
constexpr FlagBit kPeerSid[] = {
    {0x80, "V", "value"},
    {0x40, "L", "local"},
    {0x20, "B", "backup"},
    {0x10, "P", "persistent"},
};

std::string peer_sid(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 7 || t.length == 8, "7 or 8")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string flags = sid_head(s, v, flags_node(s, v, 1, kPeerSid));
  return sid_leaf(s, FieldId::LsSid, v + 4, t.length - 4) + flags;
}

// RFC 8667 §2.1.1 (IS-IS) and RFC 8665 §5 (OSPF) Prefix-SID flags.
constexpr FlagBit kPrefixIsis[] = {
    {0x80, "R", "re-advertisement"}, {0x40, "N", "node SID"}, {0x20, "P", "no PHP"},
    {0x10, "E", "explicit null"},    {0x08, "V", "value"},    {0x04, "L", "local"},
};
constexpr FlagBit kPrefixOspf[] = {
    {0x40, "NP", "no PHP"}, {0x20, "M", "mapping server"}, {0x10, "E", "explicit null"},
    {0x08, "V", "value"},   {0x04, "L", "local"},
};

// RFC 9085 §2.3.1: Flags, Algorithm, Reserved (2), SID/Index/Label (3 or 4).
std::string prefix_sid(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 7 || t.length == 8, "7 or 8")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string flags = protocol_flags(s, v, kPrefixIsis, kPrefixOspf);
  const std::uint8_t algorithm = s.w.u8(v + 1);
  s.w.leaf(FieldId::LsAlgorithm, v + 1, 1,
           [&] { return names::with_number(algorithm_name(algorithm), algorithm); });
  s.w.leaf_uint(FieldId::LsReserved, v + 2, 2, s.w.u16(v + 2));
  const std::string sid = sid_leaf(s, FieldId::LsSid, v + 4, t.length - 4);
  return s.want_text ? sid + " algorithm " + std::to_string(algorithm) +
                           (flags.empty() ? "" : " flags " + flags)
                     : "";
}

// RFC 8667 §2.4 (IS-IS SID/Label Binding) and RFC 8665 §4 (OSPF Extended Prefix Range) flags.
constexpr FlagBit kRangeIsis[] = {
    {0x80, "F", "IPv6"},        {0x40, "M", "mapping server"}, {0x20, "S", "flooding"},
    {0x10, "D", "leaked down"}, {0x08, "A", "attached"},
};
constexpr FlagBit kRangeOspf[] = {{0x80, "IA", "inter-area"}};

// RFC 9085 §2.3.5: Flags, Reserved, Range Size (2), then sub-TLVs (a Prefix-SID).
std::string range(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 4, "at least 4")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string flags = protocol_flags(s, v, kRangeIsis, kRangeOspf);
  s.w.leaf_uint(FieldId::LsReserved, v + 1, 1, s.w.u8(v + 1));
  const std::string size = uint_leaf(s, FieldId::LsRangeSize, v + 2, 2, s.w.u16(v + 2));
  const std::string subs = decode_sub_tlvs(s, v + 4, t.end());
  return s.want_text ? "size " + size + (subs.empty() ? "" : ": " + subs) : "";
}

// RFC 9085 §2.3.2: the IGP's prefix attribute flags, variable length. IS-IS: RFC 7794 §2.1
// and RFC 9088 §4; OSPFv2: RFC 7684 §2.1 and RFC 9089 §3; OSPFv3: RFC 5340 §A.4.1.1 prefix
// options (and RFC 8362).
constexpr FlagBit kPrefixAttrIsis[] = {
    {0x80, "X", "external"},
    {0x40, "R", "re-advertisement"},
    {0x20, "N", "node"},
    {0x10, "E", "entropy label capable"},
};
constexpr FlagBit kPrefixAttrOspfv2[] = {
    {0x80, "A", "attach"}, {0x40, "N", "node"}, {0x20, "E", "entropy label capable"}};
constexpr FlagBit kPrefixAttrOspfv3[] = {
    {0x20, "N", "node"},           {0x10, "DN", "down"},       {0x08, "P", "propagate"},
    {0x02, "LA", "local address"}, {0x01, "NU", "no unicast"},
};

std::string prefix_attribute_flags(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 1, "at least 1")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  std::string flags;
  if (is_isis(s.protocol)) {
    flags = flags_node(s, v, 1, kPrefixAttrIsis);
  } else if (s.protocol == 3) {
    flags = flags_node(s, v, 1, kPrefixAttrOspfv2);
  } else if (s.protocol == 6) {
    flags = flags_node(s, v, 1, kPrefixAttrOspfv3);
  } else {
    flags = protocol_flags(s, v, {}, {});
  }
  if (t.length > 1) raw_bytes(s, v + 1, t.length - 1);
  return flags;
}

// RFC 9085 §2.3.3: an IPv4 or IPv6 Router-ID.
std::string source_router_id(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4 || t.length == 16, "4 or 16")) return raw_value(s, t);
  std::string v;
  if (s.want_text)
    v = t.length == 4 ? text::ipv4(s.w.at(t.value_offset())) : text::ipv6(s.w.at(t.value_offset()));
  s.w.leaf(FieldId::LsSourceRouterId, t.value_offset(), t.length, v);
  return v;
}

// RFC 9085 §2.3.4: the OSPF Router-ID of the originator.
std::string source_ospf_router_id(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return ipv4_leaf(s, FieldId::LsSourceRouterId, t.value_offset());
}

}  // namespace

ValueDecoder sr_attribute_decoder(std::uint16_t code) {
  switch (code) {
    case 1099:
      return adjacency_sid;
    case 1100:
      return lan_adjacency_sid;
    case 1101:
    case 1102:
    case 1103:
      return peer_sid;
    case 1158:
      return prefix_sid;
    case 1159:
      return range;
    case 1170:
      return prefix_attribute_flags;
    case 1171:
      return source_router_id;
    case 1174:
      return source_ospf_router_id;
  }
  return nullptr;
}

}  // namespace bgplens::bgpls

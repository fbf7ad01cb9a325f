// SRv6 TLVs of the BGP-LS Attribute (RFC 9514): node capabilities (§3.1), End.X SIDs and
// their LAN forms (§4), the locator prefix (§5.1), and the attributes of an SRv6 SID NLRI:
// endpoint behavior (§7.1), BGP Peer Node SID (§7.2), SID structure (§8).
#include "bgp/attributes/bgpls_attribute.h"
#include "bgp/names/names.h"

namespace bgplens::bgpls {
namespace {

std::string behavior_leaf(Scope& s, std::uint32_t p) {
  const std::uint16_t b = s.w.u16(p);
  std::string v = s.want_text ? names::with_number(srv6_behavior_name(b), b) : "";
  s.w.leaf(FieldId::LsSrv6Behavior, p, 2, v);
  return v;
}

std::string algorithm_leaf(Scope& s, std::uint32_t p) {
  const std::uint8_t a = s.w.u8(p);
  s.w.leaf(FieldId::LsAlgorithm, p, 1, [&] { return names::with_number(algorithm_name(a), a); });
  return s.want_text ? std::to_string(a) : "";
}

// RFC 9514 §3.1: Flags (2; O = OAM), Reserved (2).
constexpr FlagBit kCapabilities[] = {{0x4000, "O", "OAM (O-flag) supported"}};

std::string srv6_capabilities(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 4, "at least 4")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  std::string flags = flags_node(s, v, 2, kCapabilities);
  s.w.leaf_uint(FieldId::LsReserved, v + 2, 2, s.w.u16(v + 2));
  const std::string subs = decode_sub_tlvs(s, v + 4, t.end());
  return s.want_text ? "flags " + flags + (subs.empty() ? "" : ": " + subs) : "";
}

// RFC 9514 §4.1, §4.2, §4.3: Endpoint Behavior (2), Flags (1), Algorithm (1), Weight (1),
// Reserved (1), [Neighbor ID (6 IS-IS, 4 OSPFv3)], SID (16), sub-TLVs.
constexpr FlagBit kEndXFlags[] = {
    {0x80, "B", "backup"}, {0x40, "S", "set"}, {0x20, "P", "persistent"}};

std::string end_x_sid(Scope& s, const Tlv16& t, std::uint32_t neighbor) {
  const std::uint32_t minimum = 22 + neighbor;
  if (!check_length(s, t, t.length >= minimum, "at least " + std::to_string(minimum)))
    return raw_value(s, t);
  Walk& w = s.w;
  const std::uint32_t v = t.value_offset();
  const std::string behavior = behavior_leaf(s, v);
  const std::string flags = flags_node(s, v + 2, 1, kEndXFlags);
  const std::string algorithm = algorithm_leaf(s, v + 3);
  w.leaf_uint(FieldId::LsWeight, v + 4, 1, w.u8(v + 4));
  w.leaf_uint(FieldId::LsReserved, v + 5, 1, w.u8(v + 5));
  std::string nb;
  if (neighbor > 0) {
    if (s.want_text) nb = neighbor == 6 ? system_id_text(w.at(v + 6)) : text::ipv4(w.at(v + 6));
    w.leaf(FieldId::LsNeighborId, v + 6, neighbor, nb);
  }
  const std::string sid = ipv6_leaf(s, FieldId::LsSrv6Sid, v + 6 + neighbor);
  const std::string subs = decode_sub_tlvs(s, v + 22 + neighbor, t.end());
  if (!s.want_text) return "";
  std::string text = sid + " " + behavior + " algorithm " + algorithm + " flags " + flags;
  if (!nb.empty()) text += " neighbor " + nb;
  return subs.empty() ? text : text + ": " + subs;
}

std::string end_x(Scope& s, const Tlv16& t) {
  return end_x_sid(s, t, 0);
}
std::string isis_lan_end_x(Scope& s, const Tlv16& t) {
  return end_x_sid(s, t, 6);
}
std::string ospfv3_lan_end_x(Scope& s, const Tlv16& t) {
  return end_x_sid(s, t, 4);
}

// RFC 9514 §5.1: Flags (1; D = down), Algorithm (1), Reserved (2), Metric (4), sub-TLVs.
constexpr FlagBit kLocatorFlags[] = {{0x80, "D", "leaked down"}};

std::string srv6_locator(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 8, "at least 8")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string flags = flags_node(s, v, 1, kLocatorFlags);
  const std::string algorithm = algorithm_leaf(s, v + 1);
  s.w.leaf_uint(FieldId::LsReserved, v + 2, 2, s.w.u16(v + 2));
  const std::string metric = uint_leaf(s, FieldId::LsSrv6LocatorMetric, v + 4, 4, s.w.u32(v + 4));
  const std::string subs = decode_sub_tlvs(s, v + 8, t.end());
  return s.want_text ? "metric " + metric + " algorithm " + algorithm + " flags " + flags +
                           (subs.empty() ? "" : ": " + subs)
                     : "";
}

// RFC 9514 §7.1: Endpoint Behavior (2), Flags (1, none defined), Algorithm (1).
std::string endpoint_behavior(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string behavior = behavior_leaf(s, v);
  flags_node(s, v + 2, 1, {});
  const std::string algorithm = algorithm_leaf(s, v + 3);
  return s.want_text ? behavior + " algorithm " + algorithm : "";
}

// RFC 9514 §7.2: Flags (1), Weight (1), Reserved (2), Peer AS (4), Peer BGP Identifier (4).
std::string bgp_peer_node_sid(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 12, "12")) return raw_value(s, t);
  Walk& w = s.w;
  const std::uint32_t v = t.value_offset();
  const std::string flags = flags_node(s, v, 1, kEndXFlags);
  w.leaf_uint(FieldId::LsWeight, v + 1, 1, w.u8(v + 1));
  w.leaf_uint(FieldId::LsReserved, v + 2, 2, w.u16(v + 2));
  const std::string as = uint_leaf(s, FieldId::LsPeerAs, v + 4, 4, w.u32(v + 4));
  const std::string id = ipv4_leaf(s, FieldId::LsPeerBgpId, v + 8);
  return s.want_text ? "peer AS " + as + " " + id + " flags " + flags : "";
}

// RFC 9514 §8: locator block, locator node, function and argument lengths in bits.
std::string sid_structure(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::string lb = uint_leaf(s, FieldId::LsSidStructureBlock, v, 1, s.w.u8(v));
  const std::string ln = uint_leaf(s, FieldId::LsSidStructureNode, v + 1, 1, s.w.u8(v + 1));
  const std::string fn = uint_leaf(s, FieldId::LsSidStructureFunction, v + 2, 1, s.w.u8(v + 2));
  const std::string arg = uint_leaf(s, FieldId::LsSidStructureArgument, v + 3, 1, s.w.u8(v + 3));
  return s.want_text ? "LB " + lb + " LN " + ln + " F " + fn + " A " + arg : "";
}

}  // namespace

ValueDecoder srv6_attribute_decoder(std::uint16_t code) {
  switch (code) {
    case 1038:
      return srv6_capabilities;
    case 1106:
      return end_x;
    case 1107:
      return isis_lan_end_x;
    case 1108:
      return ospfv3_lan_end_x;
    case 1162:
      return srv6_locator;
    case 1250:
      return endpoint_behavior;
    case 1251:
      return bgp_peer_node_sid;
    case 1252:
      return sid_structure;
  }
  return nullptr;
}

}  // namespace bgplens::bgpls

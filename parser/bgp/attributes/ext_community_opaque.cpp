// Opaque extended communities (types 0x03 and 0x43, RFC 4360 §3.3): 6 value octets whose
// layout each sub-type defines — color and encapsulation (RFC 9012), default gateway (RFC
// 7432), OSPF route type (RFC 4577), origin validation state (RFC 8097), cost community, ...
#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens::extcomm {
namespace {

std::string with_name(std::uint64_t value, std::string_view name) {
  return std::to_string(value) + (name.empty() ? "" : " (" + std::string(name) + ")");
}

// IANA "BGP Tunnel Encapsulation Attribute Tunnel Types" (RFC 9012 §15.3), in the short forms
// ExaBGP writes where it has one.
std::string_view tunnel_type_name(std::uint16_t type) {
  switch (type) {
    case 1:
      return "L2TPv3";
    case 2:
      return "GRE";
    case 7:
      return "IP-in-IP";
    case 8:
      return "VXLAN";
    case 9:
      return "NVGRE";
    case 10:
      return "MPLS";
    case 11:
      return "MPLS-in-GRE";
    case 12:
      return "VXLAN-GPE";
    case 13:
      return "MPLS-in-UDP";
    case 15:
      return "SR-Policy";  // RFC 9830
    case 19:
      return "Geneve";  // RFC 8926
  }
  return "";
}

// RFC 9012 §4.1: Reserved (4 octets), Tunnel Type (2 octets).
std::string encapsulation(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t tunnel = w.u16(c.value() + 4);
  const std::string_view name = tunnel_type_name(tunnel);
  reserved_leaf(w, c.value(), 4);
  w.leaf(FieldId::ExtCommTunnelType, c.value() + 4, 2, with_name(tunnel, name));
  return std::string(s.tag) + ":" + (name.empty() ? std::to_string(tunnel) : std::string(name));
}

// RFC 9256 §8.8.1: what each Color-Only value lets the route be steered into.
std::string_view color_only_meaning(unsigned co) {
  switch (co) {
    case 0:
      return "policy with the route's color and endpoint";
    case 1:
      return "or a null-endpoint policy of the color";
    case 2:
      return "or a policy of the color with any endpoint";
  }
  return "reserved, treated as 00";
}

// RFC 9012 §4.3: Flags (2 octets), Color Value (4 octets). "color:100"; a non-zero CO value
// is added as ":co=01" (RFC 9256 §8.8.1).
std::string color(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t flags = w.u16(c.value());
  const std::uint32_t value = w.u32(c.value() + 2);
  const unsigned co = flags >> 14;
  const std::uint32_t node = w.open(FieldId::ExtCommColorFlags, c.value(), 2);
  w.set_value(node, text::hex_number(flags, 4));
  w.leaf(
      FieldId::ExtCommColorOnly, c.value(), 2,
      [&] { return text::bits(co, 2) + " (" + std::string(color_only_meaning(co)) + ")"; }, 0xC000);
  w.close();
  w.leaf_uint(FieldId::ExtCommColorValue, c.value() + 2, 4, value);
  std::string out = std::string(s.tag) + ":" + std::to_string(value);
  if (co != 0) out += ":co=" + text::bits(co, 2);
  return out;
}

// RFC 7432 §10.1 (and RFC 7900 §4 for the extranet communities): the value is all reserved.
std::string marker(Walk& w, const Community& c, const SubTypeSpec& s) {
  reserved_leaf(w, c.value(), 6);
  return std::string(s.tag);
}

// A sub-type whose value this decoder shows raw, under its IANA name.
std::string named_raw(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string hex = text::hex(w.slice(c.value(), 6));
  w.leaf(FieldId::ExtCommValue, c.value(), 6, hex);
  return std::string(s.tag) + ":" + hex;
}

// RFC 8097 §2: Reserved (5 octets), Validation State (1 octet).
std::string origin_validation(Walk& w, const Community& c, const SubTypeSpec& s) {
  static constexpr std::string_view kStates[] = {"valid", "not-found", "invalid"};
  const std::uint8_t state = w.u8(c.value() + 5);
  const std::string_view name = state < 3 ? kStates[state] : std::string_view();
  reserved_leaf(w, c.value(), 5);
  w.leaf(FieldId::ExtCommOriginValidation, c.value() + 5, 1,
         with_name(state, name.empty() ? "undefined" : name));
  return std::string(s.tag) + ":" + (name.empty() ? std::to_string(state) : std::string(name));
}

// draft-ietf-idr-custom-decision: the points of insertion — an attribute's type code (compare
// after that attribute's step) or one of the values from 128 up.
std::string_view cost_poi_name(std::uint8_t poi) {
  switch (poi) {
    case 1:
      return "after ORIGIN";
    case 2:
      return "after AS_PATH";
    case 4:
      return "after MED";
    case 5:
      return "after LOCAL_PREF";
    case 26:
      return "after AIGP";
    case 128:
      return "ABSOLUTE_VALUE, before all steps";
    case 129:
      return "after IGP cost";
    case 130:
      return "after eBGP over iBGP";
    case 131:
      return "after BGP Identifier";
  }
  return "";
}

// draft-ietf-idr-custom-decision: Point of Insertion (1), Community ID (1), Cost (4).
std::string cost(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t poi = w.u8(c.value());
  const std::uint8_t id = w.u8(c.value() + 1);
  const std::uint32_t value = w.u32(c.value() + 2);
  w.leaf(FieldId::ExtCommCostPoi, c.value(), 1, with_name(poi, cost_poi_name(poi)));
  w.leaf_uint(FieldId::ExtCommCostId, c.value() + 1, 1, id);
  w.leaf_uint(FieldId::ExtCommCostValue, c.value() + 2, 4, value);
  return std::string(s.tag) + ":" + std::to_string(poi) + ":" + std::to_string(id) + ":" +
         std::to_string(value);
}

// RFC 9573: ID-Type (2 octets), ID-Value (4 octets).
std::string label_space_id(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t type = w.u16(c.value());
  const std::uint32_t value = w.u32(c.value() + 2);
  w.leaf(FieldId::ExtCommLabelSpaceType, c.value(), 2,
         with_name(type, type == 0 ? "MPLS label" : ""));
  w.leaf_uint(FieldId::ExtCommLabelSpaceValue, c.value() + 2, 4, value);
  return std::string(s.tag) + ":" + std::to_string(type) + ":" + std::to_string(value);
}

// IANA "Transitive Opaque" and "Non-Transitive Opaque Extended Community Sub-Types"
// (RFC 7153 §5.2).
constexpr SubTypeSpec kRows[] = {
    // draft-ietf-idr-custom-decision (transitive and non-transitive).
    {0x03, 0x01, "Cost Community", "cost", cost},
    {0x03, 0x03, "CP-ORF", "cp-orf", named_raw},                          // RFC 7543
    {0x03, 0x04, "Extranet Source", "extranet-source", marker},           // RFC 7900 §4
    {0x03, 0x05, "Extranet Separation", "extranet-separation", marker},   // RFC 7900 §4
    {0x03, 0x06, "OSPF Route Type", "ospf-route-type", ospf_route_type},  // RFC 4577 §4.2.6
    // RFC 7902 and RFC 9573.
    {0x03, 0x07, "Additional PMSI Tunnel Attribute Flags", "pmsi-flags", named_raw},
    {0x03, 0x08, "Context Label Space ID", "label-space-id", label_space_id},
    {0x03, 0x0b, "Color", "color", color},                       // RFC 9012 §4.3
    {0x03, 0x0c, "Encapsulation", "encap", encapsulation},       // RFC 9012 §4.1
    {0x03, 0x0d, "Default Gateway", "default-gateway", marker},  // RFC 7432 §10.1
    {0x03, 0x0e, "Point-to-Point-to-Multipoint (PPMP) Label", "ppmp-label", named_raw},
    {0x03, 0x0f, "BGP Group Policy Class Tag", "group-policy-tag", named_raw},
    // draft-ietf-bess-service-chaining.
    {0x03, 0x14, "Consistent Hash Sort Order", "chso", named_raw},
    {0x03, 0x17, "Group Policy ID", "group-policy-id", named_raw},
    {0x03, 0x1b, "Local Color Mapping (LCM)", "lcm", named_raw},
    {0x03, 0xaa, "LoadBalance", "load-balance", named_raw},
    // RFC 8097 §2.
    {0x43, 0x00, "BGP Origin Validation State", "origin-validation", origin_validation},
    {0x43, 0x01, "Cost Community", "cost", cost},
    {0x43, 0x02, "Route Target", "opaque-target", named_raw},
};

}  // namespace

std::span<const SubTypeSpec> opaque_sub_types() {
  return kRows;
}

// RFC 4577 §4.2.6: Area Number (4 octets), Route Type (1), Options (1; bit 0x01 = external
// metric type 2). "ospf-route-type:0.0.0.0:5:1" (area:type:options).
std::string ospf_route_type(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string area = text::ipv4(w.at(c.value()));
  const std::uint8_t type = w.u8(c.value() + 4);
  const std::uint8_t options = w.u8(c.value() + 5);
  std::string_view name;
  switch (type) {
    case 1:
    case 2:
      name = "intra-area";
      break;
    case 3:
      name = "inter-area";
      break;
    case 5:
      name = "external";
      break;
    case 7:
      name = "NSSA external";
      break;
    case 129:
      name = "sham link endpoint";
      break;
  }
  w.leaf(FieldId::ExtCommOspfArea, c.value(), 4, area);
  w.leaf(FieldId::ExtCommOspfRouteType, c.value() + 4, 1, with_name(type, name));
  w.leaf(FieldId::ExtCommOspfOptions, c.value() + 5, 1, [&] {
    return text::hex_number(options, 2) +
           ((options & 0x01) ? " (metric type 2)" : " (metric type 1 or none)");
  });
  return std::string(s.tag) + ":" + area + ":" + std::to_string(type) + ":" +
         std::to_string(options);
}

}  // namespace bgplens::extcomm

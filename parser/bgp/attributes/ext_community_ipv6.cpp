// IPv6 Address Specific Extended Communities (attribute 25, RFC 5701 §2): 20 octets — Type,
// Sub-Type, a 16-octet IPv6 Global Administrator and a 2-octet Local Administrator. The
// attribute defines this layout for every community it carries, so even an unassigned
// sub-type shows its address and number.
#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens::extcomm {
namespace {

// "target:[2001:db8::1]:100": the address in brackets keeps its colons apart from the number.
std::string admin_text(std::string_view tag, const std::string& ip, std::uint16_t local) {
  return std::string(tag) + ":[" + ip + "]:" + std::to_string(local);
}

std::string ipv6_specific(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string ip = text::ipv6(w.at(c.value()));
  const std::uint16_t local = w.u16(c.value() + 16);
  w.leaf(FieldId::Ipv6ExtCommGlobal, c.value(), 16, ip);
  w.leaf_uint(FieldId::ExtCommLocalAdmin, c.value() + 16, 2, local);
  std::string tag(s.tag);
  if (s.name.empty()) tag.append(":").append(text::hex_number(c.type << 8 | c.sub_type, 4));
  return admin_text(tag, ip, local);
}

// draft-ietf-idr-flowspec-redirect-ip: the target address and a Local Administrator whose
// low bit is C (copy). "redirect-to-nexthop-ietf 2001:db8::1" as ExaBGP writes it.
std::string redirect_ipv6(Walk& w, const Community& c, const SubTypeSpec&) {
  const std::string ip = text::ipv6(w.at(c.value()));
  const std::uint16_t local = w.u16(c.value() + 16);
  w.leaf(FieldId::Ipv6ExtCommGlobal, c.value(), 16, ip);
  const std::uint32_t node = w.open(FieldId::ExtCommLocalAdmin, c.value() + 16, 2);
  w.set_value(node, text::hex_number(local, 4));
  w.leaf(FieldId::ExtCommFlowCopy, c.value() + 16, 2,
         (local & 0x0001) ? "1 (copy)" : "0 (redirect)", 0x0001);
  w.close();
  return std::string((local & 0x0001) ? "copy-to-nexthop-ietf " : "redirect-to-nexthop-ietf ") + ip;
}

// IANA "Transitive IPv6-Address-Specific Extended Community Types" (RFC 7153 §5.1; the
// non-transitive registry, type 0x40, is empty).
constexpr SubTypeSpec kRows[] = {
    {0x00, 0x02, "Route Target", "target", ipv6_specific},  // RFC 5701
    {0x00, 0x03, "Route Origin", "origin", ipv6_specific},  // RFC 5701
    {0x00, 0x04, "OSPFv3 Route Attributes (deprecated)", "ospfv3-route-attributes",
     ipv6_specific},                                                // RFC 6565
    {0x00, 0x0b, "VRF Route Import", "vrf-import", ipv6_specific},  // RFC 6515
    {0x00, 0x0c, "Flow-spec Redirect to IPv6", "redirect-to-nexthop-ietf", redirect_ipv6},
    {0x00, 0x0d, "Flow-spec RT Redirect to IPv6", "redirect", ipv6_specific},  // RFC 8956
    {0x00, 0x10, "Cisco VPN-Distinguisher", "vpn-distinguisher", ipv6_specific},
    {0x00, 0x11, "UUID-based Route Target", "uuid-target", ipv6_specific},
    {0x00, 0x12, "Inter-Area P2MP Segmented Next-Hop", "p2mp-segmented-nh", ipv6_specific},
};

const SubTypeSpec kUnassigned{0, 0, "", "unknown", ipv6_specific};

}  // namespace

std::span<const SubTypeSpec> ipv6_sub_types() {
  return kRows;
}

// RFC 5701 §2: Type (0x00 transitive, 0x40 non-transitive), Sub-Type, Global Administrator
// (16 octets), Local Administrator (2 octets).
std::string decode_ipv6_community(Walk& w, std::uint32_t at) {
  const Community c{at, w.u8(at), w.u8(at + 1)};
  const SubTypeSpec* spec = &kUnassigned;
  for (const SubTypeSpec& s : kRows) {
    if (s.type == c.type && s.sub_type == c.sub_type) spec = &s;
  }
  const std::string_view type_text = c.type == 0x00   ? "Transitive IPv6-Address-Specific"
                                     : c.type == 0x40 ? "Non-Transitive IPv6-Address-Specific"
                                                      : "";
  const std::uint32_t node = w.open(FieldId::Ipv6ExtCommunity, at, 20);
  type_nodes(w, c, type_text, spec->name);
  std::string text = spec->decode(w, c, *spec);
  w.set_value(node, text);
  w.close();
  return text;
}

}  // namespace bgplens::extcomm

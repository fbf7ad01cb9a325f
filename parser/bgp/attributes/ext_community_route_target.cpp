// The address-specific extended communities: a Global Administrator (a two-octet AS, an IPv4
// address or a four-octet AS) and a Local Administrator number it assigned. Route targets and
// route origins (RFC 4360 §4, §5) are the best known; OSPF domain ids (RFC 4577), source AS and
// VRF route import (RFC 6514), L2VPN ids (RFC 6074) and several more share the layout.
#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens::extcomm {
namespace {

std::string joined(std::string_view tag, const std::string& global, std::uint32_t local) {
  return std::string(tag) + ":" + global + ":" + std::to_string(local);
}

// RFC 4384: the low 16 bits of a data collection community say which kind of route it is
// (values 1-6), or carry a 5-bit region, a satellite bit and a 10-bit ISO 3166 country code.
std::string data_collection_text(std::uint16_t v) {
  static constexpr std::string_view kCategories[] = {"",
                                                     "customer routes",
                                                     "peer routes",
                                                     "internal routes",
                                                     "internal more-specific routes",
                                                     "special purpose routes",
                                                     "upstream routes"};
  static constexpr std::string_view kRegions[] = {"",
                                                  "Africa",
                                                  "Oceania",
                                                  "Asia",
                                                  "Antarctica",
                                                  "Europe",
                                                  "Latin America/Caribbean Islands",
                                                  "North America"};
  const unsigned region = v >> 11;
  if (region == 0) {
    return v >= 1 && v <= 6 ? std::to_string(v) + " (" + std::string(kCategories[v]) + ")"
                            : std::to_string(v) + " (unassigned category)";
  }
  std::string out = std::to_string(v) + " (region " + std::to_string(region);
  if (region < 8) out.append(" ").append(kRegions[region]);
  if (v & 0x0400) out += ", satellite link";
  out += ", country " + std::to_string(v & 0x03FF) + ")";
  return out;
}

// RFC 4384 with a two-octet AS: the Local Administrator's top 16 bits are zero and the low
// 16 bits carry the value.
std::string data_collection_as2(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t as = w.u16(c.value());
  const std::uint32_t local = w.u32(c.value() + 2);
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 2, as);
  w.leaf_uint(FieldId::ExtCommLocalAdmin, c.value() + 2, 4, local);
  w.leaf(FieldId::ExtCommDataCollection, c.value() + 4, 2,
         [&] { return data_collection_text(static_cast<std::uint16_t>(local)); });
  return joined(s.tag, std::to_string(as), local);
}

std::string data_collection_as4(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint32_t as = w.u32(c.value());
  const std::uint16_t local = w.u16(c.value() + 4);
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 4, as);
  w.leaf(FieldId::ExtCommDataCollection, c.value() + 4, 2,
         [&] { return data_collection_text(local); });
  return joined(s.tag, std::to_string(as), local);
}

// IANA's sub-type registries of types 0x00, 0x01, 0x02 and their non-transitive twins 0x40,
// 0x41, 0x42 (RFC 7153 §5.2). The flow-spec redirect (0x010c) and link bandwidth (0x0004,
// 0x4004) rows are in ext_community_flowspec.cpp.
constexpr SubTypeSpec kRows[] = {
    // Transitive Two-Octet AS-Specific.
    {0x00, 0x02, "Route Target", "target", as2_specific},                         // RFC 4360 §4
    {0x00, 0x03, "Route Origin", "origin", as2_specific},                         // RFC 4360 §5
    {0x00, 0x05, "OSPF Domain Identifier", "ospf-domain-id", as2_specific},       // RFC 4577 §4.2
    {0x00, 0x08, "BGP Data Collection", "data-collection", data_collection_as2},  // RFC 4384
    {0x00, 0x09, "Source AS", "source-as", as2_specific},                         // RFC 6514 §6
    {0x00, 0x0a, "L2VPN Identifier", "l2vpn-id", as2_specific},                   // RFC 6074 §3
    {0x00, 0x10, "Cisco VPN-Distinguisher", "vpn-distinguisher", as2_specific},
    // draft-ietf-bess-service-chaining (also in the IPv4 and four-octet AS registries).
    {0x00, 0x13, "Route-Target Record", "rt-record", as2_specific},
    // Non-Transitive Two-Octet AS-Specific.
    // draft-drao-bgp-l3vpn-virtual-network-overlays: IANA lists it as transitive, Wireshark and
    // others as non-transitive; both are decoded.
    {0x00, 0x80, "Virtual-Network Identifier", "vni", as2_specific},
    {0x40, 0x80, "Virtual-Network Identifier", "vni", as2_specific},
    // Transitive IPv4-Address-Specific.
    {0x01, 0x02, "Route Target", "target", ipv4_specific},                    // RFC 4360 §4
    {0x01, 0x03, "Route Origin", "origin", ipv4_specific},                    // RFC 4360 §5
    {0x01, 0x05, "OSPF Domain Identifier", "ospf-domain-id", ipv4_specific},  // RFC 4577 §4.2
    {0x01, 0x07, "OSPF Router ID", "ospf-router-id", ipv4_specific},          // RFC 4577 §4.2
    // draft-ietf-idr-node-target-ext-comm.
    {0x01, 0x09, "Node Target", "node-target", ipv4_specific},
    {0x01, 0x0a, "L2VPN Identifier", "l2vpn-id", ipv4_specific},    // RFC 6074 §3
    {0x01, 0x0b, "VRF Route Import", "vrf-import", ipv4_specific},  // RFC 6514 §7
    {0x01, 0x10, "Cisco VPN-Distinguisher", "vpn-distinguisher", ipv4_specific},
    // RFC 7524.
    {0x01, 0x12, "Inter-Area P2MP Segmented Next-Hop", "p2mp-segmented-nh", ipv4_specific},
    {0x01, 0x13, "Route-Target Record", "rt-record", ipv4_specific},
    {0x01, 0x20, "MVPN SA RP-address", "mvpn-sa-rp", ipv4_specific},  // RFC 9081
    // Transitive Four-Octet AS-Specific.
    {0x02, 0x02, "Route Target", "target", as4_specific},  // RFC 5668 §2
    {0x02, 0x03, "Route Origin", "origin", as4_specific},  // RFC 5668 §2
    {0x02, 0x04, "Generic (deprecated)", "generic", as4_specific},
    {0x02, 0x05, "OSPF Domain Identifier", "ospf-domain-id", as4_specific},       // RFC 4577 §4.2
    {0x02, 0x08, "BGP Data Collection", "data-collection", data_collection_as4},  // RFC 4384
    {0x02, 0x09, "Source AS", "source-as", as4_specific},                         // RFC 6514 §6
    {0x02, 0x10, "Cisco VPN Identifier", "vpn-distinguisher", as4_specific},
    {0x02, 0x13, "Route-Target Record", "rt-record", as4_specific},
    // Non-Transitive Four-Octet AS-Specific.
    {0x42, 0x04, "Generic (deprecated)", "generic", as4_specific},
};

}  // namespace

std::span<const SubTypeSpec> address_specific_sub_types() {
  return kRows;
}

// RFC 4360 §3.1: Global Administrator a two-octet AS, Local Administrator 4 octets.
std::string as2_specific(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t as = w.u16(c.value());
  const std::uint32_t local = w.u32(c.value() + 2);
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 2, as);
  w.leaf_uint(FieldId::ExtCommLocalAdmin, c.value() + 2, 4, local);
  std::string tag(s.tag);
  if (s.name.empty()) tag.append(":").append(text::hex_number(c.type << 8 | c.sub_type, 4));
  return joined(tag, std::to_string(as), local);
}

// RFC 4360 §3.2: Global Administrator an IPv4 address, Local Administrator 2 octets.
std::string ipv4_specific(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string ip = text::ipv4(w.at(c.value()));
  const std::uint16_t local = w.u16(c.value() + 4);
  w.leaf(FieldId::ExtCommGlobalIpv4, c.value(), 4, ip);
  w.leaf_uint(FieldId::ExtCommLocalAdmin, c.value() + 4, 2, local);
  std::string tag(s.tag);
  if (s.name.empty()) tag.append(":").append(text::hex_number(c.type << 8 | c.sub_type, 4));
  return joined(tag, ip, local);
}

// RFC 5668 §2: Global Administrator a four-octet AS, Local Administrator 2 octets.
std::string as4_specific(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint32_t as = w.u32(c.value());
  const std::uint16_t local = w.u16(c.value() + 4);
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 4, as);
  w.leaf_uint(FieldId::ExtCommLocalAdmin, c.value() + 4, 2, local);
  std::string tag(s.tag);
  if (s.name.empty()) tag.append(":").append(text::hex_number(c.type << 8 | c.sub_type, 4));
  return joined(tag, std::to_string(as), local);
}

}  // namespace bgplens::extcomm

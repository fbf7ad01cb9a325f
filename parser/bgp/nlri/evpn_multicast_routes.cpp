// EVPN route types 6–8 for IGMP/MLD proxying (RFC 9251 §9) and 9–11 for BUM tunnel
// segmentation (RFC 9572 §3).
#include "bgp/names/names.h"
#include "bgp/nlri/evpn_route.h"
#include "util/text.h"

namespace bgplens::evpn {
namespace {

// Multicast Source Length and Source (0 octets for (*,G)), then Multicast Group Length and
// Group (RFC 9251 §9.1, RFC 9572 §3.2). Returns the group address size (16 for IPv6).
std::uint32_t source_and_group(RouteReader& r, std::string_view rfc) {
  const std::uint32_t source = r.address(FieldId::EvpnSourceLength, FieldId::EvpnSource, "source",
                                         "Multicast Source", true, rfc);
  if (source == 0 && !r.failed()) r.add_text("source", "*");
  return r.address(FieldId::EvpnGroupLength, FieldId::EvpnGroup, "group", "Multicast Group", false,
                   rfc);
}

void originator(RouteReader& r, std::string_view rfc) {
  r.address(FieldId::EvpnOriginatorLength, FieldId::EvpnOriginator, "originator",
            "Originator Router Address", false, rfc);
}

// RFC 9251 §9.1 Flags: bit 7 (0x01) IGMPv1 / MLDv1, bit 6 (0x02) IGMPv2 / MLDv2, bit 5 (0x04)
// IGMPv3, bit 4 (0x08) Exclude group (else Include; meaningful with IGMPv3 or MLDv2); bits 0–3
// reserved. Which protocol the version bits name follows from the group's address family.
void membership_flags(RouteReader& r, bool ipv6_group) {
  if (!r.need(1, "Flags octet")) return;
  Walk& w = r.walk();
  const std::uint32_t at = r.pos();
  const std::uint8_t f = w.u8(at);
  const auto summary = [&] {
    std::string s;
    const auto add = [&](std::string_view part) {
      if (!s.empty()) s += ',';
      s += part;
    };
    if (f & 0x01) add(ipv6_group ? "MLDv1" : "IGMPv1");
    if (f & 0x02) add(ipv6_group ? "MLDv2" : "IGMPv2");
    if (f & 0x04) add("IGMPv3");
    const bool source_filtering = ipv6_group ? (f & 0x02) != 0 : (f & 0x04) != 0;
    if (f & 0x08) {
      add("exclude");
    } else if (source_filtering) {
      add("include");
    }
    return s.empty() ? std::string("none") : s;
  };
  if (w.has_tree()) {
    const std::uint32_t node = w.open(FieldId::EvpnMcastFlags, at, 1);
    w.set_value(node, [&] { return text::hex_number(f, 2) + " " + summary(); });
    w.leaf(FieldId::EvpnFlagV1, at, 1, (f & 0x01) ? "1" : "0", 0x01);
    w.leaf(FieldId::EvpnFlagV2, at, 1, (f & 0x02) ? "1" : "0", 0x02);
    w.leaf(FieldId::EvpnFlagV3, at, 1, (f & 0x04) ? "1" : "0", 0x04);
    w.leaf(FieldId::EvpnFlagExclude, at, 1, (f & 0x08) ? "1" : "0", 0x08);
    if (f & 0xF0) w.note(at, 1, "reserved flag bits 0–3 are set; they should be 0 (RFC 9251 §9.1)");
    w.close();
  }
  if (r.want_text()) r.add_text("flags", summary());
  r.advance(1);
}

}  // namespace

// RFC 9251 §9.1: RD (8), Ethernet Tag ID (4), Multicast Source Length (1) and Source,
// Multicast Group Length (1) and Group, Originator Router Length (1) and Address, Flags (1).
void decode_selective_multicast(RouteReader& r) {
  r.rd();
  r.ethernet_tag();
  const std::uint32_t group = source_and_group(r, "RFC 9251 §9.1");
  originator(r, "RFC 9251 §9.1");
  membership_flags(r, group == 16);
  r.finish();
}

// RFC 9251 §9.2: as §9.1 with an ESI (10) after the RD.
void decode_membership_synch(RouteReader& r) {
  r.rd();
  r.esi();
  r.ethernet_tag();
  const std::uint32_t group = source_and_group(r, "RFC 9251 §9.2");
  originator(r, "RFC 9251 §9.2");
  membership_flags(r, group == 16);
  r.finish();
}

// RFC 9251 §9.3: as §9.2, with Reserved (4) and Maximum Response Time (1) before the Flags.
void decode_leave_synch(RouteReader& r) {
  r.rd();
  r.esi();
  r.ethernet_tag();
  const std::uint32_t group = source_and_group(r, "RFC 9251 §9.3");
  originator(r, "RFC 9251 §9.3");
  Walk& w = r.walk();
  if (r.need(4, "Reserved field")) {
    w.leaf_uint(FieldId::EvpnMcastReserved, r.pos(), 4, w.u32(r.pos()));
    r.advance(4);
  }
  if (r.need(1, "Maximum Response Time")) {
    const std::uint32_t time = w.u8(r.pos());
    w.leaf_uint(FieldId::EvpnMaxResponseTime, r.pos(), 1, time);
    if (r.want_text()) r.add_text("max-response-time", std::to_string(time));
    r.advance(1);
  }
  membership_flags(r, group == 16);
  r.finish();
}

// RFC 9572 §3.1: RD (8), Ethernet Tag ID (4), Region ID (8).
void decode_per_region_ipmsi(RouteReader& r) {
  r.rd();
  r.ethernet_tag();
  if (r.need(8, "Region ID")) {
    Walk& w = r.walk();
    const std::string region = r.want_text() ? text::hex(w.slice(r.pos(), 8)) : std::string();
    w.leaf(FieldId::EvpnRegionId, r.pos(), 8, region);
    r.add_text("region", region);
    r.advance(8);
  }
  r.finish();
}

// RFC 9572 §3.2: RD (8), Ethernet Tag ID (4), Multicast Source Length (1) and Source,
// Multicast Group Length (1) and Group, Originator's Addr Length (1) and Address.
void decode_spmsi(RouteReader& r) {
  r.rd();
  r.ethernet_tag();
  source_and_group(r, "RFC 9572 §3.2");
  originator(r, "RFC 9572 §3.2");
  r.finish();
}

// RFC 9572 §3.3: Route Key (the whole NLRI of the route answered: type, length, fields),
// Originator's Addr Length (1), Originator's Addr (4 or 16). The key's own length octet says
// where it ends.
void decode_leaf_ad(RouteReader& r) {
  if (!r.need(2, "Route Key's type and length")) return;
  Walk& w = r.walk();
  const std::uint32_t at = r.pos();
  const std::uint8_t key_type = w.u8(at);
  const std::uint32_t key_length = w.u8(at + 1);
  if (!r.need(2 + key_length, "Route Key")) return;
  const std::uint32_t node = w.open(FieldId::EvpnRouteKey, at, 2 + key_length);
  w.leaf(FieldId::EvpnRouteType, at, 1,
         [&] { return names::with_number(route_type_name(key_type), key_type); });
  w.leaf_uint(FieldId::EvpnRouteLength, at + 1, 1, key_length);
  RouteReader key(w, key_type, at + 1, at + 2 + key_length, r.on_error(), r.depth() + 1,
                  r.label_noted());
  decode_route_fields(key);
  w.set_value(node, key.text());
  w.close();
  r.advance(2 + key_length);
  if (r.want_text()) r.add_text("key", "(" + key.text() + ")");
  originator(r, "RFC 9572 §3.3");
  r.finish();
}

}  // namespace bgplens::evpn

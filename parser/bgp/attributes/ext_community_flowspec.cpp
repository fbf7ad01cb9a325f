// Flow-spec action communities (RFC 8955 §7, which obsoletes RFC 7674) and the other communities of
// the generic types 0x80-0x82, 0x07 (interface-set), 0x08 (redirect to IP next hop) and 0x0c (MUP),
// plus the link bandwidth community, which shares the 2-octet AS + IEEE float layout of
// traffic-rate.
#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens::extcomm {
namespace {

// RFC 8955 §7.1 (traffic-rate-bytes) and §7.2 (traffic-rate-packets): a 2-octet AS, which
// "can be used for informational purposes", and an IEEE single-precision rate; 0 discards.
std::string traffic_rate(Walk& w, const Community& c, const SubTypeSpec& s, bool packets) {
  const std::uint16_t as = w.u16(c.value());
  const float rate = read_float(w.at(c.value() + 2));
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 2, as);
  w.leaf(FieldId::ExtCommFlowRate, c.value() + 2, 4, [&] {
    // RFC 8955: "On decoding, negative values MUST be treated as zero (discard all traffic)."
    const char* note = rate == 0.0f  ? " (discard)"
                       : rate < 0.0f ? " (negative: as 0, discard)"
                                     : "";
    return rate_text(rate, packets ? "packets/s" : "bytes/s") + note;
  });
  // ExaBGP's forms: "rate-limit:9600" and "rate-limit:1000:packets".
  return std::string(s.tag) + ":" + float_text(rate) + (packets ? ":packets" : "");
}

std::string traffic_rate_bytes(Walk& w, const Community& c, const SubTypeSpec& s) {
  return traffic_rate(w, c, s, false);
}

std::string traffic_rate_packets(Walk& w, const Community& c, const SubTypeSpec& s) {
  return traffic_rate(w, c, s, true);
}

// RFC 8955 §7.3: a 48-bit field of which bit 46 is S (sample) and bit 47 T (terminal action),
// the two low bits of the last octet. "action sample-terminal" as ExaBGP writes it.
std::string traffic_action(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t last = w.u8(c.value() + 5);
  const std::uint32_t node = w.open(FieldId::ExtCommFlowActionFlags, c.value(), 6);
  w.set_value(node, text::hex(w.slice(c.value(), 6)));
  w.leaf(FieldId::ExtCommFlowSample, c.value() + 5, 1, (last & 0x02) ? "1" : "0", 0x02);
  w.leaf(FieldId::ExtCommFlowTerminal, c.value() + 5, 1, (last & 0x01) ? "1" : "0", 0x01);
  w.close();
  std::string actions;
  if (last & 0x02) actions = "sample";
  if (last & 0x01) actions += actions.empty() ? "terminal" : "-terminal";
  return std::string(s.tag) + " " + (actions.empty() ? "none" : actions);
}

// RFC 8955 §7.5: five reserved octets, then 2 reserved bits and the 6-bit DSCP. "mark 10".
std::string traffic_marking(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t dscp = w.u8(c.value() + 5) & 0x3F;
  reserved_leaf(w, c.value(), 5);
  w.leaf_uint(FieldId::ExtCommFlowDscp, c.value() + 5, 1, dscp, 0x3F);
  return std::string(s.tag) + " " + std::to_string(dscp);
}

// RFC 4761 §3.2.4: Encaps Type (1), Control Flags (1: C 0x02, S 0x01), Layer-2 MTU (2),
// Reserved (2). "l2info:19:0:1500:0" (encaps:flags:mtu:reserved) as ExaBGP writes it.
std::string layer2_info(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t encaps = w.u8(c.value());
  const std::uint8_t flags = w.u8(c.value() + 1);
  const std::uint16_t mtu = w.u16(c.value() + 2);
  const std::uint16_t preference = w.u16(c.value() + 4);
  w.leaf(FieldId::ExtCommL2Encaps, c.value(), 1, [&] {
    return std::to_string(encaps) + (encaps == 19 ? " (VPLS)" : encaps == 5 ? " (Ethernet)" : "");
  });
  w.leaf(FieldId::ExtCommL2ControlFlags, c.value() + 1, 1, [&] {
    std::string set = (flags & 0x02) ? "C" : "";
    if (flags & 0x01) set += "S";
    return text::hex_number(flags, 2) + (set.empty() ? "" : " (" + set + ")");
  });
  w.leaf_uint(FieldId::ExtCommL2Mtu, c.value() + 2, 2, mtu);
  w.leaf_uint(FieldId::ExtCommL2Preference, c.value() + 4, 2, preference);
  return std::string(s.tag) + ":" + std::to_string(encaps) + ":" + std::to_string(flags) + ":" +
         std::to_string(mtu) + ":" + std::to_string(preference);
}

// draft-ietf-idr-flowspec-redirect-ip: an IPv4-address-specific community whose Global
// Administrator is the target address and whose Local Administrator's low bit is C (copy).
std::string redirect_ipv4(Walk& w, const Community& c, const SubTypeSpec&) {
  const std::string ip = text::ipv4(w.at(c.value()));
  const std::uint16_t local = w.u16(c.value() + 4);
  w.leaf(FieldId::ExtCommGlobalIpv4, c.value(), 4, ip);
  const std::uint32_t node = w.open(FieldId::ExtCommLocalAdmin, c.value() + 4, 2);
  w.set_value(node, text::hex_number(local, 4));
  w.leaf(FieldId::ExtCommFlowCopy, c.value() + 4, 2, (local & 0x0001) ? "1 (copy)" : "0 (redirect)",
         0x0001);
  w.close();
  // ExaBGP's form.
  return std::string((local & 0x0001) ? "copy-to-nexthop-ietf " : "redirect-to-nexthop-ietf ") + ip;
}

// draft-simpson-idr-flowspec-redirect: type 0x08, sub-type 0x00, 4 reserved octets, then 2
// octets whose low bit is C (copy); the target is the UPDATE's next hop.
std::string redirect_nexthop(Walk& w, const Community& c, const SubTypeSpec&) {
  const std::uint16_t flags = w.u16(c.value() + 4);
  reserved_leaf(w, c.value(), 4);
  w.leaf(FieldId::ExtCommFlowCopy, c.value() + 4, 2, (flags & 0x0001) ? "1 (copy)" : "0 (redirect)",
         0x0001);
  return (flags & 0x0001) ? "copy-to-nexthop" : "redirect-to-nexthop";
}

// draft-ietf-idr-flowspec-interfaceset: a 4-octet AS, then O (output) and I (input) bits and
// a 14-bit Group Identifier. "interface-set:input:1234:10" as ExaBGP writes it.
std::string interface_set(Walk& w, const Community& c, const SubTypeSpec& s) {
  static constexpr std::string_view kDirections[] = {"0", "input", "output", "input-output"};
  const std::uint32_t as = w.u32(c.value());
  const std::uint16_t low = w.u16(c.value() + 4);
  const unsigned direction = low >> 14;
  const unsigned group = low & 0x3FFF;
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 4, as);
  w.leaf(FieldId::ExtCommInterfaceSetDirection, c.value() + 4, 2,
         text::bits(direction, 2) + " (" + std::string(kDirections[direction]) + ")", 0xC000);
  w.leaf_uint(FieldId::ExtCommInterfaceSetGroup, c.value() + 4, 2, group, 0x3FFF);
  return std::string(s.tag) + ":" + std::string(kDirections[direction]) + ":" + std::to_string(as) +
         ":" + std::to_string(group);
}

// RFC 10005 §3 (draft-ietf-idr-link-bandwidth): the AS (2 octets) and the bandwidth in bytes
// per second as an IEEE single-precision float. "link-bandwidth:65000:125000".
std::string link_bandwidth(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t as = w.u16(c.value());
  const float bandwidth = read_float(w.at(c.value() + 2));
  w.leaf_uint(FieldId::ExtCommGlobalAs, c.value(), 2, as);
  w.leaf(FieldId::ExtCommLinkBandwidth, c.value() + 2, 4,
         [&] { return rate_text(bandwidth, "bytes/s"); });
  return std::string(s.tag) + ":" + std::to_string(as) + ":" + float_text(bandwidth);
}

// draft-mpmz-bess-mup-safi: a 6-octet Direct Segment Identifier, shown as ExaBGP does:
// the first 2 octets and the last 4 as numbers ("mup:10:10").
std::string mup_segment(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string id =
      std::to_string(w.u16(c.value())) + ":" + std::to_string(w.u32(c.value() + 2));
  w.leaf(FieldId::ExtCommMupSegmentId, c.value(), 6, id);
  return std::string(s.tag) + ":" + id;
}

// A sub-type whose value this decoder shows raw, under its IANA name.
std::string named_raw(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string hex = text::hex(w.slice(c.value(), 6));
  w.leaf(FieldId::ExtCommValue, c.value(), 6, hex);
  return std::string(s.tag) + ":" + hex;
}

// IANA "Generic Transitive Extended Community Sub-Types" (and Part 2, Part 3; RFC 7153, RFC
// 9184), plus the rows of other registries with these layouts.
constexpr SubTypeSpec kRows[] = {
    // RFC 10005 §3 (draft-ietf-idr-link-bandwidth); FRR sends the transitive form by default.
    {0x00, 0x04, "Transitive Link Bandwidth", "link-bandwidth", link_bandwidth},
    {0x40, 0x04, "Link Bandwidth", "link-bandwidth", link_bandwidth},
    // draft-ietf-idr-flowspec-redirect-ip.
    {0x01, 0x0c, "Flow-spec Redirect to IPv4", "redirect-to-nexthop-ietf", redirect_ipv4},
    // draft-ietf-idr-flowspec-interfaceset (transitive and non-transitive).
    {0x07, 0x02, "Flow-spec interface-set", "interface-set", interface_set},
    {0x47, 0x02, "Flow-spec interface-set", "interface-set", interface_set},
    // draft-simpson-idr-flowspec-redirect.
    {0x08, 0x00, "Flow-spec redirect to IP next-hop", "redirect-to-nexthop", redirect_nexthop},
    // draft-mpmz-bess-mup-safi.
    {0x0c, 0x00, "MUP Direct-Type Segment Identifier", "mup", mup_segment},
    // RFC 4577 §4.2: the experimental code points used before IANA assigned them.
    {0x80, 0x00, "OSPF Route Type (deprecated)", "ospf-route-type", ospf_route_type},
    {0x80, 0x01, "OSPF Router ID (deprecated)", "ospf-router-id", ipv4_specific},
    {0x80, 0x05, "OSPF Domain Identifier (deprecated)", "ospf-domain-id", named_raw},
    // RFC 8955 §7.1-7.5 and RFC 8955 §7.4.
    {0x80, 0x06, "Flow spec traffic-rate-bytes", "rate-limit", traffic_rate_bytes},
    {0x80, 0x07, "Flow spec traffic-action", "action", traffic_action},
    {0x80, 0x08, "Flow spec rt-redirect AS-2octet format", "redirect", as2_specific},
    {0x80, 0x09, "Flow spec traffic-remarking", "mark", traffic_marking},
    {0x80, 0x0a, "Layer2 Info", "l2info", layer2_info},    // RFC 4761 §3.2.4
    {0x80, 0x0b, "E-Tree Info", "etree-info", named_raw},  // RFC 7796
    {0x80, 0x0c, "Flow spec traffic-rate-packets", "rate-limit", traffic_rate_packets},
    {0x81, 0x08, "Flow spec rt-redirect IPv4 format", "redirect", ipv4_specific},
    {0x82, 0x08, "Flow spec rt-redirect AS-4octet format", "redirect", as4_specific},
};

}  // namespace

std::span<const SubTypeSpec> flowspec_sub_types() {
  return kRows;
}

}  // namespace bgplens::extcomm

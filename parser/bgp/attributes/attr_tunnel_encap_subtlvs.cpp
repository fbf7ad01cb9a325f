// The sub-TLVs of RFC 9012 §3 (and RFC 5640's Load-Balancing Block). A value whose length does
// not fit the sub-TLV's layout makes the Tunnel TLV malformed: it is disregarded, the rest of
// the attribute is kept (RFC 9012 §13). Values this file does not know the layout of are shown
// raw.
#include <cstdio>

#include "bgp/attributes/attr_tunnel_encap.h"
#include "util/text.h"

namespace bgplens::tunnel {
namespace {

std::string mac_text(const std::uint8_t* p) {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4],
                p[5]);
  return buf;
}

std::string wrong_length(std::string_view what, std::uint32_t length, std::string_view expected,
                         std::string_view rule) {
  return std::string(what) + " length " + std::to_string(length) + " is not " +
         std::string(expected) + " (" + std::string(rule) + ")";
}

// RFC 9012 §3.2.1 (VXLAN) and §3.2.4 (NVGRE): V and M flags, VN-ID (3), MAC (6), Reserved (2).
void vxlan_like(Walk& w, const SubTlv& s, SubTlvResult& r, std::string_view rule) {
  if (s.length != 12) {
    invalid(w, s.value, s.length, wrong_length("Encapsulation sub-TLV", s.length, "12", rule), r);
    raw_value(w, s.value, s.length);
    return;
  }
  const std::uint32_t v = s.value;
  const std::uint8_t flags = w.u8(v);
  const std::uint32_t vn_id = load_be24(w.at(v + 1));
  if (w.has_tree()) {
    const std::uint32_t node = w.open(FieldId::TunnelEncapFlags, v, 1);
    w.set_value(node, text::hex_number(flags, 2));
    w.leaf(FieldId::TunnelEncapFlagV, v, 1, (flags & 0x80) ? "1" : "0", 0x80);
    w.leaf(FieldId::TunnelEncapFlagM, v, 1, (flags & 0x40) ? "1" : "0", 0x40);
    w.close();
  }
  w.leaf_uint(FieldId::TunnelEncapVnId, v + 1, 3, vn_id);
  w.leaf(FieldId::TunnelEncapMac, v + 4, 6, [&] { return mac_text(w.at(v + 4)); });
  reserved_leaf(w, v + 10, 2);
  if (!w.has_tree()) return;
  std::string text;
  if (flags & 0x80) text = "VN-ID " + std::to_string(vn_id);
  if (flags & 0x40) text += (text.empty() ? "MAC " : ", MAC ") + mac_text(w.at(v + 4));
  r.text = text.empty() ? "no VN-ID or MAC" : text;
}

// RFC 9012 §3.2: the Encapsulation sub-TLV's layout depends on the tunnel type.
void encapsulation(Walk& w, const SubTlv& s, SubTlvResult& r) {
  const std::uint32_t v = s.value;
  switch (s.tunnel_type) {
    case 8:
      vxlan_like(w, s, r, "RFC 9012 §3.2.1");
      return;
    case 9:
      vxlan_like(w, s, r, "RFC 9012 §3.2.4");
      return;
    case 2:   // GRE, RFC 9012 §3.2.3
    case 11:  // MPLS in GRE, RFC 9012 §3.2.6
      if (s.length != 4) {
        invalid(w, v, s.length,
                wrong_length("Encapsulation sub-TLV", s.length, "4 (a GRE key)",
                             s.tunnel_type == 2 ? "RFC 9012 §3.2.3" : "RFC 9012 §3.2.6"),
                r);
        raw_value(w, v, s.length);
        return;
      }
      w.leaf_uint(FieldId::TunnelEncapGreKey, v, 4, w.u32(v));
      if (w.has_tree()) r.text = "GRE key " + std::to_string(w.u32(v));
      return;
    case 1:  // L2TPv3 over IP, RFC 9012 §3.2.5: Session ID (4), Cookie (0-8).
      if (s.length < 4 || s.length > 12) {
        invalid(
            w, v, s.length,
            wrong_length("Encapsulation sub-TLV", s.length,
                         "4 to 12 (session ID and a cookie of up to 8 octets)", "RFC 9012 §3.2.5"),
            r);
        raw_value(w, v, s.length);
        return;
      }
      w.leaf_uint(FieldId::TunnelEncapSessionId, v, 4, w.u32(v));
      if (s.length > 4) {
        w.leaf(FieldId::TunnelEncapCookie, v + 4, s.length - 4,
               [&] { return text::hex(w.slice(v + 4, s.length - 4)); });
      }
      if (w.has_tree()) r.text = "session " + std::to_string(w.u32(v));
      return;
    case 12:  // VXLAN GPE, RFC 9012 §3.2.2: the flags octet (Ver, V), the rest shown raw.
      if (s.length >= 1) {
        const std::uint8_t flags = w.u8(v);
        if (w.has_tree()) {
          const std::uint32_t node = w.open(FieldId::TunnelEncapFlags, v, 1);
          w.set_value(node, text::hex_number(flags, 2));
          w.leaf_uint(FieldId::TunnelEncapVersion, v, 1, flags >> 6, 0xC0);
          w.leaf(FieldId::TunnelEncapFlagV, v, 1, (flags & 0x20) ? "1" : "0", 0x20);
          w.close();
        }
        raw_value(w, v + 1, s.length - 1);
      }
      if (w.has_tree()) r.text = text::byte_count(s.length);
      return;
  }
  raw_value(w, v, s.length);
  if (w.has_tree()) r.text = text::byte_count(s.length);
}

std::string_view ethertype_name(std::uint16_t type) {
  switch (type) {
    case 0x0800:
      return "IPv4";
    case 0x86DD:
      return "IPv6";
    case 0x8847:
      return "MPLS";
    case 0x8848:
      return "MPLS multicast";
    case 0x6558:
      return "Transparent Ethernet Bridging";
  }
  return {};
}

// RFC 9012 §3.1: Reserved (4), Address Family (2), Address (0, 4 or 16 octets by the AFI).
void egress_endpoint(Walk& w, const SubTlv& s, SubTlvResult& r) {
  const std::uint32_t v = s.value;
  if (s.length < 6) {
    invalid(
        w, v, s.length,
        wrong_length("Tunnel Egress Endpoint sub-TLV", s.length, "6, 10 or 22", "RFC 9012 §3.1"),
        r);
    raw_value(w, v, s.length);
    return;
  }
  const std::uint16_t afi = w.u16(v + 4);
  const std::uint32_t expected = afi == 1 ? 10 : afi == 2 ? 22 : afi == 0 ? 6 : 0;
  reserved_leaf(w, v, 4);
  w.leaf(FieldId::TunnelEndpointAfi, v + 4, 2,
         [&] { return names::with_number(afi == 0 ? "no address" : names::afi(afi), afi); });
  if (expected == 0 || s.length != expected) {
    invalid(w, v + 4, s.length - 4,
            expected == 0 ? "Tunnel Egress Endpoint address family " + std::to_string(afi) +
                                " is not 0, 1 or 2 (RFC 9012 §3.1)"
                          : wrong_length("Tunnel Egress Endpoint sub-TLV", s.length,
                                         std::to_string(expected) + " for address family " +
                                             std::to_string(afi),
                                         "RFC 9012 §3.1"),
            r);
    raw_value(w, v + 6, s.length - 6);
    return;
  }
  if (afi == 0) {
    if (w.has_tree()) r.text = "no address";
    return;
  }
  const unsigned bytes = afi == 1 ? 4 : 16;
  if (!w.has_tree()) return;
  r.text = bytes == 4 ? text::ipv4(w.at(v + 6)) : text::ipv6(w.at(v + 6));
  w.leaf(FieldId::TunnelEndpointAddress, v + 6, bytes, r.text);
}

// One fixed-length sub-TLV: checks the length, then `decode` adds the leaves and the text.
template <class Decode>
void fixed(Walk& w, const SubTlv& s, SubTlvResult& r, std::uint32_t expected, std::string_view rule,
           Decode&& decode) {
  if (s.length != expected) {
    invalid(w, s.value, s.length,
            wrong_length(std::string(sub_tlv_name(s.type)) + " sub-TLV", s.length,
                         std::to_string(expected), rule),
            r);
    raw_value(w, s.value, s.length);
    return;
  }
  decode(s.value);
}

}  // namespace

bool decode_rfc9012_sub_tlv(Walk& w, const SubTlv& s, SubTlvResult& r) {
  switch (s.type) {
    case 1:
      encapsulation(w, s, r);
      return true;
    case 2:  // RFC 9012 §3.4.1: an Ethertype.
      fixed(w, s, r, 2, "RFC 9012 §3.4.1", [&](std::uint32_t v) {
        const std::uint16_t type = w.u16(v);
        if (!w.has_tree()) return;
        const std::string_view name = ethertype_name(type);
        r.text = name.empty() ? text::hex_number(type, 4)
                              : std::string(name) + " (" + text::hex_number(type, 4) + ")";
        w.leaf(FieldId::TunnelProtocolType, v, 2, r.text);
      });
      return true;
    case 4:  // RFC 9012 §3.4.2: a Color extended community (type 0x03, sub-type 0x0b, §4.3).
      fixed(w, s, r, 8, "RFC 9012 §3.4.2", [&](std::uint32_t v) {
        const std::uint16_t type = w.u16(v);
        const std::uint32_t color = w.u32(v + 4);
        w.leaf(FieldId::TunnelColorType, v, 2, [&] {
          return text::hex_number(type, 4) +
                 (type == 0x030B ? " (Color extended community)" : " (not a Color community)");
        });
        w.leaf(FieldId::TunnelColorFlags, v + 2, 2,
               [&] { return text::hex_number(w.u16(v + 2), 4); });
        w.leaf_uint(FieldId::TunnelColorValue, v + 4, 4, color);
        if (w.has_tree()) r.text = std::to_string(color);
      });
      return true;
    case 5:  // RFC 5640 §4: the load-balancing block length.
      fixed(w, s, r, 4, "RFC 5640 §4", [&](std::uint32_t v) {
        w.leaf_uint(FieldId::TunnelLoadBalancingBlock, v, 4, w.u32(v));
        if (w.has_tree()) r.text = std::to_string(w.u32(v));
      });
      return true;
    case 6:
      egress_endpoint(w, s, r);
      return true;
    case 7:  // RFC 9012 §3.3.1
      fixed(w, s, r, 1, "RFC 9012 §3.3.1", [&](std::uint32_t v) {
        w.leaf_uint(FieldId::TunnelDsField, v, 1, w.u8(v));
        if (w.has_tree()) r.text = std::to_string(w.u8(v));
      });
      return true;
    case 8:  // RFC 9012 §3.3.2
      fixed(w, s, r, 2, "RFC 9012 §3.3.2", [&](std::uint32_t v) {
        w.leaf_uint(FieldId::TunnelUdpPort, v, 2, w.u16(v));
        if (w.has_tree()) r.text = std::to_string(w.u16(v));
      });
      return true;
    case 9:  // RFC 9012 §3.5: 1 payload with the embedded label, 2 without.
      fixed(w, s, r, 1, "RFC 9012 §3.5", [&](std::uint32_t v) {
        const std::uint8_t value = w.u8(v);
        if (!w.has_tree()) return;
        r.text = names::with_number(value == 1   ? "payload of MPLS with embedded label"
                                    : value == 2 ? "no embedded label in payload"
                                                 : std::string_view(),
                                    value);
        w.leaf(FieldId::TunnelEmbeddedLabel, v, 1, r.text);
      });
      return true;
    case 10:  // RFC 9012 §3.6: 4-octet label stack entries.
      if (s.length == 0 || s.length % 4 != 0) {
        invalid(w, s.value, s.length,
                wrong_length("MPLS Label Stack sub-TLV", s.length, "a non-zero multiple of 4",
                             "RFC 9012 §3.6"),
                r);
        raw_value(w, s.value, s.length);
        return true;
      }
      for (std::uint32_t p = s.value; p < s.value + s.length; p += 4) {
        const std::string label = label_entry(w, p);
        if (w.has_tree()) r.text += (r.text.empty() ? "" : " ") + label;
      }
      return true;
  }
  return false;
}

}  // namespace bgplens::tunnel

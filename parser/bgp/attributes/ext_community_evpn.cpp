// EVPN extended communities (type 0x06, IANA "EVPN Extended Community Sub-Types"): MAC mobility,
// ESI label and ES-import (RFC 7432 §7.5-7.7), router's MAC (RFC 9135), layer 2 attributes
// (RFC 8214), E-Tree (RFC 8317), DF election (RFC 8584), ARP/ND (RFC 9047), multicast flags
// and EVI-RT (RFC 9251).
#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens::extcomm {
namespace {

// Flag letters of `flags` from the most significant listed bit, or "-" when none is set.
struct FlagName {
  std::uint32_t mask;
  char letter;
};
std::string letters(std::uint32_t flags, std::initializer_list<FlagName> names) {
  std::string out;
  for (const FlagName& f : names) {
    if (flags & f.mask) out += f.letter;
  }
  return out.empty() ? "-" : out;
}

// RFC 7432 §7.7: Flags (1 octet, 0x01 sticky/static), Reserved (1), Sequence Number (4).
// "mac-mobility:5" or "mac-mobility:0:sticky" as ExaBGP writes it.
std::string mac_mobility(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t flags = w.u8(c.value());
  const std::uint32_t sequence = w.u32(c.value() + 2);
  const std::uint32_t node = w.open(FieldId::ExtCommEvpnFlags, c.value(), 1);
  w.set_value(node, text::hex_number(flags, 2));
  w.leaf(FieldId::ExtCommEvpnSticky, c.value(), 1, (flags & 0x01) ? "1 (sticky)" : "0", 0x01);
  w.close();
  reserved_leaf(w, c.value() + 1, 1);
  w.leaf_uint(FieldId::ExtCommEvpnSequence, c.value() + 2, 4, sequence);
  return std::string(s.tag) + ":" + std::to_string(sequence) + ((flags & 0x01) ? ":sticky" : "");
}

// A 3-octet label field of RFC 7432: the label in the high-order 20 bits. Some speakers (GoBGP,
// and VXLAN per RFC 8365 §5.1.3) put a 24-bit number there instead; the node says both.
std::uint32_t label_leaf(Walk& w, FieldId id, std::uint32_t offset) {
  const std::uint32_t raw = static_cast<std::uint32_t>(w.u8(offset)) << 16 | w.u16(offset + 1);
  const std::uint32_t label = raw >> 4;
  w.leaf(
      id, offset, 3,
      [&] {
        std::string out = std::to_string(label);
        if (raw & 0x0F) out += " (as a 24-bit VNI: " + std::to_string(raw) + ")";
        return out;
      },
      0xFFFFF0);
  return label;
}

// RFC 7432 §7.5: Flags (1 octet, 0x01 single-active), Reserved (2), ESI Label (3).
// "esi-label:18:all-active" as ExaBGP writes it.
std::string esi_label(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t flags = w.u8(c.value());
  const std::uint32_t node = w.open(FieldId::ExtCommEvpnFlags, c.value(), 1);
  w.set_value(node, text::hex_number(flags, 2));
  w.leaf(FieldId::ExtCommEvpnSingleActive, c.value(), 1,
         (flags & 0x01) ? "1 (single-active)" : "0 (all-active)", 0x01);
  w.close();
  reserved_leaf(w, c.value() + 1, 2);
  const std::uint32_t label = label_leaf(w, FieldId::ExtCommEvpnLabel, c.value() + 3);
  return std::string(s.tag) + ":" + std::to_string(label) +
         ((flags & 0x01) ? ":single-active" : ":all-active");
}

// RFC 7432 §7.6 (ES-Import, a MAC derived from the ESI) and RFC 9135 §8.1 (Router's MAC):
// the 6 value octets are a MAC address.
std::string mac_value(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string mac = mac_text(w.at(c.value()));
  w.leaf(c.sub_type == 0x02 ? FieldId::ExtCommEvpnEsImport : FieldId::ExtCommEvpnRouterMac,
         c.value(), 6, mac);
  return std::string(s.tag) + ":" + mac;
}

// RFC 8214 §3.1: Control Flags (2 octets: B 0x0001, P 0x0002, C 0x0004), L2 MTU (2),
// Reserved (2). "l2-attr:P:1500" (flag letters, MTU).
std::string layer2_attributes(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t flags = w.u16(c.value());
  const std::uint16_t mtu = w.u16(c.value() + 2);
  const std::uint32_t node = w.open(FieldId::ExtCommEvpnL2Flags, c.value(), 2);
  w.set_value(node, text::hex_number(flags, 4));
  w.leaf(FieldId::ExtCommEvpnL2ControlWord, c.value(), 2, (flags & 0x0004) ? "1" : "0", 0x0004);
  w.leaf(FieldId::ExtCommEvpnL2Primary, c.value(), 2, (flags & 0x0002) ? "1" : "0", 0x0002);
  w.leaf(FieldId::ExtCommEvpnL2Backup, c.value(), 2, (flags & 0x0001) ? "1" : "0", 0x0001);
  w.close();
  w.leaf_uint(FieldId::ExtCommEvpnL2Mtu, c.value() + 2, 2, mtu);
  reserved_leaf(w, c.value() + 4, 2);
  return std::string(s.tag) + ":" + letters(flags, {{0x0004, 'C'}, {0x0002, 'P'}, {0x0001, 'B'}}) +
         ":" + std::to_string(mtu);
}

// RFC 8317 §5.1: Flags (1 octet, 0x01 leaf), Reserved (2), Leaf Label (3).
std::string etree(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t flags = w.u8(c.value());
  const std::uint32_t node = w.open(FieldId::ExtCommEvpnFlags, c.value(), 1);
  w.set_value(node, text::hex_number(flags, 2));
  w.leaf(FieldId::ExtCommEvpnLeaf, c.value(), 1, (flags & 0x01) ? "1 (leaf)" : "0 (root)", 0x01);
  w.close();
  reserved_leaf(w, c.value() + 1, 2);
  const std::uint32_t label = label_leaf(w, FieldId::ExtCommEvpnLeafLabel, c.value() + 3);
  return std::string(s.tag) + ":" + ((flags & 0x01) ? "leaf:" : "root:") + std::to_string(label);
}

// RFC 8584 §2.2: RSV (3 bits) and DF Alg (5 bits), Bitmap (2 octets; bit 1 = AC-DF),
// Reserved (3). "df-election:HRW" or "df-election:HRW:ac-df".
std::string df_election(Walk& w, const Community& c, const SubTypeSpec& s) {
  static constexpr std::string_view kAlgs[] = {"default", "HRW", "preference"};
  const std::uint8_t alg = w.u8(c.value()) & 0x1F;
  const std::uint16_t bitmap = w.u16(c.value() + 1);
  const std::string_view alg_name = alg < 3 ? kAlgs[alg] : std::string_view();
  w.leaf(
      FieldId::ExtCommEvpnDfAlg, c.value(), 1,
      [&] {
        return std::to_string(alg) + (alg_name.empty() ? "" : " (" + std::string(alg_name) + ")");
      },
      0x1F);
  const std::uint32_t node = w.open(FieldId::ExtCommEvpnDfBitmap, c.value() + 1, 2);
  w.set_value(node, text::hex_number(bitmap, 4));
  w.leaf(FieldId::ExtCommEvpnDfAcDf, c.value() + 1, 2, (bitmap & 0x4000) ? "1" : "0", 0x4000);
  w.close();
  reserved_leaf(w, c.value() + 3, 3);
  return std::string(s.tag) + ":" +
         (alg_name.empty() ? std::to_string(alg) : std::string(alg_name)) +
         ((bitmap & 0x4000) ? ":ac-df" : "");
}

// RFC 9047 §3: Flags (1 octet: I 0x08, O 0x02, R 0x01), Reserved (5). "arp-nd:IOR"-style.
std::string arp_nd(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint8_t flags = w.u8(c.value());
  const std::string set = letters(flags, {{0x08, 'I'}, {0x02, 'O'}, {0x01, 'R'}});
  w.leaf(FieldId::ExtCommEvpnArpNdFlags, c.value(), 1,
         text::hex_number(flags, 2) + " (" + set + ")");
  reserved_leaf(w, c.value() + 1, 5);
  return std::string(s.tag) + ":" + set;
}

// RFC 9251 §9: Flags (2 octets: I 0x0001 IGMP proxy, M 0x0002 MLD proxy), Reserved (4).
std::string multicast_flags(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::uint16_t flags = w.u16(c.value());
  const std::string set = letters(flags, {{0x0002, 'M'}, {0x0001, 'I'}});
  w.leaf(FieldId::ExtCommEvpnMulticastFlags, c.value(), 2,
         text::hex_number(flags, 4) + " (" + set + ")");
  reserved_leaf(w, c.value() + 2, 4);
  return std::string(s.tag) + ":" + set;
}

// A sub-type whose value this decoder shows raw, under its IANA name.
std::string named_raw(Walk& w, const Community& c, const SubTypeSpec& s) {
  const std::string hex = text::hex(w.slice(c.value(), 6));
  w.leaf(FieldId::ExtCommValue, c.value(), 6, hex);
  return std::string(s.tag) + ":" + hex;
}

// A sub-type IANA keeps reserved: shown like an unknown one.
std::string reserved_sub_type(Walk& w, const Community& c, const SubTypeSpec& s) {
  return raw_value(w, c, s.tag);
}

// IANA "EVPN Extended Community Sub-Types".
constexpr SubTypeSpec kRows[] = {
    {0x06, 0x00, "MAC Mobility", "mac-mobility", mac_mobility},        // RFC 7432 §7.7
    {0x06, 0x01, "ESI Label", "esi-label", esi_label},                 // RFC 7432 §7.5
    {0x06, 0x02, "ES-Import Route Target", "es-import", mac_value},    // RFC 7432 §7.6
    {0x06, 0x03, "EVPN Router's MAC", "router-mac", mac_value},        // RFC 9135 §8.1
    {0x06, 0x04, "Layer 2 Attributes", "l2-attr", layer2_attributes},  // RFC 8214 §3.1
    {0x06, 0x05, "E-Tree", "etree", etree},                            // RFC 8317 §5.1
    {0x06, 0x06, "DF Election", "df-election", df_election},           // RFC 8584 §2.2
    // Reserved: an early draft-sajassi-bess-evpn-virtual-eth-segment used it for the I-SID.
    {0x06, 0x07, "Reserved (formerly I-SID)", "unknown", reserved_sub_type},
    {0x06, 0x08, "ARP/ND", "arp-nd", arp_nd},                         // RFC 9047 §3
    {0x06, 0x09, "Multicast Flags", "mcast-flags", multicast_flags},  // RFC 9251 §9
    {0x06, 0x0a, "EVI-RT Type 0", "evi-rt", as2_specific},            // RFC 9251 §9
    {0x06, 0x0b, "EVI-RT Type 1", "evi-rt", ipv4_specific},           // RFC 9251 §9
    {0x06, 0x0c, "EVI-RT Type 2", "evi-rt", as4_specific},            // RFC 9251 §9
    {0x06, 0x0d, "EVI-RT Type 3", "evi-rt3", named_raw},              // RFC 9251 §9
    // draft-sajassi-bess-evpn-ac-aware-bundling, RFC 9722, draft-ietf-bess-evpn-unequal-lb.
    {0x06, 0x0e, "EVPN Attachment Circuit", "evpn-ac", named_raw},
    {0x06, 0x0f, "Service Carving Time", "sct", named_raw},
    {0x06, 0x10, "EVPN Link Bandwidth", "evpn-link-bandwidth", named_raw},
};

}  // namespace

std::span<const SubTypeSpec> evpn_sub_types() {
  return kRows;
}

}  // namespace bgplens::extcomm

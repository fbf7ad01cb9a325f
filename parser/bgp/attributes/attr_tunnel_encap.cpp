// Tunnel Encapsulation attribute (type 23), RFC 9012 §2: a sequence of Tunnel TLVs
//   Tunnel Type (2) | Length (2) | sub-TLVs
// each sub-TLV being
//   Sub-TLV Type (1) | Sub-TLV Length (1 for types 0-127, 2 for types 128-255) | value.
//
// Error handling, RFC 9012 §13: the last sub-TLV of a TLV must end exactly where the TLV ends;
// a TLV that breaks this, or whose sub-TLVs are malformed, is disregarded and the other TLVs
// are kept. A TLV of an unknown tunnel type is not malformed, only ignored. Of the sub-TLVs
// that may appear once per TLV (Tunnel Egress Endpoint, Encapsulation, DS Field, UDP
// Destination Port, Embedded Label Handling, MPLS Label Stack, Prefix-SID) all but the first
// are disregarded. An attribute without any valid TLV (or without the Transitive flag, which
// the attribute walk checks) is handled as treat-as-withdraw (RFC 7606).
#include "bgp/attributes/attr_tunnel_encap.h"

#include <bitset>

#include "util/text.h"

namespace bgplens {
namespace tunnel {

std::string_view tunnel_type_name(std::uint16_t type) {
  // IANA "BGP Tunnel Encapsulation Attribute Tunnel Types" (RFC 9012 §15.3, RFC 8365 §11,
  // RFC 9830 for SR Policy).
  static constexpr std::string_view kNames[] = {
      "Reserved",
      "L2TPv3 over IP",
      "GRE",
      "Transmit tunnel endpoint (deprecated)",
      "IPsec in Tunnel-mode (deprecated)",
      "IP in IP tunnel with IPsec Transport Mode (deprecated)",
      "MPLS-in-IP tunnel with IPsec Transport Mode (deprecated)",
      "IP in IP",
      "VXLAN",
      "NVGRE",
      "MPLS",
      "MPLS in GRE",
      "VXLAN GPE",
      "MPLS in UDP",
      "IPv6 Tunnel",
      "SR Policy",
      "Bare",
      "SR Tunnel (deprecated)",
      "Cloud Security",
      "Geneve",
  };
  return type < std::size(kNames) ? kNames[type] : std::string_view();
}

std::string_view sub_tlv_name(std::uint8_t type) {
  // IANA "BGP Tunnel Encapsulation Attribute Sub-TLVs" (RFC 9012 §15.4, RFC 5640, RFC 9015,
  // RFC 9830).
  switch (type) {
    case 0:
      return "Reserved";
    case 1:
      return "Encapsulation";
    case 2:
      return "Protocol Type";
    case 3:
      return "IPsec Tunnel Authenticator (deprecated)";
    case 4:
      return "Color";
    case 5:
      return "Load-Balancing Block";
    case 6:
      return "Tunnel Egress Endpoint";
    case 7:
      return "DS Field";
    case 8:
      return "UDP Destination Port";
    case 9:
      return "Embedded Label Handling";
    case 10:
      return "MPLS Label Stack";
    case 11:
      return "Prefix-SID";
    case 12:
      return "Preference";
    case 13:
      return "Binding SID";
    case 14:
      return "ENLP";
    case 15:
      return "Priority";
    case 16:
      return "SPI/SI Representation";
    case 20:
      return "SRv6 Binding SID";
    case 128:
      return "Segment List";
    case 129:
      return "Policy Candidate Path Name";
    case 130:
      return "Policy Name";
    case 255:
      return "Reserved";
  }
  return {};
}

void invalid(Walk& w, std::uint32_t at, std::uint32_t length, const std::string& why,
             SubTlvResult& r) {
  w.warning(at, length, why + "; the Tunnel TLV is disregarded (RFC 9012 §13)");
  r.valid = false;
  if (w.has_tree()) r.text = "invalid";
}

void raw_value(Walk& w, std::uint32_t at, std::uint32_t length) {
  if (length > 0) {
    w.leaf(FieldId::TunnelSubTlvValue, at, length,
           [&] { return text::hex_spaced(w.slice(at, length), 48); });
  }
}

void reserved_leaf(Walk& w, std::uint32_t at, std::uint32_t length) {
  w.leaf(FieldId::TunnelReserved, at, length, [&] { return text::hex(w.slice(at, length)); });
}

std::string label_entry(Walk& w, std::uint32_t at) {
  const std::uint32_t entry = w.u32(at);
  const std::uint32_t label = entry >> 12;
  if (!w.has_tree()) return {};
  const std::uint32_t node = w.open(FieldId::TunnelLabelEntry, at, 4);
  w.set_value(node, "label " + std::to_string(label) + ", TC " + std::to_string((entry >> 9) & 7) +
                        ", S " + std::to_string((entry >> 8) & 1) + ", TTL " +
                        std::to_string(entry & 0xFF));
  w.leaf_uint(FieldId::TunnelLabelValue, at, 4, label, 0xFFFFF000);
  w.leaf_uint(FieldId::TunnelLabelTc, at, 4, (entry >> 9) & 7, 0x00000E00);
  w.leaf_uint(FieldId::TunnelLabelBottom, at, 4, (entry >> 8) & 1, 0x00000100);
  w.leaf_uint(FieldId::TunnelLabelTtl, at, 4, entry & 0xFF, 0x000000FF);
  w.close();
  return std::to_string(label);
}

void flag_leaves(Walk& w, std::uint32_t at, std::initializer_list<FlagBit> bits) {
  if (!w.has_tree()) return;
  const std::uint8_t flags = w.u8(at);
  std::string names;
  for (const FlagBit& b : bits) {
    if (flags & b.mask) names += (names.empty() ? "" : ", ") + std::string(b.name);
  }
  const std::uint32_t node = w.open(FieldId::SrPolicyFlags, at, 1);
  w.set_value(node, text::hex_number(flags, 2) + (names.empty() ? "" : " (" + names + ")"));
  for (const FlagBit& b : bits) {
    w.leaf(FieldId::SrPolicyFlag, at, 1,
           std::string(b.name) + ": " + ((flags & b.mask) ? "1" : "0"), b.mask);
  }
  w.close();
}

}  // namespace tunnel

namespace {

using tunnel::SubTlv;
using tunnel::SubTlvResult;

// RFC 9012 §13: the sub-TLVs that count once per Tunnel TLV.
bool once_per_tlv(std::uint8_t type) {
  switch (type) {
    case 1:   // Encapsulation
    case 6:   // Tunnel Egress Endpoint
    case 7:   // DS Field
    case 8:   // UDP Destination Port
    case 9:   // Embedded Label Handling
    case 10:  // MPLS Label Stack
    case 11:  // Prefix-SID
      return true;
  }
  return false;
}

std::string sub_tlv_type_text(std::uint8_t type) {
  return names::with_number(tunnel::sub_tlv_name(type), type);
}

constexpr std::string_view kDisregarded = "; the Tunnel TLV is disregarded (RFC 9012 §13)";

// The sub-TLVs of one Tunnel TLV, [begin, end). Returns whether the TLV is valid; `summary` gets
// the sub-TLVs' texts (tree only).
bool decode_sub_tlvs(Walk& w, std::uint16_t tunnel_type, std::uint32_t begin, std::uint32_t end,
                     std::string& summary) {
  std::bitset<256> seen;
  bool valid = true;
  std::uint32_t p = begin;
  while (p < end) {
    const std::uint32_t left = end - p;
    const std::uint8_t type = w.u8(p);
    const std::uint32_t header = type >= 128 ? 3 : 2;  // RFC 9012 §2
    if (left < header) {
      w.warning(p, left,
                "sub-TLV header of type " + std::to_string(type) + " needs " +
                    text::byte_count(header) + ", " + text::byte_count(left) +
                    " left in the Tunnel TLV" + std::string(kDisregarded));
      return false;
    }
    const std::uint32_t length = header == 3 ? w.u16(p + 1) : w.u8(p + 1);
    const std::uint32_t node =
        w.open(FieldId::TunnelSubTlv, p, header + std::min(length, left - header));
    w.leaf(FieldId::TunnelSubTlvType, p, 1, [&] { return sub_tlv_type_text(type); });
    w.leaf_uint(FieldId::TunnelSubTlvLength, p + 1, header - 1, length);
    if (length > left - header) {
      // RFC 9012 §13: the TLV's last sub-TLV must end where the TLV ends.
      w.warning(p + 1, header - 1,
                "sub-TLV length " + std::to_string(length) + " exceeds " +
                    bytes_left(left - header) + " in the Tunnel TLV" + std::string(kDisregarded));
      w.set_value(node, [&] { return sub_tlv_type_text(type) + ": malformed"; });
      w.close();
      return false;
    }
    const SubTlv s{tunnel_type, type, p + header, length};
    SubTlvResult r;
    if (once_per_tlv(type) && seen.test(type)) {
      w.warning(p, header + length,
                "second " + std::string(tunnel::sub_tlv_name(type)) +
                    " sub-TLV in the Tunnel TLV: all but the first are disregarded (RFC 9012 §13)");
      tunnel::raw_value(w, s.value, length);
      if (w.has_tree()) r.text = "ignored duplicate";
    } else {
      seen.set(type);
      if (!tunnel::decode_rfc9012_sub_tlv(w, s, r) && !tunnel::decode_sr_policy_sub_tlv(w, s, r)) {
        // Unknown sub-TLVs are ignored (and propagated).
        tunnel::raw_value(w, s.value, length);
        if (w.has_tree()) r.text = text::byte_count(length);
      }
    }
    valid = valid && r.valid;
    w.set_value(node, [&] { return sub_tlv_type_text(type) + ": " + r.text; });
    w.close();
    if (w.has_tree()) {
      const std::string_view name = tunnel::sub_tlv_name(type);
      const std::string part =
          (name.empty() ? "sub-TLV " + std::to_string(type) : std::string(name)) + " " + r.text;
      summary += summary.empty() ? part : ", " + part;
    }
    p += header + length;
  }
  return valid;
}

std::string tunnel_type_text(std::uint16_t type) {
  return names::with_number(tunnel::tunnel_type_name(type), type);
}

}  // namespace

void decode_attr_tunnel_encap(Walk& w, const AttributeView& a, UpdateState&) {
  const std::uint32_t end = a.value_offset + a.value_length;
  std::uint32_t valid = 0;
  std::uint32_t count = 0;
  std::string summary;
  std::uint32_t p = a.value_offset;
  while (p < end) {
    const std::uint32_t left = end - p;
    if (left < 4) {
      w.warning(p, left,
                "Tunnel TLV header needs 4 bytes, " + text::byte_count(left) +
                    " left in the attribute; they are disregarded (RFC 9012 §13)");
      break;
    }
    ++count;
    const std::uint16_t type = w.u16(p);
    const std::uint32_t length = w.u16(p + 2);
    const std::uint32_t node = w.open(FieldId::TunnelTlv, p, 4 + std::min(length, left - 4));
    w.leaf(FieldId::TunnelType, p, 2, [&] { return tunnel_type_text(type); });
    w.leaf_uint(FieldId::TunnelLength, p + 2, 2, length);
    if (length > left - 4) {
      w.warning(p + 2, 2,
                "Tunnel TLV length " + std::to_string(length) + " exceeds " + bytes_left(left - 4) +
                    " in the attribute" + std::string(kDisregarded));
      w.set_value(node, [&] { return tunnel_type_text(type) + ": malformed — disregarded"; });
      w.close();
      break;
    }
    std::string text;
    const bool ok = decode_sub_tlvs(w, type, p + 4, p + 4 + length, text);
    if (ok) ++valid;
    w.set_value(node, [&] {
      std::string v = tunnel_type_text(type) + ": " +
                      (!text.empty() ? text
                       : ok          ? std::string("no sub-TLVs")
                                     : "malformed");
      if (!ok) v += " — disregarded";
      if (tunnel::tunnel_type_name(type).empty() || type == 0)
        v += " — unknown tunnel type, ignored";
      return v;
    });
    w.close();
    if (w.has_tree()) {
      const std::string_view name = tunnel::tunnel_type_name(type);
      std::string part = name.empty() ? "tunnel type " + std::to_string(type) : std::string(name);
      if (!ok) part += " (disregarded)";
      summary += summary.empty() ? part : ", " + part;
    }
    p += 4 + length;
  }
  if (valid == 0) {
    w.error(a.value_offset, a.value_length,
            std::string(count == 0 ? "no Tunnel TLV" : "no valid Tunnel TLV") +
                " in the Tunnel Encapsulation attribute (RFC 9012 §13, NOTIFICATION 3/9 Optional "
                "Attribute Error)",
            Treatment::TreatAsWithdraw);
  }
  attr_summary(w, a, [&] { return summary.empty() ? std::string("no Tunnel TLV") : summary; });
}

}  // namespace bgplens

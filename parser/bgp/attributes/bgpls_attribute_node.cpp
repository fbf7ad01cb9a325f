// Node attribute TLVs of the BGP-LS Attribute: RFC 9552 §5.3.1 (flags, name, area, router
// IDs, opaque), RFC 9085 §2.1 (Segment Routing capabilities, algorithms, local block, SRMS
// preference, and the SID/Label sub-TLV) and RFC 9247 §2 (S-BFD discriminators).
#include "bgp/attributes/bgpls_attribute.h"
#include "bgp/names/names.h"

namespace bgplens::bgpls {
namespace {

// RFC 9552 §5.3.1.1.
constexpr FlagBit kNodeFlags[] = {
    {0x80, "O", "overload"},    {0x40, "T", "attached"},        {0x20, "E", "external"},
    {0x10, "B", "area border"}, {0x08, "R", "router (OSPFv3)"}, {0x04, "V", "IPv6 (OSPFv3)"},
};

std::string node_flags(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 1, "1")) return raw_value(s, t);
  return flags_node(s, t.value_offset(), 1, kNodeFlags);
}

std::string opaque(Scope& s, const Tlv16& t) {
  return raw_value(s, t);
}

// RFC 9552 §5.3.1.3: the name as configured; shown with non-printable octets escaped.
std::string node_name(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 1, "at least 1")) return raw_value(s, t);
  const Bytes b = s.w.slice(t.value_offset(), t.length);
  std::string v =
      s.want_text
          ? text::escaped(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()))
          : "";
  s.w.leaf(FieldId::LsNodeName, t.value_offset(), t.length, v);
  return v;
}

// RFC 9552 §5.3.1.2: an area address of 1 to 13 octets.
std::string isis_area(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 1 && t.length <= 13, "1 to 13")) return raw_value(s, t);
  std::string v = s.want_text ? isis_area_text(s.w.slice(t.value_offset(), t.length)) : "";
  s.w.leaf(FieldId::LsIsisAreaId, t.value_offset(), t.length, v);
  return v;
}

// RFC 9552 §5.3.1.4.
std::string local_router_id4(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return ipv4_leaf(s, FieldId::LsLocalRouterId4, t.value_offset());
}
std::string local_router_id6(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 16, "16")) return raw_value(s, t);
  return ipv6_leaf(s, FieldId::LsLocalRouterId6, t.value_offset());
}

// RFC 9247 §2: one or more 4-octet discriminators.
std::string sbfd_discriminators(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 4 && t.length % 4 == 0, "a positive multiple of 4"))
    return raw_value(s, t);
  std::string v;
  for (std::uint32_t p = t.value_offset(); p < t.end(); p += 4) {
    const std::string d = uint_leaf(s, FieldId::LsSbfdDiscriminator, p, 4, s.w.u32(p));
    if (s.want_text) v += (v.empty() ? "" : ",") + d;
  }
  return v;
}

// RFC 9085 §2.1.1: 3 octets a label, 4 octets a SID index.
std::string sid_label(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 3 || t.length == 4, "3 or 4")) return raw_value(s, t);
  return sid_leaf(s, FieldId::LsSidLabel, t.value_offset(), t.length);
}

// RFC 9085 §2.1.2, §2.1.4: Flags (1), Reserved (1), then one or more ranges, each a Range Size
// (3) and a SID/Label sub-TLV.
std::string label_ranges(Scope& s, const Tlv16& t, std::span<const FlagBit> isis) {
  Walk& w = s.w;
  if (!check_length(s, t, t.length >= 12, "at least 12 (flags, reserved and one range)"))
    return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  std::string text = isis.empty() ? flags_node(s, v, 1, {})
                                  : protocol_flags(s, v, isis, std::span<const FlagBit>());
  w.leaf_uint(FieldId::LsReserved, v + 1, 1, w.u8(v + 1));
  std::uint32_t p = v + 2;
  while (p < t.end()) {
    if (t.end() - p < 7) {
      s.error(p, t.end() - p,
              "a range needs a 3-octet size and a SID/Label sub-TLV, " +
                  text::byte_count(t.end() - p) + " left (" + std::string(tlv_rfc(t.type)) + ")");
      return text;
    }
    const std::uint32_t size = load_be24(w.at(p));
    uint_leaf(s, FieldId::LsRangeSize, p, 3, size);
    const std::uint32_t sub_length = w.u16(p + 5);
    const std::uint32_t sub_end = std::min(t.end(), p + 7 + sub_length);
    std::string first = decode_sub_tlvs(s, p + 3, sub_end);
    // "SID/Label label 16000" reads better as "label 16000".
    constexpr std::string_view kPrefix = "SID/Label ";
    if (first.starts_with(kPrefix)) first.erase(0, kPrefix.size());
    if (s.want_text) text += " range " + std::to_string(size) + " from " + first;
    if (p + 7 + sub_length > t.end()) return text;  // the sub-TLV walk reported the overrun
    p = sub_end;
  }
  return text;
}

// RFC 8667 §3.1 (IS-IS SR-Capabilities): I MPLS IPv4, V MPLS IPv6. OSPF defines none.
constexpr FlagBit kSrCapabilityFlags[] = {{0x80, "I", "MPLS IPv4"}, {0x40, "V", "MPLS IPv6"}};

std::string sr_capabilities(Scope& s, const Tlv16& t) {
  return label_ranges(s, t, kSrCapabilityFlags);
}
std::string sr_local_block(Scope& s, const Tlv16& t) {
  return label_ranges(s, t, {});
}

// RFC 9085 §2.1.3: one algorithm per octet.
std::string sr_algorithm(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 1, "at least 1")) return raw_value(s, t);
  std::string v;
  for (std::uint32_t p = t.value_offset(); p < t.end(); ++p) {
    const std::uint8_t a = s.w.u8(p);
    s.w.leaf(FieldId::LsAlgorithm, p, 1, [&] { return names::with_number(algorithm_name(a), a); });
    if (s.want_text) {
      if (!v.empty()) v += ',';
      v += std::to_string(a);
    }
  }
  return v;
}

// RFC 9085 §2.1.5.
std::string srms_preference(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 1, "1")) return raw_value(s, t);
  return uint_leaf(s, FieldId::LsSrmsPreference, t.value_offset(), 1, s.w.u8(t.value_offset()));
}

}  // namespace

ValueDecoder node_attribute_decoder(std::uint16_t code) {
  switch (code) {
    case 1024:
      return node_flags;
    case 1025:
      return opaque;
    case 1026:
      return node_name;
    case 1027:
      return isis_area;
    case 1028:
      return local_router_id4;
    case 1029:
      return local_router_id6;
    case 1032:
      return sbfd_discriminators;
    case 1034:
      return sr_capabilities;
    case 1035:
      return sr_algorithm;
    case 1036:
      return sr_local_block;
    case 1037:
      return srms_preference;
    case 1161:
      return sid_label;
  }
  return nullptr;
}

}  // namespace bgplens::bgpls

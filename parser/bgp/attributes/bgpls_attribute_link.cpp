// Link attribute TLVs of the BGP-LS Attribute: RFC 9552 §5.3.2 (remote router IDs, TE
// attributes, metrics, SRLG, opaque, name), RFC 8571 §2 (delay, loss and bandwidth
// measurements), RFC 8379 §5, RFC 9294 §2 (application-specific attributes), RFC 9085 §2.2.3
// (L2 bundle members) and RFC 9104 §2 (extended administrative groups).
#include <cstdio>

#include "bgp/attributes/bgpls_attribute.h"

namespace bgplens::bgpls {
namespace {

// RFC 9552 §5.3.2.1.
std::string remote_router_id4(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return ipv4_leaf(s, FieldId::LsRemoteRouterId4, t.value_offset());
}
std::string remote_router_id6(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 16, "16")) return raw_value(s, t);
  return ipv6_leaf(s, FieldId::LsRemoteRouterId6, t.value_offset());
}

std::string admin_group_leaf(Scope& s, std::uint32_t p) {
  const std::uint32_t mask = s.w.u32(p);
  std::string v = s.want_text ? text::hex_number(mask, 8) : "";
  s.w.leaf(FieldId::LsAdminGroup, p, 4, v);
  return v;
}

// RFC 9552 §5.3.2 (RFC 5305 §3.1): a 32-bit mask.
std::string admin_group(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return admin_group_leaf(s, t.value_offset());
}

// RFC 9104 §2: one or more 32-bit words.
std::string extended_admin_group(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 4 && t.length % 4 == 0, "a positive multiple of 4"))
    return raw_value(s, t);
  std::string v;
  for (std::uint32_t p = t.value_offset(); p < t.end(); p += 4) {
    const std::string word = admin_group_leaf(s, p);
    if (s.want_text) v += (v.empty() ? "" : " ") + word;
  }
  return v;
}

std::string bandwidth_leaf(Scope& s, std::uint32_t p, std::string_view label = {}) {
  const std::uint32_t bits = s.w.u32(p);
  std::string v;
  if (s.want_text) v = std::string(label) + bandwidth_text(bits);
  s.w.leaf(FieldId::LsBandwidth, p, 4, v);
  return v;
}

// RFC 9552 §5.3.2 (RFC 5305 §3.4, §3.5), RFC 8571 §2.5–2.7: one IEEE float, bytes per second.
std::string bandwidth(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return bandwidth_leaf(s, t.value_offset());
}

// RFC 9552 §5.3.2 (RFC 5305 §3.6): one float per priority 0–7.
std::string unreserved_bandwidth(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 32, "32")) return raw_value(s, t);
  bool all_equal = true;
  for (std::uint32_t i = 0; i < 8; ++i) {
    const std::string label = s.want_text ? "priority " + std::to_string(i) + ": " : "";
    bandwidth_leaf(s, t.value_offset() + 4 * i, label);
    all_equal = all_equal && s.w.u32(t.value_offset() + 4 * i) == s.w.u32(t.value_offset());
  }
  if (!s.want_text) return "";
  if (all_equal) return bandwidth_text(s.w.u32(t.value_offset())) + " at each priority";
  std::string v;
  for (std::uint32_t i = 0; i < 8; ++i) {
    const std::string b = bandwidth_text(s.w.u32(t.value_offset() + 4 * i));
    v += (i ? ", " : "") + std::to_string(i) + ": " + b.substr(0, b.find(" ("));
  }
  return v;
}

// RFC 9552 §5.3.2.3: 4 octets, the high-order bits zero when the IGP's metric is narrower.
std::string te_metric(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  return uint_leaf(s, FieldId::LsTeMetric, t.value_offset(), 4, s.w.u32(t.value_offset()));
}

// RFC 9552 §5.3.2 (RFC 5307 §1.2): protection capabilities, then a reserved octet.
constexpr FlagBit kProtection[] = {
    {0x20, "Enhanced", "enhanced protection"},
    {0x10, "1+1", "dedicated 1+1"},
    {0x08, "1:1", "dedicated 1:1"},
    {0x04, "Shared", "shared protection"},
    {0x02, "Unprotected", "no protection"},
    {0x01, "Extra", "extra traffic"},
};

std::string link_protection(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 2, "2")) return raw_value(s, t);
  std::string v = flags_node(s, t.value_offset(), 1, kProtection);
  s.w.leaf_uint(FieldId::LsReserved, t.value_offset() + 1, 1, s.w.u8(t.value_offset() + 1));
  return v;
}

// RFC 9552 §5.3.2.2.
constexpr FlagBit kMplsMask[] = {{0x80, "L", "LDP"}, {0x40, "R", "RSVP-TE"}};

std::string mpls_protocol_mask(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 1, "1")) return raw_value(s, t);
  return flags_node(s, t.value_offset(), 1, kMplsMask);
}

// RFC 9552 §5.3.2.4: 1 octet (IS-IS small metric, 6 bits), 2 (OSPF) or 3 (IS-IS wide).
std::string igp_metric(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 1 && t.length <= 3, "1, 2 or 3")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  if (t.length == 1) {
    const std::uint8_t raw = s.w.u8(v);
    if (raw & 0xC0) {
      s.w.note(v, 1,
               "the two high bits of a 1-octet IGP metric must be 0 (RFC 9552 §5.3.2.4); they "
               "are ignored");
    }
    return uint_leaf(s, FieldId::LsIgpMetric, v, 1, raw & 0x3Fu, 0x3F);
  }
  const std::uint32_t metric = t.length == 2 ? s.w.u16(v) : load_be24(s.w.at(v));
  return uint_leaf(s, FieldId::LsIgpMetric, v, t.length, metric);
}

// RFC 9552 §5.3.2.5: 4 octets per group.
std::string srlg(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 4 && t.length % 4 == 0, "a positive multiple of 4"))
    return raw_value(s, t);
  std::string v;
  for (std::uint32_t p = t.value_offset(); p < t.end(); p += 4) {
    const std::string g = uint_leaf(s, FieldId::LsSrlg, p, 4, s.w.u32(p));
    if (s.want_text) v += (v.empty() ? "" : ",") + g;
  }
  return v;
}

std::string opaque(Scope& s, const Tlv16& t) {
  return raw_value(s, t);
}

// RFC 9552 §5.3.2.7.
std::string link_name(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 1, "at least 1")) return raw_value(s, t);
  const Bytes b = s.w.slice(t.value_offset(), t.length);
  std::string v =
      s.want_text
          ? text::escaped(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()))
          : "";
  s.w.leaf(FieldId::LsLinkName, t.value_offset(), t.length, v);
  return v;
}

// RFC 8571 §2.1, §2.2, §2.4: the A (anomalous) bit heads a 24-bit measurement.
constexpr FlagBit kAnomalous[] = {{0x80, "A", "anomalous"}};

std::string delay_leaf(Scope& s, std::uint32_t p) {
  const std::uint32_t us = load_be24(s.w.at(p));
  s.w.leaf(FieldId::LsDelay, p, 3, [&] { return std::to_string(us) + " µs"; });
  return s.want_text ? std::to_string(us) + " µs" : "";
}

std::string link_delay(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  flags_node(s, t.value_offset(), 1, kAnomalous);
  const std::string d = delay_leaf(s, t.value_offset() + 1);
  return s.want_text && (s.w.u8(t.value_offset()) & 0x80) ? d + " anomalous" : d;
}

std::string min_max_delay(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 8, "8")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  flags_node(s, v, 1, kAnomalous);
  const std::string lo = delay_leaf(s, v + 1);
  s.w.leaf_uint(FieldId::LsReserved, v + 4, 1, s.w.u8(v + 4));
  const std::string hi = delay_leaf(s, v + 5);
  return s.want_text ? "min " + lo + " max " + hi : "";
}

// RFC 8571 §2.3: a reserved octet, then 24 bits.
std::string delay_variation(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  s.w.leaf_uint(FieldId::LsReserved, t.value_offset(), 1, s.w.u8(t.value_offset()));
  return delay_leaf(s, t.value_offset() + 1);
}

// RFC 8571 §2.4: units of 0.000003 %.
std::string link_loss(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length == 4, "4")) return raw_value(s, t);
  flags_node(s, t.value_offset(), 1, kAnomalous);
  const std::uint32_t units = load_be24(s.w.at(t.value_offset() + 1));
  const auto text = [&] {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6f %%", units * 0.000003);
    return std::string(buf);
  };
  s.w.leaf(FieldId::LsLinkLoss, t.value_offset() + 1, 3, text);
  return s.want_text ? text() : "";
}

// RFC 8379 §5: no value.
std::string graceful_shutdown(Scope& s, const Tlv16& t) {
  check_length(s, t, t.length == 0, "0");
  return t.length == 0 ? "" : raw_value(s, t);
}

// RFC 9294 §2 (RFC 8919 §4.1 bits): SABM and UDABM lengths, reserved, the two masks, then
// link attribute sub-TLVs that apply to the applications the masks name.
constexpr FlagBit kSabm[] = {
    {0x80, "R", "RSVP-TE"}, {0x40, "S", "SR Policy"}, {0x20, "F", "LFA"}, {0x10, "X", "Flex-Algo"}};

std::string application_specific(Scope& s, const Tlv16& t) {
  Walk& w = s.w;
  if (!check_length(s, t, t.length >= 4, "at least 4")) return raw_value(s, t);
  const std::uint32_t v = t.value_offset();
  const std::uint32_t sabm = w.u8(v);
  const std::uint32_t udabm = w.u8(v + 1);
  if (sabm > 8 || udabm > 8 || 4 + sabm + udabm > t.length) {
    check_length(s, t, false,
                 "enough for masks of " + std::to_string(sabm) + " and " + std::to_string(udabm) +
                     " octets (each at most 8)");
    return raw_value(s, t);
  }
  w.leaf_uint(FieldId::LsAslaSabmLength, v, 1, sabm);
  w.leaf_uint(FieldId::LsAslaUdabmLength, v + 1, 1, udabm);
  w.leaf_uint(FieldId::LsReserved, v + 2, 2, w.u16(v + 2));
  std::string text;
  // The standard bits are the first octet's; the rest of the mask is reserved.
  if (sabm > 0) text = "SABM " + flags_node(s, v + 4, 1, kSabm);
  if (sabm > 1) raw_bytes(s, v + 5, sabm - 1);
  if (udabm > 0) {
    const std::string user = raw_bytes(s, v + 4 + sabm, udabm);
    if (s.want_text) text += (text.empty() ? "UDABM " : " UDABM ") + user;
  }
  const std::string subs = decode_sub_tlvs(s, v + 4 + sabm + udabm, t.end());
  return s.want_text ? text + (subs.empty() ? "" : ": " + subs) : "";
}

// RFC 9085 §2.2.3: the member link's local identifier, then its link attribute sub-TLVs.
std::string l2_bundle_member(Scope& s, const Tlv16& t) {
  if (!check_length(s, t, t.length >= 4, "at least 4")) return raw_value(s, t);
  const std::string id =
      uint_leaf(s, FieldId::LsLinkLocalId, t.value_offset(), 4, s.w.u32(t.value_offset()));
  const std::string subs = decode_sub_tlvs(s, t.value_offset() + 4, t.end());
  return s.want_text ? "member " + id + (subs.empty() ? "" : ": " + subs) : "";
}

}  // namespace

ValueDecoder link_attribute_decoder(std::uint16_t code) {
  switch (code) {
    case 1030:
      return remote_router_id4;
    case 1031:
      return remote_router_id6;
    case 1088:
      return admin_group;
    case 1089:
    case 1090:
    case 1118:
    case 1119:
    case 1120:
      return bandwidth;
    case 1091:
      return unreserved_bandwidth;
    case 1092:
      return te_metric;
    case 1093:
      return link_protection;
    case 1094:
      return mpls_protocol_mask;
    case 1095:
      return igp_metric;
    case 1096:
      return srlg;
    case 1097:
      return opaque;
    case 1098:
      return link_name;
    case 1114:
      return link_delay;
    case 1115:
      return min_max_delay;
    case 1116:
      return delay_variation;
    case 1117:
      return link_loss;
    case 1121:
      return graceful_shutdown;
    case 1122:
      return application_specific;
    case 1172:
      return l2_bundle_member;
    case 1173:
      return extended_admin_group;
  }
  return nullptr;
}

}  // namespace bgplens::bgpls

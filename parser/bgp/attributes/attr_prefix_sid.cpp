// BGP Prefix-SID (attribute 40, optional transitive), RFC 8669 §3: a sequence of TLVs, each a
// 1-octet type, a 2-octet length and a value. This file walks the TLVs and decodes the SR-MPLS
// ones (Label-Index §3.1, Originator SRGB §3.2); the SRv6 Service TLVs of RFC 9252 are in
// attr_prefix_sid_srv6.cpp.
//
// Error handling. RFC 8669 §6: a Prefix-SID that cannot be parsed (too short for a TLV, a TLV
// length that breaks the TLV's rule, or one that runs past the attribute) is malformed and is
// ignored and not propagated: RFC 7606 "attribute discard". A recognized TLV that appears more
// than once: all but the first are discarded, the attribute is still processed. Unknown TLVs
// are ignored and propagated unchanged. RFC 9252 §7 makes a malformed SRv6 Service TLV
// treat-as-withdraw instead, and a second L3 (or L2) Service TLV is ignored.
#include "bgp/attributes/attr_prefix_sid.h"

#include <bitset>

#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint8_t kLabelIndex = 1;
constexpr std::uint8_t kOriginatorSrgb = 3;
constexpr std::uint8_t kSrv6L3Service = 5;
constexpr std::uint8_t kSrv6L2Service = 6;

constexpr std::string_view kMalformed =
    " (RFC 8669 §6: malformed BGP Prefix-SID, NOTIFICATION 3/9 Optional Attribute Error)";

// IANA "BGP Prefix-SID TLV Types" (RFC 8669 §9.2, RFC 9252 §8.1).
std::string_view tlv_name(std::uint8_t type) {
  switch (type) {
    case kLabelIndex:
      return "Label-Index";
    case 2:
      return "Deprecated";
    case kOriginatorSrgb:
      return "Originator SRGB";
    case 4:
      return "Deprecated";
    case kSrv6L3Service:
      return "SRv6 L3 Service";
    case kSrv6L2Service:
      return "SRv6 L2 Service";
  }
  return {};
}

bool is_service(std::uint8_t type) {
  return type == kSrv6L3Service || type == kSrv6L2Service;
}

// The error of a TLV whose own length rule is broken: over its value, or over its length field
// when it has no value.
void tlv_length_error(Walk& w, std::uint32_t tlv, std::uint32_t length, const std::string& text) {
  if (length > 0) {
    w.error(tlv + 3, length, text, Treatment::AttributeDiscard);
  } else {
    w.error(tlv + 1, 2, text, Treatment::AttributeDiscard);
  }
}

// RFC 8669 §3.1: Reserved (1), Flags (2), Label Index (4); the length is 7.
std::string decode_label_index(Walk& w, std::uint32_t tlv, std::uint32_t length) {
  if (length != 7) {
    tlv_length_error(
        w, tlv, length,
        "Label-Index TLV length " + std::to_string(length) + " is not 7" + std::string(kMalformed));
    return "malformed Label-Index";
  }
  const std::uint32_t v = tlv + 3;
  const std::uint32_t index = w.u32(v + 3);
  w.leaf(FieldId::PrefixSidReserved, v, 1, [&] { return text::hex(w.slice(v, 1)); });
  w.leaf(FieldId::PrefixSidLabelIndexFlags, v + 1, 2,
         [&] { return text::hex_number(w.u16(v + 1), 4); });
  w.leaf_uint(FieldId::PrefixSidLabelIndex, v + 3, 4, index);
  return w.has_tree() ? "label-index " + std::to_string(index) : std::string();
}

// RFC 8669 §3.2: Flags (2), then one or more SRGB ranges of base (3) and range (3); the length
// is 2 plus a non-zero multiple of 6.
std::string decode_originator_srgb(Walk& w, std::uint32_t tlv, std::uint32_t length) {
  if (length < 8 || (length - 2) % 6 != 0) {
    tlv_length_error(w, tlv, length,
                     "Originator SRGB TLV length " + std::to_string(length) +
                         " is not 2 plus a non-zero multiple of 6" + std::string(kMalformed));
    return "malformed Originator SRGB";
  }
  const std::uint32_t v = tlv + 3;
  w.leaf(FieldId::PrefixSidSrgbFlags, v, 2, [&] { return text::hex_number(w.u16(v), 4); });
  std::string summary;
  for (std::uint32_t p = v + 2; p < v + length; p += 6) {
    if (!w.has_tree()) break;
    const std::uint32_t base = load_be24(w.at(p));
    const std::uint32_t range = load_be24(w.at(p + 3));
    const std::string text = std::to_string(base) + "+" + std::to_string(range);
    const std::uint32_t node = w.open(FieldId::PrefixSidSrgb, p, 6);
    w.set_value(node, [&] {
      std::string s = "base " + std::to_string(base) + ", range " + std::to_string(range);
      if (range > 0) {
        s += " (labels " + std::to_string(base) + "-" +
             std::to_string(static_cast<std::uint64_t>(base) + range - 1) + ")";
      }
      return s;
    });
    w.leaf_uint(FieldId::PrefixSidSrgbBase, p, 3, base);
    w.leaf_uint(FieldId::PrefixSidSrgbRange, p + 3, 3, range);
    w.close();
    summary += summary.empty() ? "originator SRGB " + text : ", " + text;
  }
  return summary;
}

std::string type_text(std::uint8_t type) {
  return names::with_number(tlv_name(type), type);
}

}  // namespace

void decode_attr_prefix_sid(Walk& w, const AttributeView& a, UpdateState&) {
  const std::uint32_t end = a.value_offset + a.value_length;
  if (a.value_length == 0) {
    // RFC 8669 §6: too short to hold the one TLV header an attribute needs.
    w.error(a.value_offset, 0,
            "BGP Prefix-SID is empty: no 3-octet TLV header" + std::string(kMalformed),
            Treatment::AttributeDiscard);
    attr_summary(w, a, "malformed (empty)");
    return;
  }
  std::bitset<256> seen;
  std::string summary;
  auto add = [&](const std::string& part) {
    if (w.has_tree() && !part.empty()) summary += summary.empty() ? part : "; " + part;
  };
  std::uint32_t p = a.value_offset;
  while (p < end) {
    const std::uint32_t left = end - p;
    if (left < 3) {
      w.error(
          p, left,
          "TLV header needs 3 bytes, " + text::byte_count(left) + " left" + std::string(kMalformed),
          Treatment::AttributeDiscard);
      add("malformed");
      break;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint32_t length = w.u16(p + 1);
    const std::uint32_t shown = 3 + std::min(length, left - 3);
    const std::uint32_t node = w.open(FieldId::PrefixSidTlv, p, shown);
    w.leaf(FieldId::PrefixSidTlvType, p, 1, [&] { return type_text(type); });
    w.leaf_uint(FieldId::PrefixSidTlvLength, p + 1, 2, length);
    if (length > left - 3) {
      // RFC 8669 §6 (attribute discard); for an SRv6 Service TLV, RFC 9252 §7: its length is
      // inconsistent with the attribute's, treat-as-withdraw.
      const bool service = is_service(type);
      w.error(p + 1, 2,
              std::string(tlv_name(type).empty() ? "TLV" : tlv_name(type)) + " TLV length " +
                  std::to_string(length) + " exceeds " + bytes_left(left - 3) +
                  " in the attribute" +
                  (service ? " (RFC 9252 §7: malformed SRv6 Service TLV, NOTIFICATION 3/9 "
                             "Optional Attribute Error)"
                           : std::string(kMalformed)),
              service ? Treatment::TreatAsWithdraw : Treatment::AttributeDiscard);
      w.set_value(node, [&] { return type_text(type) + ": malformed"; });
      w.close();
      add("malformed");
      break;
    }
    std::string text;
    const bool recognized = type == kLabelIndex || type == kOriginatorSrgb || is_service(type);
    if (recognized && seen.test(type)) {
      // RFC 8669 §6 and RFC 9252 §7: only the first instance of a TLV type counts.
      w.warning(p, 3 + length,
                "second " + std::string(tlv_name(type)) + " TLV: all but the first are ignored (" +
                    (is_service(type) ? "RFC 9252 §7)" : "RFC 8669 §6)"));
      if (length > 0) {
        w.leaf(FieldId::PrefixSidTlvValue, p + 3, length,
               [&] { return text::hex_spaced(w.slice(p + 3, length), 48); });
      }
      text = "ignored duplicate";
    } else {
      seen.set(type);
      switch (type) {
        case kLabelIndex:
          text = decode_label_index(w, p, length);
          break;
        case kOriginatorSrgb:
          text = decode_originator_srgb(w, p, length);
          break;
        case kSrv6L3Service:
        case kSrv6L2Service:
          text = srv6::decode_service_tlv(w, p + 3, length);
          break;
        default:
          // RFC 8669 §3: unknown TLVs are ignored and propagated unmodified.
          if (length > 0) {
            w.leaf(FieldId::PrefixSidTlvValue, p + 3, length,
                   [&] { return text::hex_spaced(w.slice(p + 3, length), 48); });
          }
          if (w.has_tree())
            text = "TLV " + std::to_string(type) + " (" + text::byte_count(length) + ")";
          break;
      }
    }
    w.set_value(node, [&] { return type_text(type) + ": " + text; });
    w.close();
    if (w.has_tree()) add(is_service(type) ? std::string(tlv_name(type)) + " " + text : text);
    p += 3 + length;
  }
  attr_summary(w, a, summary);
}

}  // namespace bgplens

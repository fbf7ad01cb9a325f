// SR Policy sub-TLVs of the Tunnel Encapsulation attribute (RFC 9830 §2.4, formerly
// draft-ietf-idr-segment-routing-te-policy), carried in a Tunnel TLV of type 15 (SR Policy)
// with an SR Policy NLRI (SAFI 73):
//   12 Preference        Flags (1) | Reserved (1) | Preference (4)
//   13 Binding SID       Flags (1) | Reserved (1) | Binding SID (0, 4 or 16)
//   14 ENLP              Flags (1) | Reserved (1) | ENLP (1)
//   15 Priority          Priority (1) | Reserved (1)
//   20 SRv6 Binding SID  Flags (1) | Reserved (1) | SID (16) | [Behavior and Structure (8)]
//  128 Segment List      Reserved (1) | segment sub-TLVs: Type (1) | Length (1) | value
//  129 Candidate Path Name, 130 Policy Name: Reserved (1) | name
// Segment sub-TLVs: 9 Weight (Flags, Reserved, Weight (4)), 1 Type A (Flags, Reserved, MPLS
// label stack entry (4)), 13 Type B (Flags, Reserved, SRv6 SID (16), [Behavior and Structure]).
// Types 3-8 (C-H) are in draft-ietf-idr-bgp-sr-segtypes-ext and are shown raw.
#include "bgp/attributes/attr_prefix_sid.h"
#include "bgp/attributes/attr_tunnel_encap.h"
#include "util/text.h"

namespace bgplens::tunnel {
namespace {

// RFC 9830 §2.4.2 (Binding SID flags), §2.4.3 (SRv6 Binding SID flags), §2.4.4.2.12 (segment
// flags).
constexpr FlagBit kBindingS{0x80, "S (Specified-BSID-only)"};
constexpr FlagBit kBindingI{0x40, "I (Drop Upon Invalid)"};
constexpr FlagBit kBindingB{0x20, "B (Endpoint Behavior & SID Structure present)"};
constexpr FlagBit kSegmentV{0x80, "V (SID verification)"};
constexpr FlagBit kSegmentA{0x40, "A (SR Algorithm present)"};
constexpr FlagBit kSegmentS{0x20, "S (SID present)"};
constexpr FlagBit kSegmentB{0x10, "B (Endpoint Behavior & SID Structure present)"};

std::string_view segment_type_name(std::uint8_t type) {
  // IANA "SR Policy Segment List Sub-TLVs".
  switch (type) {
    case 1:
      return "Segment Type A";
    case 3:
      return "Segment Type C";
    case 4:
      return "Segment Type D";
    case 5:
      return "Segment Type E";
    case 6:
      return "Segment Type F";
    case 7:
      return "Segment Type G";
    case 8:
      return "Segment Type H";
    case 9:
      return "Weight";
    case 13:
      return "Segment Type B";
  }
  return {};
}

std::string_view enlp_name(std::uint8_t value) {
  switch (value) {  // RFC 9830 §2.4.5
    case 1:
      return "push an IPv4 explicit null, not IPv6";
    case 2:
      return "push an IPv6 explicit null, not IPv4";
    case 3:
      return "push IPv4 and IPv6 explicit nulls";
    case 4:
      return "push no explicit null";
  }
  return {};
}

std::string wrong_length(std::string_view what, std::uint32_t length, std::string_view expected,
                         std::string_view rule) {
  return std::string(what) + " length " + std::to_string(length) + " is not " +
         std::string(expected) + " (" + std::string(rule) + ")";
}

// RFC 9830 §2.4.4.2.4: Endpoint Behavior (2), Reserved (2), LBL, LNL, FL, AL (1 each).
std::string behavior_and_structure(Walk& w, std::uint32_t at) {
  const std::uint16_t behavior = w.u16(at);
  w.leaf(FieldId::Srv6EndpointBehavior, at, 2,
         [&] { return srv6::endpoint_behavior_text(behavior); });
  reserved_leaf(w, at + 2, 2);
  const std::string structure = srv6::structure_leaves(w, at + 4);
  if (!w.has_tree()) return {};
  return srv6::endpoint_behavior_text(behavior) + ", structure " + structure;
}

// An SRv6 SID (16) at `at` optionally followed by the behavior and structure: `length` is 16
// or 24 (what follows the flags and reserved octets).
std::string srv6_sid(Walk& w, std::uint32_t at, std::uint32_t length) {
  std::string text = w.has_tree() ? text::ipv6(w.at(at)) : std::string();
  w.leaf(FieldId::SrPolicySrv6Sid, at, 16, text);
  if (length == 24) {
    const std::string more = behavior_and_structure(w, at + 16);
    if (w.has_tree()) text += " " + more;
  }
  return text;
}

// One segment sub-TLV of a segment list (RFC 9830 §2.4.4.1, §2.4.4.2). `ok` is cleared when its
// length does not fit its type.
std::string segment(Walk& w, std::uint8_t type, std::uint32_t v, std::uint32_t length,
                    SubTlvResult& r) {
  std::string text;
  switch (type) {
    case 9:  // Weight
      if (length != 6) break;
      flag_leaves(w, v, {});
      reserved_leaf(w, v + 1, 1);
      w.leaf_uint(FieldId::SrPolicyWeight, v + 2, 4, w.u32(v + 2));
      return w.has_tree() ? "weight " + std::to_string(w.u32(v + 2)) : text;
    case 1:  // Type A: an SR-MPLS SID as a label stack entry.
      if (length != 6) break;
      flag_leaves(w, v, {kSegmentV, kSegmentA, kSegmentS, kSegmentB});
      reserved_leaf(w, v + 1, 1);
      text = label_entry(w, v + 2);
      return w.has_tree() ? "A " + text : text;
    case 13:  // Type B: an SRv6 SID, with the behavior and structure when B is set.
      if (length != 18 && length != 26) break;
      flag_leaves(w, v, {kSegmentV, kSegmentA, kSegmentS, kSegmentB});
      reserved_leaf(w, v + 1, 1);
      text = srv6_sid(w, v + 2, length - 2);
      return w.has_tree() ? "B " + text : text;
    default:
      raw_value(w, v, length);
      return w.has_tree() ? "type " + std::to_string(type) : text;
  }
  const std::string what = std::string(segment_type_name(type)) + " sub-TLV";
  invalid(w, v - 2, length + 2,
          wrong_length(what, length, type == 13 ? "18 or 26" : "6",
                       type == 9 ? "RFC 9830 §2.4.4.1" : "RFC 9830 §2.4.4.2"),
          r);
  raw_value(w, v, length);
  return "invalid";
}

// RFC 9830 §2.4.4: Reserved (1), then segment sub-TLVs of 1-octet type and 1-octet length.
void segment_list(Walk& w, const SubTlv& s, SubTlvResult& r) {
  if (s.length < 1) {
    invalid(w, s.value - 2, 2, "Segment List sub-TLV has no Reserved octet (RFC 9830 §2.4.4)", r);
    return;
  }
  reserved_leaf(w, s.value, 1);
  const std::uint32_t end = s.value + s.length;
  std::string weight;
  std::string segments;
  std::uint32_t p = s.value + 1;
  while (p < end) {
    const std::uint32_t left = end - p;
    if (left < 2) {
      invalid(w, p, left, "segment sub-TLV header needs 2 bytes, 1 byte left (RFC 9830 §2.4.4)", r);
      return;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint32_t length = w.u8(p + 1);
    const std::uint32_t node = w.open(FieldId::SrPolicySegment, p, 2 + std::min(length, left - 2));
    w.leaf(FieldId::SrPolicySegmentType, p, 1,
           [&] { return names::with_number(segment_type_name(type), type); });
    w.leaf_uint(FieldId::SrPolicySegmentLength, p + 1, 1, length);
    if (length > left - 2) {
      invalid(w, p + 1, 1,
              "segment sub-TLV length " + std::to_string(length) + " exceeds " +
                  bytes_left(left - 2) + " in the Segment List (RFC 9830 §2.4.4)",
              r);
      w.close();
      return;
    }
    const std::string text = segment(w, type, p + 2, length, r);
    w.set_value(node,
                [&] { return names::with_number(segment_type_name(type), type) + ": " + text; });
    w.close();
    if (w.has_tree()) {
      if (type == 9) {
        weight = text;
      } else {
        segments += (segments.empty() ? "" : ", ") + text;
      }
    }
    p += 2 + length;
  }
  if (w.has_tree() && r.valid) {
    r.text = (weight.empty() ? "" : weight + " ") + "[" + segments + "]";
  }
}

// RFC 9830 §2.4.7, §2.4.8: Reserved (1), then the name.
void name(Walk& w, const SubTlv& s, SubTlvResult& r) {
  if (s.length < 1) {
    invalid(w, s.value - 2, 2,
            std::string(sub_tlv_name(s.type)) + " sub-TLV has no Reserved octet (RFC 9830)", r);
    return;
  }
  reserved_leaf(w, s.value, 1);
  if (s.length > 1 && w.has_tree()) {
    const auto* p = reinterpret_cast<const char*>(w.at(s.value + 1));
    r.text = text::quoted(text::escaped(std::string_view(p, s.length - 1)));
    w.leaf(FieldId::SrPolicyName, s.value + 1, s.length - 1, r.text);
  }
}

}  // namespace

bool decode_sr_policy_sub_tlv(Walk& w, const SubTlv& s, SubTlvResult& r) {
  const std::uint32_t v = s.value;
  auto length_must_be = [&](std::initializer_list<std::uint32_t> lengths, std::string_view rule) {
    for (const std::uint32_t l : lengths) {
      if (s.length == l) return true;
    }
    std::string expected;
    for (const std::uint32_t l : lengths)
      expected += (expected.empty() ? "" : " or ") + std::to_string(l);
    invalid(w, v, s.length,
            wrong_length(std::string(sub_tlv_name(s.type)) + " sub-TLV", s.length, expected, rule),
            r);
    raw_value(w, v, s.length);
    return false;
  };
  switch (s.type) {
    case 12:  // Preference
      if (!length_must_be({6}, "RFC 9830 §2.4.1")) return true;
      flag_leaves(w, v, {});
      reserved_leaf(w, v + 1, 1);
      w.leaf_uint(FieldId::SrPolicyPreference, v + 2, 4, w.u32(v + 2));
      if (w.has_tree()) r.text = std::to_string(w.u32(v + 2));
      return true;
    case 13:  // Binding SID: none, an MPLS label entry or an SRv6 SID.
      if (!length_must_be({2, 6, 18}, "RFC 9830 §2.4.2")) return true;
      flag_leaves(w, v, {kBindingS, kBindingI});
      reserved_leaf(w, v + 1, 1);
      if (s.length == 6) {
        const std::string label = label_entry(w, v + 2);
        if (w.has_tree()) r.text = "label " + label;
      } else if (s.length == 18) {
        r.text = srv6_sid(w, v + 2, 16);
      } else if (w.has_tree()) {
        r.text = "none";
      }
      return true;
    case 14:  // ENLP
      if (!length_must_be({3}, "RFC 9830 §2.4.5")) return true;
      flag_leaves(w, v, {});
      reserved_leaf(w, v + 1, 1);
      if (w.has_tree()) {
        r.text = names::with_number(enlp_name(w.u8(v + 2)), w.u8(v + 2));
        w.leaf(FieldId::SrPolicyEnlp, v + 2, 1, r.text);
      }
      return true;
    case 15:  // Priority
      if (!length_must_be({2}, "RFC 9830 §2.4.6")) return true;
      w.leaf_uint(FieldId::SrPolicyPriority, v, 1, w.u8(v));
      reserved_leaf(w, v + 1, 1);
      if (w.has_tree()) r.text = std::to_string(w.u8(v));
      return true;
    case 20:  // SRv6 Binding SID
      if (!length_must_be({18, 26}, "RFC 9830 §2.4.3")) return true;
      flag_leaves(w, v, {kBindingS, kBindingI, kBindingB});
      reserved_leaf(w, v + 1, 1);
      r.text = srv6_sid(w, v + 2, s.length - 2);
      return true;
    case 128:
      segment_list(w, s, r);
      return true;
    case 129:
    case 130:
      name(w, s, r);
      return true;
  }
  return false;
}

}  // namespace bgplens::tunnel

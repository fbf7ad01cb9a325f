// SFP, the Service Function Path attribute (RFC 9015 §3.2).
#include "bgp/attributes/attr_route.h"
#include "bgp/common/route_distinguisher.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint8_t kHopTlv = 2;
constexpr std::uint8_t kSftTlv = 3;

// IANA "SFP Attribute TLVs" (RFC 9015).
std::string_view tlv_name(std::uint8_t type) {
  switch (type) {
    case 1:
      return "Association";
    case 2:
      return "Hop";
    case 3:
      return "SFT";
    case 4:
      return "MPLS Swapping/Stacking";
    case 5:
      return "SFP Traversal With MPLS Label Stack";
  }
  return {};
}

struct SfpWalk {
  Walk& w;
  const AttributeView& a;
  std::uint32_t hops = 0;

  // RFC 9015 §3.2.3: SFT TLV value: Service Function Type (2 octets), then the RDs of the
  // SFIRs that can perform it (8 octets each).
  void sft(std::uint32_t p, std::uint32_t length) {
    if (length < 2 || (length - 2) % 8 != 0) {
      w.leaf(FieldId::SfpTlvValue, p, length, [&] { return text::hex_spaced(w.slice(p, length)); });
      return;
    }
    w.leaf_uint(FieldId::SfpServiceFunctionType, p, 2, w.u16(p));
    for (std::uint32_t q = p + 2; q < p + length; q += 8)
      rd_node(w, q);
  }

  // TLVs of 1-octet type and 2-octet value length in [p, end). Hop TLVs (RFC 9015 §3.2.2)
  // carry a Service Index and then TLVs of their own, walked once more at `nested` = true;
  // a Hop inside a Hop is shown raw, which bounds the recursion.
  void tlvs(std::uint32_t p, std::uint32_t end, bool nested) {
    while (p < end) {
      const std::uint32_t left = end - p;
      if (left < 3) {
        route_attr_error(w, a, p, left,
                         "SFP TLV header needs 3 bytes, " + text::byte_count(left) +
                             " left (RFC 9015 §3.2: malformed SFP, treat-as-withdraw)");
        return;
      }
      const std::uint8_t type = w.u8(p);
      const std::uint16_t length = w.u16(p + 1);
      const std::uint32_t avail = left - 3;
      const std::uint32_t node =
          w.open(FieldId::SfpTlv, p, 3 + std::min<std::uint32_t>(length, avail));
      w.set_value(node, [&] { return names::with_number(tlv_name(type), type); });
      w.leaf(FieldId::SfpTlvType, p, 1, [&] { return names::with_number(tlv_name(type), type); });
      w.leaf_uint(FieldId::SfpTlvLength, p + 1, 2, length);
      if (length > avail) {
        route_attr_error(w, a, p + 1, 2,
                         "SFP TLV length " + std::to_string(length) + " exceeds " +
                             bytes_left(avail) +
                             " (RFC 9015 §3.2: malformed SFP, "
                             "treat-as-withdraw)");
        w.close();
        return;
      }
      const std::uint32_t v = p + 3;
      if (type == kHopTlv && !nested && length >= 1) {
        ++hops;
        w.leaf_uint(FieldId::SfpServiceIndex, v, 1, w.u8(v));
        w.set_value(node, [&] { return "Hop, service index " + std::to_string(w.u8(v)); });
        tlvs(v + 1, v + length, true);
      } else if (type == kSftTlv) {
        sft(v, length);
      } else if (length > 0) {
        w.leaf(FieldId::SfpTlvValue, v, length,
               [&] { return text::hex_spaced(w.slice(v, length), 48); });
      }
      w.close();
      p = v + length;
    }
  }
};

}  // namespace

// RFC 9015 §3.2: the SFP attribute is a sequence of TLVs (type 1 octet, length 2 octets of
// value). The path's hops are Hop TLVs, each with a Service Index and SFT TLVs that name the
// service function type and the instances (by RD) able to perform it.
void decode_attr_sfp(Walk& w, const AttributeView& a, UpdateState&) {
  SfpWalk s{w, a};
  s.tlvs(a.value_offset, a.value_offset + a.value_length, false);
  if (s.hops == 0 && a.value_length > 0) {
    w.warning(a.value_offset, a.value_length, "SFP attribute without a Hop TLV (RFC 9015 §3.2)",
              attribute_treatment(a.code));
  }
  attr_summary(w, a, [&] { return std::to_string(s.hops) + " hop" + (s.hops == 1 ? "" : "s"); });
}

}  // namespace bgplens

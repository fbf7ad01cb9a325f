// D-PATH, the Domain Path attribute (draft-ietf-bess-evpn-ipvpn-interworking).
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {

// draft-ietf-bess-evpn-ipvpn-interworking, D-PATH attribute: a sequence of domain segments,
// each a 1-octet Domain Segment Length (a count of domains, at least 1) and that many 7-octet
// domains: a 6-octet DOMAIN-ID (4-octet Global Administrator, 2-octet Local Administrator)
// and a 1-octet ISF_SAFI_TYPE. A length under 8 (one segment of one domain), a zero count or
// a segment overrunning the attribute makes it malformed: treat-as-withdraw.
// (tshark 4.0 decodes an older draft layout with one ISF_SAFI_TYPE per segment.)
void decode_attr_d_path(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length < 8) {
    route_attr_length_error(w, a, "at least 8 (one segment of one domain)",
                            "draft-ietf-bess-evpn-ipvpn-interworking D-PATH");
    return;
  }
  const std::uint32_t end = a.value_offset + a.value_length;
  std::uint32_t p = a.value_offset;
  std::string summary;
  while (p < end) {
    const std::uint8_t count = w.u8(p);
    const std::uint32_t avail = end - p - 1;
    const std::uint32_t need = count * 7u;
    const std::uint32_t node = w.open(FieldId::DPathSegment, p, 1 + std::min(need, avail));
    w.leaf_uint(FieldId::DPathSegmentLength, p, 1, count);
    if (count == 0 || need > avail) {
      route_attr_error(w, a, p, 1 + std::min(need, avail),
                       count == 0
                           ? std::string("D-PATH segment with no domains (malformed "
                                         "D-PATH: treat-as-withdraw)")
                           : "D-PATH segment of " + std::to_string(count) + " domains needs " +
                                 std::to_string(need) + " bytes, " + text::byte_count(avail) +
                                 " left (malformed D-PATH: treat-as-withdraw)");
      w.close();
      break;
    }
    std::string segment;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t d = p + 1 + i * 7;
      const std::uint32_t global = w.u32(d);
      const std::uint16_t local = w.u16(d + 4);
      const std::uint8_t safi = w.u8(d + 6);
      const std::uint32_t domain = w.open(FieldId::DPathDomain, d, 7);
      w.leaf_uint(FieldId::DPathGlobalAdmin, d, 4, global);
      w.leaf_uint(FieldId::DPathLocalAdmin, d + 4, 2, local);
      w.leaf(FieldId::DPathIsfSafi, d + 6, 1,
             [&] { return names::with_number(names::safi(safi), safi); });
      if (w.has_tree()) {
        const std::string t =
            std::to_string(global) + ":" + std::to_string(local) + ":" + std::to_string(safi);
        w.set_value(domain, t);
        segment += (segment.empty() ? "" : " ") + t;
      }
      w.close();
    }
    w.set_value(node, segment);
    summary += (summary.empty() ? "" : " ") + segment;
    w.close();
    p += 1 + need;
  }
  attr_summary(w, a, summary);
}

}  // namespace bgplens

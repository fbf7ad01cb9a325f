#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// RFC 8950 §3: triples of NLRI AFI (2), NLRI SAFI (2 — wider than a SAFI anywhere else) and
// Nexthop AFI (2).
void decode_cap_extended_next_hop(Walk& w, const CapabilityView& cap, OpenValues& open) {
  if (cap.value_length % 6 != 0) {
    cap_length_error(w, cap, "a multiple of 6");
    return;
  }
  std::string summary;
  const std::uint32_t end = cap.value_offset + cap.value_length;
  for (std::uint32_t p = cap.value_offset; p < end; p += 6) {
    const std::uint16_t afi = w.u16(p);
    const std::uint16_t safi = w.u16(p + 2);
    const std::uint16_t next_hop_afi = w.u16(p + 4);
    const std::uint32_t node = w.open(FieldId::CapEnhEntry, p, 6);
    w.leaf(FieldId::CapEnhNlriAfi, p, 2, [&] { return names::with_number(names::afi(afi), afi); });
    w.leaf(FieldId::CapEnhNlriSafi, p + 2, 2, [&] {
      return names::with_number(safi <= 0xFF ? names::safi(static_cast<std::uint8_t>(safi)) : "",
                                safi);
    });
    w.leaf(FieldId::CapEnhNextHopAfi, p + 4, 2,
           [&] { return names::with_number(names::afi(next_hop_afi), next_hop_afi); });
    if (safi > 0xFF) {
      // No family has such a SAFI (1 octet everywhere else): the offer applies to nothing.
      w.note(p + 2, 2, "this NLRI SAFI exceeds 255, so no family can use the offer");
    } else {
      open.extended_next_hop.push_back(
          ExtendedNextHopOffer{Family{afi, static_cast<std::uint8_t>(safi)}, next_hop_afi});
    }
    if (w.has_tree()) {
      const std::string_view nh = names::afi(next_hop_afi);
      const std::string text =
          names::family_short(Family{afi, static_cast<std::uint8_t>(safi & 0xFF)}) + " with " +
          (nh.empty() ? "AFI " + std::to_string(next_hop_afi) : std::string(nh)) + " next hops";
      w.set_value(node, text);
      summary += (summary.empty() ? "" : ", ") + text;
    }
    w.close();
  }
  w.set_value(cap.node, [&] {
    return "Extended Next Hop Encoding: " +
           (summary.empty() ? std::string("no families") : summary);
  });
}

}  // namespace bgplens

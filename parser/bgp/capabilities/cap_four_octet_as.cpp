#include "bgp/capabilities/capability_table.h"
#include "util/text.h"

namespace bgplens {

// RFC 6793 §3: the sender's 4-octet AS number.
void decode_cap_four_octet_as(Walk& w, const CapabilityView& cap, OpenValues& open) {
  if (cap.value_length != 4) {
    cap_length_error(w, cap, "4");
    return;
  }
  const std::uint32_t as = w.u32(cap.value_offset);
  open.as4 = as;
  w.leaf(FieldId::CapAs4, cap.value_offset, 4, [&] { return text::asn(as); });
  w.set_value(cap.node, [&] { return "4-octet AS number: " + text::asn(as); });
}

}  // namespace bgplens

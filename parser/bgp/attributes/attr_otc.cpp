// Only to Customer (RFC 9234 §5).
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {

// RFC 9234 §5: the OTC attribute is a 4-octet AS number; any other length makes it malformed,
// handled by treat-as-withdraw.
void decode_attr_otc(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length != 4) {
    route_attr_length_error(w, a, "4", "RFC 9234 §5");
    return;
  }
  const std::uint32_t as = w.u32(a.value_offset);
  w.leaf(FieldId::Otc, a.value_offset, 4, [&] { return text::asn(as); });
  attr_summary(w, a, [&] { return "AS " + std::to_string(as); });
}

}  // namespace bgplens

// Deprecated attributes still met in old captures: Connector (20, RFC 6037) and AS_PATHLIMIT
// (21, draft-ietf-idr-as-pathlimit, never published). IANA lists both as deprecated.
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {

// RFC 6037 §5.2.3: a 2-octet type, then a value whose layout the type defines. Only the frame
// is certain enough to decode; the value is shown as it is.
void decode_attr_connector(Walk& w, const AttributeView& a, UpdateState&) {
  w.note(a.offset, 0, "Connector is deprecated (IANA); decoded only as type and raw value");
  if (a.value_length < 2) {
    route_attr_length_error(w, a, "at least 2 (the type)", "RFC 6037 §5.2.3");
    return;
  }
  const std::uint16_t type = w.u16(a.value_offset);
  w.leaf_uint(FieldId::ConnectorType, a.value_offset, 2, type);
  const std::uint32_t rest = a.value_length - 2;
  if (rest > 0) {
    w.leaf(FieldId::ConnectorValue, a.value_offset + 2, rest,
           [&] { return text::hex_spaced(w.slice(a.value_offset + 2, rest), 48); });
  }
  attr_summary(w, a,
               [&] { return "type " + std::to_string(type) + ", " + text::byte_count(rest); });
}

// draft-ietf-idr-as-pathlimit: a fixed 5 octets, the upper bound on the AS path length and
// the 4-octet AS that set it.
void decode_attr_as_pathlimit(Walk& w, const AttributeView& a, UpdateState&) {
  w.note(a.offset, 0, "AS_PATHLIMIT is deprecated (IANA); the draft never became an RFC");
  if (a.value_length != 5) {
    route_attr_length_error(w, a, "5", "draft-ietf-idr-as-pathlimit");
    return;
  }
  const std::uint8_t bound = w.u8(a.value_offset);
  const std::uint32_t as = w.u32(a.value_offset + 1);
  w.leaf_uint(FieldId::AsPathLimitUpperBound, a.value_offset, 1, bound);
  w.leaf(FieldId::AsPathLimitAs, a.value_offset + 1, 4, [&] { return text::asn(as); });
  attr_summary(w, a, [&] {
    return "at most " + std::to_string(bound) + " ASes, set by AS " + std::to_string(as);
  });
}

}  // namespace bgplens

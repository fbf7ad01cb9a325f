#include "bgp/attributes/attribute_table.h"
#include "util/text.h"

namespace bgplens {

// AGGREGATOR (RFC 4271 §5.1.7; 4-octet AS per RFC 6793 §3) and AS4_AGGREGATOR (RFC 6793 §3):
// the aggregating router's AS and BGP Identifier.
void decode_attr_aggregator(Walk& w, const AttributeView& a, UpdateState& state) {
  const bool as4_attr = a.code == 18;
  const unsigned width = as4_attr || state.as4 ? 4 : 2;
  if (a.value_length != width + 4) {
    attr_length_error(w, a,
                      std::to_string(width + 4) + (as4_attr    ? ""
                                                   : state.as4 ? " (4-byte AS session)"
                                                               : " (2-byte AS session)"));
    return;
  }
  const std::uint32_t as = width == 4 ? w.u32(a.value_offset) : w.u16(a.value_offset);
  w.leaf(as4_attr ? FieldId::As4AggregatorAs : FieldId::AggregatorAs, a.value_offset, width,
         [&] { return text::asn(as); });
  w.leaf(as4_attr ? FieldId::As4AggregatorAddress : FieldId::AggregatorAddress,
         a.value_offset + width, 4, [&] { return text::ipv4(w.at(a.value_offset + width)); });
  attr_summary(w, a, [&] {
    return "AS " + std::to_string(as) + ", " + text::ipv4(w.at(a.value_offset + width));
  });
}

}  // namespace bgplens

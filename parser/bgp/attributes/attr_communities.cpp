#include "bgp/attributes/attribute_table.h"

namespace bgplens {

// RFC 1997: a list of 4-octet communities, shown as AS:value or by their well-known name.
void decode_attr_communities(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length % 4 != 0) {
    attr_length_error(w, a, "a multiple of 4");
    return;
  }
  std::string summary;
  for (std::uint32_t p = a.value_offset; p < a.value_offset + a.value_length; p += 4) {
    if (!w.has_tree()) break;
    const std::uint32_t v = w.u32(p);
    const std::string_view known = names::well_known_community(v);
    std::string text = std::to_string(v >> 16) + ":" + std::to_string(v & 0xFFFF);
    if (!known.empty()) text = std::string(known) + " (" + text + ")";
    w.leaf(FieldId::Community, p, 4, text);
    if (!summary.empty()) summary += ' ';
    summary += known.empty() ? text : std::string(known);
  }
  attr_summary(w, a, summary.empty() ? std::string("none") : summary);
}

}  // namespace bgplens

// LARGE_COMMUNITY (RFC 8092).
#include "bgp/attributes/attr_route.h"

namespace bgplens {

// RFC 8092 §2: a list of 12-octet communities, each a 4-octet Global Administrator and two
// 4-octet Local Data Parts, written "65000:1:2" (§4). §5: malformed unless the length is a non-zero
// multiple of 12 (treat-as-withdraw); duplicates are no error.
void decode_attr_large_community(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length == 0 || a.value_length % 12 != 0) {
    route_attr_length_error(w, a, "a non-zero multiple of 12", "RFC 8092 §5");
    return;
  }
  if (!w.has_tree()) return;
  std::string summary;
  for (std::uint32_t p = a.value_offset; p < a.value_offset + a.value_length; p += 12) {
    const std::uint32_t global = w.u32(p);
    const std::uint32_t local1 = w.u32(p + 4);
    const std::uint32_t local2 = w.u32(p + 8);
    const std::string text =
        std::to_string(global) + ":" + std::to_string(local1) + ":" + std::to_string(local2);
    const std::uint32_t node = w.open(FieldId::LargeCommunity, p, 12);
    w.set_value(node, text);
    w.leaf_uint(FieldId::LargeCommunityGlobal, p, 4, global);
    w.leaf_uint(FieldId::LargeCommunityLocal1, p + 4, 4, local1);
    w.leaf_uint(FieldId::LargeCommunityLocal2, p + 8, 4, local2);
    w.close();
    summary += (summary.empty() ? "" : " ") + text;
  }
  attr_summary(w, a, summary);
}

}  // namespace bgplens

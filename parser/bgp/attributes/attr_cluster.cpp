// Route reflection attributes (RFC 4456 §8): ORIGINATOR_ID and CLUSTER_LIST.
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {

// RFC 4456 §8: ORIGINATOR_ID is the 4-octet BGP Identifier of the route's originator.
// RFC 7606 §7.9: a length other than 4 makes it malformed (treat-as-withdraw).
void decode_attr_originator_id(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length != 4) {
    route_attr_length_error(w, a, "4", "RFC 7606 §7.9");
    return;
  }
  const std::string id = w.has_tree() ? text::ipv4(w.at(a.value_offset)) : std::string();
  w.leaf(FieldId::OriginatorId, a.value_offset, 4, id);
  attr_summary(w, a, id);
}

// RFC 4456 §8: CLUSTER_LIST is a sequence of 4-octet CLUSTER_IDs, the most recent first.
// RFC 7606 §7.10: malformed unless its length is a non-zero multiple of 4 (treat-as-withdraw).
void decode_attr_cluster_list(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length == 0 || a.value_length % 4 != 0) {
    route_attr_length_error(w, a, "a non-zero multiple of 4", "RFC 7606 §7.10");
    return;
  }
  if (!w.has_tree()) return;
  std::string summary;
  for (std::uint32_t p = a.value_offset; p < a.value_offset + a.value_length; p += 4) {
    const std::string id = text::ipv4(w.at(p));
    w.leaf(FieldId::ClusterId, p, 4, id);
    summary += (summary.empty() ? "" : " ") + id;
  }
  attr_summary(w, a, summary);
}

}  // namespace bgplens

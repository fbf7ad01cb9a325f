// PE Distinguisher Labels (RFC 6514 §8).
#include "bgp/attributes/attr_route.h"
#include "bgp/common/mpls_labels.h"
#include "util/text.h"

namespace bgplens {

// RFC 6514 §8: a list of <PE Address, Label> pairs, the label 3 octets (as in RFC 3107) and the
// address of the family of the route's NLRI: 4 octets for IPv4, 16 for IPv6, so a pair is 7 or
// 19 octets. When the length fits both, the family of the routes already decoded decides.
void decode_attr_pe_distinguisher(Walk& w, const AttributeView& a, UpdateState&) {
  const std::uint32_t n = a.value_length;
  const bool fits4 = n % 7 == 0;
  const bool fits16 = n % 19 == 0;
  if (!fits4 && !fits16) {
    route_attr_length_error(w, a, "a multiple of 7 (IPv4 PEs) or 19 (IPv6 PEs)", "RFC 6514 §8");
    return;
  }
  std::uint32_t width = fits4 ? 4 : 16;
  if (fits4 && fits16 && n > 0) {
    const UpdateCounts& counts = w.out().update;
    const bool ipv6 = counts.family_count > 0 && counts.families[0].afi == afi::kIpv6;
    width = ipv6 ? 16 : 4;
    w.note(a.value_offset, n,
           std::string("the length fits IPv4 and IPv6 PE addresses; ") +
               (counts.family_count > 0 ? "the UPDATE's routes are " : "no routes seen yet, ") +
               (ipv6 ? "IPv6" : "IPv4 assumed"));
  }
  std::string summary;
  for (std::uint32_t p = a.value_offset; p < a.value_offset + n; p += width + 3) {
    const std::uint32_t node = w.open(FieldId::PeDistinguisher, p, width + 3);
    const std::string address = w.has_tree() ? address_text(w, p, width) : std::string();
    w.leaf(FieldId::PeDistinguisherAddress, p, width, address);
    const std::uint32_t label = label_value(label_node(w, p + width));
    if (w.has_tree()) {
      const std::string text = address + " label " + std::to_string(label);
      w.set_value(node, text);
      summary += (summary.empty() ? "" : ", ") + text;
    }
    w.close();
  }
  attr_summary(w, a, summary.empty() ? std::string("empty") : summary);
}

}  // namespace bgplens

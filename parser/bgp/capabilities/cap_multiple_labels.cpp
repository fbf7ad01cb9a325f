#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// RFC 8277 §2.1: per family AFI (2), SAFI (1), Count (1).
void decode_cap_multiple_labels(Walk& w, const CapabilityView& cap, OpenValues& open) {
  if (cap.value_length == 0 || cap.value_length % 4 != 0) {
    cap_length_error(w, cap, "a non-zero multiple of 4");
    return;
  }
  std::string summary;
  const std::uint32_t end = cap.value_offset + cap.value_length;
  for (std::uint32_t p = cap.value_offset; p < end; p += 4) {
    const std::uint32_t node = w.open(FieldId::CapMlFamily, p, 4);
    const Family f = afi_safi_leaves(w, p, p + 2, FieldId::CapAfi, FieldId::CapSafi);
    const std::uint8_t count = w.u8(p + 3);
    w.leaf_uint(FieldId::CapMlCount, p + 3, 1, count);
    open.multiple_labels.push_back(MultipleLabelsOffer{f, count});
    if (w.has_tree()) {
      const std::string text = names::family_short(f) + " up to " + std::to_string(count) +
                               (count == 1 ? " label" : " labels");
      w.set_value(node, text);
      summary += (summary.empty() ? "" : ", ") + text;
    }
    w.close();
  }
  w.set_value(cap.node, [&] { return "Multiple Labels: " + summary; });
}

}  // namespace bgplens

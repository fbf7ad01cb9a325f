#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// draft-abraitis-idr-addpath-paths-limit (adopted into draft-ietf-idr-add-paths-guidelines):
// per family AFI (2), SAFI (1), Paths Limit (2).
void decode_cap_paths_limit(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length == 0 || cap.value_length % 5 != 0) {
    cap_length_error(w, cap, "a non-zero multiple of 5");
    return;
  }
  std::string summary;
  const std::uint32_t end = cap.value_offset + cap.value_length;
  for (std::uint32_t p = cap.value_offset; p < end; p += 5) {
    const std::uint32_t node = w.open(FieldId::CapPathsLimitFamily, p, 5);
    const Family f = afi_safi_leaves(w, p, p + 2, FieldId::CapAfi, FieldId::CapSafi);
    const std::uint16_t limit = w.u16(p + 3);
    w.leaf_uint(FieldId::CapPathsLimit, p + 3, 2, limit);
    if (w.has_tree()) {
      const std::string text = names::family_short(f) + " " + std::to_string(limit);
      w.set_value(node, text);
      summary += (summary.empty() ? "" : ", ") + text;
    }
    w.close();
  }
  w.set_value(cap.node, [&] { return "Paths-Limit: " + summary; });
}

}  // namespace bgplens

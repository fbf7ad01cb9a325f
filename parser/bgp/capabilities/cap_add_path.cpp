#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// RFC 7911 §4: per family AFI (2), SAFI (1), Send/Receive (1).
void decode_cap_add_path(Walk& w, const CapabilityView& cap, OpenValues& open) {
  if (cap.value_length == 0 || cap.value_length % 4 != 0) {
    cap_length_error(w, cap, "a multiple of 4");
    return;
  }
  std::string summary;
  for (std::uint32_t p = cap.value_offset; p + 4 <= cap.value_offset + cap.value_length; p += 4) {
    const std::uint32_t node = w.open(FieldId::CapAddPathFamily, p, 4);
    const Family f = afi_safi_leaves(w, p, p + 2, FieldId::CapAfi, FieldId::CapSafi);
    const std::uint8_t mode = w.u8(p + 3);
    w.leaf(FieldId::CapAddPathSendReceive, p + 3, 1,
           [&] { return names::with_number(names::add_path_mode(mode), mode); });
    if (mode < 1 || mode > 3) {
      w.error(p + 3, 1,
              "Send/Receive value " + std::to_string(mode) +
                  " is not 1, 2 or 3 (RFC 7911 §4: ignore this family)");
    } else {
      open.add_path.push_back(AddPathOffer{f, mode});
    }
    if (w.has_tree()) {
      const std::string_view mode_name = names::add_path_mode(mode);
      const std::string text =
          names::family_short(f) + " " +
          (mode_name.empty() ? std::to_string(mode) + " (invalid)" : std::string(mode_name));
      w.set_value(node, text);
      if (!summary.empty()) summary += ", ";
      summary += text;
    }
    w.close();
  }
  w.set_value(cap.node, [&] { return "ADD-PATH: " + summary; });
}

}  // namespace bgplens

#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// draft-ietf-idr-dynamic-cap §3: the codes of the capabilities the sender may revise later with
// CAPABILITY messages, one octet each. Older versions of the draft sent an empty value.
void decode_cap_dynamic(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  std::string summary;
  for (std::uint32_t i = 0; i < cap.value_length; ++i) {
    const std::uint8_t code = w.u8(cap.value_offset + i);
    const std::string_view name = names::capability(code);
    w.leaf(FieldId::CapDynamicCode, cap.value_offset + i, 1,
           [&] { return names::with_number(name, code); });
    if (w.has_tree()) {
      summary += (summary.empty() ? "" : ", ") +
                 (name.empty() ? "code " + std::to_string(code) : std::string(name));
    }
  }
  w.set_value(cap.node, [&] {
    return "Dynamic Capability" + (summary.empty() ? std::string() : ": " + summary);
  });
}

}  // namespace bgplens

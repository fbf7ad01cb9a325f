#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {

// RFC 9494 §3: per family AFI (2), SAFI (1), Flags (1; F = 0x80), Long-Lived Stale Time (3
// octets, seconds).
void decode_cap_llgr(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length % 7 != 0) {
    cap_length_error(w, cap, "a multiple of 7");
    return;
  }
  std::string summary;
  std::uint32_t families = 0;
  const std::uint32_t end = cap.value_offset + cap.value_length;
  for (std::uint32_t p = cap.value_offset; p < end; p += 7, ++families) {
    const std::uint32_t node = w.open(FieldId::CapLlgrFamily, p, 7);
    const Family f = afi_safi_leaves(w, p, p + 2, FieldId::CapAfi, FieldId::CapSafi);
    const std::uint8_t flags = w.u8(p + 3);
    const std::uint32_t stale = (std::uint32_t{w.u8(p + 4)} << 16) | w.u16(p + 5);
    w.leaf(FieldId::CapLlgrFlags, p + 3, 1, [&] {
      return text::hex_number(flags, 2) +
             ((flags & 0x80) ? " (F: forwarding state preserved)" : "");
    });
    w.leaf(FieldId::CapLlgrStaleTime, p + 4, 3, [&] { return std::to_string(stale) + " s"; });
    if (w.has_tree()) {
      const std::string text = names::family_short(f) + " " + std::to_string(stale) + " s" +
                               ((flags & 0x80) ? " F" : "");
      w.set_value(node, text);
      if (families < 8) summary += (summary.empty() ? "" : ", ") + text;
    }
    w.close();
  }
  w.set_value(cap.node, [&] {
    std::string s = "Long-Lived Graceful Restart: ";
    if (families == 0) return s + "no families";
    s += summary;
    if (families > 8) s += ", … (" + std::to_string(families) + " families)";
    return s;
  });
}

}  // namespace bgplens

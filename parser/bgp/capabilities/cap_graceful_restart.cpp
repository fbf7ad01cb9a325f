#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {

// RFC 4724 §3: Restart Flags (4 bits) and Restart Time (12 bits), then per family AFI (2),
// SAFI (1), Flags for Address Family (1). The N bit is RFC 8538 §2.
void decode_cap_graceful_restart(Walk& w, const CapabilityView& cap, OpenValues& open) {
  open.graceful_restart = true;
  const std::uint32_t v = cap.value_offset;
  if (cap.value_length < 2 || (cap.value_length - 2) % 4 != 0) {
    cap_length_error(w, cap, "2 + 4 per address family");
    return;
  }
  const std::uint16_t word = w.u16(v);
  const unsigned restart_time = word & 0x0FFF;
  const std::uint32_t flags_node = w.open(FieldId::CapGrFlags, v, 1);
  w.set_value(flags_node, [&] { return text::hex_number(word >> 12, 1); });
  w.leaf(FieldId::CapGrRestartState, v, 1, (word & 0x8000) ? "set" : "not set", 0x80);
  w.leaf(FieldId::CapGrNotification, v, 1, (word & 0x4000) ? "set" : "not set", 0x40);
  w.close();
  w.leaf(
      FieldId::CapGrRestartTime, v, 2, [&] { return std::to_string(restart_time) + " s"; }, 0x0FFF);
  std::uint32_t families = 0;
  for (std::uint32_t p = v + 2; p + 4 <= v + cap.value_length; p += 4, ++families) {
    const std::uint32_t node = w.open(FieldId::CapGrFamily, p, 4);
    const Family f = afi_safi_leaves(w, p, p + 2, FieldId::CapAfi, FieldId::CapSafi);
    const std::uint8_t flags = w.u8(p + 3);
    w.leaf(FieldId::CapGrAfFlags, p + 3, 1, [&] {
      return text::hex_number(flags, 2) + ((flags & 0x80) ? " (forwarding state preserved)" : "");
    });
    w.set_value(node, [&] { return names::family(f) + ((flags & 0x80) ? ", F" : ""); });
    w.close();
  }
  w.set_value(cap.node, [&] {
    std::string s = "Graceful Restart: restart time " + std::to_string(restart_time) + " s";
    if (word & 0x8000) s += ", R";
    if (word & 0x4000) s += ", N";
    s += ", " + std::to_string(families) + (families == 1 ? " family" : " families");
    return s;
  });
}

}  // namespace bgplens

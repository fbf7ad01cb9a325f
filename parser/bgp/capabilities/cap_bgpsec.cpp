#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// RFC 8205 §2.1: Version (4 bits), Direction (1 bit: 0 receive, 1 send), Reserved (3 bits),
// AFI (2).
void decode_cap_bgpsec(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length != 3) {
    cap_length_error(w, cap, "3");
    return;
  }
  const std::uint32_t v = cap.value_offset;
  const std::uint8_t bits = w.u8(v);
  const unsigned version = bits >> 4;
  const bool send = (bits & 0x08) != 0;
  const std::uint16_t afi = w.u16(v + 1);
  w.leaf_uint(FieldId::CapBgpsecVersion, v, 1, version, 0xF0);
  w.leaf(FieldId::CapBgpsecDirection, v, 1, send ? "send (1)" : "receive (0)", 0x08);
  w.leaf_uint(FieldId::CapBgpsecReserved, v, 1, bits & 0x07u, 0x07);
  w.leaf(FieldId::CapAfi, v + 1, 2, [&] { return names::with_number(names::afi(afi), afi); });
  w.set_value(cap.node, [&] {
    const std::string_view afi_name = names::afi(afi);
    return "BGPsec: version " + std::to_string(version) + ", " + (send ? "send" : "receive") +
           ", " + (afi_name.empty() ? "AFI " + std::to_string(afi) : std::string(afi_name));
  });
}

}  // namespace bgplens

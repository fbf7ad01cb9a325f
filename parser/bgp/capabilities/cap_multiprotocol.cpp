#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// RFC 4760 §8: AFI (2), Reserved (1), SAFI (1).
void decode_cap_multiprotocol(Walk& w, const CapabilityView& cap, OpenValues& open) {
  if (cap.value_length != 4) {
    cap_length_error(w, cap, "4");
    return;
  }
  const std::uint32_t v = cap.value_offset;
  const Family f = afi_safi_leaves(w, v, v + 3, FieldId::CapMpAfi, FieldId::CapMpSafi);
  w.leaf_uint(FieldId::CapMpReserved, v + 2, 1, w.u8(v + 2));
  open.multiprotocol.push_back(f);
  w.set_value(cap.node, [&] { return "Multiprotocol Extensions: " + names::family(f); });
}

}  // namespace bgplens

#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {

// Capabilities whose presence is the whole message: Route Refresh (RFC 2918 §2), its Cisco
// pre-standard twin 128, Extended Message (RFC 8654 §3), Enhanced Route Refresh (RFC 7313 §3.1).
void decode_cap_empty(Walk& w, const CapabilityView& cap, OpenValues& open) {
  if (cap.value_length != 0) cap_length_error(w, cap, "0");
  switch (cap.code) {
    case 2:
    case 128:
      open.route_refresh = true;
      break;
    case 6:
      open.extended_message = true;
      break;
    default:
      break;
  }
  w.set_value(cap.node, names::capability(cap.code));
}

}  // namespace bgplens

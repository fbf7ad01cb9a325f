#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"

namespace bgplens {
namespace {

// RFC 9234 §4.1 (IANA "BGP Role" registry).
std::string_view role_name(std::uint8_t role) {
  switch (role) {
    case 0:
      return "Provider";
    case 1:
      return "Route Server";
    case 2:
      return "Route Server Client";
    case 3:
      return "Customer";
    case 4:
      return "Peer";
  }
  return {};
}

}  // namespace

// RFC 9234 §4.1: one octet, the sender's role; the length must be 1.
void decode_cap_role(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length != 1) {
    cap_length_error(w, cap, "1");
    return;
  }
  const std::uint8_t role = w.u8(cap.value_offset);
  const std::string_view name = role_name(role);
  w.leaf(FieldId::CapRole, cap.value_offset, 1, [&] { return names::with_number(name, role); });
  w.set_value(cap.node, [&] {
    return "BGP Role: " +
           (name.empty() ? "unassigned (" + std::to_string(role) + ")" : std::string(name));
  });
}

}  // namespace bgplens

#include "bgp/capabilities/capability_table.h"
#include "util/text.h"

namespace bgplens {

// draft-ietf-idr-bgp-bfd-strict-mode: the sender requires a BFD session before the BGP session
// comes up. The capability's presence is the message; the layout of any value bytes could not
// be confirmed against the draft, so they are shown raw with a note rather than decoded.
void decode_cap_bfd(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length > 0) {
    w.leaf(FieldId::CapValue, cap.value_offset, cap.value_length,
           [&] { return text::hex_spaced(w.slice(cap.value_offset, cap.value_length), 48); });
    w.note(cap.value_offset, cap.value_length,
           "value layout of the BFD strict-mode draft not confirmed: shown raw");
  }
  w.set_value(cap.node, "BFD strict-mode");
}

}  // namespace bgplens

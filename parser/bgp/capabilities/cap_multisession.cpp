#include "bgp/capabilities/capability_table.h"
#include "util/text.h"

namespace bgplens {

// draft-ietf-idr-bgp-multisession (expired): a Flags octet whose top bit G says the sender can
// group families onto one session, then the session identifiers. The drafts changed that
// part between versions, so it is shown raw rather than guessed.
void decode_cap_multisession(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  const std::uint32_t v = cap.value_offset;
  if (cap.value_length == 0) {
    w.set_value(cap.node, "Multisession");
    return;
  }
  const std::uint8_t flags = w.u8(v);
  const std::uint32_t flags_node = w.open(FieldId::CapMsFlags, v, 1);
  w.set_value(flags_node, [&] { return text::hex_number(flags, 2); });
  w.leaf(FieldId::CapMsGrouping, v, 1, (flags & 0x80) ? "set" : "not set", 0x80);
  w.close();
  if (cap.value_length > 1) {
    w.leaf(FieldId::CapMsSessionIds, v + 1, cap.value_length - 1,
           [&] { return text::hex_spaced(w.slice(v + 1, cap.value_length - 1), 48); });
    w.note(v + 1, cap.value_length - 1,
           "the session identifier encoding differs between versions of the expired draft: "
           "shown raw");
  }
  w.set_value(cap.node, [&] {
    return std::string("Multisession: ") + ((flags & 0x80) ? "grouping (G)" : "no grouping") +
           (cap.value_length > 1 ? ", " + text::byte_count(cap.value_length - 1) + " of session ids"
                                 : "");
  });
}

// Cisco's pre-standard multisession (131) and the pre-standard OPERATIONAL message capability
// (185, draft-ietf-idr-operational-message) have no published value layout: the value is shown
// raw under the capability's name.
void decode_cap_unpublished(Walk& w, const CapabilityView& cap, OpenValues& /*open*/) {
  if (cap.value_length == 0) return;
  w.leaf(FieldId::CapValue, cap.value_offset, cap.value_length,
         [&] { return text::hex_spaced(w.slice(cap.value_offset, cap.value_length), 48); });
  w.note(cap.value_offset, cap.value_length,
         "no published layout for this pre-standard capability: shown raw");
}

}  // namespace bgplens

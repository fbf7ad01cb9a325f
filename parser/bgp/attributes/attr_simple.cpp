#include "bgp/attributes/attribute_table.h"
#include "util/text.h"

namespace bgplens {

// RFC 4271 §5.1.3: NEXT_HOP, an IPv4 address.
void decode_attr_next_hop(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length != 4) {
    attr_length_error(w, a, "4");
    return;
  }
  const std::string addr = w.has_tree() ? text::ipv4(w.at(a.value_offset)) : std::string();
  w.leaf(FieldId::NextHop, a.value_offset, 4, addr);
  attr_summary(w, a, addr);
}

// MULTI_EXIT_DISC (RFC 4271 §5.1.4) and LOCAL_PREF (§5.1.5): one 4-octet unsigned number.
void decode_attr_u32(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length != 4) {
    attr_length_error(w, a, "4");
    return;
  }
  const std::uint32_t v = w.u32(a.value_offset);
  w.leaf_uint(a.code == 4 ? FieldId::Med : FieldId::LocalPref, a.value_offset, 4, v);
  attr_summary(w, a, [&] { return std::to_string(v); });
}

// RFC 4271 §5.1.6: ATOMIC_AGGREGATE has no value. RFC 7606 §7.6: a non-zero length means
// the attribute is discarded.
void decode_attr_atomic_aggregate(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length != 0) {
    attr_length_error(w, a, "0");
    return;
  }
  w.leaf(FieldId::AtomicAggregate, a.offset, 0, "present");
  attr_summary(w, a, "present");
}

}  // namespace bgplens

#include "bgp/attributes/attribute_table.h"

namespace bgplens {

// RFC 4271 §5.1.1: one octet, 0 IGP, 1 EGP, 2 INCOMPLETE.
void decode_attr_origin(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length != 1) {
    attr_length_error(w, a, "1");
    return;
  }
  const std::uint8_t v = w.u8(a.value_offset);
  const std::string_view name = names::origin(v);
  w.leaf(FieldId::Origin, a.value_offset, 1, [&] { return names::with_number(name, v); });
  attr_summary(w, a, [&] { return name.empty() ? std::to_string(v) : std::string(name); });
  if (name.empty()) {
    w.error(a.value_offset, 1,
            "ORIGIN value " + std::to_string(v) +
                " is not 0, 1 or 2 (NOTIFICATION 3/6 Invalid ORIGIN Attribute)",
            Treatment::TreatAsWithdraw);
  }
}

}  // namespace bgplens

#include "bgp/common/mpls_labels.h"

#include "util/text.h"

namespace bgplens {

std::string LabelStack::text() const {
  std::string out;
  for (std::uint32_t e : entries) {
    if (!out.empty()) out += ", ";
    out += e == kWithdrawnLabel ? "0x800000" : std::to_string(label_value(e));
  }
  return out;
}

std::uint32_t label_node(Walk& w, std::uint32_t offset) {
  const std::uint32_t entry = load_be24(w.at(offset));
  const std::uint32_t node = w.open(FieldId::Label, offset, 3);
  w.set_value(node, [&] {
    if (entry == kWithdrawnLabel)
      return std::string("0x800000 (withdrawn: no label, RFC 8277 §2.4)");
    std::string s = std::to_string(label_value(entry));
    if (label_value(entry) == 3) s += " (Implicit NULL)";
    if (label_bottom(entry)) s += ", bottom of stack";
    return s;
  });
  w.leaf_uint(FieldId::LabelValue, offset, 3, label_value(entry), 0xFFFFF0);
  w.leaf_uint(FieldId::LabelTc, offset, 3, (entry >> 1) & 7, 0x00000E);
  w.leaf(FieldId::LabelBottom, offset, 3, label_bottom(entry) ? "1" : "0", 0x000001);
  w.close();
  return entry;
}

LabelStack read_label_stack(Walk& w, std::uint32_t offset, std::uint32_t end,
                            std::uint32_t max_entries) {
  LabelStack stack;
  std::uint32_t p = offset;
  while (p + 3 <= end && stack.entries.size() < max_entries) {
    const std::uint32_t entry = label_node(w, p);
    stack.entries.push_back(entry);
    p += 3;
    if (label_bottom(entry)) {
      stack.bottom_seen = true;
      break;
    }
  }
  stack.length = p - offset;
  return stack;
}

}  // namespace bgplens

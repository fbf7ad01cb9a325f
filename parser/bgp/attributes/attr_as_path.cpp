#include "bgp/attributes/attribute_table.h"
#include "util/text.h"

namespace bgplens {
namespace {

// Adds one segment's ASes to the conventional text form: sequences space-separated, AS_SET in
// braces, confederation sequences in parentheses, confederation sets in brackets.
void append_segment_text(std::string& out, std::uint8_t type, const std::string& ases) {
  if (!out.empty()) out += ' ';
  switch (type) {
    case 1:
      out += "{" + ases + "}";
      break;
    case 3:
      out += "(" + ases + ")";
      break;
    case 4:
      out += "[" + ases + "]";
      break;
    default:
      out += ases;
      break;
  }
}

}  // namespace

bool as_path_well_formed(Bytes value, unsigned width) {
  std::size_t p = 0;
  while (p < value.size()) {
    if (value.size() - p < 2) return false;
    const std::uint8_t type = value[p];
    const std::size_t count = value[p + 1];
    if (type < 1 || type > 4 || count == 0) return false;
    if (value.size() - p - 2 < count * width) return false;
    p += 2 + count * width;
  }
  return true;
}

// AS_PATH (RFC 4271 §4.3, §5.1.2) and AS4_PATH (RFC 6793 §3): segments of type, count and
// count AS numbers. AS_PATH numbers are 2 or 4 octets depending on the session; AS4_PATH
// numbers are always 4.
void decode_attr_as_path(Walk& w, const AttributeView& a, UpdateState& state) {
  const bool as4_path = a.code == 17;
  const unsigned width = as4_path || state.as4 ? 4 : 2;
  const std::uint32_t end = a.value_offset + a.value_length;
  const FieldId container = as4_path ? FieldId::As4Path : FieldId::AsPath;
  const std::uint32_t path_node = w.open(container, a.value_offset, a.value_length);
  std::string path_text;
  std::uint32_t p = a.value_offset;
  std::uint32_t total = 0;
  while (p < end) {
    if (end - p < 2) {
      w.error(p, end - p,
              "AS path segment header needs 2 bytes, " + text::byte_count(end - p) +
                  " left (NOTIFICATION 3/11 Malformed AS_PATH)",
              attribute_treatment(a.code));
      break;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint8_t count = w.u8(p + 1);
    const std::uint32_t need = count * width;
    const std::uint32_t avail = end - p - 2;
    const std::uint32_t seg_node = w.open(FieldId::AsPathSegment, p, 2 + std::min(need, avail));
    w.leaf(FieldId::AsPathSegmentType, p, 1,
           [&] { return names::with_number(names::as_path_segment_type(type), type); });
    w.leaf_uint(FieldId::AsPathSegmentLength, p + 1, 1, count);
    if (type < 1 || type > 4) {
      w.error(p, 1,
              "segment type " + std::to_string(type) +
                  " is not 1–4 (RFC 7606 §7.2: NOTIFICATION 3/11 Malformed AS_PATH)",
              attribute_treatment(a.code));
    }
    if (count == 0) {
      w.error(p + 1, 1, "segment with no AS numbers (RFC 7606 §7.2: malformed AS_PATH)",
              attribute_treatment(a.code));
    }
    if (need > avail) {
      w.error(p + 2, avail,
              "segment of " + std::to_string(count) + " " + std::to_string(width) +
                  "-byte AS numbers needs " + std::to_string(need) + " bytes, " +
                  text::byte_count(avail) + " left (NOTIFICATION 3/11 Malformed AS_PATH)",
              attribute_treatment(a.code));
    }
    std::string ases;
    const std::uint32_t usable = std::min(need, avail) / width;
    for (std::uint32_t i = 0; i < usable; ++i) {
      const std::uint32_t at = p + 2 + i * width;
      const std::uint32_t as = width == 4 ? w.u32(at) : w.u16(at);
      if (w.has_tree()) {
        w.leaf(FieldId::AsPathAsn, at, width, text::asn(as));
        if (!ases.empty()) ases += type == 1 || type == 4 ? "," : " ";
        ases += std::to_string(as);
      }
    }
    total += usable;
    if (w.has_tree()) {
      w.set_value(seg_node,
                  names::with_number(names::as_path_segment_type(type), type) + ": " + ases);
      append_segment_text(path_text, type, ases);
    }
    w.close();
    if (need > avail) break;
    p += 2 + need;
  }
  if (w.has_tree()) {
    const std::string shown = path_text.empty() ? "empty" : path_text;
    w.set_value(path_node, shown + (width == 4 ? "  (4-byte ASNs)" : "  (2-byte ASNs)"));
    attr_summary(w, a, shown);
  }
  w.close();
  (void)total;
}

void decide_as4_by_heuristic(Walk& w, std::uint32_t attrs_begin, std::uint32_t attrs_end,
                             UpdateState& state) {
  std::optional<Bytes> as_path;
  std::optional<std::uint32_t> aggregator_length;
  bool has_as4_path = false;
  for (std::uint32_t p = attrs_begin; p + 3 <= attrs_end;) {
    const std::uint8_t flags = w.u8(p);
    const std::uint8_t code = w.u8(p + 1);
    const bool ext = (flags & 0x10) != 0;
    if (ext && p + 4 > attrs_end) break;
    const std::uint32_t len = ext ? w.u16(p + 2) : w.u8(p + 2);
    const std::uint32_t value = p + (ext ? 4 : 3);
    if (len > attrs_end - value) break;
    if (code == 2 && !as_path) as_path = w.slice(value, len);
    if (code == 7) aggregator_length = len;
    if (code == 17) has_as4_path = true;
    p = value + len;
  }
  state.as4_from = Provenance::Heuristic;
  // AGGREGATOR is 6 bytes with 2-octet AS numbers and 8 with 4-octet ones (RFC 6793 §3).
  if (aggregator_length == 8 || aggregator_length == 6) {
    state.as4 = aggregator_length == 8;
    state.as4_reason = "AGGREGATOR is " + std::to_string(*aggregator_length) + " bytes";
    return;
  }
  if (!as_path || as_path->empty()) {
    state.as4 = false;
    state.as4_reason = "no AS numbers in this UPDATE";
    return;
  }
  const bool fits2 = as_path_well_formed(*as_path, 2);
  const bool fits4 = as_path_well_formed(*as_path, 4);
  if (fits4 != fits2) {
    state.as4 = fits4;
    state.as4_reason =
        std::string("AS_PATH is well-formed only with ") + (fits4 ? "4" : "2") + "-byte AS numbers";
    return;
  }
  if (has_as4_path) {
    // RFC 6793 §4.2.2: AS4_PATH is only sent to a speaker without 4-octet AS support.
    state.as4 = false;
    state.as4_reason = "AS4_PATH is present, so the session uses 2-byte AS numbers";
    return;
  }
  // Both readings are well-formed, or neither is. Small 4-byte AS numbers have two zero high
  // bytes, which read as AS 0 in 2-byte form — a reserved value no real path carries
  // (RFC 7607). Only a well-formed 2-byte reading can be walked without overrunning the value.
  bool zero_in_2byte = false;
  for (std::size_t p = 0; fits2 && p + 2 <= as_path->size();) {
    const std::size_t count = (*as_path)[p + 1];
    for (std::size_t i = 0; i < count; ++i) {
      if (load_be16(as_path->data() + p + 2 + i * 2) == 0) zero_in_2byte = true;
    }
    p += 2 + count * 2;
  }
  state.as4 = fits4 && zero_in_2byte;
  state.as4_reason = state.as4 ? "AS_PATH read with 2-byte AS numbers would contain AS 0"
                               : (fits2 ? "AS_PATH reads as 2-byte AS numbers"
                                        : "AS_PATH fits neither width; 2-byte assumed");
}

}  // namespace bgplens

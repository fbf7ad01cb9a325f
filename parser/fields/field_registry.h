// The field registry: every field the decoder can produce is declared once, in the .def files
// next to this header, with its filter key, display name, kind, RFC section and explanation.
// The tree, the hex view's tooltips, the CLI's --tree output and (later) filters and the
// teaching panel all read this table; decoders refer to fields by FieldId only.
#pragma once

#include <cstdint>
#include <string_view>

namespace bgplens {

enum class FieldKind : std::uint8_t {
  Group,  // a container; its value text, if any, summarises its children
  UInt,   // an unsigned number
  Enum,   // a number with a name
  Flags,  // bit flags (the node usually carries a bit mask)
  IPv4,
  IPv6,
  Prefix,
  Octets,  // raw bytes
  Text,
  Info,  // derived information, not a wire field of its own
  Error,
};

enum class FieldId : std::uint16_t {
// Qt's moc cannot follow an #include inside an enum; it never needs the enumerators.
#ifndef Q_MOC_RUN
#define FIELD(id, key, name, kind, rfc, description) id,
#include "fields/all_fields.def"
#undef FIELD
#endif
  Count
};

struct FieldInfo {
  FieldId id;
  std::string_view key;   // dotted filter key, e.g. "bgp.attr.origin"
  std::string_view name;  // display name, e.g. "ORIGIN"
  FieldKind kind;
  std::string_view rfc;          // where the wire format is specified
  std::string_view description;  // what the field means, for people learning BGP
};

const FieldInfo& field_info(FieldId id);
// nullptr when no field has this key.
const FieldInfo* find_field(std::string_view key);
std::size_t field_count();
// Whether nodes of this field are one whole NLRI (a route of any family), as opposed to the
// fields inside one.
bool is_nlri_entry(FieldId id);

}  // namespace bgplens

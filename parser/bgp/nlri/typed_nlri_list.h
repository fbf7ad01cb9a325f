// The walk shared by NLRI families whose every NLRI frames itself with a type and a length in
// front of its value: EVPN (RFC 7432 §7), MCAST-VPN (RFC 6514 §4), BGP-LS (RFC 9552 §5.2) and
// MUP (draft-mpmz-bess-mup-safi §3.1). It reads the path identifier (RFC 7911 §3), checks that
// the header and the value fit the field (RFC 7606 §5.3: when they do not, no later NLRI can be
// located and the walk stops), counts the route, opens its node and records its entry; each
// family names its header fields and decodes its value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bgp/nlri/nlri_common.h"

namespace bgplens::nlri {

struct TypedNlriLayout {
  FieldId node;                   // the node of one whole NLRI
  std::uint32_t header = 0;       // octets before the value
  std::uint32_t length_at = 0;    // where the length field starts within the header
  std::uint32_t length_size = 1;  // 1 or 2 octets
};

// One framed NLRI, as handed to the family's body decoder.
struct TypedNlri {
  std::uint32_t header_at = 0;  // the first header octet (after any path identifier)
  std::uint32_t value_at = 0;
  std::uint32_t end = 0;  // one past the value
  std::uint32_t length = 0;
};

// `short_header(left)` and `overrun(header_at, length, left)` word the two framing errors;
// `body(const TypedNlri&)` adds the header's and the value's nodes and returns the NLRI's text.
template <class ShortHeader, class Overrun, class Body>
void walk_typed_nlri_list(Walk& w, const NlriBlock& b, bool add_path, const TypedNlriLayout& layout,
                          ShortHeader&& short_header, Overrun&& overrun, Body&& body) {
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (!read_path_id(w, b, add_path, p, path_id)) return;
    if (end - p < layout.header) {
      w.error(start, end - start, short_header(end - p), b.on_error);
      return;
    }
    const std::uint32_t length =
        layout.length_size == 2 ? w.u16(p + layout.length_at) : w.u8(p + layout.length_at);
    if (length > end - p - layout.header) {
      w.error(start, end - start, overrun(p, length, end - p - layout.header), b.on_error);
      return;
    }
    const TypedNlri nlri{p, p + layout.header, p + layout.header + length, length};
    // Counted as framed, malformed or not: the field holds the NLRI either way.
    count_route(w, b, count);
    const std::uint32_t node = w.open(layout.node, start, nlri.end - start);
    if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
    std::string text = body(nlri);
    w.set_value(node, [&] { return node_text(text, path_id); });
    w.close();
    add_entry(w, b, start, nlri.end - start, path_id, std::move(text));
    p = nlri.end;
  }
}

}  // namespace bgplens::nlri

// NOTIFICATION data that repeats what the peer sent: the optional parameters (2/4) or
// capabilities (2/7) of its OPEN, the attribute of its UPDATE (3/x), its whole ROUTE-REFRESH
// (7/1). They are decoded with the ordinary decoders. What is wrong in them is the reason for
// the NOTIFICATION, not a fault of it: their problems are shown as notes and not recorded.
#include <algorithm>

#include "bgp/body_decoders.h"
#include "bgp/capabilities/capability_table.h"
#include "bgp/message_decoder.h"
#include "bgp/names/names.h"
#include "bgp/notification_data.h"
#include "bgp/update_state.h"
#include "util/text.h"

namespace bgplens {
namespace {

// Copies the nodes under `node` of `from` into `into`, problems turned into notes. Range
// groups of long lists are dropped (their items copied): `into` forms its own when finished.
void graft(FieldTreeBuilder& into, const FieldTree& from, std::uint32_t node) {
  for (std::uint32_t r = 0; r < from.child_count(node); ++r) {
    const std::uint32_t c = from.child(node, r);
    const FieldNode& n = from.node(c);
    if (n.field == FieldId::ItemRange) {
      graft(into, from, c);
      continue;
    }
    const Severity severity = n.severity >= Severity::Warning ? Severity::Note : n.severity;
    if (n.child_count == 0) {
      into.leaf(n.field, n.offset, n.length, from.value(c), n.mask, severity);
      continue;
    }
    const std::uint32_t copy = into.open(n.field, n.offset, n.length);
    into.set_value(copy, from.value(c));
    if (severity != Severity::None) into.set_severity(copy, severity);
    graft(into, from, c);
    into.close();
  }
}

// Runs `decode` on a walk of the same bytes whose result is thrown away, and grafts its
// nodes under the open node. Quoted bytes yield nothing but nodes, so this runs only when a
// tree is built.
template <class Decode>
void decode_quoted(Walk& w, Decode&& decode) {
  if (!w.has_tree()) return;
  DecodedMessage scratch;
  FieldTreeBuilder builder(static_cast<std::uint32_t>(w.bytes().size()));
  Walk quoted(w.bytes(), w.context(), Depth::Tree, scratch, &builder);
  decode(quoted);
  const FieldTree tree = builder.finish();
  graft(*w.tree(), tree, FieldTree::kRoot);
}

// RFC 5492 §4 capability triples at [begin, end), each decoded by its decoder.
void decode_capability_list(Walk& w, std::uint32_t begin, std::uint32_t end) {
  OpenValues scratch;  // what the capabilities would have negotiated: not this message's
  std::uint32_t p = begin;
  while (p < end) {
    if (end - p < 2) {
      w.error(p, end - p,
              "capability header needs 2 bytes, " + text::byte_count(end - p) + " left");
      return;
    }
    const std::uint8_t code = w.u8(p);
    const std::uint8_t length = w.u8(p + 1);
    const std::uint32_t avail = end - p - 2;
    const std::uint32_t node =
        w.open(FieldId::Capability, p, 2u + std::min<std::uint32_t>(length, avail));
    const std::string_view name = names::capability(code);
    w.set_value(node, names::with_number(name, code));
    w.leaf(FieldId::CapCode, p, 1, names::with_number(name, code));
    w.leaf_uint(FieldId::CapLength, p + 1, 1, length);
    if (length > avail) {
      w.error(p + 2, avail,
              "capability length " + std::to_string(length) + " exceeds " + bytes_left(avail));
      w.close();
      return;
    }
    if (const CapabilitySpec* spec = find_capability(code)) {
      spec->decode(w, CapabilityView{code, p, p + 2, length, node}, scratch);
    } else if (length > 0) {
      w.leaf(FieldId::CapValue, p + 2, length, text::hex_spaced(w.slice(p + 2, length), 48));
    }
    w.close();
    p += 2u + length;
  }
}

}  // namespace

// RFC 4271 §6.2 gives 2/4 Unsupported Optional Parameter no data; some senders quote the
// parameter (type, length, value: RFC 4271 §4.2).
void decode_quoted_parameters(Walk& w, const NotificationData& d) {
  decode_quoted(w, [&](Walk& q) {
    std::uint32_t p = d.begin;
    while (p < d.end) {
      if (d.end - p < 2) {
        q.error(p, d.end - p, "optional parameter header needs 2 bytes");
        return;
      }
      const std::uint8_t type = q.u8(p);
      const std::uint8_t length = q.u8(p + 1);
      const std::uint32_t avail = d.end - p - 2;
      const std::uint32_t node =
          q.open(FieldId::OpenOptParam, p, 2u + std::min<std::uint32_t>(length, avail));
      q.set_value(node, names::with_number(names::optional_parameter(type), type));
      q.leaf(FieldId::OpenOptParamType, p, 1,
             names::with_number(names::optional_parameter(type), type));
      q.leaf_uint(FieldId::OpenOptParamLength, p + 1, 1, length);
      if (length > avail) {
        q.error(p + 2, avail,
                "parameter length " + std::to_string(length) + " exceeds " + bytes_left(avail));
        q.close();
        return;
      }
      if (type == 2) {
        decode_capability_list(q, p + 2, p + 2 + length);
      } else if (length > 0) {
        q.leaf(FieldId::OpenOptParamValue, p + 2, length,
               text::hex_spaced(q.slice(p + 2, length), 48));
      }
      q.close();
      p += 2u + length;
    }
  });
}

// RFC 5492 §3: the data of 2/7 Unsupported Capability lists the capabilities that caused it.
void decode_quoted_capabilities(Walk& w, const NotificationData& d) {
  decode_quoted(w, [&](Walk& q) { decode_capability_list(q, d.begin, d.end); });
}

// RFC 4271 §6.3: the data of 3/2, 3/4, 3/5, 3/6, 3/8 and 3/9 is the erroneous attribute (type,
// length and value — the type being the flags and type code octets, §4.3).
void decode_quoted_attribute(Walk& w, const NotificationData& d) {
  if (d.size() < 3) {
    w.warning(d.begin, d.size(),
              "the data of this error should be the erroneous attribute, flags, type, length "
              "and value (RFC 4271 §6.3); " +
                  text::byte_count(d.size()) + " cannot be one");
    return;
  }
  decode_quoted(w, [&](Walk& q) {
    UpdateState state;
    state.as4 = q.context().as4;
    state.as4_from = q.context().as4_from;
    decode_path_attributes(q, d.begin, d.end, state);
  });
}

// RFC 7313 §5: the data of 7/1 Invalid Message Length is the complete ROUTE-REFRESH message,
// header included.
void decode_quoted_route_refresh(Walk& w, const NotificationData& d) {
  const bool framed = d.size() >= kHeaderLength && is_marker(w.at(d.begin)) &&
                      w.u8(d.begin + 18) == msg_type::kRouteRefresh;
  if (!framed) {
    w.warning(d.begin, d.size(),
              "the data of 7/1 should be the complete ROUTE-REFRESH message, marker and header "
              "included (RFC 7313 §5); these " +
                  text::byte_count(d.size()) + " are not one");
    return;
  }
  decode_quoted(w, [&](Walk& q) {
    const std::uint16_t length = q.u16(d.begin + 16);
    const std::uint32_t body = d.begin + kHeaderLength;
    const std::uint32_t end =
        length >= kHeaderLength && length <= d.size() ? d.begin + length : d.end;
    const std::uint32_t node = q.open(FieldId::NotifQuotedMessage, d.begin, d.size());
    q.set_value(node, [&] {
      return end - body >= 4
                 ? "ROUTE-REFRESH " + names::family_short(Family{q.u16(body), q.u8(body + 3)})
                 : std::string("ROUTE-REFRESH");
    });
    q.leaf(FieldId::Marker, d.begin, 16, text::hex(q.slice(d.begin, 16)));
    q.leaf_uint(FieldId::Length, d.begin + 16, 2, length);
    q.leaf(FieldId::Type, d.begin + 18, 1, "ROUTE-REFRESH (5)");
    if (length != d.size()) {
      q.error(d.begin + 16, 2,
              "length " + std::to_string(length) + " differs from the " +
                  text::byte_count(d.size()) + " of data");
    }
    if (end - body >= 4) {
      decode_route_refresh_body(q, body, end);
    } else if (end > body) {
      q.error(body, end - body, "a ROUTE-REFRESH body needs 4 bytes (RFC 2918 §3)");
    }
    if (end < d.end) q.error(end, d.end - end, "bytes after the quoted message");
    q.close();
  });
}

}  // namespace bgplens

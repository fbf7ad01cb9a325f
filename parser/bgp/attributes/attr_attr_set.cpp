// ATTR_SET (RFC 6368 §5): a customer's path attributes carried across a provider's VPN.
#include "bgp/attributes/attr_route.h"
#include "bgp/body_decoders.h"
#include "util/text.h"

namespace bgplens {
namespace {

// Reports each attribute in [begin, end) with type code 14 or 15: RFC 6368 §5 forbids carrying
// MP_REACH_NLRI and MP_UNREACH_NLRI in an ATTR_SET.
void report_mp_attributes(Walk& w, const AttributeView& a, std::uint32_t begin, std::uint32_t end) {
  for (std::uint32_t p = begin; end - p >= 3;) {
    const bool ext = (w.u8(p) & 0x10) != 0;
    const std::uint8_t code = w.u8(p + 1);
    if (ext && end - p < 4) break;
    const std::uint32_t header = ext ? 4 : 3;
    const std::uint32_t length = ext ? w.u16(p + 2) : w.u8(p + 2);
    const std::uint32_t shown = header + std::min(length, end - p - header);
    if (code == 14 || code == 15) {
      route_attr_error(w, a, p, shown,
                       std::string(names::path_attribute(code)) +
                           " cannot be carried in ATTR_SET (RFC 6368 §5; RFC 7606 §7.16: "
                           "treat-as-withdraw)");
    }
    p += shown;
  }
}

// RFC 6368 §5: AS_PATH and AGGREGATOR in an ATTR_SET use 4-octet AS numbers whatever the
// session. ATTR_SETs sent before RFC 6368 (draft-marques-ppvpn-ibgp) used the session's
// 2-octet ones: when the carried AS_PATH (or, without one, AGGREGATOR) only reads with 2-octet
// numbers, they are decoded that way with a note.
bool carried_as4(Walk& w, std::uint32_t begin, std::uint32_t end) {
  std::optional<Bytes> as_path;
  std::optional<std::uint32_t> aggregator_length;
  for (std::uint32_t p = begin; end - p >= 3;) {
    const bool ext = (w.u8(p) & 0x10) != 0;
    const std::uint8_t code = w.u8(p + 1);
    if (ext && end - p < 4) break;
    const std::uint32_t header = ext ? 4 : 3;
    const std::uint32_t length = ext ? w.u16(p + 2) : w.u8(p + 2);
    if (length > end - p - header) break;
    if (code == 2 && !as_path) as_path = w.slice(p + header, length);
    if (code == 7 && !aggregator_length) aggregator_length = length;
    p += header + length;
  }
  const bool two_octet = as_path
                             ? !as_path_well_formed(*as_path, 4) && as_path_well_formed(*as_path, 2)
                             : aggregator_length == 6u;
  if (two_octet) {
    w.note(begin, end - begin,
           std::string(as_path ? "the carried AS_PATH" : "the carried AGGREGATOR") +
               " only reads with 2-octet AS numbers: decoded so, as ATTR_SETs were before "
               "RFC 6368 §5 required 4-octet ones");
  }
  return !two_octet;
}

}  // namespace

// RFC 6368 §5: the Origin AS (4 octets), then path attributes encoded as in an UPDATE, with
// 4-octet AS numbers whatever the session. They are walked by the UPDATE's own attribute walk
// with a state of their own, so they neither count as the UPDATE's attributes (duplicates,
// mandatory attributes) nor take its AS number size. An ATTR_SET inside an ATTR_SET, a length
// under 4, MP_REACH_NLRI or MP_UNREACH_NLRI inside, or a malformed carried attribute make the
// ATTR_SET malformed: treat-as-withdraw (RFC 7606 §7.16). Recursion stops at that first level.
void decode_attr_attr_set(Walk& w, const AttributeView& a, UpdateState& state) {
  if (a.value_length < 4) {
    route_attr_length_error(w, a, "at least 4 (the Origin AS)", "RFC 6368 §5");
    return;
  }
  const std::uint32_t origin = w.u32(a.value_offset);
  w.leaf(FieldId::AttrSetOriginAs, a.value_offset, 4, [&] { return text::asn(origin); });
  const std::uint32_t begin = a.value_offset + 4;
  const std::uint32_t end = a.value_offset + a.value_length;
  if (state.attr_set_depth > 0) {
    route_attr_error(w, a, a.offset, end - a.offset,
                     "ATTR_SET inside an ATTR_SET (RFC 6368 §5; RFC 7606 §7.16: "
                     "treat-as-withdraw); not decoded further");
    if (begin < end) {
      w.leaf(FieldId::AttrValue, begin, end - begin,
             [&] { return text::hex_spaced(w.slice(begin, end - begin), 48); });
    }
    attr_summary(w, a, [&] { return "origin AS " + std::to_string(origin) + ", nested"; });
    return;
  }
  std::uint32_t count = 0;
  if (begin < end) {
    const std::uint32_t node = w.open(FieldId::AttrSetAttributes, begin, end - begin);
    UpdateState carried;  // RFC 6368 §5: AS_PATH and AGGREGATOR use 4-octet AS numbers
    carried.as4 = carried_as4(w, begin, end);
    carried.as4_from = Provenance::Negotiated;
    carried.attr_set_depth = state.attr_set_depth + 1;
    const std::size_t errors_before = w.out().problems.size();
    count = decode_path_attributes(w, begin, end, carried);
    bool carried_error = false;
    for (std::size_t i = errors_before; i < w.out().problems.size(); ++i)
      carried_error = carried_error || w.out().problems[i].severity == Severity::Error;
    report_mp_attributes(w, a, begin, end);
    if (carried_error) {
      route_attr_error(w, a, begin, end - begin,
                       "a carried attribute is malformed, so the ATTR_SET is (RFC 6368 §5; "
                       "RFC 7606 §7.16: treat-as-withdraw)");
    }
    w.set_value(node,
                [&] { return std::to_string(count) + " attribute" + (count == 1 ? "" : "s"); });
    w.close();
  }
  attr_summary(w, a, [&] {
    return "origin AS " + std::to_string(origin) + ", " + std::to_string(count) + " attribute" +
           (count == 1 ? "" : "s");
  });
}

}  // namespace bgplens

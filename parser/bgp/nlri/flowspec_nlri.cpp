// Flow Specification NLRI (AFI 1/2/25, SAFI 133/134): a list of rules, each
//   [path id (4), RFC 7911 §3] length (1 octet < 240, or 2 octets 0xfnnn; RFC 8955 §4.1) |
//   [Route Distinguisher (8), VPN and L2VPN rules; RFC 8955 §8] | components (§4.2).
// The length frames every rule, so a rule whose components are malformed (RFC 8955 §4.2) does
// not stop the walk; a length that overruns the field does (RFC 7606 §5.3).
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/flowspec_components.h"
#include "bgp/nlri/nlri_common.h"
#include "util/text.h"

namespace bgplens {
namespace {

using flowspec::PrefixLayout;
using flowspec::Space;

constexpr std::uint8_t kSafiFlowspecVpn = 134;
constexpr std::uint32_t kRdSize = 8;

// RFC 8955 §4.1: one octet below 0xf0, otherwise 0xfnnn (12 bits). `header` is 0 when the
// two-octet form is cut off.
struct LengthField {
  std::uint32_t header = 0;
  std::uint32_t length = 0;
};

LengthField read_length(Bytes field) {
  const std::uint8_t first = field[0];
  if ((first & 0xF0) != 0xF0) return {1, first};
  if (field.size() < 2) return {};
  return {2, static_cast<std::uint32_t>(((first & 0x0F) << 8) | field[1])};
}

// How `field` reads as rules, each preceded by a path identifier or not, for the ADD-PATH
// guess: every rule must be framed by its length and hold valid components.
NlriListFit flowspec_list_fit(Bytes field, bool add_path, Space space, bool vpn) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) {
      if (field.size() - p < 5) return fit;
      p += 4;
    }
    const LengthField l = read_length(field.subspan(p));
    if (l.header == 0 || field.size() - p - l.header < l.length) return fit;
    Bytes value = field.subspan(p + l.header, l.length);
    ++fit.count;
    if (vpn) {
      if (value.size() < kRdSize) return fit;
      value = value.subspan(kRdSize);
    }
    if (value.empty()) {
      ++fit.zero_length;  // no components: malformed (§4.2), as path ids of 0 read plainly
      return fit;
    }
    bool fits = false;
    flowspec::choose_layout(value, space, &fits);
    if (!fits) return fit;
    p += l.header + l.length;
  }
  fit.fits = true;
  return fit;
}

void length_nodes(Walk& w, std::uint32_t at, const LengthField& l) {
  if (l.header == 1) {
    w.leaf_uint(FieldId::FlowspecLength, at, 1, l.length);
    return;
  }
  w.leaf(FieldId::FlowspecLengthForm, at, 2, "0xf (2-octet length)", 0xF000);
  w.leaf_uint(FieldId::FlowspecLength, at, 2, l.length, 0x0FFF);
}

// One rule whose length field is at `at` and whose bytes end at `end`.
void decode_rule(Walk& w, const NlriBlock& b, std::uint32_t start,
                 std::optional<std::uint32_t> path_id, std::uint32_t at, const LengthField& l) {
  const Space space = flowspec::space_of(b.family);
  const bool vpn = b.family.safi == kSafiFlowspecVpn;
  const std::uint32_t end = at + l.header + l.length;
  const std::uint32_t node = w.open(FieldId::FlowspecNlri, start, end - start);
  if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
  length_nodes(w, at, l);
  std::uint32_t value = at + l.header;
  bool malformed = false;
  std::string rd;
  if (vpn && l.length < kRdSize) {
    w.error(at, l.header + l.length,
            "a VPN rule of " + text::byte_count(l.length) +
                " has no room for its 8-octet Route Distinguisher (RFC 8955 §8, §4.2: the NLRI "
                "is malformed)",
            b.on_error);
    malformed = true;
    value = end;
  } else if (vpn) {
    rd = nlri::rd(w, value);
    value += kRdSize;
  }
  std::string text;
  if (value == end && !malformed) {
    w.error(at, l.header + (vpn ? kRdSize : 0),
            "a rule without components: RFC 8955 §4.2 encodes at least one (the NLRI is "
            "malformed)",
            b.on_error);
    malformed = true;
  } else if (value < end) {
    const PrefixLayout layout = flowspec::choose_layout(w.slice(value, end - value), space);
    text = flowspec::decode_components(w, value, end, space, layout, b.on_error, malformed);
  }
  if (nlri::wants_text(w)) {
    if (text.empty()) text = "(no components)";
    if (!rd.empty()) text += " RD " + rd;
    if (malformed) text += " (malformed)";
  }
  w.set_value(node, [&] { return nlri::node_text(text, path_id); });
  w.close();
  nlri::add_entry(w, b, start, end - start, path_id, std::move(text));
}

}  // namespace

void decode_flowspec_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const Space space = flowspec::space_of(b.family);
  const bool vpn = b.family.safi == kSafiFlowspecVpn;
  const bool add_path = resolve_add_path(
      w, b, state,
      [&](Bytes field, bool with_ids) { return flowspec_list_fit(field, with_ids, space, vpn); },
      NlriNouns{"rules without components", "Flow Specification rules"});
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (!nlri::read_path_id(w, b, add_path, p, path_id)) return;
    const LengthField l = read_length(w.slice(p, end - p));
    if (l.header == 0) {
      w.error(p, 1,
              "length " + text::hex_number(w.u8(p), 2) +
                  ": the nibble 0xf announces a 2-octet length, but the field ends after its "
                  "first octet (RFC 8955 §4.1, RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    if (end - p - l.header < l.length) {
      w.error(start, end - start,
              "rule length " + std::to_string(l.length) + " exceeds the " +
                  text::byte_count(end - p - l.header) +
                  " left in the field (RFC 8955 §4.1, RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    nlri::count_route(w, b, count);
    decode_rule(w, b, start, path_id, p, l);
    p += l.header + l.length;
  }
}

}  // namespace bgplens

// The BGP-LS NLRI walk (RFC 9552 §5.2): each NLRI is an NLRI Type (2), a Total NLRI Length (2)
// and that many octets, preceded by a 4-octet path identifier under ADD-PATH (RFC 7911 §3).
// The length frames every NLRI, so a malformed one is discarded alone and the walk goes on
// (RFC 9552 §8.2.2 "NLRI discard"); only a length that overruns the field stops it.
#include "bgp/nlri/bgpls_nlri.h"
#include "bgp/nlri/nlri_common.h"
#include "bgp/nlri/typed_nlri_list.h"

#include "bgp/names/names.h"
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/bgpls_names.h"
#include "bgp/nlri/bgpls_nlri_body.h"
#include "util/text.h"

namespace bgplens {
namespace {

// How `field` reads as a list of BGP-LS NLRI, each optionally preceded by a path identifier:
// whether the length fields frame it exactly, and how many NLRI have a type no RFC defines
// (path identifiers begin with zero octets, which read as NLRI Type 0).
NlriListFit nlri_list_fit(Bytes field, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) {
      if (field.size() - p < 4) return fit;
      p += 4;
    }
    if (field.size() - p < 4) return fit;
    const std::uint16_t type = load_be16(field.data() + p);
    const std::size_t length = load_be16(field.data() + p + 2);
    if (field.size() - p - 4 < length) return fit;
    ++fit.count;
    if (type < 1 || type > 6) ++fit.zero_length;
    p += 4 + length;
  }
  fit.fits = true;
  return fit;
}

}  // namespace

// RFC 9552 §5.2 (SAFI 71, 72), RFC 9514 §6 (NLRI Type 6), RFC 7911 §3 (path identifiers).
void decode_bgpls_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool add_path =
      resolve_add_path(w, b, state, nlri_list_fit, {"NLRI of no defined type", "NLRI"});
  const bool vpn = b.family.safi == 72;
  const bool want_text = nlri::wants_text(w);

  nlri::walk_typed_nlri_list(
      w, b, add_path, {FieldId::BgplsNlri, 4, 2, 2},
      [&](std::uint32_t left) {
        return "a BGP-LS NLRI needs its type and length, " + text::byte_count(left) +
               " left; the NLRI field cannot be parsed (RFC 9552 §8.2.2: AFI/SAFI disable, "
               "or session reset when the session carries only BGP-LS)";
      },
      [&](std::uint32_t at, std::uint32_t length, std::uint32_t left) {
        return "NLRI type " + std::to_string(w.u16(at)) + " Total NLRI Length " +
               std::to_string(length) + " exceeds " + bytes_left(left) +
               " in the NLRI field; no later NLRI can be located (RFC 9552 §8.2.2: AFI/SAFI "
               "disable, or session reset when the session carries only BGP-LS)";
      },
      [&](const nlri::TypedNlri& n) {
        const std::uint16_t type = w.u16(n.header_at);
        w.leaf(FieldId::LsNlriType, n.header_at, 2,
               [&] { return names::with_number(bgpls::nlri_type_name(type), type); });
        w.leaf_uint(FieldId::LsNlriLength, n.header_at + 2, 2, n.length);
        bool malformed = false;
        std::string text =
            bgpls::decode_nlri_body(w, type, n.value_at, n.end, vpn, want_text, malformed);
        if (malformed && want_text) text += " (malformed)";
        return text;
      });
}

}  // namespace bgplens

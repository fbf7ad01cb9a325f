// The EVPN NLRI walk (RFC 7432 §7): each route is a type octet, a length octet and that many
// octets of type-specific fields, preceded by a 4-octet path identifier under ADD-PATH
// (RFC 7911 §3). The length octet frames every route, so a route whose fields are wrong, or
// whose type is unknown (RFC 7606 §5.4), does not stop the walk.
#include "bgp/nlri/evpn_nlri.h"
#include "bgp/nlri/nlri_common.h"
#include "bgp/nlri/typed_nlri_list.h"

#include <iterator>
#include <optional>
#include <string>

#include "bgp/names/names.h"
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/evpn_route.h"
#include "util/text.h"

namespace bgplens {
namespace evpn {

std::string_view route_type_name(std::uint8_t type) {
  switch (type) {
    case 1:
      return "Ethernet Auto-Discovery";
    case 2:
      return "MAC/IP Advertisement";
    case 3:
      return "Inclusive Multicast Ethernet Tag";
    case 4:
      return "Ethernet Segment";
    case 5:
      return "IP Prefix";
    case 6:
      return "Selective Multicast Ethernet Tag";
    case 7:
      return "Multicast Membership Report Synch";
    case 8:
      return "Multicast Leave Synch";
    case 9:
      return "Per-Region I-PMSI A-D";
    case 10:
      return "S-PMSI A-D";
    case 11:
      return "Leaf A-D";
  }
  return {};
}

std::string_view route_type_rfc(std::uint8_t type) {
  static constexpr std::string_view kSections[] = {"",
                                                   "RFC 7432 §7.1",
                                                   "RFC 7432 §7.2",
                                                   "RFC 7432 §7.3",
                                                   "RFC 7432 §7.4",
                                                   "RFC 9136 §3.1",
                                                   "RFC 9251 §9.1",
                                                   "RFC 9251 §9.2",
                                                   "RFC 9251 §9.3",
                                                   "RFC 9572 §3.1",
                                                   "RFC 9572 §3.2",
                                                   "RFC 9572 §3.3"};
  return type < std::size(kSections) ? kSections[type] : std::string_view();
}

// The lengths each layout allows: fixed fields plus 0/4/16-octet addresses.
bool plausible_length(std::uint8_t type, std::uint8_t length) {
  switch (type) {
    case 1:
      return length == 25;
    case 2:  // 33 + IP (0, 4, 16) + second label (0, 3)
      return length == 33 || length == 36 || length == 37 || length == 40 || length == 49 ||
             length == 52;
    case 3:
      return length == 17 || length == 29;
    case 4:
      return length == 23 || length == 35;
    case 5:
      return length == 34 || length == 58;
    case 6:  // 12 + source (1+0..16) + group (1+4..16) + originator (1+4..16) + flags (1)
      return length >= 24 && length <= 64;
    case 7:
      return length >= 34 && length <= 74;
    case 8:
      return length >= 39 && length <= 79;
    case 9:
      return length == 20;
    case 10:
      return length >= 23 && length <= 63;
    case 11:  // a key of at least its own type and length, then 1 + 4..16
      return length >= 7;
  }
  return false;
}

namespace {

void raw_fields(RouteReader& r) {
  Walk& w = r.walk();
  if (r.left() > 0) {
    w.leaf(FieldId::EvpnRaw, r.pos(), r.left(),
           [&] { return text::hex_spaced(w.slice(r.pos(), r.left()), 32); });
    if (r.want_text()) r.add_text("", text::hex(w.slice(r.pos(), r.left()), 32));
  }
  r.advance(r.left());
}

}  // namespace

void decode_route_fields(RouteReader& r) {
  if (r.depth() > kMaxNesting) {
    raw_fields(r);
    return;
  }
  switch (r.type()) {
    case 1:
      return decode_ethernet_ad(r);
    case 2:
      return decode_mac_ip(r);
    case 3:
      return decode_inclusive_multicast(r);
    case 4:
      return decode_ethernet_segment(r);
    case 5:
      return decode_ip_prefix(r);
    case 6:
      return decode_selective_multicast(r);
    case 7:
      return decode_membership_synch(r);
    case 8:
      return decode_leave_synch(r);
    case 9:
      return decode_per_region_ipmsi(r);
    case 10:
      return decode_spmsi(r);
    case 11:
      return decode_leaf_ad(r);
  }
  // RFC 7606 §5.4: a route of a type the receiver does not know is ignored, not an error.
  r.walk().note(r.pos() - 2, 2,
                "route type " + std::to_string(r.type()) +
                    " is not one this version decodes; receivers that do not know a type ignore "
                    "the route (RFC 7606 §5.4)");
  raw_fields(r);
}

namespace {

// How `field` reads as a list of EVPN routes, each optionally preceded by a 4-octet path
// identifier: whether the length octets frame it exactly, and how many routes have a type or a
// length no layout allows (path identifiers begin with zero octets, which read as type 0).
NlriListFit route_list_fit(Bytes field, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) {
      if (field.size() - p < 4) return fit;
      p += 4;
    }
    if (field.size() - p < 2) return fit;
    const std::uint8_t type = field[p];
    const std::uint8_t length = field[p + 1];
    if (field.size() - p - 2 < length) return fit;
    ++fit.count;
    if (!plausible_length(type, length)) ++fit.zero_length;
    p += 2 + std::size_t{length};
  }
  fit.fits = true;
  return fit;
}

}  // namespace
}  // namespace evpn

// RFC 7432 §7 (and RFC 7911 §3 for the path identifier).
void decode_evpn_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  // RFC 7911 gives no in-band signal: without the OPENs, the reading whose length octets frame
  // the field wins; if both do, one whose plain routes include impossible ones is ADD-PATH.
  const bool add_path = resolve_add_path(w, b, state, evpn::route_list_fit,
                                         {"routes of no known type and length", "routes"});

  bool label_noted = false;
  nlri::walk_typed_nlri_list(
      w, b, add_path, {FieldId::EvpnNlri, 2, 1, 1},
      [&](std::uint32_t left) {
        return "an EVPN route needs its type and length octets, " + text::byte_count(left) +
               " left (RFC 7432 §7, RFC 7606 §5.3)";
      },
      [&](std::uint32_t at, std::uint32_t length, std::uint32_t left) {
        return "route type " + std::to_string(w.u8(at)) + " length " + std::to_string(length) +
               " exceeds " + bytes_left(left) +
               " in the NLRI field; no later route can be located (RFC 7432 §7, RFC 7606 "
               "§5.3)";
      },
      [&](const nlri::TypedNlri& r) {
        const std::uint8_t type = w.u8(r.header_at);
        w.leaf(FieldId::EvpnRouteType, r.header_at, 1,
               [&] { return names::with_number(evpn::route_type_name(type), type); });
        w.leaf_uint(FieldId::EvpnRouteLength, r.header_at + 1, 1, r.length);
        evpn::RouteReader route(w, type, r.header_at + 1, r.end, b.on_error, 0, &label_noted);
        evpn::decode_route_fields(route);
        return route.text();
      });
}

}  // namespace bgplens

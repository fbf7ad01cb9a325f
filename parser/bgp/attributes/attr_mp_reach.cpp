#include "bgp/attributes/attribute_table.h"
#include "bgp/nlri/family_table.h"
#include "util/text.h"

namespace bgplens {
namespace {

// RFC 4364 §4.3.2: VPN next hops carry an 8-octet Route Distinguisher, which must be zero.
void rd_leaf(Walk& w, std::uint32_t at) {
  w.leaf(FieldId::MpReachRd, at, 8, [&] { return text::hex(w.slice(at, 8)); });
}

// The next hop's layout follows from its length: RFC 4760 §3, RFC 2545 §3 (global +
// link-local), RFC 8950 §3 (IPv6 next hop for IPv4 NLRI), RFC 4364/4659 (RD-prefixed).
std::string decode_next_hop(Walk& w, std::uint32_t at, std::uint32_t len) {
  std::string summary;
  switch (len) {
    case 4:
      summary = w.has_tree() ? text::ipv4(w.at(at)) : "";
      w.leaf(FieldId::MpReachNextHop, at, 4, summary);
      break;
    case 16:
      summary = w.has_tree() ? text::ipv6(w.at(at)) : "";
      w.leaf(FieldId::MpReachNextHop, at, 16, summary);
      break;
    case 32:
      summary =
          w.has_tree() ? text::ipv6(w.at(at)) + ", link-local " + text::ipv6(w.at(at + 16)) : "";
      w.leaf(FieldId::MpReachNextHop, at, 16, [&] { return text::ipv6(w.at(at)); });
      w.leaf(FieldId::MpReachNextHopLinkLocal, at + 16, 16,
             [&] { return text::ipv6(w.at(at + 16)); });
      break;
    case 12:
      rd_leaf(w, at);
      summary = w.has_tree() ? text::ipv4(w.at(at + 8)) : "";
      w.leaf(FieldId::MpReachNextHop, at + 8, 4, summary);
      break;
    case 24:
      rd_leaf(w, at);
      summary = w.has_tree() ? text::ipv6(w.at(at + 8)) : "";
      w.leaf(FieldId::MpReachNextHop, at + 8, 16, summary);
      break;
    case 48:
      rd_leaf(w, at);
      w.leaf(FieldId::MpReachNextHop, at + 8, 16, [&] { return text::ipv6(w.at(at + 8)); });
      rd_leaf(w, at + 24);
      w.leaf(FieldId::MpReachNextHopLinkLocal, at + 32, 16,
             [&] { return text::ipv6(w.at(at + 32)); });
      summary = w.has_tree()
                    ? text::ipv6(w.at(at + 8)) + ", link-local " + text::ipv6(w.at(at + 32))
                    : "";
      break;
    default:
      if (len > 0) {
        w.leaf(FieldId::MpReachNextHop, at, len,
               [&] { return text::hex_spaced(w.slice(at, len)); });
      }
      summary = std::string("(").append(text::byte_count(len)).append(")");
      break;
  }
  return summary;
}

// RFC 8950 §3-4: IPv4 unicast, multicast, labeled unicast and VPN NLRI (SAFI 1, 2, 4, 128,
// 129) may have an IPv6 next hop only where the Extended Next Hop capability was exchanged for
// the family. Other IPv4 families (MUP, FlowSpec, ...) define their own next hops.
void check_extended_next_hop(Walk& w, Family f, std::uint32_t length_at, std::uint32_t nh_len) {
  const bool ipv6_form = nh_len == 16 || nh_len == 32 || nh_len == 24 || nh_len == 48;
  const bool rfc8950_family =
      f.safi == 1 || f.safi == 2 || f.safi == 4 || f.safi == 128 || f.safi == 129;
  if (f.afi != afi::kIpv4 || !ipv6_form || !rfc8950_family) return;
  const PeerContext& ctx = w.context();
  if (ctx.has_extended_next_hop(f, afi::kIpv6)) return;
  const std::string what = "an IPv6 next hop for " + names::family_short(f) +
                           " NLRI needs Extended Next Hop (RFC 8950 §4)";
  if (ctx.extended_next_hop_from == Provenance::Heuristic) {
    w.note(length_at, 1 + nh_len, what + "; the OPENs are not in the capture, so it is assumed");
  } else {
    w.warning(length_at, 1 + nh_len,
              what + ", which the session did not negotiate for this family (" +
                  ctx.source_text(ctx.extended_next_hop_from) + ")");
  }
}

// RFC 6396 §4.3.4: in an MRT RIB entry, MP_REACH_NLRI keeps only Next Hop Length and Next
// Hop; the family is the RIB record's and the prefix is in the record header. Some collectors
// (RIPE RIS, RouteViews, Quagga) write the attribute whole instead, so the abbreviated form
// is taken only when the first octet is the length of the rest.
bool decode_mrt_abbreviated_mp_reach(Walk& w, const AttributeView& a, const UpdateState& state) {
  const std::uint32_t v = a.value_offset;
  if (!state.mrt_rib_family || a.value_length == 0 || w.u8(v) != a.value_length - 1) return false;
  const std::uint32_t nh_len = w.u8(v);
  w.leaf_uint(FieldId::MpReachNextHopLength, v, 1, nh_len);
  const std::string nh = decode_next_hop(w, v + 1, nh_len);
  w.note(v, a.value_length,
         "MRT RIB entry: MP_REACH_NLRI shortened to next hop length and next hop (RFC 6396 "
         "§4.3.4); the family is the RIB record's (" +
             names::family_short(*state.mrt_rib_family) + ")");
  attr_summary(w, a,
               [&] { return names::family_short(*state.mrt_rib_family) + ", next hop " + nh; });
  return true;
}

}  // namespace

// RFC 4760 §3: AFI (2), SAFI (1), Next Hop Length (1), Next Hop, Reserved (1), NLRI.
void decode_attr_mp_reach(Walk& w, const AttributeView& a, UpdateState& state) {
  const std::uint32_t v = a.value_offset;
  const std::uint32_t end = v + a.value_length;
  if (decode_mrt_abbreviated_mp_reach(w, a, state)) return;
  if (state.mrt_rib_family) {
    w.note(v, a.value_length,
           "MRT RIB entry: MP_REACH_NLRI written whole, though RFC 6396 §4.3.4 keeps only the "
           "next hop; its NLRI, as the collector received them, are not this entry's routes: "
           "the entry's prefix is the record's");
  }
  if (a.value_length < 5) {
    attr_length_error(w, a, "at least 5");
    return;
  }
  const Family f{w.u16(v), w.u8(v + 2)};
  const std::uint32_t nh_len = w.u8(v + 3);
  w.leaf(FieldId::MpReachAfi, v, 2, [&] { return names::with_number(names::afi(f.afi), f.afi); });
  w.leaf(FieldId::MpReachSafi, v + 2, 1,
         [&] { return names::with_number(names::safi(f.safi), f.safi); });
  w.leaf_uint(FieldId::MpReachNextHopLength, v + 3, 1, nh_len);
  if (nh_len > a.value_length - 5) {
    // RFC 7606 §7.11: the NLRI cannot be located, so the session is reset.
    w.error(v + 3, a.value_length - 4,
            "next hop length " + std::to_string(nh_len) + " exceeds the " +
                std::to_string(a.value_length - 5) +
                " bytes left before the reserved byte (NOTIFICATION 3/9 Optional Attribute Error)",
            Treatment::SessionReset);
    return;
  }
  const std::string nh = decode_next_hop(w, v + 4, nh_len);
  check_extended_next_hop(w, f, v + 3, nh_len);
  const std::uint32_t reserved = v + 4 + nh_len;
  w.leaf_uint(FieldId::MpReachReserved, reserved, 1, w.u8(reserved));
  const std::uint32_t nlri = reserved + 1;
  const std::uint32_t before = w.out().update.announced;
  if (nlri < end) {
    const std::uint32_t node = w.open(FieldId::MpReachNlri, nlri, end - nlri);
    decode_nlri_block(
        w, NlriBlock{f, NlriAction::Announce, nlri, end - nlri, Treatment::AfiSafiDisable}, state);
    w.set_value(node, [&] {
      const std::uint32_t n = w.out().update.announced - before;
      return std::to_string(n) + (n == 1 ? " route" : " routes");
    });
    w.close();
    state.mp_reach_nlri = true;
  }
  const std::uint32_t routes = w.out().update.announced - before;
  attr_summary(w, a, [&] {
    return names::family_short(f) + ", next hop " + nh + ", " + std::to_string(routes) +
           (routes == 1 ? " route" : " routes");
  });
}

// RFC 4760 §4: AFI (2), SAFI (1), Withdrawn Routes.
void decode_attr_mp_unreach(Walk& w, const AttributeView& a, UpdateState& state) {
  const std::uint32_t v = a.value_offset;
  if (a.value_length < 3) {
    attr_length_error(w, a, "at least 3");
    return;
  }
  const Family f{w.u16(v), w.u8(v + 2)};
  w.leaf(FieldId::MpUnreachAfi, v, 2, [&] { return names::with_number(names::afi(f.afi), f.afi); });
  w.leaf(FieldId::MpUnreachSafi, v + 2, 1,
         [&] { return names::with_number(names::safi(f.safi), f.safi); });
  state.mp_unreach = true;
  const std::uint32_t before = w.out().update.withdrawn;
  if (a.value_length > 3) {
    const std::uint32_t node = w.open(FieldId::MpUnreachWithdrawn, v + 3, a.value_length - 3);
    decode_nlri_block(
        w, NlriBlock{f, NlriAction::Withdraw, v + 3, a.value_length - 3, Treatment::AfiSafiDisable},
        state);
    w.set_value(node, [&] {
      const std::uint32_t n = w.out().update.withdrawn - before;
      return std::to_string(n) + (n == 1 ? " route" : " routes");
    });
    w.close();
  }
  const std::uint32_t routes = w.out().update.withdrawn - before;
  state.mp_unreach_routes += routes;
  if (a.value_length == 3) w.out().update.add_family(f);  // an End-of-RIB marker names its family
  attr_summary(w, a, [&] {
    return names::family_short(f) + ", " + std::to_string(routes) +
           (routes == 1 ? " route" : " routes") + " withdrawn";
  });
}

}  // namespace bgplens

// TABLE_DUMP (RFC 6396 §4.2) and TABLE_DUMP_V2 (RFC 6396 §4.3, RFC 6397, RFC 8050 §4) records.
#include <bit>
#include <cstring>

#include "bgp/body_decoders.h"
#include "bgp/names/names.h"
#include "bgp/nlri/family_table.h"
#include "mrt/mrt_decoder_parts.h"
#include "mrt/mrt_format.h"
#include "mrt/mrt_layout.h"
#include "util/text.h"

namespace bgplens::mrt_parts {
namespace {

std::string float_text(std::uint32_t bits) {
  const float f = std::bit_cast<float>(bits);
  if (f != f) return "not given (NaN)";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(f));
  return buf;
}

// One TABLE_DUMP entry at `at` (RFC 6396 §4.2): prefix, prefix length, status, originated
// time, peer address, peer AS, attribute length, attributes. Returns where the next starts,
// or 0 when the entry does not fit. `selected` entries are decoded in full.
std::uint32_t td1_entry(Walk& w, const RecordSpan& r, std::uint32_t at, bool selected) {
  const std::uint32_t a = r.header.subtype == mrt::td1::kAfiIpv6 ? 16 : 4;
  const std::uint32_t fixed = mrt::td1_entry_fixed(r.header.subtype);
  if (!need(w, r, at, fixed, "a TABLE_DUMP entry")) return 0;
  const std::uint32_t attr_len = w.u16(at + fixed - 2);
  const std::uint32_t end = at + fixed + attr_len;
  const std::uint8_t plen = w.u8(at + a);
  const Family family{static_cast<std::uint16_t>(a == 16 ? 2 : 1), 1};
  auto prefix = [&] { return text::prefix(w.slice(at, a), a, plen); };
  if (!selected) {
    w.leaf(FieldId::MrtTd1Entry, at, std::min(end, r.end) - at, [&] {
      return text::cat(prefix(), " from ",
                       a == 4 ? text::ipv4(w.at(at + a + 6)) : text::ipv6(w.at(at + a + 6)));
    });
    return end <= r.end ? end : 0;
  }
  const std::uint32_t node = w.open(FieldId::MrtTd1Entry, at, std::min(end, r.end) - at);
  w.leaf(FieldId::MrtTd1Prefix, at, a, prefix);
  if (plen > a * 8) {
    w.error(at + a, 1,
            text::cat("prefix length ", std::to_string(plen), " exceeds ", std::to_string(a * 8),
                      " bits"));
  }
  w.leaf_uint(FieldId::MrtTd1PrefixLength, at + a, 1, plen);
  w.leaf_uint(FieldId::MrtTd1Status, at + a + 1, 1, w.u8(at + a + 1));
  w.leaf(FieldId::MrtTd1Originated, at + a + 2, 4, [&] { return seconds_text(w.u32(at + a + 2)); });
  // RFC 6396 §4.2: the peer address field is as wide as the subtype's AFI. OpenBGPD writes
  // IPv4 peers of AFI_IPv6 entries into its first 4 octets; it is shown as the field says.
  const std::string peer = address_leaf(w, FieldId::MrtTd1PeerAddress, at + a + 6, a, true);
  const std::uint16_t peer_as = w.u16(at + 2 * a + 6);
  w.leaf_uint(FieldId::MrtTd1PeerAs, at + 2 * a + 6, 2, peer_as);
  w.leaf_uint(FieldId::MrtTd1AttributesLength, at + fixed - 2, 2, attr_len);
  std::uint32_t attr_end = end;
  if (end > r.end) {
    w.error(at + fixed - 2, 2,
            text::cat("attribute length ", std::to_string(attr_len), " exceeds the ",
                      bytes_left(r.end - at - fixed), " in the record"));
    attr_end = r.end;
  }
  rib_attributes(w, at + fixed, attr_end, false, family);
  add_rib_prefix(w, family, at, a, at, plen, a, std::nullopt);
  std::string path = as_path_text(w, at + fixed, attr_end, false);
  w.out().row_summary =
      text::cat(text::prefix(w.slice(at, a), a, plen), "  path ", path.empty() ? "(empty)" : path);
  w.set_value(node,
              [&] { return text::cat(prefix(), " from ", peer, " AS ", std::to_string(peer_as)); });
  w.close();
  return end <= r.end ? end : 0;
}

void peer_index_table(Walk& w, const RecordSpan& r) {
  std::uint32_t at = r.body;
  const std::uint32_t node = w.open(FieldId::MrtPeerIndexTable, at, r.end - at);
  std::string summary = "PEER_INDEX_TABLE";
  if (need(w, r, at, 6, "the collector BGP ID and view name length")) {
    address_leaf(w, FieldId::MrtCollectorId, at, 4);
    const std::uint16_t name_len = w.u16(at + 4);
    w.leaf_uint(FieldId::MrtViewNameLength, at + 4, 2, name_len);
    at += 6;
    if (need(w, r, at, name_len, "the view name")) {
      if (name_len) {
        w.leaf(FieldId::MrtViewName, at, name_len, [&] {
          return text::quoted(std::string_view(reinterpret_cast<const char*>(w.at(at)), name_len));
        });
      }
      at += name_len;
      if (need(w, r, at, 2, "the peer count")) {
        const std::uint16_t count = w.u16(at);
        w.leaf_uint(FieldId::MrtPeerCount, at, 2, count);
        at += 2;
        summary = text::cat("PEER_INDEX_TABLE: collector ", text::ipv4(w.at(r.body)), ", ",
                            std::to_string(count), count == 1 ? " peer" : " peers");
        for (std::uint32_t i = 0; i < count; ++i) {
          if (!need(w, r, at, 1, "a peer entry")) break;
          // RFC 6396 §4.3.1: bit 0 of the peer type says IPv6, bit 1 says 4-octet AS.
          const std::uint8_t type = w.u8(at);
          const std::uint32_t a = (type & 1) ? 16 : 4;
          const std::uint32_t as = (type & 2) ? 4 : 2;
          if (!need(w, r, at, 1 + 4 + a + as, "a peer entry")) break;
          NodeScope peer(w, FieldId::MrtPeer, at, 1 + 4 + a + as);
          w.leaf(FieldId::MrtPeerType, at, 1, [&] {
            return text::cat((type & 1) ? "IPv6" : "IPv4", ", ", (type & 2) ? "4" : "2",
                             "-octet AS");
          });
          address_leaf(w, FieldId::MrtPeerBgpId, at + 1, 4);
          const std::string address = address_leaf(w, FieldId::MrtPeerAddress, at + 5, a);
          const std::uint32_t asn = as == 4 ? w.u32(at + 5 + a) : w.u16(at + 5 + a);
          w.leaf_uint(FieldId::MrtPeerAs, at + 5 + a, as, asn);
          w.set_value(peer.node(), [&] {
            return text::cat("#", std::to_string(i), " ", address, " AS ", std::to_string(asn));
          });
          at += 1 + 4 + a + as;
        }
        if (at < r.end) report_trailing(w, at, r.end, "the peer entries");
      }
    }
  }
  w.set_value(node, summary);
  w.close();
  w.out().row_summary = std::move(summary);
}

// RFC 6397: the collector's and each peer's location; peers as in the PEER_INDEX_TABLE.
void geo_peer_table(Walk& w, const RecordSpan& r) {
  std::uint32_t at = r.body;
  w.out().row_summary = "GEO_PEER_TABLE";
  if (!need(w, r, at, 6, "the collector BGP ID and view name length")) return;
  const std::uint16_t name_len = w.u16(at + 4);
  if (!need(w, r, at, 6 + name_len + 10, "the collector's location and the peer count")) return;
  {
    NodeScope c(w, FieldId::MrtGeoCollector, at, 6 + name_len + 8);
    address_leaf(w, FieldId::MrtCollectorId, at, 4);
    w.leaf_uint(FieldId::MrtViewNameLength, at + 4, 2, name_len);
    if (name_len) w.leaf(FieldId::MrtViewName, at + 6, name_len, text::byte_count(name_len));
    at += 6 + name_len;
    w.leaf(FieldId::MrtGeoLatitude, at, 4, [&] { return float_text(w.u32(at)); });
    w.leaf(FieldId::MrtGeoLongitude, at + 4, 4, [&] { return float_text(w.u32(at + 4)); });
    at += 8;
  }
  const std::uint16_t count = w.u16(at);
  w.leaf_uint(FieldId::MrtPeerCount, at, 2, count);
  at += 2;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!need(w, r, at, 1, "a peer entry")) return;
    const std::uint8_t type = w.u8(at);
    const std::uint32_t a = (type & 1) ? 16 : 4;
    const std::uint32_t as = (type & 2) ? 4 : 2;
    const std::uint32_t size = 1 + 4 + a + as + 8;
    if (!need(w, r, at, size, "a peer entry")) return;
    NodeScope p(w, FieldId::MrtGeoPeer, at, size);
    w.leaf_uint(FieldId::MrtPeerType, at, 1, type);
    address_leaf(w, FieldId::MrtPeerBgpId, at + 1, 4);
    address_leaf(w, FieldId::MrtPeerAddress, at + 5, a);
    w.leaf_uint(FieldId::MrtPeerAs, at + 5 + a, as,
                as == 4 ? w.u32(at + 5 + a) : w.u16(at + 5 + a));
    const std::uint32_t g = at + 5 + a + as;
    w.leaf(FieldId::MrtGeoLatitude, g, 4, [&] { return float_text(w.u32(g)); });
    w.leaf(FieldId::MrtGeoLongitude, g + 4, 4, [&] { return float_text(w.u32(g + 4)); });
    at += size;
  }
  w.out().row_summary = text::cat("GEO_PEER_TABLE: ", std::to_string(count), " peers");
}

// The single NLRI of a RIB_GENERIC record (RFC 6396 §4.3.3), encoded as in MP_REACH_NLRI
// (RFC 4760 §3), decoded by the family's NLRI decoder: it is the route of every entry of the
// record. (RFC 8050 §4: in RIB_GENERIC_ADDPATH the path identifier is in the entry, not in the
// NLRI.) Returns the route's text for the row.
std::string generic_nlri(Walk& w, Family family, std::uint32_t at, std::uint32_t n) {
  NodeScope node(w, FieldId::MrtRibNlri, at, n);
  const NlriBlock block{family, NlriAction::Announce, at, n};
  auto decode = [&](Walk& walk) {
    UpdateState state;
    state.as4 = true;
    state.as4_from = Provenance::MrtRecord;
    const std::size_t before = walk.out().nlri.size();
    decode_nlri_block(walk, block, state);
    const std::vector<NlriEntry>& nlri = walk.out().nlri;
    return nlri.size() > before ? nlri[before].text : std::string();
  };
  std::string route = decode(w);
  if (!w.wants_text()) {
    // The list line needs the route's text, which this depth does not make: the NLRI alone
    // is decoded again, with it.
    DecodedMessage side;
    Walk detail(w.bytes(), w.context(), Depth::Detail, side, nullptr);
    route = decode(detail);
  }
  if (route.empty())
    return text::cat(names::family_short(family), " NLRI ", text::hex(w.slice(at, n), 24));
  w.set_value(node.node(), route);
  return text::cat(names::family_short(family), " ", route);
}

void rib_record(Walk& w, const RecordSpan& r, const MrtRow& row) {
  const std::uint16_t s = r.header.subtype;
  const bool generic = mrt::td2_generic(s);
  const bool add_path = mrt::td2_add_path(s);
  std::uint32_t at = r.body;
  if (!need(w, r, at, 4, "the sequence number")) return;
  w.leaf_uint(FieldId::MrtRibSequence, at, 4, w.u32(at));
  at += 4;
  Family family{mrt::td2_afi(s), mrt::td2_safi(s)};
  std::uint32_t prefix_at = at;
  std::uint8_t plen = 0;
  std::uint32_t address_size = family.afi == 2 ? 16 : 4;
  std::string prefix;
  if (generic) {
    if (!need(w, r, at, 3, "the AFI and SAFI")) return;
    family = Family{w.u16(at), w.u8(at + 2)};
    w.leaf(FieldId::MrtRibAfi, at, 2,
           [&] { return names::with_number(names::afi(family.afi), family.afi); });
    w.leaf(FieldId::MrtRibSafi, at + 2, 1,
           [&] { return names::with_number(names::safi(family.safi), family.safi); });
    at += 3;
    const std::uint32_t n = mrt::generic_nlri_length(w.slice(at, r.end - at), family);
    if (!need(w, r, at, n, "the NLRI")) return;
    prefix = generic_nlri(w, family, at, n);
    at += n;
  } else {
    if (!need(w, r, at, 1, "the prefix length")) return;
    plen = w.u8(at);
    const std::uint32_t bytes = (plen + 7u) / 8u;
    w.leaf_uint(FieldId::MrtRibPrefixLength, at, 1, plen);
    if (plen > address_size * 8) {
      w.error(at, 1,
              text::cat("prefix length ", std::to_string(plen), " exceeds ",
                        std::to_string(address_size * 8), " bits"));
      return;
    }
    if (!need(w, r, at + 1, bytes, "the prefix")) return;
    prefix = text::prefix(w.slice(at + 1, bytes), address_size, plen);
    w.leaf(FieldId::MrtRibPrefix, at + 1, bytes, prefix);
    at += 1 + bytes;
  }
  if (!need(w, r, at, 2, "the entry count")) return;
  const std::uint16_t count = w.u16(at);
  w.leaf_uint(FieldId::MrtRibEntryCount, at, 2, count);
  at += 2;
  w.out().row_summary =
      text::cat(prefix, ": ", std::to_string(count), count == 1 ? " entry" : " entries");
  const std::uint32_t head = 2 + 4 + (add_path ? 4 : 0) + 2;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!need(w, r, at, head, "a RIB entry")) return;
    const std::uint16_t peer = w.u16(at);
    const std::uint32_t attr_len = w.u16(at + head - 2);
    const std::uint32_t end = at + head + attr_len;
    const std::uint32_t held_end = std::min(end, r.end);
    if (at != row.entry_offset) {
      w.leaf(FieldId::MrtRibEntry, at, held_end - at, [&] {
        return text::cat("#", std::to_string(i), " peer index ", std::to_string(peer), ", ",
                         text::byte_count(attr_len), " of attributes");
      });
    } else {
      NodeScope e(w, FieldId::MrtRibEntry, at, held_end - at);
      w.leaf(FieldId::MrtRibEntryPeerIndex, at, 2, [&] {
        return row.peer_text.empty() ? std::to_string(peer) + " (not in the peer index table)"
                                     : text::cat(std::to_string(peer), ": ", row.peer_text);
      });
      if (row.peer_text.empty()) {
        w.error(at, 2,
                "peer index " + std::to_string(peer) +
                    " names no peer: no PEER_INDEX_TABLE before this record lists it");
      }
      w.leaf(FieldId::MrtRibEntryOriginated, at + 2, 4,
             [&] { return seconds_text(w.u32(at + 2)); });
      std::optional<std::uint32_t> path_id;
      if (add_path) {
        path_id = w.u32(at + 6);
        w.leaf_uint(FieldId::MrtRibEntryPathId, at + 6, 4, *path_id);
      }
      w.leaf_uint(FieldId::MrtRibEntryAttributesLength, at + head - 2, 2, attr_len);
      if (end > r.end) {
        w.error(at + head - 2, 2,
                text::cat("attribute length ", std::to_string(attr_len), " exceeds the ",
                          bytes_left(r.end - at - head), " in the record"));
      }
      rib_attributes(w, at + head, held_end, true, family);
      if (!generic) {
        add_rib_prefix(w, family, prefix_at, 1 + (plen + 7u) / 8u, prefix_at + 1, plen,
                       address_size, path_id);
      }
      std::string path = as_path_text(w, at + head, held_end, true);
      w.out().row_summary =
          text::cat(prefix, path_id ? " path id " + std::to_string(*path_id) : std::string(),
                    "  path ", path.empty() ? "(empty)" : path);
      w.set_value(e.node(), [&] {
        return text::cat(row.peer_text.empty() ? "peer index " + std::to_string(peer)
                                               : std::string(row.peer_text),
                         path.empty() ? "" : ": ", path);
      });
    }
    if (end > r.end) return;
    at = end;
  }
  if (at < r.end) report_trailing(w, at, r.end, "the RIB entries");
}

}  // namespace

void decode_table_dump(Walk& w, const RecordSpan& r, const MrtRow& row) {
  std::uint32_t at = r.body;
  if (!need(w, r, at, 4, "the view and sequence numbers")) return;
  w.leaf_uint(FieldId::MrtTd1View, at, 2, w.u16(at));
  w.leaf_uint(FieldId::MrtTd1Sequence, at + 2, 2, w.u16(at + 2));
  at += 4;
  // A row is one entry; a bulk record (mrt_record.h) has several, each a row of its own.
  const std::uint32_t selected = row.entry_offset ? row.entry_offset : at;
  while (at < r.end) {
    const std::uint32_t next = td1_entry(w, r, at, at == selected);
    if (next == 0) break;
    at = next;
  }
}

void decode_table_dump_v2(Walk& w, const RecordSpan& r, const MrtRow& row) {
  const std::uint16_t s = r.header.subtype;
  if (s == mrt::td2::kPeerIndexTable) {
    peer_index_table(w, r);
  } else if (s == mrt::td2::kGeoPeerTable) {
    geo_peer_table(w, r);
  } else if (mrt::td2_is_rib(s)) {
    const std::uint32_t node = w.open(FieldId::MrtRib, r.body, r.end - r.body);
    rib_record(w, r, row);
    w.close();
    (void)node;
  } else {
    if (r.body < r.end)
      w.leaf(FieldId::MrtBody, r.body, r.end - r.body, text::byte_count(r.end - r.body));
    w.out().row_summary = text::cat("TABLE_DUMP_V2 subtype ", std::to_string(s), " not decoded");
  }
}

}  // namespace bgplens::mrt_parts

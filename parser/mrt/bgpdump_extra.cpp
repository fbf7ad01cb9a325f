// The lines BGP Lens prints where bgpdump prints none, in bgpdump's line shape (see
// bgpdump_lines.h): MP families other than IPv4/IPv6 SAFI 1–3 in UPDATEs, RIB_GENERIC
// records and BGP4MP_ENTRY records.
#include "bgp/common/route_distinguisher.h"
#include "mrt/bgpdump_lines.h"
#include "mrt/mrt_format.h"
#include "util/text.h"

namespace bgplens::mrt {

using bgpdump::NextHopKind;
using bgpdump::put;
using bgpdump::put_ipv4;
using bgpdump::put_ipv6;
using bgpdump::put_u32;
using bgpdump::Reader;

namespace {

// SAFIs whose NLRI BGP Lens prints: unicast, multicast, both (RFC 4760), labeled unicast (RFC
// 8277) and the two VPN ones (RFC 4364 §4.3.4, RFC 4659 §3.2; 129 is their multicast
// counterpart, RFC 6513 §4).
bool printable_family(std::uint16_t afi, std::uint8_t safi) {
  if (afi != 1 && afi != 2) return false;
  return (safi >= 1 && safi <= 4) || safi == 128 || safi == 129;
}

std::string family_text(std::uint16_t afi, std::uint8_t safi) {
  return text::cat("AFI ", std::to_string(afi), " SAFI ", std::to_string(safi));
}

// One NLRI of `afi`/`safi` from `r`, written at `p` (room for 160 characters): "prefix/len",
// "RD:prefix/len" for VPN families. Labels (RFC 8277 §2: three octets each, the last with the
// bottom-of-stack bit; a withdrawal has one three-octet field instead, §2.4) are read and not
// printed: the line has no field for them. nullptr when the NLRI is cut short.
char* put_family_prefix(char* p, Reader& r, std::uint16_t afi, std::uint8_t safi, bool withdrawal) {
  unsigned bits = r.u8();
  const std::uint32_t bytes = (bits + 7) / 8;
  if (r.left() < bytes) {
    r.skip(r.left());
    return nullptr;
  }
  Reader n = r.sub(bytes);
  if (safi == 4 || safi == 128 || safi == 129) {
    std::uint8_t label[3];
    do {
      if (bits < 24) return nullptr;
      n.get(label, 3);
      bits -= 24;
    } while (!withdrawal && !(label[2] & 1) && bits >= 24);
    if (safi != 4) {
      if (bits < 64) return nullptr;
      const std::string rd = rd_text(n.here());
      n.skip(8);
      bits -= 64;
      p = put(p, rd);
      *p++ = ':';
    }
  }
  std::uint8_t address[16] = {};
  n.get(address, std::min<std::uint32_t>(n.left(), 16));
  p = afi == 2 ? put_ipv6(p, address) : put_ipv4(p, address);
  *p++ = '/';
  return put_u32(p, bits);
}

// A next hop by its length (RFC 4760 §3, RFC 4364 §4.3.2, RFC 4659 §3.2.1.1): IPv4, IPv6 with
// or without a link-local address, and the same after an 8-octet RD of zeros for VPN
// families. The link-local address is not printed, as in bgpdump. Written at `out` (room for
// 48 characters); other lengths print nothing.
char* put_next_hop(char* out, const std::uint8_t* nh, std::size_t length) {
  switch (length) {
    case 4:
      return put_ipv4(out, nh);
    case 12:
      return put_ipv4(out, nh + 8);
    case 16:
    case 32:
      return put_ipv6(out, nh);
    case 24:
    case 48:
      return put_ipv6(out, nh + 8);
    default:
      return out;
  }
}

// The next hop of a RIB entry's MP_REACH_NLRI, in either form: RFC 6396 §4.3.4's (length and
// next hop only, which OpenBGPD writes) or the full attribute (RIPE, RouteViews, Quagga): the
// first octet is the length of the rest in the short form.
char* put_rib_next_hop(char* out, Reader v) {
  if (v.peek() + 1u != v.left()) v.skip(3);  // the full form: AFI, SAFI first
  const std::uint8_t length = v.u8();
  std::uint8_t nh[48] = {};
  v.get(nh, std::min<std::uint32_t>(length, sizeof nh));
  return put_next_hop(out, nh, length);
}

}  // namespace

void BgpdumpLines::other_families(bool reach, bool add_path, std::string& out) {
  for (int i = 0; i < attrs_.other_count; ++i) {
    const bgpdump::OtherFamily& f = attrs_.other[i];
    if (f.reach != reach) continue;
    if (!printable_family(f.afi, f.safi)) {
      note(
          Note::UnprintedFamily, offset_,
          text::cat(reach ? "MP_REACH_NLRI" : "MP_UNREACH_NLRI", " of ", family_text(f.afi, f.safi),
                    ": BGP Lens has no bgpdump-style line for this family (bgpdump skips it)"));
      continue;
    }
    Reader r = f.body;
    std::string_view after = "\n";
    if (reach) {
      const std::uint8_t length = r.u8();
      std::uint8_t nh[48] = {};
      r.get(nh, std::min<std::uint32_t>(length, sizeof nh));
      if (length > sizeof nh) r.skip(length - sizeof nh);
      r.skip(1);  // reserved (RFC 4760 §3)
      char nh_text[64];
      char* e = put_next_hop(nh_text, nh, length);
      tail_.assign(1, '|');
      formatter_.tail(attrs_, NextHopKind::Given, nullptr,
                      std::string_view(nh_text, static_cast<std::size_t>(e - nh_text)), tail_);
      after = tail_;
    }
    while (!r.empty()) {
      const std::uint32_t path_id = add_path ? r.u32() : 0;  // RFC 7911 §3
      char prefix[160];
      char* e = put_family_prefix(prefix, r, f.afi, f.safi, !reach);
      if (!e) break;
      text_line(out, peer_, std::string_view(prefix, static_cast<std::size_t>(e - prefix)),
                add_path, path_id, after);
    }
  }
}

// RFC 6396 §4.3.3 (RIB_GENERIC) and RFC 8050 §4 (RIB_GENERIC_ADDPATH): one NLRI of any family
// and its RIB entries.
void BgpdumpLines::rib_generic(const Piece& piece, Reader s, bool add_path, std::string& out) {
  const RecordHeader& h = piece.header;
  s.skip(4);  // sequence number
  const std::uint16_t afi = s.u16();
  const std::uint8_t safi = s.u8();
  if (!printable_family(afi, safi)) {
    note(Note::UnprintedFamily, piece.offset,
         text::cat("RIB_GENERIC of ", family_text(afi, safi),
                   ": BGP Lens has no bgpdump-style line for this family (bgpdump skips "
                   "RIB_GENERIC records)"));
    return;
  }
  char prefix[160];
  char* end = put_family_prefix(prefix, s, afi, safi, false);
  if (!end) return;
  const std::string_view prefix_text(prefix, static_cast<std::size_t>(end - prefix));
  const std::uint16_t entries = s.u16();
  start_head(add_path ? "TABLE_DUMP2_AP" : "TABLE_DUMP2", h, "B");
  for (std::uint16_t i = 0; i < entries; ++i) {
    const std::uint16_t index = s.u16();
    s.skip(4);  // originated time
    const std::uint32_t path_id = add_path ? s.u32() : 0;
    formatter_.parse(s, 4, attrs_);
    const std::string_view peer =
        index < peers_.size() ? std::string_view(peers_[index].text, peers_[index].size) : "||";
    char nh[64];
    char* e = attrs_.has(14) ? put_rib_next_hop(nh, attrs_.mp_reach_value)
                             : put_ipv4(nh, attrs_.next_hop);
    text_line(out, peer, prefix_text, add_path, path_id, "|");
    formatter_.tail(attrs_, NextHopKind::Given, nullptr,
                    std::string_view(nh, static_cast<std::size_t>(e - nh)), out);
  }
}

// BGP4MP_ENTRY (subtype 2), from the MRT drafts before RFC 6396 and still written by OpenBGPD
// (its mrt.c): the BGP4MP header (2-octet ASNs), then view, status, originated time, AFI,
// SAFI, next hop length and next hop, one prefix and the attributes. Printed like a RIB entry.
void BgpdumpLines::bgp4mp_entry(const Piece& piece, Reader s, std::string& out) {
  const RecordHeader& h = piece.header;
  const std::uint16_t peer_as = s.u16();
  s.skip(2 + 2);  // local AS, interface index
  const std::uint16_t afi = s.u16();
  if (afi != 1 && afi != 2) {
    note(Note::UnsupportedAfi, piece.offset,
         text::cat(record_name(h), " with address family ", std::to_string(afi), ": not printed"));
    return;
  }
  std::uint8_t peer[16] = {};
  s.get(peer, afi == 2 ? 16 : 4);
  s.skip(afi == 2 ? 16 : 4);  // local address
  s.skip(2 + 2 + 4);          // view, status, originated time
  const std::uint16_t prefix_afi = s.u16();
  const std::uint8_t safi = s.u8();
  const std::uint8_t nh_length = s.u8();
  std::uint8_t nh[48] = {};
  s.get(nh, std::min<std::uint32_t>(nh_length, sizeof nh));
  if (nh_length > sizeof nh) s.skip(nh_length - sizeof nh);
  if (!printable_family(prefix_afi, safi)) {
    note(Note::UnprintedFamily, piece.offset,
         text::cat("BGP4MP_ENTRY of ", family_text(prefix_afi, safi),
                   ": BGP Lens has no bgpdump-style line for this family"));
    return;
  }
  char prefix[160];
  char* end = put_family_prefix(prefix, s, prefix_afi, safi, false);
  if (!end) return;
  formatter_.parse(s, 2, attrs_);
  char peer_buf[64];
  char* p = bgpdump::put_peer(peer_buf, afi == 2, peer, peer_as);
  char nh_text[64];
  char* e = put_next_hop(nh_text, nh, nh_length);
  start_head("BGP4MP_ENTRY", h, "B");
  text_line(out, std::string_view(peer_buf, static_cast<std::size_t>(p - peer_buf)),
            std::string_view(prefix, static_cast<std::size_t>(end - prefix)), false, 0, "|");
  formatter_.tail(attrs_, NextHopKind::Given, nullptr,
                  std::string_view(nh_text, static_cast<std::size_t>(e - nh_text)), out);
}

}  // namespace bgplens::mrt

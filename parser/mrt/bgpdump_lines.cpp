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

constexpr std::uint8_t kBgpUpdate = 2;  // RFC 4271 §4.1
constexpr std::uint16_t kAfiIpv4 = 1;   // IANA address family numbers
constexpr std::uint16_t kAfiIpv6 = 2;

// The BGP4MP subtypes holding a BGP message: RFC 6396 §4.4.2–4.4.4, §4.4.6–4.4.7 and RFC 8050
// §3 (8–11). Written out here because mrt_format.h's bgp4mp_is_message() leaves out 10 and 11
// (MESSAGE_LOCAL_ADDPATH, MESSAGE_AS4_LOCAL_ADDPATH).
bool holds_message(std::uint16_t s) {
  return s == bgp4mp::kMessage || s == bgp4mp::kMessageAs4 || s == bgp4mp::kMessageLocal ||
         s == bgp4mp::kMessageAs4Local || bgp4mp_add_path(s);
}

}  // namespace

std::string BgpdumpLines::record_name(const RecordHeader& h) {
  const std::string_view t = type_name(h.type);
  const std::string_view s = subtype_name(h.type, h.subtype);
  return text::cat(t.empty() ? "type " + std::to_string(h.type) : std::string(t), " ",
                   s.empty() ? "subtype " + std::to_string(h.subtype) : std::string(s));
}

BgpdumpLines::BgpdumpLines() {
  head_.reserve(128);
  peer_.reserve(64);
  tail_.reserve(1024);
}

void BgpdumpLines::note(Note kind, std::uint64_t offset, std::string detail) {
  NoteCount& n = note_counts_[static_cast<int>(kind)];
  if (n.count++ == 0) {
    n.first_offset = offset;
    n.first_detail = std::move(detail);
  }
  ++counts_.noted;
}

std::vector<std::string> BgpdumpLines::take_notes() {
  std::vector<std::string> out;
  out.swap(notes_);
  return out;
}

std::vector<std::string> BgpdumpLines::summary() const {
  std::vector<std::string> out;
  for (const NoteCount& n : note_counts_) {
    if (n.count == 0) continue;
    out.push_back(text::cat(std::to_string(n.count), n.count == 1 ? " record" : " records",
                            " like the one at byte ", std::to_string(n.first_offset), ": ",
                            n.first_detail));
  }
  return out;
}

void BgpdumpLines::start_head(std::string_view type, const RecordHeader& h, std::string_view kind) {
  char buf[96];
  char* p = put(buf, type);
  *p++ = '|';
  p = put_u32(p, h.seconds);
  if (h.extended) {
    // printf's %06ld: at least six digits.
    char usec[12];
    char* e = put_u32(usec, h.microseconds);
    *p++ = '.';
    for (auto digits = e - usec; digits < 6; ++digits)
      *p++ = '0';
    p = put(p, usec, static_cast<std::size_t>(e - usec));
  }
  *p++ = '|';
  p = put(p, kind);
  *p++ = '|';
  head_.assign(buf, p);
}

void BgpdumpLines::prefix_line(std::string& out, std::string_view peer, bool ipv6,
                               const std::uint8_t* address, unsigned length, bool add_path,
                               std::uint32_t path_id, std::string_view after) {
  const std::size_t start = out.size();
  out.resize(start + head_.size() + peer.size() + after.size() + 96);
  char* p = put(put(out.data() + start, head_), peer);
  p = ipv6 ? put_ipv6(p, address) : put_ipv4(p, address);
  *p++ = '/';
  p = put_u32(p, length);
  if (add_path) {
    *p++ = '|';
    p = put_u32(p, path_id);
  }
  p = put(p, after);
  out.resize(static_cast<std::size_t>(p - out.data()));
  ++counts_.lines;
}

void BgpdumpLines::text_line(std::string& out, std::string_view peer, std::string_view prefix,
                             bool add_path, std::uint32_t path_id, std::string_view after) {
  const std::size_t start = out.size();
  out.resize(start + head_.size() + peer.size() + prefix.size() + after.size() + 16);
  char* p = put(put(put(out.data() + start, head_), peer), prefix);
  if (add_path) {
    *p++ = '|';
    p = put_u32(p, path_id);
  }
  p = put(p, after);
  out.resize(static_cast<std::size_t>(p - out.data()));
  ++counts_.lines;
}

void BgpdumpLines::add(const Piece& piece, Bytes bytes, std::string& out) {
  if (piece.kind == Piece::Kind::Damage) {
    ++counts_.damaged;
    counts_.damaged_bytes += piece.length;
    notes_.push_back(text::cat("bytes ", std::to_string(piece.offset), "–",
                               std::to_string(piece.offset + piece.length - 1), " (",
                               text::byte_count(piece.length), ") are damaged: ", piece.problem));
    return;
  }
  if (piece.kind != Piece::Kind::Record) return;
  if (piece.truncated) {
    // bgpdump, too, prints nothing for a record it cannot read whole.
    ++counts_.truncated;
    notes_.push_back(text::cat("bytes ", std::to_string(piece.offset), "–",
                               std::to_string(piece.offset + piece.length - 1), ": ",
                               record_name(piece.header), " record cut short: ", piece.problem));
    return;
  }
  ++counts_.records;
  offset_ = piece.offset;
  const RecordHeader& h = piece.header;
  Reader body(bytes.subspan(std::min<std::size_t>(h.header_length(), bytes.size())));
  switch (h.type) {
    case type::kTableDump:
      table_dump(piece, body, out);
      break;
    case type::kTableDumpV2:
      switch (h.subtype) {
        case td2::kPeerIndexTable:
          peer_index_table(body);
          break;
        case td2::kGeoPeerTable:
          break;  // RFC 6397: locations only, no routes
        case td2::kRibGeneric:
        case td2::kRibGenericAddPath:
          rib_generic(piece, body, td2_add_path(h.subtype), out);
          break;
        default:
          if (td2_is_rib(h.subtype))
            rib(piece, body, td2_afi(h.subtype), td2_add_path(h.subtype), out);
          break;
      }
      break;
    case type::kBgp4mp:
    case type::kBgp4mpEt:
      bgp4mp(piece, body, out);
      break;
    case type::kBgp:
      old_bgp(piece, body, out);
      break;
    default:
      note(Note::UnprintedRecordType, piece.offset,
           text::cat(record_name(h), ": bgpdump -m has no line for this record type"));
      break;
  }
}

// RFC 6396 §4.4.
void BgpdumpLines::bgp4mp(const Piece& piece, Reader s, std::string& out) {
  const std::uint16_t subtype = piece.header.subtype;
  if (bgp4mp_is_state_change(subtype)) return state_change(piece, s, out);
  if (holds_message(subtype)) return message(piece, s, out);
  if (subtype == bgp4mp::kEntry) return bgp4mp_entry(piece, s, out);
  note(Note::UnprintedRecordType, piece.offset,
       text::cat(record_name(piece.header), ": bgpdump -m has no line for this record type"));
}

// RFC 6396 §4.4.1 and §4.4.5.
void BgpdumpLines::state_change(const Piece& piece, Reader s, std::string& out) {
  const RecordHeader& h = piece.header;
  const int width = h.subtype == bgp4mp::kStateChangeAs4 ? 4 : 2;
  const std::uint32_t body = h.body_length();
  const std::uint32_t peer_as = s.asn(width);
  s.asn(width);  // local AS
  std::uint8_t peer[16] = {};
  bool ipv6 = false;
  // Zebra wrote 8-octet state changes (two ASNs and the states): bgpdump prints them with
  // peer 0.0.0.0.
  if (body != 8) {
    s.skip(2);  // interface index
    const std::uint16_t afi = s.u16();
    // bgpdump checks the length for the address family, not for the AS width.
    if ((afi == kAfiIpv4 && body != 20 && body != 24) ||
        (afi == kAfiIpv6 && body != 44 && body != 48)) {
      note(Note::StateChangeLength, piece.offset,
           text::cat(record_name(h), " of ", std::to_string(body),
                     " octets, which fits no address family: not printed (as in bgpdump)"));
      return;
    }
    if (afi != kAfiIpv4 && afi != kAfiIpv6) {
      note(Note::UnsupportedAfi, piece.offset,
           text::cat(record_name(h), " with address family ", std::to_string(afi),
                     ": not printed (as in bgpdump)"));
      return;
    }
    ipv6 = afi == kAfiIpv6;
    s.get(peer, ipv6 ? 16 : 4);
    s.skip(ipv6 ? 16 : 4);
  }
  const std::uint16_t old_state = s.u16();
  const std::uint16_t new_state = s.u16();
  start_head(h.extended ? "BGP4MP_ET" : "BGP4MP", h, "STATE");
  const std::size_t start = out.size();
  out.resize(start + head_.size() + 96);
  char* p = put(out.data() + start, head_);
  p = bgpdump::put_peer(p, ipv6, peer, peer_as);
  p = put_u32(p, old_state);
  *p++ = '|';
  p = put_u32(p, new_state);
  *p++ = '\n';
  out.resize(static_cast<std::size_t>(p - out.data()));
  ++counts_.lines;
}

// RFC 6396 §4.4.2–4.4.4 and §4.4.6–4.4.7, RFC 8050 §3.
void BgpdumpLines::message(const Piece& piece, Reader s, std::string& out) {
  const RecordHeader& h = piece.header;
  const std::uint16_t subtype = h.subtype;
  const int width = bgp4mp_as4(subtype) ? 4 : 2;
  const bool add_path = bgp4mp_add_path(subtype);
  const std::uint32_t as1 = s.asn(width);
  const std::uint32_t as2 = s.asn(width);
  const std::uint16_t ifindex = s.u16();
  std::uint16_t afi = s.u16();
  std::uint8_t ip1[16] = {};
  std::uint8_t ip2[16] = {};
  std::uint8_t marker[16];
  if (afi == kAfiIpv4 || afi == kAfiIpv6) {
    const std::uint32_t w = afi == kAfiIpv6 ? 16 : 4;
    s.get(ip1, w);
    s.get(ip2, w);
    s.get(marker, 16);
  } else if (afi == 0xFFFF && ifindex == 0xFFFF) {
    // Zebra left out the interface index, AFI and addresses of some messages: what was read
    // as them is the marker's first four octets. bgpdump prints such a peer as 0.0.0.0.
    std::memset(marker, 0xff, 4);
    s.get(marker + 4, 12);
    afi = kAfiIpv4;
  } else {
    note(Note::UnsupportedAfi, piece.offset,
         text::cat(record_name(h), " with address family ", std::to_string(afi),
                   ": not printed (as in bgpdump)"));
    return;
  }
  static constexpr std::uint8_t kMarker[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  if (std::memcmp(marker, kMarker, 16) != 0) {
    note(Note::BadMarker, piece.offset,
         text::cat(record_name(h),
                   ": the BGP message's marker is not all ones (RFC 4271 §4.1): not printed "
                   "(as in bgpdump)"));
    return;
  }
  // The message as its Length field says (RFC 4271 §4.1), or what the record holds of it.
  Reader msg = s.sub(static_cast<std::uint32_t>(s.u16() - 18u));
  const std::uint8_t type = msg.u8();
  if (type != kBgpUpdate) {
    if (type < 1 || (type > 5 && type != 128)) {
      note(Note::UnknownMessageType, piece.offset,
           text::cat(record_name(h), ": BGP message type ", std::to_string(type),
                     ": not printed (as in bgpdump)"));
    }
    return;  // OPEN, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH: no line
  }
  // bgpdump's line names: LOCAL for the subtypes of messages the collector sent, AP for
  // ADD-PATH ones. For LOCAL_ADDPATH subtypes it prints "AP" without "LOCAL" and the local
  // side's address and AS (it reads the two sides swapped, then prints them unswapped).
  const bool local = subtype == bgp4mp::kMessageLocal || subtype == bgp4mp::kMessageAs4Local;
  const bool local_add_path =
      subtype == bgp4mp::kMessageLocalAddPath || subtype == bgp4mp::kMessageAs4LocalAddPath;
  std::string_view name;
  if (h.extended) {
    name = local ? "BGP4MP_ET_LOCAL" : add_path ? "BGP4MP_ET_AP" : "BGP4MP_ET";
  } else {
    name = local ? "BGP4MP_LOCAL" : add_path ? "BGP4MP_AP" : "BGP4MP";
  }
  char peer_buf[64];
  char* end = local_add_path ? bgpdump::put_peer(peer_buf, afi == kAfiIpv6, ip2, as2)
                             : bgpdump::put_peer(peer_buf, afi == kAfiIpv6, ip1, as1);
  peer_.assign(peer_buf, end);
  start_head(name, h, "W");
  update(msg, width, add_path, out);
}

// The lines of one UPDATE (RFC 4271 §4.3, RFC 4760): every withdrawal, then every
// announcement, each family in bgpdump's order (IPv4 fields, then MP IPv4 SAFI 1–3, then MP
// IPv6 SAFI 1–3), then the families only BGP Lens prints.
void BgpdumpLines::update(Reader msg, int asn_width, bool add_path, std::string& out) {
  Reader withdrawn = msg.sub(msg.u16());
  formatter_.parse(msg, asn_width, attrs_);
  Reader nlri = msg;
  std::uint8_t address[16];
  std::uint8_t length = 0;
  std::uint32_t path_id = 0;
  auto withdraw_all = [&](Reader list, bool ipv6) {
    for (int n = 0; n < bgpdump::kMaxPrefixes &&
                    bgpdump::next_prefix(list, add_path, address, length, path_id);
         ++n)
      prefix_line(out, peer_, ipv6, address, length, add_path, path_id, "\n");
  };
  withdraw_all(withdrawn, false);
  for (int afi = 1; afi <= 2; ++afi) {
    for (int safi = 1; safi <= 3; ++safi) {
      if (const bgpdump::MpFamily* f = attrs_.withdrawn(afi, safi)) withdraw_all(f->nlri, afi == 2);
    }
  }
  other_families(false, add_path, out);

  head_[head_.size() - 2] = 'A';  // "...|W|" -> "...|A|"
  auto announce_all = [&](Reader list, bool ipv6, NextHopKind kind, const bgpdump::MpFamily* f) {
    if (list.empty()) return;
    tail_.assign(1, '|');
    formatter_.tail(attrs_, kind, f, {}, tail_);
    for (int n = 0; n < bgpdump::kMaxPrefixes &&
                    bgpdump::next_prefix(list, add_path, address, length, path_id);
         ++n)
      prefix_line(out, peer_, ipv6, address, length, add_path, path_id, tail_);
  };
  announce_all(nlri, false, NextHopKind::Attribute, nullptr);
  for (int afi = 1; afi <= 2; ++afi) {
    for (int safi = 1; safi <= 3; ++safi) {
      if (const bgpdump::MpFamily* f = attrs_.announced(afi, safi)) {
        announce_all(f->nlri, afi == 2, afi == 2 ? NextHopKind::MpIpv6 : NextHopKind::MpIpv4, f);
      }
    }
  }
  other_families(true, add_path, out);
}

// MRT type 5 (RFC 6396 Appendix B.2.1), the RIS format of 1999–2000: the BGP message has no
// header, and the addresses are IPv4 with 2-octet ASNs.
void BgpdumpLines::old_bgp(const Piece& piece, Reader s, std::string& out) {
  const RecordHeader& h = piece.header;
  if (h.subtype == bgp_old::kStateChange) {
    const std::uint16_t as = s.u16();
    std::uint8_t ip[16] = {};
    s.get(ip, 4);
    const std::uint16_t old_state = s.u16();
    const std::uint16_t new_state = s.u16();
    start_head("BGP", h, "STATE");
    const std::size_t start = out.size();
    out.resize(start + head_.size() + 64);
    char* p = put(out.data() + start, head_);
    p = bgpdump::put_peer(p, false, ip, as);
    p = put_u32(p, old_state);
    *p++ = '|';
    p = put_u32(p, new_state);
    *p++ = '\n';
    out.resize(static_cast<std::size_t>(p - out.data()));
    ++counts_.lines;
    return;
  }
  if (h.subtype != bgp_old::kUpdate) return;  // OPEN, KEEPALIVE...: no line
  const std::uint16_t as = s.u16();
  std::uint8_t ip[16] = {};
  s.get(ip, 4);
  s.skip(2 + 4);  // the collector's AS and address
  char peer_buf[64];
  peer_.assign(peer_buf, bgpdump::put_peer(peer_buf, false, ip, as));
  Reader withdrawn = s.sub(s.u16());
  formatter_.parse(s, 2, attrs_);
  std::uint8_t address[16];
  std::uint8_t length = 0;
  std::uint32_t path_id = 0;
  // Only the IPv4 fields are printed (bgpdump ignores MP attributes in type 5). bgpdump prints
  // the peer address in place of each withdrawn prefix's address; BGP Lens prints the prefix.
  start_head("BGP", h, "W");
  for (int n = 0; n < bgpdump::kMaxPrefixes &&
                  bgpdump::next_prefix(withdrawn, false, address, length, path_id);
       ++n)
    prefix_line(out, peer_, false, address, length, false, 0, "\n");
  if (s.empty()) return;
  head_[head_.size() - 2] = 'A';
  tail_.assign(1, '|');
  formatter_.tail(attrs_, NextHopKind::OldBgp, nullptr, {}, tail_);
  for (int n = 0;
       n < bgpdump::kMaxPrefixes && bgpdump::next_prefix(s, false, address, length, path_id); ++n)
    prefix_line(out, peer_, false, address, length, false, 0, tail_);
}

}  // namespace bgplens::mrt
// The RIB formats as bgpdump -m prints them: TABLE_DUMP (RFC 6396 §4.2) and TABLE_DUMP_V2's
// PEER_INDEX_TABLE and RIB records (§4.3.1–4.3.2, RFC 8050 §4), with the cache of entry tails
// that makes a RIB dump cheap (see TailCache in bgpdump_lines.h).
#include "mrt/bgpdump_lines.h"
#include "mrt/mrt_format.h"
#include "util/text.h"

namespace bgplens::mrt {

using bgpdump::NextHopKind;
using bgpdump::Reader;

BgpdumpLines::TailCache::TailCache() : slots_(std::make_unique<Slot[]>(kSlots)) {}

std::string_view BgpdumpLines::TailCache::find(Bytes key, std::uint8_t tag,
                                               std::uint64_t& hash) const {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (key.size() * 31 + tag);
  std::size_t i = 0;
  for (; i + 8 <= key.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, key.data() + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, key.data() + i, key.size() - i);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 29;
  hash = h;
  const Slot& slot = slots_[h & (kSlots - 1)];
  if (slot.tag != tag || slot.key_size != key.size() ||
      std::memcmp(slot.key, key.data(), key.size()) != 0)
    return {};
  return std::string_view(slot.tail, slot.tail_size);
}

void BgpdumpLines::TailCache::store(std::uint64_t hash, Bytes key, std::uint8_t tag,
                                    std::string_view tail) {
  Slot& slot = slots_[hash & (kSlots - 1)];
  if (key.size() > sizeof slot.key || tail.size() > sizeof slot.tail) return;
  slot.tag = tag;
  slot.key_size = static_cast<std::uint8_t>(key.size());
  slot.tail_size = static_cast<std::uint8_t>(tail.size());
  std::memcpy(slot.key, key.data(), key.size());
  std::memcpy(slot.tail, tail.data(), tail.size());
}

void BgpdumpLines::rib_tail(Reader& s, int asn_width, NextHopKind kind, std::string& out) {
  const std::uint8_t tag = static_cast<std::uint8_t>(static_cast<int>(kind) * 8 + asn_width);
  const std::uint32_t left = s.left();
  const std::uint32_t length = left >= 2 ? load_be16(s.here()) : 0;
  if (left < 2 || 2 + length > left) {  // a cut-short block: formatted, not kept
    formatter_.parse(s, asn_width, attrs_);
    formatter_.tail(attrs_, kind, nullptr, {}, out);
    return;
  }
  const Bytes key(s.here() + 2, length);
  std::uint64_t hash = 0;
  if (const std::string_view hit = tails_.find(key, tag, hash); !hit.empty()) {
    out.append(hit);
    s.skip(2 + length);
    return;
  }
  formatter_.parse(s, asn_width, attrs_);
  const std::size_t start = out.size();
  formatter_.tail(attrs_, kind, nullptr, {}, out);
  tails_.store(hash, key, tag, std::string_view(out).substr(start));
}

// RFC 6396 §4.2. bgpdump reads one entry; the early RIS bulk form holds many (the walker
// measured them: Piece::undeclared), and BGP Lens prints them all.
void BgpdumpLines::table_dump(const Piece& piece, Reader s, std::string& out) {
  const RecordHeader& h = piece.header;
  const bool ipv6 = h.subtype == td1::kAfiIpv6;
  const std::uint32_t width = ipv6 ? 16 : 4;
  start_head("TABLE_DUMP", h, "B");
  if (piece.undeclared) {
    note(Note::BulkTableDump, piece.offset,
         text::cat(piece.problem, " (bgpdump prints the first entry and stops)"));
  }
  s.skip(4);  // view number, sequence number
  do {
    std::uint8_t prefix[16] = {};
    std::uint8_t peer[16] = {};
    s.get(prefix, width);
    const std::uint8_t length = s.u8();
    s.skip(1 + 4);  // status, originated time
    s.get(peer, width);
    const std::uint16_t peer_as = s.u16();
    char peer_buf[64];
    const char* end = bgpdump::put_peer(peer_buf, ipv6, peer, peer_as);
    prefix_line(out, std::string_view(peer_buf, end), ipv6, prefix, length, false, 0, "|");
    rib_tail(s, 2, NextHopKind::TableDump, out);
  } while (piece.undeclared && !s.empty());
}

// RFC 6396 §4.3.1.
void BgpdumpLines::peer_index_table(Reader s) {
  s.skip(4);  // collector BGP ID
  const std::uint16_t view_length = s.u16();
  // bgpdump keeps view names below 255 octets and does not even skip a longer one; the peers
  // are then read from the wrong place. Reproduced.
  if (view_length + 1 <= 255) s.skip(view_length);
  const std::uint16_t count = s.u16();
  peers_.resize(count);
  for (PeerText& p : peers_) {
    const std::uint8_t type = s.u8();
    s.skip(4);  // peer BGP ID
    std::uint8_t address[16] = {};
    const bool ipv6 = type & 1;
    s.get(address, ipv6 ? 16 : 4);
    const std::uint32_t as = s.asn((type & 2) ? 4 : 2);
    p.size = static_cast<std::uint8_t>(bgpdump::put_peer(p.text, ipv6, address, as) - p.text);
  }
  have_peer_table_ = true;
}

// RFC 6396 §4.3.2, and RFC 8050 §4 for the ADD-PATH subtypes.
void BgpdumpLines::rib(const Piece& piece, Reader s, int afi, bool add_path, std::string& out) {
  const RecordHeader& h = piece.header;
  const bool ipv6 = afi == 2;  // td2_afi(): 1 IPv4, 2 IPv6
  start_head(add_path ? "TABLE_DUMP2_AP" : "TABLE_DUMP2", h, "B");
  s.skip(4);  // sequence number
  const std::uint8_t length = s.u8();
  std::uint8_t prefix[16] = {};
  const std::uint32_t bytes = (length + 7u) / 8u;
  s.get(prefix, std::min<std::uint32_t>(bytes, 16));
  if (bytes > 16) s.skip(bytes - 16);
  const std::uint16_t entries = s.u16();
  if (entries && !have_peer_table_) {
    note(Note::NoPeerTable, piece.offset,
         text::cat(record_name(h),
                   " before any PEER_INDEX_TABLE: printed with empty peer address and AS "
                   "(bgpdump prints nothing)"));
  }
  for (std::uint16_t i = 0; i < entries; ++i) {
    const std::uint16_t index = s.u16();
    s.skip(4);  // originated time (bgpdump -m prints the record's time)
    const std::uint32_t path_id = add_path ? s.u32() : 0;
    std::string_view peer = "||";
    if (index < peers_.size()) {
      peer = std::string_view(peers_[index].text, peers_[index].size);
    } else if (have_peer_table_) {
      note(Note::PeerIndexPastTable, piece.offset,
           text::cat(record_name(h), ": peer index ", std::to_string(index), " is past the ",
                     std::to_string(peers_.size()),
                     " peers of the PEER_INDEX_TABLE: printed with empty peer address and AS "
                     "(bgpdump aborts)"));
    }
    prefix_line(out, peer, ipv6, prefix, length, add_path, path_id, "|");
    rib_tail(s, 4, NextHopKind::TableDump2, out);
  }
}

}  // namespace bgplens::mrt

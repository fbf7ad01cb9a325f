#include "mrt/mrt_indexer.h"

#include <chrono>
#include <map>
#include <tuple>
#include <vector>

#include "bgp/message_decoder.h"
#include "mrt/mrt_layout.h"
#include "mrt/store_walk.h"

namespace bgplens {
namespace {

inline constexpr std::uint32_t kNoContext = UINT32_MAX;

IpAddress address_at(const std::uint8_t* p, std::uint32_t size) {
  IpAddress a;
  a.version = size == 4 ? 4 : 6;
  std::copy(p, p + size, a.bytes.begin());
  return a;
}

// How a peer is told apart: its address and AS, and the collector side (BGP4MP: local address
// and AS; TABLE_DUMP_V2: the collector's BGP ID and the peer's).
struct PeerKey {
  IpAddress address;
  std::uint32_t as = 0;
  IpAddress local;
  std::uint32_t local_as = 0;
  std::uint32_t bgp_id = 0;
  std::uint32_t collector_id = 0;
  auto operator<=>(const PeerKey&) const = default;
};

class MrtIndexer {
 public:
  MrtIndexer(IndexSink& sink, IndexOptions options) : sink_(sink), options_(options) {}

  bool on_piece(const mrt::Piece& piece, Bytes bytes);
  void flush(bool force, std::uint64_t done, std::uint64_t total);
  IndexStats& stats() { return stats_; }

 private:
  std::uint32_t session(const PeerKey& key, std::optional<std::uint16_t> peer_index);
  std::uint32_t context(std::uint32_t session, std::uint8_t direction, bool as4, bool add_path);
  void row(const mrt::Piece& piece, std::uint32_t context, std::uint32_t entry, std::uint8_t type,
           std::uint8_t detail = mrt_row::kRecord);
  void peer_index_table(Bytes record, const mrt::RecordHeader& h);
  void rib(const mrt::Piece& piece, Bytes record);
  void table_dump(const mrt::Piece& piece, Bytes record);
  void bgp4mp(const mrt::Piece& piece, Bytes record);
  void old_bgp(const mrt::Piece& piece, Bytes record);

  IndexSink& sink_;
  IndexOptions options_;
  IndexBatch batch_;
  IndexStats stats_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
  std::map<PeerKey, std::uint32_t> sessions_;
  std::map<std::tuple<std::uint32_t, std::uint8_t, bool, bool>, std::uint32_t> contexts_;
  std::uint32_t session_count_ = 0;
  std::uint32_t context_count_ = 0;
  // The latest PEER_INDEX_TABLE: peer index → context (kNoContext where the entry was bad).
  std::vector<std::uint32_t> peer_contexts_;
  std::int64_t last_time_ns_ = 0;
};

std::uint32_t MrtIndexer::session(const PeerKey& key, std::optional<std::uint16_t> peer_index) {
  auto [it, inserted] = sessions_.try_emplace(key, session_count_);
  if (!inserted) return it->second;
  SessionInfo s;
  s.id = session_count_++;
  s.kind = SessionKind::MrtPeer;
  s.a.address = key.address;
  s.b.address = key.local;
  s.first_time_ns = last_time_ns_;
  s.mrt_peer = MrtPeerInfo{key.as, key.local_as, key.bgp_id, key.collector_id, peer_index};
  batch_.new_sessions.push_back(std::move(s));
  return it->second;
}

std::uint32_t MrtIndexer::context(std::uint32_t session, std::uint8_t direction, bool as4,
                                  bool add_path) {
  auto [it, inserted] =
      contexts_.try_emplace(std::make_tuple(session, direction, as4, add_path), context_count_);
  if (!inserted) return it->second;
  PeerContext c;
  c.session = session;
  c.direction = direction;
  c.as4 = as4;
  c.as4_from = Provenance::MrtRecord;
  c.add_path_all = add_path;
  c.add_path_from = Provenance::MrtRecord;
  // A collector records what it received; RFC 8654 messages over 4096 octets included.
  c.extended_message = true;
  c.extended_message_from = Provenance::MrtRecord;
  batch_.new_contexts.push_back(std::move(c));
  return context_count_++;
}

void MrtIndexer::row(const mrt::Piece& piece, std::uint32_t context, std::uint32_t entry,
                     std::uint8_t type, std::uint8_t detail) {
  MessageRecord r;
  r.address = piece.offset;
  r.length = static_cast<std::uint32_t>(std::min<std::uint64_t>(piece.length, UINT32_MAX));
  r.time_ns = piece.header.time_ns();
  r.context = context;
  r.frame = entry;
  r.type = type;
  r.kind = FramedKind::Mrt;
  r.flags = piece.truncated ? framed_flag::kTruncated : 0;
  r.detail = detail;
  batch_.records.push_back(r);
  ++stats_.records;
}

// RFC 6396 §4.3.1.
void MrtIndexer::peer_index_table(Bytes record, const mrt::RecordHeader& h) {
  peer_contexts_.clear();
  std::uint64_t at = h.header_length();
  if (at + 6 > record.size()) return;
  const std::uint32_t collector = load_be32(record.data() + at);
  at += 6 + load_be16(record.data() + at + 4);
  if (at + 2 > record.size()) return;
  const std::uint16_t count = load_be16(record.data() + at);
  at += 2;
  for (std::uint32_t i = 0; i < count && at < record.size(); ++i) {
    const std::uint8_t type = record[at];
    const std::uint32_t a = (type & 1) ? 16 : 4;
    const std::uint32_t as = (type & 2) ? 4 : 2;
    if (at + 1 + 4 + a + as > record.size()) break;
    PeerKey key;
    key.bgp_id = load_be32(record.data() + at + 1);
    key.address = address_at(record.data() + at + 5, a);
    key.as =
        as == 4 ? load_be32(record.data() + at + 5 + a) : load_be16(record.data() + at + 5 + a);
    key.collector_id = collector;
    // RFC 6396 §4.3.4: RIB entries' attributes always use 4-octet AS numbers.
    peer_contexts_.push_back(context(session(key, static_cast<std::uint16_t>(i)), 0, true, false));
    at += 1 + 4 + a + as;
  }
}

void MrtIndexer::rib(const mrt::Piece& piece, Bytes record) {
  const auto layout = mrt::rib_layout(record, piece.header);
  if (!layout || layout->count == 0) {
    row(piece, kNoContext, 0, 0);
    return;
  }
  const std::uint32_t head = mrt::rib_entry_head(piece.header.subtype);
  std::uint64_t at = layout->first_entry;
  for (std::uint32_t i = 0; i < layout->count; ++i) {
    if (at + head > record.size()) {
      // The rest is cut short: one row shows what is wrong with it.
      row(piece, kNoContext, static_cast<std::uint32_t>(std::min<std::uint64_t>(at, record.size())),
          0, mrt_row::kRibEntry);
      return;
    }
    const std::uint16_t peer = load_be16(record.data() + at);
    row(piece, peer < peer_contexts_.size() ? peer_contexts_[peer] : kNoContext,
        static_cast<std::uint32_t>(at), 0, mrt_row::kRibEntry);
    at += head + load_be16(record.data() + at + head - 2);
    if (at > record.size()) return;
  }
}

// RFC 6396 §4.2, and the bulk form of early RIS collectors (mrt_record.h).
void MrtIndexer::table_dump(const mrt::Piece& piece, Bytes record) {
  const std::uint32_t a = piece.header.subtype == mrt::td1::kAfiIpv6 ? 16 : 4;
  const std::uint32_t fixed = mrt::td1_entry_fixed(piece.header.subtype);
  std::uint64_t at = piece.header.header_length() + 4;
  bool any = false;
  while (at + fixed <= record.size()) {
    PeerKey key;
    key.address = address_at(record.data() + at + a + 6, a);
    key.as = load_be16(record.data() + at + 2 * a + 6);
    row(piece, context(session(key, std::nullopt), 0, false, false), static_cast<std::uint32_t>(at),
        0, mrt_row::kTableDump);
    any = true;
    at += fixed + load_be16(record.data() + at + fixed - 2);
  }
  if (!any) row(piece, kNoContext, 0, 0);
}

// RFC 6396 §4.4, with old Zebra's short forms (see mrt_bgp4mp_decoder.cpp).
void MrtIndexer::bgp4mp(const mrt::Piece& piece, Bytes record) {
  const std::uint16_t s = piece.header.subtype;
  const bool as4 = mrt::bgp4mp_as4(s);
  const std::uint32_t as = as4 ? 4 : 2;
  const bool state = mrt::bgp4mp_is_state_change(s);
  if (!state && !mrt::bgp4mp_is_message(s)) {
    row(piece, kNoContext, 0, 0);
    return;
  }
  const std::uint32_t body = piece.header.header_length();
  const std::uint64_t body_length = record.size() - std::min<std::uint64_t>(record.size(), body);
  if (body_length < 2 * as) {
    row(piece, kNoContext, 0, 0);
    return;
  }
  PeerKey key;
  key.as = as4 ? load_be32(record.data() + body) : load_be16(record.data() + body);
  key.local_as = as4 ? load_be32(record.data() + body + as) : load_be16(record.data() + body + as);
  std::uint64_t message = body + 2 * as;
  if (!mrt::bgp4mp_zebra_short(record.subspan(body), s)) {
    if (body_length < 2 * as + 4) {
      row(piece, kNoContext, 0, 0);
      return;
    }
    const std::uint16_t afi = load_be16(record.data() + body + 2 * as + 2);
    const std::uint32_t a = afi == 1 ? 4 : 16;
    if ((afi != 1 && afi != 2) || body_length < 2 * as + 4 + 2 * a) {
      row(piece, kNoContext, 0, 0);
      return;
    }
    key.address = address_at(record.data() + body + 2 * as + 4, a);
    key.local = address_at(record.data() + body + 2 * as + 4 + a, a);
    message = body + 2 * as + 4 + 2 * a;
  }
  std::uint8_t type = 0;
  if (!state && message + 19 <= record.size()) type = record[message + 18];
  const std::uint8_t direction = mrt::bgp4mp_local(s) ? 1 : 0;
  row(piece, context(session(key, std::nullopt), direction, as4, mrt::bgp4mp_add_path(s)), 0, type,
      state ? mrt_row::kStateChange : mrt_row::kMessage);
}

// RFC 6396 Appendix B.2.1.
void MrtIndexer::old_bgp(const mrt::Piece& piece, Bytes record) {
  const std::uint32_t a = piece.header.type == mrt::type::kBgp ? 4 : 16;
  const std::uint32_t body = piece.header.header_length();
  if (record.size() < body + 2 + a) {
    row(piece, kNoContext, 0, 0);
    return;
  }
  PeerKey key;
  key.as = load_be16(record.data() + body);
  key.address = address_at(record.data() + body + 2, a);
  std::uint8_t type = 0;
  switch (piece.header.subtype) {
    case mrt::bgp_old::kUpdate:
      type = msg_type::kUpdate;
      break;
    case mrt::bgp_old::kOpen:
      type = msg_type::kOpen;
      break;
    case mrt::bgp_old::kNotify:
      type = msg_type::kNotification;
      break;
    case mrt::bgp_old::kKeepalive:
      type = msg_type::kKeepalive;
      break;
    default:
      break;
  }
  if (type != 0 && record.size() >= body + 2 * (2 + a)) {
    key.local_as = load_be16(record.data() + body + 2 + a);
    key.local = address_at(record.data() + body + 4 + a, a);
  }
  row(piece, context(session(key, std::nullopt), 0, false, false), 0, type,
      piece.header.subtype == mrt::bgp_old::kStateChange ? mrt_row::kStateChange
                                                         : mrt_row::kMessage);
}

bool MrtIndexer::on_piece(const mrt::Piece& piece, Bytes bytes) {
  if (piece.kind == mrt::Piece::Kind::Damage) {
    MessageRecord r;
    r.address = piece.offset;
    r.length = static_cast<std::uint32_t>(std::min<std::uint64_t>(piece.length, UINT32_MAX));
    r.time_ns = last_time_ns_;
    r.context = kNoContext;
    r.kind = FramedKind::MrtDamage;
    batch_.records.push_back(r);
    ++stats_.records;
    stats_.damaged_bytes += piece.length;
    return true;
  }
  ++stats_.mrt_records;
  last_time_ns_ = piece.header.time_ns();
  const mrt::RecordHeader& h = piece.header;
  if (piece.length < h.header_length()) {
    row(piece, kNoContext, 0, 0);
  } else if (h.type == mrt::type::kTableDumpV2 && h.subtype == mrt::td2::kPeerIndexTable) {
    peer_index_table(bytes, h);
    row(piece, kNoContext, 0, 0, mrt_row::kPeerIndexTable);
  } else if (h.type == mrt::type::kTableDumpV2 && mrt::td2_is_rib(h.subtype)) {
    rib(piece, bytes);
  } else if (h.type == mrt::type::kTableDump) {
    table_dump(piece, bytes);
  } else if (mrt::is_bgp4mp(h.type)) {
    bgp4mp(piece, bytes);
  } else if (h.type == mrt::type::kBgp || h.type == mrt::type::kBgp4plus ||
             h.type == mrt::type::kBgp4plus01) {
    old_bgp(piece, bytes);
  } else {
    row(piece, kNoContext, 0, 0);
  }
  return true;
}

void MrtIndexer::flush(bool force, std::uint64_t done, std::uint64_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && batch_.records.size() < options_.batch_records &&
      now - last_flush_ < options_.batch_interval) {
    return;
  }
  batch_.bytes_done = done;
  batch_.bytes_total = total;
  IndexBatch out = std::move(batch_);
  batch_ = IndexBatch{};
  last_flush_ = now;
  sink_.on_batch(std::move(out));
}

}  // namespace

Expected<IndexStats> index_mrt(std::shared_ptr<ByteStore> store, IndexSink& sink,
                               std::stop_token stop, IndexOptions options) {
  MrtIndexer indexer(sink, options);
  // The total is known only once the base is complete; until then progress counts against
  // what has arrived.
  const std::uint64_t walked = mrt::walk_store(*store, stop, [&](const mrt::Piece& p, Bytes b) {
    indexer.on_piece(p, b);
    indexer.flush(false, p.offset + p.length, store->base_complete() ? store->base_size() : 0);
    return true;
  });
  IndexStats& stats = indexer.stats();
  stats.read_error = store->base_problem();
  indexer.flush(true, walked, store->base_size());
  return stats;
}

}  // namespace bgplens

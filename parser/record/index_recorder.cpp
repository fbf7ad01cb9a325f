#include "record/index_recorder.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "bgp/message_decoder.h"

namespace bgplens::record {
namespace {

constexpr std::uint16_t kBgpPort = 179;          // RFC 4271 §8.2.1
constexpr std::uint16_t kEphemeralPort = 49152;  // the first dynamic port (RFC 6335 §6)

bool ends_with(std::string_view s, std::string_view tail) {
  if (s.size() < tail.size()) return false;
  return std::equal(tail.begin(), tail.end(), s.end() - static_cast<std::ptrdiff_t>(tail.size()),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

bool ip_version_ok(const IpAddress& a) {
  return a.version == 4 || a.version == 6;
}

// MRT's seconds field is 32 bits (RFC 6396 §2); pcapng's timestamp is not negative.
bool time_fits(RecordFormat f, std::int64_t time_ns) {
  if (time_ns < 0) return false;
  return f == RecordFormat::Pcapng || time_ns / 1'000'000'000 <= 0xFFFFFFFFll;
}

}  // namespace

std::optional<RecordFormat> format_from_path(std::string_view path) {
  if (ends_with(path, ".mrt")) return RecordFormat::Mrt;
  if (ends_with(path, ".pcapng")) return RecordFormat::Pcapng;
  return std::nullopt;
}

// One session of the index as it is recorded.
struct IndexRecorder::Session {
  std::uint32_t id = 0;
  std::uint8_t local_direction = 1;
  RecordedSession recorded;
  std::optional<OpenValues> opens[2];  // by row direction
  // How the session writes AS numbers, once a context not guessed from the bytes says so.
  std::optional<bool> as4;
  std::int64_t last_ns = 0;
  bool counted = false;
  std::vector<Held> held;  // MRT records waiting for the session's AS numbers

  Direction direction(std::uint8_t row_direction) const {
    return row_direction == local_direction ? Direction::Sent : Direction::Received;
  }
};

Expected<IndexRecorder> IndexRecorder::create(const std::string& path,
                                              IndexRecorderOptions options) {
  if (options.format == RecordFormat::Mrt) {
    auto r = MrtRecorder::create(path, MrtRecorderOptions{options.flush_interval});
    if (!r) return unexpected(r.error());
    return IndexRecorder(Output(std::in_place_type<MrtRecorder>, std::move(*r)), options);
  }
  PcapngRecorderOptions p;
  p.flush_interval = options.flush_interval;
  p.resolution = options.pcapng_resolution;
  auto r = PcapngRecorder::create(path, p);
  if (!r) return unexpected(r.error());
  return IndexRecorder(Output(std::in_place_type<PcapngRecorder>, std::move(*r)), options);
}

Expected<IndexRecorder> IndexRecorder::create(const std::string& path) {
  const std::optional<RecordFormat> f = format_from_path(path);
  if (!f) return unexpected("cannot tell the format of " + path + ": name it .mrt or .pcapng");
  IndexRecorderOptions options;
  options.format = *f;
  return create(path, options);
}

IndexRecorder::IndexRecorder(Output out, IndexRecorderOptions options)
    : out_(std::move(out)), format_(options.format), options_(options) {}
IndexRecorder::IndexRecorder(IndexRecorder&&) noexcept = default;
IndexRecorder& IndexRecorder::operator=(IndexRecorder&&) noexcept = default;
IndexRecorder::~IndexRecorder() = default;

void IndexRecorder::set_hint(std::uint32_t session, const SessionHint& hint) {
  hints_[session] = hint;
}

bool IndexRecorder::failed(const std::string& why) {
  if (error_.empty()) error_ = why;
  return false;
}

IndexRecorder::Session* IndexRecorder::session(const ContextTable& table, std::uint32_t id,
                                               RowSkip& why) {
  why = RowSkip::Unrecordable;
  if (const auto it = sessions_.find(id); it != sessions_.end()) return it->second.get();
  if (id >= table.sessions.size()) return nullptr;
  const SessionInfo& info = table.sessions[id];
  if (info.kind == SessionKind::Bmp) return nullptr;  // its rows are BMP messages
  const auto hint_it = hints_.find(id);
  const SessionHint& hint = hint_it != hints_.end() ? hint_it->second : options_.defaults;
  const std::uint8_t ld = hint.local_direction == 0 ? 0 : 1;

  RecordedSession r;
  r.local = info.source(ld);
  r.peer = info.destination(ld);
  // A BMP peer's router or an MRT peer's collector may have no address in the index (no Peer
  // Up, a RIB dump): the unspecified address of the other end's version stands for it.
  if (r.local.address.version == 0 && ip_version_ok(r.peer.address))
    r.local.address.version = r.peer.address.version;
  if (r.peer.address.version == 0 && ip_version_ok(r.local.address))
    r.peer.address.version = r.local.address.version;
  if (!ip_version_ok(r.local.address) || r.local.address.version != r.peer.address.version)
    return nullptr;
  // MRT and BMP peers without ports: the BGP port, and a dynamic one where that would make
  // the two ends one (pcapng needs two).
  if (r.peer.port == 0) r.peer.port = kBgpPort;
  if (r.local.port == 0)
    r.local.port = r.local.address == r.peer.address ? kEphemeralPort : kBgpPort;
  if (r.local == r.peer) return nullptr;

  // What the per-peer header of BMP (RFC 7854 §4.2) or the MRT records say of a and b.
  std::uint32_t as_of[2] = {0, 0};
  std::uint32_t id_of[2] = {0, 0};
  if (info.bmp_peer) {
    as_of[0] = info.bmp_peer->as;
    id_of[0] = info.bmp_peer->bgp_id;
  }
  if (info.mrt_peer) {
    as_of[0] = info.mrt_peer->as;
    as_of[1] = info.mrt_peer->local_as;
    id_of[0] = info.mrt_peer->bgp_id;
    id_of[1] = info.mrt_peer->collector_id;
  }
  const int local_end = ld == 1 ? 1 : 0;  // direction 1 is sent by b
  auto pick = [](std::uint32_t known, std::uint32_t hinted) { return known ? known : hinted; };
  r.local_as = pick(as_of[local_end], hint.local_as);
  r.peer_as = pick(as_of[1 - local_end], hint.peer_as);
  r.local_id = pick(id_of[local_end], hint.local_id);
  r.peer_id = pick(id_of[1 - local_end], hint.peer_id);
  r.interface_index = hint.interface_index;
  r.local_opened = hint.local_opened.value_or(ld == 0);
  r.connected_ns = hint.connected_ns;
  if (!r.connected_ns && info.kind == SessionKind::Bgp) r.connected_ns = info.first_time_ns;

  auto s = std::make_unique<Session>();
  s->id = id;
  s->local_direction = ld;
  s->recorded = std::move(r);
  Session* out = s.get();
  sessions_.emplace(id, std::move(s));
  return out;
}

void IndexRecorder::learn_open(Session& s, const ContextTable& table, const MessageRecord& record,
                               Bytes message) {
  if (record.context >= table.contexts.size()) return;
  const std::uint8_t d = table.contexts[record.context].direction == 0 ? 0 : 1;
  DecodedMessage m = decode_message(message, PeerContext::unknown(), Depth::Summary);
  if (!m.open) return;
  // RFC 6793 §4.1: a 4-octet AS is in the capability, My AS holds AS_TRANS.
  const std::uint32_t as = m.open->as4.value_or(m.open->my_as);
  if (s.direction(d) == Direction::Sent) {
    s.recorded.local_as = as;
    s.recorded.local_id = m.open->bgp_id;
  } else {
    s.recorded.peer_as = as;
    s.recorded.peer_id = m.open->bgp_id;
  }
  s.opens[d] = std::move(*m.open);
}

void IndexRecorder::note_open(const ContextTable& table, const MessageRecord& record,
                              Bytes row_bytes) {
  const RowContent c = row_content(record, row_bytes);
  if (c.kind != RowContent::Kind::Message || c.message[18] != msg_type::kOpen ||
      record.context >= table.contexts.size())
    return;
  RowSkip why{};
  if (Session* s = session(table, table.contexts[record.context].session, why))
    learn_open(*s, table, record, c.message);
}

bool IndexRecorder::ensure_connection(Session& s, std::int64_t time_ns) {
  auto* pcap = std::get_if<PcapngRecorder>(&out_);
  if (!pcap) return true;
  const auto key = std::make_pair(s.recorded.local, s.recorded.peer);
  const auto it = connections_.find(key);
  if (it != connections_.end() && it->second != s.id) {
    // A new session over the same two ends (a reconnection from the same port): the old
    // connection ends before the new one's handshake.
    const Session& old = *sessions_.at(it->second);
    const std::int64_t start = std::min(time_ns, s.recorded.connected_ns.value_or(time_ns));
    if (!pcap->end(old.recorded, std::max(old.last_ns, start))) return failed(pcap->error());
  }
  connections_[key] = s.id;
  return true;
}

// How a message other than an UPDATE writes the session's AS numbers: only an UPDATE's
// layout depends on the AS number size (its AS_PATH, RFC 6793 §3), so the others take the
// session's, and every record of the session names its ends with the same AS numbers (a
// 2-octet field would hold AS_TRANS) and reads back as one peer.
bool IndexRecorder::session_as4(const Session& s, bool otherwise) {
  if (s.as4) return *s.as4;
  if (!s.opens[0] && !s.opens[1]) return otherwise;
  // RFC 6793 §3: both speakers (as far as their OPENs are known) advertise the capability.
  return (!s.opens[0] || s.opens[0]->as4) && (!s.opens[1] || s.opens[1]->as4);
}

void IndexRecorder::counted(Session& s, std::int64_t time_ns) {
  s.last_ns = std::max(s.last_ns, time_ns);
  ++stats_.messages;
  if (!s.counted) {
    s.counted = true;
    ++stats_.sessions;
  }
}

bool IndexRecorder::put_mrt(Session& s, const Held& h) {
  auto& mrt = std::get<MrtRecorder>(out_);
  if (h.message.empty()) {
    const RecordedStateChange change{h.time_ns, h.old_state, h.new_state};
    if (!mrt.state_change(s.recorded, change)) return failed(mrt.error());
    ++stats_.state_changes;
    return true;
  }
  PeerContext ctx = h.context;
  if (h.message[18] != msg_type::kUpdate) ctx.as4 = session_as4(s, ctx.as4);
  (h.direction == Direction::Sent ? s.recorded.sent : s.recorded.received) = std::move(ctx);
  if (!mrt.message(s.recorded, h.time_ns, h.direction, h.message)) return failed(mrt.error());
  stats_.mixed_add_path = mrt.stats().mixed_add_path;
  counted(s, h.time_ns);
  return true;
}

bool IndexRecorder::release(Session& s) {
  std::vector<Held> held = std::move(s.held);
  s.held.clear();
  for (const Held& h : held) {
    if (!put_mrt(s, h)) return false;
  }
  return true;
}

bool IndexRecorder::write_mrt(Session& s, Held&& h) {
  // Every record names the session's AS numbers (RFC 6396 §4.4), and the one that comes
  // first — the local OPEN, a state change before it — is often written before the other
  // end's OPEN says its AS: a few wait for both to be known, so that they read back as the
  // same peer as the rest.
  if ((s.recorded.local_as == 0 || s.recorded.peer_as == 0) && s.held.size() < kMaxHeld) {
    s.held.push_back(std::move(h));
    return true;
  }
  return release(s) && put_mrt(s, h);
}

bool IndexRecorder::write_message(Session& s, const ContextTable& table,
                                  const MessageRecord& record, Bytes message) {
  const PeerContext& ctx = table.contexts[record.context];
  const Direction dir = s.direction(ctx.direction == 0 ? 0 : 1);
  if (message[18] == msg_type::kOpen) learn_open(s, table, record, message);
  if (ctx.as4_from != Provenance::Heuristic) s.as4 = ctx.as4;
  if (!time_fits(format_, record.time_ns)) {
    stats_.skipped.add(RowSkip::Unrecordable);
    return true;
  }
  if (format_ == RecordFormat::Mrt) {
    Held h;
    h.time_ns = record.time_ns;
    h.direction = dir;
    h.context = ctx;
    h.message.assign(message.begin(), message.end());
    return write_mrt(s, std::move(h));
  }
  auto& pcap = std::get<PcapngRecorder>(out_);
  (dir == Direction::Sent ? s.recorded.sent : s.recorded.received) = ctx;
  if (!ensure_connection(s, record.time_ns) ||
      !(pcap.message(s.recorded, record.time_ns, dir, message) || failed(pcap.error())))
    return false;
  counted(s, record.time_ns);
  return true;
}

bool IndexRecorder::write_state(Session& s, const RecordedStateChange& change) {
  if (format_ != RecordFormat::Mrt) {
    stats_.skipped.add(RowSkip::StateChange);
    return true;
  }
  if (!time_fits(format_, change.time_ns)) {
    stats_.skipped.add(RowSkip::Unrecordable);
    return true;
  }
  Held h;
  h.time_ns = change.time_ns;
  h.old_state = change.old_state;
  h.new_state = change.new_state;
  return write_mrt(s, std::move(h));
}

bool IndexRecorder::add(const ContextTable& table, const MessageRecord& record, Bytes row_bytes) {
  if (!error_.empty()) return false;
  const RowContent c = row_content(record, row_bytes);
  if (c.kind == RowContent::Kind::Skip) {
    stats_.skipped.add(c.skip);
    return true;
  }
  RowSkip why = RowSkip::Unrecordable;
  Session* s = record.context < table.contexts.size()
                   ? session(table, table.contexts[record.context].session, why)
                   : nullptr;
  if (!s) {
    stats_.skipped.add(why);
    return true;
  }
  // State changes from before the session was in the index (the connection was not up).
  for (const RecordedStateChange& change : pending_states_) {
    if (!write_state(*s, change)) return false;
  }
  pending_states_.clear();
  if (c.kind == RowContent::Kind::StateChange) return write_state(*s, c.state);
  return write_message(*s, table, record, c.message);
}

bool IndexRecorder::state_change(const ContextTable& table, std::uint32_t id,
                                 const RecordedStateChange& change) {
  if (!error_.empty()) return false;
  if (format_ == RecordFormat::Pcapng) {
    stats_.skipped.add(RowSkip::StateChange);
    return true;
  }
  if (id == kNoSession || id >= table.sessions.size()) {
    pending_states_.emplace_back(change);
    return true;
  }
  RowSkip why{};
  Session* s = session(table, id, why);
  if (!s) {
    stats_.skipped.add(why);
    return true;
  }
  return write_state(*s, change);
}

bool IndexRecorder::end_session(std::uint32_t id, std::int64_t time_ns, std::uint8_t closer) {
  if (!error_.empty()) return false;
  auto* pcap = std::get_if<PcapngRecorder>(&out_);
  const auto it = sessions_.find(id);
  if (!pcap || it == sessions_.end()) return true;
  const Session& s = *it->second;
  const auto key = std::make_pair(s.recorded.local, s.recorded.peer);
  const auto held = connections_.find(key);
  if (held == connections_.end() || held->second != id) return true;
  connections_.erase(held);
  return pcap->end(s.recorded, std::max(time_ns, s.last_ns), s.direction(closer == 0 ? 0 : 1)) ||
         failed(pcap->error());
}

bool IndexRecorder::flush() {
  if (!error_.empty()) return false;
  return std::visit([this](auto& r) { return r.flush() || failed(r.error()); }, out_);
}

bool IndexRecorder::close() {
  if (!error_.empty()) return false;
  for (auto& [id, s] : sessions_) {
    if (!release(*s)) return false;
  }
  connections_.clear();
  return std::visit([this](auto& r) { return r.close() || failed(r.error()); }, out_);
}

bool record_rows(IndexRecorder& recorder, const IndexRows& rows,
                 std::span<const std::uint64_t> selected) {
  std::set<std::uint64_t> noted;
  auto note = [&](std::optional<std::uint64_t> n) {
    if (!n || *n >= rows.count || !noted.insert(*n).second) return;
    const MessageRecord open = rows.row(*n);
    recorder.note_open(rows.table, open, rows.store.view(open.address, open.length));
  };
  for (const std::uint64_t n : selected) {
    if (n >= rows.count) continue;
    const MessageRecord r = rows.row(n);
    if (r.context < rows.table.contexts.size()) {
      // The OPENs this row's context came from (row numbers), selected or not.
      const PeerContext& ctx = rows.table.contexts[r.context];
      note(ctx.open_sent);
      note(ctx.open_received);
    }
    if (!recorder.add(rows.store, rows.table, r)) return false;
  }
  return true;
}

void RecordingSink::on_batch(IndexBatch&& batch) {
  // Copied, not moved: the batch goes on whole to the next sink.
  table_.contexts.insert(table_.contexts.end(), batch.new_contexts.begin(),
                         batch.new_contexts.end());
  table_.sessions.insert(table_.sessions.end(), batch.new_sessions.begin(),
                         batch.new_sessions.end());
  for (const SessionInfo& s : batch.updated_sessions) {
    if (s.id < table_.sessions.size()) table_.sessions[s.id] = s;
  }
  for (const MessageRecord& r : batch.records) {
    if (ok_) ok_ = recorder_.add(store_, table_, r);
  }
  // After the batch's rows, which may include the last ones before the FIN.
  for (const SessionEvent& e : batch.session_events) {
    table_.events.push_back(e);
    Fins& fins = fins_[e.session];
    if (fins.mask == 0) fins.first = e.direction;
    fins.mask |= static_cast<std::uint8_t>(1u << (e.direction & 1));
    if (ok_ && (e.kind == SessionEventKind::Rst || fins.mask == 3))
      ok_ = recorder_.end_session(e.session, e.time_ns,
                                  e.kind == SessionEventKind::Rst ? e.direction : fins.first);
  }
  if (next_) next_->on_batch(std::move(batch));
}

}  // namespace bgplens::record

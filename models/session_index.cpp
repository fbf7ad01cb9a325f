#include "session_index.h"

#include <algorithm>

namespace bgplens {

void SessionStats::opens_changed() {
  hold_time_.reset();
  for (const DirectionStats& d : dir) {
    if (d.open && (!hold_time_ || d.open->hold_time < *hold_time_)) hold_time_ = d.open->hold_time;
  }
}

SessionIndex::SessionIndex(const MessageStore* store, QObject* parent)
    : QObject(parent), store_(store) {
  connect(store_, &MessageStore::aboutToReset, this, [this] { emit aboutToReset(); });
  connect(store_, &MessageStore::wasReset, this, [this] {
    stats_.clear();
    touched_flag_.clear();
    touched_.clear();
    rows_seen_ = 0;
    contexts_seen_ = 0;
    events_seen_ = 0;
    capture_end_ns_ = 0;
    emit wasReset();
  });
  connect(store_, &MessageStore::batchAbsorbed, this, &SessionIndex::absorb);
  // How a session that nothing ended is described depends on whether more may come ("open"
  // while loading or live, "open at capture end" after): every session reads again.
  connect(store_, &MessageStore::loadingChanged, this, [this] {
    for (const std::uint32_t s : touched_)
      touched_flag_[s] = 0;
    touched_.clear();
    for (std::uint32_t s = 0; s < stats_.size(); ++s)
      touch(s);
    emit updated();
  });
}

void SessionIndex::touch(std::uint32_t session) {
  if (touched_flag_[session]) return;
  touched_flag_[session] = 1;
  touched_.push_back(session);
}

void SessionIndex::absorb() {
  for (const std::uint32_t s : touched_)
    touched_flag_[s] = 0;
  touched_.clear();
  const ContextTable& table = store_->contexts();
  const auto known = static_cast<std::uint32_t>(stats_.size());
  stats_.resize(table.sessions.size());
  touched_flag_.resize(table.sessions.size());
  for (std::uint32_t s = known; s < stats_.size(); ++s)
    touch(s);
  for (; contexts_seen_ < table.contexts.size(); ++contexts_seen_) {
    const PeerContext& c = table.contexts[contexts_seen_];
    if (c.session >= stats_.size()) continue;
    stats_[c.session].dir[c.direction & 1].context = static_cast<std::uint32_t>(contexts_seen_);
    touch(c.session);
  }
  for (; events_seen_ < table.events.size(); ++events_seen_) {
    const SessionEvent& e = table.events[events_seen_];
    if (e.session >= stats_.size()) continue;
    stats_[e.session].events.push_back(e);
    touch(e.session);
  }
  for (; rows_seen_ < store_->size(); ++rows_seen_)
    add_row(static_cast<std::uint32_t>(rows_seen_));
  emit updated();
}

void SessionIndex::add_row(std::uint32_t row) {
  const MessageRecord r = store_->record(row);
  capture_end_ns_ = std::max(capture_end_ns_, r.time_ns);
  const ContextTable& table = store_->contexts();
  if (r.context >= table.contexts.size()) return;
  const PeerContext& c = table.contexts[r.context];
  if (c.session >= stats_.size()) return;
  SessionStats& s = stats_[c.session];
  const std::uint8_t d = c.direction & 1;
  DirectionStats& ds = s.dir[d];
  if (s.rows.empty()) s.first_time_ns = r.time_ns;
  s.last_time_ns = std::max(s.last_time_ns, r.time_ns);
  s.rows.push_back(row);
  ++ds.rows;
  touch(c.session);
  switch (r.kind) {
    case FramedKind::Gap:
      // The missing bytes may have held messages: no silence is measured across them.
      ++ds.gaps;
      ds.last_message_row.reset();
      return;
    case FramedKind::Unparsed:
    case FramedKind::MrtDamage:
      ++ds.unparsed;
      return;
    case FramedKind::Message:
    case FramedKind::Bmp:
    case FramedKind::Mrt:
      break;
  }
  auto& by_type = r.kind == FramedKind::Bmp ? ds.bmp_types : ds.types;
  ++by_type[std::min<std::size_t>(r.type, DirectionStats::kOtherType)];

  if (ds.last_message_row) {
    Silence gap;
    gap.direction = d;
    gap.start_ns = ds.last_message_ns;
    gap.duration_ns = std::max<std::int64_t>(0, r.time_ns - ds.last_message_ns);
    gap.from_row = *ds.last_message_row;
    gap.to_row = row;
    if (!ds.longest_silence || gap.duration_ns > ds.longest_silence->duration_ns)
      ds.longest_silence = gap;
    // Hold timers run on BGP over TCP only: a BMP stream mirrors no KEEPALIVEs of its peers.
    const std::optional<std::uint16_t> hold = s.hold_time();
    if (hold && *hold > 0 && gap.duration_ns > std::int64_t{*hold} * 1'000'000'000 &&
        table.sessions[c.session].kind == SessionKind::Bgp) {
      ++s.hold_findings_total;
      if (s.hold_findings.size() < SessionStats::kMaxFindings) s.hold_findings.push_back(gap);
    }
  }
  ds.last_message_row = row;
  ds.last_message_ns = r.time_ns;

  if (r.kind != FramedKind::Message) return;
  // The only decodes here, and rare ones: the OPENs give AS numbers, router IDs and hold
  // times for every session at once, without decoding anything when the list is drawn.
  if (r.type == msg_type::kOpen) {
    DecodedMessage m = store_->decode(row, Depth::Summary);
    if (m.open) {
      ds.open = std::move(m.open);
      ds.open_row = row;
      s.opens_changed();
    }
  } else if (r.type == msg_type::kNotification && !s.notification_row) {
    s.notification_row = row;
  }
}

std::vector<std::uint32_t> SessionIndex::peers_of(std::uint32_t session) const {
  std::vector<std::uint32_t> peers;
  const auto& sessions = store_->contexts().sessions;
  for (std::uint32_t i = 0; i < stats_.size() && i < sessions.size(); ++i) {
    if (sessions[i].kind == SessionKind::BmpPeer && sessions[i].parent == session)
      peers.push_back(i);
  }
  return peers;
}

std::vector<std::uint32_t> SessionIndex::rows_of(std::uint32_t session) const {
  if (session >= stats_.size()) return {};
  const std::vector<std::uint32_t> peers = peers_of(session);
  if (peers.empty()) return stats_[session].rows;
  // Each session's rows are sorted: merge them pairwise, log2(parts) passes over the rows.
  std::vector<std::uint32_t> rows = stats_[session].rows;
  std::vector<std::size_t> bounds{0, rows.size()};
  for (const std::uint32_t p : peers) {
    rows.insert(rows.end(), stats_[p].rows.begin(), stats_[p].rows.end());
    bounds.push_back(rows.size());
  }
  while (bounds.size() > 2) {
    std::vector<std::size_t> next{0};
    std::size_t i = 0;
    for (; i + 2 < bounds.size(); i += 2) {
      const auto begin = rows.begin() + static_cast<std::ptrdiff_t>(bounds[i]);
      std::inplace_merge(begin, rows.begin() + static_cast<std::ptrdiff_t>(bounds[i + 1]),
                         rows.begin() + static_cast<std::ptrdiff_t>(bounds[i + 2]));
      next.push_back(bounds[i + 2]);
    }
    if (i + 1 < bounds.size()) next.push_back(bounds.back());  // an odd part left over
    bounds = std::move(next);
  }
  return rows;
}

}  // namespace bgplens

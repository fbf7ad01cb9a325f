#include "daemons/session_collector.h"

#include <sstream>

#include "fields/field_registry.h"

namespace bgplens::daemons {

std::string ReceivedUpdate::dump() const {
  std::ostringstream s;
  s << "UPDATE #" << index << ":\n";
  for (const auto& [key, list] : fields) {
    for (const std::string& v : list)
      s << "  " << key << " = " << v << "\n";
  }
  for (const DecodeProblem& p : decoded.problems)
    s << "  problem: " << p.message << "\n";
  return s.str();
}

std::vector<ReceivedUpdate> received_updates(const Recorder& r) {
  std::vector<ReceivedUpdate> out;
  if (r.negotiated.empty()) return out;
  // Messages from the daemon decode with negotiate(daemon's OPEN, ours): exactly what the
  // connection used (RFC 7911 §4, RFC 6793 §4).
  const PeerContext& context = r.negotiated.back().received;
  for (const RecordedMessage& m : r.messages) {
    if (m.direction != live::Direction::Received || m.type != msg_type::kUpdate) continue;
    ReceivedUpdate u;
    u.index = m.index;
    u.decoded = decode_message(m.bytes, context, Depth::Tree);
    const FieldTree& tree = u.decoded.tree;
    for (std::uint32_t i = 1; i < tree.size(); ++i)
      u.fields[std::string(field_info(tree.node(i).field).key)].emplace_back(tree.value(i));
    out.push_back(std::move(u));
  }
  return out;
}

std::optional<ReceivedUpdate> update_with(const Recorder& r, std::string_view text,
                                          NlriAction action) {
  for (ReceivedUpdate& u : received_updates(r)) {
    for (const NlriEntry& e : u.decoded.nlri) {
      if (e.action == action && std::string_view(e.text).starts_with(text)) return std::move(u);
    }
  }
  return std::nullopt;
}

std::set<std::uint32_t> announced_path_ids(const Recorder& r, std::string_view text) {
  std::set<std::uint32_t> ids;
  for (const ReceivedUpdate& u : received_updates(r)) {
    for (const NlriEntry& e : u.decoded.nlri) {
      if (e.text == text && e.action == NlriAction::Announce && e.path_id) ids.insert(*e.path_id);
    }
  }
  return ids;
}

std::optional<DecodedMessage> received_notification(const Recorder& r) {
  for (const RecordedMessage& m : r.messages) {
    if (m.direction == live::Direction::Received && m.type == msg_type::kNotification)
      return decode_message(m.bytes, PeerContext::unknown(), Depth::Tree);
  }
  return std::nullopt;
}

std::string nlri_summary(const Recorder& r) {
  std::string s;
  for (const ReceivedUpdate& u : received_updates(r)) {
    for (const NlriEntry& e : u.decoded.nlri)
      s += (e.action == NlriAction::Announce ? " +" : " -") + e.text;
    if (u.decoded.update.end_of_rib) s += " (End-of-RIB)";
  }
  return s.empty() ? " (no UPDATE received)" : s;
}

LiveSession::~LiveSession() {
  if (connection_) connection_->stop();
  // Read-only: whatever happened, we never sent an UPDATE.
  EXPECT_EQ(recorder.locked(
                [](Recorder& r) { return r.count(live::Direction::Sent, msg_type::kUpdate); }),
            0u);
}

std::string LiveSession::start(const live::SpeakerConfig& config, live::FsmOptions fsm,
                               live::ConnectionOptions options) {
  fsm.decode_depth = Depth::Detail;
  options.close_linger = 300ms;
  connection_ = std::make_unique<live::BgpConnection>(config, fsm, options, recorder);
  return connection_->start();
}

std::string LiveSession::connect(const live::SpeakerConfig& config, std::uint16_t port,
                                 const std::string& host) {
  live::ConnectionOptions options;
  options.peer = live::Endpoint{host, port};
  return start(config, live::FsmOptions{}, options);
}

std::string LiveSession::listen(const live::SpeakerConfig& config, const std::string& host,
                                const std::string& peer_host) {
  live::ConnectionOptions options;
  options.listen_at = live::Endpoint{host, 0};
  options.peer = live::Endpoint{peer_host, 0};
  live::FsmOptions fsm;
  fsm.passive = true;
  return start(config, fsm, options);
}

bool LiveSession::wait_established(Millis timeout) {
  return recorder.wait_for(
      [](const Recorder& r) {
        return !r.states.empty() && r.states.back().to == live::State::Established;
      },
      timeout);
}

std::optional<ReceivedUpdate> LiveSession::wait_update(std::string_view text, NlriAction action,
                                                       Millis timeout) {
  std::optional<ReceivedUpdate> found;
  recorder.wait_for(
      [&](const Recorder& r) {
        found = update_with(r, text, action);
        return found.has_value();
      },
      timeout);
  return found;
}

std::set<std::uint32_t> LiveSession::wait_path_ids(std::string_view text, std::size_t count,
                                                   Millis timeout) {
  std::set<std::uint32_t> ids;
  recorder.wait_for(
      [&](const Recorder& r) {
        ids = announced_path_ids(r, text);
        return ids.size() >= count;
      },
      timeout);
  return ids;
}

std::optional<std::array<std::uint8_t, 2>> LiveSession::wait_closed_with_notification(
    Millis timeout) {
  if (!connection_->wait_finished(timeout)) {
    ADD_FAILURE() << "the session did not end within " << timeout.count() << " ms";
    return std::nullopt;
  }
  const auto notification = recorder.locked(received_notification);
  if (!notification) return std::nullopt;
  return notification->notification;
}

std::optional<live::Negotiated> LiveSession::negotiated() {
  return recorder.locked([](Recorder& r) -> std::optional<live::Negotiated> {
    if (r.negotiated.empty()) return std::nullopt;
    return r.negotiated.back();
  });
}

live::SpeakerConfig speaker(std::uint32_t local_as, std::uint32_t peer_as,
                            std::vector<Family> more_families) {
  live::SpeakerConfig c;
  c.local_as = local_as;
  c.peer_as = peer_as;
  c.bgp_id = 0x0A000001;
  c.hold_time = 30;
  c.families.insert(c.families.end(), more_families.begin(), more_families.end());
  return c;
}

}  // namespace bgplens::daemons

// Events, timers and state changes of the FSM; what each received message does is in
// bgp_fsm_messages.cpp.
#include "live/bgp_fsm.h"

#include <algorithm>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

namespace bgplens::live {
namespace {

std::string seconds_text(Millis d) {
  const auto ms = d.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms) + " ms";
}

// RFC 9003 §2: the Shutdown Communication is a length octet and up to 255 octets of UTF-8. A
// longer text is cut at a character boundary.
gen::ByteVector shutdown_communication(std::string_view text) {
  std::size_t n = std::min<std::size_t>(text.size(), 255);
  while (n > 0 && n < text.size() && (static_cast<std::uint8_t>(text[n]) & 0xC0) == 0x80)
    --n;
  gen::ByteVector data{static_cast<std::uint8_t>(n)};
  data.insert(data.end(), text.begin(), text.begin() + static_cast<std::ptrdiff_t>(n));
  return data;
}

}  // namespace

BgpFsm::BgpFsm(SpeakerConfig config, FsmOptions options, FsmTransport& transport,
               SessionObserver& observer)
    : config_(std::move(config)),
      options_(options),
      transport_(transport),
      observer_(observer),
      our_open_(build_open(config_)),
      backoff_(options.backoff_initial) {
  // Our own OPEN's values, as the decoder reads them: negotiate() takes both OPENs in the same
  // form, so the contexts are exactly what a capture of this session would give.
  decode_message(our_open_, PeerContext::unknown(), Depth::Routes, our_open_decoded_);
}

void BgpFsm::set_state(TimePoint now, State to, std::string reason) {
  const State from = state_;
  state_ = to;
  observer_.on_state(StateChange{from, to, now, std::move(reason)});
}

void BgpFsm::report(TimePoint now, ErrorKind kind, std::string text,
                    std::optional<std::array<std::uint8_t, 2>> notification) {
  observer_.on_error(SessionError{kind, now, std::move(text), notification});
}

void BgpFsm::send(TimePoint now, gen::ByteVector bytes, const DecodedMessage* decoded) {
  const std::uint8_t type = bytes.size() > 18 ? bytes[18] : 0;
  if (type == msg_type::kUpdate) {
    // A read-only speaker advertises nothing; no code path builds an UPDATE, and none may.
    report(now, ErrorKind::Request, "refused to send an UPDATE: this speaker is read-only");
    return;
  }
  MessageEvent event;
  event.index = ++index_;
  event.direction = Direction::Sent;
  event.time = now;
  event.bytes = bytes;
  event.type = type;
  event.decoded = decoded;
  event.context = negotiated_ ? &negotiated_->sent : nullptr;
  if (type == msg_type::kOpen) our_open_index_ = event.index;
  transport_.send(bytes);
  observer_.on_message(event);
}

void BgpFsm::send_keepalive(TimePoint now) {
  send(now, gen::keepalive());
  // RFC 4271 §8.2.2: each KEEPALIVE sent restarts the KeepaliveTimer.
  if (negotiated_ && negotiated_->keepalive_interval.count() > 0)
    keepalive_at_ = now + negotiated_->keepalive_interval;
}

Millis BgpFsm::take_backoff() {
  const Millis wait = backoff_;
  backoff_ = std::min(backoff_ * 2, options_.backoff_max);
  return wait;
}

void BgpFsm::begin(TimePoint now, std::string reason) {
  restart_at_.reset();
  framer_.reset();
  if (options_.passive) {
    // RFC 4271 §8.2.2 Idle, event 4: listen, state Active.
    transport_.listen();
    set_state(now, State::Active, std::move(reason) + "; waiting for the peer to connect");
  } else {
    // RFC 4271 §8.2.2 Idle, event 1: start the ConnectRetryTimer, connect, state Connect.
    connect_retry_at_ = now + options_.connect_retry_time;
    transport_.connect();
    set_state(now, State::Connect, std::move(reason) + "; connecting");
  }
}

void BgpFsm::start(TimePoint now) {
  if (state_ != State::Idle) return;  // RFC 4271 §8.2.2: start events are ignored elsewhere
  stopped_ = false;
  backoff_ = options_.backoff_initial;
  connect_retry_count_ = 0;
  begin(now, "started");
}

void BgpFsm::stop(TimePoint now, std::string_view shutdown_message) {
  stopped_ = true;
  restart_at_.reset();
  connect_retry_at_.reset();
  connect_retry_count_ = 0;  // RFC 4271 §8.2.2: ManualStop sets ConnectRetryCounter to 0
  if (session_open()) {
    // RFC 4271 §8.2.2 (ManualStop in OpenSent, OpenConfirm, Established): a Cease; RFC 4486
    // §4 subcode 2, Administrative Shutdown, with RFC 9003's optional text.
    Notification n{6, 2, {}};
    if (!shutdown_message.empty()) n.data = shutdown_communication(shutdown_message);
    send(now, notification_message(n));
    close_session(now, "stopped: Cease 6/2 Administrative Shutdown sent");
    return;
  }
  if (state_ == State::Idle) return;
  transport_.disconnect();
  connected_ = false;
  set_state(now, State::Idle, "stopped");
}

void BgpFsm::tcp_connected(TimePoint now) {
  if (state_ != State::Connect && state_ != State::Active) {
    // Only one connection at a time: a late one is closed (no collision detection, §6.8).
    transport_.disconnect();
    report(
        now, ErrorKind::Transport,
        "a TCP connection arrived in state " + std::string(state_name(state_)) + " and was closed");
    return;
  }
  connected_ = true;
  connect_retry_at_.reset();
  framer_.reset();
  framer_.set_max_length(kMaxMessageLength);
  // RFC 4271 §8.2.2 Connect/Active, events 16/17: send the OPEN, set the HoldTimer to a large
  // value, go to OpenSent.
  send(now, our_open_, &our_open_decoded_);
  hold_at_ = now + options_.open_hold_time;
  set_state(now, State::OpenSent, "TCP connection up; OPEN sent");
}

void BgpFsm::tcp_failed(TimePoint now, std::string_view why) {
  const std::string what(why);
  switch (state_) {
    case State::Idle:
      return;
    case State::Connect:
      connected_ = false;
      ++connect_retry_count_;
      report(now, ErrorKind::Transport, "TCP connection failed: " + what);
      if (options_.reconnect && !stopped_) {
        // RFC 4271 §8.2.2 Connect, event 18: restart the ConnectRetryTimer, go to Active; the
        // timer's expiry there starts the next attempt (here after the back-off).
        const Millis wait = take_backoff();
        connect_retry_at_ = now + wait;
        set_state(now, State::Active,
                  "TCP connection failed: " + what + "; next attempt in " + seconds_text(wait));
      } else {
        connect_retry_at_.reset();
        set_state(now, State::Idle, "TCP connection failed: " + what);
      }
      return;
    case State::Active:
      if (!options_.passive) return;  // waiting for the retry timer; nothing is connected
      report(now, ErrorKind::Transport, "accepting a connection failed: " + what);
      connected_ = false;
      close_session(now, "accepting a connection failed: " + what);
      return;
    case State::OpenSent:
    case State::OpenConfirm:
    case State::Established:
      connected_ = false;  // the transport closed it already
      report(now, ErrorKind::Transport, "connection closed: " + what);
      close_session(now, "connection closed: " + what);
      return;
  }
}

void BgpFsm::fail(TimePoint now, ErrorKind kind, const Notification& n, const std::string& text) {
  report(now, kind, text, std::array<std::uint8_t, 2>{n.code, n.subcode});
  send(now, notification_message(n));
  close_session(now, text + "; NOTIFICATION " + std::to_string(n.code) + "/" +
                         std::to_string(n.subcode) + " sent");
}

void BgpFsm::close_session(TimePoint now, std::string reason) {
  hold_at_.reset();
  keepalive_at_.reset();
  connect_retry_at_.reset();
  framer_.reset();
  negotiated_.reset();
  if (connected_) transport_.disconnect();
  connected_ = false;
  // A session that stayed up for the whole cap was no flap: the back-off starts over.
  if (established_at_ && now - *established_at_ >= options_.backoff_max)
    backoff_ = options_.backoff_initial;
  established_at_.reset();
  if (options_.reconnect && !stopped_) {
    const Millis wait = take_backoff();
    restart_at_ = now + wait;
    reason += "; restarting in " + seconds_text(wait);
  }
  set_state(now, State::Idle, std::move(reason));
}

void BgpFsm::bytes_received(TimePoint now, Bytes data) {
  if (!connected_ || !session_open()) return;
  auto error = framer_.feed(data, [&](Bytes message) { return on_message(now, message); });
  if (error && session_open()) fail(now, ErrorKind::Header, error->notification, error->text);
}

void BgpFsm::tick(TimePoint now) {
  if (restart_at_ && now >= *restart_at_) {
    restart_at_.reset();
    begin(now, "automatic restart");
  }
  if (connect_retry_at_ && now >= *connect_retry_at_) {
    connect_retry_at_.reset();
    if (state_ == State::Connect) {
      // RFC 4271 §8.2.2 Connect, event 9: drop the attempt and start another.
      ++connect_retry_count_;
      transport_.disconnect();
      report(now, ErrorKind::Transport,
             "no TCP connection within " + seconds_text(options_.connect_retry_time));
      if (options_.reconnect && !stopped_) {
        connect_retry_at_ = now + options_.connect_retry_time;
        transport_.connect();
      } else {
        set_state(now, State::Idle,
                  "no TCP connection within " + seconds_text(options_.connect_retry_time));
      }
    } else if (state_ == State::Active && !options_.passive) {
      // RFC 4271 §8.2.2 Active, event 9: connect again, state Connect.
      connect_retry_at_ = now + options_.connect_retry_time;
      transport_.connect();
      set_state(now, State::Connect, "connect retry timer expired; connecting");
    }
  }
  if (hold_at_ && now >= *hold_at_ && session_open()) {
    // RFC 4271 §6.5 and §8.2.2 (event 10 in OpenSent, OpenConfirm, Established).
    fail(now, ErrorKind::HoldTimerExpired, Notification{4, 0, {}},
         "no message from the peer within the hold time (RFC 4271 §6.5: Hold Timer Expired)");
  }
  if (keepalive_at_ && now >= *keepalive_at_ &&
      (state_ == State::OpenConfirm || state_ == State::Established)) {
    send_keepalive(now);  // RFC 4271 §8.2.2 event 11
  }
}

std::optional<TimePoint> BgpFsm::next_deadline() const {
  std::optional<TimePoint> next;
  for (const auto& t : {restart_at_, connect_retry_at_, hold_at_, keepalive_at_}) {
    if (t && (!next || *t < *next)) next = t;
  }
  return next;
}

std::string BgpFsm::request_refresh(TimePoint now, Family family) {
  std::string why;
  if (state_ != State::Established) {
    why = "no established session (state " + std::string(state_name(state_)) + ")";
  } else if (!negotiated_->peer_route_refresh) {
    why = "the peer did not advertise route refresh (RFC 2918 §4)";
  } else if (std::find(negotiated_->families.begin(), negotiated_->families.end(), family) ==
             negotiated_->families.end()) {
    why = "family " + family_numbers(family) +
          " is not offered by both OPENs (RFC 2918 §4 refreshes a negotiated family)";
  }
  if (!why.empty()) {
    report(now, ErrorKind::Request, "route refresh not sent: " + why);
    return why;
  }
  // RFC 2918 §3 (RFC 7313 §3.2: subtype 0, a normal request, also with Enhanced Route Refresh).
  send(now, gen::route_refresh(family, 0));
  return {};
}

}  // namespace bgplens::live

// The BGP finite state machine of RFC 4271 §8, for one read-only session: no sockets, no
// threads, no clock of its own. The caller feeds it events with the time they happened; it
// answers through an FsmTransport (connect, send, disconnect) and reports to a SessionObserver
// (every message, state changes, the negotiated context, errors).
//
// It never sends an UPDATE: it advertises nothing. What it does send: OPEN, KEEPALIVE,
// NOTIFICATION, and ROUTE-REFRESH (a refresh we request, and the BoRR/EoRR of RFC 7313 §4 when
// the peer asks us for a refresh).
//
// Simplifications of RFC 4271 §8, each deliberate:
// - one TCP connection at a time, so no connection collision (§6.8) and no DelayOpen (§8.1.1);
// - when an open connection fails or an error closes it, the FSM goes to Idle (not Active, as
//   §8.2.2 has for OpenSent) and the reconnect policy decides what follows: with `reconnect`,
//   an automatic start after a back-off that doubles up to a cap (§8.1.1 IdleHoldTimer and
//   DampPeerOscillations), without it the FSM stays Idle;
// - the back-off goes back to its initial value once a session has stayed Established for at
//   least the cap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bgp/decoded_message.h"
#include "live/session_events.h"
#include "live/speaker_config.h"
#include "live/stream_framer.h"

namespace bgplens::live {

struct FsmOptions {
  // RFC 4271 §8.1.1 PassiveTcpEstablishment: wait for the peer to connect.
  bool passive = false;
  // Start again after the session ends (RFC 4271 §8.1.1 AllowAutomaticStart).
  bool reconnect = false;
  // RFC 4271 §10 ConnectRetryTime: how long one TCP connection attempt may take.
  Millis connect_retry_time{120'000};
  // The wait before the next attempt: doubles after each use, up to the cap.
  Millis backoff_initial{5'000};
  Millis backoff_max{120'000};
  // RFC 4271 §8.2.2: the "large value" the HoldTimer gets in OpenSent; 4 minutes suggested.
  Millis open_hold_time{240'000};
  // How deep received messages are decoded for the observer (errors need at least Summary).
  Depth decode_depth = Depth::Summary;
};

class BgpFsm {
 public:
  BgpFsm(SpeakerConfig config, FsmOptions options, FsmTransport& transport,
         SessionObserver& observer);
  BgpFsm(const BgpFsm&) = delete;
  BgpFsm& operator=(const BgpFsm&) = delete;

  // Events (RFC 4271 §8.1). Each takes the time it happened.
  void start(TimePoint now);  // ManualStart (1), or with PassiveTcpEstablishment (4)
  // ManualStop (2): a Cease 6/2 Administrative Shutdown when a connection is open, carrying
  // `shutdown_message` as the Shutdown Communication (RFC 9003 §2) when it is not empty.
  void stop(TimePoint now, std::string_view shutdown_message = {});
  void tcp_connected(TimePoint now);                     // Tcp_CR_Acked (16) / Confirmed (17)
  void tcp_failed(TimePoint now, std::string_view why);  // TcpConnectionFails (18)
  void bytes_received(TimePoint now, Bytes data);        // framed here, then events 19–28
  // Fires every timer due at `now` (ConnectRetryTimer, HoldTimer, KeepaliveTimer, and the
  // automatic-start back-off).
  void tick(TimePoint now);
  // The earliest time tick() has something to do, if any.
  std::optional<TimePoint> next_deadline() const;

  // Sends a ROUTE-REFRESH for `family` (RFC 2918 §3): only in Established, only if the peer
  // advertised route refresh and both OPENs offered the family (RFC 2918 §4). Returns an empty
  // string when sent, else why not (also reported as an ErrorKind::Request error).
  std::string request_refresh(TimePoint now, Family family);

  State state() const { return state_; }
  const std::optional<Negotiated>& negotiated() const { return negotiated_; }
  // Idle with no automatic start scheduled: nothing more will happen without start().
  bool finished() const { return state_ == State::Idle && !restart_at_; }
  // Bytes held for an incomplete message from the peer, now and at the most so far.
  std::size_t buffered_bytes() const { return framer_.buffered(); }
  std::size_t peak_buffered_bytes() const { return framer_.peak_buffered(); }
  std::uint32_t connect_retry_count() const { return connect_retry_count_; }
  Millis next_backoff() const { return backoff_; }
  const gen::ByteVector& our_open() const { return our_open_; }

 private:
  void begin(TimePoint now, std::string reason);
  void set_state(TimePoint now, State to, std::string reason);
  void send(TimePoint now, gen::ByteVector bytes, const DecodedMessage* decoded = nullptr);
  void send_keepalive(TimePoint now);
  // Sends `n`, reports the error, closes the session.
  void fail(TimePoint now, ErrorKind kind, const Notification& n, const std::string& text);
  // Closes the connection (if open), clears the session and goes Idle; schedules an automatic
  // start when reconnecting.
  void close_session(TimePoint now, std::string reason);
  void report(TimePoint now, ErrorKind kind, std::string text,
              std::optional<std::array<std::uint8_t, 2>> notification = std::nullopt);
  Millis take_backoff();

  // One whole received message; false when the session ended because of it.
  bool on_message(TimePoint now, Bytes message);
  void on_open(TimePoint now, Bytes message, std::uint64_t index);
  void on_update(TimePoint now, Bytes message);
  void on_route_refresh(TimePoint now, Bytes message);
  void on_notification(TimePoint now);
  void unexpected(TimePoint now, std::uint8_t type);
  bool session_open() const { return state_ >= State::OpenSent; }

  SpeakerConfig config_;
  FsmOptions options_;
  FsmTransport& transport_;
  SessionObserver& observer_;

  State state_ = State::Idle;
  StreamFramer framer_;
  gen::ByteVector our_open_;
  DecodedMessage our_open_decoded_;
  DecodedMessage decoded_;  // reused for each received message
  std::optional<Negotiated> negotiated_;
  std::uint64_t index_ = 0;  // message numbers, both directions
  std::uint64_t our_open_index_ = 0;
  bool connected_ = false;
  bool stopped_ = false;

  std::optional<TimePoint> connect_retry_at_;
  std::optional<TimePoint> hold_at_;
  std::optional<TimePoint> keepalive_at_;
  std::optional<TimePoint> restart_at_;
  std::optional<TimePoint> established_at_;
  Millis backoff_;
  std::uint32_t connect_retry_count_ = 0;  // RFC 4271 §8.1.2 ConnectRetryCounter
};

}  // namespace bgplens::live

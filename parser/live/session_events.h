// What a live BGP session reports, and the two interfaces the FSM talks through: a transport
// (the socket side, or a test's scripted peer) and an observer (the GUI, the CLI, a test).
// Everything here is Qt-free and socket-free.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "capture/ip_address.h"
#include "gen/byte_writer.h"
#include "util/bytes.h"

namespace bgplens::live {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Millis = std::chrono::milliseconds;

// RFC 4271 §8.2.2.
enum class State : std::uint8_t { Idle, Connect, Active, OpenSent, OpenConfirm, Established };
std::string_view state_name(State state);

enum class Direction : std::uint8_t { Received, Sent };

// A NOTIFICATION to send (RFC 4271 §4.5): code, subcode and data.
struct Notification {
  std::uint8_t code = 0;
  std::uint8_t subcode = 0;
  gen::ByteVector data;
};
gen::ByteVector notification_message(const Notification& n);

// One whole BGP message, sent or received. `bytes` and `decoded` are valid during the call only.
struct MessageEvent {
  std::uint64_t index = 0;  // 1, 2, … in the order of the session's messages, both directions
  Direction direction = Direction::Received;
  TimePoint time{};
  std::int64_t wall_time_ns = 0;  // set by the connection (Unix time); 0 from a bare FSM
  Bytes bytes;
  std::uint8_t type = 0;
  // The decoder's result for messages the FSM decoded (received ones, and our OPEN), else null.
  const DecodedMessage* decoded = nullptr;
  // The context messages of this direction decode with, once both OPENs are known, else null.
  const PeerContext* context = nullptr;
};

struct StateChange {
  State from = State::Idle;
  State to = State::Idle;
  TimePoint time{};
  std::string reason;
};

// What the two OPENs settled (RFC 4271 §4.2, RFC 5492 and the capability RFCs).
struct Negotiated {
  PeerContext received;  // messages from the peer to us: negotiate(peer OPEN, our OPEN)
  PeerContext sent;      // messages from us to the peer: negotiate(our OPEN, peer OPEN)
  OpenValues ours;
  OpenValues theirs;
  std::uint32_t peer_as = 0;  // the 4-octet AS capability's value, else My AS
  std::uint16_t hold_time = 0;
  Millis keepalive_interval{0};  // 0 when the hold time is 0
  // RFC 2918 §4: we may send ROUTE-REFRESH only if the peer advertised the capability.
  bool peer_route_refresh = false;
  bool enhanced_route_refresh = false;    // both sides advertised it (RFC 7313 §3.1)
  std::vector<Family> families;           // offered by both OPENs (RFC 4760 §8)
  std::optional<std::uint8_t> peer_role;  // RFC 9234 §4.1
};

enum class ErrorKind : std::uint8_t {
  Header,            // RFC 4271 §6.1: a NOTIFICATION 1/x was sent
  Open,              // RFC 4271 §6.2: a NOTIFICATION 2/x was sent
  Update,            // RFC 7606: an error that resets the session (NOTIFICATION 3/x sent)
  UpdateTolerated,   // RFC 7606: treat-as-withdraw, attribute discard, AFI/SAFI disable
  Ignored,           // a message its RFC says to ignore (RFC 2918 §4: refresh of another family)
  Fsm,               // RFC 4271 §6.6, RFC 6608: a NOTIFICATION 5/x was sent
  HoldTimerExpired,  // RFC 4271 §6.5: a NOTIFICATION 4/0 was sent
  RouteRefresh,      // RFC 7313 §5: a NOTIFICATION 7/x was sent
  PeerNotification,  // the peer sent a NOTIFICATION: the session is closed without an answer
  Transport,         // TCP: connect failed, connection closed, socket errors
  Request,           // a request we refused (route refresh the peer did not offer, …)
};
std::string_view error_kind_name(ErrorKind kind);

struct SessionError {
  ErrorKind kind = ErrorKind::Transport;
  TimePoint time{};
  std::string text;
  std::optional<std::array<std::uint8_t, 2>> notification;  // code, subcode we sent, if any
};

// Reports of a session. Called on the thread that drives the FSM.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  virtual void on_message(const MessageEvent& message) = 0;
  virtual void on_state(const StateChange& change) = 0;
  virtual void on_negotiated(const Negotiated& negotiated) = 0;
  virtual void on_error(const SessionError& error) = 0;

  // The rest are reported by a BgpConnection (a bare FSM has no socket): they let an observer
  // keep the session's bytes as a capture would, garbage included.
  //
  // A TCP connection came up: its two ends, and whether we opened it (active) or accepted it.
  virtual void on_connected(const bgplens::Endpoint& local, const bgplens::Endpoint& peer,
                            bool we_opened, std::int64_t wall_time_ns) {
    (void)local, (void)peer, (void)we_opened, (void)wall_time_ns;
  }
  // One read from the peer, as it came (before framing, so bytes that frame as no message are
  // here too); the FSM's on_message calls for it follow.
  virtual void on_bytes_read(Bytes bytes, std::int64_t wall_time_ns) {
    (void)bytes, (void)wall_time_ns;
  }
  // Within ConnectionOptions::idle_interval of anything the connection reported, from its
  // thread (an observer that batches hands its batch over here).
  virtual void on_idle(std::int64_t wall_time_ns) { (void)wall_time_ns; }
};

// Now as Unix time in nanoseconds (what recordings and the index keep).
std::int64_t wall_clock_ns();

// What the FSM asks of the TCP side. Each call returns at once; results come back as FSM
// events (tcp_connected, tcp_failed, bytes_received).
class FsmTransport {
 public:
  virtual ~FsmTransport() = default;
  virtual void connect() = 0;  // active: start a TCP connection to the peer
  virtual void listen() = 0;   // passive: accept the next incoming connection
  virtual void send(Bytes bytes) = 0;
  // Closes the connection after what was sent is written (a NOTIFICATION must reach the peer).
  virtual void disconnect() = 0;
};

}  // namespace bgplens::live

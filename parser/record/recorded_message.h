// What a recording of a BGP session holds: the session's two ends and what each direction
// negotiated, and per message its time, its direction and its bytes; optionally the FSM's
// state changes. The recorders (mrt_recorder.h, pcapng_recorder.h) write these to files that
// BGP Lens, Wireshark and the MRT tools read back.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "bgp/peer_context.h"
#include "capture/ip_address.h"
#include "util/bytes.h"

namespace bgplens::record {

// Who sent a message: the peer (received by the local speaker, BGP Lens) or the local speaker.
enum class Direction : std::uint8_t { Received, Sent };

// One BGP session as the local speaker sees it. Both addresses are of one IP version.
struct RecordedSession {
  Endpoint local;  // the local speaker's address and port
  Endpoint peer;
  std::uint32_t local_as = 0;  // 4-octet values; a 2-octet field gets AS_TRANS (RFC 6793 §9)
  std::uint32_t peer_as = 0;
  std::uint32_t local_id = 0;  // BGP identifiers (RFC 4271 §4.2)
  std::uint32_t peer_id = 0;
  std::uint16_t interface_index = 0;  // MRT's Interface Index (RFC 6396 §4.4.1); 0 when unknown
  // Which end opened the TCP connection (sent the SYN): the local speaker when active.
  bool local_opened = true;
  // When the TCP connection came up, if known: the pcapng handshake is put there (otherwise at
  // the first message). A reconnection over the same ends is a new value.
  std::optional<std::int64_t> connected_ns;
  // How each direction's messages are laid out, from the OPENs (negotiate() in
  // bgp/peer_context.h): `received` for peer → local, `sent` for local → peer. The MRT recorder
  // reads as4 and the ADD-PATH families; OPENs are recorded with the contexts the session
  // settles on (both OPENs are known by OpenConfirm, RFC 4271 §8.2.2).
  PeerContext received;
  PeerContext sent;

  const PeerContext& context(Direction d) const { return d == Direction::Sent ? sent : received; }
};

// One whole BGP message, marker to last byte, as it went over the wire.
struct RecordedMessage {
  std::int64_t time_ns = 0;  // since the Unix epoch, not negative
  Direction direction = Direction::Received;
  std::vector<std::uint8_t> bytes;

  Bytes view() const { return {bytes.data(), bytes.size()}; }
};

// A transition of the RFC 4271 §8 FSM, numbered as MRT numbers them (RFC 6396 §4.4.1):
// 1 Idle, 2 Connect, 3 Active, 4 OpenSent, 5 OpenConfirm, 6 Established.
struct RecordedStateChange {
  std::int64_t time_ns = 0;
  std::uint16_t old_state = 0;
  std::uint16_t new_state = 0;
};

// (Add to a vector with emplace_back: GCC 12 at -O2 with ASan reports a false
// -Wmaybe-uninitialized for push_back of a RecordedStateChange temporary.)
using RecordedEvent = std::variant<RecordedMessage, RecordedStateChange>;

// A session and what happened on it, in time order.
struct Recording {
  RecordedSession session;
  std::vector<RecordedEvent> events;
};

}  // namespace bgplens::record

// Sessions (TCP connections carrying BGP or BMP, and the peers a BMP stream monitors) and the
// decode contexts of their directions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "capture/ip_address.h"

namespace bgplens {

inline constexpr std::uint32_t kNoSession = UINT32_MAX;

enum class SessionKind : std::uint8_t {
  Bgp,      // a TCP connection carrying BGP
  Bmp,      // a TCP connection carrying BMP (RFC 7854): its rows are BMP messages
  BmpPeer,  // a peer monitored through a BMP connection (its rows are the BGP messages inside)
  MrtPeer,  // a peer of the collector that wrote an MRT file (its rows are records or RIB entries)
};

// What identifies a monitored peer: the BMP per-peer header (RFC 7854 §4.2; Loc-RIB, peer type
// 3, RFC 9069 §4.1).
struct BmpPeerInfo {
  std::uint8_t peer_type = 0;  // 0 global, 1 RD instance, 2 local instance, 3 Loc-RIB
  std::uint64_t distinguisher = 0;
  IpAddress address;  // the peer's address (zero for Loc-RIB)
  std::uint32_t as = 0;
  std::uint32_t bgp_id = 0;
  auto operator<=>(const BmpPeerInfo&) const = default;
};

// A collector's peer as an MRT file names it (RFC 6396 §4.2–4.4): from the PEER_INDEX_TABLE
// of a TABLE_DUMP_V2 dump, or from the header of TABLE_DUMP and BGP4MP records.
struct MrtPeerInfo {
  std::uint32_t as = 0;
  std::uint32_t local_as = 0;               // BGP4MP: the collector's AS
  std::uint32_t bgp_id = 0;                 // TABLE_DUMP_V2: the peer's BGP ID
  std::uint32_t collector_id = 0;           // TABLE_DUMP_V2: the collector's BGP ID
  std::optional<std::uint16_t> peer_index;  // TABLE_DUMP_V2: position in the peer table
  auto operator<=>(const MrtPeerInfo&) const = default;
};

struct SessionInfo {
  std::uint32_t id = 0;
  SessionKind kind = SessionKind::Bgp;
  // Bgp/Bmp: the endpoint that sent the first segment seen, and the other one.
  // BmpPeer: a is the monitored peer, b the monitored router (local address and ports from
  // the Peer Up message when one was seen, else zero). Direction 0 is peer → router (the
  // Adj-RIB-In, the received OPEN), direction 1 router → peer (the sent OPEN, Adj-RIB-Out).
  Endpoint a;
  Endpoint b;
  std::int64_t first_time_ns = 0;
  // BmpPeer: the BMP connection that reports it, and which direction of it carries the BMP.
  std::uint32_t parent = kNoSession;
  std::uint8_t parent_direction = 0;
  std::optional<BmpPeerInfo> bmp_peer;
  // MrtPeer: a is the peer, b the collector (its address from BGP4MP records, else zero).
  // Direction 0 is what the peer sent (RIB entries, received messages), 1 what the collector
  // sent (the _LOCAL subtypes).
  std::optional<MrtPeerInfo> mrt_peer;

  // "10.0.0.1:179 → 10.0.0.2:50179" for direction 0 (a → b) or 1.
  std::string direction_text(std::uint8_t direction) const;
  const Endpoint& source(std::uint8_t direction) const { return direction == 0 ? a : b; }
  const Endpoint& destination(std::uint8_t direction) const { return direction == 0 ? b : a; }
};

// How a direction of a TCP connection ended, as the capture shows it. Sent in the batch in
// which it was seen; a session with no event ran to the end of the capture (or ended with a
// NOTIFICATION, which is a row).
enum class SessionEventKind : std::uint8_t { Fin, Rst };

struct SessionEvent {
  std::uint32_t session = 0;
  std::uint8_t direction = 0;  // the direction whose sender sent the FIN or RST
  SessionEventKind kind = SessionEventKind::Fin;
  std::int64_t time_ns = 0;
  std::uint32_t frame = 0;
};

// Append-only: a message record refers to a context by index, and contexts never change, so
// a record decodes the same way whenever it is decoded. A new OPEN adds new contexts.
struct ContextTable {
  std::vector<PeerContext> contexts;
  std::vector<SessionInfo> sessions;
  std::vector<SessionEvent> events;
};

}  // namespace bgplens

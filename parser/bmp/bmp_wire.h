// The BGP Monitoring Protocol's framing and per-peer header (RFC 7854 §4.1–4.2, RFC 8671 §4,
// RFC 9069 §4.1): what the index pass needs to cut a BMP stream into messages and to find the
// BGP messages inside them, without building a field tree.
#pragma once

#include <cstdint>
#include <optional>

#include "capture/ip_address.h"
#include "util/bytes.h"

namespace bgplens::bmp {

inline constexpr std::uint32_t kCommonHeaderLength = 6;  // version, length, type (§4.1)
inline constexpr std::uint8_t kVersion = 3;
// BMP version 4 (draft-ietf-grow-bmp-tlv) adds TLVs to Route Monitoring: the BGP PDU travels in
// one of them, each TLV with a 2-octet index after its length.
inline constexpr std::uint8_t kVersion4 = 4;
inline constexpr std::uint32_t kPeerHeaderLength = 42;  // §4.2
// No BMP message needs more: a Route Monitoring message carries one BGP message (at most
// 65535 octets, RFC 8654) plus headers, and Peer Up two OPENs and TLVs. A length beyond this is
// damage, not data, and must not make the framer wait for gigabytes.
inline constexpr std::uint32_t kMaxMessageLength = 1u << 20;

// The TCP ports BMP is found on: IANA's 1790, and 11019 and 10000, common collector defaults.
inline constexpr std::uint16_t kPorts[] = {1790, 11019, 10000};

namespace type {
inline constexpr std::uint8_t kRouteMonitoring = 0;
inline constexpr std::uint8_t kStatisticsReport = 1;
inline constexpr std::uint8_t kPeerDown = 2;
inline constexpr std::uint8_t kPeerUp = 3;
inline constexpr std::uint8_t kInitiation = 4;
inline constexpr std::uint8_t kTermination = 5;
inline constexpr std::uint8_t kRouteMirroring = 6;
inline constexpr std::uint8_t kLast = kRouteMirroring;
}  // namespace type

namespace peer_type {
inline constexpr std::uint8_t kGlobal = 0;
inline constexpr std::uint8_t kRdInstance = 1;
inline constexpr std::uint8_t kLocalInstance = 2;
inline constexpr std::uint8_t kLocRib = 3;  // RFC 9069 §4.1
}  // namespace peer_type

namespace peer_flag {
inline constexpr std::uint8_t kIpv6 = 0x80;            // V (RFC 7854 §4.2)
inline constexpr std::uint8_t kPostPolicy = 0x40;      // L
inline constexpr std::uint8_t kLegacyAsPath = 0x20;    // A: 2-octet AS_PATH
inline constexpr std::uint8_t kAdjRibOut = 0x10;       // O (RFC 8671 §4)
inline constexpr std::uint8_t kLocRibFiltered = 0x80;  // F, Loc-RIB peers (RFC 9069 §4.2)
}  // namespace peer_flag

// Whether the message type carries the per-peer header (§4.2: all but Initiation and
// Termination).
constexpr bool has_peer_header(std::uint8_t message_type) {
  return message_type != type::kInitiation && message_type != type::kTermination &&
         message_type <= type::kLast;
}

// A common header that could start a BMP message: version 3 or 4, a length that covers the header
// and stays under kMaxMessageLength, a known type. `bytes` may hold fewer than 6 bytes; what is
// there must fit.
bool plausible_header(Bytes bytes);

struct PeerHeader {
  std::uint8_t peer_type = 0;
  std::uint8_t flags = 0;
  std::uint64_t distinguisher = 0;
  IpAddress address;
  std::uint32_t as = 0;
  std::uint32_t bgp_id = 0;
  std::uint32_t seconds = 0;
  std::uint32_t microseconds = 0;

  bool loc_rib() const { return peer_type == peer_type::kLocRib; }
  // The routes were sent by the monitored router (Adj-RIB-Out), not received by it.
  bool adj_rib_out() const { return !loc_rib() && (flags & peer_flag::kAdjRibOut); }
  // AS_PATH in 2-octet form. Loc-RIB has no A flag (RFC 9069 §4.2): the router's own table
  // is in its native 4-octet form.
  bool legacy_as_path() const { return !loc_rib() && (flags & peer_flag::kLegacyAsPath); }
};

// Reads the per-peer header at the start of `bytes` (42 bytes needed).
std::optional<PeerHeader> read_peer_header(Bytes bytes);
// An address field of 16 bytes: IPv4 in the low-order 4 bytes unless `ipv6` (§4.2, §4.10).
IpAddress read_address(const std::uint8_t* sixteen, bool ipv6);

// What a BGP message inside a BMP message is, for the session it belongs to.
enum class EmbeddedRole : std::uint8_t {
  RouteMonitoring,     // an UPDATE the peer sent (or, Adj-RIB-Out, the router sent)
  SentOpen,            // Peer Up: the OPEN the monitored router sent
  ReceivedOpen,        // Peer Up: the OPEN the peer sent
  LocalNotification,   // Peer Down reason 1: the NOTIFICATION the router sent
  RemoteNotification,  // Peer Down reason 3: the NOTIFICATION the peer sent
  Mirrored,            // Route Mirroring, BGP Message TLV: a message the peer sent
};

// Peer Up (§4.10): the monitored session's local address and ports, after the per-peer header.
struct PeerUpEndpoints {
  IpAddress local_address;
  std::uint16_t local_port = 0;
  std::uint16_t remote_port = 0;
};
inline constexpr std::uint32_t kPeerUpEndpointsLength = 20;
// `bytes` is the whole BMP message; nullopt when it is too short.
std::optional<PeerUpEndpoints> read_peer_up_endpoints(Bytes bytes, const PeerHeader& header);

// Whether the BGP marker (16 octets of 0xFF) starts at `at` of `bytes`.
bool marker_at(Bytes bytes, std::uint32_t at);

}  // namespace bgplens::bmp

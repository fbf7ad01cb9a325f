// The peer's OPEN: what we read from it beyond the decoder's OpenValues, the checks that decide
// whether we accept it (RFC 4271 §6.2 and the RFCs that refine it), and what the two OPENs
// settle for the session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "live/session_events.h"
#include "live/speaker_config.h"

namespace bgplens::live {

struct PeerOpen {
  OpenValues values;
  std::uint32_t peer_as = 0;            // the Four-Octet AS capability's value, else My AS
  std::vector<std::uint8_t> roles;      // every BGP Role capability's value (RFC 9234 §4.1)
  bool enhanced_route_refresh = false;  // capability 70 (RFC 7313 §3.1)
};

// `decoded` is the decoder's result for `message` at Depth::Routes or deeper (it needs the
// capability list to read the Role values).
PeerOpen read_open(Bytes message, const DecodedMessage& decoded);

struct OpenRejection {
  Notification notification;
  std::string text;
};

// Whether we refuse the peer's OPEN, and with which NOTIFICATION (RFC 4271 §6.2): version
// (2/1), malformed parameters (2/0), peer AS (2/2, RFC 6793 §4.2.1 and RFC 7607 §2), BGP
// Identifier (2/3, RFC 6286 §2.2), hold time (2/6), role (2/11, RFC 9234 §4.2).
std::optional<OpenRejection> check_open(const PeerOpen& peer, const DecodedMessage& decoded,
                                        const SpeakerConfig& ours);

// The families an OPEN offers: its Multiprotocol capabilities, or IPv4 unicast alone when it
// has none (RFC 4760 §8: without the capability a speaker carries only RFC 4271's own NLRI).
std::vector<Family> offered_families(const OpenValues& open);

// RFC 4271 §10: one third of the hold time, and RFC 4271 §4.4: not more often than once a
// second. Zero when the hold time is zero (no KEEPALIVEs, §4.4).
Millis keepalive_interval(std::uint16_t hold_time);

// What the OPENs settle, with each direction's decoding context from negotiate() (message
// numbers as the session counts them).
Negotiated negotiate_session(const OpenValues& ours, std::uint64_t our_index,
                             const PeerOpen& theirs, std::uint64_t their_index,
                             const SpeakerConfig& config);

}  // namespace bgplens::live

// What our side of a live, read-only BGP session says about itself in its OPEN: AS number,
// BGP Identifier, hold time and the capabilities offered. We keep no routes and never send an
// UPDATE, so every capability here is one a pure listener can honestly advertise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/family.h"
#include "gen/byte_writer.h"

namespace bgplens::live {

// RFC 6793 §9: the 2-octet placeholder for an AS number that does not fit in 16 bits.
inline constexpr std::uint32_t kAsTrans = 23456;

// RFC 9234 §4.1: the values of the BGP Role capability (code 9).
enum class BgpRole : std::uint8_t {
  Provider = 0,
  RouteServer = 1,
  RouteServerClient = 2,
  Customer = 3,
  Peer = 4,
};

std::string_view role_name(BgpRole role);
// "provider", "rs", "rs-client", "customer", "peer" (as the CLI spells them).
std::optional<BgpRole> parse_role(std::string_view text);
// RFC 9234 §4.2, Table 2: the one role a correctly configured peer has opposite ours.
BgpRole matching_role(BgpRole ours);

// IPv4 and IPv6 unicast: what a live session offers unless told otherwise. (A function rather
// than a braced default: GCC 12 reports a false -Wmaybe-uninitialized for the inlined list.)
std::vector<Family> default_live_families();

struct SpeakerConfig {
  std::uint32_t local_as = 0;            // 4-octet; AS_TRANS goes in My AS when > 65535
  std::optional<std::uint32_t> peer_as;  // checked against the peer's OPEN when set
  std::uint32_t bgp_id = 0;              // host order: 10.0.0.1 is 0x0A000001
  std::uint16_t hold_time = 90;          // RFC 4271 §10 suggests 90 s; 0 or >= 3 (§4.2)
  std::vector<Family> families = default_live_families();  // Multiprotocol (RFC 4760 §8)
  std::vector<Family> add_path_receive;                    // ADD-PATH receive (RFC 7911 §4)
  bool extended_message = false;                           // RFC 8654 §3
  // RFC 4724 §3: Graceful Restart with this restart time (12 bits) and no <AFI, SAFI>: we act
  // as a Receiving Speaker only, since we keep no forwarding state.
  std::optional<std::uint16_t> graceful_restart_time;
  bool route_refresh = true;            // RFC 2918 §2
  bool enhanced_route_refresh = false;  // RFC 7313 §3.1
  std::optional<BgpRole> role;          // RFC 9234 §4.1
  // RFC 9234 §4.2: with strict mode, a peer that sends no Role capability is refused (2/11).
  bool role_strict = false;
};

// Every problem with `config`, each a sentence saying what is wrong and what rule it breaks.
// Empty when the configuration can be used.
std::vector<std::string> validate(const SpeakerConfig& config);

// The My AS field of our OPEN: the AS itself, or AS_TRANS when it needs 4 octets (RFC 6793
// §4.2.1).
std::uint16_t my_as_field(std::uint32_t local_as);

// Our OPEN message (header included). The Four-Octet AS capability is always present (RFC 6793
// §3). Call validate() first: a configuration it rejects gives an OPEN that says so on the wire.
gen::ByteVector build_open(const SpeakerConfig& config);

// "10.0.0.1" → 0x0A000001; nullopt unless four dotted decimal octets.
std::optional<std::uint32_t> parse_router_id(std::string_view text);

}  // namespace bgplens::live

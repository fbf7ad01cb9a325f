// Builds BGP messages byte by byte, for the bundled sample capture, the tests and the
// benchmarks. It writes what it is told, including deliberately malformed values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/family.h"
#include "gen/byte_writer.h"

namespace bgplens::gen {

// A prefix to put in an NLRI field: address bytes (4 or 16 used), length, optional path id.
struct Prefix {
  std::array<std::uint8_t, 16> address{};
  std::uint8_t length = 0;
  std::optional<std::uint32_t> path_id;
};

// "10.1.0.0/16" or "2001:db8::/32"; throws std::invalid_argument on bad text.
Prefix prefix(const std::string& text, std::optional<std::uint32_t> path_id = std::nullopt);
ByteVector ipv4(const std::string& text);
ByteVector ipv6(const std::string& text);

// A whole message: marker, length, type, body. `length_override` writes a wrong length.
ByteVector message(std::uint8_t type, Bytes body,
                   std::optional<std::uint16_t> length_override = {});
ByteVector keepalive();
ByteVector notification(std::uint8_t code, std::uint8_t subcode, Bytes data = {});
ByteVector route_refresh(Family family, std::uint8_t subtype = 0);

struct GracefulRestart {
  std::uint16_t restart_time = 120;
  bool restarted = false;
  bool notification = false;
  std::vector<Family> families;  // forwarding state preserved
};

// IPv4 unicast only: what an OPEN offers when nothing else is asked for.
std::vector<Family> default_families();

struct OpenSpec {
  std::uint16_t my_as = 65001;
  std::uint16_t hold_time = 90;
  std::uint32_t bgp_id = 0x0A000001;
  std::optional<std::uint32_t> as4;
  // (From a function, not a braced list: GCC 12 reports a false -Wmaybe-uninitialized for
  // the inlined initializer_list at -O2.)
  std::vector<Family> multiprotocol = default_families();
  std::vector<AddPathOffer> add_path;
  bool route_refresh = true;
  bool enhanced_route_refresh = false;
  bool extended_message = false;
  std::optional<GracefulRestart> graceful_restart;
  // Capabilities written as given: code and value.
  std::vector<std::pair<std::uint8_t, ByteVector>> extra_capabilities;
};

ByteVector capability(std::uint8_t code, Bytes value);
ByteVector open(const OpenSpec& spec);

// Path attributes.
ByteVector attribute(std::uint8_t flags, std::uint8_t code, Bytes value);
ByteVector origin(std::uint8_t value);
struct Segment {
  std::uint8_t type = 2;  // AS_SEQUENCE
  std::vector<std::uint32_t> ases;
};
ByteVector as_path(const std::vector<Segment>& segments, bool four_octet, std::uint8_t code = 2);
ByteVector next_hop(const std::string& ipv4_text);
ByteVector med(std::uint32_t value);
ByteVector local_pref(std::uint32_t value);
ByteVector atomic_aggregate();
ByteVector aggregator(std::uint32_t as, const std::string& ipv4_text, bool four_octet);
ByteVector communities(const std::vector<std::uint32_t>& values);
ByteVector mp_reach(Family family, Bytes next_hop, const std::vector<Prefix>& nlri);
ByteVector mp_unreach(Family family, const std::vector<Prefix>& withdrawn);

// The NLRI encoding of prefixes (RFC 4271 §4.3; with path ids per RFC 7911).
ByteVector nlri(const std::vector<Prefix>& prefixes);

struct UpdateSpec {
  std::vector<Prefix> withdrawn;
  std::vector<ByteVector> attributes;
  std::vector<Prefix> nlri;
};
ByteVector update(const UpdateSpec& spec);

}  // namespace bgplens::gen

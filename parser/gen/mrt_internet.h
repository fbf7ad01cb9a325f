// The synthetic Internet behind the generated MRT dumps: origin networks, regional and
// transit providers and the tier-1 networks above them (a valley-free AS graph), the route
// collector's peers, and the route a peer sends for a prefix: AS path, communities, MED, next
// hop, aggregation. Every choice is a hash of the seed and the things it concerns, so the same
// peer sees the same path to the same origin wherever it is asked (RIB or update stream).
#pragma once

#include <cstdint>
#include <vector>

#include "gen/message_builder.h"
#include "gen/mrt_writer.h"

namespace bgplens::gen {

enum class PeerRole : std::uint8_t { Tier1, Transit, Edge };

struct CollectorPeer {
  std::uint32_t as = 0;
  PeerRole role = PeerRole::Edge;
  MrtAddress ip;        // the session's address (an IXP's): its family is the transport's
  MrtAddress local_ip;  // the collector's address on that IXP
  std::uint32_t bgp_id = 0;
  bool ipv4_routes = false;
  bool ipv6_routes = false;        // IPv4 sessions may carry IPv6 routes too (RFC 4760)
  ByteVector next_hop4;            // 4 octets
  ByteVector next_hop6;            // 16 octets, or 32 with a link-local address (RFC 2545 §3)
  std::uint16_t coverage = 10000;  // prefixes of the table it has, per 10000
  bool communities = false;
  bool large_communities = false;  // RFC 8092
  bool med = false;
  std::uint32_t provider = 0;       // an edge's transit provider (index)
  std::uint32_t tier1 = 0;          // the tier-1 network above it (index)
  std::uint32_t session_age = 0;    // seconds the session has been up at the dump
  std::uint32_t update_weight = 1;  // its share of an update stream (some peers are noisy)
};

// A route's attributes with the place of MP_REACH_NLRI (type 14) left open between them, so
// that attributes stay in type order (RFC 4271 §5: SHOULD be ordered by type code).
struct RouteAttributes {
  ByteVector before_mp;  // ORIGIN … COMMUNITIES (types 1–8): NEXT_HOP for IPv4 routes
  ByteVector after_mp;   // LARGE_COMMUNITY (type 32)
};

class InternetModel {
 public:
  // `peers`: the first 30 are modelled on a RIS collector's (a mix of tier-1, transit and
  // edge networks, IPv4 and IPv6 sessions, full and partial feeds); more are made up.
  InternetModel(std::uint32_t peers, std::uint32_t origins, std::uint64_t seed);

  const std::vector<CollectorPeer>& peers() const { return peers_; }
  std::uint32_t collector_as() const { return 12654; }
  std::uint32_t collector_id() const { return 0xC100041C; }  // 193.0.4.28

  std::uint32_t origin_as(std::uint32_t origin) const;
  // Whether the peer has a route to the table's prefix number `key` of that family.
  bool carries(std::uint32_t peer, bool v6, std::uint64_t key) const;
  // The AS_PATH the peer sends (4-octet AS numbers): a sequence, and an AS_SET for aggregates.
  std::vector<Segment> as_path(std::uint32_t peer, std::uint32_t origin,
                               std::uint8_t variant) const;
  // All the route's attributes but MP_REACH_NLRI (and, for IPv6, NEXT_HOP): encoded with
  // message_builder, 4-octet AS numbers (RFC 6396 §4.3.4; MESSAGE_AS4, §4.4.3).
  void attributes(std::uint32_t peer, std::uint32_t origin, std::uint8_t variant, bool v6,
                  RouteAttributes& out) const;
  // When the peer's route to the prefix was learned (the RIB entry's Originated Time).
  std::uint32_t originated(std::uint32_t peer, bool v6, std::uint64_t key,
                           std::uint32_t dump_time) const;

 private:
  std::uint64_t hash(std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) const;
  std::uint32_t origin_transit(std::uint32_t origin, bool backup) const;
  std::vector<std::uint32_t> communities_of(const CollectorPeer& p, std::uint32_t origin,
                                            const std::vector<std::uint32_t>& path) const;

  std::uint64_t seed_;
  std::uint32_t origins_;
  std::vector<std::uint32_t> transit_;  // transit providers' AS numbers
  std::vector<CollectorPeer> peers_;
};

}  // namespace bgplens::gen

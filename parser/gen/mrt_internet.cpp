#include "gen/mrt_internet.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <iterator>
#include <string>

#include "gen/mrt_prefixes.h"

namespace bgplens::gen {
namespace {

constexpr std::uint32_t kTier1[] = {174,  701,  1299, 2914, 3257, 3320, 3356, 3491,
                                    5511, 6453, 6461, 6762, 6830, 7018, 12956};
constexpr std::size_t kTier1Count = std::size(kTier1);

// Transit providers seen in the middle of real paths; made-up ones follow them.
constexpr std::uint32_t kKnownTransit[] = {
    6939, 4637, 9002, 1273, 2516, 4766, 7473,  9498,  3216,  20485, 31133, 12389, 8359, 4134,
    4837, 7922, 209,  3549, 1239, 4826, 7545,  2497,  37100, 16735, 4323,  6327,  577,  812,
    852,  6128, 1221, 7575, 9318, 4788, 10026, 55410, 9583,  17676, 3303,  8220,  3292, 8218};
constexpr std::uint32_t kTransitCount = 400;

// The first peers, after the kinds of networks that feed a RIS collector.
struct RosterEntry {
  std::uint32_t as;
  PeerRole role;
  bool v6_session;
  bool v6_routes_too;  // an IPv4 session that carries IPv6 as well
  std::uint16_t coverage;
  bool communities, large, med;
};
constexpr RosterEntry kRoster[] = {
    {3356, PeerRole::Tier1, false, false, 9990, true, false, true},
    {1299, PeerRole::Tier1, false, false, 9985, true, false, false},
    {174, PeerRole::Tier1, false, false, 9980, true, false, false},
    {6939, PeerRole::Transit, true, false, 9995, false, false, false},
    {2914, PeerRole::Tier1, false, false, 9990, true, false, true},
    {6453, PeerRole::Tier1, false, false, 9970, false, false, false},
    {3257, PeerRole::Tier1, false, false, 9975, true, false, false},
    {6939, PeerRole::Transit, false, false, 9995, false, false, false},
    {9002, PeerRole::Transit, false, false, 9960, true, false, false},
    {1299, PeerRole::Tier1, true, false, 9985, true, false, false},
    {20912, PeerRole::Edge, false, true, 9950, true, false, false},
    {34549, PeerRole::Edge, false, true, 9970, true, true, false},
    {8492, PeerRole::Edge, false, false, 2500, true, false, false},
    {3356, PeerRole::Tier1, true, false, 9990, true, false, true},
    {57695, PeerRole::Edge, false, true, 9940, false, false, false},
    {211398, PeerRole::Edge, false, true, 9960, false, true, false},
    {4637, PeerRole::Transit, false, true, 9980, true, false, false},
    {37100, PeerRole::Transit, false, false, 6000, true, false, false},
    {7018, PeerRole::Tier1, false, false, 9985, false, false, false},
    {2497, PeerRole::Transit, true, false, 9970, true, false, false},
    {328474, PeerRole::Edge, false, false, 300, false, true, false},
    {3130, PeerRole::Edge, false, true, 9960, false, false, false},
    {6762, PeerRole::Tier1, false, false, 9980, true, false, true},
    {20811, PeerRole::Edge, true, false, 9950, true, false, false},
    {206499, PeerRole::Edge, false, true, 9970, false, true, false},
    {49673, PeerRole::Edge, false, true, 9930, true, false, false},
    {13830, PeerRole::Edge, true, false, 3000, false, false, false},
    {53767, PeerRole::Edge, false, true, 9960, true, false, true},
    {398465, PeerRole::Edge, true, false, 9960, false, true, false},
    {12956, PeerRole::Tier1, false, false, 9975, true, false, false},
};

// Public AS numbers from a hash: 2-octet ones (without AS_TRANS, 23456, RFC 6793 §9, and the
// private and documentation ranges) and, for `four` of 100, 4-octet ones (RFC 6793).
std::uint32_t public_as(std::uint64_t h, std::uint32_t four) {
  if (h % 100 < four) return 131072 + static_cast<std::uint32_t>((h >> 8) % 270000);
  const std::uint32_t as = 1000 + static_cast<std::uint32_t>((h >> 8) % 63000);
  return as == 23456 ? 23457 : as;
}

// Internet exchanges the collector sits at: IPv4 LAN, its size, IPv6 LAN prefix (first 48
// bits). Peers get addresses in the AMS-IX style, the AS number's digits in the IPv6 address.
struct Ixp {
  std::uint32_t v4;
  std::uint32_t v4_size;
  std::array<std::uint16_t, 3> v6;
};
constexpr Ixp kIxps[] = {{0x50F9D000, 2048, {0x2001, 0x7f8, 0x1}},   // AMS-IX 80.249.208/21
                         {0xC342E000, 1024, {0x2001, 0x7f8, 0x4}},   // LINX 195.66.224/22
                         {0x5051C000, 2048, {0x2001, 0x7f8, 0x0}}};  // DE-CIX 80.81.192/21

MrtAddress ixp_v6(const Ixp& x, std::uint32_t as, std::uint32_t host) {
  MrtAddress a;
  a.v6 = true;
  // ::a5XX:XXXX:host with the AS number's last six decimal digits in XX XXXX.
  const std::uint32_t d = as % 1000000;
  const std::uint16_t groups[8] = {
      x.v6[0],
      x.v6[1],
      x.v6[2],
      0,
      0,
      static_cast<std::uint16_t>(0xA500 | ((d / 100000) << 4) | ((d / 10000) % 10)),
      static_cast<std::uint16_t>(((d / 1000 % 10) << 12) | ((d / 100 % 10) << 8) |
                                 ((d / 10 % 10) << 4) | (d % 10)),
      static_cast<std::uint16_t>(host)};
  for (int i = 0; i < 8; ++i) {
    a.bytes[static_cast<std::size_t>(2 * i)] = static_cast<std::uint8_t>(groups[i] >> 8);
    a.bytes[static_cast<std::size_t>(2 * i + 1)] = static_cast<std::uint8_t>(groups[i]);
  }
  return a;
}

ByteVector concat(std::initializer_list<const ByteVector*> parts) {
  ByteVector out;
  for (const ByteVector* p : parts)
    out.insert(out.end(), p->begin(), p->end());
  return out;
}

}  // namespace

std::uint64_t InternetModel::hash(std::uint64_t a, std::uint64_t b, std::uint64_t c) const {
  return mix64(mix64(mix64(seed_ ^ a) + b) + c);
}

InternetModel::InternetModel(std::uint32_t peers, std::uint32_t origins, std::uint64_t seed)
    : seed_(mix64(seed ^ 0x1A7E'12E7)), origins_(std::max<std::uint32_t>(1, origins)) {
  transit_.assign(std::begin(kKnownTransit), std::end(kKnownTransit));
  for (std::uint32_t i = static_cast<std::uint32_t>(transit_.size()); i < kTransitCount; ++i)
    transit_.push_back(public_as(hash(0x7A, i), 15));
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(1, peers); ++i) {
    CollectorPeer p;
    RosterEntry r{};
    if (i < std::size(kRoster)) {
      r = kRoster[i];
    } else {
      const std::uint64_t h = hash(0x9EE7, i);
      r.as = public_as(h, 40);
      r.role = h % 5 == 0 ? PeerRole::Transit : PeerRole::Edge;
      r.v6_session = i % 4 == 3;
      r.v6_routes_too = i % 3 == 0;
      r.coverage =
          static_cast<std::uint16_t>(i % 7 == 5 ? 500 + (h >> 16) % 6000 : 9900 + (h >> 16) % 100);
      r.communities = (h >> 32) % 3 != 0;
      r.large = r.communities && r.as > 65535;
      r.med = (h >> 40) % 5 == 0;
    }
    p.as = r.as;
    p.role = r.role;
    const Ixp& x = kIxps[i % std::size(kIxps)];
    const std::uint32_t host = 1 + i / static_cast<std::uint32_t>(std::size(kIxps));
    if (r.v6_session) {
      p.ip = ixp_v6(x, r.as, host);
      p.local_ip = ixp_v6(x, collector_as(), 1);
    } else {
      p.ip = mrt_address_v4(x.v4 + host % (x.v4_size - 2));
      p.local_ip = mrt_address_v4(x.v4 + x.v4_size - 2);
    }
    p.bgp_id = r.v6_session ? static_cast<std::uint32_t>(0x01000000 + hash(0xB61D, i) % 0xDE000000)
                            : x.v4 + host % (x.v4_size - 2);
    p.ipv4_routes = !r.v6_session;
    p.ipv6_routes = r.v6_session || r.v6_routes_too;
    // The next hop is the peer itself (an IPv6 session's IPv4 routes: its BGP identifier).
    p.next_hop4 = r.v6_session ? ByteVector{static_cast<std::uint8_t>(p.bgp_id >> 24),
                                            static_cast<std::uint8_t>(p.bgp_id >> 16),
                                            static_cast<std::uint8_t>(p.bgp_id >> 8),
                                            static_cast<std::uint8_t>(p.bgp_id)}
                               : ByteVector(p.ip.bytes.begin(), p.ip.bytes.begin() + 4);
    const MrtAddress global = ixp_v6(x, r.as, host);
    p.next_hop6.assign(global.bytes.begin(), global.bytes.end());
    if (hash(0x11, i) % 6 == 0) {
      // A link-local address after the global one (RFC 2545 §3): fe80::, the host's.
      const MrtAddress ll = mrt_address("fe80::" + std::to_string(host));
      p.next_hop6.insert(p.next_hop6.end(), ll.bytes.begin(), ll.bytes.end());
    }
    p.coverage = r.coverage;
    p.communities = r.communities && r.as <= 0xFFFF;  // standard ones hold a 2-octet AS
    p.large_communities = r.large || (r.communities && r.as > 0xFFFF);
    p.med = r.med;
    p.provider = static_cast<std::uint32_t>(hash(0x9A, i) % std::size(kKnownTransit));
    p.tier1 = static_cast<std::uint32_t>(hash(0x71, i) % kTier1Count);
    if (p.role == PeerRole::Tier1) {
      const auto* t = std::find(std::begin(kTier1), std::end(kTier1), p.as);
      if (t != std::end(kTier1)) p.tier1 = static_cast<std::uint32_t>(t - std::begin(kTier1));
    }
    // Up for an hour to half a year; a few peers are noisy (most of an update stream).
    p.session_age = 3600 + static_cast<std::uint32_t>(hash(0x5E55, i) % (180 * 86400));
    p.update_weight =
        hash(0x0B, i) % 8 == 0 ? 30 : 1 + static_cast<std::uint32_t>(hash(0xC, i) % 6);
    peers_.push_back(std::move(p));
  }
  // Both families need someone who sends them.
  const auto any = [this](bool v6) {
    return std::any_of(peers_.begin(), peers_.end(),
                       [v6](const CollectorPeer& p) { return v6 ? p.ipv6_routes : p.ipv4_routes; });
  };
  if (!any(false)) peers_[0].ipv4_routes = true;
  if (!any(true)) peers_[0].ipv6_routes = true;
}

std::uint32_t InternetModel::origin_as(std::uint32_t origin) const {
  return public_as(hash(0x0A5, origin), 42);
}

bool InternetModel::carries(std::uint32_t peer, bool v6, std::uint64_t key) const {
  const CollectorPeer& p = peers_[peer];
  if (!(v6 ? p.ipv6_routes : p.ipv4_routes)) return false;
  return hash(key, peer, v6) % 10000 < p.coverage;
}

// The origin's upstream: a transit network (index), mostly one of the well-known ones; the
// backup upstream is another one.
std::uint32_t InternetModel::origin_transit(std::uint32_t origin, bool backup) const {
  const std::uint64_t h = hash(0x0A7, origin, backup);
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  return static_cast<std::uint32_t>(kTransitCount * u * u);
}

std::vector<Segment> InternetModel::as_path(std::uint32_t peer, std::uint32_t origin,
                                            std::uint8_t variant) const {
  namespace rv = route_variant;
  const CollectorPeer& p = peers_[peer];
  const std::uint32_t o = origin_as(origin);
  const std::uint64_t ho = hash(0x0A8, origin);
  // The origin's side: regional provider (some), transit (or a tier-1 directly).
  const std::uint32_t t = origin_transit(origin, variant == rv::kBackupUpstream);
  const bool direct_tier1 = ho % 100 < 8;
  const std::uint32_t meet =
      kTier1[direct_tier1 ? (ho >> 8) % kTier1Count : hash(0x7B, t) % kTier1Count];
  std::vector<std::uint32_t> down;
  if (!direct_tier1) down.push_back(transit_[t]);
  if ((ho >> 16) % 100 < 30) down.push_back(public_as(hash(0x4E6, (ho >> 24) % 3000), 45));
  down.push_back(o);
  // The peer's side, up to its tier-1.
  std::vector<std::uint32_t> path{p.as};
  const bool detour = variant >= rv::kFirstDetour;
  // Peers meet many transit networks directly (at exchanges): a short path.
  const std::uint32_t direct = p.role == PeerRole::Transit ? 45
                               : p.role == PeerRole::Tier1 ? 30
                                                           : 15;
  if (!detour && !direct_tier1 && hash(0xD1, peer, t) % 100 < direct) {
    path.insert(path.end(), down.begin(), down.end());
  } else {
    if (p.role == PeerRole::Edge) path.push_back(kKnownTransit[p.provider]);
    if (p.role != PeerRole::Tier1) path.push_back(kTier1[p.tier1]);
    if (detour) path.push_back(kTier1[variant % kTier1Count]);
    path.push_back(meet);
    path.insert(path.end(), down.begin(), down.end());
  }
  // No AS twice: repeated neighbours merge, and a loop is cut back to its first visit (the
  // origin stays last).
  std::vector<std::uint32_t> clean;
  for (std::uint32_t as : path) {
    const auto seen = std::find(clean.begin(), clean.end(), as);
    if (seen == clean.end()) {
      clean.push_back(as);
    } else {
      clean.erase(seen + 1, clean.end());
    }
  }
  const std::uint64_t hv = hash(0xF1, origin, variant);
  if (variant == rv::kOriginPrepend) clean.insert(clean.end(), 1 + hv % 3, o);
  if (variant == rv::kTransitPrepend && clean.size() >= 3) {
    const auto at = clean.end() - 2;
    clean.insert(at, 1 + hv % 2, *at);
  }
  std::vector<Segment> segments{{2, std::move(clean)}};
  if (variant == rv::kAggregate) {
    // An aggregate of the origin's customers' routes: their origins as an AS_SET (RFC 4271
    // §9.2.2.2).
    Segment set{1, {}};
    for (std::uint64_t i = 0, n = 1 + hv % 3; i < n; ++i) {
      const std::uint32_t as =
          origin_as(static_cast<std::uint32_t>(hash(0x5E7, origin, i) % origins_));
      if (as != o && std::find(set.ases.begin(), set.ases.end(), as) == set.ases.end())
        set.ases.push_back(as);
    }
    std::sort(set.ases.begin(), set.ases.end());
    if (!set.ases.empty()) segments.push_back(std::move(set));
  }
  return segments;
}

std::vector<std::uint32_t> InternetModel::communities_of(
    const CollectorPeer& p, std::uint32_t origin, const std::vector<std::uint32_t>& path) const {
  std::vector<std::uint32_t> c;
  const std::uint64_t h = hash(0xC0, origin, p.as);
  if (p.communities) {
    // The peer's own tags: where it learned the route (region and city), how (customer,
    // peer, upstream).
    const std::uint32_t base = p.as << 16;
    const std::uint32_t relation = path.size() <= 3 ? 1 : path.size() <= 4 ? 2 : 3;
    c.push_back(base | (1000 + (h % 6) * 100 + (h >> 8) % 40));
    c.push_back(base | (2000 + relation));
    if ((h >> 16) % 3 == 0) c.push_back(base | (3000 + (h >> 20) % 200));
    // Tier-1 networks on the path add theirs.
    for (std::size_t i = 1; i + 1 < path.size(); ++i) {
      const std::uint64_t ht = hash(0xC1, origin, path[i]);
      if (path[i] <= 0xFFFF &&
          std::find(std::begin(kTier1), std::end(kTier1), path[i]) != std::end(kTier1) &&
          ht % 100 < 40)
        c.push_back(path[i] << 16 | (100 + (ht >> 8) % 900));
    }
    if (h % 1500 == 0) c.push_back(0xFFFFFF01);  // NO_EXPORT (RFC 1997)
  }
  std::sort(c.begin(), c.end());
  c.erase(std::unique(c.begin(), c.end()), c.end());
  return c;
}

void InternetModel::attributes(std::uint32_t peer, std::uint32_t origin, std::uint8_t variant,
                               bool v6, RouteAttributes& out) const {
  namespace rv = route_variant;
  const CollectorPeer& p = peers_[peer];
  const std::vector<Segment> path = as_path(peer, origin, variant);
  const std::uint64_t ho = hash(0x0A9, origin);
  // Mostly IGP; INCOMPLETE for redistributed routes; EGP hardly ever (RFC 4271 §5.1.1).
  const std::uint64_t kind = ho % 1000;
  const ByteVector attr_origin = gen::origin(kind < 920 ? 0 : kind < 997 ? 2 : 1);
  const ByteVector attr_path = gen::as_path(path, true);
  out.before_mp = concat({&attr_origin, &attr_path});
  if (!v6) {
    const ByteVector hop = attribute(0x40, 3, p.next_hop4);
    out.before_mp.insert(out.before_mp.end(), hop.begin(), hop.end());
  }
  if (p.med) {
    constexpr std::uint32_t kMeds[] = {0, 0, 0, 10, 20, 50, 100, 200, 500};
    const std::uint64_t hm = hash(0x3ED, origin, peer);
    const std::uint32_t value = hm % 10 < 9 ? kMeds[(hm >> 8) % std::size(kMeds)]
                                            : static_cast<std::uint32_t>((hm >> 8) % 5000);
    const ByteVector m = med(value);
    out.before_mp.insert(out.before_mp.end(), m.begin(), m.end());
  }
  if (variant == rv::kAggregate) {
    const ByteVector a = atomic_aggregate();
    out.before_mp.insert(out.before_mp.end(), a.begin(), a.end());
  }
  if (variant == rv::kAggregate || variant == rv::kAggregator) {
    // The aggregating router of the origin.
    char id[16];
    std::snprintf(id, sizeof id, "%u.%u.%u.%u", static_cast<unsigned>(1 + (ho >> 8) % 222),
                  static_cast<unsigned>((ho >> 16) & 0xFF),
                  static_cast<unsigned>((ho >> 24) & 0xFF),
                  static_cast<unsigned>(1 + (ho >> 32) % 254));
    const ByteVector a = aggregator(origin_as(origin), id, true);
    out.before_mp.insert(out.before_mp.end(), a.begin(), a.end());
  }
  const std::vector<std::uint32_t> c = communities_of(p, origin, path[0].ases);
  if (!c.empty()) {
    const ByteVector a = communities(c);
    out.before_mp.insert(out.before_mp.end(), a.begin(), a.end());
  }
  out.after_mp.clear();
  if (p.large_communities) {
    // RFC 8092: global administrator (the peer's AS), two local values: function, value.
    const std::uint64_t h = hash(0x1C0, origin, p.as);
    ByteWriter v;
    v.u32(p.as).u32(1).u32(static_cast<std::uint32_t>(100 + h % 6 * 10));
    v.u32(p.as).u32(2).u32(path[0].ases.size() <= 3 ? 1 : 3);
    if ((h >> 16) % 4 == 0) v.u32(p.as).u32(3).u32(static_cast<std::uint32_t>(1 + (h >> 24) % 999));
    out.after_mp = attribute(0xC0, 32, v.data());
  }
}

std::uint32_t InternetModel::originated(std::uint32_t peer, bool v6, std::uint64_t key,
                                        std::uint32_t dump_time) const {
  const std::uint32_t age = peers_[peer].session_age;
  const std::uint64_t h = hash(0x0216, key * 2 + v6, peer);
  // Most routes date from when the session came up (its table transfer); others changed since.
  const std::uint32_t since = h % 100 < 65 ? age - static_cast<std::uint32_t>((h >> 8) % 900)
                                           : static_cast<std::uint32_t>((h >> 8) % age);
  return dump_time - since;
}

}  // namespace bgplens::gen

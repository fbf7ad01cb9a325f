#include "gen/sample_capture.h"

#include <string>

#include "gen/message_builder.h"
#include "gen/pcap_writer.h"

namespace bgplens::gen {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStart = 1768471200 * kSecond;  // 2026-01-15 10:00:00 UTC
constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

// A small deterministic generator (64-bit LCG), so the sample never changes between builds.
class Random {
 public:
  std::uint32_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }

 private:
  std::uint64_t state_ = 0x5eed;
};

Prefix v4_prefix(std::uint32_t index, std::uint8_t length,
                 std::optional<std::uint32_t> path_id = {}) {
  // 100.64.0.0/10 and onwards, one /24 (or /22) block per index.
  const std::uint32_t base = 0x64400000u + (index << 8);
  Prefix p;
  p.address = {static_cast<std::uint8_t>(base >> 24), static_cast<std::uint8_t>(base >> 16),
               static_cast<std::uint8_t>(base >> 8), 0};
  p.length = length;
  p.path_id = path_id;
  return p;
}

Prefix v6_prefix(std::uint32_t index) {
  Prefix p = prefix("2001:db8::/48");
  p.address[4] = static_cast<std::uint8_t>(index >> 8);
  p.address[5] = static_cast<std::uint8_t>(index);
  return p;
}

ByteVector concat(const std::vector<ByteVector>& parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

ByteVector ipv6_next_hops(const std::string& global, const std::string& link_local) {
  return concat({ipv6(global), ipv6(link_local)});
}

std::vector<ByteVector> route_attributes(Random& rnd, bool four_octet, std::uint32_t first_as,
                                         const std::string& hop) {
  std::vector<std::uint32_t> path{first_as};
  const std::uint32_t hops = 1 + rnd.below(4);
  for (std::uint32_t i = 0; i < hops; ++i)
    path.push_back(four_octet && i == 0 ? 4200000100u + rnd.below(50) : 64600u + rnd.below(300));
  std::vector<ByteVector> attrs{origin(static_cast<std::uint8_t>(rnd.below(5) == 0 ? 2 : 0)),
                                as_path({{2, path}}, four_octet)};
  if (!hop.empty()) attrs.push_back(next_hop(hop));
  attrs.push_back(med(rnd.below(4) * 10));
  std::vector<std::uint32_t> comms{(first_as & 0xFFFF) << 16 | (100 + rnd.below(5))};
  if (rnd.below(6) == 0) comms.push_back(0xFFFFFF01);  // NO_EXPORT
  attrs.push_back(communities(comms));
  return attrs;
}

// Session 1: R2 (AS 4200000002, 4-octet) connects to R1 (AS 65001) over IPv4.
void ipv4_session(PcapWriter& pcap, Random& rnd) {
  TcpConversation tcp(pcap, endpoint("192.0.2.2", 40123), endpoint("192.0.2.1", 179), 0x1000,
                      0x7000);
  std::int64_t t = kStart;
  tcp.handshake(t);

  OpenSpec r2;
  r2.my_as = 23456;  // AS_TRANS: the real AS is in the capability (RFC 6793 §4.2.1)
  r2.as4 = 4200000002u;
  r2.bgp_id = 0xC0000202;
  r2.hold_time = 90;
  r2.multiprotocol = {kIpv4Unicast, kIpv6Unicast};
  r2.add_path = {{kIpv4Unicast, 3}};
  r2.enhanced_route_refresh = true;
  r2.graceful_restart = GracefulRestart{120, false, true, {kIpv4Unicast, kIpv6Unicast}};
  OpenSpec r1 = r2;
  r1.my_as = 65001;
  r1.as4 = 65001;
  r1.bgp_id = 0xC0000201;
  r1.hold_time = 180;
  r1.extended_message = true;
  tcp.send(0, open(r2), t + 10'000'000);
  tcp.send(1, open(r1), t + 11'000'000);
  tcp.send(0, keepalive(), t + 12'000'000);
  tcp.send(1, keepalive(), t + 13'000'000);
  tcp.ack(0, t + 14'000'000);

  // The table transfer from R1: UPDATEs packed back to back, so segments carry several
  // messages and messages straddle segments.
  t += kSecond;
  std::vector<ByteVector> burst;
  std::uint32_t index = 0;
  for (int u = 0; u < 24; ++u) {
    std::vector<Prefix> nlri;
    const std::uint32_t count = 3 + rnd.below(18);
    for (std::uint32_t i = 0; i < count; ++i, ++index)
      nlri.push_back(v4_prefix(index, 24, 1 + rnd.below(2)));
    burst.push_back(update({{}, route_attributes(rnd, true, 65001, "192.0.2.1"), nlri}));
  }
  // One large UPDATE: 300 prefixes in one message, longer than a segment.
  std::vector<Prefix> big;
  for (std::uint32_t i = 0; i < 300; ++i, ++index)
    big.push_back(v4_prefix(index, 24, 1));
  burst.push_back(update({{}, route_attributes(rnd, true, 65001, "192.0.2.1"), big}));
  // IPv6 routes with global and link-local next hops (RFC 2545 §3).
  for (int u = 0; u < 6; ++u) {
    std::vector<Prefix> nlri;
    for (std::uint32_t i = 0; i < 4; ++i)
      nlri.push_back(v6_prefix(u * 4 + i));
    auto attrs = route_attributes(rnd, true, 65001, "");
    attrs.push_back(mp_reach(kIpv6Unicast, ipv6_next_hops("2001:db8:ffff::1", "fe80::1"), nlri));
    burst.push_back(update({{}, attrs, {}}));
  }
  burst.push_back(update({}));                                        // End-of-RIB IPv4
  burst.push_back(update({{}, {mp_unreach(kIpv6Unicast, {})}, {}}));  // End-of-RIB IPv6
  t = tcp.send(1, concat(burst), t);
  tcp.ack(0, t + 1'000'000);
  tcp.send(0, update({}), t + 2'000'000);  // R2 has nothing to announce: End-of-RIB
  tcp.send(0, update({{}, {mp_unreach(kIpv6Unicast, {})}, {}}), t + 2'100'000);

  // A minute of churn, keepalives, an enhanced route refresh and one malformed UPDATE.
  for (int second = 2; second < 60; ++second) {
    const std::int64_t now = kStart + second * kSecond + rnd.below(900) * 1'000'000;
    if (second % 30 == 0) {
      tcp.send(0, keepalive(), now);
      tcp.send(1, keepalive(), now + 1'000'000);
    }
    if (second == 20) {
      tcp.send(0, route_refresh(kIpv4Unicast), now + 5'000'000);
      std::vector<ByteVector> again{route_refresh(kIpv4Unicast, 1)};
      for (int u = 0; u < 5; ++u) {
        std::vector<Prefix> nlri;
        for (std::uint32_t i = 0; i < 10; ++i)
          nlri.push_back(v4_prefix(u * 10 + i, 24, 1));
        again.push_back(update({{}, route_attributes(rnd, true, 65001, "192.0.2.1"), nlri}));
      }
      again.push_back(route_refresh(kIpv4Unicast, 2));
      tcp.send(1, concat(again), now + 20'000'000);
      continue;
    }
    if (second == 42) {
      // COMMUNITIES claims 40 bytes where 8 remain: attribute length overrun (RFC 7606 §4).
      ByteVector bad = update({{},
                               {origin(0), as_path({{2, {65001, 64700}}}, true),
                                next_hop("192.0.2.1"), communities({0xFDE90064, 0xFDE90065})},
                               {v4_prefix(900, 24, 1)}});
      bad[23 + 4 + 13 + 7 + 2] = 40;  // the COMMUNITIES length byte
      tcp.send(1, bad, now);
      continue;
    }
    const std::uint32_t changes = rnd.below(4);
    for (std::uint32_t c = 0; c < changes; ++c) {
      std::vector<Prefix> gone{v4_prefix(rnd.below(index), 24, 1 + rnd.below(2))};
      std::vector<Prefix> fresh;
      for (std::uint32_t i = 0, n = 1 + rnd.below(6); i < n; ++i)
        fresh.push_back(v4_prefix(rnd.below(index), 24, 1 + rnd.below(2)));
      tcp.send(1, update({gone, route_attributes(rnd, true, 65001, "192.0.2.1"), fresh}),
               now + c * 3'000'000);
    }
    if (second % 7 == 0) {
      tcp.send(1, update({{}, {mp_unreach(kIpv6Unicast, {v6_prefix(second % 24)})}, {}}),
               now + 15'000'000);
    }
  }
}

// Session 2 over IPv6 between two 2-octet ASes; shut down with a message, then reconnected.
void ipv6_session(PcapWriter& pcap, Random& rnd) {
  const Endpoint a = endpoint("2001:db8:ffff::2", 50200);
  const Endpoint b = endpoint("2001:db8:ffff::1", 179);
  OpenSpec sa;
  sa.my_as = 64513;
  sa.bgp_id = 0x0A000002;
  sa.multiprotocol = {kIpv6Unicast};
  OpenSpec sb = sa;
  sb.my_as = 64512;
  sb.bgp_id = 0x0A000001;
  for (int attempt = 0; attempt < 2; ++attempt) {
    TcpConversation tcp(pcap, a, b, 0x20000 + attempt * 0x1000, 0x90000 + attempt * 0x1000);
    std::int64_t t = kStart + (attempt == 0 ? 3 : 46) * kSecond;
    tcp.handshake(t);
    tcp.send(0, open(sa), t + 5'000'000);
    tcp.send(1, open(sb), t + 6'000'000);
    tcp.send(0, keepalive(), t + 7'000'000);
    tcp.send(1, keepalive(), t + 8'000'000);
    for (int u = 0; u < 8; ++u) {
      std::vector<Prefix> nlri;
      for (std::uint32_t i = 0; i < 3; ++i)
        nlri.push_back(v6_prefix(500 + u * 3 + i));
      std::vector<ByteVector> attrs{
          origin(0), as_path({{2, {64512, 64496}}, {1, {64497, 64498}}}, false), atomic_aggregate(),
          aggregator(64496, "10.0.0.96", false),
          mp_reach({afi::kIpv6, safi::kUnicast}, ipv6("2001:db8:ffff::1"), nlri)};
      tcp.send(1, update({{}, attrs, {}}), t + (1 + u) * kSecond / 4 + rnd.below(1000) * 1000);
    }
    if (attempt == 0) {
      // RFC 9003: Administrative Shutdown with a communication: length, then UTF-8 text.
      const std::string text = "maintenance: back at 10:01 UTC";
      ByteVector data{static_cast<std::uint8_t>(text.size())};
      data.insert(data.end(), text.begin(), text.end());
      const std::int64_t end = kStart + 40 * kSecond;
      tcp.send(1, notification(6, 2, data), end);
      tcp.fin(1, end + 1'000'000);
      tcp.fin(0, end + 2'000'000);
      tcp.ack(1, end + 3'000'000);
    }
  }
}

}  // namespace

ByteVector make_sample_capture() {
  // Frames of the two sessions are interleaved by time in a second pass.
  PcapWriter first;
  PcapWriter second;
  Random rnd;
  ipv4_session(first, rnd);
  ipv6_session(second, rnd);
  return merge_by_time(first, second);
}

}  // namespace bgplens::gen

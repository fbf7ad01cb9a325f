// BMP from gobgpd: one gobgpd (the monitored router) exports BMP to our station; a second
// gobgpd peers with it and announces routes. The station receives the router's BMP, and the
// routes of the monitored peer arrive in Route Monitoring messages, decoded by the project's
// BMP decoder (RFC 7854 §4.6) with the context the per-peer header gives.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include "bgp/message_decoder.h"
#include "bmp/bmp_decoder.h"
#include "bmp/bmp_wire.h"
#include "daemons/daemon_harness.h"
#include "live/bmp_station.h"

namespace bgplens::daemons {
namespace {

// What the station reported, with each router's bytes framed into BMP messages. The test
// polls it (locked()) while the station's thread adds to it.
class BmpCollector final : public live::BmpObserver {
 public:
  struct Message {
    std::uint32_t router = 0;
    std::vector<std::uint8_t> bytes;
  };

  void on_router_connected(std::uint32_t router, const Endpoint& router_end, const Endpoint&,
                           std::int64_t) override {
    std::lock_guard lock(mutex_);
    connected[router] = router_end;
  }
  void on_router_bytes(std::uint32_t router, Bytes bytes, std::int64_t) override {
    std::lock_guard lock(mutex_);
    std::vector<std::uint8_t>& pending = pending_[router];
    pending.insert(pending.end(), bytes.begin(), bytes.end());
    // RFC 7854 §4.1: version (1), message length (4, the whole message), type (1).
    while (pending.size() >= bmp::kCommonHeaderLength) {
      if (!bmp::plausible_header(Bytes(pending.data(), pending.size()))) {
        errors.push_back("router " + std::to_string(router) + ": not a BMP header");
        pending.clear();
        break;
      }
      const std::uint32_t length = std::uint32_t(pending[1]) << 24 |
                                   std::uint32_t(pending[2]) << 16 |
                                   std::uint32_t(pending[3]) << 8 | pending[4];
      if (pending.size() < length) break;
      messages.push_back({router, {pending.begin(), pending.begin() + length}});
      pending.erase(pending.begin(), pending.begin() + length);
    }
  }
  void on_router_closed(std::uint32_t, const std::string&, std::int64_t) override {}
  void on_error(const std::string& text, std::int64_t) override {
    std::lock_guard lock(mutex_);
    errors.push_back(text);
  }
  template <class F>
  auto locked(F&& f) {
    std::lock_guard lock(mutex_);
    return f(*this);
  }

  std::map<std::uint32_t, Endpoint> connected;
  std::vector<Message> messages;
  std::vector<std::string> errors;

 private:
  std::map<std::uint32_t, std::vector<std::uint8_t>> pending_;
  std::mutex mutex_;
};

// One announced route seen in a Route Monitoring message: the monitored peer and the NLRI.
struct MonitoredRoute {
  std::string peer;  // the per-peer header's address
  std::uint32_t peer_as = 0;
  std::string nlri;
  std::vector<std::string> as_path;
};

// The BMP message types in order, and the routes in Route Monitoring messages.
std::vector<std::uint8_t> types(const BmpCollector& c) {
  std::vector<std::uint8_t> t;
  for (const BmpCollector::Message& m : c.messages)
    t.push_back(m.bytes[5]);
  return t;
}

std::vector<MonitoredRoute> monitored_routes(const BmpCollector& c) {
  std::vector<MonitoredRoute> routes;
  for (const BmpCollector::Message& m : c.messages) {
    if (m.bytes[5] != bmp::type::kRouteMonitoring) continue;
    const Bytes bytes(m.bytes.data(), m.bytes.size());
    const auto peer = bmp::read_peer_header(bytes.subspan(bmp::kCommonHeaderLength));
    if (!peer) continue;
    // §4.2: the A flag says whether the AS_PATH has 2-octet AS numbers.
    PeerContext context;
    context.as4 = !peer->legacy_as_path();
    context.as4_from = Provenance::BmpPeerHeader;
    const DecodedMessage bmp_message = decode_bmp(bytes, context, Depth::Detail);
    for (const DecodedMessage::Nested& n : bmp_message.nested) {
      const DecodedMessage update =
          decode_message(bytes.subspan(n.offset, n.length), context, Depth::Tree);
      std::vector<std::string> path;
      for (std::uint32_t i = 1; i < update.tree.size(); ++i) {
        if (update.tree.node(i).field == FieldId::AsPathAsn)
          path.emplace_back(update.tree.value(i));
      }
      for (const NlriEntry& e : update.nlri) {
        if (e.action == NlriAction::Announce)
          routes.push_back({peer->address.text(), peer->as, e.text, path});
      }
    }
  }
  return routes;
}

TEST(GoBgpBmp, StationReceivesTheMonitoredPeersRoutes) {
  BmpCollector collector;
  live::BmpStationOptions options;
  options.listen_at = live::Endpoint{"127.0.0.1", 0};
  live::BmpStation station(options, collector);
  ASSERT_EQ(station.start(), "");

  // The monitored router: AS 65002 at 127.0.0.6, waiting for its peer at 127.0.0.7, exporting
  // pre-policy Adj-RIB-In to the station.
  const std::uint16_t router_port = free_port("127.0.0.6");
  GoBgpConfig monitored;
  monitored.router_id = "10.0.0.6";
  monitored.address = "127.0.0.6";
  monitored.port = router_port;
  monitored.neighbor = "127.0.0.7";
  monitored.neighbor_as = 65007;
  monitored.families = {"ipv4-unicast"};
  monitored.more =
      "[[bmp-servers]]\n  [bmp-servers.config]\n    address = \"127.0.0.1\"\n"
      "    port = " +
      std::to_string(station.listening_port()) + "\n    route-monitoring-policy = \"pre-policy\"\n";
  GoBgp router;
  ASSERT_EQ(router.start(monitored), "");
  // Its peer: AS 65007 at 127.0.0.7 (not listening), connecting to the router, announcing two
  // routes.
  GoBgpConfig announcing;
  announcing.as = 65007;
  announcing.router_id = "10.0.0.7";
  announcing.address = "127.0.0.7";
  announcing.port = -1;
  announcing.neighbor = "127.0.0.6";
  announcing.neighbor_as = 65002;
  announcing.neighbor_port = router_port;
  announcing.families = {"ipv4-unicast"};
  GoBgp peer;
  ASSERT_EQ(peer.start(announcing), "");
  for (const char* prefix : {"10.70.0.0/16", "10.71.1.0/24"})
    ASSERT_EQ(peer.add_route({prefix, "nexthop", "127.0.0.7", "-a", "ipv4"}), "");

  // The router connects to the station at once; the peering takes gobgpd's first connect
  // delay (about 5 s).
  std::vector<MonitoredRoute> routes;
  const bool both = poll_until(
      [&] {
        routes = collector.locked(monitored_routes);
        std::set<std::string> seen;
        for (const MonitoredRoute& r : routes)
          seen.insert(r.nlri);
        return seen.count("10.70.0.0/16") && seen.count("10.71.1.0/24");
      },
      30s, 100ms);
  ASSERT_TRUE(both) << router.cli({"neighbor"}).output << "routes seen: " << routes.size();
  for (const MonitoredRoute& r : routes) {
    EXPECT_EQ(r.peer, "127.0.0.7");
    EXPECT_EQ(r.peer_as, 65007u);
    EXPECT_EQ(r.as_path, std::vector<std::string>{"65007"}) << r.nlri;
  }
  const auto [routers, errors, sequence] = collector.locked(
      [](BmpCollector& c) { return std::tuple(c.connected.size(), c.errors, types(c)); });
  EXPECT_EQ(routers, 1u);
  EXPECT_TRUE(errors.empty()) << errors.front();
  // RFC 7854 §4.3: Initiation first; the peer's Peer Up (§4.10) before its routes.
  ASSERT_FALSE(sequence.empty());
  EXPECT_EQ(sequence.front(), bmp::type::kInitiation);
  const auto up = std::find(sequence.begin(), sequence.end(), bmp::type::kPeerUp);
  const auto first_route = std::find(sequence.begin(), sequence.end(), bmp::type::kRouteMonitoring);
  EXPECT_LT(up, first_route);

  // The peer going away: the router reports Peer Down (§4.9).
  peer.stop();
  EXPECT_TRUE(poll_until(
      [&] {
        const std::vector<std::uint8_t> t = collector.locked(types);
        return std::find(t.begin(), t.end(), bmp::type::kPeerDown) != t.end();
      },
      15s, 100ms));
}

}  // namespace
}  // namespace bgplens::daemons

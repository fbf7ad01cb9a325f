// Live sessions with gobgpd (GoBGP 3): we connect to it and it connects to us; the routes it is
// told to announce (IPv4 and IPv6 unicast, VPNv4, EVPN, IPv4 FlowSpec) arrive decoded with
// their attributes, a withdrawal arrives as one, its shutdown arrives as a Cease NOTIFICATION;
// ADD-PATH and 4-octet AS numbers are negotiated.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "daemons/daemon_harness.h"
#include "daemons/session_collector.h"
#include "fields/field_registry.h"

namespace bgplens::daemons {
namespace {

bool has_family(const std::vector<Family>& list, Family f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

TEST(GoBgpSession, WeConnectAndReceiveEveryFamilyThenAWithdrawalAndItsShutdown) {
  GoBgp gobgp;
  GoBgpConfig config;
  config.port = free_port();
  config.families = {"ipv4-unicast", "ipv6-unicast", "l3vpn-ipv4-unicast", "l2vpn-evpn",
                     "ipv4-flowspec"};
  ASSERT_EQ(gobgp.start(config), "");
  // The routes are in gobgpd's table before the session: they come in the initial transfer.
  ASSERT_EQ(
      gobgp.add_route({"10.1.0.0/16", "origin", "igp", "aspath", "65010,65011", "nexthop",
                       "192.0.2.1", "med", "50", "community", "65002:100,65002:200", "-a", "ipv4"}),
      "");
  ASSERT_EQ(gobgp.add_route({"10.2.0.0/24", "nexthop", "192.0.2.1", "-a", "ipv4"}), "");
  ASSERT_EQ(gobgp.add_route({"2001:db8:1::/48", "nexthop", "2001:db8::1", "community", "65002:300",
                             "-a", "ipv6"}),
            "");
  ASSERT_EQ(gobgp.add_route({"-a", "vpnv4", "10.10.0.0/24", "label", "100", "rd", "65002:1", "rt",
                             "65002:1", "nexthop", "192.0.2.1"}),
            "");
  ASSERT_EQ(gobgp.add_route({"-a", "evpn", "macadv", "11:22:33:44:55:66", "10.0.0.1", "esi", "0",
                             "etag", "0", "label", "10", "rd", "65002:1", "rt", "65002:1",
                             "nexthop", "192.0.2.1"}),
            "");
  ASSERT_EQ(gobgp.add_route(
                {"-a", "ipv4-flowspec", "match", "destination", "10.20.0.0/24", "then", "discard"}),
            "");

  LiveSession session;
  ASSERT_EQ(
      session.connect(speaker(65001, 65002, {kIpv4Vpn, kL2vpnEvpn, kIpv4FlowSpec}), config.port),
      "");
  ASSERT_TRUE(session.wait_established()) << gobgp.cli({"neighbor"}).output;
  const auto negotiated = session.negotiated();
  ASSERT_TRUE(negotiated);
  for (const Family f : {kIpv4Unicast, kIpv6Unicast, kIpv4Vpn, kL2vpnEvpn, kIpv4FlowSpec})
    EXPECT_TRUE(has_family(negotiated->families, f)) << family_numbers(f);
  EXPECT_EQ(negotiated->peer_as, 65002u);

  // IPv4 unicast: gobgpd prepends its AS (eBGP, RFC 4271 §5.1.2), keeps the communities and
  // the MED it was given, and sends no LOCAL_PREF to an external peer (§5.1.5).
  const auto v4 = session.wait_update("10.1.0.0/16");
  ASSERT_TRUE(v4) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(v4->values("bgp.attr.as_path.asn"),
            (std::vector<std::string>{"65002", "65010", "65011"}))
      << v4->dump();
  EXPECT_EQ(v4->first("bgp.attr.origin"), "IGP (0)") << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.next_hop"), std::vector<std::string>{"192.0.2.1"}) << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.med"), std::vector<std::string>{"50"}) << v4->dump();
  EXPECT_TRUE(v4->values("bgp.attr.local_pref").empty()) << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.community"), (std::vector<std::string>{"65002:100", "65002:200"}))
      << v4->dump();
  EXPECT_TRUE(v4->decoded.problems.empty()) << v4->dump();

  const auto v6 = session.wait_update("2001:db8:1::/48");
  ASSERT_TRUE(v6) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(v6->find("2001:db8:1::/48", NlriAction::Announce)->family, kIpv6Unicast);
  EXPECT_EQ(v6->first("bgp.attr.mp_reach.next_hop"), "2001:db8::1") << v6->dump();
  EXPECT_EQ(v6->values("bgp.attr.community"), std::vector<std::string>{"65002:300"}) << v6->dump();

  // VPNv4 (RFC 4364 §4.3.4): label, RD, the route target and a next hop with a zero RD.
  const auto vpn = session.wait_update("10.10.0.0/24");
  ASSERT_TRUE(vpn) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(vpn->decoded.nlri.at(0).family, kIpv4Vpn) << vpn->dump();
  EXPECT_EQ(vpn->first("bgp.nlri.prefix"), "10.10.0.0/24 label 100 RD 65002:1") << vpn->dump();
  EXPECT_EQ(vpn->first("bgp.attr.mp_reach.next_hop"), "192.0.2.1") << vpn->dump();
  EXPECT_EQ(vpn->values("bgp.attr.ext_community"), std::vector<std::string>{"target:65002:1"})
      << vpn->dump();
  EXPECT_TRUE(vpn->decoded.problems.empty()) << vpn->dump();

  std::optional<ReceivedUpdate> evpn, flowspec;
  ASSERT_TRUE(session.recorder.wait_for(
      [&](const Recorder& r) {
        for (ReceivedUpdate& u : received_updates(r)) {
          for (const NlriEntry& e : u.decoded.nlri) {
            if (e.family == kL2vpnEvpn && !evpn) evpn = u;
            if (e.family == kIpv4FlowSpec && !flowspec) flowspec = u;
          }
        }
        return evpn && flowspec;
      },
      15s))
      << session.recorder.locked(nlri_summary);
  // EVPN MAC/IP Advertisement (RFC 7432 §7.2). gobgpd writes its `label 10` as the plain
  // 24-bit value 10, which reads as VNI 10 (RFC 8365 §5.1.3), not as MPLS label 10.
  EXPECT_EQ(evpn->first("bgp.evpn.route_type"), "MAC/IP Advertisement (2)") << evpn->dump();
  EXPECT_EQ(evpn->first("bgp.rd"), "65002:1") << evpn->dump();
  EXPECT_EQ(evpn->first("bgp.evpn.mac"), "11:22:33:44:55:66") << evpn->dump();
  EXPECT_EQ(evpn->first("bgp.evpn.ip"), "10.0.0.1") << evpn->dump();
  EXPECT_EQ(evpn->first("bgp.evpn.vni"), "10") << evpn->dump();
  EXPECT_EQ(evpn->first("bgp.attr.mp_reach.next_hop"), "192.0.2.1") << evpn->dump();
  EXPECT_EQ(evpn->values("bgp.attr.ext_community"), std::vector<std::string>{"target:65002:1"})
      << evpn->dump();
  EXPECT_TRUE(evpn->decoded.problems.empty()) << evpn->dump();
  // FlowSpec (RFC 8955 §4): the destination component; "discard" is a traffic-rate of 0
  // (§7.3).
  EXPECT_NE(flowspec->decoded.nlri.at(0).text.find("10.20.0.0/24"), std::string::npos)
      << flowspec->dump();
  EXPECT_EQ(flowspec->first("bgp.attr.ext_community.flowspec.rate"), "0 bytes/s (discard)")
      << flowspec->dump();
  EXPECT_TRUE(flowspec->decoded.problems.empty()) << flowspec->dump();

  // A withdrawal: the prefix in Withdrawn Routes (RFC 4271 §4.3).
  const CommandResult del = gobgp.cli({"global", "rib", "del", "10.2.0.0/24", "-a", "ipv4"});
  ASSERT_TRUE(del.ok()) << del.output;
  ASSERT_TRUE(session.wait_update("10.2.0.0/24", NlriAction::Withdraw))
      << session.recorder.locked(nlri_summary);

  // gobgpd stopping (SIGTERM) deletes its peers: Cease, Peer De-configured (RFC 4486 §4).
  gobgp.stop();
  EXPECT_EQ(session.wait_closed_with_notification(), (std::array<std::uint8_t, 2>{6, 3}));
}

TEST(GoBgpSession, ConnectsToUsWithFourOctetAsBothSidesAndAddPath) {
  // Both ASes need 4 octets: each OPEN has AS_TRANS in My AS (RFC 6793 §4.2.1).
  constexpr std::uint32_t kOurAs = 4200000001;
  constexpr std::uint32_t kGoBgpAs = 4200000002;
  LiveSession session;
  live::SpeakerConfig ours = speaker(kOurAs, kGoBgpAs);
  ours.add_path_receive = {kIpv4Unicast};
  ASSERT_EQ(session.listen(ours), "");

  GoBgp gobgp;
  GoBgpConfig config;
  config.as = kGoBgpAs;
  config.neighbor_as = kOurAs;
  config.port = free_port();
  config.neighbor_port = session.listening_port();
  config.add_path_send_max = 8;
  ASSERT_EQ(gobgp.start(config), "");
  // Two paths of one prefix, told apart by their identifiers (RFC 7911 §3).
  ASSERT_EQ(
      gobgp.add_route({"10.9.0.0/24", "identifier", "10", "nexthop", "192.0.2.1", "-a", "ipv4"}),
      "");
  ASSERT_EQ(
      gobgp.add_route({"10.9.0.0/24", "identifier", "20", "nexthop", "192.0.2.2", "-a", "ipv4"}),
      "");
  ASSERT_EQ(gobgp.add_route({"2001:db8:9::/48", "nexthop", "2001:db8::9", "-a", "ipv6"}), "");
  // gobgpd makes its first connection attempt some seconds after it starts.
  ASSERT_TRUE(session.wait_established(30s)) << gobgp.cli({"neighbor"}).output;

  const auto negotiated = session.negotiated();
  ASSERT_TRUE(negotiated);
  EXPECT_EQ(negotiated->ours.my_as, 23456);
  EXPECT_EQ(negotiated->ours.as4, kOurAs);
  EXPECT_EQ(negotiated->theirs.my_as, 23456);
  EXPECT_EQ(negotiated->theirs.as4, kGoBgpAs);
  EXPECT_EQ(negotiated->peer_as, kGoBgpAs);
  EXPECT_TRUE(negotiated->received.as4);
  EXPECT_TRUE(negotiated->sent.as4);
  // gobgpd offers send and receive for both families; we offer receive for IPv4 only.
  for (const Family f : {kIpv4Unicast, kIpv6Unicast}) {
    bool both = false;
    for (const AddPathOffer& o : negotiated->theirs.add_path)
      both |= o.family == f && o.send_receive == 3;
    EXPECT_TRUE(both) << family_numbers(f);
  }
  EXPECT_TRUE(negotiated->received.has_add_path(kIpv4Unicast));
  EXPECT_FALSE(negotiated->received.has_add_path(kIpv6Unicast));
  EXPECT_TRUE(negotiated->sent.add_path.empty());

  const std::set<std::uint32_t> ids = session.wait_path_ids("10.9.0.0/24", 2);
  ASSERT_EQ(ids.size(), 2u) << session.recorder.locked(nlri_summary);
  const auto v6 = session.wait_update("2001:db8:9::/48");
  ASSERT_TRUE(v6) << session.recorder.locked(nlri_summary);
  EXPECT_FALSE(v6->find("2001:db8:9::/48", NlriAction::Announce)->path_id.has_value());
  EXPECT_EQ(v6->values("bgp.attr.as_path.asn"), std::vector<std::string>{"4200000002"})
      << v6->dump();
  EXPECT_TRUE(v6->decoded.problems.empty()) << v6->dump();

  // Withdrawing one path withdraws that path identifier only.
  const CommandResult del =
      gobgp.cli({"global", "rib", "del", "10.9.0.0/24", "identifier", "10", "-a", "ipv4"});
  ASSERT_TRUE(del.ok()) << del.output;
  const auto withdrawal = session.wait_update("10.9.0.0/24", NlriAction::Withdraw);
  ASSERT_TRUE(withdrawal) << session.recorder.locked(nlri_summary);
  const NlriEntry* gone = withdrawal->find("10.9.0.0/24", NlriAction::Withdraw);
  ASSERT_TRUE(gone->path_id);
  EXPECT_EQ(ids.count(*gone->path_id), 1u);
}

TEST(GoBgpSession, NeighborShutdownSendsAdministrativeShutdownWithItsCommunication) {
  GoBgp gobgp;
  GoBgpConfig config;
  config.port = free_port();
  ASSERT_EQ(gobgp.start(config), "");
  LiveSession session;
  ASSERT_EQ(session.connect(speaker(65001, 65002), config.port), "");
  ASSERT_TRUE(session.wait_established()) << gobgp.cli({"neighbor"}).output;

  const CommandResult shutdown =
      gobgp.cli({"neighbor", "127.0.0.1", "shutdown", "--reason", "maintenance at 02:00"});
  ASSERT_TRUE(shutdown.ok()) << shutdown.output;
  // RFC 9003 §2: Cease 6/2 with the Shutdown Communication, decoded as text.
  EXPECT_EQ(session.wait_closed_with_notification(), (std::array<std::uint8_t, 2>{6, 2}));
  const auto notification = session.recorder.locked(received_notification);
  ASSERT_TRUE(notification);
  const auto text = notification->tree.find_first(FieldId::NotifShutdownText);
  ASSERT_TRUE(text);
  EXPECT_NE(notification->tree.value(*text).find("maintenance at 02:00"), std::string_view::npos)
      << notification->tree.value(*text);
}

}  // namespace
}  // namespace bgplens::daemons

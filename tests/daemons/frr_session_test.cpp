// A live session with FRR's bgpd (run alone: no zebra): we connect to it with a 4-octet AS;
// its `network` routes arrive decoded with ADD-PATH identifiers and the route-map's
// attributes, a removed network arrives withdrawn, and its shutdown arrives as a Cease.
#include <gtest/gtest.h>

#include "daemons/daemon_harness.h"
#include "daemons/session_collector.h"

namespace bgplens::daemons {
namespace {

constexpr std::uint32_t kOurAs = 4200000001;  // needs the 4-octet AS capability (RFC 6793)

// bgpd waits for us (passive). Without zebra nothing is in the RIB, hence no import check;
// and FRR sends nothing to an eBGP peer without a policy unless told so (RFC 8212).
std::string frr_config() {
  return R"(hostname bgplens-test
router bgp 65004
 bgp router-id 10.0.0.4
 no bgp ebgp-requires-policy
 no bgp network import-check
 no bgp default ipv4-unicast
 neighbor 127.0.0.1 remote-as )" +
         std::to_string(kOurAs) + R"(
 neighbor 127.0.0.1 passive
 address-family ipv4 unicast
  network 10.5.0.0/16 route-map ATTRS
  network 10.7.0.0/24
  neighbor 127.0.0.1 activate
  neighbor 127.0.0.1 addpath-tx-all-paths
 exit-address-family
 address-family ipv6 unicast
  network 2001:db8:5::/48
  neighbor 127.0.0.1 activate
 exit-address-family
exit
route-map ATTRS permit 10
 set community 65004:500
 set metric 70
exit
)";
}

TEST(FrrSession, WeConnectWithFourOctetAsAndReceiveAddPathRoutesAWithdrawalAndItsShutdown) {
  FrrBgpd bgpd;
  const std::uint16_t port = free_port();
  ASSERT_EQ(bgpd.start(frr_config(), port), "");
  LiveSession session;
  live::SpeakerConfig ours = speaker(kOurAs, 65004);
  ours.add_path_receive = {kIpv4Unicast};
  ASSERT_EQ(session.connect(ours, port), "");
  ASSERT_TRUE(session.wait_established()) << bgpd.vtysh({"show bgp neighbors"}).output;

  // RFC 6793 §4.2.1: our My AS is AS_TRANS with the real AS in the capability, and bgpd,
  // configured with remote-as 4200000001, accepted it.
  const auto negotiated = session.negotiated();
  ASSERT_TRUE(negotiated);
  EXPECT_EQ(negotiated->ours.my_as, 23456);
  EXPECT_EQ(negotiated->ours.as4, kOurAs);
  EXPECT_EQ(negotiated->theirs.my_as, 65004);
  EXPECT_EQ(negotiated->peer_as, 65004u);
  EXPECT_TRUE(negotiated->received.as4);
  const std::string neighbor = bgpd.vtysh({"show bgp neighbors 127.0.0.1"}).output;
  EXPECT_NE(neighbor.find("remote AS 4200000001"), std::string::npos) << neighbor;
  // RFC 7911 §4: bgpd sends path identifiers for IPv4 unicast (addpath-tx-all-paths).
  EXPECT_TRUE(negotiated->received.has_add_path(kIpv4Unicast));
  EXPECT_FALSE(negotiated->received.has_add_path(kIpv6Unicast));
  EXPECT_FALSE(negotiated->sent.has_add_path(kIpv4Unicast));

  const auto v4 = session.wait_update("10.5.0.0/16");
  ASSERT_TRUE(v4) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(v4->values("bgp.attr.as_path.asn"), std::vector<std::string>{"65004"}) << v4->dump();
  // eBGP: bgpd puts its own address as the next hop (RFC 4271 §5.1.3).
  EXPECT_EQ(v4->values("bgp.attr.next_hop"), std::vector<std::string>{"127.0.0.1"}) << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.med"), std::vector<std::string>{"70"}) << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.community"), std::vector<std::string>{"65004:500"}) << v4->dump();
  EXPECT_TRUE(v4->decoded.problems.empty()) << v4->dump();
  EXPECT_TRUE(v4->find("10.5.0.0/16", NlriAction::Announce)->path_id.has_value()) << v4->dump();

  // IPv6 over an IPv4 session: bgpd's next hop is its IPv4 address mapped into IPv6.
  const auto v6 = session.wait_update("2001:db8:5::/48");
  ASSERT_TRUE(v6) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(v6->first("bgp.attr.mp_reach.next_hop"), "::ffff:127.0.0.1") << v6->dump();
  EXPECT_EQ(v6->values("bgp.attr.as_path.asn"), std::vector<std::string>{"65004"}) << v6->dump();
  EXPECT_TRUE(v6->decoded.problems.empty()) << v6->dump();

  ASSERT_TRUE(session.wait_update("10.7.0.0/24")) << session.recorder.locked(nlri_summary);
  const CommandResult removed =
      bgpd.vtysh({"configure terminal", "router bgp 65004", "address-family ipv4 unicast",
                  "no network 10.7.0.0/24"});
  ASSERT_TRUE(removed.ok()) << removed.output;
  const auto withdrawal = session.wait_update("10.7.0.0/24", NlriAction::Withdraw);
  ASSERT_TRUE(withdrawal) << session.recorder.locked(nlri_summary);
  EXPECT_TRUE(withdrawal->find("10.7.0.0/24", NlriAction::Withdraw)->path_id.has_value());

  // bgpd on SIGTERM deletes its peers: Cease, Peer De-configured (RFC 4486 §4).
  bgpd.stop();
  EXPECT_EQ(session.wait_closed_with_notification(), (std::array<std::uint8_t, 2>{6, 3}));
}

}  // namespace
}  // namespace bgplens::daemons

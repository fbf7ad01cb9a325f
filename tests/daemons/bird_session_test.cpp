// A live session with BIRD 2: BIRD (a 4-octet AS) connects to us; its static routes arrive
// decoded, two paths of one prefix with their ADD-PATH identifiers, a disabled protocol's
// routes arrive withdrawn, and its shutdown arrives as a Cease NOTIFICATION.
#include <gtest/gtest.h>

#include <set>

#include "daemons/daemon_harness.h"
#include "daemons/session_collector.h"

namespace bgplens::daemons {
namespace {

constexpr std::uint32_t kBirdAs = 4200000003;  // needs the 4-octet AS capability (RFC 6793)

// BIRD at 127.0.0.3 (not 127.0.0.1: BIRD refuses a NEXT_HOP equal to the neighbor's address,
// so the two ends need addresses of their own), connecting to us at 127.0.0.1:`our_port`.
// 10.4.0.0/16 comes from two static protocols: two paths, both sent with ADD-PATH. The MED is
// set by the export filter: to an external peer BIRD sends a MED only when the export filter
// set it (RFC 4271 §5.1.4: a MED is not passed on to other ASes).
std::string bird_config(std::uint16_t bird_port, std::uint16_t our_port) {
  return R"(router id 10.0.0.3;
protocol device { }
protocol static s4 {
  ipv4;
  route 10.3.0.0/16 blackhole { bgp_community.add((65003,100)); };
  route 10.4.0.0/16 blackhole;
}
protocol static s4b { ipv4; route 10.6.0.0/24 blackhole; route 10.4.0.0/16 blackhole; }
protocol static s6 { ipv6; route 2001:db8:3::/48 blackhole { bgp_community.add((65003,600)); }; }
protocol bgp lens {
  local 127.0.0.3 port )" +
         std::to_string(bird_port) + " as " + std::to_string(kBirdAs) +
         R"(;
  neighbor 127.0.0.1 port )" +
         std::to_string(our_port) + R"( as 65001;
  strict bind on;
  multihop;
  connect delay time 1;
  connect retry time 1;
  ipv4 {
    import none;
    export filter { if net = 10.3.0.0/16 then bgp_med = 40; accept; };
    next hop address 192.0.2.3;
    add paths on;
  };
  ipv6 { import none; export all; next hop address 2001:db8::3; };
}
)";
}

TEST(BirdSession, ConnectsToUsWithFourOctetAsAndAddPathThenWithdrawsAndShutsDown) {
  LiveSession session;
  live::SpeakerConfig ours = speaker(65001, kBirdAs);
  ours.add_path_receive = {kIpv4Unicast};
  ASSERT_EQ(session.listen(ours, "127.0.0.1", "127.0.0.3"), "");
  Bird bird;
  ASSERT_EQ(bird.start(bird_config(free_port("127.0.0.3"), session.listening_port())), "");
  ASSERT_TRUE(session.wait_established())
      << bird.birdc({"show", "protocols", "all", "lens"}).output;

  // RFC 6793 §4.2.1: My AS is AS_TRANS, the capability carries the real AS.
  const auto negotiated = session.negotiated();
  ASSERT_TRUE(negotiated);
  EXPECT_EQ(negotiated->theirs.my_as, 23456);
  EXPECT_EQ(negotiated->theirs.as4, kBirdAs);
  EXPECT_EQ(negotiated->peer_as, kBirdAs);
  EXPECT_TRUE(negotiated->received.as4);
  // RFC 7911 §4: BIRD offers send and receive for IPv4 unicast, we offer receive: path
  // identifiers on what BIRD sends us, none on what we (would) send.
  bool bird_offers_both = false;
  for (const AddPathOffer& o : negotiated->theirs.add_path)
    bird_offers_both |= o.family == kIpv4Unicast && o.send_receive == 3;
  EXPECT_TRUE(bird_offers_both);
  EXPECT_TRUE(negotiated->received.has_add_path(kIpv4Unicast));
  EXPECT_FALSE(negotiated->received.has_add_path(kIpv6Unicast));
  EXPECT_FALSE(negotiated->sent.has_add_path(kIpv4Unicast));

  const auto v4 = session.wait_update("10.3.0.0/16");
  ASSERT_TRUE(v4) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(v4->values("bgp.attr.as_path.asn"), std::vector<std::string>{"4200000003"})
      << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.next_hop"), std::vector<std::string>{"192.0.2.3"}) << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.med"), std::vector<std::string>{"40"}) << v4->dump();
  EXPECT_EQ(v4->values("bgp.attr.community"), std::vector<std::string>{"65003:100"}) << v4->dump();
  EXPECT_TRUE(v4->decoded.problems.empty()) << v4->dump();
  EXPECT_TRUE(v4->find("10.3.0.0/16", NlriAction::Announce)->path_id.has_value());

  const auto v6 = session.wait_update("2001:db8:3::/48");
  ASSERT_TRUE(v6) << session.recorder.locked(nlri_summary);
  EXPECT_EQ(v6->first("bgp.attr.mp_reach.next_hop"), "2001:db8::3") << v6->dump();
  EXPECT_EQ(v6->values("bgp.attr.community"), std::vector<std::string>{"65003:600"}) << v6->dump();
  EXPECT_FALSE(v6->find("2001:db8:3::/48", NlriAction::Announce)->path_id.has_value());

  // Both paths of 10.4.0.0/16, each with its own path identifier (RFC 7911 §3).
  const std::set<std::uint32_t> ids = session.wait_path_ids("10.4.0.0/16", 2);
  ASSERT_EQ(ids.size(), 2u) << session.recorder.locked(nlri_summary);

  // Disabling s4b withdraws its routes: 10.6.0.0/24, and s4b's path of 10.4.0.0/16.
  const CommandResult disable = bird.birdc({"disable", "s4b"});
  ASSERT_TRUE(disable.ok()) << disable.output;
  const auto withdrawal = session.wait_update("10.6.0.0/24", NlriAction::Withdraw);
  ASSERT_TRUE(withdrawal) << session.recorder.locked(nlri_summary);
  EXPECT_TRUE(withdrawal->find("10.6.0.0/24", NlriAction::Withdraw)->path_id.has_value());

  // BIRD on SIGTERM: Cease, Administrative Shutdown (RFC 4486 §4).
  bird.stop();
  EXPECT_EQ(session.wait_closed_with_notification(), (std::array<std::uint8_t, 2>{6, 2}));
}

}  // namespace
}  // namespace bgplens::daemons

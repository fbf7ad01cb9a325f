// The live FSM's route refresh (RFC 2918, RFC 7313) and its reconnecting with back-off, against
// a scripted peer and a fake clock.
#include <gtest/gtest.h>

#include "live_test_support.h"

namespace bgplens::live::testing {
namespace {

TEST(LiveFsmRefresh, RequestRefreshSendsRouteRefreshOnlyWhenThePeerOfferedIt) {
  FsmHarness early;
  early.fsm.start(early.now);
  EXPECT_FALSE(early.fsm.request_refresh(early.now, kIpv4Unicast).empty());
  EXPECT_EQ(early.sent_count(), 0u);

  FsmHarness h;
  h.establish();
  EXPECT_EQ(h.fsm.request_refresh(h.now, kIpv6Unicast), "");
  EXPECT_EQ(h.last_sent(), gen::route_refresh(kIpv6Unicast, 0));  // RFC 2918 §3
  const std::size_t sent = h.sent_count();
  // A family the OPENs did not both offer (RFC 2918 §4).
  EXPECT_NE(h.fsm.request_refresh(h.now, Family{afi::kIpv4, 128}), "");
  EXPECT_EQ(h.sent_count(), sent);
  EXPECT_TRUE(h.recorder.has_error(ErrorKind::Request));

  gen::OpenSpec no_refresh = peer_spec();
  no_refresh.route_refresh = false;
  FsmHarness n;
  n.establish(no_refresh);
  const std::string why = n.fsm.request_refresh(n.now, kIpv4Unicast);
  EXPECT_NE(why.find("RFC 2918"), std::string::npos) << why;
  EXPECT_EQ(n.recorder.count(Direction::Sent, msg_type::kRouteRefresh), 0u);
}

TEST(LiveFsmRefresh, EnhancedRouteRefreshAnswersARequestWithBorrAndEorr) {
  SpeakerConfig config = test_config();
  config.enhanced_route_refresh = true;
  gen::OpenSpec peer = peer_spec();
  peer.enhanced_route_refresh = true;
  FsmHarness h(config);
  h.establish(peer);
  ASSERT_TRUE(h.recorder.negotiated.back().enhanced_route_refresh);
  const std::size_t before = h.sent_count();
  h.receive(gen::route_refresh(kIpv4Unicast, 0));
  ASSERT_EQ(h.sent_count(), before + 2);  // RFC 7313 §4: BoRR, (no routes), EoRR
  EXPECT_EQ(h.transport.sent[before], gen::route_refresh(kIpv4Unicast, 1));
  EXPECT_EQ(h.transport.sent[before + 1], gen::route_refresh(kIpv4Unicast, 2));
  // The peer's own BoRR/EoRR need no answer.
  h.receive(gen::route_refresh(kIpv4Unicast, 1));
  h.receive(gen::route_refresh(kIpv4Unicast, 2));
  EXPECT_EQ(h.sent_count(), before + 2);
  // RFC 7313 §5: a BoRR of the wrong length: 7/1 with the whole message as data.
  ByteVector bad = gen::message(msg_type::kRouteRefresh, ByteVector{0, 1, 1, 1, 0});
  h.receive(bad);
  EXPECT_EQ(h.last_sent(), gen::notification(7, 1, bad));
  EXPECT_EQ(h.fsm.state(), State::Idle);

  // Without the capability on both sides, a request needs no answer at all (no routes).
  FsmHarness plain;
  plain.establish();
  const std::size_t plain_before = plain.sent_count();
  plain.receive(gen::route_refresh(kIpv4Unicast, 0));
  EXPECT_EQ(plain.sent_count(), plain_before);
  EXPECT_EQ(plain.fsm.state(), State::Established);
}

TEST(LiveFsmReconnect, ReconnectsWithDoublingBackoffUpToTheCap) {
  FsmOptions options;
  options.reconnect = true;
  options.backoff_initial = 1s;
  options.backoff_max = 4s;
  FsmHarness h(test_config(), options);
  h.fsm.start(h.now);
  ASSERT_EQ(h.transport.connects, 1);
  // Failed attempts wait 1, 2, 4, 4 s before the next (RFC 4271 §8.2.2: Connect → Active, the
  // ConnectRetryTimer's expiry connects again).
  int attempts = 1;
  for (auto wait : {1s, 2s, 4s, 4s}) {
    h.fsm.tcp_failed(h.now, "refused");
    EXPECT_EQ(h.fsm.state(), State::Active);
    h.advance(wait - 1ms);
    EXPECT_EQ(h.transport.connects, attempts);
    h.advance(1ms);
    EXPECT_EQ(h.transport.connects, ++attempts);
    EXPECT_EQ(h.fsm.state(), State::Connect);
  }
  EXPECT_EQ(h.fsm.connect_retry_count(), 4u);

  // A session that ends goes Idle and starts again after the (still capped) back-off.
  h.fsm.tcp_connected(h.now);
  h.receive(gen::open(peer_spec()));
  h.receive(gen::keepalive());
  ASSERT_EQ(h.fsm.state(), State::Established);
  h.receive(gen::notification(6, 3));
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_FALSE(h.fsm.finished());
  h.advance(4s);
  EXPECT_EQ(h.fsm.state(), State::Connect);
  EXPECT_EQ(h.transport.connects, attempts + 1);
}

TEST(LiveFsmReconnect, WithoutReconnectAFailedConnectEndsIdle) {
  FsmHarness h;
  h.fsm.start(h.now);
  h.fsm.tcp_failed(h.now, "refused");
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_TRUE(h.fsm.finished());
  EXPECT_TRUE(h.recorder.has_error(ErrorKind::Transport));

  FsmOptions options;
  options.connect_retry_time = 5s;
  FsmHarness slow(test_config(), options);
  slow.fsm.start(slow.now);
  slow.advance(5s);  // RFC 4271 §8.2.2 Connect, ConnectRetryTimer expires
  EXPECT_EQ(slow.fsm.state(), State::Idle);
  EXPECT_EQ(slow.transport.disconnects, 1);
}

}  // namespace
}  // namespace bgplens::live::testing

// The live speaker's FSM (RFC 4271 §8) against a scripted peer and a fake clock: establishment
// both ways, KEEPALIVE timing, the hold timer, wrong-state messages, the negotiated context,
// a NOTIFICATION from the peer, and stop. (Route refresh and reconnecting:
// live_refresh_reconnect_test.cpp.)
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "live/open_checks.h"
#include "live_test_support.h"

namespace bgplens::live::testing {
namespace {

TEST(LiveFsm, EstablishesActively) {
  FsmHarness h;
  h.fsm.start(h.now);
  EXPECT_EQ(h.transport.connects, 1);
  EXPECT_EQ(h.transport.listens, 0);
  EXPECT_EQ(h.fsm.state(), State::Connect);
  EXPECT_EQ(h.sent_count(), 0u);  // nothing before TCP is up

  h.fsm.tcp_connected(h.now);
  ASSERT_EQ(h.sent_count(), 1u);
  EXPECT_EQ(h.transport.sent[0], build_open(test_config()));
  EXPECT_EQ(h.fsm.state(), State::OpenSent);

  h.receive(gen::open(peer_spec()));
  ASSERT_EQ(h.sent_count(), 2u);
  EXPECT_EQ(h.transport.sent[1], gen::keepalive());  // RFC 4271 §8.2.2: OPEN acknowledged
  EXPECT_EQ(h.fsm.state(), State::OpenConfirm);
  ASSERT_EQ(h.recorder.negotiated.size(), 1u);
  EXPECT_EQ(h.recorder.negotiated[0].peer_as, 65002u);
  EXPECT_EQ(h.recorder.negotiated[0].hold_time, 90);

  h.receive(gen::keepalive());
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_EQ(h.recorder.state_sequence(),
            (std::vector<State>{State::Connect, State::OpenSent, State::OpenConfirm,
                                State::Established}));
  // Messages in order, both directions, numbered 1..4.
  const auto& m = h.recorder.messages;
  ASSERT_EQ(m.size(), 4u);
  const std::vector<std::pair<Direction, std::uint8_t>> expected{
      {Direction::Sent, msg_type::kOpen},
      {Direction::Received, msg_type::kOpen},
      {Direction::Sent, msg_type::kKeepalive},
      {Direction::Received, msg_type::kKeepalive}};
  for (std::size_t i = 0; i < m.size(); ++i) {
    EXPECT_EQ(m[i].index, i + 1);
    EXPECT_EQ(m[i].direction, expected[i].first) << i;
    EXPECT_EQ(m[i].type, expected[i].second) << i;
  }
  EXPECT_FALSE(m[1].had_context);  // the peer's OPEN: nothing negotiated yet
  EXPECT_TRUE(m[3].had_context);
}

TEST(LiveFsm, EstablishesPassively) {
  FsmOptions options;
  options.passive = true;
  FsmHarness h(test_config(), options);
  h.fsm.start(h.now);
  EXPECT_EQ(h.transport.listens, 1);
  EXPECT_EQ(h.transport.connects, 0);
  EXPECT_EQ(h.fsm.state(), State::Active);
  h.fsm.tcp_connected(h.now);
  EXPECT_EQ(h.fsm.state(), State::OpenSent);
  h.receive(gen::open(peer_spec()));
  h.receive(gen::keepalive());
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_EQ(
      h.recorder.state_sequence(),
      (std::vector<State>{State::Active, State::OpenSent, State::OpenConfirm, State::Established}));
}

TEST(LiveFsm, FramesOpenAndKeepaliveInOneReadAndByteByByte) {
  ByteVector stream = gen::open(peer_spec());
  const ByteVector ka = gen::keepalive();
  stream.insert(stream.end(), ka.begin(), ka.end());
  {
    FsmHarness h;
    h.fsm.start(h.now);
    h.fsm.tcp_connected(h.now);
    h.receive(stream);
    EXPECT_EQ(h.fsm.state(), State::Established);
    EXPECT_EQ(h.fsm.peak_buffered_bytes(), 0u);  // whole messages are not copied
  }
  FsmHarness h;
  h.fsm.start(h.now);
  h.fsm.tcp_connected(h.now);
  for (std::uint8_t byte : stream)
    h.receive(ByteVector{byte});
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_EQ(h.recorder.count(Direction::Received, msg_type::kOpen), 1u);
  EXPECT_EQ(h.recorder.count(Direction::Received, msg_type::kKeepalive), 1u);
  // Never more than the message being gathered.
  EXPECT_EQ(h.fsm.peak_buffered_bytes(), gen::open(peer_spec()).size());
  EXPECT_EQ(h.fsm.buffered_bytes(), 0u);
}

TEST(LiveFsm, KeepaliveIntervalIsAThirdOfHoldTimeAndAtLeastOneSecond) {
  EXPECT_EQ(keepalive_interval(90), 30s);
  EXPECT_EQ(keepalive_interval(10), 3333ms);
  EXPECT_EQ(keepalive_interval(3), 1s);  // RFC 4271 §4.4: not more often than once a second
  EXPECT_EQ(keepalive_interval(0), 0ms);
}

TEST(LiveFsm, SendsKeepalivesEveryThirdOfTheNegotiatedHoldTime) {
  SpeakerConfig config = test_config();
  config.hold_time = 30;  // the peer offers 90: the smaller, 30, wins (RFC 4271 §4.2)
  FsmHarness h(config);
  h.establish();
  ASSERT_EQ(h.recorder.negotiated.back().hold_time, 30);
  const std::size_t base = h.sent_count();
  h.advance(9999ms);
  EXPECT_EQ(h.sent_count(), base);
  h.advance(1ms);  // 10 s after the OPEN was accepted
  ASSERT_EQ(h.sent_count(), base + 1);
  EXPECT_EQ(h.last_sent(), gen::keepalive());
  h.receive(gen::keepalive());  // keeps the hold timer going
  h.advance(10s);
  EXPECT_EQ(h.sent_count(), base + 2);
  h.receive(gen::keepalive());
  h.advance(5s);
  EXPECT_EQ(h.sent_count(), base + 2);
  h.advance(5s);
  EXPECT_EQ(h.sent_count(), base + 3);
  EXPECT_EQ(h.fsm.state(), State::Established);
}

TEST(LiveFsm, HoldTimeZeroMeansNoKeepalivesAndNoHoldTimer) {
  gen::OpenSpec peer = peer_spec();
  peer.hold_time = 0;
  FsmHarness h(test_config());
  h.establish(peer);
  const std::size_t base = h.sent_count();
  h.advance(1h);
  EXPECT_EQ(h.sent_count(), base);
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_FALSE(h.fsm.next_deadline().has_value());
}

TEST(LiveFsm, HoldTimerExpirySendsNotification4_0AndCloses) {
  FsmHarness h;
  h.establish();
  h.advance(89s);  // our KEEPALIVEs go out at 30 s and 60 s; the peer is silent
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_EQ(h.recorder.count(Direction::Sent, msg_type::kKeepalive), 3u);
  h.advance(1s);
  EXPECT_EQ(h.last_sent(), gen::notification(4, 0));
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_EQ(h.transport.disconnects, 1);
  EXPECT_TRUE(h.recorder.has_error(ErrorKind::HoldTimerExpired));
  EXPECT_TRUE(h.fsm.finished());
}

TEST(LiveFsm, KeepaliveFromPeerRestartsHoldTimer) {
  FsmHarness h;
  h.establish();
  h.advance(60s);
  h.receive(gen::keepalive());
  h.advance(89s);  // 149 s in, 89 s after the peer's KEEPALIVE
  EXPECT_EQ(h.fsm.state(), State::Established);
  h.advance(1s);
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_EQ(h.last_sent(), gen::notification(4, 0));
}

TEST(LiveFsm, OpenSentWaitsFourMinutesForTheOpen) {
  FsmHarness h;
  h.fsm.start(h.now);
  h.fsm.tcp_connected(h.now);
  h.advance(239s);
  EXPECT_EQ(h.fsm.state(), State::OpenSent);
  EXPECT_EQ(h.sent_count(), 1u);  // the OPEN only: no KEEPALIVE before the peer's OPEN
  h.advance(1s);
  EXPECT_EQ(h.last_sent(), gen::notification(4, 0));
  EXPECT_EQ(h.fsm.state(), State::Idle);
}

TEST(LiveFsm, NegotiatedContextIsNegotiateOfTheTwoOpens) {
  SpeakerConfig config = test_config();
  config.local_as = 4200000001;  // 4-octet: AS_TRANS in My AS
  config.add_path_receive = {kIpv4Unicast};
  config.extended_message = true;
  gen::OpenSpec peer = peer_spec();
  peer.add_path = {AddPathOffer{kIpv4Unicast, 3}, AddPathOffer{kIpv6Unicast, 2}};
  peer.extended_message = true;
  FsmHarness h(config);
  h.establish(peer);
  ASSERT_EQ(h.fsm.state(), State::Established);
  ASSERT_EQ(h.recorder.negotiated.size(), 1u);
  const Negotiated& n = h.recorder.negotiated[0];

  const OpenValues ours = *decode_message(build_open(config), {}, Depth::Routes).open;
  const OpenValues theirs = *decode_message(gen::open(peer), {}, Depth::Routes).open;
  EXPECT_EQ(ours.my_as, kAsTrans);
  EXPECT_EQ(ours.as4, 4200000001u);
  // Message 1 is our OPEN, message 2 the peer's.
  const PeerContext rx = negotiate(&theirs, 2, &ours, 1);
  const PeerContext tx = negotiate(&ours, 1, &theirs, 2);
  for (const auto& [got, want] : {std::pair{n.received, rx}, std::pair{n.sent, tx}}) {
    EXPECT_EQ(got.as4, want.as4);
    EXPECT_EQ(got.as4_from, want.as4_from);
    EXPECT_EQ(got.add_path, want.add_path);
    EXPECT_EQ(got.add_path_from, want.add_path_from);
    EXPECT_EQ(got.extended_message, want.extended_message);
    EXPECT_EQ(got.open_sent, want.open_sent);
    EXPECT_EQ(got.open_received, want.open_received);
  }
  EXPECT_TRUE(n.received.as4);
  // The peer sends path ids for IPv4 (it may send, we receive); none for IPv6 (we did not
  // offer to receive) and none from us (we never offer to send).
  EXPECT_EQ(n.received.add_path, std::vector<Family>{kIpv4Unicast});
  EXPECT_TRUE(n.sent.add_path.empty());
  EXPECT_TRUE(n.received.extended_message);

  // RFC 8654 §4: with Extended Message negotiated, a 5000-octet UPDATE is fine.
  gen::UpdateSpec big;
  big.attributes = {gen::origin(0), gen::as_path({{2, {65002}}}, true), gen::next_hop("192.0.2.1"),
                    gen::attribute(0xC0, 99, ByteVector(4900, 0xAB))};
  big.nlri = {gen::prefix("10.0.0.0/8", 1)};
  const ByteVector update = gen::update(big);
  ASSERT_GT(update.size(), 4096u);
  h.receive(update);
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_EQ(h.recorder.messages.back().type, msg_type::kUpdate);
  EXPECT_EQ(h.recorder.messages.back().announced, 1u);  // decoded with the path id
}

TEST(LiveFsm, WithoutFourOctetAsOnOneSideAs4IsOff) {
  gen::OpenSpec peer = peer_spec();
  peer.as4.reset();
  FsmHarness h;
  h.establish(peer);
  ASSERT_EQ(h.recorder.negotiated.size(), 1u);
  EXPECT_FALSE(h.recorder.negotiated[0].received.as4);
  EXPECT_FALSE(h.recorder.negotiated[0].sent.as4);
}

TEST(LiveFsm, WrongStateMessagesGiveFsmErrors) {
  struct Case {
    int received_before;  // 0: in OpenSent, 1: OpenConfirm (OPEN received), 2: Established
    ByteVector message;
    std::uint8_t subcode;
  };
  const std::vector<Case> cases{
      {0, gen::keepalive(), 1},
      {0, simple_update(), 1},
      {0, gen::route_refresh(kIpv4Unicast), 1},
      {1, gen::open(peer_spec()), 2},
      {1, simple_update(), 2},
      {1, gen::route_refresh(kIpv4Unicast), 2},
      {2, gen::open(peer_spec()), 3},
  };
  for (const Case& c : cases) {
    FsmHarness h;
    h.fsm.start(h.now);
    h.fsm.tcp_connected(h.now);
    if (c.received_before >= 1) h.receive(gen::open(peer_spec()));
    if (c.received_before >= 2) h.receive(gen::keepalive());
    h.receive(c.message);
    // RFC 6608 §3: subcode by state, data the unexpected message's type.
    EXPECT_EQ(h.last_sent(), gen::notification(5, c.subcode, ByteVector{c.message[18]}))
        << "type " << int(c.message[18]) << " after " << c.received_before;
    EXPECT_EQ(h.fsm.state(), State::Idle);
    EXPECT_TRUE(h.recorder.has_error(ErrorKind::Fsm));
  }
}

TEST(LiveFsm, NotificationFromPeerClosesWithoutAnswer) {
  for (int established = 0; established <= 1; ++established) {
    FsmHarness h;
    h.fsm.start(h.now);
    h.fsm.tcp_connected(h.now);
    if (established) {
      h.receive(gen::open(peer_spec()));
      h.receive(gen::keepalive());
    }
    const std::size_t before = h.sent_count();
    h.receive(gen::notification(6, 4));
    EXPECT_EQ(h.sent_count(), before);
    EXPECT_EQ(h.fsm.state(), State::Idle);
    EXPECT_EQ(h.transport.disconnects, 1);
    ASSERT_TRUE(h.recorder.has_error(ErrorKind::PeerNotification));
    EXPECT_NE(h.recorder.errors.back().text.find("6/4"), std::string::npos);
  }
}

TEST(LiveFsm, StopSendsAdministrativeShutdownWithItsMessage) {
  FsmHarness h;
  h.establish();
  h.fsm.stop(h.now, "maintenance");
  ByteVector data{11};
  for (char ch : std::string("maintenance"))
    data.push_back(static_cast<std::uint8_t>(ch));
  EXPECT_EQ(h.last_sent(), gen::notification(6, 2, data));  // RFC 9003 §2
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_TRUE(h.fsm.finished());

  FsmHarness plain;
  plain.establish();
  plain.fsm.stop(plain.now);
  EXPECT_EQ(plain.last_sent(), gen::notification(6, 2));

  FsmHarness connecting;
  connecting.fsm.start(connecting.now);
  connecting.fsm.stop(connecting.now);
  EXPECT_EQ(connecting.sent_count(), 0u);  // no session, no NOTIFICATION
  EXPECT_EQ(connecting.transport.disconnects, 1);
  EXPECT_EQ(connecting.fsm.state(), State::Idle);
}

}  // namespace
}  // namespace bgplens::live::testing

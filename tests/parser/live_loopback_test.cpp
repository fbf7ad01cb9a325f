// End to end over loopback TCP: our connection passive with a scripted peer connecting, our
// connection active towards a scripted peer that listens, route refresh and stop through the
// connection's thread, TCP-MD5 on the listening socket; and the host:port parsing it uses.
#include <gtest/gtest.h>

#include "live_hostile_peer.h"

namespace bgplens::live::testing {
namespace {

bool established(const Recorder& r) {
  return !r.states.empty() && r.states.back().to == State::Established;
}

TEST(LiveLoopback, ParsesEndpoints) {
  auto e = parse_endpoint("192.0.2.1:1179");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->host, "192.0.2.1");
  EXPECT_EQ(e->port, 1179);
  e = parse_endpoint("router.example");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->port, 179);
  e = parse_endpoint("[2001:db8::1]:1790");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->host, "2001:db8::1");
  EXPECT_EQ(e->port, 1790);
  e = parse_endpoint("2001:db8::1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->host, "2001:db8::1");
  EXPECT_EQ(e->port, 179);
  EXPECT_EQ(endpoint_text(*e), "[2001:db8::1]:179");
  for (const char* bad : {"", ":179", "host:", "host:70000", "[::1", "[::1]x"})
    EXPECT_FALSE(parse_endpoint(bad)) << bad;
}

TEST(LiveLoopback, PassiveSessionReportsEveryMessageInOrder) {
  Recorder recorder;
  FsmOptions fsm = passive_fsm();
  fsm.decode_depth = Depth::Detail;  // for the NLRI text
  BgpConnection connection(test_config(), fsm, passive_options(), recorder);
  ASSERT_EQ(connection.start(), "");
  ASSERT_NE(connection.listening_port(), 0);
  ScriptedPeer peer = ScriptedPeer::connect_to(connection.listening_port());
  ASSERT_TRUE(peer.ok()) << peer.error();
  ASSERT_TRUE(peer.handshake());
  ASSERT_TRUE(recorder.wait_for(established));
  const ByteVector first = simple_update("10.1.0.0/16");
  const ByteVector second = simple_update("192.0.2.0/24");
  ByteVector burst = first;  // both UPDATEs and the NOTIFICATION in one write
  burst.insert(burst.end(), second.begin(), second.end());
  const ByteVector cease = gen::notification(6, 2);
  burst.insert(burst.end(), cease.begin(), cease.end());
  ASSERT_TRUE(peer.send(burst));
  EXPECT_TRUE(peer.read_until_closed().closed);
  ASSERT_TRUE(connection.wait_finished(5s));

  std::vector<RecordedMessage> m = recorder.locked([](Recorder& r) { return r.messages; });
  const std::vector<std::pair<Direction, ByteVector>> expected{
      {Direction::Sent, build_open(test_config())},
      {Direction::Received, gen::open(peer_spec())},
      {Direction::Sent, gen::keepalive()},
      {Direction::Received, gen::keepalive()},
      {Direction::Received, first},
      {Direction::Received, second},
      {Direction::Received, cease},
  };
  ASSERT_EQ(m.size(), expected.size());
  const auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  for (std::size_t i = 0; i < m.size(); ++i) {
    EXPECT_EQ(m[i].index, i + 1);
    EXPECT_EQ(m[i].direction, expected[i].first) << i;
    EXPECT_EQ(m[i].bytes, expected[i].second) << i;
    // Wall-clock times, in order, from the last minute.
    EXPECT_GT(m[i].wall_time_ns, now_ns - 60'000'000'000);
    EXPECT_LE(m[i].wall_time_ns, now_ns);
    if (i > 0) {
      EXPECT_GE(m[i].wall_time_ns, m[i - 1].wall_time_ns);
    }
  }
  EXPECT_EQ(m[4].nlri, std::vector<std::string>{"10.1.0.0/16"});
  EXPECT_EQ(m[5].nlri, std::vector<std::string>{"192.0.2.0/24"});
  EXPECT_TRUE(m[4].had_context);

  recorder.locked([](Recorder& r) {
    EXPECT_EQ(r.state_sequence(),
              (std::vector<State>{State::Active, State::OpenSent, State::OpenConfirm,
                                  State::Established, State::Idle}));
    EXPECT_EQ(r.negotiated.size(), 1u);
    EXPECT_TRUE(r.has_error(ErrorKind::PeerNotification));
    return 0;
  });
}

TEST(LiveLoopback, ActiveSessionRefreshesAndStopsWithAShutdownMessage) {
  ScriptedPeer peer = ScriptedPeer::listen_on();
  ASSERT_NE(peer.port(), 0);
  Recorder recorder;
  ConnectionOptions options;
  options.peer = Endpoint{"127.0.0.1", peer.port()};
  BgpConnection connection(test_config(), FsmOptions{}, options, recorder);
  ASSERT_EQ(connection.start(), "");
  ASSERT_TRUE(peer.accept());
  ASSERT_TRUE(peer.handshake());
  ASSERT_TRUE(recorder.wait_for(established));

  connection.request_refresh(kIpv6Unicast);
  EXPECT_EQ(peer.read_message(), gen::route_refresh(kIpv6Unicast, 0));

  connection.stop("bye");
  const ScriptedPeer::Rest rest = peer.read_until_closed();
  EXPECT_TRUE(rest.closed);
  EXPECT_EQ(rest.messages,
            std::vector<ByteVector>{gen::notification(6, 2, ByteVector{3, 'b', 'y', 'e'})});
  EXPECT_EQ(connection.state(), State::Idle);
  EXPECT_EQ(recorder.locked([](Recorder& r) { return r.count(Direction::Sent, 2); }), 0u);
}

TEST(LiveLoopback, ConnectRefusedIsReportedAndEndsIdle) {
  // A port nobody listens on: take an ephemeral one and close it again.
  std::uint16_t port = 0;
  {
    ScriptedPeer probe = ScriptedPeer::listen_on();
    port = probe.port();
  }
  Recorder recorder;
  ConnectionOptions options;
  options.peer = Endpoint{"127.0.0.1", port};
  BgpConnection connection(test_config(), FsmOptions{}, options, recorder);
  ASSERT_EQ(connection.start(), "");
  ASSERT_TRUE(connection.wait_finished(5s));
  EXPECT_TRUE(recorder.locked([](Recorder& r) { return r.has_error(ErrorKind::Transport); }));
  EXPECT_EQ(connection.state(), State::Idle);
}

TEST(LiveLoopback, StartRefusesBadConfigurationAndBusyPorts) {
  Recorder recorder;
  SpeakerConfig bad = test_config();
  bad.hold_time = 1;
  BgpConnection refused(bad, passive_fsm(), passive_options(), recorder);
  EXPECT_NE(refused.start().find("hold time 1"), std::string::npos);

  BgpConnection first(test_config(), passive_fsm(), passive_options(), recorder);
  ASSERT_EQ(first.start(), "");
  ConnectionOptions same = passive_options();
  same.listen_at.port = first.listening_port();
  BgpConnection second(test_config(), passive_fsm(), same, recorder);
  EXPECT_NE(second.start().find("cannot listen"), std::string::npos);
}

TEST(LiveLoopback, Md5ProtectedPassiveSession) {
  Recorder recorder;
  ConnectionOptions options = passive_options();
  options.peer = Endpoint{"127.0.0.1", 0};
  options.md5_password = "s3cret";
  BgpConnection connection(test_config(), passive_fsm(), options, recorder);
  const std::string error = connection.start();
  if (error.find("TCP_MD5SIG") != std::string::npos) {
    GTEST_SKIP() << "this kernel has no TCP-MD5: " << error;
  }
  ASSERT_EQ(error, "");

  // Without the key the SYN is dropped: no connection.
  ScriptedPeer stranger = ScriptedPeer::connect_to(connection.listening_port(), {}, 300ms);
  EXPECT_FALSE(stranger.ok());

  ScriptedPeer peer = ScriptedPeer::connect_to(connection.listening_port(), "s3cret");
  ASSERT_TRUE(peer.ok()) << peer.error();
  ASSERT_TRUE(peer.handshake());
  EXPECT_TRUE(recorder.wait_for(established));
}

TEST(LiveLoopback, Ipv6BothWaysWithMd5) {
  // Passive on [::1] with a TCP-MD5 key for ::1.
  Recorder recorder;
  ConnectionOptions options = passive_options();
  options.listen_at = Endpoint{"::1", 0};
  options.peer = Endpoint{"::1", 0};
  options.md5_password = "v6-secret";
  BgpConnection passive(test_config(), passive_fsm(), options, recorder);
  const std::string error = passive.start();
  if (error.find("TCP_MD5SIG") != std::string::npos || error.find("::1") != std::string::npos) {
    GTEST_SKIP() << "no IPv6 loopback or no TCP-MD5 here: " << error;
  }
  ASSERT_EQ(error, "");
  ScriptedPeer peer = ScriptedPeer::connect_to(passive.listening_port(), "v6-secret", 3s, "::1");
  ASSERT_TRUE(peer.ok()) << peer.error();
  ASSERT_TRUE(peer.handshake());
  EXPECT_TRUE(recorder.wait_for(established));

  // Active towards [::1].
  ScriptedPeer listener = ScriptedPeer::listen_on("::1");
  ASSERT_NE(listener.port(), 0) << listener.error();
  Recorder active_recorder;
  ConnectionOptions active_options;
  ASSERT_TRUE(parse_endpoint("[::1]:" + std::to_string(listener.port())));
  active_options.peer = *parse_endpoint("[::1]:" + std::to_string(listener.port()));
  BgpConnection active(test_config(), FsmOptions{}, active_options, active_recorder);
  ASSERT_EQ(active.start(), "");
  ASSERT_TRUE(listener.accept());
  ASSERT_TRUE(listener.handshake());
  EXPECT_TRUE(active_recorder.wait_for(established));
}

TEST(LiveLoopback, PassiveModeRefusesOtherAddresses) {
  Recorder recorder;
  ConnectionOptions options = passive_options();
  options.peer = Endpoint{"127.0.0.2", 0};  // only this peer may connect
  BgpConnection connection(test_config(), passive_fsm(), options, recorder);
  ASSERT_EQ(connection.start(), "");
  ScriptedPeer peer = ScriptedPeer::connect_to(connection.listening_port());  // from 127.0.0.1
  ASSERT_TRUE(peer.ok()) << peer.error();
  EXPECT_TRUE(peer.read_until_closed(2s).closed);
  EXPECT_TRUE(
      recorder.wait_for([](const Recorder& r) { return r.has_error(ErrorKind::Transport); }));
  EXPECT_EQ(connection.state(), State::Active);  // still waiting for the right peer
}

}  // namespace
}  // namespace bgplens::live::testing

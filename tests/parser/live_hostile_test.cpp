// A hostile peer against our live speaker over real loopback TCP: garbage, a bad marker, a
// length under 19 or over the maximum, an UPDATE flood, one byte at a time. Each gets the
// right NOTIFICATION or a clean close, and the speaker never holds more than one maximum-size
// message for the peer (the memory bound the FSM's counter shows).
#include <gtest/gtest.h>

#include "live_hostile_peer.h"

namespace bgplens::live::testing {
namespace {

// Our speaker listening, and a peer connected to it.
struct Arena {
  explicit Arena(FsmOptions fsm = passive_fsm(), ConnectionOptions options = passive_options())
      : connection(test_config(), fsm, options, recorder) {
    error = connection.start();
    if (error.empty()) peer = ScriptedPeer::connect_to(connection.listening_port());
  }
  ~Arena() {
    connection.stop();
    // Whatever happened, the speaker sent no UPDATE and held at most one maximum message.
    EXPECT_EQ(recorder.locked([](Recorder& r) { return r.count(Direction::Sent, 2); }), 0u);
    EXPECT_LE(connection.peak_buffered_bytes(), kMaxMessageLength);
  }
  // The peer's view of how the session ended: our messages after the point reached, and that
  // we closed; our side must be finished too.
  std::vector<ByteVector> ending() {
    ScriptedPeer::Rest rest = peer.read_until_closed(5s);
    EXPECT_TRUE(rest.closed) << "our speaker did not close the connection";
    EXPECT_TRUE(connection.wait_finished(5s));
    EXPECT_EQ(connection.state(), State::Idle);
    return rest.messages;
  }

  Recorder recorder;
  BgpConnection connection;
  std::string error;
  ScriptedPeer peer;
};

TEST(LiveHostile, GarbageGetsConnectionNotSynchronized) {
  Arena a;
  ASSERT_EQ(a.error, "");
  ASSERT_TRUE(a.peer.ok()) << a.peer.error();
  ASSERT_TRUE(a.peer.read_message());  // our OPEN
  ByteVector garbage(200);
  for (std::size_t i = 0; i < garbage.size(); ++i)
    garbage[i] = static_cast<std::uint8_t>(i * 37 + 11);
  a.peer.send(garbage);
  EXPECT_EQ(a.ending(), std::vector<ByteVector>{gen::notification(1, 1)});
  EXPECT_TRUE(a.recorder.locked([](Recorder& r) { return r.has_error(ErrorKind::Header); }));
}

TEST(LiveHostile, BadMarkerAfterEstablishment) {
  Arena a;
  ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
  ASSERT_TRUE(a.peer.handshake());
  ASSERT_TRUE(a.recorder.wait_for([](const Recorder& r) {
    return !r.states.empty() && r.states.back().to == State::Established;
  }));
  ByteVector bad = gen::keepalive();
  bad[0] = 0x00;
  a.peer.send(bad);
  EXPECT_EQ(a.ending(), std::vector<ByteVector>{gen::notification(1, 1)});
}

TEST(LiveHostile, LengthUnder19AndOverTheMaximum) {
  {
    Arena a;
    ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
    ASSERT_TRUE(a.peer.handshake());
    ByteVector short_header(16, 0xFF);
    short_header.insert(short_header.end(), {0, 18, 4});
    a.peer.send(short_header);
    EXPECT_EQ(a.ending(), std::vector<ByteVector>{gen::notification(1, 2, ByteVector{0, 18})});
  }
  Arena a;
  ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
  ASSERT_TRUE(a.peer.handshake());
  // A 5000-octet UPDATE, Extended Message not negotiated: refused at its header; the body
  // that follows is never buffered.
  ByteVector huge(16, 0xFF);
  huge.insert(huge.end(), {0x13, 0x88, 2});
  huge.resize(5000, 0x55);
  a.peer.send(huge);
  EXPECT_EQ(a.ending(), std::vector<ByteVector>{gen::notification(1, 2, ByteVector{0x13, 0x88})});
  EXPECT_LE(a.connection.peak_buffered_bytes(), 19u);  // at most the header, never the body
}

TEST(LiveHostile, UpdateFloodIsReceivedWholeWithBoundedMemory) {
  Arena a;
  ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
  ASSERT_TRUE(a.peer.handshake());
  constexpr int kUpdates = 10'000;
  ByteVector flood;
  for (int i = 0; i < kUpdates; ++i) {
    const std::string prefix = std::to_string(10 + i / 65536) + "." +
                               std::to_string((i / 256) % 256) + "." + std::to_string(i % 256) +
                               ".0/24";
    const ByteVector u = simple_update(prefix);
    flood.insert(flood.end(), u.begin(), u.end());
  }
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(a.peer.send(flood));
  ASSERT_TRUE(a.recorder.wait_for(
      [](const Recorder& r) {
        return r.count(Direction::Received, msg_type::kUpdate) == std::size_t{kUpdates};
      },
      20s));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::cout << "[ flood    ] " << kUpdates << " UPDATEs (" << flood.size() << " octets) in "
            << took.count() << " ms\n";
  a.peer.send(gen::notification(6, 2));
  EXPECT_TRUE(a.ending().empty());  // a NOTIFICATION is not answered
  a.recorder.locked([&](Recorder& r) {
    EXPECT_FALSE(r.has_error(ErrorKind::Update));
    EXPECT_FALSE(r.has_error(ErrorKind::UpdateTolerated));
    EXPECT_TRUE(r.has_error(ErrorKind::PeerNotification));
    return 0;
  });
  EXPECT_EQ(a.connection.bytes_read(),
            gen::open(peer_spec()).size() + 19 + flood.size() + gen::notification(6, 2).size());
}

TEST(LiveHostile, OneByteAtATimeStillEstablishes) {
  Arena a;
  ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
  ASSERT_TRUE(a.peer.read_message());  // our OPEN
  // The OPEN, then (after our KEEPALIVE answers it) the KEEPALIVE, each one octet at a time.
  const ByteVector open = gen::open(peer_spec());
  EXPECT_TRUE(a.peer.send_slowly(open, 2ms));
  EXPECT_EQ(a.peer.read_message(), gen::keepalive());
  EXPECT_TRUE(a.peer.send_slowly(gen::keepalive(), 2ms));
  ASSERT_TRUE(a.recorder.wait_for([](const Recorder& r) {
    return !r.states.empty() && r.states.back().to == State::Established;
  }));
  // One message at the most (exactly the OPEN unless the scheduler batched the drip; the FSM
  // tests check the exact figure with a fake peer).
  EXPECT_LE(a.connection.peak_buffered_bytes(), open.size());
  a.peer.send(gen::notification(6, 2));
  EXPECT_TRUE(a.ending().empty());
}

TEST(LiveHostile, SlowDripRunsIntoTheOpenSentHoldTimer) {
  FsmOptions fsm = passive_fsm();
  fsm.open_hold_time = 300ms;  // instead of 4 minutes, so the test stays short
  Arena a(fsm);
  ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
  ASSERT_TRUE(a.peer.read_message());                              // our OPEN
  EXPECT_FALSE(a.peer.send_slowly(gen::open(peer_spec()), 40ms));  // cut short by our answer
  EXPECT_EQ(a.ending(), std::vector<ByteVector>{gen::notification(4, 0)});
  EXPECT_TRUE(
      a.recorder.locked([](Recorder& r) { return r.has_error(ErrorKind::HoldTimerExpired); }));
}

TEST(LiveHostile, DrippedGarbageIsRefusedAtTheNineteenthByte) {
  Arena a;
  ASSERT_TRUE(a.peer.ok()) << a.error << a.peer.error();
  ASSERT_TRUE(a.peer.read_message());
  EXPECT_FALSE(a.peer.send_slowly(ByteVector(100, 0x00), 2ms));
  EXPECT_EQ(a.ending(), std::vector<ByteVector>{gen::notification(1, 1)});
  // Refused as soon as a header was complete (a byte or two more may be on the way by then),
  // with no more than that header gathered.
  EXPECT_GE(a.connection.bytes_read(), 19u);
  EXPECT_LT(a.connection.bytes_read(), 100u);
  EXPECT_LE(a.connection.peak_buffered_bytes(), 19u);
}

}  // namespace
}  // namespace bgplens::live::testing

// A live interface capture into the index: a BGP session over loopback (our speaker and a
// scripted peer), captured on "lo" with a filter for its port, is indexed through the capture
// path as a capture file of it would be: one Bgp session, its messages in order both ways,
// with contexts negotiated from its OPENs.
#include <gtest/gtest.h>

#include "index/record_decoder.h"
#include "live/live_sources_index.h"
#include "live_hostile_peer.h"

namespace bgplens::live::testing {
namespace {

bool established(const Recorder& r) {
  return !r.states.empty() && r.states.back().to == State::Established;
}

TEST(LiveCaptureIndex, ASessionCapturedOnLoopbackIsIndexedLikeACaptureFile) {
  Recorder recorder;
  BgpConnection connection(test_config(), passive_fsm(), passive_options(), recorder);
  ASSERT_EQ(connection.start(), "");
  const std::uint16_t port = connection.listening_port();

  auto store = std::make_shared<ByteStore>();
  RecordCollector collector;
  CaptureIndexer indexer(store, collector);
  CaptureOptions options;
  options.interface = "lo";
  options.filter = "tcp port " + std::to_string(port);
  InterfaceCapture capture(options, indexer);
  ASSERT_EQ(capture.start(), "");  // the tests run as root (CAP_NET_RAW)

  ScriptedPeer peer = ScriptedPeer::connect_to(port);
  ASSERT_TRUE(peer.ok()) << peer.error();
  ASSERT_TRUE(peer.handshake());
  ASSERT_TRUE(recorder.wait_for(established));
  const ByteVector update = simple_update("10.1.0.0/16");
  ASSERT_TRUE(peer.send(update));
  ASSERT_TRUE(recorder.wait_for([](const Recorder& r) { return r.messages.size() >= 5; }));
  connection.stop();  // our Cease, then FIN
  EXPECT_TRUE(peer.read_until_closed().closed);
  // The last frames reach the capture a moment later.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  std::uint64_t frames = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(200ms);
    if (capture.frames() == frames && frames > 0) break;
    frames = capture.frames();
  }
  capture.stop();
  indexer.finish();

  const ContextTable& table = collector.table;
  ASSERT_EQ(table.sessions.size(), 1u);
  EXPECT_EQ(table.sessions[0].kind, SessionKind::Bgp);
  // The peer connected: it sent the first segment (a), our listening port is b's.
  EXPECT_EQ(table.sessions[0].b.port, port);
  std::vector<std::pair<std::uint8_t, std::uint8_t>> seen;  // (direction, type)
  for (const MessageRecord& r : collector.records) {
    ASSERT_EQ(r.kind, FramedKind::Message);
    seen.emplace_back(table.contexts[r.context].direction, r.type);
  }
  // Ours: OPEN, KEEPALIVE, Cease; the peer's: OPEN, KEEPALIVE, UPDATE.
  const std::vector<std::pair<std::uint8_t, std::uint8_t>> expected{{1, 1}, {0, 1}, {1, 4},
                                                                    {0, 4}, {0, 2}, {1, 3}};
  EXPECT_EQ(seen, expected);
  for (const MessageRecord& r : collector.records) {
    if (r.type != 2) continue;
    const DecodedMessage d = decode_record(*store, table, r, Depth::Detail);
    ASSERT_EQ(d.nlri.size(), 1u);
    EXPECT_EQ(d.nlri[0].text, "10.1.0.0/16");
    EXPECT_TRUE(table.contexts[r.context].as4);
  }
  // Our FIN after the Cease is an event of the session (the peer's comes after the capture).
  ASSERT_FALSE(table.events.empty());
  EXPECT_EQ(table.events[0].direction, 1);
  EXPECT_EQ(table.events[0].kind, SessionEventKind::Fin);
}

}  // namespace
}  // namespace bgplens::live::testing

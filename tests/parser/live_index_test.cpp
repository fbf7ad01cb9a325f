// A live session's bytes go into the index as a capture's would: every message a row over
// the shared bytes, in order, both directions, with the context negotiated from the OPENs;
// bytes that frame as no message become rows too.
#include <gtest/gtest.h>

#include <cstring>
#include <optional>

#include "index/record_decoder.h"
#include "live/live_index.h"
#include "live_hostile_peer.h"

namespace bgplens::live::testing {
namespace {

bool established(const Recorder& r) {
  return !r.states.empty() && r.states.back().to == State::Established;
}

struct IndexedSession {
  std::shared_ptr<ByteStore> store = std::make_shared<ByteStore>();
  RecordCollector collector;
  Recorder recorder;
  SessionIndexer indexer{store, collector, &recorder};

  Bytes bytes(const MessageRecord& r) const { return store->view(r.address, r.length); }
  std::vector<std::uint8_t> vec(const MessageRecord& r) const {
    const Bytes b = bytes(r);
    return {b.begin(), b.end()};
  }

  // Our passive speaker and a scripted peer through the handshake.
  void establish() {
    ASSERT_EQ(connection.start(), "");
    peer = ScriptedPeer::connect_to(connection.listening_port());
    ASSERT_TRUE(peer->ok()) << peer->error();
    ASSERT_TRUE(peer->handshake());
    ASSERT_TRUE(recorder.wait_for(established));
  }
  // The peer sends `bytes`, after which our side closes; the last batch is handed over.
  void end_with(const ByteVector& bytes) {
    ASSERT_TRUE(peer->send(bytes));
    EXPECT_TRUE(peer->read_until_closed().closed);
    ASSERT_TRUE(connection.wait_finished(5s));
    connection.stop();
    indexer.finish();
  }

  BgpConnection connection{test_config(), passive_fsm(), passive_options(), indexer};
  std::optional<ScriptedPeer> peer;
};

TEST(LiveIndex, SessionRowsAreTheWireBytesInOrderWithNegotiatedContexts) {
  IndexedSession s;
  ASSERT_NO_FATAL_FAILURE(s.establish());
  const ByteVector update = simple_update("10.1.0.0/16");
  const ByteVector cease = gen::notification(6, 2);
  ByteVector burst = update;
  burst.insert(burst.end(), cease.begin(), cease.end());
  ASSERT_NO_FATAL_FAILURE(s.end_with(burst));

  const auto& rows = s.collector.records;
  const std::vector<std::pair<std::uint8_t, ByteVector>> expected{
      {1, build_open(test_config())},
      {0, gen::open(peer_spec())},
      {1, gen::keepalive()},
      {0, gen::keepalive()},
      {0, update},
      {0, cease},
  };
  ASSERT_EQ(rows.size(), expected.size());
  const auto& table = s.collector.table;
  ASSERT_EQ(table.sessions.size(), 1u);
  const SessionInfo& session = table.sessions[0];
  EXPECT_EQ(session.kind, SessionKind::Bgp);
  // a is the peer (it connected from an ephemeral port), b our listening end.
  EXPECT_EQ(session.b.port, s.connection.listening_port());
  EXPECT_EQ(session.a.address.text(), "127.0.0.1");
  EXPECT_NE(session.a.port, 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MessageRecord& r = rows[i];
    EXPECT_EQ(r.kind, FramedKind::Message) << i;
    EXPECT_EQ(s.vec(r), expected[i].second) << i;
    const PeerContext& ctx = table.contexts[r.context];
    EXPECT_EQ(ctx.session, 0u);
    EXPECT_EQ(ctx.direction, expected[i].first) << i;
    if (i > 0) {
      EXPECT_GE(r.time_ns, rows[i - 1].time_ns);
    }
  }
  // After both OPENs, the contexts are the negotiated ones: 4-octet AS both ways.
  const PeerContext& update_ctx = table.contexts[rows[4].context];
  EXPECT_TRUE(update_ctx.as4);
  EXPECT_EQ(update_ctx.as4_from, Provenance::Negotiated);
  const DecodedMessage d = decode_record(*s.store, table, rows[4], Depth::Detail);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "10.1.0.0/16");
  EXPECT_TRUE(d.problems.empty());
}

TEST(LiveIndex, GarbageFromThePeerIsKeptAsRowsAndOurNotificationFollows) {
  IndexedSession s;
  ASSERT_NO_FATAL_FAILURE(s.establish());
  ByteVector bad = gen::keepalive();
  bad[3] = 0x00;  // RFC 4271 §6.1: a marker that is not all ones → NOTIFICATION 1/1
  ASSERT_NO_FATAL_FAILURE(s.end_with(bad));

  const auto& rows = s.collector.records;
  ASSERT_GE(rows.size(), 6u);
  // Every byte the peer sent is in some row of direction 0, the bad one included.
  std::vector<std::uint8_t> received;
  for (const MessageRecord& r : rows) {
    if (s.collector.table.contexts[r.context].direction != 0) continue;
    const auto b = s.vec(r);
    received.insert(received.end(), b.begin(), b.end());
  }
  ByteVector sent_by_peer = gen::open(peer_spec());
  const ByteVector ka = gen::keepalive();
  sent_by_peer.insert(sent_by_peer.end(), ka.begin(), ka.end());
  sent_by_peer.insert(sent_by_peer.end(), bad.begin(), bad.end());
  EXPECT_EQ(received, sent_by_peer);
  // The last row is our NOTIFICATION 1/1 (Connection Not Synchronized).
  const MessageRecord& last = rows.back();
  EXPECT_EQ(s.collector.table.contexts[last.context].direction, 1);
  EXPECT_EQ(last.type, 3);
  const auto b = s.vec(last);
  ASSERT_GE(b.size(), 21u);
  EXPECT_EQ(b[19], 1);
  EXPECT_EQ(b[20], 1);
  // The session's end is an event of both directions.
  EXPECT_EQ(s.collector.table.events.size(), 2u);
}

}  // namespace
}  // namespace bgplens::live::testing

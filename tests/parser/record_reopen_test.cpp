// Recording rows of the index (record/index_recorder.h) and reopening the recording: a capture
// is indexed as the application indexes it, its rows (all, or a selection) are recorded as MRT
// and as pcapng, each recording is opened and indexed again, and every BGP message must come
// back with the same bytes, the same sender and receiver, the same time (MRT keeps
// microseconds) and a context that decodes it the same way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>

#include "bgp/message_decoder.h"
#include "bgp/message_summary.h"
#include "gen/byte_writer.h"
#include "gen/pcap_writer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "record/index_recorder.h"
#include "record/mrt_recorder.h"
#include "record/pcapng_recorder.h"
#include "record_test_session.h"

namespace bgplens::record {
namespace {

using test::Indexed;
using test::open_and_index;
using test::TempFile;

// Records the rows `selected` of `from` (all BGP message rows when empty) into `path`.
IndexRecorderStats record(const Indexed& from, const std::string& path, RecordFormat format,
                          std::vector<std::uint64_t> selected = {}) {
  if (selected.empty()) {
    for (std::uint64_t n = 0; n < from.index.records.size(); ++n)
      selected.push_back(n);
  }
  IndexRecorderOptions options;
  options.format = format;
  auto recorder = IndexRecorder::create(path, options);
  EXPECT_TRUE(recorder.has_value());
  if (!recorder) return {};
  const IndexRows rows{*from.store, from.index.table,
                       [&](std::uint64_t n) { return from.index.records.at(n); },
                       from.index.records.size()};
  EXPECT_TRUE(record_rows(*recorder, rows, selected)) << recorder->error();
  EXPECT_TRUE(recorder->close()) << recorder->error();
  return recorder->stats();
}

// What a message decodes to with a context: its summary line, its NLRI and its problems.
std::string decoded_text(Bytes message, const PeerContext& context) {
  const DecodedMessage d = decode_message(message, context, Depth::Detail);
  std::string out = message_summary(d);
  for (const NlriEntry& e : d.nlri)
    out += "\n" + e.text + (e.path_id ? " path id " + std::to_string(*e.path_id) : "");
  for (const DecodeProblem& p : d.problems)
    out += "\nproblem: " + p.message;
  return out;
}

struct Expect {
  RecordFormat format = RecordFormat::Mrt;
  // The endpoints' ports are compared too (TCP sessions: both formats keep them in pcapng).
  bool ports = true;
  // The reopened contexts must decode the messages as the original ones (false only where
  // the recording lacks the OPENs that settle them: a pcapng of a selection without them).
  bool contexts = true;
};

// Every original row in `rows` has its twin, in order, among the reopened file's messages.
void expect_same_messages(const Indexed& original, const std::vector<std::uint64_t>& rows,
                          const Indexed& reopened, const Expect& e) {
  const std::vector<std::uint64_t> back = reopened.message_rows();
  ASSERT_EQ(back.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE("message " + std::to_string(i) + " (row " + std::to_string(rows[i]) + ")");
    const MessageRecord& o = original.index.records.at(rows[i]);
    const MessageRecord& r = reopened.index.records.at(back[i]);
    const Bytes om = row_content(o, original.bytes(o)).message;
    const Bytes rm = row_content(r, reopened.bytes(r)).message;
    ASSERT_EQ(rm.size(), om.size());
    EXPECT_EQ(std::memcmp(rm.data(), om.data(), om.size()), 0);
    // pcapng keeps nanoseconds; MRT's _ET types microseconds (RFC 6396 §3).
    EXPECT_EQ(r.time_ns, e.format == RecordFormat::Pcapng ? o.time_ns : o.time_ns / 1000 * 1000);
    // The same sender and receiver: for MRT the peer and the local speaker (the _LOCAL
    // subtypes are direction 1), for pcapng the TCP endpoints.
    const PeerContext& oc = original.context(o);
    const PeerContext& rc = reopened.context(r);
    EXPECT_EQ(rc.direction, oc.direction);
    const SessionInfo& os = original.session(o);
    const SessionInfo& rs = reopened.session(r);
    EXPECT_EQ(rs.source(rc.direction).address, os.source(oc.direction).address);
    EXPECT_EQ(rs.destination(rc.direction).address, os.destination(oc.direction).address);
    if (e.format == RecordFormat::Pcapng && e.ports) {
      EXPECT_EQ(rs.source(rc.direction).port, os.source(oc.direction).port);
      EXPECT_EQ(rs.destination(rc.direction).port, os.destination(oc.direction).port);
    }
    if (!e.contexts) continue;
    if (om[18] == msg_type::kUpdate) {
      EXPECT_EQ(rc.as4, oc.as4);
      for (const Family f : update_nlri_families(om))
        EXPECT_EQ(rc.has_add_path(f), oc.has_add_path(f)) << f.afi << "/" << int(f.safi);
    }
    EXPECT_EQ(decoded_text(rm, rc), decoded_text(om, oc));
    // The list line the application shows for the row is the same too.
    const DecodedMessage od =
        decode_record(*original.store, original.index.table, o, Depth::Summary);
    const DecodedMessage rd =
        decode_record(*reopened.store, reopened.index.table, r, Depth::Summary);
    if (e.format == RecordFormat::Pcapng) {
      EXPECT_EQ(record_summary(r, rd), record_summary(o, od));
    }
    EXPECT_EQ(rd.worst(), od.worst());
  }
}

// The sample recordings of record_test_session.h as a pcapng capture, events of all of them
// in time order, `offset_ns` apart from one recording to the next. The peer opens each
// connection, so that the capture's `a` is the peer and `b` the local speaker, as in a live
// session: the index recorder's "local" (the sender of direction 1) is the recording's.
void write_capture(const std::string& path, const std::vector<Recording>& recordings,
                   std::int64_t offset_ns = 0) {
  struct Event {
    std::int64_t time_ns;
    std::size_t recording;
    const RecordedMessage* message;
  };
  std::vector<Event> events;
  for (std::size_t i = 0; i < recordings.size(); ++i) {
    for (const RecordedMessage* m : test::messages_of(recordings[i]))
      events.push_back({m->time_ns + static_cast<std::int64_t>(i) * offset_ns, i, m});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.time_ns < b.time_ns; });
  std::vector<RecordedSession> sessions;
  for (const Recording& r : recordings) {
    sessions.push_back(r.session);
    sessions.back().local_opened = false;
  }
  auto pcap = PcapngRecorder::create(path);
  ASSERT_TRUE(pcap.has_value());
  for (const Event& ev : events)
    ASSERT_TRUE(pcap->message(sessions[ev.recording], ev.time_ns, ev.message->direction,
                              ev.message->view()));
  ASSERT_TRUE(pcap->close());
}

// Records all rows of `original` in both formats and checks what reopens.
void round_trip_all(const Indexed& original, const std::string& name) {
  const std::vector<std::uint64_t> rows = original.message_rows();
  for (const RecordFormat f : {RecordFormat::Mrt, RecordFormat::Pcapng}) {
    SCOPED_TRACE(f == RecordFormat::Mrt ? "MRT" : "pcapng");
    const TempFile out(name + (f == RecordFormat::Mrt ? ".mrt" : ".pcapng"));
    const IndexRecorderStats stats = record(original, out.str(), f);
    EXPECT_EQ(stats.messages, rows.size()) << stats.skipped.text();
    EXPECT_EQ(stats.skipped.total(), original.index.records.size() - rows.size());
    const auto reopened = open_and_index(out.str());
    expect_same_messages(original, rows, *reopened, Expect{f, true, true});
  }
}

TEST(RecordReopen, AddPathFourOctetSessionWithExtendedMessage) {
  const Recording sample = test::sample_recording(false);
  const TempFile capture("capture-v4.pcapng");
  write_capture(capture.str(), {sample});
  const auto original = open_and_index(capture.str());
  const std::vector<std::uint64_t> rows = original->message_rows();
  ASSERT_EQ(rows.size(), test::messages_of(sample).size());
  // What the test is about: the capture's contexts carry ADD-PATH (peer → local only), 4-octet
  // AS numbers, and an UPDATE over 4096 octets (RFC 8654).
  bool add_path = false, big = false;
  for (const std::uint64_t n : rows) {
    const MessageRecord& r = original->index.records[n];
    const PeerContext& c = original->context(r);
    if (r.type == msg_type::kUpdate) {
      EXPECT_TRUE(c.as4);
      add_path |= c.has_add_path(kIpv4Unicast);
    }
    big |= r.length > 4096;
  }
  EXPECT_TRUE(add_path);
  EXPECT_TRUE(big);
  round_trip_all(*original, "reopen-v4");
}

TEST(RecordReopen, Ipv6Session) {
  const TempFile capture("capture-v6.pcapng");
  write_capture(capture.str(), {test::sample_recording(true)});
  const auto original = open_and_index(capture.str());
  ASSERT_FALSE(original->message_rows().empty());
  EXPECT_EQ(
      original->session(original->index.records[original->message_rows()[0]]).a.address.version, 6);
  round_trip_all(*original, "reopen-v6");
}

TEST(RecordReopen, MrtRecordingNamesTheSessionsAsTheOpensDo) {
  const TempFile capture("capture-as.pcapng");
  write_capture(capture.str(), {test::sample_recording(false)});
  const auto original = open_and_index(capture.str());
  const TempFile out("reopen-as.mrt");
  record(*original, out.str(), RecordFormat::Mrt);
  const auto reopened = open_and_index(out.str());
  // One MRT peer: every record names the same ends and AS numbers, the 4-octet local AS
  // included (non-UPDATE messages take the session's AS size, not AS_TRANS).
  std::set<std::uint32_t> sessions;
  for (const std::uint64_t n : reopened->message_rows())
    sessions.insert(reopened->context(reopened->index.records[n]).session);
  ASSERT_EQ(sessions.size(), 1u);
  const SessionInfo& s = reopened->index.table.sessions.at(*sessions.begin());
  ASSERT_TRUE(s.mrt_peer.has_value());
  EXPECT_EQ(s.mrt_peer->as, test::kPeerAs);
  EXPECT_EQ(s.mrt_peer->local_as, test::kLocalAs);
}

// Two sessions in one capture; a selection of rows of both (no OPENs, no KEEPALIVEs).
TEST(RecordReopen, SelectionOfRowsFromTwoSessions) {
  const TempFile capture("capture-two.pcapng");
  write_capture(capture.str(), {test::sample_recording(false), test::sample_recording(true)},
                1'250'000);
  const auto original = open_and_index(capture.str());
  std::vector<std::uint64_t> selection, opens;
  std::set<std::uint32_t> sessions;
  for (const std::uint64_t n : original->message_rows()) {
    const MessageRecord& r = original->index.records[n];
    if (r.type == msg_type::kOpen) opens.push_back(n);
    if (r.type == msg_type::kUpdate || r.type == msg_type::kNotification) {
      selection.push_back(n);
      sessions.insert(original->context(r).session);
    }
  }
  ASSERT_EQ(sessions.size(), 2u);
  ASSERT_EQ(opens.size(), 4u);

  // MRT: each record says how its message reads; the AS numbers come from the OPENs left out.
  const TempFile mrt("reopen-two.mrt");
  EXPECT_EQ(record(*original, mrt.str(), RecordFormat::Mrt, selection).messages, selection.size());
  const auto from_mrt = open_and_index(mrt.str());
  expect_same_messages(*original, selection, *from_mrt, Expect{RecordFormat::Mrt, true, true});
  for (const SessionInfo& s : from_mrt->index.table.sessions) {
    ASSERT_TRUE(s.mrt_peer.has_value());
    EXPECT_EQ(s.mrt_peer->as, test::kPeerAs);
    EXPECT_EQ(s.mrt_peer->local_as, test::kLocalAs);
  }

  // pcapng without the OPENs: the same bytes, ends and times; the contexts are the reader's
  // guess (nothing in a capture says them but the OPENs).
  const TempFile bare("reopen-two-bare.pcapng");
  record(*original, bare.str(), RecordFormat::Pcapng, selection);
  expect_same_messages(*original, selection, *open_and_index(bare.str()),
                       Expect{RecordFormat::Pcapng, true, false});

  // pcapng with the OPENs selected too: the same contexts.
  std::vector<std::uint64_t> with_opens = selection;
  with_opens.insert(with_opens.end(), opens.begin(), opens.end());
  std::sort(with_opens.begin(), with_opens.end());
  const TempFile full("reopen-two-opens.pcapng");
  record(*original, full.str(), RecordFormat::Pcapng, with_opens);
  expect_same_messages(*original, with_opens, *open_and_index(full.str()),
                       Expect{RecordFormat::Pcapng, true, true});
}

// A BMP stream (RFC 7854): the monitored peer's messages are saved as a BGP session between
// the peer and the router; the BMP messages themselves are not.
gen::ByteVector bmp(std::uint8_t type, const gen::ByteVector& body) {
  gen::ByteWriter w;
  w.u8(3).u32(static_cast<std::uint32_t>(6 + body.size())).u8(type).bytes(body);
  return w.data();
}

// RFC 7854 §4.2: peer 192.0.2.1, AS 65001, 4-octet AS_PATH (A flag clear).
gen::ByteVector bmp_peer_header() {
  gen::ByteWriter w;
  w.u8(0).u8(0).u32(0).u32(0);
  w.u32(0).u32(0).u32(0).bytes(gen::ipv4("192.0.2.1"));
  w.u32(65001).bytes(gen::ipv4("192.0.2.1")).u32(1'700'000'000).u32(0);
  return w.data();
}

TEST(RecordReopen, BmpPeerSavedAsBgpSession) {
  gen::ByteVector stream;
  auto put = [&stream](const gen::ByteVector& m) {
    stream.insert(stream.end(), m.begin(), m.end());
  };
  put(bmp(4, {0, 2, 0, 2, 'r', '1'}));  // Initiation: sysName "r1"
  gen::ByteWriter up;
  up.bytes(bmp_peer_header()).u32(0).u32(0).u32(0).bytes(gen::ipv4("192.0.2.2"));
  up.u16(179)
      .u16(50179)
      .bytes(test::open_message(65002, 65002, 0xC0000202, 3))
      .bytes(test::open_message(65001, 65001, 0xC0000201, 3));
  put(bmp(3, up.data()));  // Peer Up: the router's OPEN, then the peer's
  gen::UpdateSpec u;
  u.attributes = {gen::origin(0), gen::as_path({{2, {65001, 4'200'000'000u}}}, true),
                  gen::next_hop("192.0.2.1")};
  u.nlri = {gen::prefix("10.1.0.0/16", 7), gen::prefix("10.2.0.0/16", 8)};
  gen::ByteWriter rm;
  rm.bytes(bmp_peer_header()).bytes(gen::update(u));
  put(bmp(0, rm.data()));  // Route Monitoring
  gen::ByteWriter down;
  down.bytes(bmp_peer_header()).u8(3).bytes(gen::notification(6, 2));
  put(bmp(2, down.data()));  // Peer Down: the peer's NOTIFICATION

  gen::PcapWriter pcap;
  gen::TcpConversation c(pcap, gen::endpoint("198.51.100.1", 40000),
                         gen::endpoint("198.51.100.9", 11019));
  c.handshake(test::kT0);
  c.send(0, stream, test::kT0 + 1'000'000);
  const TempFile capture("capture-bmp.pcap");
  ASSERT_TRUE(pcap.save(capture.str()));
  const auto original = open_and_index(capture.str());
  const std::vector<std::uint64_t> rows = original->message_rows();
  ASSERT_EQ(rows.size(), 4u);  // two OPENs, the UPDATE, the NOTIFICATION
  for (const std::uint64_t n : rows)
    EXPECT_EQ(original->session(original->index.records[n]).kind, SessionKind::BmpPeer);

  for (const RecordFormat f : {RecordFormat::Mrt, RecordFormat::Pcapng}) {
    SCOPED_TRACE(f == RecordFormat::Mrt ? "MRT" : "pcapng");
    const TempFile out(f == RecordFormat::Mrt ? "reopen-bmp.mrt" : "reopen-bmp.pcapng");
    const IndexRecorderStats stats = record(*original, out.str(), f);
    EXPECT_EQ(stats.messages, 4u);
    EXPECT_EQ(stats.skipped.of(RowSkip::BmpMessage), 4u);
    EXPECT_EQ(stats.skipped.total(), 4u);
    const auto reopened = open_and_index(out.str());
    expect_same_messages(*original, rows, *reopened, Expect{f, true, true});
    const SessionInfo& s =
        reopened->session(reopened->index.records.at(reopened->message_rows()[0]));
    EXPECT_EQ(s.kind, f == RecordFormat::Mrt ? SessionKind::MrtPeer : SessionKind::Bgp);
    if (s.mrt_peer) {
      EXPECT_EQ(s.mrt_peer->as, 65001u);
      EXPECT_EQ(s.mrt_peer->local_as, 65002u);
    }
  }
}

}  // namespace
}  // namespace bgplens::record

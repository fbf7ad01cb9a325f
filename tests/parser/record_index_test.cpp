// The index recorder's own rules (record/index_recorder.h): the format from the file name,
// recording as the index grows (the live --write path) writing what a selection writes, the
// live session's conventions and hints (state changes, who opened the connection), MRT files
// recorded again, rows that are no BGP message counted by kind, and a reconnection over the
// same two ends.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "bgp/message_decoder.h"
#include "gen/mrt_writer.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "mrt/mrt_record.h"
#include "record/index_recorder.h"
#include "record/mrt_recorder.h"
#include "record/pcapng_recorder.h"
#include "record_test_session.h"

namespace bgplens::record {
namespace {

using test::Indexed;
using test::open_and_index;
using test::TempFile;

std::vector<std::uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

IndexRecorder make(const std::string& path, RecordFormat f, SessionHint defaults = {}) {
  IndexRecorderOptions o;
  o.format = f;
  o.defaults = defaults;
  auto r = IndexRecorder::create(path, o);
  if (!r) throw std::runtime_error(r.error());
  return std::move(*r);
}

// Every row of `ix`, through record_rows.
IndexRecorderStats record_all(const Indexed& ix, IndexRecorder& r) {
  std::vector<std::uint64_t> all(ix.index.records.size());
  for (std::uint64_t n = 0; n < all.size(); ++n)
    all[n] = n;
  const IndexRows rows{*ix.store, ix.index.table,
                       [&](std::uint64_t n) { return ix.index.records.at(n); },
                       ix.index.records.size()};
  EXPECT_TRUE(record_rows(r, rows, all)) << r.error();
  EXPECT_TRUE(r.close()) << r.error();
  return r.stats();
}

// Opens and indexes `source` and records all its rows into `out`.
IndexRecorderStats record_file(const std::string& source, const std::string& out, RecordFormat f) {
  const auto ix = open_and_index(source);
  IndexRecorder r = make(out, f);
  return record_all(*ix, r);
}

std::unique_ptr<Indexed> sample_capture(const std::string& path, const Recording& recording) {
  auto pcap = PcapngRecorder::create(path);
  EXPECT_TRUE(pcap.has_value());
  EXPECT_TRUE(pcap->record(recording));
  EXPECT_TRUE(pcap->close());
  return open_and_index(path);
}

// The messages of an index, bytes and direction, in order.
std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>> messages(const Indexed& ix) {
  std::vector<std::pair<std::uint8_t, std::vector<std::uint8_t>>> out;
  for (const std::uint64_t n : ix.message_rows()) {
    const MessageRecord& r = ix.index.records[n];
    const Bytes m = row_content(r, ix.bytes(r)).message;
    out.emplace_back(ix.context(r).direction, std::vector<std::uint8_t>(m.begin(), m.end()));
  }
  return out;
}

// The (old, new) states of an MRT index's state-change rows.
std::vector<std::pair<std::uint16_t, std::uint16_t>> states(const Indexed& ix) {
  std::vector<std::pair<std::uint16_t, std::uint16_t>> out;
  for (const MessageRecord& r : ix.index.records) {
    const RowContent c = row_content(r, ix.bytes(r));
    if (c.kind == RowContent::Kind::StateChange)
      out.emplace_back(c.state.old_state, c.state.new_state);
  }
  return out;
}

TEST(RecordIndex, FormatFromTheFileName) {
  EXPECT_EQ(format_from_path("/tmp/a.mrt"), RecordFormat::Mrt);
  EXPECT_EQ(format_from_path("A.MRT"), RecordFormat::Mrt);
  EXPECT_EQ(format_from_path("x.pcapng"), RecordFormat::Pcapng);
  EXPECT_EQ(format_from_path("x.PcapNG"), RecordFormat::Pcapng);
  EXPECT_FALSE(format_from_path("x.pcap").has_value());
  EXPECT_FALSE(format_from_path("mrt").has_value());
  const TempFile bad("format.txt");
  const auto r = IndexRecorder::create(bad.str());
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().find(".mrt or .pcapng"), std::string::npos);
  const TempFile good("format.pcapng");
  const auto g = IndexRecorder::create(good.str());
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->format(), RecordFormat::Pcapng);
}

// Recording batch by batch while indexing writes the MRT file a selection of all rows writes;
// the batches go on to the next sink whole.
TEST(RecordIndex, StreamingWritesWhatASelectionWrites) {
  const TempFile capture("stream.pcapng");
  const auto original = sample_capture(capture.str(), test::sample_recording(false));
  const TempFile whole("stream-whole.mrt");
  IndexRecorder a = make(whole.str(), RecordFormat::Mrt);
  record_all(*original, a);

  for (const RecordFormat f : {RecordFormat::Mrt, RecordFormat::Pcapng}) {
    const TempFile streamed(f == RecordFormat::Mrt ? "stream-live.mrt" : "stream-live.pcapng");
    IndexRecorder b = make(streamed.str(), f);
    RecordCollector next;
    RecordingSink sink(b, *original->store, &next);
    IndexOptions small;
    small.batch_records = 2;  // many batches
    ASSERT_TRUE(index_source(original->store, sink, {}, small).has_value());
    EXPECT_TRUE(sink.ok());
    ASSERT_TRUE(b.close());
    EXPECT_GT(next.batches, 3u);
    EXPECT_EQ(next.records.size(), original->index.records.size());
    EXPECT_EQ(next.table.contexts.size(), original->index.table.contexts.size());
    EXPECT_EQ(b.stats().messages, original->message_rows().size());
    if (f == RecordFormat::Mrt) {
      EXPECT_EQ(file_bytes(streamed.str()), file_bytes(whole.str()));
    } else {
      // The capture's FINs ended the connection as they came.
      EXPECT_EQ(messages(*open_and_index(streamed.str())), messages(*original));
    }
  }
}

// A live session as the lead's indexer describes it: a is the peer, b BGP Lens, direction 1
// sent by BGP Lens; the FSM's state changes come through state_change(), the first before the
// session is in the table.
TEST(RecordIndex, LiveSessionWithStateChangesAndHints) {
  const Recording sample = test::sample_recording(false);
  ContextTable table;
  SessionHint hint;
  hint.local_opened = true;  // an active session
  hint.connected_ns = test::kT0 + 100'000'000;
  hint.local_as = test::kLocalAs;  // the speaker's configuration, before any OPEN
  hint.peer_as = test::kPeerAs;

  for (const RecordFormat f : {RecordFormat::Mrt, RecordFormat::Pcapng}) {
    SCOPED_TRACE(f == RecordFormat::Mrt ? "MRT" : "pcapng");
    const TempFile out(f == RecordFormat::Mrt ? "live.mrt" : "live.pcapng");
    IndexRecorder r = make(out.str(), f, hint);
    table = ContextTable{};
    bool first_state = true;
    std::size_t sent = 0, states_in = 0;
    for (const RecordedEvent& e : sample.events) {
      if (const auto* s = std::get_if<RecordedStateChange>(&e)) {
        ASSERT_TRUE(r.state_change(table, first_state ? kNoSession : 0, *s));
        first_state = false;
        ++states_in;
        continue;
      }
      if (table.sessions.empty()) {
        SessionInfo info;
        info.kind = SessionKind::Bgp;
        info.a = sample.session.peer;
        info.b = sample.session.local;
        info.first_time_ns = *hint.connected_ns;
        table.sessions.push_back(info);
        // Until the OPENs: contexts of no OPEN; after them those negotiate() gives.
        table.contexts = {PeerContext{}, PeerContext{}, sample.session.received,
                          sample.session.sent};
        table.contexts[1].direction = table.contexts[3].direction = 1;
        table.contexts[2].direction = 0;
      }
      const auto& m = std::get<RecordedMessage>(e);
      const std::uint8_t d = m.direction == Direction::Sent ? 1 : 0;
      MessageRecord row;
      row.time_ns = m.time_ns;
      row.length = static_cast<std::uint32_t>(m.bytes.size());
      row.type = m.bytes[18];
      row.context = (sent >= 2 ? 2u : 0u) + d;  // negotiated once both OPENs went by
      sent += row.type == msg_type::kOpen;
      ASSERT_TRUE(r.add(table, row, m.view()));
    }
    ASSERT_TRUE(r.close());
    const auto back = open_and_index(out.str());
    const std::vector<std::uint64_t> rows = back->message_rows();
    ASSERT_EQ(rows.size(), test::messages_of(sample).size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const MessageRecord& row = back->index.records[rows[i]];
      const RecordedMessage& m = *test::messages_of(sample)[i];
      const SessionInfo& s = back->session(row);
      const std::uint8_t d = back->context(row).direction;
      // The sender is BGP Lens exactly for the messages it sent.
      EXPECT_EQ(s.source(d).address == sample.session.local.address,
                m.direction == Direction::Sent);
      const Bytes bytes = row_content(row, back->bytes(row)).message;
      EXPECT_TRUE(bytes.size() == m.bytes.size() &&
                  std::memcmp(bytes.data(), m.bytes.data(), bytes.size()) == 0);
    }
    if (f == RecordFormat::Mrt) {
      EXPECT_EQ(r.stats().state_changes, states_in);
      EXPECT_EQ(states(*back).size(), states_in);
      // One peer in every record, state changes before the OPENs included (the hint's ASes).
      ASSERT_EQ(back->index.table.sessions.size(), 1u);
      EXPECT_EQ(back->index.table.sessions[0].mrt_peer->local_as, test::kLocalAs);
      EXPECT_EQ(back->index.table.sessions[0].mrt_peer->as, test::kPeerAs);
    } else {
      EXPECT_EQ(r.stats().skipped.of(RowSkip::StateChange), states_in);
      // BGP Lens opened the connection (its SYN is the first segment) when it came up.
      ASSERT_EQ(back->index.table.sessions.size(), 1u);
      EXPECT_EQ(back->index.table.sessions[0].a, sample.session.local);
      EXPECT_EQ(back->index.table.sessions[0].first_time_ns, *hint.connected_ns);
    }
  }
}

// An MRT file of a session (messages and state changes) recorded again.
TEST(RecordIndex, MrtRecordedAgain) {
  Recording sample = test::sample_recording(true);
  sample.session.interface_index = 0;  // the index keeps no interface index
  const TempFile source("again-source.mrt");
  {
    auto mrt = MrtRecorder::create(source.str());
    ASSERT_TRUE(mrt.has_value());
    ASSERT_TRUE(mrt->record(sample));
    ASSERT_TRUE(mrt->close());
  }
  const auto original = open_and_index(source.str());
  const auto expected_states = states(*original);
  ASSERT_FALSE(expected_states.empty());
  for (const RecordFormat f : {RecordFormat::Mrt, RecordFormat::Pcapng}) {
    const TempFile out(f == RecordFormat::Mrt ? "again.mrt" : "again.pcapng");
    IndexRecorder r = make(out.str(), f);
    const IndexRecorderStats stats = record_all(*original, r);
    const auto back = open_and_index(out.str());
    EXPECT_EQ(messages(*back), messages(*original));
    if (f == RecordFormat::Mrt) {
      EXPECT_EQ(states(*back), expected_states);
      // Written the same way, record for record.
      EXPECT_EQ(file_bytes(out.str()), file_bytes(source.str()));
    } else {
      EXPECT_EQ(stats.skipped.of(RowSkip::StateChange), expected_states.size());
    }
  }
}

TEST(RecordIndex, RowsThatAreNoMessageAreCountedByKind) {
  // A TABLE_DUMP_V2 dump: a PEER_INDEX_TABLE and two RIB records of two entries.
  gen::ByteWriter w;
  const gen::IndexedPeer peers[] = {{0x0A000001, gen::mrt_address("10.0.0.1"), 65001, true},
                                    {0x0A000002, gen::mrt_address("10.0.0.2"), 65002, true}};
  gen::peer_index_table(w, 1'700'000'000, 0x0A0000FE, "", peers);
  const gen::ByteVector attributes = gen::origin(0);
  for (const char* p : {"10.1.0.0/16", "10.2.0.0/16"}) {
    gen::RibRecordWriter rib(w, 1'700'000'000, 0, gen::prefix(p), false);
    rib.entry(0, 1'700'000'000, attributes);
    rib.entry(1, 1'700'000'000, attributes);
    rib.finish();
  }
  const TempFile dump("skip.mrt");
  {
    std::ofstream f(dump.str(), std::ios::binary);
    f.write(reinterpret_cast<const char*>(w.data().data()),
            static_cast<std::streamsize>(w.data().size()));
  }
  const TempFile out("skip-out.mrt");
  const IndexRecorderStats stats = record_file(dump.str(), out.str(), RecordFormat::Mrt);
  EXPECT_EQ(stats.messages, 0u);
  EXPECT_EQ(stats.skipped.of(RowSkip::RibEntry), 4u);
  EXPECT_EQ(stats.skipped.of(RowSkip::MrtOther), 1u);
  EXPECT_EQ(stats.skipped.text(), "5 rows were not saved: 4 RIB entries, 1 other MRT record");

  // A capture with bytes that are no message, and a message cut by the end of the capture.
  gen::PcapWriter pcap;
  gen::TcpConversation c(pcap, gen::endpoint("192.0.2.1", 50000), gen::endpoint("192.0.2.2", 179));
  c.handshake(test::kT0);
  const gen::ByteVector garbage = {1, 2, 3, 4, 5, 6, 7, 8};
  std::int64_t t = c.send(0, garbage, test::kT0 + 1000);
  t = c.send(0, gen::keepalive(), t);
  const gen::ByteVector update = test::ipv6_update(2, 1);
  const gen::ByteVector cut(update.begin(), update.begin() + 30);  // the header says more
  c.send(0, cut, t);
  const TempFile capture("skip.pcap");
  ASSERT_TRUE(pcap.save(capture.str()));
  const TempFile out2("skip-out.pcapng");
  const IndexRecorderStats s2 = record_file(capture.str(), out2.str(), RecordFormat::Pcapng);
  EXPECT_EQ(s2.messages, 1u);
  EXPECT_EQ(s2.skipped.of(RowSkip::Unparsed), 1u);
  EXPECT_EQ(s2.skipped.of(RowSkip::Incomplete), 1u);
  EXPECT_EQ(s2.skipped.total(), 2u);
}

// Two connections one after the other between the same two ends: two sessions in the index,
// two TCP connections in the recording.
TEST(RecordIndex, ReconnectionOverTheSameEnds) {
  Recording first = test::sample_recording(false);
  Recording second = first;
  for (RecordedEvent& e : second.events) {
    std::visit([](auto& ev) { ev.time_ns += 60'000'000'000; }, e);
  }
  const TempFile capture("reconnect.pcapng");
  {
    auto pcap = PcapngRecorder::create(capture.str());
    ASSERT_TRUE(pcap.has_value());
    ASSERT_TRUE(pcap->record(first));
    ASSERT_TRUE(pcap->record(second));
    ASSERT_TRUE(pcap->close());
  }
  const auto original = open_and_index(capture.str());
  ASSERT_EQ(original->index.table.sessions.size(), 2u);
  const TempFile out("reconnect-out.pcapng");
  IndexRecorder r = make(out.str(), RecordFormat::Pcapng);
  record_all(*original, r);
  const auto back = open_and_index(out.str());
  ASSERT_EQ(back->index.table.sessions.size(), 2u);
  EXPECT_EQ(messages(*back), messages(*original));
  const std::vector<std::uint64_t> a = original->message_rows(), b = back->message_rows();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(back->context(back->index.records[b[i]]).session,
              original->context(original->index.records[a[i]]).session);
}

}  // namespace
}  // namespace bgplens::record

// The index pass over whole captures written by the project's pcap generator: TCP
// conversations with segmentation, retransmission, reordering, missing and truncated segments,
// and captures that start mid-stream. The records are checked one by one.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kT0 = 1'700'000'000LL * 1'000'000'000LL;

using CollectingSink = RecordCollector;

struct Indexed {
  std::shared_ptr<ByteStore> store;
  CollectingSink sink;
  IndexStats stats;
  const std::vector<MessageRecord>& records() const { return sink.records; }
  const PeerContext& context(const MessageRecord& r) const {
    return sink.table.contexts.at(r.context);
  }
  DecodedMessage decode(const MessageRecord& r) const {
    return decode_record(*store, sink.table, r, Depth::Tree);
  }
};

// Writes the capture to a temporary file, opens it as the application does and indexes it.
// Every record is decoded at every depth and checked for consistency.
std::unique_ptr<Indexed> index_written(const gen::PcapWriter& pcap) {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("bgplens-" + std::string(info->name()) + "-" + std::to_string(::getpid()) + ".pcap");
  EXPECT_TRUE(pcap.save(path.string()));
  auto out = std::make_unique<Indexed>();
  auto store = open_source_file(path.string());
  std::filesystem::remove(path);  // the mapping keeps the bytes
  EXPECT_TRUE(store.has_value()) << store.error();
  if (!store) return out;
  out->store = *store;
  auto stats = index_capture(out->store, out->sink);
  EXPECT_TRUE(stats.has_value());
  if (stats) out->stats = *stats;
  for (std::size_t i = 0; i < out->records().size(); ++i) {
    const MessageRecord& r = out->records()[i];
    const DecodedMessage s = decode_record(*out->store, out->sink.table, r, Depth::Summary);
    const DecodedMessage d = decode_record(*out->store, out->sink.table, r, Depth::Detail);
    const DecodedMessage t = decode_record(*out->store, out->sink.table, r, Depth::Tree);
    EXPECT_TRUE(test::depths_agree(s, d, t)) << "record " << i;
  }
  return out;
}

// An UPDATE of exactly `length` bytes, padded with an unknown optional attribute of 0x5A
// bytes (no 0xFF in it, so no marker can be found inside).
ByteVector update_of_length(std::size_t length) {
  const std::size_t header = length - 23 - 3 > 255 ? 4 : 3;  // Extended Length over 255
  const ByteVector pad(length - 23 - header, 0x5A);
  ByteVector m = gen::update({{}, {gen::attribute(0xC0, 99, pad)}, {}});
  EXPECT_EQ(m.size(), length);
  return m;
}

ByteVector concat(const std::vector<ByteVector>& parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

void expect_record(const MessageRecord& r, FramedKind kind, std::uint8_t type, std::uint32_t length,
                   std::uint8_t flags, std::uint32_t frame) {
  EXPECT_EQ(r.kind, kind);
  EXPECT_EQ(r.type, type);
  EXPECT_EQ(r.length, length);
  EXPECT_EQ(r.flags, flags);
  EXPECT_EQ(r.frame, frame);
}

gen::TcpConversation conversation(gen::PcapWriter& pcap) {
  return gen::TcpConversation(pcap, gen::endpoint("10.0.0.1", 40000),
                              gen::endpoint("10.0.0.2", 179));
}

TEST(CaptureIndexer, SessionWithPackedAndSpanningMessages) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);  // frames 1–3
  gen::OpenSpec a;
  a.as4 = 65001;
  a.add_path = {{kIpv4Unicast, 3}};
  gen::OpenSpec b = a;
  b.my_as = 65002;
  b.as4 = 65002;
  const ByteVector open_a = gen::open(a);
  const ByteVector open_b = gen::open(b);
  tcp.send(0, open_a, kT0 + 1 * kMs);  // frame 4
  tcp.send(1, open_b, kT0 + 2 * kMs);  // frame 5
  // Three messages in one segment (frame 6).
  const ByteVector small =
      gen::update({{},
                   {gen::origin(0), gen::as_path({{2, {65001}}}, true), gen::next_hop("10.0.0.1")},
                   {gen::prefix("10.1.0.0/16", 1)}});
  tcp.send(0, concat({gen::keepalive(), gen::keepalive(), small}), kT0 + 3 * kMs);
  // A 3000-byte UPDATE in segments of 1448, 1448 and 104 bytes (frames 7–9).
  const ByteVector big = update_of_length(3000);
  tcp.send(1, big, kT0 + 4 * kMs);

  const auto ix = index_written(pcap);
  EXPECT_EQ(ix->stats.frames, 9u);
  EXPECT_EQ(ix->stats.tcp_segments, 9u);
  EXPECT_EQ(ix->stats.copied_messages, 1u);
  EXPECT_EQ(ix->stats.retransmitted_bytes, 0u);
  EXPECT_TRUE(ix->stats.read_error.empty());
  const auto& r = ix->records();
  ASSERT_EQ(r.size(), 6u);
  const auto open_length = static_cast<std::uint32_t>(open_a.size());
  expect_record(r[0], FramedKind::Message, msg_type::kOpen, open_length, 0, 4);
  expect_record(r[1], FramedKind::Message, msg_type::kOpen,
                static_cast<std::uint32_t>(open_b.size()), 0, 5);
  expect_record(r[2], FramedKind::Message, msg_type::kKeepalive, 19, 0, 6);
  expect_record(r[3], FramedKind::Message, msg_type::kKeepalive, 19, 0, 6);
  expect_record(r[4], FramedKind::Message, msg_type::kUpdate,
                static_cast<std::uint32_t>(small.size()), 0, 6);
  expect_record(r[5], FramedKind::Message, msg_type::kUpdate, 3000, framed_flag::kCopied, 9);
  EXPECT_EQ(r[4].time_ns, kT0 + 3 * kMs);
  // Views point into the file: the packed messages follow one another in one frame.
  EXPECT_TRUE(ix->store->is_base(r[2].address));
  EXPECT_EQ(r[3].address, r[2].address + 19);
  EXPECT_EQ(r[4].address, r[3].address + 19);
  EXPECT_FALSE(ix->store->is_base(r[5].address));
  const Bytes spanning = ix->store->view(r[5].address, r[5].length);
  EXPECT_TRUE(std::equal(spanning.begin(), spanning.end(), big.begin(), big.end()));

  // After both OPENs, both directions decode with the negotiated context: 4-octet AS and
  // ADD-PATH both ways.
  ASSERT_EQ(ix->sink.table.sessions.size(), 1u);
  EXPECT_EQ(ix->sink.table.sessions[0].a.text(), "10.0.0.1:40000");
  const PeerContext& c = ix->context(r[4]);
  EXPECT_EQ(c.direction, 0);
  EXPECT_TRUE(c.as4);
  EXPECT_EQ(c.as4_from, Provenance::Negotiated);
  EXPECT_EQ(c.add_path_from, Provenance::Negotiated);
  EXPECT_TRUE(c.has_add_path(kIpv4Unicast));
  EXPECT_EQ(c.open_sent, 0u);
  EXPECT_EQ(c.open_received, 1u);
  EXPECT_EQ(ix->context(r[5]).direction, 1);
  const DecodedMessage d = ix->decode(r[4]);
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 1u);
  EXPECT_TRUE(ix->decode(r[5]).problems.empty());
}

TEST(CaptureIndexer, ARetransmittedSegmentYieldsOneRecord) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector ka = gen::keepalive();
  tcp.send(1, ka, kT0 + kMs);                  // frame 4
  tcp.raw_segment(1, ka, kT0 + 2 * kMs, -19);  // frame 5: the same bytes again
  tcp.send(1, ka, kT0 + 3 * kMs);              // frame 6
  const auto ix = index_written(pcap);
  ASSERT_EQ(ix->records().size(), 2u);
  expect_record(ix->records()[0], FramedKind::Message, msg_type::kKeepalive, 19, 0, 4);
  expect_record(ix->records()[1], FramedKind::Message, msg_type::kKeepalive, 19, 0, 6);
  EXPECT_EQ(ix->stats.retransmitted_bytes, 19u);
}

TEST(CaptureIndexer, AnOutOfOrderPairIsPutBackInOrder) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector first = gen::keepalive();
  const ByteVector second = update_of_length(40);
  tcp.raw_segment(1, second, kT0 + kMs, 19);    // frame 4: arrives first
  tcp.raw_segment(1, first, kT0 + 2 * kMs, 0);  // frame 5
  tcp.skip(1, 19 + 40);
  tcp.send(1, gen::keepalive(), kT0 + 3 * kMs);  // frame 6
  const auto ix = index_written(pcap);
  ASSERT_EQ(ix->records().size(), 3u);
  expect_record(ix->records()[0], FramedKind::Message, msg_type::kKeepalive, 19, 0, 5);
  // The held segment keeps its own frame and time.
  expect_record(ix->records()[1], FramedKind::Message, msg_type::kUpdate, 40, 0, 4);
  EXPECT_EQ(ix->records()[1].time_ns, kT0 + kMs);
  expect_record(ix->records()[2], FramedKind::Message, msg_type::kKeepalive, 19, 0, 6);
}

TEST(CaptureIndexer, AMissingSegmentBetweenMessagesIsAGap) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  tcp.send(1, gen::keepalive(), kT0 + kMs);      // frame 4
  tcp.skip(1, 40);                               // a 40-byte UPDATE the capture missed
  tcp.send(1, gen::keepalive(), kT0 + 2 * kMs);  // frame 5: held behind the hole
  tcp.ack(0, kT0 + 3 * kMs);                     // frame 6: the peer had it all
  const auto ix = index_written(pcap);
  const auto& r = ix->records();
  ASSERT_EQ(r.size(), 3u);
  expect_record(r[0], FramedKind::Message, msg_type::kKeepalive, 19, 0, 4);
  expect_record(r[1], FramedKind::Gap, 0, 40, framed_flag::kCutByGap, 5);
  expect_record(r[2], FramedKind::Message, msg_type::kKeepalive, 19, 0, 5);
  const DecodedMessage gap = ix->decode(r[1]);
  ASSERT_EQ(gap.problems.size(), 1u);
  EXPECT_EQ(gap.problems[0].message,
            "40 bytes of the TCP stream are missing from the capture here");
}

TEST(CaptureIndexer, AMissingSegmentInsideAMessageCutsItAndFramingResumes) {
  // A 3000-byte UPDATE in three segments of which the second is missing, then a KEEPALIVE.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector big = update_of_length(3000);
  const Bytes all(big);
  tcp.send(1, all.subspan(0, 1448), kT0 + kMs);  // frame 4
  tcp.skip(1, 1448);
  tcp.send(1, concat({ByteVector(big.begin() + 2896, big.end()), gen::keepalive()}),
           kT0 + 2 * kMs);    // frame 5
  tcp.ack(0, kT0 + 3 * kMs);  // frame 6
  const auto ix = index_written(pcap);
  const auto& r = ix->records();
  ASSERT_EQ(r.size(), 4u);
  expect_record(r[0], FramedKind::Message, msg_type::kUpdate, 1448,
                framed_flag::kCopied | framed_flag::kCutByGap, 5);
  expect_record(r[1], FramedKind::Gap, 0, 1448, framed_flag::kCutByGap, 5);
  expect_record(r[2], FramedKind::Unparsed, 0, 104, 0, 5);
  expect_record(r[3], FramedKind::Message, msg_type::kKeepalive, 19, 0, 5);
  // The cut message says what it declares and what is missing.
  const DecodedMessage cut = ix->decode(r[0]);
  EXPECT_EQ(cut.declared_length, 3000u);
  bool says_missing = false;
  for (const DecodeProblem& p : cut.problems)
    says_missing |= p.message.find("the rest of this message is missing") != std::string::npos;
  EXPECT_TRUE(says_missing);
  const DecodedMessage unparsed = ix->decode(r[2]);
  ASSERT_EQ(unparsed.problems.size(), 1u);
  EXPECT_EQ(unparsed.problems[0].offset, 0u);
  EXPECT_EQ(unparsed.problems[0].length, 104u);
}

TEST(CaptureIndexer, ACaptureStartingMidStream) {
  // No handshake and no OPEN: the first segment starts with the tail of a message.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  const ByteVector tail(25, 0x11);
  const ByteVector small = gen::update({{}, {gen::origin(0)}, {}});
  tcp.send(1, concat({tail, gen::keepalive(), small}), kT0);  // frame 1
  const auto ix = index_written(pcap);
  const auto& r = ix->records();
  ASSERT_EQ(r.size(), 3u);
  expect_record(r[0], FramedKind::Unparsed, 0, 25, 0, 1);
  expect_record(r[1], FramedKind::Message, msg_type::kKeepalive, 19, 0, 1);
  expect_record(r[2], FramedKind::Message, msg_type::kUpdate,
                static_cast<std::uint32_t>(small.size()), 0, 1);
  EXPECT_EQ(r[1].address, r[0].address + 25);
  // Without OPENs the context is decided per message.
  const PeerContext& c = ix->context(r[2]);
  EXPECT_EQ(c.as4_from, Provenance::Heuristic);
  EXPECT_EQ(c.add_path_from, Provenance::Heuristic);
  EXPECT_FALSE(c.open_sent.has_value());
  EXPECT_FALSE(c.open_received.has_value());
}

TEST(CaptureIndexer, FramesCutBySnaplenMarkMessagesTruncated) {
  // Snaplen 84 keeps 30 bytes of TCP payload per frame (14 + 20 + 20 + 30).
  gen::PcapWriter pcap(84);
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  tcp.send(1, update_of_length(60), kT0 + kMs);  // frame 4: 30 of 60 bytes kept
  tcp.send(1, gen::keepalive(), kT0 + 2 * kMs);  // frame 5: whole
  const auto ix = index_written(pcap);
  const auto& r = ix->records();
  ASSERT_EQ(r.size(), 3u);
  expect_record(r[0], FramedKind::Message, msg_type::kUpdate, 30,
                framed_flag::kCopied | framed_flag::kTruncated, 4);
  expect_record(r[1], FramedKind::Gap, 0, 30, framed_flag::kTruncated, 4);
  expect_record(r[2], FramedKind::Message, msg_type::kKeepalive, 19, 0, 5);
  const DecodedMessage d = ix->decode(r[0]);
  ASSERT_GE(d.problems.size(), 2u);
  EXPECT_EQ(d.problems[0].message,
            "capture truncated: the message declares 60 bytes, the capture holds 30");
  EXPECT_EQ(d.problems.back().message, "capture truncated: the capture ends inside this message");
}

TEST(CaptureIndexer, TheCaptureEndingInsideAMessage) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector big = update_of_length(3000);
  tcp.send(1, Bytes(big).subspan(0, 1448), kT0 + kMs);  // frame 4, and nothing after it
  const auto ix = index_written(pcap);
  ASSERT_EQ(ix->records().size(), 1u);
  expect_record(ix->records()[0], FramedKind::Message, msg_type::kUpdate, 1448,
                framed_flag::kCopied | framed_flag::kTruncated, 4);
}

TEST(CaptureIndexer, AStreamOffPort179IsBgpOnlyIfItStartsWithAHeader) {
  gen::PcapWriter pcap;
  gen::TcpConversation bgp(pcap, gen::endpoint("10.0.0.1", 40000), gen::endpoint("10.0.0.2", 1179));
  gen::TcpConversation other(pcap, gen::endpoint("10.0.0.1", 40001), gen::endpoint("10.0.0.2", 80));
  bgp.handshake(kT0);                            // frames 1–3
  other.handshake(kT0 + kMs);                    // frames 4–6
  bgp.send(0, gen::keepalive(), kT0 + 2 * kMs);  // frame 7
  const std::string get = "GET / HTTP/1.1\r\n\r\n";
  other.send(0, ByteVector(get.begin(), get.end()), kT0 + 3 * kMs);  // frame 8
  const auto ix = index_written(pcap);
  ASSERT_EQ(ix->records().size(), 1u);
  expect_record(ix->records()[0], FramedKind::Message, msg_type::kKeepalive, 19, 0, 7);
  EXPECT_EQ(ix->sink.table.sessions.size(), 2u);
  EXPECT_GE(ix->stats.other_frames, 1u);
}

TEST(CaptureIndexer, IPv6SessionAndAReconnection) {
  // A second connection between the same endpoints (a new SYN after data) is a new session.
  gen::PcapWriter pcap;
  const auto a = gen::endpoint("2001:db8::1", 50000);
  const auto b = gen::endpoint("2001:db8::2", 179);
  {
    gen::TcpConversation first(pcap, a, b);
    first.handshake(kT0);
    first.send(0, gen::open(gen::OpenSpec{}), kT0 + kMs);
    first.fin(0, kT0 + 2 * kMs);
  }
  {
    gen::TcpConversation second(pcap, a, b, 9000, 70000);
    second.handshake(kT0 + 3 * kMs);
    second.send(0, gen::keepalive(), kT0 + 4 * kMs);
  }
  const auto ix = index_written(pcap);
  const auto& r = ix->records();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].type, msg_type::kOpen);
  EXPECT_EQ(r[1].type, msg_type::kKeepalive);
  ASSERT_EQ(ix->sink.table.sessions.size(), 2u);
  EXPECT_EQ(ix->sink.table.sessions[0].a.text(), "2001:db8::1:50000");
  EXPECT_NE(ix->context(r[0]).session, ix->context(r[1]).session);
}

}  // namespace
}  // namespace bgplens

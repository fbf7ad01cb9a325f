// What each TCP reassembly hazard turns into, row by row: pieces of a message out of order,
// retransmissions with the same or with different bytes (the first copy wins; a conflict is
// flagged and warned about), a gap and the resynchronisation after it, a capture starting
// inside a message, SYN/FIN/RST, several sessions and a reconnection, and frames cut by the
// snap length as opposed to malformed messages. The IP-layer hazards (fragments, extension
// headers, TCP options, link layers) are in reassembly_hazards_ip_test.cpp; the cases already
// covered by capture_indexer_test.cpp are not repeated.
#include <gtest/gtest.h>

#include <vector>

#include "gen/message_builder.h"
#include "gen/pcap_writer.h"

#include "parser/hazard_capture.h"

namespace bgplens::test {
namespace {

using F = FramedKind;
constexpr std::uint8_t kCopied = framed_flag::kCopied;
constexpr std::uint8_t kConflict = framed_flag::kOverlapConflict;
constexpr std::uint8_t kTruncated = framed_flag::kTruncated;
constexpr std::uint8_t kKeepalive = msg_type::kKeepalive;
constexpr std::uint8_t kUpdate = msg_type::kUpdate;
constexpr std::uint8_t kOpen = msg_type::kOpen;

const std::string kConflictText =
    "retransmitted TCP segments carried different bytes for part of this message; the first "
    "copy is shown";

gen::TcpConversation conversation(gen::PcapWriter& pcap) {
  return gen::TcpConversation(pcap, gen::endpoint("10.0.0.1", 40000),
                              gen::endpoint("10.0.0.2", 179));
}

std::string unparsed_text(std::uint32_t n) {
  return std::to_string(n) +
         " bytes of the TCP stream are not part of a BGP message (no marker where a message "
         "should start); framing resumes at the next plausible header";
}

TEST(ReassemblyHazards, PiecesOfAMessageOutOfOrder) {
  // A 3000-byte UPDATE whose last piece comes first and whose first piece comes second.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);  // frames 1–3
  const ByteVector big = padded_update(3000);
  const Bytes b(big);
  tcp.raw_segment(1, b.subspan(2896), kT0 + 1 * kMs, 2896);        // frame 4
  tcp.raw_segment(1, b.subspan(0, 1448), kT0 + 2 * kMs, 0);        // frame 5
  tcp.raw_segment(1, b.subspan(1448, 1448), kT0 + 3 * kMs, 1448);  // frame 6
  tcp.skip(1, 3000);
  tcp.send(1, gen::keepalive(), kT0 + 4 * kMs);  // frame 7
  const auto ix = index_bytes(pcap.bytes());
  // The message ends with the piece of frame 4, delivered last: its frame and time.
  expect_rows(*ix, {{F::Message, kUpdate, 3000, kCopied, 4}, {F::Message, kKeepalive, 19, 0, 7}});
  EXPECT_EQ(ix->rows()[0].time_ns, kT0 + 1 * kMs);
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[0]), big));
  expect_problems(ix->decode(ix->rows()[0]), {});
  EXPECT_EQ(ix->stats.retransmitted_bytes, 0u);
}

TEST(ReassemblyHazards, OverlapsWithTheSameBytesAreNotConflicts) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector big = padded_update(3000);
  const Bytes b(big);
  tcp.raw_segment(1, b.subspan(0, 1000), kT0 + 1 * kMs, 0);      // frame 4
  tcp.raw_segment(1, b.subspan(500, 1500), kT0 + 2 * kMs, 500);  // frame 5: 500 bytes again
  tcp.raw_segment(1, b.subspan(2000), kT0 + 3 * kMs, 2000);      // frame 6
  tcp.skip(1, 3000);
  tcp.send(1, gen::keepalive(), kT0 + 4 * kMs);              // frame 7
  tcp.raw_segment(1, gen::keepalive(), kT0 + 5 * kMs, -19);  // frame 8: all again
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kUpdate, 3000, kCopied, 6}, {F::Message, kKeepalive, 19, 0, 7}});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[0]), big));
  expect_problems(ix->decode(ix->rows()[0]), {});
  expect_problems(ix->decode(ix->rows()[1]), {});
  EXPECT_EQ(ix->stats.retransmitted_bytes, 500u + 19u);
}

TEST(ReassemblyHazards, AConflictInsideAMessageFlagsThatMessage) {
  // Bytes 1000–1447 of a 3000-byte UPDATE come again, two of them different, while the
  // message is still being gathered: the first copy is kept and the message is flagged.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector big = padded_update(3000);
  ByteVector altered = big;
  altered[1200] = 0x5B;
  altered[1300] = 0x5B;
  const Bytes b(big);
  tcp.raw_segment(1, b.subspan(0, 1448), kT0 + 1 * kMs, 0);                    // 4
  tcp.raw_segment(1, Bytes(altered).subspan(1000, 448), kT0 + 2 * kMs, 1000);  // 5
  tcp.raw_segment(1, b.subspan(1448, 1448), kT0 + 3 * kMs, 1448);              // 6
  tcp.raw_segment(1, b.subspan(2896), kT0 + 4 * kMs, 2896);                    // 7
  tcp.skip(1, 3000);
  tcp.send(1, gen::keepalive(), kT0 + 5 * kMs);  // frame 8
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kUpdate, 3000, kCopied | kConflict, 7},
                    {F::Message, kKeepalive, 19, 0, 8}});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[0]), big));
  expect_problems(ix->decode(ix->rows()[0]), {{0, 3000, Severity::Warning, kConflictText}});
  expect_problems(ix->decode(ix->rows()[1]), {});
  EXPECT_EQ(ix->stats.retransmitted_bytes, 448u);
}

TEST(ReassemblyHazards, AConflictOnAMessageAlreadyShownFlagsTheNextRow) {
  // Rows cannot change once emitted: the conflict is told on the row after the message.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector update = padded_update(40);
  ByteVector altered = update;
  altered[30] ^= 0x01;
  tcp.send(1, update, kT0 + 1 * kMs);               // frame 4
  tcp.raw_segment(1, altered, kT0 + 2 * kMs, -40);  // frame 5
  tcp.send(1, gen::keepalive(), kT0 + 3 * kMs);     // frame 6
  tcp.send(1, gen::keepalive(), kT0 + 4 * kMs);     // frame 7
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kUpdate, 40, 0, 4},
                    {F::Message, kKeepalive, 19, kConflict, 6},
                    {F::Message, kKeepalive, 19, 0, 7}});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[0]), update));
  expect_problems(ix->decode(ix->rows()[0]), {});
  expect_problems(ix->decode(ix->rows()[1]), {{0, 19, Severity::Warning, kConflictText}});
}

TEST(ReassemblyHazards, TwoHeldCopiesThatDifferFlagTheMessageTheyHold) {
  // Behind a hole, an UPDATE is held; a second copy starting at the same byte differs in one
  // byte and carries a KEEPALIVE more. The first copy is kept, the longer copy's tail is used.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  const ByteVector update = padded_update(40);
  ByteVector altered = update;
  altered[30] ^= 0x01;
  const ByteVector ka = gen::keepalive();
  tcp.raw_segment(1, update, kT0 + 1 * kMs, 19);               // frame 4: held
  tcp.raw_segment(1, join({altered, ka}), kT0 + 2 * kMs, 19);  // frame 5: held, same start
  tcp.raw_segment(1, ka, kT0 + 3 * kMs, 0);                    // frame 6: fills the hole
  tcp.skip(1, 19 + 40 + 19);
  tcp.send(1, ka, kT0 + 4 * kMs);  // frame 7
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kKeepalive, 19, 0, 6},
                    {F::Message, kUpdate, 40, kConflict, 4},
                    {F::Message, kKeepalive, 19, 0, 5},
                    {F::Message, kKeepalive, 19, 0, 7}});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[1]), update));
  expect_problems(ix->decode(ix->rows()[1]), {{0, 40, Severity::Warning, kConflictText}});
}

TEST(ReassemblyHazards, OnlyBytesBothCopiesCapturedAreCompared) {
  // The first copy of a segment lost all but 30 bytes to the snap length; its retransmission,
  // whole, differs after those 30 bytes. No conflict can be seen: the first copy's bytes there
  // are unknown (and the first copy still wins: they stay missing).
  gen::PcapWriter pcap;
  Flow flow(gen::endpoint("10.0.0.1", 40000), gen::endpoint("10.0.0.2", 179));
  auto frame = [&](int side, const ByteVector& tcp) {
    return ethernet({0x0800}, flow.ip(side, tcp));
  };
  pcap.frame(kT0, frame(0, flow.tcp(0, {}, 0x02)));
  pcap.frame(kT0 + 100'000, frame(1, flow.tcp(1, {}, 0x12)));
  pcap.frame(kT0 + 200'000, frame(0, flow.tcp(0, {}, 0x10)));
  const ByteVector payload = join({gen::keepalive(), padded_update(40)});
  ByteVector altered = payload;
  altered[40] ^= 0x01;
  const ByteVector first = frame(1, flow.tcp(1, payload));
  pcap.frame(kT0 + 1 * kMs, Bytes(first).first(14 + 20 + 20 + 30),
             static_cast<std::uint32_t>(first.size()));                      // frame 4
  pcap.frame(kT0 + 2 * kMs, frame(1, flow.tcp(1, altered, 0x18, {}, -59)));  // frame 5
  pcap.frame(kT0 + 3 * kMs, frame(1, flow.tcp(1, gen::keepalive())));        // frame 6
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kKeepalive, 19, 0, 4},
                    {F::Message, 0, 11, kCopied | kTruncated, 4},  // not even a whole header
                    {F::Gap, 0, 29, kTruncated, 4},
                    {F::Message, kKeepalive, 19, 0, 6}});
  EXPECT_EQ(ix->stats.retransmitted_bytes, 59u);
}

TEST(ReassemblyHazards, AGapThenResynchronisationOnTheNextMarker) {
  // The first 50 bytes of a message are not in the capture; what follows of it (with a run of
  // 0xFF too short to be a marker) is unparsed, and framing resumes at the KEEPALIVE.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  tcp.send(1, gen::keepalive(), kT0 + 1 * kMs);  // frame 4
  tcp.skip(1, 50);
  ByteVector tail(40, 0x5A);
  std::fill(tail.begin() + 10, tail.begin() + 18, 0xFF);
  tcp.send(1, join({tail, gen::keepalive()}), kT0 + 2 * kMs);  // frame 5: held behind the hole
  tcp.ack(0, kT0 + 3 * kMs);                                   // frame 6: the peer had the 50 bytes
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kKeepalive, 19, 0, 4},
                    {F::Gap, 0, 50, framed_flag::kCutByGap, 5},
                    {F::Unparsed, 0, 40, 0, 5},
                    {F::Message, kKeepalive, 19, 0, 5}});
  expect_problems(
      ix->decode(ix->rows()[1]),
      {{0, 0, Severity::Error, "50 bytes of the TCP stream are missing from the capture here"}});
  expect_problems(ix->decode(ix->rows()[2]), {{0, 40, Severity::Error, unparsed_text(40)}});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[2]), tail));
  EXPECT_EQ(ix->rows()[3].address, ix->rows()[2].address + 40);
}

TEST(ReassemblyHazards, ACaptureStartingInsideAMessageThatSpansSegments) {
  // The first frame holds the last 500 bytes of a message the capture never saw the start of;
  // then a KEEPALIVE and an UPDATE in two pieces.
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  const ByteVector big = padded_update(3000);
  tcp.send(1, Bytes(big).subspan(2500), kT0);  // frame 1
  const ByteVector second = padded_update(100);
  const Bytes s(second);
  tcp.send(1, join({gen::keepalive(), s.subspan(0, 50)}), kT0 + 1 * kMs);  // frame 2
  tcp.send(1, s.subspan(50), kT0 + 2 * kMs);                               // frame 3
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Unparsed, 0, 500, 0, 1},
                    {F::Message, kKeepalive, 19, 0, 2},
                    {F::Message, kUpdate, 100, kCopied, 3}});
  expect_problems(ix->decode(ix->rows()[0]), {{0, 500, Severity::Error, unparsed_text(500)}});
  expect_problems(ix->decode(ix->rows()[2]), {});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[2]), second));
}

TEST(ReassemblyHazards, SynFinAndRstAreSessionEvents) {
  gen::PcapWriter pcap;
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);                                      // frames 1–3
  tcp.send(0, gen::open(gen::OpenSpec{}), kT0 + 1 * kMs);  // frame 4
  gen::OpenSpec b;
  b.my_as = 65002;
  tcp.send(1, gen::open(b), kT0 + 2 * kMs);         // frame 5
  tcp.send(0, gen::keepalive(), kT0 + 3 * kMs);     // frame 6
  tcp.fin(0, kT0 + 4 * kMs);                        // frame 7
  tcp.raw_segment(0, {}, kT0 + 5 * kMs, -1, 0x11);  // frame 8: the FIN again
  tcp.send(1, gen::keepalive(), kT0 + 6 * kMs);     // frame 9: the other half is still open
  tcp.rst(1, kT0 + 7 * kMs);                        // frame 10
  const auto ix = index_bytes(pcap.bytes());
  const std::uint32_t open_a = static_cast<std::uint32_t>(gen::open(gen::OpenSpec{}).size());
  const std::uint32_t open_b = static_cast<std::uint32_t>(gen::open(b).size());
  expect_rows(*ix, {{F::Message, kOpen, open_a, 0, 4},
                    {F::Message, kOpen, open_b, 0, 5},
                    {F::Message, kKeepalive, 19, 0, 6},
                    {F::Message, kKeepalive, 19, 0, 9}});
  const auto& events = ix->sink.table.events;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].session, 0u);
  EXPECT_EQ(events[0].direction, 0);
  EXPECT_EQ(events[0].kind, SessionEventKind::Fin);
  EXPECT_EQ(events[0].frame, 7u);
  EXPECT_EQ(events[0].time_ns, kT0 + 4 * kMs);
  EXPECT_EQ(events[1].session, 0u);
  EXPECT_EQ(events[1].direction, 1);
  EXPECT_EQ(events[1].kind, SessionEventKind::Rst);
  EXPECT_EQ(events[1].frame, 10u);
  // The SYNs numbered the streams: the OPENs are read from their first byte.
  expect_problems(ix->decode(ix->rows()[0]), {});
  expect_problems(ix->decode(ix->rows()[1]), {});
}

TEST(ReassemblyHazards, InterleavedSessionsAndAReconnectionCuttingAMessage) {
  gen::PcapWriter pcap;
  const auto a = gen::endpoint("10.0.0.1", 40000);
  const auto c = gen::endpoint("10.0.0.3", 40001);
  const auto b = gen::endpoint("10.0.0.2", 179);
  gen::TcpConversation first(pcap, a, b);
  gen::TcpConversation other(pcap, c, b, 3000, 600000);
  first.handshake(kT0);            // frames 1–3
  other.handshake(kT0 + 1 * kMs);  // frames 4–6
  const ByteVector open = gen::open(gen::OpenSpec{});
  first.send(0, open, kT0 + 2 * kMs);  // frame 7
  other.send(0, open, kT0 + 3 * kMs);  // frame 8
  const ByteVector big = padded_update(3000);
  first.send(1, Bytes(big).subspan(0, 1448), kT0 + 4 * kMs);  // frame 9: the rest never comes
  other.send(1, gen::keepalive(), kT0 + 5 * kMs);             // frame 10
  gen::TcpConversation again(pcap, a, b, 7000, 80000);
  again.handshake(kT0 + 6 * kMs);                  // frames 11–13: a new SYN, a new session
  again.send(0, gen::keepalive(), kT0 + 7 * kMs);  // frame 14
  const auto ix = index_bytes(pcap.bytes());
  const auto open_length = static_cast<std::uint32_t>(open.size());
  // The new connection ends the old one: its unfinished UPDATE is emitted then, cut short.
  expect_rows(*ix, {{F::Message, kOpen, open_length, 0, 7},
                    {F::Message, kOpen, open_length, 0, 8},
                    {F::Message, kKeepalive, 19, 0, 10},
                    {F::Message, kUpdate, 1448, kCopied | kTruncated, 9},
                    {F::Message, kKeepalive, 19, 0, 14}});
  ASSERT_EQ(ix->sink.table.sessions.size(), 3u);
  EXPECT_EQ(ix->session(ix->rows()[0]), 0u);
  EXPECT_EQ(ix->session(ix->rows()[1]), 1u);
  EXPECT_EQ(ix->session(ix->rows()[2]), 1u);
  EXPECT_EQ(ix->session(ix->rows()[3]), 0u);
  EXPECT_EQ(ix->session(ix->rows()[4]), 2u);
  EXPECT_EQ(ix->sink.table.sessions[2].a.text(), "10.0.0.1:40000");
  expect_problems(
      ix->decode(ix->rows()[3]),
      {{1448, 0, Severity::Error,
        "capture truncated: the message declares 3000 bytes, the capture holds 1448"},
       {21, 2, Severity::Error,
        "total path attribute length 2977 exceeds the 1425 bytes left (NOTIFICATION 3/1 "
        "Malformed Attribute List)"},
       {27, 1421, Severity::Error,
        "attribute length 2973 exceeds the 1421 bytes left (NOTIFICATION 3/1 Malformed "
        "Attribute List)"},
       {1448, 0, Severity::Error, "capture truncated: the capture ends inside this message"}});
  // The new session starts with no OPEN: its context owes nothing to the old one's.
  EXPECT_FALSE(ix->sink.table.contexts.at(ix->rows()[4].context).open_sent.has_value());
}

TEST(ReassemblyHazards, CutBySnapLengthIsNotMalformed) {
  // Snap length 84 keeps 30 bytes of TCP payload per frame (14 + 20 + 20 + 30). A 60-byte
  // UPDATE is cut by the capture; a 20-byte KEEPALIVE fits and is malformed (RFC 4271 §4.4).
  gen::PcapWriter pcap(84);
  auto tcp = conversation(pcap);
  tcp.handshake(kT0);
  tcp.send(1, padded_update(60), kT0 + 1 * kMs);  // frame 4
  ByteVector long_keepalive = gen::keepalive();
  long_keepalive.push_back(0);
  long_keepalive[17] = 20;
  tcp.send(1, long_keepalive, kT0 + 2 * kMs);  // frame 5
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kUpdate, 30, kCopied | kTruncated, 4},
                    {F::Gap, 0, 30, kTruncated, 4},
                    {F::Message, kKeepalive, 20, 0, 5}});
  // The cut message: "capture truncated" where the capture stops (offset 30, at the cut) and at
  // the end. The two errors between are where the cut leaves the attributes short; the decoder
  // does not yet tell those apart from a malformed message.
  expect_problems(
      ix->decode(ix->rows()[0]),
      {{30, 0, Severity::Error,
        "capture truncated: the message declares 60 bytes, the capture holds 30"},
       {21, 2, Severity::Error,
        "total path attribute length 37 exceeds the 7 bytes left (NOTIFICATION 3/1 Malformed "
        "Attribute List)"},
       {26, 4, Severity::Error,
        "attribute length 34 exceeds the 4 bytes left (NOTIFICATION 3/1 Malformed Attribute "
        "List)"},
       {30, 0, Severity::Error, "capture truncated: the capture ends inside this message"}});
  expect_problems(
      ix->decode(ix->rows()[1]),
      {{0, 0, Severity::Error, "30 bytes of the TCP stream are missing from the capture here"}});
  // The malformed KEEPALIVE, whole in the capture, is malformed and not truncated.
  expect_problems(ix->decode(ix->rows()[2]),
                  {{19, 1, Severity::Error,
                    "1 byte after the KEEPALIVE header that the message does not account for"},
                   {16, 2, Severity::Error,
                    "a KEEPALIVE must be exactly 19 bytes (RFC 4271 §6.1: NOTIFICATION 1/2)"}});
}

}  // namespace
}  // namespace bgplens::test

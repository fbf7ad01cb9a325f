// In-order delivery of one TCP direction (RFC 9293 §3.4 sequence numbers): retransmissions,
// reordering, holes given up on, and frames the capture truncated.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "capture/stream_reassembler.h"

namespace bgplens {
namespace {

// What the reassembler handed on, in order: data chunks and gaps.
struct Event {
  bool gap = false;
  ByteAddress address = 0;
  std::string data;           // data events
  std::uint64_t missing = 0;  // gap events
  GapReason reason = GapReason::Missing;
  std::int64_t time_ns = 0;
  std::uint64_t frame = 0;
};

struct Recorder final : StreamConsumer {
  std::vector<Event> events;
  void on_data(const StreamChunk& c) override {
    Event e;
    e.address = c.address;
    e.data.assign(c.bytes.begin(), c.bytes.end());
    e.time_ns = c.time_ns;
    e.frame = c.frame;
    events.push_back(e);
  }
  void on_gap(std::uint64_t missing, GapReason reason, std::int64_t time_ns,
              std::uint64_t frame) override {
    Event e;
    e.gap = true;
    e.missing = missing;
    e.reason = reason;
    e.time_ns = time_ns;
    e.frame = frame;
    events.push_back(e);
  }
  std::string all_data() const {
    std::string s;
    for (const Event& e : events)
      s += e.gap ? "|gap " + std::to_string(e.missing) + "|" : e.data;
    return s;
  }
};

// The stream's bytes live in one buffer; a segment is a view into it at the address of its
// first byte, as the indexer passes views into the capture file.
class Stream {
 public:
  explicit Stream(std::string text, std::uint32_t isn = 1000) : text_(std::move(text)), isn_(isn) {}
  // Adds the segment carrying stream bytes [from, from + length).
  void add(StreamReassembler& r, Recorder& rec, std::uint32_t from, std::uint32_t length,
           std::int64_t time_ns = 0, std::uint64_t frame = 0, std::uint32_t captured = ~0u) {
    const Bytes bytes(reinterpret_cast<const std::uint8_t*>(text_.data()) + from,
                      std::min(length, captured));
    r.add(isn_ + from, false, kBase + from, bytes, length, time_ns, frame, rec);
  }
  static constexpr ByteAddress kBase = 5000;

 private:
  std::string text_;
  std::uint32_t isn_;
};

TEST(StreamReassembler, InOrderSegmentsAreDeliveredAsViews) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 3, 10, 1);
  s.add(r, rec, 3, 5, 20, 2);
  ASSERT_EQ(rec.events.size(), 2u);
  EXPECT_EQ(rec.events[0].data, "abc");
  EXPECT_EQ(rec.events[0].address, Stream::kBase);
  EXPECT_EQ(rec.events[0].time_ns, 10);
  EXPECT_EQ(rec.events[0].frame, 1u);
  EXPECT_EQ(rec.events[1].data, "defgh");
  EXPECT_EQ(rec.events[1].address, Stream::kBase + 3);
  EXPECT_EQ(rec.events[1].frame, 2u);
  EXPECT_FALSE(r.holding());
  EXPECT_TRUE(r.started());
  EXPECT_EQ(r.retransmitted_bytes(), 0u);
}

TEST(StreamReassembler, DataStartsAfterTheSyn) {
  // The SYN takes sequence number 999; data starts at 1000.
  StreamReassembler r;
  Recorder rec;
  const std::string text = "xyz";
  r.add(999, true, 0, {}, 0, 0, 1, rec);
  EXPECT_TRUE(r.started());
  r.add(1000, false, 77, Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), 3), 3, 0, 2,
        rec);
  ASSERT_EQ(rec.events.size(), 1u);
  EXPECT_EQ(rec.events[0].data, "xyz");
  EXPECT_EQ(rec.events[0].address, 77u);
}

TEST(StreamReassembler, ARetransmissionIsDeliveredOnce) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 4);
  s.add(r, rec, 0, 4);  // the same segment again
  EXPECT_EQ(rec.all_data(), "abcd");
  EXPECT_EQ(r.retransmitted_bytes(), 4u);
  // An overlapping segment: only its new tail goes on, at the address of that tail.
  s.add(r, rec, 2, 4);
  ASSERT_EQ(rec.events.size(), 2u);
  EXPECT_EQ(rec.events[1].data, "ef");
  EXPECT_EQ(rec.events[1].address, Stream::kBase + 4);
  EXPECT_EQ(r.retransmitted_bytes(), 6u);
}

TEST(StreamReassembler, OutOfOrderSegmentsAreHeldUntilTheHoleFills) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 2, 0, 1);
  s.add(r, rec, 4, 2, 0, 2);  // ahead of the stream: held
  EXPECT_TRUE(r.holding());
  EXPECT_EQ(rec.all_data(), "ab");
  s.add(r, rec, 6, 2, 0, 3);
  EXPECT_EQ(rec.all_data(), "ab");
  s.add(r, rec, 2, 2, 0, 4);  // fills the hole: everything held follows, in order
  EXPECT_FALSE(r.holding());
  EXPECT_EQ(rec.all_data(), "abcdefgh");
  ASSERT_EQ(rec.events.size(), 4u);
  EXPECT_EQ(rec.events[2].address, Stream::kBase + 4);
  EXPECT_EQ(rec.events[2].frame, 2u);  // a held segment keeps its own frame
  EXPECT_EQ(rec.events[3].address, Stream::kBase + 6);
}

TEST(StreamReassembler, AHoleNeverFilledBecomesAGapAtTheEnd) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 2);
  s.add(r, rec, 5, 3, 0, 9);
  r.finish(rec);
  EXPECT_EQ(rec.all_data(), "ab|gap 3|fgh");
  ASSERT_EQ(rec.events.size(), 3u);
  EXPECT_EQ(rec.events[1].reason, GapReason::Missing);
  EXPECT_EQ(rec.events[1].frame, 9u);  // reported with the segment after the hole
  EXPECT_FALSE(r.holding());
}

TEST(StreamReassembler, AHoleIsGivenUpAfterTooManySegmentsPassIt) {
  // One byte missing; the segments after it are held, until the 65th (kMaxHoleAge = 64).
  std::string text(70, '.');
  for (std::size_t i = 0; i < text.size(); ++i)
    text[i] = static_cast<char>('A' + i % 26);
  Stream s(text);
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 1);
  for (std::uint32_t i = 0; i < StreamReassembler::kMaxHoleAge; ++i)
    s.add(r, rec, 2 + i, 1);
  EXPECT_EQ(rec.events.size(), 1u);
  EXPECT_TRUE(r.holding());
  s.add(r, rec, 2 + StreamReassembler::kMaxHoleAge, 1);
  EXPECT_FALSE(r.holding());
  EXPECT_EQ(rec.all_data(), "A|gap 1|" + text.substr(2, StreamReassembler::kMaxHoleAge + 1));
}

TEST(StreamReassembler, AnAcknowledgementPastTheHoleReleasesIt) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 2);
  s.add(r, rec, 4, 2);
  // The peer acknowledging up to the stream position does not prove anything is lost.
  r.acknowledged(1002, rec);
  EXPECT_TRUE(r.holding());
  // Acknowledging the whole hole does: the capture missed what the peer received.
  r.acknowledged(1004, rec);
  EXPECT_FALSE(r.holding());
  EXPECT_EQ(rec.all_data(), "ab|gap 2|ef");
  // The stream goes on after the released data.
  s.add(r, rec, 6, 2);
  EXPECT_EQ(rec.all_data(), "ab|gap 2|efgh");
}

TEST(StreamReassembler, AnAcknowledgementInsideTheHoleReleasesOnlyThatPart) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 2);
  s.add(r, rec, 4, 2);
  // Byte 2 was received by the peer but is not in the capture; byte 3 may still come.
  r.acknowledged(1003, rec);
  EXPECT_TRUE(r.holding());
  EXPECT_EQ(rec.all_data(), "ab|gap 1|");
  // Its retransmission arrives and releases the held segment behind it.
  s.add(r, rec, 3, 1);
  EXPECT_FALSE(r.holding());
  EXPECT_EQ(rec.all_data(), "ab|gap 1|def");
}

TEST(StreamReassembler, ATruncatedSegmentReportsTheMissingTail) {
  // 5 bytes on the wire, 2 in the capture (snaplen).
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 5, 0, 1, 2);
  ASSERT_EQ(rec.events.size(), 2u);
  EXPECT_EQ(rec.events[0].data, "ab");
  EXPECT_TRUE(rec.events[1].gap);
  EXPECT_EQ(rec.events[1].missing, 3u);
  EXPECT_EQ(rec.events[1].reason, GapReason::Truncated);
  // The sequence space still advances by the wire length.
  s.add(r, rec, 5, 3);
  EXPECT_EQ(rec.all_data(), "ab|gap 3|fgh");
}

TEST(StreamReassembler, AHoleExpiresAfterTheReorderWindow) {
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 2, 0, 1);
  s.add(r, rec, 4, 2, 100, 2);
  r.expire(StreamReassembler::kReorderWindowNs, 3, rec);  // exactly the window: still waiting
  EXPECT_TRUE(r.holding());
  r.expire(StreamReassembler::kReorderWindowNs + 101, 4, rec);
  EXPECT_FALSE(r.holding());
  EXPECT_EQ(rec.all_data(), "ab|gap 2|ef");
}

TEST(StreamReassembler, SequenceNumbersWrapAround) {
  Stream s("abcdefgh", 0xFFFFFFFC);
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 0, 3);  // 0xfffffffc–0xfffffffe
  s.add(r, rec, 5, 3);  // 1–3: after the wrap, ahead of the stream
  EXPECT_TRUE(r.holding());
  s.add(r, rec, 3, 2);  // 0xffffffff–0
  EXPECT_EQ(rec.all_data(), "abcdefgh");
  EXPECT_FALSE(r.holding());
}

TEST(StreamReassembler, DataFromBeforeTheFirstSegmentSeenIsIgnored) {
  // The capture began mid-connection: the first data seen defines the start.
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 4, 2);
  s.add(r, rec, 0, 4);  // older bytes, retransmitted later: before what we track
  s.add(r, rec, 6, 2);
  EXPECT_EQ(rec.all_data(), "efgh");
}

TEST(StreamReassembler, ASegmentReachingFromBeforeTheStartDeliversItsNewTail) {
  // The capture began with bytes 4–5; a later (re)transmission of 0–7 carries 6–7, which the
  // capture holds nowhere else.
  Stream s("abcdefgh");
  StreamReassembler r;
  Recorder rec;
  s.add(r, rec, 4, 2);
  s.add(r, rec, 0, 8);
  EXPECT_EQ(rec.all_data(), "efgh");
  ASSERT_EQ(rec.events.size(), 2u);
  EXPECT_EQ(rec.events[1].address, Stream::kBase + 6);
  EXPECT_FALSE(r.holding());
}

}  // namespace
}  // namespace bgplens

// Cutting a reassembled TCP stream into BGP messages (RFC 4271 §4.1): messages packed several
// to a segment or spread over several, bytes that are not messages, gaps and the capture's end.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "bgp/message_decoder.h"
#include "capture/bgp_framer.h"
#include "gen/message_builder.h"

namespace bgplens {
namespace {

using gen::ByteVector;

struct Collector final : FramedConsumer {
  std::vector<FramedMessage> out;
  void on_framed(const FramedMessage& m) override { out.push_back(m); }
};

// A stream held as the base region of a ByteStore, fed to a framer in chunks whose addresses
// are their offsets in the stream, as the indexer feeds views of the capture file.
class Fixture {
 public:
  explicit Fixture(ByteVector stream)
      : stream_(stream),
        store_(std::make_shared<OwnedRegion>(std::move(stream))),
        framer_(store_, collector_) {}

  // Feeds stream bytes [from, to) as one chunk.
  void chunk(std::size_t from, std::size_t to, std::uint64_t frame = 0) {
    framer_.on_data(StreamChunk{from, Bytes(stream_).subspan(from, to - from),
                                static_cast<std::int64_t>(frame) * 1000, frame});
  }
  void gap(std::uint64_t missing, GapReason reason = GapReason::Missing) {
    framer_.on_gap(missing, reason, 0, 0);
  }
  void finish() { framer_.finish(); }

  const std::vector<FramedMessage>& out() const { return collector_.out; }
  // The bytes a framed row points at.
  ByteVector bytes(const FramedMessage& m) const {
    const Bytes b = store_.view(m.address, m.length);
    return ByteVector(b.begin(), b.end());
  }
  ByteVector slice(std::size_t from, std::size_t to) const {
    return ByteVector(stream_.begin() + static_cast<std::ptrdiff_t>(from),
                      stream_.begin() + static_cast<std::ptrdiff_t>(to));
  }
  const ByteStore& store() const { return store_; }

 private:
  ByteVector stream_;
  ByteStore store_;
  Collector collector_;
  MessageFramer framer_;
};

ByteVector concat(const std::vector<ByteVector>& parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

// An UPDATE of exactly `length` bytes: an unknown optional attribute pads it out.
ByteVector update_of_length(std::size_t length) {
  const ByteVector pad(length - 23 - 3, 0x5A);
  ByteVector m = gen::update({{}, {gen::attribute(0xC0, 99, pad)}, {}});
  EXPECT_EQ(m.size(), length);
  return m;
}

void expect_row(const FramedMessage& m, FramedKind kind, std::uint8_t flags, std::uint32_t length) {
  EXPECT_EQ(m.kind, kind);
  EXPECT_EQ(m.flags, flags);
  EXPECT_EQ(m.length, length);
}

TEST(BgpFramer, SeveralMessagesInOneChunkAreViews) {
  const ByteVector ka = gen::keepalive();
  const ByteVector up = update_of_length(60);
  const ByteVector nt = gen::notification(6, 2);
  Fixture f(concat({ka, up, nt}));
  f.chunk(0, 19 + 60 + 21, 7);
  ASSERT_EQ(f.out().size(), 3u);
  expect_row(f.out()[0], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[0].address, 0u);
  expect_row(f.out()[1], FramedKind::Message, 0, 60);
  EXPECT_EQ(f.out()[1].address, 19u);
  expect_row(f.out()[2], FramedKind::Message, 0, 21);
  EXPECT_EQ(f.out()[2].address, 79u);
  EXPECT_EQ(f.out()[2].frame, 7u);
  EXPECT_EQ(f.out()[2].time_ns, 7000);
  EXPECT_EQ(f.bytes(f.out()[1]), up);
  EXPECT_EQ(f.store().arena_bytes(), 0u);  // nothing copied
}

TEST(BgpFramer, AMessageOverTwoChunksIsCopiedOnce) {
  const ByteVector up = update_of_length(100);
  Fixture f(up);
  f.chunk(0, 40, 1);
  EXPECT_TRUE(f.out().empty());
  f.chunk(40, 100, 2);
  ASSERT_EQ(f.out().size(), 1u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied, 100);
  EXPECT_FALSE(f.store().is_base(f.out()[0].address));
  EXPECT_EQ(f.bytes(f.out()[0]), up);
  EXPECT_EQ(f.out()[0].frame, 2u);  // the frame that completed it
  EXPECT_EQ(f.store().arena_bytes(), 100u);
}

TEST(BgpFramer, AMessageOverThreeChunksWithItsHeaderSplit) {
  // 5 bytes of marker, then 10 more (the header is still incomplete), then the rest.
  const ByteVector up = update_of_length(80);
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({up, ka}));
  f.chunk(0, 5, 1);
  f.chunk(5, 15, 2);
  EXPECT_TRUE(f.out().empty());
  f.chunk(15, 99, 3);
  ASSERT_EQ(f.out().size(), 2u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied, 80);
  EXPECT_EQ(f.bytes(f.out()[0]), up);
  // The KEEPALIVE after it lies in the last chunk: a view.
  expect_row(f.out()[1], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[1].address, 80u);
}

TEST(BgpFramer, HeaderSplitJustBeforeTheLength) {
  const ByteVector up = update_of_length(40);
  Fixture f(up);
  f.chunk(0, 17, 1);
  f.chunk(17, 40, 2);
  ASSERT_EQ(f.out().size(), 1u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied, 40);
  EXPECT_EQ(f.bytes(f.out()[0]), up);
}

TEST(BgpFramer, GarbageBeforeAMarkerIsOneUnparsedRun) {
  const ByteVector junk(7, 0x00);
  const ByteVector ka = gen::keepalive();
  const ByteVector up = update_of_length(30);
  Fixture f(concat({ka, junk, ka, up}));
  f.chunk(0, 19 + 7 + 19 + 30);
  ASSERT_EQ(f.out().size(), 4u);
  expect_row(f.out()[0], FramedKind::Message, 0, 19);
  expect_row(f.out()[1], FramedKind::Unparsed, 0, 7);
  EXPECT_EQ(f.out()[1].address, 19u);
  EXPECT_EQ(f.bytes(f.out()[1]), junk);
  expect_row(f.out()[2], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[2].address, 26u);
  expect_row(f.out()[3], FramedKind::Message, 0, 30);
  EXPECT_EQ(f.out()[3].address, 45u);
}

TEST(BgpFramer, AStreamStartingMidMessage) {
  // A capture that begins inside a message: its tail (no 0xFF in it), then whole messages.
  const ByteVector tail(25, 0x11);
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({tail, ka, ka}));
  f.chunk(0, 25 + 38);
  ASSERT_EQ(f.out().size(), 3u);
  expect_row(f.out()[0], FramedKind::Unparsed, 0, 25);
  EXPECT_EQ(f.out()[0].address, 0u);
  expect_row(f.out()[1], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[1].address, 25u);
  expect_row(f.out()[2], FramedKind::Message, 0, 19);
}

TEST(BgpFramer, GarbageSplitAcrossChunksBeforeAMarker) {
  // The first chunk ends in junk; the marker starts the next chunk.
  const ByteVector junk(10, 0x00);
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({ka, junk, ka}));
  f.chunk(0, 19 + 4);
  f.chunk(23, 48);
  std::uint32_t unparsed = 0;
  std::vector<FramedMessage> messages;
  for (const FramedMessage& m : f.out()) {
    if (m.kind == FramedKind::Unparsed) unparsed += m.length;
    if (m.kind == FramedKind::Message) messages.push_back(m);
  }
  EXPECT_EQ(unparsed, 10u);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(f.bytes(messages[1]), ka);
  EXPECT_EQ(f.out().back().kind, FramedKind::Message);
}

TEST(BgpFramer, ALengthUnderNineteenFramesTheHeaderAloneThenResynchronises) {
  const ByteVector bad = gen::message(msg_type::kKeepalive, {}, 10);
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({bad, ka}));
  f.chunk(0, 38);
  ASSERT_EQ(f.out().size(), 2u);
  expect_row(f.out()[0], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.bytes(f.out()[0]), bad);
  expect_row(f.out()[1], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[1].address, 19u);
}

TEST(BgpFramer, AGapInsideAMessageCutsIt) {
  // 30 bytes of a 60-byte UPDATE, 20 bytes missing, its last 10 bytes and a KEEPALIVE.
  const ByteVector up = update_of_length(60);
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({up, ka}));
  f.chunk(0, 30, 1);
  f.gap(20);
  f.chunk(50, 79, 3);
  ASSERT_EQ(f.out().size(), 4u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied | framed_flag::kCutByGap, 30);
  EXPECT_EQ(f.bytes(f.out()[0]), f.slice(0, 30));
  expect_row(f.out()[1], FramedKind::Gap, framed_flag::kCutByGap, 20);
  // After a gap, framing resumes at the next marker.
  expect_row(f.out()[2], FramedKind::Unparsed, 0, 10);
  EXPECT_EQ(f.out()[2].address, 50u);
  expect_row(f.out()[3], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[3].address, 60u);
}

TEST(BgpFramer, AGapBetweenMessages) {
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({ka, ka, ka}));
  f.chunk(0, 19);
  f.gap(19);
  f.chunk(38, 57);
  ASSERT_EQ(f.out().size(), 3u);
  expect_row(f.out()[0], FramedKind::Message, 0, 19);
  expect_row(f.out()[1], FramedKind::Gap, framed_flag::kCutByGap, 19);
  expect_row(f.out()[2], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[2].address, 38u);
}

TEST(BgpFramer, ATruncatedFrameInsideAMessage) {
  // The capture's snaplen cut a frame: the message is marked truncated, not cut by a gap.
  const ByteVector up = update_of_length(60);
  Fixture f(up);
  f.chunk(0, 25);
  f.gap(35, GapReason::Truncated);
  ASSERT_EQ(f.out().size(), 2u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied | framed_flag::kTruncated, 25);
  expect_row(f.out()[1], FramedKind::Gap, framed_flag::kTruncated, 35);
}

TEST(BgpFramer, FinishEmitsAPartialMessageAsTruncated) {
  const ByteVector up = update_of_length(60);
  Fixture f(up);
  f.chunk(0, 30);
  EXPECT_TRUE(f.out().empty());
  f.finish();
  ASSERT_EQ(f.out().size(), 1u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied | framed_flag::kTruncated, 30);
  EXPECT_EQ(f.bytes(f.out()[0]), f.slice(0, 30));
  // Nothing is left to emit twice.
  f.finish();
  EXPECT_EQ(f.out().size(), 1u);
}

TEST(BgpFramer, FinishWithAPartialHeader) {
  const ByteVector ka = gen::keepalive();
  Fixture f(ka);
  f.chunk(0, 10);
  f.finish();
  ASSERT_EQ(f.out().size(), 1u);
  expect_row(f.out()[0], FramedKind::Message, framed_flag::kCopied | framed_flag::kTruncated, 10);
}

TEST(BgpFramer, ADamagedMarkerInStepIsStillAMessage) {
  // At a message boundary, a header with one bad marker byte but a sound length and type is
  // framed as a message; the decoder reports the marker (RFC 4271 §6.1).
  ByteVector bad = gen::keepalive();
  bad[3] = 0x00;
  const ByteVector ka = gen::keepalive();
  Fixture f(concat({ka, bad, ka}));
  f.chunk(0, 57);
  ASSERT_EQ(f.out().size(), 3u);
  expect_row(f.out()[1], FramedKind::Message, 0, 19);
  EXPECT_EQ(f.out()[1].address, 19u);
  const DecodedMessage d = decode_message(f.bytes(f.out()[1]), PeerContext{}, Depth::Summary);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 0u);
  EXPECT_EQ(d.problems[0].length, 16u);
}

}  // namespace
}  // namespace bgplens

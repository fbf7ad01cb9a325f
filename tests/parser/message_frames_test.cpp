// A message within the frames that carried it: the frames found again from the SourceMap, the
// message's bytes traced to their place in each frame (through segment-spanning copies and IP
// datagrams made whole from fragments), and the frame headers as field nodes with exact byte
// ranges. On every shared capture, every row's bytes are found in its frames' TCP payloads.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "capture/frame_decoder.h"
#include "capture/frame_locator.h"
#include "capture/pcap_reader.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/message_frames.h"
#include "index/source_file.h"
#include "test_support.h"

#include "parser/hazard_capture.h"

namespace bgplens::test {
namespace {

namespace fs = std::filesystem;

const Endpoint kA4 = gen::endpoint("10.0.0.1", 40000);
const Endpoint kB4 = gen::endpoint("10.0.0.2", 179);

// Frame headers: Ethernet 14 + 802.1Q 4 + IPv4 20 + TCP 20 with 20 bytes of options.
constexpr std::uint32_t kTcpAt = 14 + 4 + 20;
constexpr std::uint32_t kPayloadAt = kTcpAt + 40;

ByteVector md5_option() {
  ByteVector md5{19, 18};
  md5.insert(md5.end(), 16, 0xAB);
  md5.insert(md5.end(), {1, 1});
  return md5;
}

// Handshake (frames 1–3), then a 2000-byte UPDATE from side 1 in frames 4 (1200 bytes) and 5,
// each frame tagged VLAN 100 and signed with the TCP MD5 option.
std::unique_ptr<Indexed> spanning_capture() {
  gen::PcapWriter pcap;
  Flow flow(kA4, kB4);
  auto frame = [&](int side, Bytes payload, std::uint8_t flags = 0x18) {
    return ethernet({0x8100, 0x0800}, flow.ip(side, flow.tcp(side, payload, flags, md5_option())));
  };
  pcap.frame(kT0, frame(0, {}, 0x02));
  pcap.frame(kT0 + 100'000, frame(1, {}, 0x12));
  pcap.frame(kT0 + 200'000, frame(0, {}, 0x10));
  const ByteVector big = padded_update(2000);
  pcap.frame(kT0 + 1 * kMs, frame(1, Bytes(big).subspan(0, 1200)));
  pcap.frame(kT0 + 2 * kMs, frame(1, Bytes(big).subspan(1200)));
  return index_bytes(pcap.bytes());
}

// The first node of `field` below `under`, in pre-order.
std::optional<std::uint32_t> find_below(const FieldTree& t, std::uint32_t under, FieldId field) {
  for (std::uint32_t r = 0; r < t.child_count(under); ++r) {
    const std::uint32_t c = t.child(under, r);
    if (t.node(c).field == field) return c;
    if (auto deeper = find_below(t, c, field)) return deeper;
  }
  return std::nullopt;
}

struct Range {
  std::uint32_t offset;
  std::uint32_t length;
  std::string value;
  std::uint32_t mask = 0;
};

void expect_node(const FieldTree& t, std::uint32_t under, FieldId field, const Range& want) {
  const auto n = find_below(t, under, field);
  ASSERT_TRUE(n.has_value()) << field_info(field).key;
  EXPECT_EQ(t.node(*n).offset, want.offset) << field_info(field).key;
  EXPECT_EQ(t.node(*n).length, want.length) << field_info(field).key;
  EXPECT_EQ(t.node(*n).mask, want.mask) << field_info(field).key;
  EXPECT_EQ(t.value(*n), want.value) << field_info(field).key;
}

TEST(MessageFrames, ASpanningMessageIsTracedToBothSegments) {
  const auto ix = spanning_capture();
  ASSERT_EQ(ix->rows().size(), 1u);
  const MessageRecord& r = ix->rows()[0];
  ASSERT_EQ(r.length, 2000u);
  ASSERT_EQ(r.frame, 5u);
  const auto slices = frames_of(*ix->store, r.address, r.length);
  ASSERT_EQ(slices.size(), 2u);
  EXPECT_EQ(slices[0].packet.frame, 4u);
  EXPECT_EQ(slices[0].frame_offset, kPayloadAt);
  EXPECT_EQ(slices[0].message_offset, 0u);
  EXPECT_EQ(slices[0].length, 1200u);
  EXPECT_EQ(slices[0].packet.time_ns, kT0 + 1 * kMs);
  EXPECT_EQ(slices[1].packet.frame, 5u);
  EXPECT_EQ(slices[1].frame_offset, kPayloadAt);
  EXPECT_EQ(slices[1].message_offset, 1200u);
  EXPECT_EQ(slices[1].length, 800u);
  const Bytes message = ix->bytes(r);
  for (const FrameSlice& s : slices) {
    EXPECT_TRUE(same_bytes(s.packet.data.subspan(s.frame_offset, s.length),
                           message.subspan(s.message_offset, s.length)));
  }
}

TEST(MessageFrames, FrameHeadersAreNodesWithExactByteRanges) {
  const auto ix = spanning_capture();
  const MessageRecord& r = ix->rows()[0];
  const auto slices = frames_of(*ix->store, r.address, r.length);
  ASSERT_EQ(slices.size(), 2u);
  const DecodedMessage d = ix->decode(r);
  const NestedMessage nested = nest_in_frames(d.tree, ix->bytes(r), "BGP message", slices);
  const FieldTree& t = nested.tree;

  // Sources: the message at 0, then frame 4 after it, then frame 5.
  ASSERT_EQ(nested.sources.size(), 3u);
  EXPECT_EQ(nested.sources[0].label, "BGP message, reassembled from 2 frames (2000 bytes)");
  EXPECT_EQ(nested.sources[0].base, 0u);
  const std::uint32_t frame4 = 2000;
  const std::uint32_t frame5 = frame4 + kPayloadAt + 1200;
  EXPECT_EQ(nested.sources[1].base, frame4);
  EXPECT_EQ(nested.sources[1].frame, 4u);
  EXPECT_EQ(nested.sources[1].bytes.size(), kPayloadAt + 1200);
  EXPECT_EQ(nested.sources[1].label, "Frame 4 (1278 bytes)");
  EXPECT_EQ(nested.sources[2].base, frame5);
  ASSERT_EQ(nested.sources[2].mirrors.size(), 1u);
  EXPECT_EQ(nested.sources[2].mirrors[0].local_offset, kPayloadAt);
  EXPECT_EQ(nested.sources[2].mirrors[0].message_offset, 1200u);
  EXPECT_EQ(nested.sources[2].mirrors[0].length, 800u);

  // Top level: the two frames, then the message's own nodes unchanged.
  ASSERT_EQ(t.child_count(FieldTree::kRoot), 2 + d.tree.child_count(FieldTree::kRoot));
  const std::uint32_t f4 = t.child(FieldTree::kRoot, 0);
  EXPECT_EQ(t.node(f4).field, FieldId::Frame);
  EXPECT_EQ(t.node(f4).offset, frame4);
  EXPECT_EQ(t.node(f4).length, kPayloadAt + 1200);
  EXPECT_EQ(t.value(f4),
            "Frame 4: 1278 bytes on the wire, 1278 captured; bytes 0–1199 of the BGP message");
  // The message's first top-level node (its decoding context), then the message node.
  EXPECT_EQ(t.node(t.child(FieldTree::kRoot, 2)).field,
            d.tree.node(d.tree.child(FieldTree::kRoot, 0)).field);
  const auto m = t.find_first(FieldId::Message);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(t.node(*m).parent, 0);
  EXPECT_EQ(t.node(*m).offset, 0u);
  EXPECT_EQ(t.node(*m).length, 2000u);

  expect_node(t, f4, FieldId::FrameTime, {0 + frame4, 0, "2023-11-14 22:13:20.001000 UTC"});
  expect_node(t, f4, FieldId::EthDestination, {frame4, 6, "02:00:00:00:00:02"});
  expect_node(t, f4, FieldId::EthType, {frame4 + 12, 2, "802.1Q (0x8100)"});
  expect_node(t, f4, FieldId::VlanId, {frame4 + 14, 2, "100", 0x0FFF});
  expect_node(t, f4, FieldId::VlanType, {frame4 + 16, 2, "IPv4 (0x0800)"});
  expect_node(t, f4, FieldId::IpTotalLength, {frame4 + 18 + 2, 2, "1260"});
  expect_node(t, f4, FieldId::IpDontFragment, {frame4 + 18 + 6, 2, "set", 0x4000});
  expect_node(t, f4, FieldId::IpProtocol, {frame4 + 18 + 9, 1, "TCP (6)"});
  expect_node(t, f4, FieldId::IpSource, {frame4 + 18 + 12, 4, "10.0.0.2"});
  expect_node(t, f4, FieldId::IpDestination, {frame4 + 18 + 16, 4, "10.0.0.1"});
  expect_node(t, f4, FieldId::TcpSourcePort, {frame4 + kTcpAt, 2, "179"});
  expect_node(t, f4, FieldId::TcpDestinationPort, {frame4 + kTcpAt + 2, 2, "40000"});
  expect_node(t, f4, FieldId::TcpSequence, {frame4 + kTcpAt + 4, 4, "500001"});
  expect_node(t, f4, FieldId::TcpHeaderLength, {frame4 + kTcpAt + 12, 1, "40 octets (10)", 0xF0});
  expect_node(t, f4, FieldId::TcpFlagPsh, {frame4 + kTcpAt + 13, 1, "set", 0x08});
  expect_node(t, f4, FieldId::TcpFlagSyn, {frame4 + kTcpAt + 13, 1, "not set", 0x02});
  expect_node(t, f4, FieldId::TcpOptions, {frame4 + kTcpAt + 20, 20, ""});
  expect_node(
      t, f4, FieldId::TcpOption,
      {frame4 + kTcpAt + 20, 18, "MD5 signature (RFC 2385) abababababababababababababababab"});
  expect_node(t, f4, FieldId::TcpPayload, {frame4 + kPayloadAt, 1200, "1200 bytes"});
  expect_node(t, f4, FieldId::FrameMessageBytes,
              {frame4 + kPayloadAt, 1200, "bytes 0–1199 of the BGP message (2000 bytes)"});
  const std::uint32_t f5 = t.child(FieldTree::kRoot, 1);
  expect_node(t, f5, FieldId::FrameMessageBytes,
              {frame5 + kPayloadAt, 800, "bytes 1200–1999 of the BGP message (2000 bytes)"});

  // A byte of the frame finds its header field; a byte of the message its message field.
  EXPECT_EQ(t.node(*t.deepest_at(frame4 + 18 + 13)).field, FieldId::IpSource);
  EXPECT_EQ(t.node(*t.deepest_at(16)).field, FieldId::Length);
}

TEST(MessageFrames, ABgpMessageNestsInItsBmpMessageBetweenFrameAndFields) {
  const auto ix = spanning_capture();
  const MessageRecord& r = ix->rows()[0];
  const auto slices = frames_of(*ix->store, r.address, r.length);
  const DecodedMessage d = ix->decode(r);
  // Pretend the UPDATE came inside a 2048-byte BMP message, at its byte 48.
  const ByteVector bmp(2048, 0x03);
  const EnclosingMessage around{"BMP message (2048 bytes)", "Route Monitoring", bmp, 48};
  const NestedMessage nested = nest_in_frames(d.tree, ix->bytes(r), "BGP message", slices, &around);
  // Tabs from the innermost out: the message, the BMP message, the frames.
  ASSERT_EQ(nested.sources.size(), 4u);
  const ByteSource& source = nested.sources[1];
  EXPECT_EQ(source.label, "BMP message (2048 bytes)");
  EXPECT_EQ(source.base, 2000u);
  EXPECT_EQ(nested.sources[2].frame, 4u);
  EXPECT_EQ(nested.sources[2].base, 2000u + 2048u);
  ASSERT_EQ(source.mirrors.size(), 1u);
  EXPECT_EQ(source.mirrors[0].local_offset, 48u);
  EXPECT_EQ(source.mirrors[0].message_offset, 0u);
  EXPECT_EQ(source.mirrors[0].length, 2000u);
  // The tree from the outermost in: frames, the BMP message, the BGP message's own nodes.
  const std::uint32_t node = nested.tree.child(FieldTree::kRoot, 2);
  EXPECT_EQ(nested.tree.node(node).field, FieldId::BmpMessage);
  EXPECT_EQ(nested.tree.node(node).offset, source.base);
  EXPECT_EQ(nested.tree.node(node).length, 2048u);
  EXPECT_EQ(nested.tree.value(node), "Route Monitoring");
}

TEST(MessageFrames, AMessageInFragmentsIsTracedToEachFragment) {
  // The UPDATE's segment in three IPv4 fragments of 80, 80 and the rest, captured second,
  // third, first: the message's first 60 bytes follow the TCP header in the first fragment.
  std::vector<gen::Prefix> routes;
  for (int i = 0; i < 40; ++i)
    routes.push_back(gen::prefix("10." + std::to_string(i) + ".0.0/16"));
  const ByteVector update = gen::update({{}, {gen::origin(0), gen::next_hop("10.0.0.1")}, routes});
  gen::PcapWriter pcap;
  Flow flow(kA4, kB4);
  auto eth4 = [](const ByteVector& ip) { return ethernet({0x0800}, ip); };
  pcap.frame(kT0, eth4(flow.ip(0, flow.tcp(0, {}, 0x02))));
  pcap.frame(kT0 + 100'000, eth4(flow.ip(1, flow.tcp(1, {}, 0x12))));
  pcap.frame(kT0 + 200'000, eth4(flow.ip(0, flow.tcp(0, {}, 0x10))));
  const ByteVector segment = flow.tcp(1, update);
  const auto pieces = ipv4_fragments(flow.address(1), flow.address(0), 77, segment,
                                     {80, 80, static_cast<std::uint32_t>(segment.size() - 160)});
  pcap.frame(kT0 + 1 * kMs, eth4(pieces[1]));  // frame 4
  pcap.frame(kT0 + 2 * kMs, eth4(pieces[2]));  // frame 5
  pcap.frame(kT0 + 3 * kMs, eth4(pieces[0]));  // frame 6
  const auto ix = index_bytes(pcap.bytes());
  ASSERT_EQ(ix->rows().size(), 1u);
  const MessageRecord& r = ix->rows()[0];
  const auto slices = frames_of(*ix->store, r.address, r.length);
  ASSERT_EQ(slices.size(), 3u);
  const std::uint32_t data_at = 14 + 20;  // a fragment's data follows its IPv4 header
  EXPECT_EQ(slices[0].packet.frame, 6u);
  EXPECT_EQ(slices[0].frame_offset, data_at + 20);  // after the TCP header
  EXPECT_EQ(slices[0].length, 60u);
  EXPECT_EQ(slices[1].packet.frame, 4u);
  EXPECT_EQ(slices[1].frame_offset, data_at);
  EXPECT_EQ(slices[1].message_offset, 60u);
  EXPECT_EQ(slices[1].length, 80u);
  EXPECT_EQ(slices[2].packet.frame, 5u);
  EXPECT_EQ(slices[2].message_offset, 140u);
  EXPECT_EQ(slices[2].length, r.length - 140);
  for (const FrameSlice& s : slices) {
    EXPECT_TRUE(same_bytes(s.packet.data.subspan(s.frame_offset, s.length),
                           ix->bytes(r).subspan(s.message_offset, s.length)));
  }
  // A fragment's frame shows its fragment data, not a TCP payload: the first fragment (frame
  // 6) holds the TCP header, then the message's first 60 bytes.
  const NestedMessage nested =
      nest_in_frames(ix->decode(r).tree, ix->bytes(r), "BGP message", slices);
  const std::uint32_t first = nested.tree.child(FieldTree::kRoot, 0);
  const std::uint32_t base = nested.sources[1].base;
  EXPECT_FALSE(find_below(nested.tree, first, FieldId::TcpPayload).has_value());
  expect_node(nested.tree, first, FieldId::IpFragmentData, {base + data_at, 80, "80 bytes"});
  expect_node(nested.tree, first, FieldId::FrameMessageBytes,
              {base + data_at + 20, 60,
               "bytes 0–59 of the BGP message (" + std::to_string(r.length) + " bytes)"});
}

// Whether the slice lies within the TCP payload (or the fragment data) of its frame.
bool inside_payload(const FrameSlice& s) {
  TcpSegment segment;
  FragmentInfo fragment;
  const FrameKind kind =
      decode_frame(s.packet.link_type, s.packet.data, segment, nullptr, &fragment);
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  if (kind == FrameKind::Tcp) {
    begin = segment.payload_offset;
    end = begin + segment.payload_captured;
  } else if (kind == FrameKind::Fragment) {
    begin = fragment.data_offset;
    end = begin + fragment.data_captured;
  }
  return s.frame_offset >= begin && s.frame_offset + std::uint64_t{s.length} <= end;
}

TEST(MessageFrames, EverySharedCaptureRowIsFoundInItsFrames) {
  const fs::path dir = fs::path(shared_dir()) / "captures";
  ASSERT_TRUE(fs::is_directory(dir));
  std::size_t captures = 0;
  std::size_t rows = 0;
  std::size_t spanning = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto store = open_source_file(e.path().string());
    if (!store) continue;
    SCOPED_TRACE(e.path().string());
    RecordCollector sink;
    if (!index_capture(*store, sink)) continue;
    ++captures;
    for (const MessageRecord& r : sink.records) {
      if (r.kind == FramedKind::Gap || r.length == 0) continue;
      SCOPED_TRACE(testing::Message() << "frame " << r.frame);
      const auto slices = frames_of(**store, r.address, r.length);
      ASSERT_FALSE(slices.empty());
      std::uint32_t covered = 0;
      const Bytes message = (*store)->view(r.address, r.length);
      for (const FrameSlice& s : slices) {
        ASSERT_EQ(s.message_offset, covered);
        ASSERT_TRUE(inside_payload(s)) << "frame " << s.packet.frame;
        ASSERT_TRUE(same_bytes(s.packet.data.subspan(s.frame_offset, s.length),
                               message.subspan(s.message_offset, s.length)));
        covered += s.length;
      }
      ASSERT_EQ(covered, r.length);
      // The row's frame is the one that completed it; for a BGP message inside a BMP message,
      // the one that completed the BMP message, which may come after the BGP message's bytes.
      if (r.flags & framed_flag::kViaBmp)
        ASSERT_LE(slices.back().packet.frame, r.frame);
      else
        ASSERT_EQ(slices.back().packet.frame, r.frame);
      spanning += slices.size() > 1;
      ++rows;
    }
  }
  EXPECT_GT(captures, 100u);
  EXPECT_GT(rows, 10000u);
  EXPECT_GT(spanning, 100u);
}

TEST(MessageFrames, EveryFrameOfEverySharedCaptureIsFoundAgain) {
  const fs::path dir = fs::path(shared_dir()) / "captures";
  std::size_t frames = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto store = open_source_file(e.path().string());
    if (!store) continue;
    SCOPED_TRACE(e.path().string());
    auto reader = PcapReader::open(*store);
    if (!reader) continue;
    std::vector<Packet> packets;
    Packet p;
    while ((*reader)->next(p))
      packets.push_back(p);
    for (const Packet& want : packets) {
      if (!(*store)->is_base(want.address)) continue;  // a packet libpcap had to copy
      const auto by_number = find_frame(**store, want.frame);
      ASSERT_TRUE(by_number.has_value()) << "frame " << want.frame;
      EXPECT_EQ(by_number->address, want.address) << "frame " << want.frame;
      EXPECT_EQ(by_number->data.size(), want.data.size()) << "frame " << want.frame;
      EXPECT_EQ(by_number->time_ns, want.time_ns) << "frame " << want.frame;
      EXPECT_EQ(by_number->wire_length, want.wire_length) << "frame " << want.frame;
      EXPECT_EQ(by_number->link_type, want.link_type) << "frame " << want.frame;
      if (!want.data.empty()) {
        const auto by_address = find_frame_holding(**store, want.address + want.data.size() - 1);
        ASSERT_TRUE(by_address.has_value()) << "frame " << want.frame;
        EXPECT_EQ(by_address->frame, want.frame);
      }
      ++frames;
    }
    EXPECT_FALSE(find_frame(**store, packets.size() + 1).has_value());
  }
  EXPECT_GT(frames, 10000u);
}

}  // namespace
}  // namespace bgplens::test

// IPv4 and IPv6 fragment reassembly on its own (RFC 791 §3.2, RFC 815, RFC 8200 §4.5,
// RFC 5722, RFC 6946): what decode_frame reports about a fragment, the datagram that comes out,
// duplicates, truncated fragments, and the limits that keep memory bounded.
#include <gtest/gtest.h>

#include <pcap/dlt.h>

#include <optional>

#include "capture/frame_decoder.h"
#include "capture/ip_defragmenter.h"

#include "parser/hazard_capture.h"

namespace bgplens::test {
namespace {

const Endpoint kA4 = gen::endpoint("10.0.0.1", 40000);
const Endpoint kB4 = gen::endpoint("10.0.0.2", 179);
const Endpoint kA6 = gen::endpoint("2001:db8::1", 40000);
const Endpoint kB6 = gen::endpoint("2001:db8::2", 179);

// A TCP segment of `n` payload bytes counting up from 1.
ByteVector segment(const Endpoint& src, const Endpoint& dst, std::size_t n = 100) {
  ByteVector payload(n);
  for (std::size_t i = 0; i < n; ++i)
    payload[i] = static_cast<std::uint8_t>(i + 1);
  return tcp_bytes(src, dst, 1000, 2000, 0x18, {}, payload);
}

// Raw IP packets handed to a defragmenter, each kept in the store's arena so that the views it
// holds stay valid.
class Fixture {
 public:
  explicit Fixture(IpDefragmenter::Limits limits = {}) : defrag_(limits) {}
  std::optional<IpDefragmenter::Datagram> add(const ByteVector& packet, std::int64_t time_ns = 0,
                                              std::uint64_t frame = 0,
                                              std::size_t captured = SIZE_MAX) {
    const Bytes whole(packet);
    const Bytes kept = whole.first(std::min(captured, whole.size()));
    const ByteAddress at = store_.append(kept);
    const Bytes f = store_.view(at, kept.size());
    FragmentInfo info;
    TcpSegment seg;
    EXPECT_EQ(decode_frame(DLT_RAW, f, seg, nullptr, &info), FrameKind::Fragment);
    return defrag_.add(info, f, time_ns, frame == 0 ? ++frames_ : frame, store_);
  }
  IpDefragmenter& defrag() { return defrag_; }

 private:
  ByteStore store_;
  IpDefragmenter defrag_;
  std::uint64_t frames_ = 0;
};

TEST(IpDefragmenter, WhatDecodeFrameReportsAboutAnIpv4Fragment) {
  const ByteVector tcp = segment(kA4, kB4);
  const auto pieces = ipv4_fragments(kA4.address, kB4.address, 0x4242, tcp, {80, 40});
  const ByteVector frame = ethernet({0x0800}, pieces[1]);
  FragmentInfo info;
  TcpSegment seg;
  ASSERT_EQ(decode_frame(DLT_EN10MB, frame, seg, nullptr, &info), FrameKind::Fragment);
  EXPECT_EQ(info.version, 4);
  EXPECT_EQ(info.id, 0x4242u);
  EXPECT_EQ(info.protocol, 6);
  EXPECT_FALSE(info.more);
  EXPECT_EQ(info.offset, 80u);
  EXPECT_EQ(info.header_offset, 14u);
  EXPECT_EQ(info.header_length, 20u);
  EXPECT_EQ(info.data_offset, 34u);
  EXPECT_EQ(info.data_length, 40u);
  EXPECT_EQ(info.data_captured, 40u);
  EXPECT_EQ(info.src, kA4.address);
  EXPECT_EQ(info.dst, kB4.address);
  EXPECT_TRUE(IpDefragmenter::may_carry_tcp(info));
  // Without a FragmentInfo, decode_frame says what it always said.
  EXPECT_EQ(decode_frame(DLT_EN10MB, frame, seg, nullptr), FrameKind::Fragment);
}

TEST(IpDefragmenter, WhatDecodeFrameReportsAboutAnIpv6FragmentBehindHopByHop) {
  const ByteVector hop_by_hop{44, 0, 1, 4, 0, 0, 0, 0};
  const ByteVector tcp = segment(kA6, kB6);
  const auto pieces =
      ipv6_fragments(kA6.address, kB6.address, 0, hop_by_hop, 6, 0xA1B2C3D4, tcp, {64, 56});
  FragmentInfo info;
  TcpSegment seg;
  ASSERT_EQ(decode_frame(DLT_RAW, pieces[0], seg, nullptr, &info), FrameKind::Fragment);
  EXPECT_EQ(info.version, 6);
  EXPECT_EQ(info.id, 0xA1B2C3D4u);
  EXPECT_EQ(info.protocol, 6);
  EXPECT_TRUE(info.more);
  EXPECT_EQ(info.offset, 0u);
  EXPECT_EQ(info.header_length, 48u);   // the IPv6 header and hop-by-hop: unfragmentable
  EXPECT_EQ(info.next_header_at, 40u);  // hop-by-hop's Next Header names the Fragment header
  EXPECT_EQ(info.data_offset, 56u);
  EXPECT_EQ(info.data_length, 64u);
  // A Fragment header cut short is malformed, not a fragment.
  const ByteVector cut(pieces[0].begin(), pieces[0].begin() + 52);
  EXPECT_EQ(decode_frame(DLT_RAW, cut, seg, nullptr, &info), FrameKind::Malformed);
}

TEST(IpDefragmenter, TheIpv4DatagramIsWholeWithAValidHeader) {
  const ByteVector tcp = segment(kA4, kB4);
  const auto pieces = ipv4_fragments(kA4.address, kB4.address, 7, tcp, {48, 48, 24});
  Fixture fx;
  EXPECT_FALSE(fx.add(pieces[2]));
  EXPECT_FALSE(fx.add(pieces[0]));
  EXPECT_EQ(fx.defrag().waiting(), 1u);
  const auto d = fx.add(pieces[1]);
  ASSERT_TRUE(d);
  EXPECT_EQ(fx.defrag().waiting(), 0u);
  EXPECT_EQ(fx.defrag().held_bytes(), 0u);
  ASSERT_EQ(d->bytes.size(), 20 + tcp.size());
  EXPECT_EQ(load_be16(d->bytes.data() + 2), 20 + tcp.size());  // Total Length
  EXPECT_EQ(load_be16(d->bytes.data() + 6), 0u);               // no MF, offset 0
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < 20; i += 2)
    sum += load_be16(d->bytes.data() + i);
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  EXPECT_EQ(sum, 0xFFFFu);  // the header checksum holds
  EXPECT_TRUE(same_bytes(d->bytes.subspan(20), tcp));
  TcpSegment seg;
  ASSERT_EQ(decode_ip_datagram(d->bytes, seg, nullptr), FrameKind::Tcp);
  EXPECT_EQ(seg.payload_length, 100u);
  EXPECT_EQ(seg.payload_captured, 100u);
  EXPECT_EQ(fx.defrag().stats().reassembled, 1u);
}

TEST(IpDefragmenter, TheIpv6DatagramLosesItsFragmentHeader) {
  const ByteVector hop_by_hop{44, 0, 1, 4, 0, 0, 0, 0};
  const ByteVector tcp = segment(kA6, kB6);
  const auto pieces = ipv6_fragments(kA6.address, kB6.address, 0, hop_by_hop, 6, 99, tcp, {64, 56});
  Fixture fx;
  EXPECT_FALSE(fx.add(pieces[1]));
  const auto d = fx.add(pieces[0]);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->bytes.size(), 48 + tcp.size());
  EXPECT_EQ(load_be16(d->bytes.data() + 4), 8 + tcp.size());  // Payload Length
  EXPECT_EQ(d->bytes[6], 0);                                  // hop-by-hop still first
  EXPECT_EQ(d->bytes[40], 6);                                 // and now names TCP
  TcpSegment seg;
  ASSERT_EQ(decode_ip_datagram(d->bytes, seg, nullptr), FrameKind::Tcp);
  EXPECT_EQ(seg.payload_offset, 68u);
  EXPECT_EQ(seg.src, kA6);
}

TEST(IpDefragmenter, AnAtomicFragmentStandsAlone) {
  // Offset 0 without M (RFC 6946 §4): reassembled at once, never mixed with the fragments of
  // another packet that has the same identification.
  const ByteVector tcp = segment(kA6, kB6, 20);
  Fixture fx;
  const auto other =
      ipv6_fragments(kA6.address, kB6.address, 44, {}, 6, 5, segment(kA6, kB6), {64, 56});
  EXPECT_FALSE(fx.add(other[1]));
  const auto atomic = ipv6_fragments(kA6.address, kB6.address, 44, {}, 6, 5, tcp,
                                     {static_cast<std::uint32_t>(tcp.size())});
  const auto d = fx.add(atomic[0]);
  ASSERT_TRUE(d);
  EXPECT_TRUE(same_bytes(d->bytes.subspan(40), tcp));
  EXPECT_EQ(fx.defrag().waiting(), 1u);
  EXPECT_TRUE(fx.add(other[0]));
}

TEST(IpDefragmenter, DuplicatesAreDroppedAndTheFullerCopyKept) {
  const ByteVector tcp = segment(kA4, kB4);
  const auto pieces = ipv4_fragments(kA4.address, kB4.address, 7, tcp, {64, 56});
  Fixture fx;
  // The first copy of the first fragment lost 30 bytes to the snap length; its duplicate did
  // not.
  EXPECT_FALSE(fx.add(pieces[0], 0, 0, pieces[0].size() - 30));
  EXPECT_FALSE(fx.add(pieces[0]));
  const auto d = fx.add(pieces[1]);
  ASSERT_TRUE(d);
  EXPECT_TRUE(same_bytes(d->bytes.subspan(20), tcp));
  EXPECT_EQ(fx.defrag().stats().duplicates, 1u);
  EXPECT_EQ(fx.defrag().stats().overlaps, 0u);
}

TEST(IpDefragmenter, AFragmentCutByTheCaptureEndsTheDatagramThere) {
  const ByteVector tcp = segment(kA4, kB4);
  const auto pieces = ipv4_fragments(kA4.address, kB4.address, 7, tcp, {48, 48, 24});
  Fixture fx;
  EXPECT_FALSE(fx.add(pieces[0]));
  EXPECT_FALSE(fx.add(pieces[1], 0, 0, 20 + 10));  // 10 of its 48 bytes captured
  const auto d = fx.add(pieces[2]);
  ASSERT_TRUE(d);
  // What follows the cut is not contiguous with what came before it: the datagram stops there,
  // its IP length still the whole, so TCP sees a segment cut by the capture.
  ASSERT_EQ(d->bytes.size(), 20u + 48 + 10);
  TcpSegment seg;
  ASSERT_EQ(decode_ip_datagram(d->bytes, seg, nullptr), FrameKind::Tcp);
  EXPECT_EQ(seg.payload_length, 100u);
  EXPECT_EQ(seg.payload_captured, 38u);
}

TEST(IpDefragmenter, DatagramsTimeOutInCaptureTime) {
  constexpr std::int64_t kS = 1'000'000'000;
  Fixture fx;
  const auto v4 = ipv4_fragments(kA4.address, kB4.address, 1, segment(kA4, kB4), {64, 56});
  const auto v6 =
      ipv6_fragments(kA6.address, kB6.address, 44, {}, 6, 1, segment(kA6, kB6), {64, 56});
  EXPECT_FALSE(fx.add(v4[0], 0));
  EXPECT_FALSE(fx.add(v6[0], 0));
  fx.defrag().expire(30 * kS, 3);  // exactly the IPv4 timeout: still waiting
  EXPECT_EQ(fx.defrag().waiting(), 2u);
  // Past 30 s the IPv4 datagram is given up; the IPv6 one has 60 s (RFC 8200 §4.5).
  EXPECT_FALSE(fx.add(v4[1], 30 * kS + 1));
  EXPECT_EQ(fx.defrag().stats().incomplete, 1u);
  EXPECT_TRUE(fx.add(v6[1], 59 * kS));
  // The late IPv4 fragment started a datagram of its own, which never completes.
  EXPECT_EQ(fx.defrag().waiting(), 1u);
  fx.defrag().finish();
  EXPECT_EQ(fx.defrag().stats().incomplete, 2u);
  EXPECT_EQ(fx.defrag().waiting(), 0u);
  EXPECT_EQ(fx.defrag().held_bytes(), 0u);
}

TEST(IpDefragmenter, DatagramsAreGivenUpAfterAWindowOfFrames) {
  IpDefragmenter::Limits limits;
  limits.window_frames = 10;
  Fixture fx(limits);
  const auto a = ipv4_fragments(kA4.address, kB4.address, 1, segment(kA4, kB4), {64, 56});
  const auto b = ipv4_fragments(kA4.address, kB4.address, 2, segment(kA4, kB4), {64, 56});
  EXPECT_FALSE(fx.add(a[0], 0, 1));
  EXPECT_FALSE(fx.add(b[0], 0, 11));  // 10 frames later: a still waits
  EXPECT_EQ(fx.defrag().waiting(), 2u);
  EXPECT_TRUE(fx.add(b[1], 0, 12));  // 11 frames later: a is given up
  EXPECT_EQ(fx.defrag().waiting(), 0u);
  EXPECT_EQ(fx.defrag().stats().incomplete, 1u);
}

TEST(IpDefragmenter, TheOldestDatagramsGoFirstWhenTheLimitsAreReached) {
  IpDefragmenter::Limits limits;
  limits.max_datagrams = 2;
  Fixture fx(limits);
  std::vector<std::vector<ByteVector>> d;
  for (std::uint16_t id = 1; id <= 3; ++id)
    d.push_back(ipv4_fragments(kA4.address, kB4.address, id, segment(kA4, kB4), {64, 56}));
  EXPECT_FALSE(fx.add(d[0][0]));
  EXPECT_FALSE(fx.add(d[1][0]));
  EXPECT_FALSE(fx.add(d[2][0]));  // a third: the first is given up
  EXPECT_EQ(fx.defrag().waiting(), 2u);
  EXPECT_EQ(fx.defrag().stats().incomplete, 1u);
  EXPECT_TRUE(fx.add(d[1][1]));
  EXPECT_TRUE(fx.add(d[2][1]));

  // Bytes held: each 64-byte piece costs 64 + kPieceOverhead.
  IpDefragmenter::Limits small;
  small.max_bytes = 2 * (64 + IpDefragmenter::kPieceOverhead);
  Fixture fy(small);
  EXPECT_FALSE(fy.add(d[0][0]));
  EXPECT_FALSE(fy.add(d[1][0]));
  EXPECT_EQ(fy.defrag().held_bytes(), small.max_bytes);
  EXPECT_FALSE(fy.add(d[2][0]));
  EXPECT_EQ(fy.defrag().waiting(), 2u);
  EXPECT_EQ(fy.defrag().stats().incomplete, 1u);
  EXPECT_FALSE(fy.add(d[0][1]));  // its first half was given up: it cannot complete
}

TEST(IpDefragmenter, FragmentsNoValidDatagramCanHaveAreDropped) {
  Fixture fx;
  const ByteVector data(16, 0x11);
  // Past 65535 bytes (RFC 791 §3.1): offset 65528 plus 16 bytes.
  EXPECT_FALSE(fx.add(ipv4_bytes(kA4.address, kB4.address, data, 1, 8191)));
  // Two last fragments that disagree on the end; a middle one past the end.
  EXPECT_FALSE(fx.add(ipv4_bytes(kA4.address, kB4.address, data, 2, 2)));           // 16–31, last
  EXPECT_FALSE(fx.add(ipv4_bytes(kA4.address, kB4.address, data, 2, 4)));           // 32–47, last
  EXPECT_FALSE(fx.add(ipv4_bytes(kA4.address, kB4.address, data, 2, 0x2000 | 4)));  // 32–47
  EXPECT_EQ(fx.defrag().stats().invalid, 3u);
  EXPECT_EQ(fx.defrag().waiting(), 1u);
  // Not TCP: not worth reassembling.
  FragmentInfo udp;
  udp.version = 4;
  udp.protocol = 17;
  EXPECT_FALSE(IpDefragmenter::may_carry_tcp(udp));
  FragmentInfo v6;
  v6.version = 6;
  v6.protocol = 60;  // destination options, then perhaps TCP
  EXPECT_TRUE(IpDefragmenter::may_carry_tcp(v6));
}

}  // namespace
}  // namespace bgplens::test

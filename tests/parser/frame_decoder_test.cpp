// From a captured frame to its TCP segment: the link layers BGP captures come in, IPv4
// (RFC 791) and IPv6 with extension headers (RFC 8200 §4), TCP options (RFC 9293 §3.1).
#include <gtest/gtest.h>

#include <pcap/dlt.h>

#include <optional>
#include <string>
#include <vector>

#include "capture/frame_decoder.h"
#include "gen/byte_writer.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using gen::ByteWriter;

constexpr std::uint32_t kPayload = 5;  // "hello"

// TCP header 10.0.0.1:40000 → 10.0.0.2:179 (or the IPv6 equivalent), seq 0x01020304,
// ack 0x0A0B0C0D, PSH|ACK, `options` bytes of options (a multiple of 4), then the payload.
ByteVector tcp(std::uint32_t options = 0) {
  ByteWriter t;
  t.u16(40000).u16(179).u32(0x01020304).u32(0x0A0B0C0D);
  t.u8(static_cast<std::uint8_t>(((20 + options) / 4) << 4)).u8(0x18).u16(65535).u16(0).u16(0);
  for (std::uint32_t i = 0; i + 4 <= options; i += 4)
    t.bytes({0x01, 0x01, 0x08, 0x0A});  // NOP, NOP, and the start of a timestamp option
  t.bytes({'h', 'e', 'l', 'l', 'o'});
  return t.take();
}

// IPv4 header (no options) carrying `payload`; `total` overrides the Total Length field.
ByteVector ipv4(const ByteVector& payload, std::uint16_t flags_fragment = 0x4000,
                std::optional<std::uint16_t> total = {}, std::uint8_t protocol = 6,
                std::uint8_t version_ihl = 0x45) {
  ByteWriter ip;
  ip.u8(version_ihl).u8(0).u16(total ? *total : static_cast<std::uint16_t>(20 + payload.size()));
  ip.u16(1).u16(flags_fragment).u8(64).u8(protocol).u16(0);
  ip.bytes({10, 0, 0, 1}).bytes({10, 0, 0, 2});
  ip.bytes(payload);
  return ip.take();
}

// IPv6 header with `next` as Next Header over `payload` (extension headers included).
ByteVector ipv6(const ByteVector& payload, std::uint8_t next = 6) {
  ByteWriter ip;
  ip.u32(0x60000000).u16(static_cast<std::uint16_t>(payload.size())).u8(next).u8(64);
  ip.bytes({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  ip.bytes({0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2});
  ip.bytes(payload);
  return ip.take();
}

ByteVector ethernet(std::initializer_list<std::uint16_t> types, const ByteVector& payload) {
  ByteWriter f;
  f.bytes({2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
  bool first = true;
  for (std::uint16_t type : types) {
    if (!first) f.u16(0x0064);  // the previous tag's TCI (VLAN 100)
    f.u16(type);
    first = false;
  }
  f.bytes(payload);
  return f.take();
}

ByteVector concat(const ByteVector& a, const ByteVector& b) {
  ByteVector out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// Decodes and checks the TCP fields every frame here carries.
void expect_segment(int link_type, const ByteVector& frame, std::uint32_t payload_offset,
                    int ip_version = 4) {
  SCOPED_TRACE(testing::Message() << "link type " << link_type);
  TcpSegment seg;
  std::string problem;
  ASSERT_EQ(decode_frame(link_type, frame, seg, &problem), FrameKind::Tcp) << problem;
  EXPECT_EQ(seg.src.port, 40000);
  EXPECT_EQ(seg.dst.port, 179);
  EXPECT_EQ(seg.seq, 0x01020304u);
  EXPECT_EQ(seg.ack, 0x0A0B0C0Du);
  EXPECT_EQ(seg.flags, 0x18);
  EXPECT_EQ(seg.payload_offset, payload_offset);
  EXPECT_EQ(seg.payload_length, kPayload);
  EXPECT_EQ(seg.payload_captured, kPayload);
  EXPECT_EQ(seg.src.address.version, ip_version);
  if (ip_version == 4) {
    EXPECT_EQ(seg.src.text(), "10.0.0.1:40000");
    EXPECT_EQ(seg.dst.text(), "10.0.0.2:179");
  } else {
    EXPECT_EQ(seg.src.text(), "2001:db8::1:40000");
    EXPECT_EQ(seg.dst.text(), "2001:db8::2:179");
  }
  ASSERT_LE(payload_offset + kPayload, frame.size());
  EXPECT_EQ(std::string(frame.begin() + payload_offset, frame.begin() + payload_offset + kPayload),
            "hello");
}

TEST(FrameDecoder, EthernetIpv4Tcp) {
  expect_segment(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp())), 14 + 20 + 20);
}

TEST(FrameDecoder, VlanTags) {
  // 802.1Q: 4 bytes; QinQ (802.1ad outer tag 0x88a8, then 802.1Q): 8 bytes.
  expect_segment(DLT_EN10MB, ethernet({0x8100, 0x0800}, ipv4(tcp())), 18 + 40);
  expect_segment(DLT_EN10MB, ethernet({0x88A8, 0x8100, 0x0800}, ipv4(tcp())), 22 + 40);
  expect_segment(DLT_EN10MB, ethernet({0x9100, 0x86DD}, ipv6(tcp())), 18 + 60, 6);
}

TEST(FrameDecoder, MplsLabelStack) {
  // Two labels (RFC 3032): the bottom-of-stack bit is set in the second; IP follows.
  ByteWriter labels;
  labels.u32(0x00064040).u32(0x000C8140);
  const ByteVector frame = ethernet({0x8847}, concat(labels.data(), ipv4(tcp())));
  expect_segment(DLT_EN10MB, frame, 14 + 8 + 40);
  const ByteVector v6 = ethernet({0x8847}, concat(labels.data(), ipv6(tcp())));
  expect_segment(DLT_EN10MB, v6, 14 + 8 + 60, 6);
}

TEST(FrameDecoder, LinuxCookedCaptures) {
  // SLL: packet type, ARPHRD, address length, 8 address bytes, protocol — 16 bytes.
  ByteWriter sll;
  sll.u16(0).u16(1).u16(6).bytes({2, 0, 0, 0, 0, 1, 0, 0}).u16(0x0800);
  expect_segment(DLT_LINUX_SLL, concat(sll.data(), ipv4(tcp())), 16 + 40);
  // SLL2: protocol first, then reserved, interface index, ARPHRD, type, address — 20 bytes.
  ByteWriter sll2;
  sll2.u16(0x86DD).u16(0).u32(3).u16(1).u8(0).u8(6).bytes({2, 0, 0, 0, 0, 1, 0, 0});
  expect_segment(DLT_LINUX_SLL2, concat(sll2.data(), ipv6(tcp())), 20 + 60, 6);
}

TEST(FrameDecoder, RawIp) {
  expect_segment(DLT_RAW, ipv4(tcp()), 40);
  expect_segment(DLT_RAW, ipv6(tcp()), 60, 6);
  expect_segment(DLT_IPV4, ipv4(tcp()), 40);
  expect_segment(DLT_IPV6, ipv6(tcp()), 60, 6);
}

TEST(FrameDecoder, BsdLoopback) {
  // DLT_NULL: the address family in host byte order (AF_INET 2; AF_INET6 30 on macOS, 24 on
  // NetBSD/OpenBSD, 28 on FreeBSD); DLT_LOOP: in network byte order.
  ByteWriter af_inet;
  af_inet.le32(2);
  expect_segment(DLT_NULL, concat(af_inet.data(), ipv4(tcp())), 4 + 40);
  ByteWriter af_inet6;
  af_inet6.le32(30);
  expect_segment(DLT_NULL, concat(af_inet6.data(), ipv6(tcp())), 4 + 60, 6);
  ByteWriter big_endian;
  big_endian.u32(28);  // written by a big-endian host
  expect_segment(DLT_NULL, concat(big_endian.data(), ipv6(tcp())), 4 + 60, 6);
  ByteWriter loop;
  loop.u32(2);
  expect_segment(DLT_LOOP, concat(loop.data(), ipv4(tcp())), 4 + 40);
  ByteWriter unknown;
  unknown.le32(7);
  TcpSegment seg;
  EXPECT_EQ(decode_frame(DLT_NULL, concat(unknown.data(), ipv4(tcp())), seg, nullptr),
            FrameKind::NotTcp);
}

TEST(FrameDecoder, Ipv6ExtensionHeadersAreSkipped) {
  // Hop-by-hop options (8 bytes: next 60, length 0), then destination options (16 bytes: next
  // 6, length 1), then TCP.
  ByteWriter ext;
  ext.u8(60).u8(0).bytes({1, 4, 0, 0, 0, 0});
  ext.u8(6).u8(1).bytes({1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  const ByteVector payload = concat(ext.data(), tcp());
  expect_segment(DLT_EN10MB, ethernet({0x86DD}, ipv6(payload, 0)), 14 + 40 + 8 + 16 + 20, 6);
}

TEST(FrameDecoder, TcpOptionsAreSkippedByTheDataOffset) {
  expect_segment(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(12))), 14 + 20 + 32);
  expect_segment(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(40))), 14 + 20 + 60);
}

TEST(FrameDecoder, IpFragmentsAreNotDecoded) {
  TcpSegment seg;
  // More Fragments set (offset 0), and a later fragment (offset 185 × 8).
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(), 0x2000)), seg, nullptr),
            FrameKind::Fragment);
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(), 0x00B9)), seg, nullptr),
            FrameKind::Fragment);
  // Don't Fragment alone is a whole datagram.
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(), 0x4000)), seg, nullptr),
            FrameKind::Tcp);
  // IPv6 Fragment header (44).
  ByteWriter frag;
  frag.u8(6).u8(0).u16(0x0001).u32(0x12345678);
  EXPECT_EQ(decode_frame(DLT_RAW, ipv6(concat(frag.data(), tcp()), 44), seg, nullptr),
            FrameKind::Fragment);
}

TEST(FrameDecoder, SegmentationOffloadTotalLengthZero) {
  // TSO/GSO captures record a Total Length of 0: the frame's size is used instead.
  expect_segment(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(), 0x4000, 0)), 54);
}

TEST(FrameDecoder, PayloadCutByTheCaptureIsReportedAsShort) {
  // The IP header says 5 payload bytes; the capture kept 2 of them.
  ByteVector frame = ethernet({0x0800}, ipv4(tcp()));
  ASSERT_GT(frame.size(), 3u);
  frame.erase(frame.end() - 3,
              frame.end());  // (resize() trips a GCC 12 -Wstringop-overflow false positive)
  TcpSegment seg;
  ASSERT_EQ(decode_frame(DLT_EN10MB, frame, seg, nullptr), FrameKind::Tcp);
  EXPECT_EQ(seg.payload_offset, 54u);
  EXPECT_EQ(seg.payload_length, 5u);
  EXPECT_EQ(seg.payload_captured, 2u);
  // Ethernet padding after the IP datagram is not payload.
  ByteVector padded = ethernet({0x0800}, ipv4(tcp()));
  padded.insert(padded.end(), 6, 0x00);
  ASSERT_EQ(decode_frame(DLT_EN10MB, padded, seg, nullptr), FrameKind::Tcp);
  EXPECT_EQ(seg.payload_length, 5u);
  EXPECT_EQ(seg.payload_captured, 5u);
}

TEST(FrameDecoder, OtherProtocolsAreNotTcp) {
  TcpSegment seg;
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x0800}, ipv4(tcp(), 0x4000, {}, 17)), seg, nullptr),
            FrameKind::NotTcp);
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x0806}, ByteVector(28, 0)), seg, nullptr),
            FrameKind::NotTcp);
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x86DD}, ipv6(tcp(), 17)), seg, nullptr),
            FrameKind::NotTcp);
}

TEST(FrameDecoder, UnsupportedLinkType) {
  TcpSegment seg;
  std::string problem;
  EXPECT_EQ(decode_frame(147, ipv4(tcp()), seg, &problem), FrameKind::UnsupportedLink);
  EXPECT_EQ(problem, "link type 147 is not supported");
}

TEST(FrameDecoder, MalformedHeaders) {
  TcpSegment seg;
  std::string problem;
  // IHL 4 (16 bytes) is below the 20-byte minimum.
  EXPECT_EQ(decode_frame(DLT_RAW, ipv4(tcp(), 0x4000, {}, 6, 0x44), seg, &problem),
            FrameKind::Malformed);
  EXPECT_EQ(problem, "IPv4 header inconsistent");
  // A TCP header cut short by the IP length.
  problem.clear();
  EXPECT_EQ(decode_frame(DLT_RAW, ipv4(tcp(), 0x4000, 30), seg, &problem), FrameKind::Malformed);
  EXPECT_EQ(problem, "TCP header cut short");
  // A data offset under 5 words.
  ByteVector bad = ipv4(tcp());
  bad[20 + 12] = 0x40;
  problem.clear();
  EXPECT_EQ(decode_frame(DLT_RAW, bad, seg, &problem), FrameKind::Malformed);
  EXPECT_EQ(problem, "TCP data offset inconsistent");
  // Frames too short for the headers they announce.
  EXPECT_EQ(decode_frame(DLT_EN10MB, ethernet({0x0800}, ByteVector(10, 0x45)), seg, nullptr),
            FrameKind::Malformed);
  EXPECT_EQ(decode_frame(DLT_RAW, ByteVector(30, 0x60), seg, nullptr), FrameKind::Malformed);
  EXPECT_NE(decode_frame(DLT_EN10MB, ByteVector(6, 0), seg, nullptr), FrameKind::Tcp);
  EXPECT_NE(decode_frame(DLT_LINUX_SLL2, ByteVector(12, 0), seg, nullptr), FrameKind::Tcp);
}

}  // namespace
}  // namespace bgplens

// Reassembly hazards below TCP, row by row: IPv4 fragments (RFC 791 §3.2) out of order and
// overlapping (the first copy wins), IPv6 fragments (RFC 8200 §4.5) behind extension headers,
// overlapping IPv6 fragments (the datagram is discarded, RFC 5722 §4), a datagram that never
// completes, IPv6 extension headers before TCP, the TCP MD5 signature (RFC 2385) and TCP-AO
// (RFC 5925) options, 802.1Q/QinQ tags and Linux cooked v2 captures. A fragmented message
// decodes exactly as the same message unfragmented.
#include <gtest/gtest.h>

#include <pcap/dlt.h>

#include <vector>

#include "gen/message_builder.h"
#include "gen/pcap_writer.h"

#include "parser/hazard_capture.h"

namespace bgplens::test {
namespace {

using F = FramedKind;
constexpr std::uint8_t kKeepalive = msg_type::kKeepalive;
constexpr std::uint8_t kUpdate = msg_type::kUpdate;
constexpr std::uint8_t kOpen = msg_type::kOpen;
constexpr std::uint8_t kSyn = 0x02;
constexpr std::uint8_t kSynAck = 0x12;
constexpr std::uint8_t kAck = 0x10;

// An UPDATE with routes, so that a damaged reassembly would show in the decoded values.
ByteVector routes_update() {
  std::vector<gen::Prefix> routes;
  for (int i = 0; i < 40; ++i)
    routes.push_back(gen::prefix("10." + std::to_string(i) + ".0.0/16"));
  return gen::update({{},
                      {gen::origin(0), gen::as_path({{2, {65001, 65002}}}, true),
                       gen::next_hop("10.0.0.1"), gen::communities({0xFDE90064})},
                      routes});
}

// The handshake of `flow` as Ethernet frames 1–3 around `wrap` (the IP packet of a segment).
template <class Wrap>
void handshake(gen::PcapWriter& pcap, Flow& flow, Wrap wrap) {
  pcap.frame(kT0, wrap(0, flow.tcp(0, {}, kSyn)));
  pcap.frame(kT0 + 100'000, wrap(1, flow.tcp(1, {}, kSynAck)));
  pcap.frame(kT0 + 200'000, wrap(0, flow.tcp(0, {}, kAck)));
}

// Asserts that two rows hold the same message and decode to the same values and problems.
void expect_same_message(const Indexed& a, const MessageRecord& ra, const Indexed& b,
                         const MessageRecord& rb) {
  EXPECT_TRUE(same_bytes(a.bytes(ra), b.bytes(rb)));
  const DecodedMessage da = a.decode(ra);
  const DecodedMessage db = b.decode(rb);
  EXPECT_EQ(record_summary(ra, da), record_summary(rb, db));
  ASSERT_EQ(da.nlri.size(), db.nlri.size());
  EXPECT_EQ(da.problems.size(), db.problems.size());
  ASSERT_EQ(da.tree.size(), db.tree.size());
  for (std::uint32_t i = 0; i < da.tree.size(); ++i) {
    EXPECT_EQ(da.tree.node(i).field, db.tree.node(i).field) << "node " << i;
    EXPECT_EQ(da.tree.node(i).offset, db.tree.node(i).offset) << "node " << i;
    EXPECT_EQ(da.tree.node(i).length, db.tree.node(i).length) << "node " << i;
    EXPECT_EQ(da.tree.value(i), db.tree.value(i)) << "node " << i;
  }
}

const Endpoint kA4 = gen::endpoint("10.0.0.1", 40000);
const Endpoint kB4 = gen::endpoint("10.0.0.2", 179);
const Endpoint kA6 = gen::endpoint("2001:db8::1", 40000);
const Endpoint kB6 = gen::endpoint("2001:db8::2", 179);

TEST(ReassemblyHazardsIp, Ipv4FragmentsOutOfOrderMakeTheSameMessage) {
  // The UPDATE's segment (20 + N bytes of TCP) in three IPv4 fragments of 80, 80 and the rest,
  // captured second, third, first; then a KEEPALIVE whole.
  const ByteVector update = routes_update();
  auto eth4 = [](const ByteVector& ip) { return ethernet({0x0800}, ip); };
  gen::PcapWriter fragmented;
  gen::PcapWriter whole;
  for (gen::PcapWriter* pcap : {&fragmented, &whole}) {
    Flow flow(kA4, kB4);
    handshake(*pcap, flow,
              [&](int side, const ByteVector& tcp) { return eth4(flow.ip(side, tcp)); });
    const ByteVector segment = flow.tcp(1, update);
    if (pcap == &fragmented) {
      const auto pieces =
          ipv4_fragments(flow.address(1), flow.address(0), 77, segment,
                         {80, 80, static_cast<std::uint32_t>(segment.size() - 160)});
      pcap->frame(kT0 + 1 * kMs, eth4(pieces[1]));  // frame 4
      pcap->frame(kT0 + 2 * kMs, eth4(pieces[2]));  // frame 5
      pcap->frame(kT0 + 3 * kMs, eth4(pieces[0]));  // frame 6: completes the datagram
    } else {
      pcap->frame(kT0 + 3 * kMs, eth4(flow.ip(1, segment)));  // frame 4
    }
    pcap->frame(kT0 + 4 * kMs, eth4(flow.ip(1, flow.tcp(1, gen::keepalive()))));
  }
  const auto ix = index_bytes(fragmented.bytes());
  const auto ref = index_bytes(whole.bytes());
  const auto length = static_cast<std::uint32_t>(update.size());
  // The message takes the time and frame of the fragment that completed its datagram. It is
  // a view into the reassembled datagram, which is in the arena.
  expect_rows(*ix, {{F::Message, kUpdate, length, 0, 6}, {F::Message, kKeepalive, 19, 0, 7}});
  expect_rows(*ref, {{F::Message, kUpdate, length, 0, 4}, {F::Message, kKeepalive, 19, 0, 5}});
  EXPECT_EQ(ix->rows()[0].time_ns, kT0 + 3 * kMs);
  EXPECT_FALSE(ix->store->is_base(ix->rows()[0].address));
  expect_same_message(*ix, ix->rows()[0], *ref, ref->rows()[0]);
  expect_problems(ix->decode(ix->rows()[0]), {});
  EXPECT_EQ(ix->decode(ix->rows()[0]).nlri.size(), 40u);
  EXPECT_EQ(ix->stats.fragments, 3u);
  EXPECT_EQ(ix->stats.fragments_reassembled, 1u);
  EXPECT_EQ(ix->stats.fragments_incomplete, 0u);
  EXPECT_EQ(ix->stats.fragment_overlaps, 0u);
  EXPECT_EQ(ix->stats.tcp_segments, ref->stats.tcp_segments);
}

TEST(ReassemblyHazardsIp, OverlappingIpv4FragmentsKeepTheFirstCopy) {
  // The first fragment carries a changed byte that the second, overlapping it by 8 bytes,
  // carries unchanged: the first copy is what the message holds.
  const ByteVector update = padded_update(200);
  gen::PcapWriter pcap;
  Flow flow(kA4, kB4);
  auto eth4 = [](const ByteVector& ip) { return ethernet({0x0800}, ip); };
  handshake(pcap, flow, [&](int side, const ByteVector& tcp) { return eth4(flow.ip(side, tcp)); });
  const ByteVector segment = flow.tcp(1, update);
  ByteVector changed = segment;
  changed[75] = 0x5B;  // message byte 55, in the padding attribute
  const Bytes s(segment);
  const Bytes c(changed);
  pcap.frame(kT0 + 1 * kMs,
             eth4(ipv4_bytes(flow.address(1), flow.address(0), c.subspan(0, 80), 9, 0x2000)));
  pcap.frame(kT0 + 2 * kMs,
             eth4(ipv4_bytes(flow.address(1), flow.address(0), s.subspan(72, 88), 9, 0x2000 | 9)));
  pcap.frame(kT0 + 3 * kMs,
             eth4(ipv4_bytes(flow.address(1), flow.address(0), s.subspan(160), 9, 160 / 8)));
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kUpdate, 200, 0, 6}});
  ByteVector expected = update;
  expected[55] = 0x5B;
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[0]), expected));
  expect_problems(ix->decode(ix->rows()[0]), {});
  EXPECT_EQ(ix->stats.fragment_overlaps, 1u);
  EXPECT_EQ(ix->stats.fragments_reassembled, 1u);
}

// The hop-by-hop options header (RFC 8200 §4.3) with one PadN option: 8 bytes.
ByteVector hop_by_hop(std::uint8_t next) {
  return {next, 0, 1, 4, 0, 0, 0, 0};
}

TEST(ReassemblyHazardsIp, Ipv6FragmentsBehindExtensionHeadersMakeTheSameMessage) {
  // Hop-by-hop options are repeated in every fragment (the unfragmentable part); destination
  // options and TCP are fragmented. Three fragments, captured third, first, second.
  const ByteVector update = routes_update();
  const ByteVector dest_options{6, 0, 1, 4, 0, 0, 0, 0};
  auto eth6 = [](const ByteVector& ip) { return ethernet({0x86DD}, ip); };
  gen::PcapWriter fragmented;
  gen::PcapWriter whole;
  for (gen::PcapWriter* pcap : {&fragmented, &whole}) {
    Flow flow(kA6, kB6);
    handshake(*pcap, flow,
              [&](int side, const ByteVector& tcp) { return eth6(flow.ip(side, tcp)); });
    const ByteVector fragmentable = join({dest_options, flow.tcp(1, update)});
    if (pcap == &fragmented) {
      const auto pieces = ipv6_fragments(
          flow.address(1), flow.address(0), 0, hop_by_hop(44), 60, 0x01020304, fragmentable,
          {96, 96, static_cast<std::uint32_t>(fragmentable.size() - 192)});
      pcap->frame(kT0 + 1 * kMs, eth6(pieces[2]));  // frame 4
      pcap->frame(kT0 + 2 * kMs, eth6(pieces[0]));  // frame 5
      pcap->frame(kT0 + 3 * kMs, eth6(pieces[1]));  // frame 6
    } else {
      pcap->frame(kT0 + 3 * kMs, eth6(ipv6_bytes(flow.address(1), flow.address(0), 0,
                                                 join({hop_by_hop(60), fragmentable}))));
    }
    pcap->frame(kT0 + 4 * kMs, eth6(flow.ip(1, flow.tcp(1, gen::keepalive()))));
  }
  const auto ix = index_bytes(fragmented.bytes());
  const auto ref = index_bytes(whole.bytes());
  const auto length = static_cast<std::uint32_t>(update.size());
  expect_rows(*ix, {{F::Message, kUpdate, length, 0, 6}, {F::Message, kKeepalive, 19, 0, 7}});
  expect_rows(*ref, {{F::Message, kUpdate, length, 0, 4}, {F::Message, kKeepalive, 19, 0, 5}});
  expect_same_message(*ix, ix->rows()[0], *ref, ref->rows()[0]);
  expect_problems(ix->decode(ix->rows()[0]), {});
  EXPECT_EQ(ix->sink.table.sessions.at(0).a.text(), "2001:db8::1:40000");
  EXPECT_EQ(ix->stats.fragments, 3u);
  EXPECT_EQ(ix->stats.fragments_reassembled, 1u);
}

TEST(ReassemblyHazardsIp, OverlappingIpv6FragmentsDiscardTheDatagram) {
  // The second KEEPALIVE's datagram comes in two overlapping fragments: RFC 5722 §4 discards
  // it, with its fragments still to come. The peer acknowledges it: a 19-byte gap.
  gen::PcapWriter pcap;
  Flow flow(kA6, kB6);
  auto eth6 = [](const ByteVector& ip) { return ethernet({0x86DD}, ip); };
  handshake(pcap, flow, [&](int side, const ByteVector& tcp) { return eth6(flow.ip(side, tcp)); });
  pcap.frame(kT0 + 1 * kMs, eth6(flow.ip(1, flow.tcp(1, gen::keepalive()))));  // frame 4
  const ByteVector second = flow.tcp(1, gen::keepalive());                     // 39 bytes
  const Bytes s(second);
  auto fragment = [&](std::uint32_t from, std::uint32_t to, bool more) {
    return eth6(
        ipv6_bytes(flow.address(1), flow.address(0), 44,
                   join({ipv6_fragment_header(6, from, more, 5), s.subspan(from, to - from)})));
  };
  pcap.frame(kT0 + 2 * kMs, fragment(0, 16, true));    // frame 5
  pcap.frame(kT0 + 3 * kMs, fragment(8, 39, false));   // frame 6: overlaps bytes 8–15
  pcap.frame(kT0 + 4 * kMs, fragment(16, 39, false));  // frame 7: too late
  pcap.frame(kT0 + 5 * kMs, eth6(flow.ip(1, flow.tcp(1, gen::keepalive()))));  // frame 8
  pcap.frame(kT0 + 6 * kMs, eth6(flow.ip(0, flow.tcp(0, {}, kAck))));          // frame 9
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kKeepalive, 19, 0, 4},
                    {F::Gap, 0, 19, framed_flag::kCutByGap, 8},
                    {F::Message, kKeepalive, 19, 0, 8}});
  expect_problems(
      ix->decode(ix->rows()[1]),
      {{0, 0, Severity::Error, "19 bytes of the TCP stream are missing from the capture here"}});
  EXPECT_EQ(ix->stats.fragments, 3u);
  EXPECT_EQ(ix->stats.fragments_reassembled, 0u);
  EXPECT_EQ(ix->stats.fragments_incomplete, 1u);
  EXPECT_EQ(ix->stats.fragment_overlaps, 1u);
}

TEST(ReassemblyHazardsIp, ADatagramThatNeverCompletesIsCountedAndItsBytesAreAGap) {
  gen::PcapWriter pcap;
  Flow flow(kA4, kB4);
  auto eth4 = [](const ByteVector& ip) { return ethernet({0x0800}, ip); };
  handshake(pcap, flow, [&](int side, const ByteVector& tcp) { return eth4(flow.ip(side, tcp)); });
  const ByteVector first = flow.tcp(1, gen::keepalive());
  const auto pieces = ipv4_fragments(flow.address(1), flow.address(0), 3, first, {16, 23});
  pcap.frame(kT0 + 1 * kMs, eth4(pieces[0]));  // frame 4; its second half is never captured
  pcap.frame(kT0 + 2 * kMs, eth4(flow.ip(1, flow.tcp(1, gen::keepalive()))));  // frame 5
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix,
              {{F::Gap, 0, 19, framed_flag::kCutByGap, 5}, {F::Message, kKeepalive, 19, 0, 5}});
  EXPECT_EQ(ix->stats.fragments, 1u);
  EXPECT_EQ(ix->stats.fragments_reassembled, 0u);
  EXPECT_EQ(ix->stats.fragments_incomplete, 1u);
}

TEST(ReassemblyHazardsIp, Ipv6ExtensionHeadersBeforeTcpAreSkipped) {
  // Hop-by-hop (8 bytes), routing (24 bytes: a type 4 segment routing header with one
  // segment), destination options (16 bytes), AH (24 bytes: Payload Len 4, RFC 4302 §2.2).
  ByteVector chain = hop_by_hop(43);
  const ByteVector routing{60, 2, 4, 0, 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8,
                           0,  0, 0, 0, 0, 0, 0, 0, 0,    0,    0,    2};
  const ByteVector dest{51, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  ByteVector ah{6, 4, 0, 0, 0, 0, 0x10, 0x01, 0, 0, 0, 7};
  ah.insert(ah.end(), 12, 0xFF);  // the integrity check value: 0xFF bytes, like a marker
  chain = join({chain, routing, dest, ah});
  ASSERT_EQ(chain.size(), 72u);
  gen::PcapWriter pcap;
  Flow flow(kA6, kB6);
  auto frame = [&](int side, const ByteVector& tcp) {
    return ethernet({0x86DD},
                    ipv6_bytes(flow.address(side), flow.address(1 - side), 0, join({chain, tcp})));
  };
  handshake(pcap, flow, frame);
  const ByteVector open = gen::open(gen::OpenSpec{});
  pcap.frame(kT0 + 1 * kMs, frame(0, flow.tcp(0, open)));              // frame 4
  pcap.frame(kT0 + 2 * kMs, frame(1, flow.tcp(1, gen::keepalive())));  // frame 5
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kOpen, static_cast<std::uint32_t>(open.size()), 0, 4},
                    {F::Message, kKeepalive, 19, 0, 5}});
  expect_problems(ix->decode(ix->rows()[0]), {});
  EXPECT_EQ(ix->sink.table.sessions.at(0).b.text(), "2001:db8::2:179");
  EXPECT_EQ(ix->stats.malformed_frames, 0u);
}

TEST(ReassemblyHazardsIp, TcpMd5SignatureAndTcpAoOptionsAreSkipped) {
  // Side 0 signs with TCP MD5 (kind 19, length 18, RFC 2385 §3.0) and two NOPs; side 1 uses
  // TCP-AO (kind 29, length 16, RFC 5925 §2.2) and timestamps. The digests are all 0xFF: read as
  // payload they would frame as markers.
  ByteVector md5{19, 18};
  md5.insert(md5.end(), 16, 0xFF);
  md5.insert(md5.end(), {1, 1});
  ByteVector ao{29, 16, 3, 3};
  ao.insert(ao.end(), 12, 0xFF);
  ao.insert(ao.end(), {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2});
  ASSERT_EQ(md5.size(), 20u);
  ASSERT_EQ(ao.size(), 28u);
  gen::PcapWriter pcap;
  Flow flow(kA4, kB4);
  auto frame = [&](int side, Bytes payload, std::uint8_t flags = 0x18) {
    return ethernet({0x0800}, flow.ip(side, flow.tcp(side, payload, flags, side == 0 ? md5 : ao)));
  };
  pcap.frame(kT0, frame(0, {}, kSyn));
  pcap.frame(kT0 + 100'000, frame(1, {}, kSynAck));
  pcap.frame(kT0 + 200'000, frame(0, {}, kAck));
  const ByteVector open = gen::open(gen::OpenSpec{});
  const ByteVector big = padded_update(2000);
  pcap.frame(kT0 + 1 * kMs, frame(0, open));                         // frame 4
  pcap.frame(kT0 + 2 * kMs, frame(1, Bytes(big).subspan(0, 1200)));  // frame 5
  pcap.frame(kT0 + 3 * kMs, frame(1, Bytes(big).subspan(1200)));     // frame 6
  pcap.frame(kT0 + 4 * kMs, frame(0, gen::keepalive()));             // frame 7
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kOpen, static_cast<std::uint32_t>(open.size()), 0, 4},
                    {F::Message, kUpdate, 2000, framed_flag::kCopied, 6},
                    {F::Message, kKeepalive, 19, 0, 7}});
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[1]), big));
  for (const MessageRecord& r : ix->rows())
    expect_problems(ix->decode(r), {});
}

TEST(ReassemblyHazardsIp, VlanAndQinQTaggedSessions) {
  // One session behind an 802.1Q tag (IPv4), one behind 802.1ad + 802.1Q (IPv6), interleaved;
  // each sends a message across two segments.
  gen::PcapWriter pcap;
  Flow v4(kA4, kB4);
  Flow v6(kA6, kB6);
  auto tagged = [&](int side, const ByteVector& tcp) {
    return ethernet({0x8100, 0x0800}, v4.ip(side, tcp));
  };
  auto double_tagged = [&](int side, const ByteVector& tcp) {
    return ethernet({0x88A8, 0x8100, 0x86DD}, v6.ip(side, tcp));
  };
  handshake(pcap, v4, tagged);         // frames 1–3
  handshake(pcap, v6, double_tagged);  // frames 4–6
  const ByteVector a = padded_update(120);
  const ByteVector b = padded_update(90);
  pcap.frame(kT0 + 1 * kMs, tagged(1, v4.tcp(1, Bytes(a).subspan(0, 70))));         // 7
  pcap.frame(kT0 + 2 * kMs, double_tagged(1, v6.tcp(1, Bytes(b).subspan(0, 10))));  // 8
  pcap.frame(kT0 + 3 * kMs, tagged(1, v4.tcp(1, Bytes(a).subspan(70))));            // 9
  pcap.frame(kT0 + 4 * kMs, double_tagged(1, v6.tcp(1, Bytes(b).subspan(10))));     // 10
  const auto ix = index_bytes(pcap.bytes());
  expect_rows(*ix, {{F::Message, kUpdate, 120, framed_flag::kCopied, 9},
                    {F::Message, kUpdate, 90, framed_flag::kCopied, 10}});
  EXPECT_EQ(ix->session(ix->rows()[0]), 0u);
  EXPECT_EQ(ix->session(ix->rows()[1]), 1u);
  EXPECT_EQ(ix->sink.table.sessions.at(1).a.text(), "2001:db8::1:40000");
  EXPECT_TRUE(same_bytes(ix->bytes(ix->rows()[1]), b));
}

TEST(ReassemblyHazardsIp, LinuxCookedV2CaptureWithSegmentsOutOfOrder) {
  gen::PcapWriter pcap;
  Flow flow(kA4, kB4);
  auto cooked = [&](int side, const ByteVector& tcp) { return sll2(0x0800, flow.ip(side, tcp)); };
  handshake(pcap, flow, cooked);
  const ByteVector ka = gen::keepalive();
  const ByteVector first = flow.tcp(1, ka);
  const ByteVector second = flow.tcp(1, padded_update(50));
  pcap.frame(kT0 + 1 * kMs, cooked(1, second));  // frame 4: ahead of the stream, held
  pcap.frame(kT0 + 2 * kMs, cooked(1, first));   // frame 5
  const auto ix = index_bytes(with_link_type(pcap, DLT_LINUX_SLL2));
  expect_rows(*ix, {{F::Message, kKeepalive, 19, 0, 5}, {F::Message, kUpdate, 50, 0, 4}});
  EXPECT_EQ(ix->stats.unsupported_link, 0u);
  EXPECT_EQ(ix->sink.table.sessions.at(0).a.text(), "10.0.0.1:40000");
}

}  // namespace
}  // namespace bgplens::test

// Captures built frame by frame for the reassembly hazard tests: TCP segments with options,
// IPv4 and IPv6 packets with extension headers and fragments, Ethernet with VLAN tags and Linux
// cooked (SLL2) framing, in classic pcap files of any link type; and the index of such a
// capture, held in memory, with the rows and problems checked exactly.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "buffer/byte_store.h"
#include "gen/byte_writer.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"

#include "parser/decode_helpers.h"

namespace bgplens::test {

using gen::ByteVector;
using gen::ByteWriter;

inline constexpr std::int64_t kMs = 1'000'000;
inline constexpr std::int64_t kT0 = 1'700'000'000LL * 1'000'000'000LL;

inline ByteVector join(std::initializer_list<Bytes> parts) {
  ByteVector out;
  for (Bytes p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

// An UPDATE of exactly `length` bytes (at least 27), padded with an unknown optional attribute
// of `fill` bytes: with no 0xFF in it no marker can be found inside.
inline ByteVector padded_update(std::size_t length, std::uint8_t fill = 0x5A) {
  const std::size_t header = length - 23 - 3 > 255 ? 4 : 3;  // Extended Length over 255
  const ByteVector pad(length - 23 - header, fill);
  return gen::update({{}, {gen::attribute(0xC0, 99, pad)}, {}});
}

// A TCP header (RFC 9293 §3.1) with `options` (a multiple of 4 bytes) and the payload. The
// checksum is left zero: nothing here checks it.
inline ByteVector tcp_bytes(const Endpoint& src, const Endpoint& dst, std::uint32_t seq,
                            std::uint32_t ack, std::uint8_t flags, Bytes options, Bytes payload) {
  ByteWriter t;
  t.u16(src.port).u16(dst.port).u32(seq).u32(ack);
  t.u8(static_cast<std::uint8_t>(((20 + options.size()) / 4) << 4)).u8(flags).u16(65535);
  t.u16(0).u16(0);
  t.bytes(options).bytes(payload);
  return t.take();
}

// An IPv4 header (RFC 791 §3.1, no options) over `payload`; `total` overrides Total Length.
inline ByteVector ipv4_bytes(const IpAddress& src, const IpAddress& dst, Bytes payload,
                             std::uint16_t id = 1, std::uint16_t flags_fragment = 0x4000,
                             std::uint8_t protocol = 6) {
  ByteWriter ip;
  ip.u8(0x45).u8(0).u16(static_cast<std::uint16_t>(20 + payload.size())).u16(id);
  ip.u16(flags_fragment).u8(64).u8(protocol).u16(0);
  ip.bytes(Bytes(src.bytes.data(), 4)).bytes(Bytes(dst.bytes.data(), 4)).bytes(payload);
  return ip.take();
}

// An IPv6 header (RFC 8200 §3) whose Next Header is `next`, over `payload` (extension headers
// included).
inline ByteVector ipv6_bytes(const IpAddress& src, const IpAddress& dst, std::uint8_t next,
                             Bytes payload) {
  ByteWriter ip;
  ip.u32(0x60000000).u16(static_cast<std::uint16_t>(payload.size())).u8(next).u8(64);
  ip.bytes(Bytes(src.bytes.data(), 16)).bytes(Bytes(dst.bytes.data(), 16)).bytes(payload);
  return ip.take();
}

// Splits an IPv4 datagram's payload into fragments of the given sizes (all but the last a
// multiple of 8), in order.
inline std::vector<ByteVector> ipv4_fragments(const IpAddress& src, const IpAddress& dst,
                                              std::uint16_t id, Bytes payload,
                                              const std::vector<std::uint32_t>& sizes) {
  std::vector<ByteVector> out;
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const bool more = i + 1 < sizes.size();
    const auto flags = static_cast<std::uint16_t>((more ? 0x2000 : 0) | (at / 8));
    out.push_back(ipv4_bytes(src, dst, payload.subspan(at, sizes[i]), id, flags));
    at += sizes[i];
  }
  return out;
}

// An IPv6 Fragment header (RFC 8200 §4.5).
inline ByteVector ipv6_fragment_header(std::uint8_t next, std::uint32_t offset, bool more,
                                       std::uint32_t id) {
  ByteWriter f;
  f.u8(next).u8(0).u16(static_cast<std::uint16_t>(offset | (more ? 1 : 0))).u32(id);
  return f.take();
}

// Splits an IPv6 packet's fragmentable part into fragments of the given sizes. `unfragmentable`
// are the extension headers that every fragment repeats, the last of which names the Fragment
// header (44); `first_next` is the IPv6 header's Next Header (44 when there are none), and
// `fragmentable_next` what the fragmentable part starts with.
inline std::vector<ByteVector> ipv6_fragments(const IpAddress& src, const IpAddress& dst,
                                              std::uint8_t first_next, Bytes unfragmentable,
                                              std::uint8_t fragmentable_next, std::uint32_t id,
                                              Bytes fragmentable,
                                              const std::vector<std::uint32_t>& sizes) {
  std::vector<ByteVector> out;
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const ByteVector header = ipv6_fragment_header(fragmentable_next, at, i + 1 < sizes.size(), id);
    out.push_back(ipv6_bytes(src, dst, first_next,
                             join({unfragmentable, header, fragmentable.subspan(at, sizes[i])})));
    at += sizes[i];
  }
  return out;
}

// Ethernet II with the given Ethernet types: all but the last are VLAN tags (TCI 100).
inline ByteVector ethernet(std::initializer_list<std::uint16_t> types, Bytes payload) {
  ByteWriter f;
  f.bytes({2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
  bool first = true;
  for (std::uint16_t type : types) {
    if (!first) f.u16(0x0064);
    f.u16(type);
    first = false;
  }
  f.bytes(payload);
  return f.take();
}

// Linux cooked capture v2: protocol, reserved, interface index, ARPHRD, packet type, address
// length, 8 address bytes — 20 bytes.
inline ByteVector sll2(std::uint16_t protocol, Bytes payload) {
  ByteWriter f;
  f.u16(protocol).u16(0).u32(3).u16(1).u8(0).u8(6).bytes({2, 0, 0, 0, 0, 1, 0, 0});
  f.bytes(payload);
  return f.take();
}

// The pcap writer's file with another link type (LINKTYPE_* in the file header, bytes 20–23).
inline ByteVector with_link_type(const gen::PcapWriter& pcap, std::uint32_t link_type) {
  ByteVector out = pcap.bytes();
  for (int i = 0; i < 4; ++i)
    out[20 + i] = static_cast<std::uint8_t>(link_type >> (8 * i));
  return out;
}

// One TCP connection between a (side 0) and b (side 1), numbering each side's bytes.
class Flow {
 public:
  Flow(Endpoint a, Endpoint b, std::uint32_t isn_a = 1000, std::uint32_t isn_b = 500000)
      : ends_{a, b}, seq_{isn_a, isn_b} {}
  // A TCP segment from `side` carrying `payload` at the side's next sequence number plus
  // `delta`; the side's numbering advances past it (SYN and FIN count one) unless `delta` is
  // non-zero. Acknowledges everything the other side sent.
  ByteVector tcp(int side, Bytes payload, std::uint8_t flags = 0x18, Bytes options = {},
                 std::int32_t delta = 0) {
    const std::uint32_t seq = seq_[side] + static_cast<std::uint32_t>(delta);
    if (delta == 0)
      seq_[side] += static_cast<std::uint32_t>(payload.size()) + ((flags & 0x03) ? 1 : 0);
    return tcp_bytes(ends_[side], ends_[1 - side], seq, seq_[1 - side], flags, options, payload);
  }
  const Endpoint& end(int side) const { return ends_[side]; }
  const IpAddress& address(int side) const { return ends_[side].address; }
  // The IP packet carrying `tcp` from `side` (IPv4 or IPv6 as the endpoints are).
  ByteVector ip(int side, Bytes tcp, std::uint16_t id = 1) const {
    if (ends_[side].address.version == 6)
      return ipv6_bytes(address(side), address(1 - side), 6, tcp);
    return ipv4_bytes(address(side), address(1 - side), tcp, id);
  }

 private:
  Endpoint ends_[2];
  std::uint32_t seq_[2];
};

// A capture indexed as the application does it, held in memory.
struct Indexed {
  std::shared_ptr<ByteStore> store;
  RecordCollector sink;
  IndexStats stats;
  const std::vector<MessageRecord>& rows() const { return sink.records; }
  DecodedMessage decode(const MessageRecord& r) const {
    return decode_record(*store, sink.table, r, Depth::Tree);
  }
  Bytes bytes(const MessageRecord& r) const { return store->view(r.address, r.length); }
  std::uint32_t session(const MessageRecord& r) const {
    return sink.table.contexts.at(r.context).session;
  }
};

// Indexes the capture; every row decodes alike at every depth, with a node for each problem.
inline std::unique_ptr<Indexed> index_bytes(ByteVector capture) {
  auto out = std::make_unique<Indexed>();
  out->store = std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(capture)));
  auto stats = index_capture(out->store, out->sink);
  EXPECT_TRUE(stats.has_value());
  if (stats) out->stats = *stats;
  for (std::size_t i = 0; i < out->rows().size(); ++i) {
    const MessageRecord& r = out->rows()[i];
    const DecodedMessage s = decode_record(*out->store, out->sink.table, r, Depth::Summary);
    const DecodedMessage d = decode_record(*out->store, out->sink.table, r, Depth::Detail);
    const DecodedMessage t = out->decode(r);
    EXPECT_TRUE(depths_agree(s, d, t)) << "row " << i;
    EXPECT_TRUE(problems_have_nodes(t)) << "row " << i;
  }
  return out;
}

struct Row {
  FramedKind kind;
  std::uint8_t type;
  std::uint32_t length;
  std::uint8_t flags;
  std::uint32_t frame;
};

inline void expect_rows(const Indexed& ix, const std::vector<Row>& want) {
  const auto& rows = ix.rows();
  ASSERT_EQ(rows.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "row " << i);
    EXPECT_EQ(rows[i].kind, want[i].kind);
    EXPECT_EQ(rows[i].type, want[i].type);
    EXPECT_EQ(rows[i].length, want[i].length);
    EXPECT_EQ(int{rows[i].flags}, int{want[i].flags});
    EXPECT_EQ(rows[i].frame, want[i].frame);
  }
}

struct Problem {
  std::uint32_t offset;
  std::uint32_t length;
  Severity severity;
  std::string text;
};

// The row's problems, exactly, in order.
inline void expect_problems(const DecodedMessage& d, const std::vector<Problem>& want) {
  ASSERT_EQ(d.problems.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "problem " << i);
    EXPECT_EQ(d.problems[i].offset, want[i].offset);
    EXPECT_EQ(d.problems[i].length, want[i].length);
    EXPECT_EQ(d.problems[i].severity, want[i].severity);
    EXPECT_EQ(d.problems[i].message, want[i].text);
  }
}

inline bool same_bytes(Bytes a, Bytes b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace bgplens::test

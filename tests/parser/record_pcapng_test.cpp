// The pcapng recorder: the file's blocks, frames and TCP conversation read here independently
// (checksums recomputed, sequence and acknowledgement numbers followed, the handshake and the
// FIN exchange found, each direction's stream equal to its messages), and a recorded session
// read back through open_source_file and the index: the same messages in the same order, with
// the same bytes, times to the file's resolution, directions and endpoints, each decoding
// without a problem with the context the OPENs negotiate (the ADD-PATH UPDATE with its ids).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "gen/tcp_frames.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "record/pcapng_recorder.h"

#include "parser/record_test_session.h"

namespace bgplens::record {
namespace {

using gen::ByteVector;
using test::TempFile;
namespace flag = gen::tcp_flags;

ByteVector file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return ByteVector((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// RFC 1071, written out again here so that the recorder's checksums are not checked against
// themselves: the one's complement sum of the 16-bit words, folded.
std::uint32_t ones_sum(Bytes b, std::uint32_t sum = 0) {
  for (std::size_t i = 0; i < b.size(); i += 2)
    sum += static_cast<std::uint32_t>(b[i]) << 8 | (i + 1 < b.size() ? b[i + 1] : 0);
  while (sum > 0xFFFF)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return sum;
}

struct Segment {
  std::uint64_t ticks = 0;
  Endpoint src;
  Endpoint dst;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::optional<std::uint16_t> mss;
  ByteVector payload;
};

struct Capture {
  std::uint16_t link_type = 0;
  std::optional<std::uint8_t> tsresol;
  std::vector<Segment> segments;
};

// Parses the Ethernet/IP/TCP frame and checks every length and checksum in it.
Segment parse_frame(Bytes f) {
  Segment s;
  EXPECT_GE(f.size(), 14u + 20 + 20);
  const std::uint16_t ethertype = load_be16(f.data() + 12);
  EXPECT_TRUE(ethertype == 0x0800 || ethertype == 0x86DD);
  EXPECT_EQ(f[0] & 0x01, 0);  // unicast
  const Bytes ip = f.subspan(14);
  const bool v6 = ethertype == 0x86DD;
  std::size_t ip_length = 20;
  std::size_t a = 4;
  Bytes tcp;
  if (v6) {
    EXPECT_EQ(ip[0] >> 4, 6);
    EXPECT_EQ(ip[6], 6);  // next header: TCP
    ip_length = 40;
    a = 16;
    EXPECT_EQ(load_be16(ip.data() + 4), ip.size() - 40);
  } else {
    EXPECT_EQ(ip[0], 0x45);
    EXPECT_EQ(ip[9], 6);
    EXPECT_EQ(load_be16(ip.data() + 2), ip.size());
    EXPECT_EQ(ones_sum(ip.first(20)), 0xFFFFu) << "IPv4 header checksum";
  }
  tcp = ip.subspan(ip_length);
  const Bytes src = ip.subspan(v6 ? 8 : 12, a);
  const Bytes dst = ip.subspan(v6 ? 24 : 16, a);
  s.src.address.version = s.dst.address.version = v6 ? 6 : 4;
  std::copy(src.begin(), src.end(), s.src.address.bytes.begin());
  std::copy(dst.begin(), dst.end(), s.dst.address.bytes.begin());
  // The TCP checksum with its pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1).
  std::uint32_t pseudo = ones_sum(src, ones_sum(dst));
  pseudo += 6 + static_cast<std::uint32_t>(tcp.size());
  EXPECT_EQ(ones_sum(tcp, pseudo), 0xFFFFu) << "TCP checksum";
  s.src.port = load_be16(tcp.data());
  s.dst.port = load_be16(tcp.data() + 2);
  s.seq = load_be32(tcp.data() + 4);
  s.ack = load_be32(tcp.data() + 8);
  const std::size_t offset = (tcp[12] >> 4) * 4u;
  s.flags = tcp[13];
  for (std::size_t o = 20; o < offset;) {
    if (tcp[o] == 0) break;
    if (tcp[o] == 1) {
      ++o;
      continue;
    }
    if (tcp[o] == 2 && tcp[o + 1] == 4) s.mss = load_be16(tcp.data() + o + 2);
    o += tcp[o + 1];
  }
  s.payload.assign(tcp.begin() + static_cast<std::ptrdiff_t>(offset), tcp.end());
  return s;
}

// Reads the pcapng blocks (draft-ietf-opsawg-pcapng §3–4) and every frame in them.
Capture read_pcapng(const ByteVector& f) {
  Capture c;
  std::size_t at = 0;
  bool section = false;
  while (at + 12 <= f.size()) {
    const std::uint32_t type = load_le32(f.data() + at);
    const std::uint32_t total = load_le32(f.data() + at + 4);
    EXPECT_EQ(total % 4, 0u);
    EXPECT_LE(at + total, f.size());
    if (total < 12 || at + total > f.size()) break;
    EXPECT_EQ(load_le32(f.data() + at + total - 4), total) << "trailing block length";
    const std::uint8_t* b = f.data() + at + 8;
    if (type == 0x0A0D0D0A) {
      EXPECT_EQ(at, 0u);
      EXPECT_EQ(load_le32(b), 0x1A2B3C4Du);
      EXPECT_EQ(load_le16(b + 4), 1);
      section = true;
    } else if (type == 1) {
      c.link_type = load_le16(b);
      for (std::size_t o = 8; o + 4 <= total - 12;) {
        const std::uint16_t code = load_le16(b + o);
        const std::uint16_t length = load_le16(b + o + 2);
        if (code == 0) break;
        if (code == 9) c.tsresol = b[o + 4];
        o += 4 + ((length + 3u) & ~3u);
      }
    } else if (type == 6) {
      EXPECT_EQ(load_le32(b), 0u);  // interface 0
      const std::uint32_t caplen = load_le32(b + 12);
      EXPECT_EQ(load_le32(b + 16), caplen);
      EXPECT_LE(28 + caplen + 4, total);
      Segment s = parse_frame(Bytes(b + 20, caplen));
      s.ticks = (std::uint64_t{load_le32(b + 4)} << 32) | load_le32(b + 8);
      c.segments.push_back(std::move(s));
    } else {
      ADD_FAILURE() << "unexpected block type " << type;
    }
    at += total;
  }
  EXPECT_EQ(at, f.size());
  EXPECT_TRUE(section);
  return c;
}

struct Conversation {
  ByteVector stream[2];  // what the local speaker sent, what the peer sent
  std::size_t frames = 0;
};

// Follows one TCP connection (side 0 = local, 1 = peer) through the capture: the handshake,
// sequence numbers continuous on each side, every ACK acknowledging all the other side sent,
// no segment over the MSS, the FIN exchange at the end.
Conversation follow(const Capture& c, const RecordedSession& s, int opener, int closer,
                    std::uint16_t mss) {
  Conversation out;
  std::vector<const Segment*> seg;
  for (const Segment& x : c.segments)
    if ((x.src == s.local && x.dst == s.peer) || (x.src == s.peer && x.dst == s.local))
      seg.push_back(&x);
  out.frames = seg.size();
  if (seg.size() < 6) {
    ADD_FAILURE() << "only " << seg.size() << " frames";
    return out;
  }
  auto side = [&](const Segment* x) { return x->src == s.local ? 0 : 1; };
  // RFC 9293 §3.5: SYN, SYN-ACK, ACK.
  EXPECT_EQ(side(seg[0]), opener);
  EXPECT_EQ(seg[0]->flags, flag::kSyn);
  EXPECT_EQ(seg[0]->mss, mss);
  EXPECT_EQ(side(seg[1]), 1 - opener);
  EXPECT_EQ(seg[1]->flags, flag::kSyn | flag::kAck);
  EXPECT_EQ(seg[1]->ack, seg[0]->seq + 1);
  EXPECT_EQ(seg[1]->mss, mss);
  EXPECT_EQ(side(seg[2]), opener);
  EXPECT_EQ(seg[2]->flags, flag::kAck);
  std::uint32_t next[2];
  next[opener] = seg[0]->seq;
  next[1 - opener] = seg[1]->seq;
  for (const Segment* x : seg) {
    const int from = side(x);
    EXPECT_EQ(x->seq, next[from]) << "sequence continuity";
    if (x->flags & flag::kAck) {
      EXPECT_EQ(x->ack, next[1 - from]) << "acknowledges all the other side sent";
    }
    EXPECT_EQ(x->flags & flag::kRst, 0);
    EXPECT_LE(x->payload.size(), mss);
    out.stream[from].insert(out.stream[from].end(), x->payload.begin(), x->payload.end());
    next[from] += static_cast<std::uint32_t>(x->payload.size()) +
                  ((x->flags & flag::kSyn) ? 1 : 0) + ((x->flags & flag::kFin) ? 1 : 0);
  }
  // RFC 9293 §3.6: FIN from the closer, the other's FIN, the closer's last ACK.
  const std::size_t n = seg.size();
  EXPECT_EQ(side(seg[n - 3]), closer);
  EXPECT_EQ(seg[n - 3]->flags, flag::kFin | flag::kAck);
  EXPECT_EQ(side(seg[n - 2]), 1 - closer);
  EXPECT_EQ(seg[n - 2]->flags, flag::kFin | flag::kAck);
  EXPECT_EQ(side(seg[n - 1]), closer);
  EXPECT_EQ(seg[n - 1]->flags, flag::kAck);
  return out;
}

ByteVector expected_stream(const Recording& r, Direction d) {
  ByteVector out;
  for (const RecordedMessage* m : test::messages_of(r))
    if (m->direction == d) out.insert(out.end(), m->bytes.begin(), m->bytes.end());
  return out;
}

using Param = std::tuple<bool, TimestampResolution>;
class PcapngRoundTrip : public testing::TestWithParam<Param> {};

TEST_P(PcapngRoundTrip, ReopensIdentically) {
  const auto [v6, resolution] = GetParam();
  const bool ns = resolution == TimestampResolution::Nanoseconds;
  const Recording recording = test::sample_recording(v6);
  const auto messages = test::messages_of(recording);
  TempFile path(std::string(v6 ? "v6" : "v4") + (ns ? "ns" : "us") + ".pcapng");
  {
    PcapngRecorderOptions options;
    options.resolution = resolution;
    auto rec = PcapngRecorder::create(path.str(), options);
    ASSERT_TRUE(rec.has_value()) << rec.error();
    ASSERT_TRUE(rec->record(recording)) << rec->error();
    ASSERT_TRUE(rec->close()) << rec->error();
    EXPECT_EQ(rec->stats().messages, messages.size());
    EXPECT_EQ(rec->stats().connections, 1u);
  }

  // The file, read here.
  const Capture capture = read_pcapng(file_bytes(path.str()));
  EXPECT_EQ(capture.link_type, 1);  // LINKTYPE_ETHERNET
  EXPECT_EQ(capture.tsresol, ns ? 9 : 6);
  const std::uint16_t mss = v6 ? 1440 : 1460;
  // The NOTIFICATION is the local speaker's, so it closes.
  const Conversation conv = follow(capture, recording.session, 0, 0, mss);
  EXPECT_EQ(conv.frames, capture.segments.size());
  EXPECT_EQ(conv.stream[0], expected_stream(recording, Direction::Sent));
  EXPECT_EQ(conv.stream[1], expected_stream(recording, Direction::Received));
  // Messages over the MSS took several segments.
  std::size_t data_segments = 0;
  for (const Segment& s : capture.segments)
    data_segments += !s.payload.empty();
  std::size_t expected_segments = 0;
  for (const RecordedMessage* m : messages)
    expected_segments += (m->bytes.size() + mss - 1) / mss;
  EXPECT_EQ(data_segments, expected_segments);
  EXPECT_GT(expected_segments, messages.size() + 3);

  // The file, read back as the application reads it.
  auto store = open_source_file(path.str());
  ASSERT_TRUE(store.has_value()) << store.error();
  ASSERT_EQ(source_kind(**store), SourceKind::Capture);
  RecordCollector sink;
  auto stats = index_source(*store, sink);
  ASSERT_TRUE(stats.has_value()) << stats.error();
  EXPECT_EQ(stats->malformed_frames, 0u);
  EXPECT_EQ(stats->retransmitted_bytes, 0u);
  ASSERT_EQ(sink.records.size(), messages.size());
  ASSERT_EQ(sink.table.sessions.size(), 1u);
  EXPECT_EQ(sink.table.sessions[0].a, recording.session.local);  // it sent the SYN
  EXPECT_EQ(sink.table.sessions[0].b, recording.session.peer);
  bool add_path_checked = false;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    SCOPED_TRACE("message " + std::to_string(i));
    const RecordedMessage& m = *messages[i];
    const MessageRecord& row = sink.records[i];
    EXPECT_EQ(row.kind, FramedKind::Message);
    EXPECT_EQ(row.type, m.bytes[18]);
    EXPECT_EQ(row.time_ns, ns ? m.time_ns : m.time_ns / 1000 * 1000);
    const Bytes bytes = (*store)->view(row.address, row.length);
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), m.bytes.begin(), m.bytes.end()));
    const PeerContext& ctx = sink.table.contexts.at(row.context);
    const SessionInfo& session = sink.table.sessions.at(ctx.session);
    const Endpoint& sender =
        m.direction == Direction::Sent ? recording.session.local : recording.session.peer;
    EXPECT_EQ(session.source(ctx.direction), sender);
    const DecodedMessage d = decode_record(**store, sink.table, row, Depth::Detail);
    for (const DecodeProblem& p : d.problems)
      EXPECT_LT(p.severity, Severity::Warning) << p.message;
    if (m.bytes == test::ipv4_add_path_update(0)) {
      // The OPENs negotiated it (RFC 7911 §4), as the recording's own context says.
      EXPECT_TRUE(ctx.has_add_path(kIpv4Unicast));
      EXPECT_EQ(ctx.add_path_from, Provenance::Negotiated);
      std::vector<std::uint32_t> ids;
      for (const NlriEntry& n : d.nlri)
        ids.push_back(n.path_id.value_or(0));
      EXPECT_EQ(ids, test::kPathIds);
      add_path_checked = true;
    }
  }
  EXPECT_TRUE(add_path_checked);
}

INSTANTIATE_TEST_SUITE_P(Variants, PcapngRoundTrip,
                         testing::Combine(testing::Values(false, true),
                                          testing::Values(TimestampResolution::Nanoseconds,
                                                          TimestampResolution::Microseconds)),
                         [](const testing::TestParamInfo<Param>& p) {
                           return std::string(std::get<0>(p.param) ? "Ipv6" : "Ipv4") +
                                  (std::get<1>(p.param) == TimestampResolution::Nanoseconds ? "Ns"
                                                                                            : "Us");
                         });

TEST(PcapngRecorder, PassiveOpenReconnectAndTwoSessions) {
  RecordedSession a = test::sample_session(false);
  a.local_opened = false;  // the peer connected to us
  a.connected_ns = test::kT0;
  RecordedSession b = test::sample_session(false);
  b.local.port = 50180;
  TempFile path("sessions.pcapng");
  auto rec = PcapngRecorder::create(path.str(), {std::chrono::milliseconds(0), {}, 100});
  ASSERT_TRUE(rec.has_value()) << rec.error();
  const ByteVector ka = gen::keepalive();
  const ByteVector big = test::ipv4_add_path_update(40);  // 3+ segments of 100 octets
  ASSERT_TRUE(rec->message(a, test::kT0 + 1000, Direction::Received, ka));
  ASSERT_TRUE(rec->message(b, test::kT0 + 2000, Direction::Sent, ka));
  ASSERT_TRUE(rec->message(a, test::kT0 + 3000, Direction::Sent, big));
  ASSERT_TRUE(rec->end(a, test::kT0 + 4000, Direction::Received));
  // The same ends again: a new connection, with new initial sequence numbers.
  a.connected_ns = test::kT0 + 4500;
  ASSERT_TRUE(rec->message(a, test::kT0 + 5000, Direction::Sent, ka));
  ASSERT_TRUE(rec->close()) << rec->error();  // ends a (again) and b
  EXPECT_EQ(rec->stats().connections, 3u);

  const Capture c = read_pcapng(file_bytes(path.str()));
  // The first connection of a: the peer's SYN at connected_ns, the peer closing.
  ASSERT_FALSE(c.segments.empty());
  EXPECT_EQ(c.segments[0].src, a.peer);
  EXPECT_EQ(c.segments[0].ticks, static_cast<std::uint64_t>(test::kT0));
  Capture only_a_first;
  Capture only_a_second;
  Capture only_b;
  bool second = false;
  for (const Segment& s : c.segments) {
    const bool is_a = s.src.port == 50179 || s.dst.port == 50179;
    if (!is_a) {
      only_b.segments.push_back(s);
      continue;
    }
    if (second || (s.flags == flag::kSyn && !only_a_first.segments.empty())) second = true;
    (second ? only_a_second : only_a_first).segments.push_back(s);
  }
  const Conversation ca = follow(only_a_first, a, 1, 1, 100);
  EXPECT_EQ(ca.stream[0], ByteVector(big));
  EXPECT_EQ(ca.stream[1], ka);
  const Conversation ca2 = follow(only_a_second, a, 1, 0, 100);
  EXPECT_EQ(ca2.stream[0], ka);
  ASSERT_FALSE(only_a_second.segments.empty());
  EXPECT_EQ(only_a_second.segments[0].ticks, static_cast<std::uint64_t>(test::kT0 + 4500));
  EXPECT_NE(only_a_first.segments[0].seq, only_a_second.segments[0].seq);
  const Conversation cb = follow(only_b, b, 0, 0, 100);
  EXPECT_EQ(cb.stream[0], ka);

  auto store = open_source_file(path.str());
  ASSERT_TRUE(store.has_value()) << store.error();
  RecordCollector sink;
  ASSERT_TRUE(index_source(*store, sink).has_value());
  ASSERT_EQ(sink.records.size(), 4u);
  EXPECT_GE(sink.table.sessions.size(), 2u);
  EXPECT_EQ(sink.records[2].length, big.size());
}

TEST(PcapngRecorder, StreamsAndRefusesBadInput) {
  TempFile path("stream.pcapng");
  auto rec = PcapngRecorder::create(path.str(), {std::chrono::milliseconds(0), {}, 0});
  ASSERT_TRUE(rec.has_value()) << rec.error();
  const std::size_t headers = file_bytes(path.str()).size();
  EXPECT_GT(headers, 0u);  // SHB and IDB are on disk at once
  const RecordedSession s = test::sample_session(false);
  ASSERT_TRUE(rec->message(s, test::kT0, Direction::Received, gen::keepalive()));
  // Handshake, the KEEPALIVE and its ACK: on disk before the close.
  EXPECT_EQ(read_pcapng(file_bytes(path.str())).segments.size(), 5u);
  EXPECT_FALSE(rec->message(s, -5, Direction::Received, gen::keepalive()));
  EXPECT_FALSE(rec->message(s, test::kT0, Direction::Received, {}));
  RecordedSession mixed = s;
  mixed.peer = gen::endpoint("2001:db8::2", 179);
  EXPECT_FALSE(rec->message(mixed, test::kT0, Direction::Received, gen::keepalive()));
  EXPECT_NE(rec->error().find("IPv4 or IPv6"), std::string::npos) << rec->error();
  ASSERT_TRUE(rec->close());
  EXPECT_TRUE(rec->close());  // twice is harmless
  EXPECT_EQ(read_pcapng(file_bytes(path.str())).segments.size(), 8u);
  EXPECT_FALSE(rec->message(s, test::kT0, Direction::Received, gen::keepalive()));
}

}  // namespace
}  // namespace bgplens::record

// The MRT recorder: the BGP4MP_ET subtype chosen for each kind of message (checked octet by
// octet on whole records), and a recorded session read back through open_source_file and the
// index: the same messages in the same order, with the same bytes, times to the microsecond,
// directions and ends, each decoding without a problem (the ADD-PATH UPDATE with its path ids).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "index/record_decoder.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "mrt/mrt_format.h"
#include "record/mrt_recorder.h"

#include "parser/record_test_session.h"

namespace bgplens::record {
namespace {

using gen::ByteVector;
using test::TempFile;

ByteVector file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return ByteVector((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

ByteVector cat(std::initializer_list<Bytes> parts) {
  ByteVector out;
  for (Bytes p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

RecordedSession small_session(bool as4, std::vector<Family> add_path = {}) {
  RecordedSession s;
  s.local = gen::endpoint("192.0.2.1", 50179);
  s.peer = gen::endpoint("192.0.2.2", 179);
  s.local_as = 65001;
  s.peer_as = 65002;
  s.interface_index = 3;
  s.received.as4 = s.sent.as4 = as4;
  s.received.add_path = s.sent.add_path = std::move(add_path);
  return s;
}

// 1700000005 s and 123 µs (the 999 ns beyond are below MRT's resolution).
constexpr std::int64_t kTime = 1'700'000'005LL * 1'000'000'000LL + 123'999;
const ByteVector kTimeBytes = {0x65, 0x53, 0xF1, 0x05};
const ByteVector kMicroBytes = {0x00, 0x00, 0x00, 0x7B};
const ByteVector kIpv4Ends = {0x00, 0x03, 0x00, 0x01, 0xC0, 0x00,
                              0x02, 0x02, 0xC0, 0x00, 0x02, 0x01};
const ByteVector kAs4 = {0x00, 0x00, 0xFD, 0xEA, 0x00, 0x00, 0xFD, 0xE9};
const ByteVector kAs2 = {0xFD, 0xEA, 0xFD, 0xE9};

// The common header of a BGP4MP_ET record (RFC 6396 §2–3) for a body of `body` octets after
// the microseconds.
ByteVector et_header(std::uint16_t subtype, std::size_t body) {
  const std::size_t length = 4 + body;
  return cat({kTimeBytes,
              ByteVector{0x00, 0x11, static_cast<std::uint8_t>(subtype >> 8),
                         static_cast<std::uint8_t>(subtype), 0x00, 0x00,
                         static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)},
              kMicroBytes});
}

ByteVector record_of(const RecordedSession& s, Direction d, Bytes message, bool* mixed = nullptr) {
  gen::ByteWriter w;
  const Bgp4mpSubtype choice = append_bgp4mp_message(w, s, kTime, d, message);
  if (mixed) *mixed = choice.mixed_add_path;
  return w.take();
}

ByteVector ipv4_update_with_ids() {
  return gen::update({{}, test::ipv4_attributes(), {gen::prefix("10.0.0.0/8", 9)}});
}

TEST(MrtRecorderSubtype, FourOctetAsReceivedAndSent) {
  const RecordedSession s = small_session(true);
  const ByteVector ka = gen::keepalive();
  // RFC 6396 §4.4.3 MESSAGE_AS4 (4); §4.4.6 MESSAGE_AS4_LOCAL (7) for what we sent, the Peer
  // fields still naming the peer (the recipient).
  EXPECT_EQ(record_of(s, Direction::Received, ka),
            cat({et_header(4, 8 + 12 + 19), kAs4, kIpv4Ends, ka}));
  EXPECT_EQ(record_of(s, Direction::Sent, ka),
            cat({et_header(7, 8 + 12 + 19), kAs4, kIpv4Ends, ka}));
}

TEST(MrtRecorderSubtype, TwoOctetAsReceivedAndSent) {
  const RecordedSession s = small_session(false);
  const ByteVector ka = gen::keepalive();
  // RFC 6396 §4.4.2 MESSAGE (1) and §4.4.5 MESSAGE_LOCAL (6): 2-octet AS fields.
  EXPECT_EQ(record_of(s, Direction::Received, ka),
            cat({et_header(1, 4 + 12 + 19), kAs2, kIpv4Ends, ka}));
  EXPECT_EQ(record_of(s, Direction::Sent, ka),
            cat({et_header(6, 4 + 12 + 19), kAs2, kIpv4Ends, ka}));
}

TEST(MrtRecorderSubtype, FourOctetLocalAsInATwoOctetFieldIsAsTrans) {
  RecordedSession s = small_session(false);
  s.local_as = 4'200'000'001u;
  const ByteVector ka = gen::keepalive();
  // RFC 6793 §9: AS_TRANS (23456 = 0x5BA0).
  EXPECT_EQ(record_of(s, Direction::Received, ka),
            cat({et_header(1, 4 + 12 + 19), ByteVector{0xFD, 0xEA, 0x5B, 0xA0}, kIpv4Ends, ka}));
}

TEST(MrtRecorderSubtype, AddPathUpdatesTakeTheAddPathSubtypes) {
  const ByteVector u = ipv4_update_with_ids();
  const std::size_t body4 = 8 + 12 + u.size();
  const std::size_t body2 = 4 + 12 + u.size();
  // RFC 8050 §3: MESSAGE_AS4_ADDPATH (9), MESSAGE_AS4_LOCAL_ADDPATH (11), MESSAGE_ADDPATH (8),
  // MESSAGE_LOCAL_ADDPATH (10).
  const RecordedSession s4 = small_session(true, {kIpv4Unicast});
  EXPECT_EQ(record_of(s4, Direction::Received, u), cat({et_header(9, body4), kAs4, kIpv4Ends, u}));
  EXPECT_EQ(record_of(s4, Direction::Sent, u), cat({et_header(11, body4), kAs4, kIpv4Ends, u}));
  const RecordedSession s2 = small_session(false, {kIpv4Unicast});
  EXPECT_EQ(record_of(s2, Direction::Received, u), cat({et_header(8, body2), kAs2, kIpv4Ends, u}));
  EXPECT_EQ(record_of(s2, Direction::Sent, u), cat({et_header(10, body2), kAs2, kIpv4Ends, u}));
}

TEST(MrtRecorderSubtype, AddPathIsPerDirectionAndFamily) {
  RecordedSession s = small_session(true);
  s.received.add_path = {kIpv4Unicast};  // the peer sends path ids, we do not
  const ByteVector u4 = ipv4_update_with_ids();
  const ByteVector u6 = test::ipv6_update(1, 1);
  const ByteVector ka = gen::keepalive();
  auto subtype = [](const ByteVector& record) { return load_be16(record.data() + 6); };
  EXPECT_EQ(subtype(record_of(s, Direction::Received, u4)), mrt::bgp4mp::kMessageAs4AddPath);
  EXPECT_EQ(subtype(record_of(s, Direction::Sent, u4)), mrt::bgp4mp::kMessageAs4Local);
  // IPv6 unicast has no ADD-PATH here; a KEEPALIVE and an End-of-RIB have no NLRI at all.
  EXPECT_EQ(subtype(record_of(s, Direction::Received, u6)), mrt::bgp4mp::kMessageAs4);
  EXPECT_EQ(subtype(record_of(s, Direction::Received, ka)), mrt::bgp4mp::kMessageAs4);
  EXPECT_EQ(subtype(record_of(s, Direction::Received, gen::update({}))), mrt::bgp4mp::kMessageAs4);
  // A withdrawal of IPv4 unicast only carries NLRI too.
  const ByteVector withdrawal = gen::update({{gen::prefix("10.0.0.0/8", 9)}, {}, {}});
  EXPECT_EQ(subtype(record_of(s, Direction::Received, withdrawal)),
            mrt::bgp4mp::kMessageAs4AddPath);
  // An MRT file's own ADD-PATH context (every family) covers IPv6 too.
  s.received.add_path_all = true;
  EXPECT_EQ(subtype(record_of(s, Direction::Received, u6)), mrt::bgp4mp::kMessageAs4AddPath);
}

TEST(MrtRecorderSubtype, MixedFamiliesAreFlagged) {
  const RecordedSession s = small_session(true, {kIpv4Unicast});
  const ByteVector mixed =
      gen::update({{},
                   {gen::origin(0), gen::as_path({{2, {65002}}}, true), gen::next_hop("192.0.2.2"),
                    gen::mp_reach(test::kIpv6Unicast, gen::ipv6("2001:db8::2"),
                                  {gen::prefix("2001:db8::/32")})},
                   {gen::prefix("10.0.0.0/8", 9)}});
  bool flagged = false;
  const ByteVector r = record_of(s, Direction::Received, mixed, &flagged);
  EXPECT_EQ(load_be16(r.data() + 6), mrt::bgp4mp::kMessageAs4AddPath);
  EXPECT_TRUE(flagged);
  bool plain = true;
  record_of(s, Direction::Received, ipv4_update_with_ids(), &plain);
  EXPECT_FALSE(plain);
}

TEST(MrtRecorderSubtype, Ipv6Ends) {
  RecordedSession s = small_session(true);
  s.local = gen::endpoint("2001:db8::1", 50179);
  s.peer = gen::endpoint("2001:db8::2", 179);
  const ByteVector ka = gen::keepalive();
  const ByteVector peer = gen::ipv6("2001:db8::2");
  const ByteVector local = gen::ipv6("2001:db8::1");
  // RFC 6396 §4.4.2: Address Family 2, then 16-octet addresses.
  EXPECT_EQ(record_of(s, Direction::Received, ka),
            cat({et_header(4, 8 + 4 + 32 + 19), kAs4, ByteVector{0x00, 0x03, 0x00, 0x02}, peer,
                 local, ka}));
  s.local = gen::endpoint("192.0.2.1", 50179);
  gen::ByteWriter w;
  EXPECT_THROW(append_bgp4mp_message(w, s, kTime, Direction::Received, ka), std::invalid_argument);
}

TEST(MrtRecorderSubtype, StateChangesAreAlwaysAs4) {
  const RecordedSession s = small_session(false);
  gen::ByteWriter w;
  append_bgp4mp_state_change(w, s, {kTime, 5, 6});
  // RFC 6396 §4.4.4 STATE_CHANGE_AS4 (5): OpenConfirm (5) → Established (6).
  EXPECT_EQ(w.data(),
            cat({et_header(5, 8 + 12 + 4), kAs4, kIpv4Ends, ByteVector{0x00, 0x05, 0x00, 0x06}}));
}

TEST(MrtRecorderSubtype, UpdateFamilies) {
  EXPECT_TRUE(update_nlri_families(gen::keepalive()).empty());
  EXPECT_TRUE(update_nlri_families(gen::update({})).empty());
  EXPECT_EQ(update_nlri_families(ipv4_update_with_ids()), std::vector<Family>{kIpv4Unicast});
  EXPECT_EQ(update_nlri_families(test::ipv6_update(3, 1)), std::vector<Family>{test::kIpv6Unicast});
  const ByteVector unreach =
      gen::update({{}, {gen::mp_unreach(test::kIpv6Unicast, {gen::prefix("2001:db8::/32")})}, {}});
  EXPECT_EQ(update_nlri_families(unreach), std::vector<Family>{test::kIpv6Unicast});
  // Damaged: an attribute running past the attributes' end stops the reading quietly.
  ByteVector damaged = test::ipv6_update(3, 1);
  damaged[19 + 2 + 2 + 2] = 0xFF;  // the first attribute's length
  EXPECT_TRUE(update_nlri_families(damaged).empty());
  EXPECT_TRUE(update_nlri_families(Bytes(damaged.data(), 20)).empty());
}

TEST(MrtRecorder, StreamsAndFlushes) {
  TempFile path("stream.mrt");
  auto rec = MrtRecorder::create(path.str(), {std::chrono::milliseconds(0)});
  ASSERT_TRUE(rec.has_value()) << rec.error();
  const RecordedSession s = small_session(true);
  ASSERT_TRUE(rec->message(s, kTime, Direction::Received, gen::keepalive()));
  // Flushed after each record with a zero interval: a reader sees it before the close.
  EXPECT_EQ(file_bytes(path.str()), record_of(s, Direction::Received, gen::keepalive()));
  // A message that cannot be encoded is refused without spoiling the file.
  EXPECT_FALSE(rec->message(s, -1, Direction::Received, gen::keepalive()));
  EXPECT_NE(rec->error().find("1970"), std::string::npos) << rec->error();
  ASSERT_TRUE(rec->state_change(s, {kTime, 5, 6}));
  EXPECT_TRUE(rec->close());
  EXPECT_TRUE(rec->close());  // twice is harmless
  EXPECT_EQ(rec->stats().messages, 1u);
  EXPECT_EQ(rec->stats().state_changes, 1u);
  EXPECT_EQ(file_bytes(path.str()).size(), 16u + 8 + 12 + 19 + 16 + 8 + 12 + 4);
  EXPECT_FALSE(rec->message(s, kTime, Direction::Received, gen::keepalive()));

  auto refused = MrtRecorder::create("/nonexistent-dir/x.mrt");
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("/nonexistent-dir/x.mrt"), std::string::npos);
}

// What a BGP4MP_ET record says, read here without the project's MRT reader.
struct Bgp4mp {
  std::uint16_t type = 0;
  std::uint16_t subtype = 0;
  std::int64_t time_ns = 0;
  std::uint32_t peer_as = 0;
  std::uint32_t local_as = 0;
  IpAddress peer;
  IpAddress local;
  Bytes rest;  // the message, or the two states
};

Bgp4mp parse(Bytes r) {
  Bgp4mp b;
  b.type = load_be16(r.data() + 4);
  b.subtype = load_be16(r.data() + 6);
  EXPECT_EQ(load_be32(r.data() + 8) + 12, r.size());
  b.time_ns = load_be32(r.data()) * 1'000'000'000LL + load_be32(r.data() + 12) * 1000LL;
  const bool as4 = mrt::bgp4mp_as4(b.subtype);
  std::size_t at = 16;
  b.peer_as = as4 ? load_be32(r.data() + at) : load_be16(r.data() + at);
  b.local_as = as4 ? load_be32(r.data() + at + 4) : load_be16(r.data() + at + 2);
  at += as4 ? 8 : 4;
  const std::size_t a = load_be16(r.data() + at + 2) == 2 ? 16 : 4;
  at += 4;
  b.peer.version = b.local.version = a == 16 ? 6 : 4;
  std::copy_n(r.data() + at, a, b.peer.bytes.begin());
  std::copy_n(r.data() + at + a, a, b.local.bytes.begin());
  b.rest = r.subspan(at + 2 * a);
  return b;
}

class MrtRoundTrip : public testing::TestWithParam<bool> {};

TEST_P(MrtRoundTrip, ReopensIdentically) {
  const bool v6 = GetParam();
  const Recording recording = test::sample_recording(v6);
  TempFile path(v6 ? "round6.mrt" : "round4.mrt");
  {
    auto rec = MrtRecorder::create(path.str());
    ASSERT_TRUE(rec.has_value()) << rec.error();
    ASSERT_TRUE(rec->record(recording)) << rec->error();
    ASSERT_TRUE(rec->close()) << rec->error();
    EXPECT_EQ(rec->stats().mixed_add_path, 0u);
  }
  auto store = open_source_file(path.str());
  ASSERT_TRUE(store.has_value()) << store.error();
  ASSERT_EQ(source_kind(**store), SourceKind::Mrt);
  RecordCollector sink;
  auto stats = index_source(*store, sink);
  ASSERT_TRUE(stats.has_value()) << stats.error();
  EXPECT_EQ(stats->damaged_bytes, 0u);
  ASSERT_EQ(sink.records.size(), recording.events.size());
  ASSERT_EQ(sink.table.sessions.size(), 1u);
  const SessionInfo& session = sink.table.sessions[0];
  EXPECT_EQ(session.a.address, recording.session.peer.address);
  EXPECT_EQ(session.b.address, recording.session.local.address);
  ASSERT_TRUE(session.mrt_peer.has_value());
  EXPECT_EQ(session.mrt_peer->as, test::kPeerAs);
  EXPECT_EQ(session.mrt_peer->local_as, test::kLocalAs);

  // The subtype of each message in turn: both OPENs offer 4-octet AS numbers; ADD-PATH is
  // negotiated for IPv4 unicast from the peer only (its two IPv4 UPDATEs).
  const std::vector<std::uint16_t> expected_subtypes = {7, 4, 7, 4, 9, 4, 7, 7, 9, 4, 4, 4, 7};
  std::vector<std::uint16_t> subtypes;
  bool add_path_checked = false;
  for (std::size_t i = 0; i < sink.records.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    const MessageRecord& row = sink.records[i];
    const Bytes bytes = (*store)->view(row.address, row.length);
    ASSERT_GE(bytes.size(), 16u);
    const Bgp4mp b = parse(bytes);
    EXPECT_EQ(b.type, mrt::type::kBgp4mpEt);
    EXPECT_EQ(b.peer, recording.session.peer.address);
    EXPECT_EQ(b.local, recording.session.local.address);
    EXPECT_EQ(b.peer_as, test::kPeerAs);
    EXPECT_EQ(b.local_as, test::kLocalAs);
    const PeerContext& ctx = sink.table.contexts.at(row.context);
    EXPECT_EQ(ctx.session, 0u);
    const RecordedEvent& e = recording.events[i];
    if (const auto* change = std::get_if<RecordedStateChange>(&e)) {
      EXPECT_EQ(row.detail, mrt_row::kStateChange);
      EXPECT_EQ(b.subtype, mrt::bgp4mp::kStateChangeAs4);
      EXPECT_EQ(row.time_ns, change->time_ns / 1000 * 1000);
      ASSERT_EQ(b.rest.size(), 4u);
      EXPECT_EQ(load_be16(b.rest.data()), change->old_state);
      EXPECT_EQ(load_be16(b.rest.data() + 2), change->new_state);
      continue;
    }
    const auto& m = std::get<RecordedMessage>(e);
    subtypes.push_back(b.subtype);
    EXPECT_EQ(row.detail, mrt_row::kMessage);
    EXPECT_EQ(row.type, m.bytes[18]);
    EXPECT_EQ(row.time_ns, m.time_ns / 1000 * 1000);  // microseconds (RFC 6396 §3)
    EXPECT_EQ(b.time_ns, row.time_ns);
    EXPECT_EQ(ctx.direction, m.direction == Direction::Sent ? 1 : 0);
    EXPECT_TRUE(std::equal(b.rest.begin(), b.rest.end(), m.bytes.begin(), m.bytes.end()));
    const DecodedMessage d = decode_record(**store, sink.table, row, Depth::Detail);
    EXPECT_EQ(d.type, m.bytes[18]);
    for (const DecodeProblem& p : d.problems)
      EXPECT_LT(p.severity, Severity::Warning) << p.message;
    if (m.bytes == test::ipv4_add_path_update(0)) {
      std::vector<std::uint32_t> ids;
      for (const NlriEntry& n : d.nlri)
        ids.push_back(n.path_id.value_or(0));
      EXPECT_EQ(ids, test::kPathIds);
      add_path_checked = true;
    }
  }
  EXPECT_EQ(subtypes, expected_subtypes);
  EXPECT_TRUE(add_path_checked);
}

INSTANTIATE_TEST_SUITE_P(IpVersions, MrtRoundTrip, testing::Values(false, true),
                         [](const testing::TestParamInfo<bool>& p) {
                           return p.param ? "Ipv6" : "Ipv4";
                         });

}  // namespace
}  // namespace bgplens::record

// BMP inside captures (RFC 7854, RFC 8671, RFC 9069): a BMP connection built frame by frame is
// indexed as the application does, and the rows, the monitored peer's session and contexts, and
// the nested byte ranges of the BGP messages inside the BMP messages are checked.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "bmp/bmp_decoder.h"
#include "decode_helpers.h"
#include "gen/byte_writer.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"

namespace bgplens {
namespace {

constexpr std::int64_t kT0 = 1'700'000'000LL * 1'000'000'000LL;
using gen::ByteVector;

void put16(ByteVector& v, std::uint16_t x) {
  v.push_back(static_cast<std::uint8_t>(x >> 8));
  v.push_back(static_cast<std::uint8_t>(x));
}
void put32(ByteVector& v, std::uint32_t x) {
  put16(v, static_cast<std::uint16_t>(x >> 16));
  put16(v, static_cast<std::uint16_t>(x));
}
void append(ByteVector& v, const ByteVector& more) {
  v.insert(v.end(), more.begin(), more.end());
}

// A BMP message: common header (version 3) around `body`.
ByteVector bmp_message(std::uint8_t type, const ByteVector& body, std::uint8_t version = 3) {
  ByteVector m{version};
  put32(m, static_cast<std::uint32_t>(6 + body.size()));
  m.push_back(type);
  append(m, body);
  return m;
}

// Per-peer header of peer 192.0.2.1, AS 65001, id 192.0.2.1, with `flags`.
ByteVector peer_header(std::uint8_t flags, std::uint8_t peer_type = 0) {
  ByteVector h{peer_type, flags};
  for (int i = 0; i < 8; ++i)
    h.push_back(0);  // distinguisher
  for (int i = 0; i < 12; ++i)
    h.push_back(0);
  append(h, gen::ipv4("192.0.2.1"));
  put32(h, 65001);
  append(h, gen::ipv4("192.0.2.1"));
  put32(h, 1'700'000'000);
  put32(h, 250'000);
  return h;
}

gen::OpenSpec open_spec(std::uint16_t as, bool add_path) {
  gen::OpenSpec o;
  o.my_as = as;
  o.as4 = as;
  if (add_path) o.add_path = {AddPathOffer{Family{1, 1}, 3}};
  return o;
}

ByteVector peer_up() {
  ByteVector body = peer_header(0);
  for (int i = 0; i < 12; ++i)
    body.push_back(0);
  append(body, gen::ipv4("192.0.2.2"));             // local address
  put16(body, 179);                                 // local port
  put16(body, 50179);                               // remote port
  append(body, gen::open(open_spec(65002, true)));  // sent by the router
  append(body, gen::open(open_spec(65001, true)));  // received from the peer
  return bmp_message(3, body);
}

ByteVector route_monitoring(std::uint8_t flags, const ByteVector& update) {
  ByteVector body = peer_header(flags);
  append(body, update);
  return bmp_message(0, body);
}

ByteVector update_with_path_ids() {
  gen::UpdateSpec u;
  u.attributes = {gen::origin(0), gen::as_path({{2, {65001, 4200000000u}}}, true),
                  gen::next_hop("192.0.2.1")};
  u.nlri = {gen::prefix("10.1.0.0/16", 7), gen::prefix("10.2.0.0/16", 8)};
  return gen::update(u);
}

ByteVector initiation() {
  ByteVector body;
  put16(body, 2);
  put16(body, 2);
  body.push_back('r');
  body.push_back('1');
  return bmp_message(4, body);
}

ByteVector statistics() {
  ByteVector body = peer_header(0);
  put32(body, 2);
  put16(body, 0);  // prefixes rejected: 32-bit counter
  put16(body, 4);
  put32(body, 5);
  put16(body, 7);  // routes in Adj-RIB-In: 64-bit gauge
  put16(body, 8);
  put32(body, 0);
  put32(body, 1234);
  return bmp_message(1, body);
}

ByteVector peer_down_with_notification() {
  ByteVector body = peer_header(0);
  body.push_back(3);  // the peer sent a NOTIFICATION
  append(body, gen::notification(6, 2));
  return bmp_message(2, body);
}

struct Indexed {
  std::shared_ptr<ByteStore> store;
  RecordCollector sink;
  DecodedMessage decode(std::size_t row, Depth depth = Depth::Tree) const {
    return decode_record(*store, sink.table, sink.records.at(row), depth);
  }
  const SessionInfo& session_of(std::size_t row) const {
    return sink.table.sessions.at(sink.table.contexts.at(sink.records.at(row).context).session);
  }
  const PeerContext& context_of(std::size_t row) const {
    return sink.table.contexts.at(sink.records.at(row).context);
  }
};

std::unique_ptr<Indexed> index_bmp(const ByteVector& stream, std::uint16_t port,
                                   std::uint32_t segment = 0) {
  gen::PcapWriter pcap;
  gen::TcpConversation c(pcap, gen::endpoint("198.51.100.1", 40000),
                         gen::endpoint("198.51.100.9", port));
  c.handshake(kT0);
  c.send(0, stream, kT0 + 1'000'000, segment);
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("bgplens-bmp-" + std::string(info->name()) + "-" + std::to_string(::getpid()) + ".pcap");
  EXPECT_TRUE(pcap.save(path.string()));
  auto out = std::make_unique<Indexed>();
  auto store = open_source_file(path.string());
  std::filesystem::remove(path);
  EXPECT_TRUE(store.has_value());
  if (!store) return out;
  out->store = *store;
  EXPECT_TRUE(index_capture(out->store, out->sink).has_value());
  return out;
}

ByteVector full_stream() {
  ByteVector s;
  append(s, initiation());
  append(s, peer_up());
  append(s, route_monitoring(0x00, update_with_path_ids()));
  append(s, route_monitoring(0x10 | 0x40, gen::update({})));  // post-policy Adj-RIB-Out
  append(s, statistics());
  append(s, peer_down_with_notification());
  return s;
}

struct Row {
  FramedKind kind;
  std::uint8_t type;
  bool via_bmp;
};

TEST(BmpCapture, EveryBmpMessageIsARowFollowedByTheBgpMessagesInside) {
  // Small segments: BMP messages span segments and are gathered like BGP messages.
  auto ix = index_bmp(full_stream(), 1790, 100);
  const std::vector<Row> expected = {
      {FramedKind::Bmp, 4, false},    {FramedKind::Bmp, 3, false},
      {FramedKind::Message, 1, true}, {FramedKind::Message, 1, true},
      {FramedKind::Bmp, 0, false},    {FramedKind::Message, 2, true},
      {FramedKind::Bmp, 0, false},    {FramedKind::Message, 2, true},
      {FramedKind::Bmp, 1, false},    {FramedKind::Bmp, 2, false},
      {FramedKind::Message, 3, true},
  };
  ASSERT_EQ(ix->sink.records.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const MessageRecord& r = ix->sink.records[i];
    EXPECT_EQ(r.kind, expected[i].kind) << i;
    EXPECT_EQ(r.type, expected[i].type) << i;
    EXPECT_EQ((r.flags & framed_flag::kViaBmp) != 0, expected[i].via_bmp) << i;
    EXPECT_TRUE(ix->decode(i, Depth::Detail).problems.empty()) << i;
  }
  // The UPDATE is a view inside its BMP message: 6 + 42 bytes in.
  EXPECT_EQ(ix->sink.records[5].address, ix->sink.records[4].address + 48);
  // The BMP connection and the monitored peer are sessions; the peer's parent is the former.
  EXPECT_EQ(ix->session_of(0).kind, SessionKind::Bmp);
  const SessionInfo& peer = ix->session_of(5);
  EXPECT_EQ(peer.kind, SessionKind::BmpPeer);
  EXPECT_EQ(peer.parent, ix->session_of(0).id);
  ASSERT_TRUE(peer.bmp_peer.has_value());
  EXPECT_EQ(peer.bmp_peer->as, 65001u);
  EXPECT_EQ(peer.a.text(), "192.0.2.1:50179");
  EXPECT_EQ(peer.b.text(), "192.0.2.2:179");
}

TEST(BmpCapture, PeerUpOpensAndThePeerHeaderSetTheUpdatesContext) {
  auto ix = index_bmp(full_stream(), 1790);
  const PeerContext& in = ix->context_of(5);
  EXPECT_EQ(in.direction, 0);  // Adj-RIB-In: sent by the peer
  EXPECT_TRUE(in.has_add_path(Family{1, 1}));
  EXPECT_EQ(in.add_path_from, Provenance::Negotiated);
  EXPECT_TRUE(in.as4);
  EXPECT_EQ(in.as4_from, Provenance::BmpPeerHeader);
  EXPECT_EQ(ix->context_of(7).direction, 1);  // the O flag: sent by the router
  const DecodedMessage update = ix->decode(5, Depth::Detail);
  ASSERT_EQ(update.nlri.size(), 2u);
  EXPECT_EQ(update.nlri[0].path_id, 7u);
  EXPECT_EQ(update.nlri[1].text, "10.2.0.0/16");
}

TEST(BmpCapture, TheBmpRowsTreeNestsTheUpdateAtItsOffset) {
  auto ix = index_bmp(full_stream(), 1790);
  const DecodedMessage d = ix->decode(4);
  EXPECT_TRUE(test::tree_well_formed(d.tree)) << test::tree_well_formed(d.tree).message();
  const auto group = d.tree.find_first(FieldId::BmpRouteMonitoring);
  ASSERT_TRUE(group.has_value());
  EXPECT_EQ(d.tree.node(*group).offset, 48u);
  const auto marker = d.tree.find_first(FieldId::Marker);
  ASSERT_TRUE(marker.has_value());
  EXPECT_EQ(d.tree.node(*marker).offset, 48u);
  EXPECT_EQ(d.tree.node(*marker).length, 16u);
  const auto as = d.tree.find_first(FieldId::BmpPeerAs);
  ASSERT_TRUE(as.has_value());
  EXPECT_EQ(d.tree.value(*as), "65001");
  EXPECT_EQ(d.row_summary, "Route Monitoring 192.0.2.1 AS 65001 pre-policy");
}

TEST(BmpCapture, PeerUpsOfOneSessionsViewsStayOneSessionUntilPeerDown) {
  // A router sends a Peer Up per view (here twice) of one monitored session; only Peer Down
  // ends it, and the next message about the peer starts another.
  ByteVector s = initiation();
  append(s, peer_up());
  append(s, peer_up());
  append(s, route_monitoring(0, update_with_path_ids()));
  append(s, peer_down_with_notification());
  append(s, route_monitoring(0, update_with_path_ids()));
  auto ix = index_bmp(s, 1790);
  ASSERT_EQ(ix->sink.records.size(), 13u);
  EXPECT_EQ(ix->session_of(1).id, ix->session_of(4).id);   // both Peer Ups
  EXPECT_EQ(ix->session_of(1).id, ix->session_of(8).id);   // the UPDATE
  EXPECT_EQ(ix->session_of(1).id, ix->session_of(10).id);  // the Peer Down's NOTIFICATION
  EXPECT_NE(ix->session_of(1).id, ix->session_of(12).id);  // after Peer Down
  // The UPDATE went peer → router: sent with the peer's OPEN, received with the router's, both
  // from the second Peer Up (rows 6 and 5), not the first.
  EXPECT_EQ(ix->context_of(8).open_sent, 6u);
  EXPECT_EQ(ix->context_of(8).open_received, 5u);
}

TEST(BmpCapture, StatisticsAndPeerDownAreDecoded) {
  auto ix = index_bmp(full_stream(), 1790);
  const DecodedMessage stats = ix->decode(8);
  std::vector<std::string> values;
  for (std::uint32_t i = 1; i < stats.tree.size(); ++i) {
    if (stats.tree.node(i).field == FieldId::BmpStatValue) values.emplace_back(stats.tree.value(i));
  }
  EXPECT_EQ(values, (std::vector<std::string>{"5", "1234"}));
  const DecodedMessage down = ix->decode(10, Depth::Detail);
  ASSERT_TRUE(down.notification.has_value());
  EXPECT_EQ((*down.notification)[0], 6);
  EXPECT_EQ((*down.notification)[1], 2);
  EXPECT_EQ(ix->context_of(10).direction, 0);  // reason 3: the peer sent it
}

TEST(BmpCapture, AStreamOnAnotherPortIsBmpWhenItStartsWithABmpHeader) {
  auto ix = index_bmp(full_stream(), 5000);
  ASSERT_FALSE(ix->sink.records.empty());
  EXPECT_EQ(ix->sink.records[0].kind, FramedKind::Bmp);
  EXPECT_EQ(ix->sink.table.sessions.at(0).kind, SessionKind::Bmp)
      << ix->sink.table.sessions.size() << " sessions";
}

TEST(BmpCapture, AnOverlongBgpLengthInsideBmpIsAnErrorOverItsLengthField) {
  ByteVector update = update_with_path_ids();
  update[17] = static_cast<std::uint8_t>(update[17] + 10);  // 10 more than the BMP holds
  ByteVector s = initiation();
  append(s, route_monitoring(0, update));
  auto ix = index_bmp(s, 1790);
  ASSERT_EQ(ix->sink.records.size(), 3u);
  const DecodedMessage bmp = ix->decode(1, Depth::Detail);
  bool found = false;
  for (const DecodeProblem& p : bmp.problems) {
    if (p.offset == 48 + 16 && p.length == 2 && p.message.find("exceeds the") != std::string::npos)
      found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(ix->sink.records[2].length, update.size());  // cut to what the BMP message holds
}

TEST(BmpCapture, Version4RouteMonitoringFindsTheBgpPduAmongItsTlvs) {
  ByteVector body = peer_header(0, 3);  // Loc-RIB
  ByteVector name_tlv;
  put16(name_tlv, 3);
  put16(name_tlv, 6);
  put16(name_tlv, 0);
  for (char ch : std::string("global"))
    name_tlv.push_back(static_cast<std::uint8_t>(ch));
  append(body, name_tlv);
  const ByteVector update = update_with_path_ids();
  put16(body, 4);
  put16(body, static_cast<std::uint16_t>(update.size()));
  put16(body, 0);
  append(body, update);
  ByteVector s = initiation();
  append(s, bmp_message(0, body, 4));
  auto ix = index_bmp(s, 1790);
  ASSERT_EQ(ix->sink.records.size(), 3u);
  EXPECT_EQ(ix->sink.records[2].address, ix->sink.records[1].address + 48 + 12 + 6);
  EXPECT_EQ(ix->sink.records[2].length, update.size());
  for (const DecodeProblem& p : ix->decode(1, Depth::Detail).problems)
    ADD_FAILURE() << p.message;
}

}  // namespace
}  // namespace bgplens

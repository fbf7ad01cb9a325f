// Invariants every decoding must satisfy, whatever the message: the three depths agree, the
// item lists agree with the field tree, every node lies inside its parent, every problem has
// its error node. The checkers here are shared with the other parser test files (which
// declare them) and are applied below to the messages of every capture in the shared data.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "test_support.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using test::decode_checked;
using test::negotiated;

// A handful of messages of every type, well formed and not, that the depth checks run over.
std::vector<gen::ByteVector> sample_messages() {
  using namespace gen;
  std::vector<ByteVector> out;
  OpenSpec spec;
  spec.as4 = 4200000001u;
  spec.add_path = {{kIpv4Unicast, 3}};
  spec.graceful_restart = GracefulRestart{300, true, false, {kIpv4Unicast}};
  spec.extra_capabilities = {{200, {1, 2, 3}}};
  out.push_back(open(spec));
  out.push_back(update({{prefix("10.9.0.0/16", 4)},
                        {origin(0), as_path({{2, {4200000001u, 65001}}}, true),
                         next_hop("192.0.2.1"), med(5), communities({0xFFFFFF01})},
                        {prefix("10.0.0.0/24", 1), prefix("10.0.1.0/24", 2)}}));
  out.push_back(update({{},
                        {origin(2), as_path({}, true),
                         mp_reach({afi::kIpv6, safi::kUnicast}, gen::ipv6("2001:db8::1"),
                                  {prefix("2001:db8:1::/48")})},
                        {}}));
  out.push_back(update({{}, {mp_unreach({afi::kIpv6, safi::kUnicast}, {})}, {}}));
  out.push_back(update({}));
  const ByteVector shutdown_text{3, 'b', 'y', 'e'};
  out.push_back(notification(6, 2, shutdown_text));
  out.push_back(route_refresh(kIpv4Unicast, 1));
  out.push_back(keepalive());
  // Malformed: an attribute overrunning the list, a prefix too long, a truncated message.
  ByteVector bad = update({{}, {origin(0), communities({1, 2})}, {prefix("10.0.0.0/8", 9)}});
  bad[23 + 4 + 2] = 40;
  out.push_back(bad);
  ByteVector long_prefix = update({{}, {}, {prefix("10.0.0.0/8", 1)}});
  long_prefix[23 + 4] = 40;
  out.push_back(long_prefix);
  ByteVector cut = open(spec);
  cut.resize(cut.size() - 7);
  out.push_back(cut);
  return out;
}

TEST(DecodeConsistency, AllDepthsAgreeForBuiltMessagesInBothContexts) {
  for (const gen::ByteVector& m : sample_messages()) {
    SCOPED_TRACE(testing::Message()
                 << "message of " << m.size() << " bytes, type " << int(m.size() > 18 ? m[18] : 0));
    decode_checked(m, negotiated(true, {kIpv4Unicast}));
    decode_checked(m, negotiated(false));
    decode_checked(m, PeerContext{});
  }
}

TEST(DecodeConsistency, DetailNlriAreTheTreePrefixNodes) {
  // Negotiated ADD-PATH: 4-byte path id, length byte, address bytes per NLRI.
  const gen::ByteVector m =
      gen::update({{gen::prefix("192.168.0.0/16", 9)},
                   {gen::origin(0), gen::as_path({{2, {65001}}}, true), gen::next_hop("192.0.2.1")},
                   {gen::prefix("10.0.0.0/24", 1)}});
  const PeerContext ctx = negotiated(true, {kIpv4Unicast});
  const DecodedMessage detail = decode_message(m, ctx, Depth::Detail);
  const DecodedMessage tree = decode_message(m, ctx, Depth::Tree);
  // Withdrawn: 4 (path id) + 1 + 2 bytes at 21; attributes ORIGIN 4, AS_PATH 3 + 6 (one
  // 4-byte AS), NEXT_HOP 7 = 20 bytes from 30; NLRI: 4 + 1 + 3 bytes at 50.
  ASSERT_EQ(detail.nlri.size(), 2u);
  EXPECT_EQ(detail.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(detail.nlri[0].offset, 21u);
  EXPECT_EQ(detail.nlri[0].length, 7u);
  EXPECT_EQ(detail.nlri[0].path_id, 9u);
  EXPECT_EQ(detail.nlri[1].action, NlriAction::Announce);
  EXPECT_EQ(detail.nlri[1].offset, 50u);
  EXPECT_EQ(detail.nlri[1].length, 8u);
  EXPECT_EQ(detail.nlri[1].path_id, 1u);
  EXPECT_EQ(m.size(), 58u);
  EXPECT_TRUE(test::nlri_match_tree(detail, tree.tree));
}

TEST(DecodeConsistency, DeepestNodeAtAPrefixByteIsItsLengthOrAddressLeaf) {
  const gen::ByteVector m = gen::update(
      {{},
       {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("192.0.2.1")},
       {gen::prefix("10.1.2.0/24")}});
  // Attributes 4 + 7 + 7 = 18 bytes from 23; the NLRI 18 0a 01 02 at 41..44.
  ASSERT_EQ(m.size(), 45u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  const FieldTree& t = d.tree;
  const auto len = t.deepest_at(41);
  ASSERT_TRUE(len.has_value());
  EXPECT_EQ(t.node(*len).field, FieldId::PrefixLength);
  EXPECT_EQ(t.value(*len), "24");
  for (std::uint32_t at : {42u, 43u, 44u}) {
    const auto bytes = t.deepest_at(at);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(t.node(*bytes).field, FieldId::PrefixBytes);
    EXPECT_EQ(t.node(*bytes).offset, 42u);
    EXPECT_EQ(t.node(*bytes).length, 3u);
    EXPECT_EQ(t.value(*bytes), "0a 01 02");
    const auto path = t.path_to(*bytes);
    ASSERT_EQ(path.size(), 4u);  // Message › NLRI › Prefix › Prefix bytes
    EXPECT_EQ(t.node(path[0]).field, FieldId::Message);
    EXPECT_EQ(t.node(path[1]).field, FieldId::UpdateNlri);
    EXPECT_EQ(t.node(path[2]).field, FieldId::Prefix);
    EXPECT_EQ(t.value(path[2]), "10.1.2.0/24");
  }
  // A byte past the message is in no node.
  EXPECT_FALSE(t.deepest_at(45).has_value());
  // The header's length field.
  const auto length = t.deepest_at(17);
  ASSERT_TRUE(length.has_value());
  EXPECT_EQ(t.node(*length).field, FieldId::Length);
}

TEST(DecodeConsistency, LongListsAreGroupedInRangesThatStayInsideTheirParent) {
  // 600 prefixes under one NLRI node: more than kMaxFlatChildren (512), so the tree groups
  // them in two ranges of items 0–511 and 512–599.
  std::vector<gen::Prefix> many;
  for (int i = 0; i < 600; ++i) {
    gen::Prefix p;
    p.address = {10, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i), 0};
    p.length = 24;
    many.push_back(p);
  }
  const gen::ByteVector m = gen::update(
      {{},
       {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("192.0.2.1")},
       many});
  ASSERT_EQ(m.size(), 41u + 600u * 4u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_EQ(d.update.announced, 600u);
  const auto nlri = d.tree.find_first(FieldId::UpdateNlri);
  ASSERT_TRUE(nlri.has_value());
  ASSERT_EQ(d.tree.child_count(*nlri), 2u);
  const std::uint32_t first = d.tree.child(*nlri, 0);
  const std::uint32_t second = d.tree.child(*nlri, 1);
  EXPECT_EQ(d.tree.node(first).field, FieldId::ItemRange);
  EXPECT_EQ(d.tree.node(first).offset, 41u);
  EXPECT_EQ(d.tree.node(first).length, 512u * 4u);
  EXPECT_EQ(d.tree.child_count(first), 512u);
  EXPECT_EQ(d.tree.node(second).offset, 41u + 512u * 4u);
  EXPECT_EQ(d.tree.node(second).length, 88u * 4u);
  EXPECT_EQ(d.tree.child_count(second), 88u);
}

TEST(DecodeConsistency, AGroupedRangeCoversAMemberThatPointsBackwards) {
  // Found by the fuzzer: an UPDATE with over 512 attributes, the last child an error about the
  // AS_PATH near the start. The second range must still cover every one of its members.
  FieldTreeBuilder b(4000);
  const std::uint32_t list = b.open(FieldId::UpdateAttrs, 0, 3000);
  for (std::uint32_t i = 0; i < 520; ++i)
    b.leaf(FieldId::Attr, 3 * i, 3, "x");
  const std::uint32_t late_error =
      b.leaf(FieldId::ErrorNode, 10, 4, "about the start", 0, Severity::Error);
  b.close();
  const FieldTree t = b.finish();
  ASSERT_EQ(t.child_count(list), 2u);
  const std::uint32_t second = t.child(list, 1);
  EXPECT_EQ(t.node(second).field, FieldId::ItemRange);
  EXPECT_EQ(t.node(late_error).parent, static_cast<std::int32_t>(second));
  EXPECT_EQ(t.node(second).offset, 10u);
  EXPECT_EQ(t.node(second).offset + t.node(second).length, 3u * 520u);
}

// Every message of every capture in the shared data, decoded through the index as the
// application does it.
using CollectingSink = RecordCollector;

TEST(DecodeConsistency, EveryMessageOfEverySharedCaptureIsConsistent) {
  const std::filesystem::path dir = std::filesystem::path(test::shared_dir()) / "captures";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir << " is not there";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t captures = 0;
  std::size_t messages = 0;
  for (const auto& file : files) {
    auto store = open_source_file(file.string());
    if (!store) continue;  // the reference decodings and READMEs
    ++captures;
    CollectingSink sink;
    const auto stats = index_capture(*store, sink);
    ASSERT_TRUE(stats.has_value()) << file << ": " << stats.error();
    int failures = 0;
    for (std::size_t i = 0; i < sink.records.size() && failures < 3; ++i) {
      const MessageRecord& r = sink.records[i];
      const DecodedMessage s = decode_record(**store, sink.table, r, Depth::Summary);
      const DecodedMessage d = decode_record(**store, sink.table, r, Depth::Detail);
      const DecodedMessage t = decode_record(**store, sink.table, r, Depth::Tree);
      // A BMP row's tree nests its BGP messages, whose item lists belong to their own rows
      // (checked there); the BMP row itself must be a well-formed tree.
      const auto ok =
          r.kind == FramedKind::Bmp ? test::tree_well_formed(t.tree) : test::depths_agree(s, d, t);
      if (!ok) ++failures;
      EXPECT_TRUE(ok) << file << " record " << i << " (frame " << r.frame << ")";
      if (r.kind == FramedKind::Message) ++messages;
    }
  }
  EXPECT_GT(captures, 100u);
  EXPECT_GT(messages, 10000u);
}

}  // namespace
}  // namespace bgplens

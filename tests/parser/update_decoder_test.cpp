// Well-formed UPDATE messages (RFC 4271 §4.3): the body's fields, the path attributes of
// RFC 4271 §5.1 with their flags, COMMUNITIES (RFC 1997), 4-octet AS numbers (RFC 6793) and
// attributes shown raw.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::message_node;
using test::negotiated;
using test::only;

// Withdrawn 10.1.0.0/16 and 192.168.1.0/24; ORIGIN, AS_PATH (2-byte), NEXT_HOP, MED,
// LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR (2-byte), COMMUNITIES; NLRI 10.2.0.0/16 and
// 172.16.5.128/25.
//
//   19 Withdrawn Routes Length = 7      21 withdrawn: 10 0a 01 | 18 c0 a8 01
//   28 Total Path Attribute Length = 63
//   30 ORIGIN (4)   34 AS_PATH (3 + 12)   49 NEXT_HOP (7)   56 MED (7)   63 LOCAL_PREF (7)
//   70 ATOMIC_AGGREGATE (3)   73 AGGREGATOR (3 + 6)   82 COMMUNITIES (3 + 8)
//   93 NLRI: 10 0a 02 | 19 ac 10 05 80                      101 end
ByteVector full_update() {
  using namespace gen;
  return update({{prefix("10.1.0.0/16"), prefix("192.168.1.0/24")},
                 {origin(1), as_path({{2, {65001, 65002}}, {1, {64512, 64513}}}, false),
                  next_hop("192.0.2.1"), med(100), local_pref(200), atomic_aggregate(),
                  aggregator(65001, "10.0.0.1", false), communities({0xFDE90064, 0xFFFFFF01})},
                 {prefix("10.2.0.0/16"), prefix("172.16.5.128/25")}});
}

// The path attribute nodes, in order.
std::vector<std::uint32_t> attribute_nodes(const FieldTree& t) {
  const auto attrs = t.find_first(FieldId::UpdateAttrs);
  if (!attrs) return {};
  return children(t, *attrs, FieldId::Attr);
}

void expect_flags(const FieldTree& t, std::uint32_t attr, std::uint32_t at, std::string_view text,
                  std::uint8_t flags) {
  SCOPED_TRACE(t.value(attr));
  const std::uint32_t node = only(t, attr, FieldId::AttrFlags);
  expect_node(t, node, FieldId::AttrFlags, at, 1, text);
  ASSERT_EQ(t.child_count(node), 5u);
  // RFC 4271 §4.3: Optional 0x80, Transitive 0x40, Partial 0x20, Extended Length 0x10, and
  // four unused bits.
  const FieldId ids[] = {FieldId::AttrFlagOptional, FieldId::AttrFlagTransitive,
                         FieldId::AttrFlagPartial, FieldId::AttrFlagExtendedLength};
  const std::uint8_t masks[] = {0x80, 0x40, 0x20, 0x10};
  for (int i = 0; i < 4; ++i) {
    expect_node(t, t.child(node, static_cast<std::uint32_t>(i)), ids[i], at, 1,
                (flags & masks[i]) ? "1" : "0", masks[i]);
  }
  expect_node(t, t.child(node, 4), FieldId::AttrFlagUnused, at, 1, "0000", 0x0F);
}

// Checks an attribute's node, its type code and length leaves.
void expect_attr(const FieldTree& t, std::uint32_t attr, std::uint32_t at, std::uint32_t length,
                 std::string_view summary, std::string_view type_text, std::string_view length_text,
                 std::uint32_t length_bytes = 1) {
  expect_node(t, attr, FieldId::Attr, at, length, summary);
  expect_node(t, only(t, attr, FieldId::AttrType), FieldId::AttrType, at + 1, 1, type_text);
  expect_node(t, only(t, attr, FieldId::AttrLength), FieldId::AttrLength, at + 2, length_bytes,
              length_text);
}

TEST(UpdateDecoder, BodyFieldsCountsAndItemRanges) {
  const ByteVector m = full_update();
  ASSERT_EQ(m.size(), 101u);
  for (const PeerContext& ctx : {negotiated(false), PeerContext{}}) {
    const DecodedMessage d = decode_checked(m, ctx);
    EXPECT_TRUE(d.problems.empty()) << d.problems.front().message;
    EXPECT_EQ(d.update.announced, 2u);
    EXPECT_EQ(d.update.withdrawn, 2u);
    EXPECT_FALSE(d.update.end_of_rib);
    ASSERT_EQ(d.update.family_count, 1);
    EXPECT_EQ(d.update.families[0], kIpv4Unicast);
    const std::vector<std::array<std::uint32_t, 3>> ranges = {{1, 30, 4}, {2, 34, 15}, {3, 49, 7},
                                                              {4, 56, 7}, {5, 63, 7},  {6, 70, 3},
                                                              {7, 73, 9}, {8, 82, 11}};
    ASSERT_EQ(d.attributes.size(), ranges.size());
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      EXPECT_EQ(d.attributes[i].code, ranges[i][0]);
      EXPECT_EQ(d.attributes[i].offset, ranges[i][1]);
      EXPECT_EQ(d.attributes[i].length, ranges[i][2]);
    }
    ASSERT_EQ(d.nlri.size(), 4u);
    const struct {
      NlriAction action;
      std::uint32_t offset, length;
      const char* text;
    } want[] = {{NlriAction::Withdraw, 21, 3, "10.1.0.0/16"},
                {NlriAction::Withdraw, 24, 4, "192.168.1.0/24"},
                {NlriAction::Announce, 93, 3, "10.2.0.0/16"},
                {NlriAction::Announce, 96, 5, "172.16.5.128/25"}};
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(d.nlri[i].action, want[i].action);
      EXPECT_EQ(d.nlri[i].family, kIpv4Unicast);
      EXPECT_EQ(d.nlri[i].offset, want[i].offset);
      EXPECT_EQ(d.nlri[i].length, want[i].length);
      EXPECT_EQ(d.nlri[i].text, want[i].text);
      EXPECT_FALSE(d.nlri[i].path_id.has_value());
      EXPECT_TRUE(d.nlri[i].plain_prefix);
    }
  }
}

TEST(UpdateDecoder, BodyFieldNodes) {
  const DecodedMessage d = decode_checked(full_update(), negotiated(false));
  const FieldTree& t = d.tree;
  const std::uint32_t msg = message_node(t);
  EXPECT_EQ(t.value(msg).substr(0, 6), "UPDATE");
  expect_node(t, only(t, msg, FieldId::UpdateWithdrawnLength), FieldId::UpdateWithdrawnLength, 19,
              2, "7");
  const std::uint32_t withdrawn = only(t, msg, FieldId::UpdateWithdrawn);
  EXPECT_EQ(t.node(withdrawn).offset, 21u);
  EXPECT_EQ(t.node(withdrawn).length, 7u);
  const auto wd = children(t, withdrawn, FieldId::Prefix);
  ASSERT_EQ(wd.size(), 2u);
  expect_node(t, wd[0], FieldId::Prefix, 21, 3, "10.1.0.0/16");
  expect_node(t, only(t, wd[0], FieldId::PrefixLength), FieldId::PrefixLength, 21, 1, "16");
  expect_node(t, only(t, wd[0], FieldId::PrefixBytes), FieldId::PrefixBytes, 22, 2, "0a 01");
  expect_node(t, wd[1], FieldId::Prefix, 24, 4, "192.168.1.0/24");
  expect_node(t, only(t, msg, FieldId::UpdateAttrsLength), FieldId::UpdateAttrsLength, 28, 2, "63");
  const std::uint32_t attrs = only(t, msg, FieldId::UpdateAttrs);
  EXPECT_EQ(t.node(attrs).offset, 30u);
  EXPECT_EQ(t.node(attrs).length, 63u);
  EXPECT_EQ(children(t, attrs, FieldId::Attr).size(), 8u);
  const std::uint32_t nlri = only(t, msg, FieldId::UpdateNlri);
  EXPECT_EQ(t.node(nlri).offset, 93u);
  EXPECT_EQ(t.node(nlri).length, 8u);
  const auto an = children(t, nlri, FieldId::Prefix);
  ASSERT_EQ(an.size(), 2u);
  expect_node(t, an[0], FieldId::Prefix, 93, 3, "10.2.0.0/16");
  expect_node(t, an[1], FieldId::Prefix, 96, 5, "172.16.5.128/25");
  expect_node(t, only(t, an[1], FieldId::PrefixLength), FieldId::PrefixLength, 96, 1, "25");
  expect_node(t, only(t, an[1], FieldId::PrefixBytes), FieldId::PrefixBytes, 97, 4, "ac 10 05 80");
  EXPECT_TRUE(children(t, msg, FieldId::UpdateEndOfRib).empty());
}

TEST(UpdateDecoder, OriginNextHopMedLocalPrefAtomicAggregate) {
  const DecodedMessage d = decode_checked(full_update(), negotiated(false));
  const FieldTree& t = d.tree;
  const auto a = attribute_nodes(t);
  ASSERT_EQ(a.size(), 8u);

  expect_attr(t, a[0], 30, 4, "ORIGIN: EGP", "ORIGIN (1)", "1");
  expect_flags(t, a[0], 30, "0x40 (Transitive)", 0x40);
  expect_node(t, only(t, a[0], FieldId::Origin), FieldId::Origin, 33, 1, "EGP (1)");

  expect_attr(t, a[2], 49, 7, "NEXT_HOP: 192.0.2.1", "NEXT_HOP (3)", "4");
  expect_flags(t, a[2], 49, "0x40 (Transitive)", 0x40);
  expect_node(t, only(t, a[2], FieldId::NextHop), FieldId::NextHop, 52, 4, "192.0.2.1");

  expect_attr(t, a[3], 56, 7, "MULTI_EXIT_DISC: 100", "MULTI_EXIT_DISC (4)", "4");
  expect_flags(t, a[3], 56, "0x80 (Optional)", 0x80);
  expect_node(t, only(t, a[3], FieldId::Med), FieldId::Med, 59, 4, "100");

  expect_attr(t, a[4], 63, 7, "LOCAL_PREF: 200", "LOCAL_PREF (5)", "4");
  expect_node(t, only(t, a[4], FieldId::LocalPref), FieldId::LocalPref, 66, 4, "200");

  expect_attr(t, a[5], 70, 3, "ATOMIC_AGGREGATE: present", "ATOMIC_AGGREGATE (6)", "0");
  const std::uint32_t atomic = only(t, a[5], FieldId::AtomicAggregate);
  EXPECT_EQ(t.node(atomic).length, 0u);
  EXPECT_EQ(t.value(atomic), "present");
}

TEST(UpdateDecoder, AsPathSegmentsWithTwoOctetAsns) {
  const DecodedMessage d = decode_checked(full_update(), negotiated(false));
  const FieldTree& t = d.tree;
  const std::uint32_t attr = attribute_nodes(t).at(1);
  expect_attr(t, attr, 34, 15, "AS_PATH: 65001 65002 {64512,64513}", "AS_PATH (2)", "12");
  const std::uint32_t path = only(t, attr, FieldId::AsPath);
  expect_node(t, path, FieldId::AsPath, 37, 12, "65001 65002 {64512,64513}  (2-byte ASNs)");
  const auto segments = children(t, path, FieldId::AsPathSegment);
  ASSERT_EQ(segments.size(), 2u);
  expect_node(t, segments[0], FieldId::AsPathSegment, 37, 6, "AS_SEQUENCE (2): 65001 65002");
  expect_node(t, only(t, segments[0], FieldId::AsPathSegmentType), FieldId::AsPathSegmentType, 37,
              1, "AS_SEQUENCE (2)");
  expect_node(t, only(t, segments[0], FieldId::AsPathSegmentLength), FieldId::AsPathSegmentLength,
              38, 1, "2");
  const auto first = children(t, segments[0], FieldId::AsPathAsn);
  ASSERT_EQ(first.size(), 2u);
  expect_node(t, first[0], FieldId::AsPathAsn, 39, 2, "65001");
  expect_node(t, first[1], FieldId::AsPathAsn, 41, 2, "65002");
  expect_node(t, segments[1], FieldId::AsPathSegment, 43, 6, "AS_SET (1): 64512,64513");
  const auto second = children(t, segments[1], FieldId::AsPathAsn);
  ASSERT_EQ(second.size(), 2u);
  expect_node(t, second[0], FieldId::AsPathAsn, 45, 2, "64512");
  expect_node(t, second[1], FieldId::AsPathAsn, 47, 2, "64513");
}

TEST(UpdateDecoder, ConfederationSegmentsAreBracketed) {
  // RFC 5065 §3: AS_CONFED_SEQUENCE (3) and AS_CONFED_SET (4).
  const ByteVector m =
      gen::update({{},
                   {gen::origin(0),
                    gen::as_path({{3, {64600, 64601}}, {4, {64700, 64701}}, {2, {65001}}}, false)},
                   {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  const auto path = d.tree.find_first(FieldId::AsPath);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(d.tree.value(*path), "(64600 64601) [64700,64701] 65001  (2-byte ASNs)");
}

TEST(UpdateDecoder, AggregatorAndCommunitiesWithWellKnownNames) {
  const DecodedMessage d = decode_checked(full_update(), negotiated(false));
  const FieldTree& t = d.tree;
  const auto a = attribute_nodes(t);
  ASSERT_EQ(a.size(), 8u);
  expect_attr(t, a[6], 73, 9, "AGGREGATOR: AS 65001, 10.0.0.1", "AGGREGATOR (7)", "6");
  expect_flags(t, a[6], 73, "0xc0 (Optional, Transitive)", 0xC0);
  expect_node(t, only(t, a[6], FieldId::AggregatorAs), FieldId::AggregatorAs, 76, 2, "65001");
  expect_node(t, only(t, a[6], FieldId::AggregatorAddress), FieldId::AggregatorAddress, 78, 4,
              "10.0.0.1");

  expect_attr(t, a[7], 82, 11, "COMMUNITIES: 65001:100 NO_EXPORT", "COMMUNITIES (8)", "8");
  const auto c = children(t, a[7], FieldId::Community);
  ASSERT_EQ(c.size(), 2u);
  expect_node(t, c[0], FieldId::Community, 85, 4, "65001:100");
  // RFC 1997: NO_EXPORT is 0xFFFFFF01.
  expect_node(t, c[1], FieldId::Community, 89, 4, "NO_EXPORT (65535:65281)");
}

TEST(UpdateDecoder, OtherWellKnownCommunities) {
  const ByteVector m = gen::update(
      {{}, {gen::communities({0xFFFFFF02, 0xFFFFFF03, 0xFFFF029A, 0xFFFF0000, 0xFFFFFF05})}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  const auto attr = d.tree.find_first(FieldId::Attr);
  ASSERT_TRUE(attr.has_value());
  // NO_ADVERTISE, NO_EXPORT_SUBCONFED (RFC 1997), BLACKHOLE (RFC 7999), GRACEFUL_SHUTDOWN
  // (RFC 8326); 0xFFFFFF05 is in the reserved range without a name.
  EXPECT_EQ(d.tree.value(*attr),
            "COMMUNITIES: NO_ADVERTISE NO_EXPORT_SUBCONFED BLACKHOLE "
            "GRACEFUL_SHUTDOWN 65535:65285");
}

TEST(UpdateDecoder, ExtendedLengthFlagMeansATwoByteLength) {
  // ORIGIN with Extended Length: 50 01 00 01 00 at 23.
  using namespace gen;
  const ByteVector origin_ext = attribute(0x50, 1, ByteVector{0});
  ASSERT_EQ(origin_ext, (ByteVector{0x50, 0x01, 0x00, 0x01, 0x00}));
  const ByteVector m = update({{}, {origin_ext}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.attributes.size(), 1u);
  EXPECT_EQ(d.attributes[0].offset, 23u);
  EXPECT_EQ(d.attributes[0].length, 5u);
  const FieldTree& t = d.tree;
  const std::uint32_t attr = attribute_nodes(t).at(0);
  expect_attr(t, attr, 23, 5, "ORIGIN: IGP", "ORIGIN (1)", "1", 2);
  expect_flags(t, attr, 23, "0x50 (Transitive, Extended Length)", 0x50);
  expect_node(t, only(t, attr, FieldId::Origin), FieldId::Origin, 27, 1, "IGP (0)");

  // A value over 255 bytes needs the flag: 70 communities are 280 bytes.
  std::vector<std::uint32_t> many;
  for (std::uint32_t i = 0; i < 70; ++i)
    many.push_back(0xFDE90000 + i);
  const ByteVector big = update({{}, {communities(many)}, {}});
  const DecodedMessage b = decode_checked(big, negotiated(false));
  EXPECT_TRUE(b.problems.empty());
  ASSERT_EQ(b.attributes.size(), 1u);
  EXPECT_EQ(b.attributes[0].length, 284u);
  const std::uint32_t comm = attribute_nodes(b.tree).at(0);
  expect_flags(b.tree, comm, 23, "0xd0 (Optional, Transitive, Extended Length)", 0xD0);
  expect_node(b.tree, only(b.tree, comm, FieldId::AttrLength), FieldId::AttrLength, 25, 2, "280");
  const auto c = children(b.tree, comm, FieldId::Community);
  ASSERT_EQ(c.size(), 70u);
  expect_node(b.tree, c[69], FieldId::Community, 27 + 69 * 4, 4, "65001:69");
}

TEST(UpdateDecoder, FourOctetAsPathAndAggregatorOnAFourOctetSession) {
  // 23 ORIGIN (4); 27 AS_PATH 40 02 0a, one AS_SEQUENCE of two 4-byte ASNs from 30;
  // 40 AGGREGATOR c0 07 08, AS at 43 and address at 47.
  using namespace gen;
  const ByteVector m = update({{},
                               {origin(0), as_path({{2, {4200000001u, 65001}}}, true),
                                aggregator(4200000001u, "10.0.0.1", true)},
                               {}});
  ASSERT_EQ(m.size(), 51u);
  const DecodedMessage d = decode_checked(m, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const auto a = attribute_nodes(t);
  ASSERT_EQ(a.size(), 3u);
  const std::uint32_t path = only(t, a[1], FieldId::AsPath);
  expect_node(t, path, FieldId::AsPath, 30, 10, "4200000001 65001  (4-byte ASNs)");
  const std::uint32_t seg = only(t, path, FieldId::AsPathSegment);
  const auto asns = children(t, seg, FieldId::AsPathAsn);
  ASSERT_EQ(asns.size(), 2u);
  expect_node(t, asns[0], FieldId::AsPathAsn, 32, 4, "4200000001");
  expect_node(t, asns[1], FieldId::AsPathAsn, 36, 4, "65001");
  expect_node(t, only(t, a[2], FieldId::AggregatorAs), FieldId::AggregatorAs, 43, 4, "4200000001");
  expect_node(t, only(t, a[2], FieldId::AggregatorAddress), FieldId::AggregatorAddress, 47, 4,
              "10.0.0.1");
  // The decoding context says where the AS size came from.
  const auto as4 = t.find_first(FieldId::ContextAs4);
  ASSERT_TRUE(as4.has_value());
  EXPECT_EQ(t.value(*as4), "4-byte AS numbers — negotiated, OPENs #1 and #2");
}

TEST(UpdateDecoder, As4PathAndAs4AggregatorOnATwoOctetSession) {
  // RFC 6793 §4.2.2: a speaker without 4-octet support sees AS_TRANS in AS_PATH and
  // AGGREGATOR, and the real numbers in AS4_PATH (17) and AS4_AGGREGATOR (18), always 4 bytes.
  //   23 ORIGIN (4)   27 AS_PATH (3 + 6)   36 AGGREGATOR (3 + 6)
  //   45 AS4_PATH c0 11 0a, segment from 48, ASNs at 50 and 54
  //   58 AS4_AGGREGATOR c0 12 08, AS at 61, address at 65
  using namespace gen;
  ByteWriter as4_aggregator;
  as4_aggregator.u32(4200000001u).bytes(ipv4("10.0.0.1"));
  const ByteVector m = update(
      {{},
       {origin(0), as_path({{2, {23456, 65001}}}, false), aggregator(23456, "10.0.0.1", false),
        as_path({{2, {4200000001u, 65001}}}, true, 17), attribute(0xC0, 18, as4_aggregator.data())},
       {}});
  ASSERT_EQ(m.size(), 69u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const auto a = attribute_nodes(t);
  ASSERT_EQ(a.size(), 5u);
  const std::uint32_t path = only(t, a[1], FieldId::AsPath);
  EXPECT_EQ(t.value(path), "23456 65001  (2-byte ASNs)");
  const auto trans = children(t, only(t, path, FieldId::AsPathSegment), FieldId::AsPathAsn);
  ASSERT_EQ(trans.size(), 2u);
  expect_node(t, trans[0], FieldId::AsPathAsn, 32, 2, "23456 (AS_TRANS)");
  expect_node(t, only(t, a[2], FieldId::AggregatorAs), FieldId::AggregatorAs, 39, 2,
              "23456 (AS_TRANS)");

  expect_attr(t, a[3], 45, 13, "AS4_PATH: 4200000001 65001", "AS4_PATH (17)", "10");
  const std::uint32_t as4_path = only(t, a[3], FieldId::As4Path);
  expect_node(t, as4_path, FieldId::As4Path, 48, 10, "4200000001 65001  (4-byte ASNs)");
  const auto real = children(t, only(t, as4_path, FieldId::AsPathSegment), FieldId::AsPathAsn);
  ASSERT_EQ(real.size(), 2u);
  expect_node(t, real[0], FieldId::AsPathAsn, 50, 4, "4200000001");
  expect_node(t, real[1], FieldId::AsPathAsn, 54, 4, "65001");

  expect_attr(t, a[4], 58, 11, "AS4_AGGREGATOR: AS 4200000001, 10.0.0.1", "AS4_AGGREGATOR (18)",
              "8");
  expect_node(t, only(t, a[4], FieldId::As4AggregatorAs), FieldId::As4AggregatorAs, 61, 4,
              "4200000001");
  expect_node(t, only(t, a[4], FieldId::As4AggregatorAddress), FieldId::As4AggregatorAddress, 65, 4,
              "10.0.0.1");
}

TEST(UpdateDecoder, AggregatorLengthMustMatchTheSessionAsSize) {
  using namespace gen;
  // 8 bytes on a 2-byte session and 6 on a 4-byte session are both Attribute Length Errors;
  // RFC 7606 §7.7: attribute discard. AGGREGATOR at 23, value at 26.
  const ByteVector eight = update({{}, {aggregator(65001, "10.0.0.1", true)}, {}});
  const DecodedMessage d8 = decode_checked(eight, negotiated(false));
  ASSERT_EQ(d8.problems.size(), 1u);
  expect_problem(d8.problems[0], 26, 8, Severity::Error, Treatment::AttributeDiscard,
                 "AGGREGATOR length 8 is not 6 (2-byte AS session)");
  EXPECT_FALSE(d8.tree.find_first(FieldId::AggregatorAs).has_value());

  const ByteVector six = update({{}, {aggregator(65001, "10.0.0.1", false)}, {}});
  const DecodedMessage d6 = decode_checked(six, negotiated(true));
  ASSERT_EQ(d6.problems.size(), 1u);
  expect_problem(d6.problems[0], 26, 6, Severity::Error, Treatment::AttributeDiscard,
                 "AGGREGATOR length 6 is not 8 (4-byte AS session)");
}

TEST(UpdateDecoder, UnknownOptionalAttributeIsShownRaw) {
  using namespace gen;
  const ByteVector raw{1, 2, 3};
  const ByteVector m = update({{}, {attribute(0xC0, 99, raw)}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.attributes.size(), 1u);
  EXPECT_EQ(d.attributes[0].code, 99u);
  EXPECT_EQ(d.attributes[0].offset, 23u);
  EXPECT_EQ(d.attributes[0].length, 6u);
  const std::uint32_t attr = attribute_nodes(d.tree).at(0);
  EXPECT_EQ(d.tree.node(attr).offset, 23u);
  EXPECT_EQ(d.tree.node(attr).length, 6u);
  expect_node(d.tree, only(d.tree, attr, FieldId::AttrType), FieldId::AttrType, 24, 1,
              "unassigned (99)");
  expect_node(d.tree, only(d.tree, attr, FieldId::AttrValue), FieldId::AttrValue, 26, 3,
              "01 02 03");

  // A registered code with no value decoder (Traffic Engineering, 24, RFC 5543) likewise.
  const ByteVector large(12, 0x01);
  const DecodedMessage l =
      decode_checked(update({{}, {attribute(0x80, 24, large)}, {}}), negotiated(false));
  EXPECT_TRUE(l.problems.empty());
  const std::uint32_t lattr = attribute_nodes(l.tree).at(0);
  EXPECT_EQ(l.tree.value(lattr), "Traffic Engineering: 12 bytes");
  expect_node(l.tree, only(l.tree, lattr, FieldId::AttrValue), FieldId::AttrValue, 26, 12,
              "01 01 01 01 01 01 01 01 01 01 01 01");
}

TEST(UpdateDecoder, UnrecognizedWellKnownAttributeIsASessionReset) {
  // RFC 4271 §6.3: Optional bit clear and a code the receiver does not know.
  using namespace gen;
  const ByteVector value{7};
  const ByteVector m = update({{}, {origin(0), attribute(0x40, 99, value)}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 27, 4, Severity::Error, Treatment::SessionReset,
                 "unrecognized well-known attribute 99 (NOTIFICATION 3/2");
  const std::uint32_t attr = attribute_nodes(d.tree).at(1);
  const std::uint32_t err = only(d.tree, attr, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(err).offset, 27u);
  EXPECT_EQ(d.tree.node(err).length, 4u);
  expect_node(d.tree, only(d.tree, attr, FieldId::AttrValue), FieldId::AttrValue, 30, 1, "07");
}

TEST(UpdateDecoder, PrefixWithBitsPastItsLengthGetsANote) {
  // A /23 takes three bytes (RFC 4271 §4.3); written as 0a 01 03, the last byte's low bit lies
  // past the 23 bits of the prefix.
  using namespace gen;
  ByteVector m = update({{},
                         {origin(0), as_path({{2, {65001}}}, false), next_hop("192.0.2.1")},
                         {prefix("10.1.2.0/23")}});
  ASSERT_EQ(m.size(), 45u);  // NLRI 17 0a 01 02 at 41
  m[44] = 0x03;
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  const auto prefix_node = d.tree.find_first(FieldId::Prefix);
  ASSERT_TRUE(prefix_node.has_value());
  const std::uint32_t note = only(d.tree, *prefix_node, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(note).severity, Severity::Note);
  EXPECT_EQ(d.tree.node(note).offset, 44u);
  EXPECT_EQ(d.tree.node(note).length, 1u);
}

}  // namespace
}  // namespace bgplens

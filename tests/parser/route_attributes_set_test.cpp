// ATTR_SET (RFC 6368 §5) walked with the UPDATE's own attribute walk, the effective AS path
// and aggregator of RFC 6793 §4.2.3, and BGPsec_PATH in place of AS_PATH (RFC 8205 §3).
// Offsets: the first attribute's flags at 23, its value at 26 (route_attributes_helpers.h).
#include <gtest/gtest.h>

#include <algorithm>

#include "parser/route_attributes_helpers.h"

namespace bgplens {
namespace {

using test::attr;
using test::decode_update;
using test::expect_child;
using test::expect_node;
using test::expect_problem;
using test::only;
using test::update_with;

bool has_problem(const test::Decoded& d, std::string_view text) {
  return std::any_of(d.problems().begin(), d.problems().end(), [&](const DecodeProblem& p) {
    return p.message.find(text) != std::string::npos;
  });
}

std::uint32_t find(const FieldTree& t, FieldId id) {
  const auto node = t.find_first(id);
  EXPECT_TRUE(node.has_value()) << field_info(id).key;
  return node.value_or(0);
}

// ATTR_SET of origin AS 65001 carrying ORIGIN IGP, AS_PATH 65001 (4-octet) and LOCAL_PREF 100.
const char* const kCarried = "0000fde9 40010100 4002060201 0000fde9 400504 00000064";

TEST(AttrSet, CarriedAttributesAreListedAfterTheAttrSet) {
  // LOCAL_PREF 200 at 23; ATTR_SET at 30 (value 33..56): Origin AS at 33, then ORIGIN at 37,
  // AS_PATH at 41, LOCAL_PREF at 50. The carried LOCAL_PREF is no duplicate of the UPDATE's.
  const auto d = decode_update(update_with({gen::local_pref(200), attr(0xC0, 128, kCarried)}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(1), FieldId::Attr, 30, 27, "ATTR_SET: origin AS 65001, 3 attributes");
  expect_child(t, d.attribute(1), FieldId::AttrSetOriginAs, 33, 4, "65001");
  const std::uint32_t carried =
      expect_child(t, d.attribute(1), FieldId::AttrSetAttributes, 37, 20, "3 attributes");
  const auto inner = test::children(t, carried, FieldId::Attr);
  ASSERT_EQ(inner.size(), 3u);
  expect_node(t, inner[0], FieldId::Attr, 37, 4, "ORIGIN: IGP");
  expect_node(t, inner[1], FieldId::Attr, 41, 9, "AS_PATH: 65001");
  expect_node(t, inner[2], FieldId::Attr, 50, 7, "LOCAL_PREF: 100");
  // As tshark lists them: the ATTR_SET, then what it carries.
  const std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> expected = {
      {5, 23, 7}, {128, 30, 27}, {1, 37, 4}, {2, 41, 9}, {5, 50, 7}};
  ASSERT_EQ(d.message.attributes.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const ItemRange& r = d.message.attributes[i];
    EXPECT_EQ(std::make_tuple(r.code, r.offset, r.length), expected[i]) << i;
  }
}

TEST(AttrSet, CarriedAttributesDoNotCountForTheUpdate) {
  // IPv4 NLRI with NEXT_HOP, but ORIGIN and AS_PATH only inside the ATTR_SET.
  const auto d = decode_update(update_with({gen::next_hop("192.0.2.1"), attr(0xC0, 128, kCarried)},
                                           {gen::prefix("10.0.0.0/24")}));
  ASSERT_EQ(d.problems().size(), 2u);
  expect_problem(d.problems()[0], 23, 34, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute ORIGIN");
  expect_problem(d.problems()[1], 23, 34, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute AS_PATH");
}

TEST(AttrSet, MalformedAttrSets) {
  // Shorter than the Origin AS.
  auto d = decode_update(update_with({attr(0xC0, 128, "0000fd")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 3, Severity::Error, Treatment::TreatAsWithdraw,
                 "ATTR_SET length 3 is not at least 4 (the Origin AS) (RFC 6368 §5");
  // An ATTR_SET (at 30, 8 bytes) inside the ATTR_SET at 23: not walked again.
  d = decode_update(update_with({attr(0xC0, 128, "0000fde9 c08005 0000fdea 00")}));
  ASSERT_EQ(d.problems().size(), 2u);
  expect_problem(d.problems()[0], 30, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "ATTR_SET inside an ATTR_SET");
  expect_problem(d.problems()[1], 30, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "a carried attribute is malformed, so the ATTR_SET is");
  const std::uint32_t carried = find(d.tree(), FieldId::AttrSetAttributes);
  const std::uint32_t nested = only(d.tree(), carried, FieldId::Attr);
  expect_child(d.tree(), nested, FieldId::AttrValue, 37, 1, "00");
  // MP_REACH_NLRI (at 30, 12 bytes) cannot be carried.
  d = decode_update(update_with({attr(0xC0, 128, "0000fde9 800e09 0001 01 04 c0000201 00")}));
  const auto it = std::find_if(d.problems().begin(), d.problems().end(), [](const auto& p) {
    return p.message.find("MP_REACH_NLRI cannot be carried in ATTR_SET") != std::string::npos;
  });
  ASSERT_NE(it, d.problems().end());
  expect_problem(*it, 30, 12, Severity::Error, Treatment::TreatAsWithdraw, "RFC 6368 §5");
}

TEST(AttrSet, PreRfcTwoOctetAsPathIsDecodedWithANote) {
  // AS_PATH 02 01 15b3 reads only with 2-octet AS numbers (5555), as in tcpdump's
  // bgp_vpn_attrset.pcap from 2003.
  const auto d = decode_update(update_with({attr(0xC0, 128, "0000fde9 40020402 0115b3")}));
  EXPECT_TRUE(d.problems().empty());
  const std::uint32_t carried = find(d.tree(), FieldId::AttrSetAttributes);
  expect_node(d.tree(), only(d.tree(), carried, FieldId::Attr), FieldId::Attr, 30, 7,
              "AS_PATH: 5555");
  EXPECT_EQ(test::children(d.tree(), carried, FieldId::ErrorNode).size(), 1u);
}

// RFC 6793 §4.2.3 on a 2-octet session.
TEST(EffectiveAsPath, LeadingAsPathThenAs4Path) {
  // AS_PATH 65001 23456 23456 at 23 (11 bytes); AS4_PATH 4200000001 4200000002 at 34.
  const auto d =
      decode_update(update_with({gen::as_path({{2, {65001, 23456, 23456}}}, false),
                                 gen::as_path({{2, {4200000001u, 4200000002u}}}, true, 17)}),
                    false);
  EXPECT_TRUE(d.problems().empty());
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 34, 0,
              "65001 4200000001 4200000002  (AS_PATH's first 1 AS, then AS4_PATH; RFC 6793 "
              "§4.2.3)");
  EXPECT_FALSE(d.tree().find_first(FieldId::EffectiveAggregator).has_value());
}

TEST(EffectiveAsPath, LongerAs4PathIsIgnored) {
  const auto d = decode_update(update_with({gen::as_path({{2, {65001, 23456}}}, false),
                                            gen::as_path({{2, {1, 2, 3}}}, true, 17)}),
                               false);
  // AS_PATH at 23 (9 bytes), AS4_PATH at 32.
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 32, 0,
              "65001 23456  (AS_PATH: AS4_PATH has 3 ASes, more than AS_PATH's 2, so it is "
              "ignored, RFC 6793 §4.2.3)");
}

TEST(EffectiveAsPath, SetsCountOneAndConfederationSegmentsNone) {
  // AS_PATH (65010) 65001 {23456,65002} 23456: 3 ASes. AS4_PATH {4200000001,65002}
  // 4200000002 (65010): 2 ASes once its confederation segment is discarded (RFC 6793 §6).
  const auto d = decode_update(
      update_with(
          {gen::as_path({{3, {65010}}, {2, {65001}}, {1, {23456, 65002}}, {2, {23456}}}, false),
           gen::as_path({{1, {4200000001u, 65002}}, {2, {4200000002u}}, {3, {65010}}}, true, 17)}),
      false);
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 44, 0,
              "(65010) 65001 {4200000001,65002} 4200000002  (AS_PATH's first 1 AS, then "
              "AS4_PATH; its confederation segments discarded (RFC 6793 §6); RFC 6793 §4.2.3)");
}

TEST(EffectiveAsPath, AggregatorDecidesWhetherAs4AttributesCount) {
  // AGGREGATOR 65001 (not AS_TRANS): AS4_PATH and AS4_AGGREGATOR are ignored.
  const auto as_path = gen::as_path({{2, {65001, 23456}}}, false);  // 23..31
  const auto as4_path = gen::as_path({{2, {4200000001u}}}, true, 17);
  auto d = decode_update(update_with({as_path, gen::aggregator(65001, "192.0.2.1", false),
                                      attr(0xC0, 18, "fa56ea01 c0000202"), as4_path}),
                         false);
  // AGGREGATOR at 32 (9 bytes), AS4_AGGREGATOR at 41 (11), AS4_PATH at 52.
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAggregator), FieldId::EffectiveAggregator,
              41, 0,
              "AS 65001, 192.0.2.1  (AGGREGATOR does not name AS_TRANS: AS4_AGGREGATOR and "
              "AS4_PATH are ignored, RFC 6793 §4.2.3)");
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 52, 0,
              "65001 23456  (AS_PATH: AGGREGATOR does not name AS_TRANS, so AS4_PATH is "
              "ignored, RFC 6793 §4.2.3)");
  // AGGREGATOR AS_TRANS: AS4_AGGREGATOR is the aggregator and AS4_PATH is used.
  d = decode_update(update_with({as_path, gen::aggregator(23456, "192.0.2.1", false),
                                 attr(0xC0, 18, "fa56ea01 c0000202"), as4_path}),
                    false);
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAggregator), FieldId::EffectiveAggregator,
              41, 0,
              "AS 4200000001, 192.0.2.2  (from AS4_AGGREGATOR: AGGREGATOR names AS_TRANS, RFC "
              "6793 §4.2.3)");
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 52, 0,
              "65001 4200000001  (AS_PATH's first 1 AS, then AS4_PATH; RFC 6793 §4.2.3)");
}

TEST(EffectiveAsPath, MalformedAs4PathAndAs4AggregatorAlone) {
  // AS4_PATH (at 32) whose one 4-byte AS has 2 bytes: discarded (RFC 6793 §6), which the
  // AS4_PATH decoder reports too.
  const auto as_path = gen::as_path({{2, {65001, 23456}}}, false);  // 23..31
  auto d = decode_update(update_with({as_path, attr(0xC0, 17, "0201 fa56")}), false);
  EXPECT_TRUE(has_problem(d, "segment of 1 4-byte AS numbers needs 4 bytes, 2 bytes left"));
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 32, 0,
              "65001 23456  (AS_PATH: AS4_PATH is malformed and discarded, RFC 6793 §6)");
  // AS4_AGGREGATOR (at 32) without AGGREGATOR: taken as the aggregator.
  d = decode_update(update_with({as_path, attr(0xC0, 18, "fa56ea01 c0000202")}), false);
  EXPECT_TRUE(d.problems().empty());
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAggregator), FieldId::EffectiveAggregator,
              32, 0, "AS 4200000001, 192.0.2.2  (from AS4_AGGREGATOR, RFC 6793 §4.2.3)");
  EXPECT_FALSE(d.tree().find_first(FieldId::EffectiveAsPath).has_value());
}

TEST(EffectiveAsPath, FourOctetSessionDiscardsAs4Path) {
  // AS_PATH at 23 (9 bytes), AS4_PATH at 32.
  const auto d = decode_update(update_with({gen::as_path({{2, {4200000001u}}}, true),
                                            gen::as_path({{2, {4200000001u}}}, true, 17)}),
                               true);
  expect_node(d.tree(), find(d.tree(), FieldId::EffectiveAsPath), FieldId::EffectiveAsPath, 32, 0,
              "AS_PATH  (4-octet AS session: AS4_PATH and AS4_AGGREGATOR are discarded, RFC "
              "6793 §6)");
}

TEST(BgpsecUpdate, BgpsecPathStandsInForAsPath) {
  const std::string bgpsec =
      "0008 01 00 0000fde8 001b 01 "
      "0102030405060708090a0b0c0d0e0f1011121314 0002 abcd";
  const auto reach = gen::mp_reach({afi::kIpv6, safi::kUnicast}, gen::ipv6("2001:db8::1"),
                                   {gen::prefix("2001:db8:1::/48")});
  // ORIGIN, BGPsec_PATH and IPv6 routes: no AS_PATH is missing (RFC 8205 §3).
  auto d = decode_update(update_with({gen::origin(0), attr(0x80, 33, bgpsec), reach}));
  EXPECT_TRUE(d.problems().empty());
  // With AS_PATH (at 27, 3 bytes) as well: the later of the two (BGPsec_PATH at 30) is flagged.
  d = decode_update(
      update_with({gen::origin(0), gen::as_path({}, true), attr(0x80, 33, bgpsec), reach}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 30, 38, Severity::Error, Treatment::TreatAsWithdraw,
                 "AS_PATH and BGPsec_PATH in one UPDATE (RFC 8205 §3");
  EXPECT_FALSE(has_problem(d, "missing"));
}

TEST(RouteAttributes, ArbitraryValuesKeepEveryDecodingConsistent) {
  // Pseudo-random values of 0–80 bytes for each attribute of this group, alone and inside an
  // ATTR_SET, on both session types: decode_checked applies every consistency check (depths
  // agree, nodes inside parents, problems with nodes) and the sanitizers watch the reads.
  std::uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<std::uint8_t>(seed >> 16);
  };
  for (const std::uint8_t code : {9, 10, 20, 21, 22, 26, 27, 32, 33, 35, 36, 37, 38, 128}) {
    for (int i = 0; i < 40; ++i) {
      gen::ByteVector value(next() % 81);
      for (auto& b : value)
        b = (i % 4 == 0) ? static_cast<std::uint8_t>(next() % 4) : next();
      SCOPED_TRACE(testing::Message() << "code " << int(code) << " case " << i);
      const auto plain = update_with({gen::attribute(0xC0, code, value)});
      test::decode_checked(plain, test::negotiated(i % 2 == 0));
      gen::ByteVector carried{0, 0, 0xfd, 0xe9};
      const auto inner = gen::attribute(0xC0, code, value);
      carried.insert(carried.end(), inner.begin(), inner.end());
      test::decode_checked(update_with({gen::attribute(0xC0, 128, carried)}),
                           test::negotiated(i % 2 == 1));
    }
  }
}

}  // namespace
}  // namespace bgplens

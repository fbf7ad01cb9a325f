// Route attributes with simple layouts: ORIGINATOR_ID and CLUSTER_LIST (RFC 4456 §8), OTC
// (RFC 9234 §5), LARGE_COMMUNITY (RFC 8092), AIGP (RFC 7311), the deprecated Connector and
// AS_PATHLIMIT, and PE Distinguisher Labels (RFC 6514 §8), with their RFC 7606 length errors.
// Offsets: the first attribute's flags at 23, its value at 26 (route_attributes_helpers.h).
#include <gtest/gtest.h>

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

TEST(RouteAttributes, OriginatorIdAndClusterList) {
  // ORIGINATOR_ID 192.0.2.1 at 23 (7 bytes); CLUSTER_LIST 10.0.0.1 10.0.0.2 at 30 (3 + 8).
  const auto d =
      decode_update(update_with({attr(0x80, 9, "c0000201"), attr(0x80, 10, "0a000001 0a000002")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(0), FieldId::Attr, 23, 7, "ORIGINATOR_ID: 192.0.2.1");
  expect_child(t, d.attribute(0), FieldId::OriginatorId, 26, 4, "192.0.2.1");
  expect_node(t, d.attribute(1), FieldId::Attr, 30, 11, "CLUSTER_LIST: 10.0.0.1 10.0.0.2");
  const auto ids = test::children(t, d.attribute(1), FieldId::ClusterId);
  ASSERT_EQ(ids.size(), 2u);
  expect_node(t, ids[0], FieldId::ClusterId, 33, 4, "10.0.0.1");
  expect_node(t, ids[1], FieldId::ClusterId, 37, 4, "10.0.0.2");
}

TEST(RouteAttributes, ReflectionAttributeLengthAndFlagErrors) {
  // RFC 7606 §7.9: ORIGINATOR_ID of 5 bytes; §7.10: CLUSTER_LIST of 3 and of 0 bytes.
  auto d = decode_update(update_with({attr(0x80, 9, "c000020101")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 5, Severity::Error, Treatment::TreatAsWithdraw,
                 "ORIGINATOR_ID length 5 is not 4 (RFC 7606 §7.9; NOTIFICATION 3/5");
  d = decode_update(update_with({attr(0x80, 10, "0a0000")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 3, Severity::Error, Treatment::TreatAsWithdraw,
                 "CLUSTER_LIST length 3 is not a non-zero multiple of 4 (RFC 7606 §7.10");
  d = decode_update(update_with({attr(0x80, 10, "")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 0, Severity::Error, Treatment::TreatAsWithdraw,
                 "CLUSTER_LIST length 0 is not a non-zero multiple of 4");
  // RFC 4456 §8: optional non-transitive; sent as optional transitive.
  d = decode_update(update_with({attr(0xC0, 9, "c0000201")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 23, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "flags 0xc0 do not match ORIGINATOR_ID");
}

TEST(RouteAttributes, OnlyToCustomer) {
  auto d = decode_update(update_with({attr(0xC0, 35, "0000fde9")}));
  EXPECT_TRUE(d.problems().empty());
  expect_node(d.tree(), d.attribute(), FieldId::Attr, 23, 7, "Only to Customer (OTC): AS 65001");
  expect_child(d.tree(), d.attribute(), FieldId::Otc, 26, 4, "65001");
  // RFC 9234 §5: a length other than 4 is malformed, treat-as-withdraw.
  d = decode_update(update_with({attr(0xC0, 35, "fde9")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "Only to Customer (OTC) length 2 is not 4 (RFC 9234 §5");
}

TEST(RouteAttributes, LargeCommunities) {
  // RFC 8092 §3: 65000:1:2 at 26 and 69420:0:4294967295 at 38.
  auto d = decode_update(
      update_with({attr(0xC0, 32, "0000fde8 00000001 00000002 00010f2c 00000000 ffffffff")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 27,
              "LARGE_COMMUNITY: 65000:1:2 69420:0:4294967295");
  const auto lcs = test::children(t, d.attribute(), FieldId::LargeCommunity);
  ASSERT_EQ(lcs.size(), 2u);
  expect_node(t, lcs[0], FieldId::LargeCommunity, 26, 12, "65000:1:2");
  expect_child(t, lcs[0], FieldId::LargeCommunityGlobal, 26, 4, "65000");
  expect_child(t, lcs[0], FieldId::LargeCommunityLocal1, 30, 4, "1");
  expect_child(t, lcs[0], FieldId::LargeCommunityLocal2, 34, 4, "2");
  expect_node(t, lcs[1], FieldId::LargeCommunity, 38, 12, "69420:0:4294967295");
  expect_child(t, lcs[1], FieldId::LargeCommunityLocal2, 46, 4, "4294967295");
  // RFC 8092 §5: not a non-zero multiple of 12.
  d = decode_update(update_with({attr(0xC0, 32, "0000fde8 00000001 00000002 00")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 13, Severity::Error, Treatment::TreatAsWithdraw,
                 "LARGE_COMMUNITY length 13 is not a non-zero multiple of 12 (RFC 8092 §5");
}

TEST(RouteAttributes, AigpMetric) {
  // RFC 7311 §3: one AIGP TLV, type 1, length 11, metric 2000.
  const auto d = decode_update(update_with({attr(0x80, 26, "01000b 00000000000007d0")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 14, "AIGP: metric 2000");
  const std::uint32_t tlv =
      expect_child(t, d.attribute(), FieldId::AigpTlv, 26, 11, "AIGP metric 2000");
  expect_child(t, tlv, FieldId::AigpTlvType, 26, 1, "AIGP (1)");
  expect_child(t, tlv, FieldId::AigpTlvLength, 27, 2, "11");
  expect_child(t, tlv, FieldId::AigpMetric, 29, 8, "2000");
}

TEST(RouteAttributes, AigpCountsTheFirstAigpTlvAndKeepsOthers) {
  // A second AIGP TLV at 37 (ignored, RFC 7311 §3) and a TLV of type 5 at 48 with one byte.
  const auto d = decode_update(
      update_with({attr(0x80, 26, "01000b 00000000000007d0 01000b 0000000000000001 050004 ff")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 29, "AIGP: metric 2000");
  const auto tlvs = test::children(t, d.attribute(), FieldId::AigpTlv);
  ASSERT_EQ(tlvs.size(), 3u);
  expect_node(t, tlvs[1], FieldId::AigpTlv, 37, 11, "AIGP metric 1");
  expect_node(t, tlvs[2], FieldId::AigpTlv, 48, 4, "type 5");
  expect_child(t, tlvs[2], FieldId::AigpTlvType, 48, 1, "unassigned (5)");
  expect_child(t, tlvs[2], FieldId::AigpTlvValue, 51, 1, "ff");
  EXPECT_EQ(test::children(t, tlvs[1], FieldId::ErrorNode).size(), 1u);  // the note
}

TEST(RouteAttributes, MalformedAigpIsDiscarded) {
  // RFC 7311 §3.2: malformed AIGP attributes are discarded (treated as unrecognised
  // non-transitive). An AIGP TLV of length 12:
  auto d = decode_update(update_with({attr(0x80, 26, "01000c 00000000000007d0 00")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 27, 2, Severity::Error, Treatment::AttributeDiscard,
                 "AIGP TLV length 12 is not 11");
  // A TLV overrunning the attribute (11 declared, 5 left).
  d = decode_update(update_with({attr(0x80, 26, "01000b 0000")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 27, 2, Severity::Error, Treatment::AttributeDiscard,
                 "AIGP TLV length 11 exceeds the 5 bytes left");
  expect_child(d.tree(), d.attribute(), FieldId::AigpTlv, 26, 5, "");
  // One byte after the first TLV: no room for a TLV header.
  d = decode_update(update_with({attr(0x80, 26, "01000b 00000000000007d0 01")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 37, 1, Severity::Error, Treatment::AttributeDiscard,
                 "AIGP TLV header needs 3 bytes, 1 byte left");
  // The maximum metric SHOULD be taken as malformed.
  d = decode_update(update_with({attr(0x80, 26, "01000b ffffffffffffffff")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 29, 8, Severity::Warning, Treatment::AttributeDiscard,
                 "maximum value");
  // RFC 7311 §3.2: the transitive bit makes the AIGP malformed.
  d = decode_update(update_with({attr(0xC0, 26, "01000b 00000000000007d0")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 23, 1, Severity::Error, Treatment::AttributeDiscard,
                 "flags 0xc0 do not match AIGP");
}

TEST(RouteAttributes, DeprecatedConnectorAndAsPathLimit) {
  auto d = decode_update(update_with({attr(0xC0, 20, "0001 c0000201")}));
  const FieldTree* t = &d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(*t, d.attribute(), FieldId::Attr, 23, 9, "Connector (deprecated): type 1, 4 bytes");
  expect_child(*t, d.attribute(), FieldId::ConnectorType, 26, 2, "1");
  expect_child(*t, d.attribute(), FieldId::ConnectorValue, 28, 4, "c0 00 02 01");
  EXPECT_EQ(test::children(*t, d.attribute(), FieldId::ErrorNode).size(), 1u);  // deprecated
  d = decode_update(update_with({attr(0xC0, 20, "01")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 1, Severity::Error, Treatment::AttributeDiscard,
                 "length 1 is not at least 2 (the type) (RFC 6037 §5.2.3");

  // draft-ietf-idr-as-pathlimit: upper bound 10, AS 65000.
  d = decode_update(update_with({attr(0xC0, 21, "0a 0000fde8")}));
  t = &d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(*t, d.attribute(), FieldId::Attr, 23, 8,
              "AS_PATHLIMIT (deprecated): at most 10 ASes, set by AS 65000");
  expect_child(*t, d.attribute(), FieldId::AsPathLimitUpperBound, 26, 1, "10");
  expect_child(*t, d.attribute(), FieldId::AsPathLimitAs, 27, 4, "65000");
  d = decode_update(update_with({attr(0xC0, 21, "0a 00fde8")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 4, Severity::Error, Treatment::AttributeDiscard,
                 "AS_PATHLIMIT (deprecated) length 4 is not 5");
}

TEST(RouteAttributes, PeDistinguisherLabels) {
  // RFC 6514 §8: <192.0.2.1, label 100> at 26 and <192.0.2.2, label 125> at 33; each label
  // entry has the bottom-of-stack bit (0x000641 = label 100, S = 1).
  auto d = decode_update(update_with({attr(0xC0, 27, "c0000201 000641 c0000202 0007d1")}));
  const FieldTree* t = &d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(*t, d.attribute(), FieldId::Attr, 23, 17,
              "PE Distinguisher Labels: 192.0.2.1 label 100, 192.0.2.2 label 125");
  auto pairs = test::children(*t, d.attribute(), FieldId::PeDistinguisher);
  ASSERT_EQ(pairs.size(), 2u);
  expect_node(*t, pairs[0], FieldId::PeDistinguisher, 26, 7, "192.0.2.1 label 100");
  expect_child(*t, pairs[0], FieldId::PeDistinguisherAddress, 26, 4, "192.0.2.1");
  const std::uint32_t label =
      expect_child(*t, pairs[0], FieldId::Label, 30, 3, "100, bottom of stack");
  expect_child(*t, label, FieldId::LabelValue, 30, 3, "100", 0xFFFFF0);
  expect_node(*t, pairs[1], FieldId::PeDistinguisher, 33, 7, "192.0.2.2 label 125");

  // 19 bytes: one IPv6 PE.
  d = decode_update(update_with({attr(0xC0, 27, "20010db8000000000000000000000001 000641")}));
  t = &d.tree();
  EXPECT_TRUE(d.problems().empty());
  pairs = test::children(*t, d.attribute(), FieldId::PeDistinguisher);
  ASSERT_EQ(pairs.size(), 1u);
  expect_node(*t, pairs[0], FieldId::PeDistinguisher, 26, 19, "2001:db8::1 label 100");
  expect_child(*t, pairs[0], FieldId::PeDistinguisherAddress, 26, 16, "2001:db8::1");

  // 133 bytes fit 19 IPv4 pairs or 7 IPv6 ones: with no routes seen, IPv4 with a note.
  d = decode_update(update_with({gen::attribute(0xC0, 27, gen::ByteVector(133, 0))}));
  t = &d.tree();
  EXPECT_TRUE(d.problems().empty());
  EXPECT_EQ(test::children(*t, d.attribute(), FieldId::PeDistinguisher).size(), 19u);
  EXPECT_EQ(test::children(*t, d.attribute(), FieldId::ErrorNode).size(), 1u);

  d = decode_update(update_with({attr(0xC0, 27, "c0000201 000641 00")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "length 8 is not a multiple of 7 (IPv4 PEs) or 19 (IPv6 PEs) (RFC 6514 §8");
}

}  // namespace
}  // namespace bgplens

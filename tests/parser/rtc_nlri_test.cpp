// Route Target Constraint NLRI (RFC 4684 §4): whole, partial and default route targets, the
// route target types of RFC 4360 and RFC 5668, the length rules, and ADD-PATH guessing.
// Offsets: see nlri_test_messages.h (MP_REACH NLRI at 42).
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"
#include "parser/nlri_test_messages.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::negotiated;
using test::nlri_nodes;
using test::only;
using test::reach_update;

constexpr Family kRtc{1, 132};

TEST(RtcNlri, WholePartialAndDefaultRouteTargets) {
  const ByteVector nlri = {0x60, 0x00, 0x00, 0xfd, 0xe8, 0x00, 0x02, 0xfd, 0xe9,
                           0x00, 0x00, 0x00, 0x64,                                 // 96 bits
                           0x00,                                                   // default
                           0x40, 0x00, 0x00, 0xfd, 0xe8, 0x00, 0x02, 0xfd, 0xe9};  // 64 bits
  const DecodedMessage d = decode_checked(reach_update(kRtc, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 3u);
  ASSERT_EQ(d.nlri.size(), 3u);
  EXPECT_EQ(d.nlri[0].text, "65000:target:65001:100");
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 13u);
  EXPECT_TRUE(d.nlri[0].address().empty());
  EXPECT_FALSE(d.nlri[0].plain_prefix);
  EXPECT_EQ(d.nlri[1].text, "default");
  EXPECT_EQ(d.nlri[1].offset, 55u);
  EXPECT_EQ(d.nlri[1].length, 1u);
  EXPECT_EQ(d.nlri[2].text, "65000:0002fde9/32");
  EXPECT_EQ(d.nlri[2].offset, 56u);
  EXPECT_EQ(d.nlri[2].length, 9u);

  const FieldTree& t = d.tree;
  const auto nodes = nlri_nodes(t);
  ASSERT_EQ(nodes.size(), 3u);
  expect_node(t, nodes[0], FieldId::RtcNlri, 42, 13, "65000:target:65001:100");
  expect_node(t, only(t, nodes[0], FieldId::RtcLength), FieldId::RtcLength, 42, 1, "96");
  expect_node(t, only(t, nodes[0], FieldId::RtcOriginAs), FieldId::RtcOriginAs, 43, 4, "65000");
  expect_node(t, only(t, nodes[0], FieldId::RtcRouteTarget), FieldId::RtcRouteTarget, 47, 8,
              "target:65001:100");
  expect_node(t, only(t, nodes[1], FieldId::RtcLength), FieldId::RtcLength, 55, 1,
              "0 (default route target)");
  EXPECT_TRUE(test::children(t, nodes[1], FieldId::RtcOriginAs).empty());
  expect_node(t, only(t, nodes[2], FieldId::RtcRouteTarget), FieldId::RtcRouteTarget, 61, 4,
              "0002fde9/32");
}

TEST(RtcNlri, FourOctetAsAndIpv4RouteTargets) {
  // tshark 4.0 shows the first as 4294967295:100; the bytes say 4200000001:100 (RFC 5668 §3).
  const ByteVector nlri = {0x60, 0xfa, 0x56, 0xea, 0x01, 0x02, 0x02, 0xfa, 0x56,
                           0xea, 0x01, 0x00, 0x64, 0x60, 0x00, 0x00, 0xfd, 0xe8,
                           0x01, 0x02, 0xc0, 0x00, 0x02, 0x01, 0x00, 0x64};
  const DecodedMessage d = decode_checked(reach_update(kRtc, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "4200000001:target:4200000001:100");
  EXPECT_EQ(d.nlri[1].text, "65000:target:192.0.2.1:100");
}

TEST(RtcNlri, OriginAsAloneMeansAnyRouteTarget) {
  const DecodedMessage d =
      decode_checked(reach_update(kRtc, {0x20, 0x00, 0x00, 0xfd, 0xe8}), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "65000:any route target");
  EXPECT_TRUE(test::children(d.tree, nlri_nodes(d.tree).at(0), FieldId::RtcRouteTarget).empty());
}

TEST(RtcNlri, LengthOverNinetySixBitsStopsTheField) {
  const DecodedMessage d = decode_checked(reach_update(kRtc, {0x61, 0x00}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "length 97 bits exceeds the 96 of origin AS and route target (RFC 4684 §4, "
                 "RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

TEST(RtcNlri, LengthUnderThirtyTwoBitsIsAnErrorAndTheNextNlriIsRead) {
  const DecodedMessage d =
      decode_checked(reach_update(kRtc, {0x10, 0x00, 0x01, 0x00}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "length 16 bits: only the default route target has less than the 32 bits of "
                 "the origin AS (RFC 4684 §4, RFC 7606 §5.3)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "default");
  EXPECT_EQ(d.nlri[0].offset, 45u);
}

TEST(RtcNlri, TruncatedNlri) {
  const DecodedMessage d =
      decode_checked(reach_update(kRtc, {0x60, 0x00, 0x00, 0xfd, 0xe8}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 5, Severity::Error, Treatment::AfiSafiDisable,
                 "length 96 bits needs 12 bytes, 4 bytes left (RFC 7606 §5.3)");
}

TEST(RtcNlri, AddPathGuessedFromPathIdsThatReadAsDefaults) {
  // Path id 0 and a default route target read plainly as five default route targets.
  const DecodedMessage d =
      decode_checked(reach_update(kRtc, {0x00, 0x00, 0x00, 0x00, 0x00}), PeerContext::unknown());
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 0u);
  EXPECT_EQ(d.nlri[0].text, "default");
  const FieldTree& t = d.tree;
  expect_node(t, only(t, *t.find_first(FieldId::MpReachNlri), FieldId::ErrorNode),
              FieldId::ErrorNode, 42, 0,
              "ADD-PATH assumed present (heuristic): without path identifiers the bytes read as "
              "5 default route targets (length 0) among 5 NLRI");
  expect_node(t, nlri_nodes(t).at(0), FieldId::RtcNlri, 42, 5, "default path 0");
}

}  // namespace
}  // namespace bgplens

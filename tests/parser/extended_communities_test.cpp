// EXTENDED_COMMUNITIES (RFC 4360) and the IPv6 Address Specific Extended Community (RFC 5701):
// the community frame (type with its I and T bits, sub-type), the address-specific and opaque
// layouts, unknown types, the attribute summary and the RFC 7606 §7.14/§7.15 length errors.
// EVPN and flow-spec communities are in extended_communities_evpn_flowspec_test.cpp.
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "parser/extended_communities_helpers.h"

namespace bgplens {
namespace {

using test::decode_communities;
using test::expect_community;
using test::expect_field;
using test::expect_problem;
using test::ext_update;

TEST(ExtendedCommunities, RouteTargetsOfTheThreeAdministratorTypes) {
  // RFC 4360 §3.1, §3.2, §4 and RFC 5668 §2: 0x0002 AS 65000 : 100, 0x0102 192.0.2.1 : 100,
  // 0x0202 AS 70000 : 100. Attribute at 23 (3 + 24 octets), communities at 26, 34, 42.
  const auto d =
      decode_communities(ext_update("0002fde800000064 0102c00002010064 0202000111700064"));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  test::expect_node(
      t, d.attribute, FieldId::Attr, 23, 27,
      "EXTENDED_COMMUNITIES: target:65000:100, target:192.0.2.1:100, target:70000:100");
  ASSERT_EQ(d.communities.size(), 3u);
  expect_community(t, d.communities[0], 26, 8, "target:65000:100",
                   "0x00 (Transitive Two-Octet AS-Specific)", "0x02 (Route Target)");
  expect_field(t, d.communities[0], FieldId::ExtCommGlobalAs, 28, 2, "65000");
  expect_field(t, d.communities[0], FieldId::ExtCommLocalAdmin, 30, 4, "100");
  expect_community(t, d.communities[1], 34, 8, "target:192.0.2.1:100",
                   "0x01 (Transitive IPv4-Address-Specific)", "0x02 (Route Target)");
  expect_field(t, d.communities[1], FieldId::ExtCommGlobalIpv4, 36, 4, "192.0.2.1");
  expect_field(t, d.communities[1], FieldId::ExtCommLocalAdmin, 40, 2, "100");
  expect_community(t, d.communities[2], 42, 8, "target:70000:100",
                   "0x02 (Transitive Four-Octet AS-Specific)", "0x02 (Route Target)");
  expect_field(t, d.communities[2], FieldId::ExtCommGlobalAs, 44, 4, "70000");
  expect_field(t, d.communities[2], FieldId::ExtCommLocalAdmin, 48, 2, "100");
}

TEST(ExtendedCommunities, OtherAddressSpecificSubTypesAndUnassignedOnes) {
  const auto d = decode_communities(ext_update(
      "0003fde800000001 0009fde800000000 010bc00002010005 4080fde800001388 0007fde800000064 "
      "4202000111700064"));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.communities.size(), 6u);
  // RFC 4360 §5: the Local Administrator of a two-octet-AS route origin is a 4-octet number.
  expect_community(t, d.communities[0], 26, 8, "origin:65000:1",
                   "0x00 (Transitive Two-Octet AS-Specific)", "0x03 (Route Origin)");
  expect_field(t, d.communities[0], FieldId::ExtCommLocalAdmin, 30, 4, "1");
  // RFC 6514 §6 (Source AS) and §7 (VRF Route Import).
  expect_community(t, d.communities[1], 34, 8, "source-as:65000:0",
                   "0x00 (Transitive Two-Octet AS-Specific)", "0x09 (Source AS)");
  expect_community(t, d.communities[2], 42, 8, "vrf-import:192.0.2.1:5",
                   "0x01 (Transitive IPv4-Address-Specific)", "0x0b (VRF Route Import)");
  expect_field(t, d.communities[2], FieldId::ExtCommGlobalIpv4, 44, 4, "192.0.2.1");
  expect_field(t, d.communities[2], FieldId::ExtCommLocalAdmin, 48, 2, "5");
  // The T bit set: a non-transitive type.
  expect_community(t, d.communities[3], 50, 8, "vni:65000:5000",
                   "0x40 (Non-Transitive Two-Octet AS-Specific)",
                   "0x80 (Virtual-Network Identifier)");
  // Unassigned sub-types keep their type's layout (RFC 4360 §3.1, RFC 5668 §2) and are no error
  // (RFC 7606 §7.14).
  expect_community(t, d.communities[4], 58, 8, "unknown:0x0007:65000:100",
                   "0x00 (Transitive Two-Octet AS-Specific)", "0x07");
  expect_field(t, d.communities[4], FieldId::ExtCommGlobalAs, 60, 2, "65000");
  expect_field(t, d.communities[4], FieldId::ExtCommLocalAdmin, 62, 4, "100");
  expect_community(t, d.communities[5], 66, 8, "unknown:0x4202:70000:100",
                   "0x42 (Non-Transitive Four-Octet AS-Specific)", "0x02");
}

TEST(ExtendedCommunities, DataCollectionValues) {
  // RFC 4384: 0x1a0c = region 3 (Asia), no satellite, country 524; 6 = upstream routes.
  const auto d = decode_communities(ext_update("0008fde800001a0c 0208000111700006"));
  const FieldTree& t = d.tree();
  ASSERT_EQ(d.communities.size(), 2u);
  expect_community(t, d.communities[0], 26, 8, "data-collection:65000:6668",
                   "0x00 (Transitive Two-Octet AS-Specific)", "0x08 (BGP Data Collection)");
  expect_field(t, d.communities[0], FieldId::ExtCommLocalAdmin, 30, 4, "6668");
  expect_field(t, d.communities[0], FieldId::ExtCommDataCollection, 32, 2,
               "6668 (region 3 Asia, country 524)");
  expect_community(t, d.communities[1], 34, 8, "data-collection:70000:6",
                   "0x02 (Transitive Four-Octet AS-Specific)", "0x08 (BGP Data Collection)");
  expect_field(t, d.communities[1], FieldId::ExtCommGlobalAs, 36, 4, "70000");
  expect_field(t, d.communities[1], FieldId::ExtCommDataCollection, 40, 2, "6 (upstream routes)");
}

TEST(ExtendedCommunities, OpaqueCommunities) {
  const auto d = decode_communities(ext_update(
      "030b000000000064 030b40000000000a 030c000000000008 030c00000000000b 030c000000000063 "
      "030d000000000000 0306000000000501 4300000000000002 4301800100000064 0309800001010101"));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.communities.size(), 10u);
  // RFC 9012 §4.3: Flags (2), Color (4); the CO bits are the top two flags (RFC 9256 §8.8.1).
  expect_community(t, d.communities[0], 26, 8, "color:100", "0x03 (Transitive Opaque)",
                   "0x0b (Color)");
  const std::uint32_t flags = test::only(t, d.communities[0], FieldId::ExtCommColorFlags);
  test::expect_node(t, flags, FieldId::ExtCommColorFlags, 28, 2, "0x0000");
  expect_field(t, flags, FieldId::ExtCommColorOnly, 28, 2,
               "00 (policy with the route's color and endpoint)", 0xC000);
  expect_field(t, d.communities[0], FieldId::ExtCommColorValue, 30, 4, "100");
  expect_community(t, d.communities[1], 34, 8, "color:10:co=01", "0x03 (Transitive Opaque)",
                   "0x0b (Color)");
  expect_field(t, test::only(t, d.communities[1], FieldId::ExtCommColorFlags),
               FieldId::ExtCommColorOnly, 36, 2, "01 (or a null-endpoint policy of the color)",
               0xC000);
  // RFC 9012 §4.1: Reserved (4), Tunnel Type (2).
  expect_community(t, d.communities[2], 42, 8, "encap:VXLAN", "0x03 (Transitive Opaque)",
                   "0x0c (Encapsulation)");
  expect_field(t, d.communities[2], FieldId::ExtCommReserved, 44, 4, "0");
  expect_field(t, d.communities[2], FieldId::ExtCommTunnelType, 48, 2, "8 (VXLAN)");
  EXPECT_EQ(t.value(d.communities[3]), "encap:MPLS-in-GRE");
  EXPECT_EQ(t.value(d.communities[4]), "encap:99");
  expect_field(t, d.communities[4], FieldId::ExtCommTunnelType, 64, 2, "99");
  // RFC 7432 §10.1: the value is reserved.
  expect_community(t, d.communities[5], 66, 8, "default-gateway", "0x03 (Transitive Opaque)",
                   "0x0d (Default Gateway)");
  expect_field(t, d.communities[5], FieldId::ExtCommReserved, 68, 6, "0");
  // RFC 4577 §4.2.6: area 0.0.0.0, type 5 (external), options 0x01 (metric type 2).
  expect_community(t, d.communities[6], 74, 8, "ospf-route-type:0.0.0.0:5:1",
                   "0x03 (Transitive Opaque)", "0x06 (OSPF Route Type)");
  expect_field(t, d.communities[6], FieldId::ExtCommOspfArea, 76, 4, "0.0.0.0");
  expect_field(t, d.communities[6], FieldId::ExtCommOspfRouteType, 80, 1, "5 (external)");
  expect_field(t, d.communities[6], FieldId::ExtCommOspfOptions, 81, 1, "0x01 (metric type 2)");
  // RFC 8097 §2: Reserved (5), validation state 2 = invalid.
  expect_community(t, d.communities[7], 82, 8, "origin-validation:invalid",
                   "0x43 (Non-Transitive Opaque)", "0x00 (BGP Origin Validation State)");
  expect_field(t, d.communities[7], FieldId::ExtCommReserved, 84, 5, "0");
  expect_field(t, d.communities[7], FieldId::ExtCommOriginValidation, 89, 1, "2 (invalid)");
  // draft-ietf-idr-custom-decision: point of insertion 128, community id 1, cost 100.
  expect_community(t, d.communities[8], 90, 8, "cost:128:1:100", "0x43 (Non-Transitive Opaque)",
                   "0x01 (Cost Community)");
  expect_field(t, d.communities[8], FieldId::ExtCommCostPoi, 92, 1,
               "128 (ABSOLUTE_VALUE, before all steps)");
  expect_field(t, d.communities[8], FieldId::ExtCommCostId, 93, 1, "1");
  expect_field(t, d.communities[8], FieldId::ExtCommCostValue, 94, 4, "100");
  // An opaque sub-type without a decoder here (as a UPA capture sends it): raw, no error.
  expect_community(t, d.communities[9], 98, 8, "unknown:0x0309:800001010101",
                   "0x03 (Transitive Opaque)", "0x09");
  expect_field(t, d.communities[9], FieldId::ExtCommValue, 100, 6, "800001010101");
}

TEST(ExtendedCommunities, UnknownTypesAreShownRawAndAreNoError) {
  // RFC 7606 §7.14: "a BGP speaker MUST NOT treat an unrecognized Extended Community Type or
  // Sub-Type as an error". A reserved field that is not zero is shown, not flagged.
  const auto d = decode_communities(ext_update("2500498a00000262 030d000000000001"));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.communities.size(), 2u);
  expect_community(t, d.communities[0], 26, 8, "unknown:0x2500:498a00000262", "0x25", "0x00");
  expect_field(t, d.communities[0], FieldId::ExtCommValue, 28, 6, "498a00000262");
  expect_field(t, d.communities[1], FieldId::ExtCommReserved, 36, 6,
               "000000000001 (should be zero)");
}

TEST(ExtendedCommunities, SummaryListsSixteenTextsAndCountsTheRest) {
  std::string value;
  for (int i = 1; i <= 20; ++i) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "0002fde8%08x", i);
    value += buf;
  }
  const auto d = decode_communities(ext_update(value));
  ASSERT_EQ(d.communities.size(), 20u);
  std::string summary = "EXTENDED_COMMUNITIES: ";
  for (int i = 1; i <= 16; ++i)
    summary += (i > 1 ? ", target:65000:" : "target:65000:") + std::to_string(i);
  summary += ", … (20 in all)";
  EXPECT_EQ(d.tree().value(d.attribute), summary);
}

TEST(ExtendedCommunities, ExtendedLengthAttribute) {
  // Flags 0xd0: a 2-octet length at 25, so the value starts at 27.
  const auto d = decode_communities(ext_update("0002fde800000064", 16, 0xD0));
  ASSERT_EQ(d.communities.size(), 1u);
  EXPECT_TRUE(d.message.problems.empty());
  expect_community(d.tree(), d.communities[0], 27, 8, "target:65000:100",
                   "0x00 (Transitive Two-Octet AS-Specific)", "0x02 (Route Target)");
}

TEST(ExtendedCommunities, LengthNotAMultipleOfEightIsTreatAsWithdraw) {
  // RFC 7606 §7.14: 12 octets. The whole community at 26 is shown; the 4 octets after it are
  // the error.
  const auto d = decode_communities(ext_update("0002fde800000064 01020304"));
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 34, 4, Severity::Error, Treatment::TreatAsWithdraw,
                 "EXTENDED_COMMUNITIES length 12 is not a multiple of 8: 4 bytes after the last "
                 "whole community (RFC 7606 §7.14: treat-as-withdraw");
  ASSERT_EQ(d.communities.size(), 1u);
  EXPECT_EQ(d.tree().value(d.attribute), "EXTENDED_COMMUNITIES: target:65000:100");
}

TEST(ExtendedCommunities, EmptyAttributeIsTreatAsWithdraw) {
  // RFC 7606 §7.14: the length must be a non-zero multiple of 8; the error covers the Length
  // field at 25.
  const auto d = decode_communities(ext_update(""));
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 25, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "EXTENDED_COMMUNITIES length 0 is not a non-zero multiple of 8 (RFC 7606 §7.14");
  EXPECT_TRUE(d.communities.empty());
  EXPECT_EQ(d.tree().value(d.attribute), "EXTENDED_COMMUNITIES: none");
}

TEST(ExtendedCommunities, WrongFlagsAreTreatAsWithdraw) {
  // RFC 4360 §2: optional transitive; RFC 7606 §3.c: a flags conflict is treat-as-withdraw. The
  // communities are still decoded.
  const auto d = decode_communities(ext_update("0002fde800000064", 16, 0x80));
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 23, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "do not match EXTENDED_COMMUNITIES");
  ASSERT_EQ(d.communities.size(), 1u);
  EXPECT_EQ(d.tree().value(d.communities[0]), "target:65000:100");
}

TEST(Ipv6ExtendedCommunities, RedirectRouteTargetAndUnassigned) {
  // RFC 5701 §2: Type, Sub-Type, IPv6 Global Administrator (16), Local Administrator (2).
  // Communities at 26, 46, 66.
  const auto d = decode_communities(ext_update("000c 2a020b80000000010000000000000001 0000 "
                                               "0002 20010db8000000000000000000000001 0064 "
                                               "4002 20010db8000000000000000000000001 0064",
                                               25),
                                    FieldId::Ipv6ExtCommunity);
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.communities.size(), 3u);
  const FieldId id = FieldId::Ipv6ExtCommunity;
  // draft-ietf-idr-flowspec-redirect-ip, in ExaBGP's text.
  expect_community(t, d.communities[0], 26, 20, "redirect-to-nexthop-ietf 2a02:b80:0:1::1",
                   "0x00 (Transitive IPv6-Address-Specific)", "0x0c (Flow-spec Redirect to IPv6)",
                   id);
  expect_field(t, d.communities[0], FieldId::Ipv6ExtCommGlobal, 28, 16, "2a02:b80:0:1::1");
  const std::uint32_t local = test::only(t, d.communities[0], FieldId::ExtCommLocalAdmin);
  test::expect_node(t, local, FieldId::ExtCommLocalAdmin, 44, 2, "0x0000");
  expect_field(t, local, FieldId::ExtCommFlowCopy, 44, 2, "0 (redirect)", 0x0001);
  expect_community(t, d.communities[1], 46, 20, "target:[2001:db8::1]:100",
                   "0x00 (Transitive IPv6-Address-Specific)", "0x02 (Route Target)", id);
  expect_field(t, d.communities[1], FieldId::Ipv6ExtCommGlobal, 48, 16, "2001:db8::1");
  expect_field(t, d.communities[1], FieldId::ExtCommLocalAdmin, 64, 2, "100");
  // The non-transitive registry is empty: shown with its layout, no error (RFC 7606 §7.15).
  expect_community(t, d.communities[2], 66, 20, "unknown:0x4002:[2001:db8::1]:100",
                   "0x40 (Non-Transitive IPv6-Address-Specific)", "0x02", id);
  EXPECT_EQ(t.value(d.attribute),
            "IPv6 Address Specific Extended Community: redirect-to-nexthop-ietf 2a02:b80:0:1::1, "
            "target:[2001:db8::1]:100, unknown:0x4002:[2001:db8::1]:100");
}

TEST(Ipv6ExtendedCommunities, LengthNotAMultipleOfTwentyIsTreatAsWithdraw) {
  // RFC 7606 §7.15: 8 octets hold no whole community; they are all the error.
  const auto d = decode_communities(ext_update("0002fde800000064", 25), FieldId::Ipv6ExtCommunity);
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 26, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "IPv6 Address Specific Extended Community length 8 is not a multiple of 20: 8 "
                 "bytes after the last whole community (RFC 7606 §7.15: treat-as-withdraw");
  EXPECT_TRUE(d.communities.empty());
  const auto empty = decode_communities(ext_update("", 25), FieldId::Ipv6ExtCommunity);
  ASSERT_EQ(empty.message.problems.size(), 1u);
  expect_problem(empty.message.problems[0], 25, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "length 0 is not a non-zero multiple of 20 (RFC 7606 §7.15");
}

TEST(ExtendedCommunities, SummaryDepthFormatsNothingAndFindsTheSameProblems) {
  const gen::ByteVector m = ext_update("0002fde800000064 0102");
  const DecodedMessage summary = decode_message(m, test::negotiated(true), Depth::Summary);
  EXPECT_TRUE(summary.tree.empty());
  ASSERT_EQ(summary.problems.size(), 1u);
  EXPECT_EQ(summary.problems[0].offset, 34u);
  EXPECT_EQ(summary.problems[0].length, 2u);
}

}  // namespace
}  // namespace bgplens

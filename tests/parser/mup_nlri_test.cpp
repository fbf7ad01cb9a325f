// BGP-MUP NLRI (draft-mpmz-bess-mup-safi §3.1): the four 3GPP 5G route types with ExaBGP's
// encodings (conf-srv6-mup, conf-srv6-mup-v3), the optional source address, TEIDs shorter than
// 32 bits, trailing TLVs, unknown architectures, and malformed routes. Offsets: see
// nlri_test_messages.h (NLRI at 42; arch 42, route type 43–44, length 45, RD 46–53).
#include <gtest/gtest.h>

#include <algorithm>

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

constexpr Family kMup4{1, 85};
constexpr Family kMup6{2, 85};

ByteVector route(std::uint16_t type, const ByteVector& after_rd, std::uint8_t arch = 1) {
  const std::uint8_t head[] = {arch,
                               static_cast<std::uint8_t>(type >> 8),
                               static_cast<std::uint8_t>(type),
                               static_cast<std::uint8_t>(8 + after_rd.size()),
                               0x00,
                               0x00,
                               0x00,
                               0x64,
                               0x00,
                               0x00,
                               0x00,
                               0x64};  // RD 100:100
  ByteVector out(sizeof head + after_rd.size());
  std::copy(std::begin(head), std::end(head), out.begin());
  std::copy(after_rd.begin(), after_rd.end(), out.begin() + sizeof head);
  return out;
}

TEST(MupNlri, InterworkSegmentDiscovery) {
  const DecodedMessage d =
      decode_checked(reach_update(kMup4, route(1, {0x18, 0x0a, 0x00, 0x01})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "ISD RD 100:100 prefix 10.0.1.0/24");
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 16u);
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MupArchitecture), FieldId::MupArchitecture, 42, 1,
              "3GPP 5G (1)");
  expect_node(t, only(t, p, FieldId::MupRouteType), FieldId::MupRouteType, 43, 2,
              "Interwork Segment Discovery (1)");
  expect_node(t, only(t, p, FieldId::MupLength), FieldId::MupLength, 45, 1, "12");
  expect_node(t, only(t, p, FieldId::Rd), FieldId::Rd, 46, 8, "100:100");
  expect_node(t, only(t, p, FieldId::MupPrefix), FieldId::MupPrefix, 54, 4, "10.0.1.0/24");
}

TEST(MupNlri, DirectSegmentDiscovery) {
  const DecodedMessage d =
      decode_checked(reach_update(kMup4, route(2, {0x0a, 0x00, 0x00, 0x01})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "DSD RD 100:100 address 10.0.0.1");
  expect_node(d.tree, only(d.tree, nlri_nodes(d.tree).at(0), FieldId::MupAddress),
              FieldId::MupAddress, 54, 4, "10.0.0.1");
}

TEST(MupNlri, Type1SessionTransformedWithSource) {
  const ByteVector after_rd = {0x20, 0xc0, 0xa8, 0x00, 0x02, 0x00, 0x00, 0x30, 0x39, 0x09,
                               0x20, 0x0a, 0x00, 0x00, 0x01, 0x20, 0x0a, 0x00, 0x01, 0x01};
  const DecodedMessage d =
      decode_checked(reach_update(kMup4, route(3, after_rd)), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "T1ST RD 100:100 prefix 192.168.0.2/32 TEID 12345 QFI 9 endpoint 10.0.0.1 source "
            "10.0.1.1");
  EXPECT_EQ(d.nlri[0].length, 32u);
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MupPrefix), FieldId::MupPrefix, 54, 5, "192.168.0.2/32");
  expect_node(t, only(t, p, FieldId::MupTeid), FieldId::MupTeid, 59, 4, "12345");
  expect_node(t, only(t, p, FieldId::MupQfi), FieldId::MupQfi, 63, 1, "9");
  expect_node(t, only(t, p, FieldId::MupEndpointLength), FieldId::MupEndpointLength, 64, 1, "32");
  expect_node(t, only(t, p, FieldId::MupEndpoint), FieldId::MupEndpoint, 65, 4, "10.0.0.1");
  expect_node(t, only(t, p, FieldId::MupSourceLength), FieldId::MupSourceLength, 69, 1, "32");
  expect_node(t, only(t, p, FieldId::MupSource), FieldId::MupSource, 70, 4, "10.0.1.1");
}

TEST(MupNlri, Type1SessionTransformedEndingAfterItsEndpoint) {
  // Drafts before -03 (and ExaBGP without a source) stop after the endpoint address.
  const ByteVector after_rd = {0x20, 0xc0, 0xa8, 0x00, 0x01, 0x00, 0x00, 0x30,
                               0x39, 0x09, 0x20, 0x0a, 0x00, 0x00, 0x01};
  const DecodedMessage d =
      decode_checked(reach_update(kMup4, route(3, after_rd)), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "T1ST RD 100:100 prefix 192.168.0.1/32 TEID 12345 QFI 9 endpoint 10.0.0.1");
  EXPECT_TRUE(test::children(d.tree, nlri_nodes(d.tree).at(0), FieldId::MupSourceLength).empty());
}

TEST(MupNlri, Type1SessionTransformedWithTeidZeroIsTreatedAsWithdrawn) {
  const ByteVector after_rd = {0x20, 0xc0, 0xa8, 0x00, 0x01, 0x00, 0x00, 0x00,
                               0x00, 0x09, 0x20, 0x0a, 0x00, 0x00, 0x01};
  const DecodedMessage d =
      decode_checked(reach_update(kMup4, route(3, after_rd)), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 46, 23, Severity::Error, Treatment::TreatAsWithdraw,
                 "Type 1 Session Transformed route of 23 bytes: TEID 0 is invalid; the route is "
                 "treated as withdrawn (draft-mpmz-bess-mup-safi §3.1.3)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "T1ST RD 100:100 prefix 192.168.0.1/32 TEID 0 QFI 9 endpoint 10.0.0.1 (malformed)");
}

TEST(MupNlri, Type2SessionTransformedWithATwentyThreeBitTeid) {
  // Endpoint length 55: a 32-bit address and 23 bits of TEID in 3 bytes (00 30 39).
  const DecodedMessage d = decode_checked(
      reach_update(kMup4, route(4, {0x37, 0x0a, 0x00, 0x00, 0x01, 0x00, 0x30, 0x39})),
      negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "T2ST RD 100:100 endpoint 10.0.0.1 TEID 12345");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MupEndpointLength), FieldId::MupEndpointLength, 54, 1,
              "55 (address 32 + TEID 23)");
  expect_node(t, only(t, p, FieldId::MupEndpoint), FieldId::MupEndpoint, 55, 4, "10.0.0.1");
  expect_node(t, only(t, p, FieldId::MupTeid), FieldId::MupTeid, 59, 3, "12345 (23 bits)");
}

TEST(MupNlri, Type2SessionTransformedIpv6WithTrailingTlvs) {
  ByteVector after_rd = {0xa0};
  const ByteVector endpoint = gen::ipv6("2001::1");
  after_rd.insert(after_rd.end(), endpoint.begin(), endpoint.end());
  after_rd.insert(after_rd.end(), {0x00, 0x00, 0x30, 0x39, 0x01, 0x00});
  const DecodedMessage d =
      decode_checked(reach_update(kMup6, route(4, after_rd)), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "T2ST RD 100:100 endpoint 2001::1 TEID 12345");
  expect_node(d.tree, only(d.tree, nlri_nodes(d.tree).at(0), FieldId::MupData), FieldId::MupData,
              75, 2, "01 00");
}

TEST(MupNlri, UnknownArchitectureIsSkippedByItsLength) {
  const ByteVector nlri = {0x02, 0x00, 0x01, 0x02, 0xaa, 0xbb};
  const DecodedMessage d = decode_checked(reach_update(kMup4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "architecture 2 route type 1: aabb");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MupArchitecture), FieldId::MupArchitecture, 42, 1,
              "unassigned (2)");
  expect_node(t, only(t, p, FieldId::MupData), FieldId::MupData, 46, 2, "aa bb");
}

TEST(MupNlri, Type2EndpointLengthOutOfRange) {
  const DecodedMessage d = decode_checked(
      reach_update(kMup4, route(4, {0x46, 0x0a, 0x00, 0x00, 0x01})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 46, 13, Severity::Error, Treatment::AfiSafiDisable,
                 "Type 2 Session Transformed route of 13 bytes: endpoint length 70 is not 32 to "
                 "64 bits (the AFI's address and a TEID of up to 32 bits) "
                 "(draft-mpmz-bess-mup-safi §3.1.4)");
}

TEST(MupNlri, BytesAfterAnInterworkSegmentPrefix) {
  const DecodedMessage d = decode_checked(
      reach_update(kMup4, route(1, {0x18, 0x0a, 0x00, 0x01, 0xff})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 46, 13, Severity::Error, Treatment::AfiSafiDisable,
                 "Interwork Segment Discovery route of 13 bytes: 1 byte after its prefix "
                 "(draft-mpmz-bess-mup-safi §3.1.1)");
}

TEST(MupNlri, DirectSegmentAddressMustMatchTheAfi) {
  const DecodedMessage d =
      decode_checked(reach_update(kMup6, route(2, {0x0a, 0x00, 0x00, 0x01})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 46, 12, Severity::Error, Treatment::AfiSafiDisable,
                 "Direct Segment Discovery route of 12 bytes: 4 bytes after the RD where the "
                 "AFI's address has 16 (draft-mpmz-bess-mup-safi §3.1.2)");
}

TEST(MupNlri, RouteLengthPastTheEndOfTheField) {
  const DecodedMessage d =
      decode_checked(reach_update(kMup4, {0x01, 0x00, 0x01, 0x0c, 0x00}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 5, Severity::Error, Treatment::AfiSafiDisable,
                 "route length 12 exceeds the 1 byte left (draft-mpmz-bess-mup-safi §3.1, "
                 "RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

}  // namespace
}  // namespace bgplens

// The BGP-LS NLRI walk (RFC 9552 §5.2, RFC 9514 §6): Node, Link, IPv4/IPv6 Topology Prefix and
// SRv6 SID NLRI with their descriptors, the VPN form (SAFI 72), withdrawals, ADD-PATH, unknown
// types and TLVs (kept, never errors), and the errors of RFC 9552 §8.2.2: a length that
// overruns the field (AFI/SAFI disable), and malformed TLVs inside one NLRI (NLRI discard, the
// walk goes on).
//
// reach_update(): the NLRI begin at 42; unreach_update(): at 29 (see nlri_test_messages.h).
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "parser/bgpls_test_messages.h"
#include "parser/decode_helpers.h"
#include "parser/nlri_test_messages.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::negotiated;
using test::nlri_nodes;
using test::only;
using test::reach_update;
using namespace test::ls;

// The TLV children of `parent`, in order.
std::vector<std::uint32_t> tlvs(const FieldTree& t, std::uint32_t parent) {
  return children(t, parent, FieldId::LsTlv);
}

TEST(BgplsNlri, NodeNlriWithIsisDescriptors) {
  const ByteVector n =
      nlri(1, cat({head(2, 0), tlv(256, cat({tlv(512, be32(65000)), tlv(513, be32(0)),
                                             tlv(515, {0, 0, 0, 0, 0, 0x13})}))}));
  ASSERT_EQ(n.size(), 43u);
  const DecodedMessage d = decode_checked(reach_update(kLs, n), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 43u);
  EXPECT_EQ(d.nlri[0].text, "node L2 id 0 AS 65000 bgp-ls-id 0 router 0000.0000.0013");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, p, FieldId::BgplsNlri, 42, 43, d.nlri[0].text);
  expect_node(t, only(t, p, FieldId::LsNlriType), FieldId::LsNlriType, 42, 2, "Node (1)");
  expect_node(t, only(t, p, FieldId::LsNlriLength), FieldId::LsNlriLength, 44, 2, "39");
  expect_node(t, only(t, p, FieldId::LsProtocolId), FieldId::LsProtocolId, 46, 1,
              "IS-IS Level 2 (2)");
  expect_node(t, only(t, p, FieldId::LsIdentifier), FieldId::LsIdentifier, 47, 8, "0");
  const std::uint32_t local = tlvs(t, p).at(0);
  expect_node(t, local, FieldId::LsTlv, 55, 30,
              "Local Node Descriptors (256): AS 65000 bgp-ls-id 0 router 0000.0000.0013");
  expect_node(t, only(t, local, FieldId::LsTlvType), FieldId::LsTlvType, 55, 2,
              "Local Node Descriptors (256)");
  expect_node(t, only(t, local, FieldId::LsTlvLength), FieldId::LsTlvLength, 57, 2, "26");
  const auto subs = tlvs(t, local);
  ASSERT_EQ(subs.size(), 3u);
  expect_node(t, subs[0], FieldId::LsTlv, 59, 8, "Autonomous System (512): 65000");
  expect_node(t, only(t, subs[0], FieldId::LsAsNumber), FieldId::LsAsNumber, 63, 4, "65000");
  expect_node(t, only(t, subs[1], FieldId::LsBgpLsId), FieldId::LsBgpLsId, 71, 4, "0");
  expect_node(t, only(t, subs[2], FieldId::LsIgpRouterId), FieldId::LsIgpRouterId, 79, 6,
              "0000.0000.0013");
}

TEST(BgplsNlri, LinkNlriOspfWithPseudonodeAddressesAndTopology) {
  const ByteVector local =
      tlv(256, cat({tlv(512, be32(1)), tlv(514, {0, 0, 0, 0}), tlv(515, {10, 10, 10, 10})}));
  const ByteVector remote =
      tlv(257, cat({tlv(512, be32(1)), tlv(515, {10, 1, 4, 1, 10, 1, 1, 2})}));
  const ByteVector n =
      nlri(2, cat({head(3, 0), local, remote, tlv(258, cat({be32(3), be32(4)})),
                   tlv(259, {10, 1, 1, 1}), tlv(260, {10, 1, 1, 2}), tlv(263, {0x00, 0x02})}));
  ASSERT_EQ(n.size(), 99u);
  const DecodedMessage d = decode_checked(reach_update(kLs, n), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "link OSPFv2 id 0 local AS 1 area 0.0.0.0 router 10.10.10.10 remote AS 1 router "
            "10.1.4.1 DR interface 10.1.1.2 ids 3/4 ipv4 10.1.1.1→10.1.1.2 mt 2");
  const FieldTree& t = d.tree;
  const auto top = tlvs(t, nlri_nodes(t).at(0));
  ASSERT_EQ(top.size(), 6u);
  expect_node(t, only(t, tlvs(t, top[0]).at(1), FieldId::LsOspfAreaId), FieldId::LsOspfAreaId, 71,
              4, "0.0.0.0");
  expect_node(t, only(t, tlvs(t, top[0]).at(2), FieldId::LsIgpRouterId), FieldId::LsIgpRouterId, 79,
              4, "10.10.10.10");
  // RFC 9552 §5.2.1.4: an OSPFv2 pseudonode is the DR's Router-ID and its interface address.
  const std::uint32_t dr = only(t, tlvs(t, top[1]).at(1), FieldId::LsIgpRouterId);
  expect_node(t, dr, FieldId::LsIgpRouterId, 99, 8, "10.1.4.1 DR interface 10.1.1.2");
  expect_node(t, only(t, dr, FieldId::LsDrRouterId), FieldId::LsDrRouterId, 99, 4, "10.1.4.1");
  expect_node(t, only(t, dr, FieldId::LsDrInterface), FieldId::LsDrInterface, 103, 4, "10.1.1.2");
  expect_node(t, top[2], FieldId::LsTlv, 107, 12, "Link Local/Remote Identifiers (258): 3/4");
  expect_node(t, only(t, top[2], FieldId::LsLinkLocalId), FieldId::LsLinkLocalId, 111, 4, "3");
  expect_node(t, only(t, top[2], FieldId::LsLinkRemoteId), FieldId::LsLinkRemoteId, 115, 4, "4");
  expect_node(t, only(t, top[3], FieldId::LsIpv4Interface), FieldId::LsIpv4Interface, 123, 4,
              "10.1.1.1");
  expect_node(t, only(t, top[4], FieldId::LsIpv4Neighbor), FieldId::LsIpv4Neighbor, 131, 4,
              "10.1.1.2");
  expect_node(t, only(t, top[5], FieldId::LsMtId), FieldId::LsMtId, 139, 2, "2", 0x0FFF);
}

TEST(BgplsNlri, IsisPseudonodeAndOspfv3InterfaceId) {
  // RFC 9552 §5.2.1.4: 7 octets are an IS-IS pseudonode; OSPFv3 names the DR's interface by ID.
  const ByteVector isis = nlri(1, cat({head(1, 0), tlv(256, tlv(515, {0, 0, 0, 0, 0, 0x14, 3}))}));
  const ByteVector ospf3 =
      nlri(1, cat({head(6, 0), tlv(256, tlv(515, cat({{10, 1, 4, 1}, be32(5)})))}));
  const DecodedMessage d = decode_checked(reach_update(kLs, cat({isis, ospf3})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "node L1 id 0 router 0000.0000.0014.03");
  EXPECT_EQ(d.nlri[1].text, "node OSPFv3 id 0 router 10.1.4.1 DR interface interface ID 5");
  const FieldTree& t = d.tree;
  // The first NLRI: 42 + 4 + 9 = 55 for TLV 256, its sub-TLV at 59, the value at 63.
  const std::uint32_t id =
      only(t, tlvs(t, tlvs(t, nlri_nodes(t)[0]).at(0)).at(0), FieldId::LsIgpRouterId);
  expect_node(t, id, FieldId::LsIgpRouterId, 63, 7, "0000.0000.0014.03");
  expect_node(t, only(t, id, FieldId::LsIsisSystemId), FieldId::LsIsisSystemId, 63, 6,
              "0000.0000.0014");
  expect_node(t, only(t, id, FieldId::LsPseudonodeId), FieldId::LsPseudonodeId, 69, 1, "3");
}

TEST(BgplsNlri, Ipv6PrefixNlriWithRouteTypeAndTopology) {
  const ByteVector n = nlri(4, cat({head(6, 5), tlv(256, tlv(515, {1, 2, 3, 4})), tlv(263, {0, 0}),
                                    tlv(264, {1}), tlv(265, {32, 0x20, 0x01, 0x0d, 0xb8})}));
  ASSERT_EQ(n.size(), 45u);
  const DecodedMessage d = decode_checked(reach_update(kLs, n), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "prefix6 OSPFv3 id 5 router 1.2.3.4 2001:db8::/32 ospf Intra-Area mt 0");
  const FieldTree& t = d.tree;
  const auto top = tlvs(t, nlri_nodes(t).at(0));
  ASSERT_EQ(top.size(), 4u);
  expect_node(t, only(t, top[2], FieldId::LsOspfRouteType), FieldId::LsOspfRouteType, 77, 1,
              "Intra-Area (1)");
  const std::uint32_t reach = only(t, top[3], FieldId::LsReachability);
  expect_node(t, reach, FieldId::LsReachability, 82, 5, "2001:db8::/32");
  expect_node(t, only(t, reach, FieldId::LsReachPrefixLength), FieldId::LsReachPrefixLength, 82, 1,
              "32");
  expect_node(t, only(t, reach, FieldId::LsReachPrefixBytes), FieldId::LsReachPrefixBytes, 83, 4,
              "20 01 0d b8");
}

TEST(BgplsNlri, Ipv4PrefixWithBitsPastItsLengthIsANoteOnly) {
  // RFC 9552 §5.2.3.2: trailing bits must be 0; a semantic rule, so only a note (§8.2.2).
  const ByteVector n =
      nlri(3, cat({head(3, 0), tlv(256, tlv(515, {1, 2, 3, 4})), tlv(265, {23, 10, 1, 3})}));
  const DecodedMessage d = decode_checked(reach_update(kLs, n), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "prefix4 OSPFv2 id 0 router 1.2.3.4 10.1.3.0/23");
  const FieldTree& t = d.tree;
  const std::uint32_t reach = only(t, tlvs(t, nlri_nodes(t).at(0)).at(1), FieldId::LsReachability);
  // TLV 265 at 67, its value at 71: the last prefix octet at 74.
  const std::uint32_t note = only(t, reach, FieldId::ErrorNode);
  EXPECT_EQ(t.node(note).offset, 74u);
  EXPECT_EQ(t.node(note).severity, Severity::Note);
}

TEST(BgplsNlri, Srv6SidNlri) {
  const ByteVector sid = gen::ipv6("fc00::1");
  const ByteVector n = nlri(6, cat({head(2, 0), tlv(256, tlv(515, {0, 0, 0, 0, 0, 1})),
                                    tlv(263, {0, 2}), tlv(518, sid)}));
  const DecodedMessage d = decode_checked(reach_update(kLs, n), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "srv6-sid L2 id 0 router 0000.0000.0001 sid fc00::1 mt 2");
  const FieldTree& t = d.tree;
  // 42 + 4 + 9 = 55: TLV 256 (14 octets), TLV 263 at 69 (6), TLV 518 at 75, its value at 79.
  const std::uint32_t info = tlvs(t, nlri_nodes(t).at(0)).at(2);
  expect_node(t, info, FieldId::LsTlv, 75, 20, "SRv6 SID Information (518): fc00::1");
  expect_node(t, only(t, info, FieldId::LsSrv6Sid), FieldId::LsSrv6Sid, 79, 16, "fc00::1");
}

TEST(BgplsNlri, VpnNlriCarriesARouteDistinguisherAfterItsLength) {
  const ByteVector n =
      nlri(1, cat({{0, 0, 0xfd, 0xe8, 0, 0, 0, 1}, head(2, 0), tlv(256, tlv(512, be32(65000)))}));
  const DecodedMessage d = decode_checked(reach_update(kLsVpn, n), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].family, kLsVpn);
  EXPECT_EQ(d.nlri[0].length, 33u);
  EXPECT_EQ(d.nlri[0].text, "RD 65000:1 node L2 id 0 AS 65000");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::LsNlriLength), FieldId::LsNlriLength, 44, 2, "29");
  expect_node(t, only(t, p, FieldId::Rd), FieldId::Rd, 46, 8, "65000:1");
  expect_node(t, only(t, p, FieldId::LsProtocolId), FieldId::LsProtocolId, 54, 1,
              "IS-IS Level 2 (2)");
  expect_node(t, tlvs(t, p).at(0), FieldId::LsTlv, 63, 12,
              "Local Node Descriptors (256): AS 65000");
}

TEST(BgplsNlri, WithdrawalsInMpUnreach) {
  const DecodedMessage d = decode_checked(
      test::unreach_update(kLs, cat({isis_node(1), isis_node(2)})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.withdrawn, 2u);
  EXPECT_EQ(d.update.announced, 0u);
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(d.nlri[0].offset, 29u);
  EXPECT_EQ(d.nlri[0].length, 27u);
  EXPECT_EQ(d.nlri[1].offset, 56u);
  EXPECT_EQ(d.nlri[1].text, "node L2 id 0 router 0000.0000.0002");
}

TEST(BgplsNlri, NegotiatedAddPathPutsAPathIdentifierFirst) {
  const DecodedMessage d =
      decode_checked(reach_update(kLs, cat({be32(7), isis_node(1)})), negotiated(true, {kLs}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 7u);
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 31u);
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  EXPECT_EQ(t.value(p), "node L2 id 0 router 0000.0000.0001 path 7");
  expect_node(t, only(t, p, FieldId::PathId), FieldId::PathId, 42, 4, "7");
  expect_node(t, only(t, p, FieldId::LsNlriType), FieldId::LsNlriType, 46, 2, "Node (1)");
}

TEST(BgplsNlri, UnknownNlriTypeAndUnknownTlvAreKeptWithoutError) {
  // RFC 9552 §5.2 / RFC 7606 §5.4: an unknown NLRI type is skipped by its length; §5.1: a TLV
  // the receiver does not know is kept.
  const ByteVector unknown_type = nlri(9, {1, 2, 3});
  const ByteVector unknown_tlv =
      nlri(1, cat({head(2, 0), tlv(256, tlv(512, be32(1))), tlv(300, {0xab})}));
  const DecodedMessage d =
      decode_checked(reach_update(kLs, cat({unknown_type, unknown_tlv})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "type 9 (3 bytes)");
  EXPECT_EQ(d.nlri[1].text, "node L2 id 0 AS 1 tlv 300");
  const FieldTree& t = d.tree;
  const auto prefixes = nlri_nodes(t);
  expect_node(t, only(t, prefixes[0], FieldId::LsTlvValue), FieldId::LsTlvValue, 46, 3, "01 02 03");
  EXPECT_EQ(t.node(only(t, prefixes[0], FieldId::ErrorNode)).severity, Severity::Note);
  // The second NLRI at 49: TLV 256 at 62 (12 octets), TLV 300 at 74, its value at 78.
  const std::uint32_t raw = tlvs(t, prefixes[1]).at(1);
  expect_node(t, raw, FieldId::LsTlv, 74, 5, "TLV 300: 0xab");
  expect_node(t, only(t, raw, FieldId::LsTlvValue), FieldId::LsTlvValue, 78, 1, "ab");
}

TEST(BgplsNlri, MissingLocalNodeDescriptorsIsANote) {
  const DecodedMessage d = decode_checked(reach_update(kLs, nlri(1, head(2, 0))), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t note = only(t, nlri_nodes(t).at(0), FieldId::ErrorNode);
  EXPECT_EQ(t.node(note).severity, Severity::Note);
  EXPECT_NE(t.value(note).find("no Local Node Descriptors"), std::string_view::npos);
}

TEST(BgplsNlri, TotalNlriLengthPastTheFieldDisablesTheFamily) {
  const ByteVector bad = {0, 1, 0, 50, 2, 0, 0, 0, 0, 0, 0, 0, 0};
  const DecodedMessage d =
      decode_checked(reach_update(kLs, cat({isis_node(1), bad})), negotiated(true));
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.problems.size(), 1u);
  // The second NLRI at 42 + 27 = 69, 13 octets to the end of the field.
  expect_problem(d.problems[0], 69, 13, Severity::Error, Treatment::AfiSafiDisable,
                 "Total NLRI Length 50 exceeds the 9 bytes left");
}

TEST(BgplsNlri, TooFewBytesForAnNlriHeader) {
  const DecodedMessage d =
      decode_checked(reach_update(kLs, cat({isis_node(1), {0, 1, 0}})), negotiated(true));
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 69, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "needs its type and length, 3 bytes left");
}

TEST(BgplsNlri, TlvOverrunInsideOneNlriDiscardsThatNlriAlone) {
  const ByteVector bad = nlri(1, cat({head(2, 0), {0x01, 0x00, 0x00, 0x20, 0, 0}}));
  const DecodedMessage d =
      decode_checked(reach_update(kLs, cat({bad, isis_node(2)})), negotiated(true));
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.problems.size(), 1u);
  // TLV 256 at 42 + 4 + 9 = 55; 6 octets are left in the NLRI.
  expect_problem(d.problems[0], 55, 6, Severity::Error, Treatment::None,
                 "Local Node Descriptors (256) length 32 exceeds the 2 bytes left (RFC 9552 §5.1)"
                 "; the NLRI is malformed and is discarded alone (RFC 9552 §8.2.2: NLRI discard");
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "node L2 id 0 (malformed)");
  EXPECT_EQ(d.nlri[1].text, "node L2 id 0 router 0000.0000.0002");
}

TEST(BgplsNlri, DuplicateAndMisorderedNodeDescriptorSubTlvs) {
  const ByteVector dup =
      nlri(1, cat({head(2, 0), tlv(256, cat({tlv(512, be32(1)), tlv(512, be32(2))}))}));
  const ByteVector order =
      nlri(1, cat({head(2, 0), tlv(256, cat({tlv(515, {0, 0, 0, 0, 0, 1}), tlv(512, be32(1))}))}));
  const DecodedMessage d = decode_checked(reach_update(kLs, cat({dup, order})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 2u);
  // First NLRI (33 octets): TLV 256 at 55, the second sub-TLV 512 at 67.
  expect_problem(d.problems[0], 67, 8, Severity::Error, Treatment::None,
                 "Autonomous System (512) appears twice");
  // Second NLRI at 75: TLV 256 at 88, sub-TLV 515 at 92 (10 octets), 512 at 102.
  expect_problem(d.problems[1], 102, 2, Severity::Error, Treatment::None,
                 "Autonomous System (512) follows IGP Router-ID (515)");
}

TEST(BgplsNlri, DescriptorTlvsOutOfOrder) {
  const ByteVector n =
      nlri(2, cat({head(2, 0), tlv(257, tlv(512, be32(1))), tlv(256, tlv(512, be32(1)))}));
  const DecodedMessage d = decode_checked(reach_update(kLs, n), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 67, 2, Severity::Error, Treatment::None,
                 "ascending order of type (RFC 9552 §5.1)");
}

TEST(BgplsNlri, WrongDescriptorLengths) {
  const ByteVector as = nlri(1, cat({head(2, 0), tlv(256, tlv(512, {0, 1}))}));
  const ByteVector isis8 =
      nlri(1, cat({head(2, 0), tlv(256, tlv(515, {0x11, 0x11, 0x11, 0x11, 0, 0x11, 0, 0}))}));
  const ByteVector prefix33 =
      nlri(3, cat({head(3, 0), tlv(256, tlv(515, {1, 2, 3, 4})), tlv(265, {33, 1, 2, 3, 4, 5})}));
  const DecodedMessage d =
      decode_checked(reach_update(kLs, cat({as, isis8, prefix33})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 3u);
  // First NLRI (23 octets): sub-TLV 512 at 59, its length at 61.
  expect_problem(d.problems[0], 61, 4, Severity::Error, Treatment::None,
                 "Autonomous System length 2 is not 4 (RFC 9552 §5.2.1.4)");
  // Second NLRI at 65 (29 octets): sub-TLV 515 at 82. ONOS sends IS-IS IDs padded to 8 octets like
  // this.
  expect_problem(d.problems[1], 84, 10, Severity::Error, Treatment::None,
                 "IGP Router-ID length 8 is not 6 or 7 for IS-IS (RFC 9552 §5.2.1.4)");
  // Third NLRI at 94: TLV 265 at 119, the prefix length octet at 123.
  expect_problem(d.problems[2], 123, 1, Severity::Error, Treatment::None,
                 "prefix length 33 exceeds 32 bits (RFC 9552 §5.2.3.2)");
  EXPECT_EQ(d.update.announced, 3u);
}

TEST(BgplsNlri, BodiesTooShortForTheirFixedFields) {
  const ByteVector no_identifier = nlri(1, {2, 0, 0, 0, 0});
  const DecodedMessage d = decode_checked(reach_update(kLs, no_identifier), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 46, 5, Severity::Error, Treatment::None,
                 "the Protocol-ID and Identifier need 9 octets, 5 bytes left");

  const DecodedMessage v =
      decode_checked(reach_update(kLsVpn, nlri(1, {0, 0, 0, 1})), negotiated(true));
  ASSERT_EQ(v.problems.size(), 1u);
  expect_problem(v.problems[0], 46, 4, Severity::Error, Treatment::None,
                 "a BGP-LS VPN NLRI needs an 8-octet Route Distinguisher, 4 bytes left");
  ASSERT_EQ(v.nlri.size(), 1u);
  EXPECT_EQ(v.nlri[0].text, "RD ? (malformed)");
}

}  // namespace
}  // namespace bgplens

// The BGP-LS Attribute (path attribute 29, RFC 9552 §5.3): node, link, prefix, Segment Routing
// (RFC 9085, RFC 9086) and SRv6 (RFC 9514) TLVs, protocol-dependent flags, unknown TLVs (kept,
// never errors), nesting limits, and the errors RFC 9552 §8.2.2 makes "attribute discard".
//
// ls_update(): the attribute's value begins at 26 (see bgpls_test_messages.h).
#include <gtest/gtest.h>

#include <string>

#include "bgp/message_decoder.h"
#include "parser/bgpls_test_messages.h"
#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::negotiated;
using test::only;
using namespace test::ls;

// The BGP-LS Attribute's node (the first attribute in ls_update()).
std::uint32_t attribute(const FieldTree& t) {
  const auto attrs = only(t, test::message_node(t), FieldId::UpdateAttrs);
  return children(t, attrs, FieldId::Attr).at(0);
}

std::vector<std::uint32_t> tlvs(const FieldTree& t, std::uint32_t parent) {
  return children(t, parent, FieldId::LsTlv);
}

ByteVector text(const std::string& s) {
  return ByteVector(s.begin(), s.end());
}

const ByteVector kOspfLink =
    nlri(2, cat({head(3, 0), tlv(256, tlv(515, {1, 1, 1, 1})), tlv(257, tlv(515, {2, 2, 2, 2}))}));

TEST(BgplsAttribute, NodeAttributes) {
  const ByteVector value = cat({
      tlv(266, {1, 10}),
      tlv(1024, {0x80}),
      tlv(1026, text("router")),
      tlv(1027, {0x49, 0x00, 0x01}),
      tlv(1028, {10, 0, 0, 1}),
      tlv(1029, gen::ipv6("2001:db8::1")),
      tlv(1034, cat({{0x80, 0, 0x00, 0x1f, 0x40}, tlv(1161, {0x00, 0x3e, 0x80})})),
      tlv(1035, {0, 1}),
      tlv(1036, cat({{0, 0, 0, 0, 100}, tlv(1161, be32(5))})),
      tlv(1037, {7}),
  });
  ASSERT_EQ(value.size(), 100u);
  const DecodedMessage d = decode_checked(ls_update(value, isis_node(1)), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t a = attribute(t);
  EXPECT_EQ(t.value(a),
            "BGP-LS Attribute: Node MSD Base MPLS Imposition 10, Node Flag Bits 0x80 O, Node Name "
            "router, IS-IS Area Identifier 49.0001, IPv4 Router-ID of Local Node 10.0.0.1, IPv6 "
            "Router-ID of Local Node 2001:db8::1, SR Capabilities 0x80 I range 8000 from label "
            "16000, ...");
  const auto v = tlvs(t, a);
  ASSERT_EQ(v.size(), 10u);
  expect_node(t, only(t, v[0], FieldId::LsMsdType), FieldId::LsMsdType, 30, 1,
              "Base MPLS Imposition (1)");
  expect_node(t, only(t, v[0], FieldId::LsMsdValue), FieldId::LsMsdValue, 31, 1, "10");
  const std::uint32_t flags = only(t, v[1], FieldId::LsFlags);
  expect_node(t, flags, FieldId::LsFlags, 36, 1, "0x80 O");
  expect_node(t, children(t, flags, FieldId::LsFlag).at(0), FieldId::LsFlag, 36, 1,
              "O (overload): 1", 0x80);
  expect_node(t, only(t, v[2], FieldId::LsNodeName), FieldId::LsNodeName, 41, 6, "router");
  expect_node(t, only(t, v[3], FieldId::LsIsisAreaId), FieldId::LsIsisAreaId, 51, 3, "49.0001");
  expect_node(t, only(t, v[4], FieldId::LsLocalRouterId4), FieldId::LsLocalRouterId4, 58, 4,
              "10.0.0.1");
  expect_node(t, only(t, v[5], FieldId::LsLocalRouterId6), FieldId::LsLocalRouterId6, 66, 16,
              "2001:db8::1");
  expect_node(t, v[6], FieldId::LsTlv, 82, 16,
              "SR Capabilities (1034): 0x80 I range 8000 from label 16000");
  expect_node(t, only(t, v[6], FieldId::LsRangeSize), FieldId::LsRangeSize, 88, 3, "8000");
  const std::uint32_t label = tlvs(t, v[6]).at(0);
  expect_node(t, label, FieldId::LsTlv, 91, 7, "SID/Label (1161): label 16000");
  expect_node(t, only(t, label, FieldId::LsSidLabel), FieldId::LsSidLabel, 95, 3, "label 16000",
              0x0FFFFF);
  expect_node(t, v[7], FieldId::LsTlv, 98, 6, "SR Algorithm (1035): 0,1");
  expect_node(t, children(t, v[7], FieldId::LsAlgorithm).at(1), FieldId::LsAlgorithm, 103, 1,
              "Strict SPF (1)");
  expect_node(t, v[8], FieldId::LsTlv, 104, 17,
              "SR Local Block (1036): 0x00 range 100 from index 5");
  expect_node(t, only(t, tlvs(t, v[8]).at(0), FieldId::LsSidLabel), FieldId::LsSidLabel, 117, 4,
              "index 5");
  expect_node(t, only(t, v[9], FieldId::LsSrmsPreference), FieldId::LsSrmsPreference, 125, 1, "7");
}

TEST(BgplsAttribute, LinkAttributesWithOspfAdjacencySids) {
  const ByteVector gbit = {0x4c, 0xee, 0x6b, 0x28};  // 125000000 bytes/s
  const ByteVector zero = {0, 0, 0, 0};
  const ByteVector value = cat({
      tlv(1030, {10, 0, 0, 2}),
      tlv(1088, be32(0x0f)),
      tlv(1089, gbit),
      tlv(1091, cat({gbit, gbit, gbit, gbit, zero, zero, zero, zero})),
      tlv(1092, be32(20)),
      tlv(1093, {0x08, 0}),
      tlv(1094, {0xc0}),
      tlv(1095, {0, 10}),
      tlv(1096, cat({be32(1), be32(2)})),
      tlv(1098, text("eth0")),
      tlv(1099, {0x60, 5, 0, 0, 0x04, 0x93, 0x10}),
      tlv(1100, cat({{0x40, 0, 0, 0, 1, 2, 3, 4}, be32(7)})),
      tlv(1101, {0xc0, 1, 0, 0, 0, 0, 0x10}),
      tlv(1114, {0x80, 0, 0, 100}),
      tlv(1115, {0, 0, 0, 10, 0, 0, 0, 20}),
      tlv(1116, {0, 0, 0, 5}),
      tlv(1117, {0, 0, 0, 100}),
      tlv(1118, gbit),
  });
  ASSERT_EQ(value.size(), 187u);
  const DecodedMessage d = decode_checked(ls_update(value, kOspfLink), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const auto v = tlvs(t, attribute(t));
  ASSERT_EQ(v.size(), 18u);
  expect_node(t, only(t, v[0], FieldId::LsRemoteRouterId4), FieldId::LsRemoteRouterId4, 30, 4,
              "10.0.0.2");
  expect_node(t, only(t, v[1], FieldId::LsAdminGroup), FieldId::LsAdminGroup, 38, 4, "0x0000000f");
  expect_node(t, only(t, v[2], FieldId::LsBandwidth), FieldId::LsBandwidth, 46, 4,
              "125000000 B/s (1 Gbit/s)");
  EXPECT_EQ(t.value(v[3]),
            "Unreserved Bandwidth (1091): 0: 125000000 B/s, 1: 125000000 B/s, 2: 125000000 B/s, "
            "3: 125000000 B/s, 4: 0 B/s, 5: 0 B/s, 6: 0 B/s, 7: 0 B/s");
  expect_node(t, children(t, v[3], FieldId::LsBandwidth).at(7), FieldId::LsBandwidth, 82, 4,
              "priority 7: 0 B/s (0 bit/s)");
  expect_node(t, only(t, v[4], FieldId::LsTeMetric), FieldId::LsTeMetric, 90, 4, "20");
  expect_node(t, only(t, v[5], FieldId::LsFlags), FieldId::LsFlags, 98, 1, "0x08 1:1");
  expect_node(t, only(t, v[6], FieldId::LsFlags), FieldId::LsFlags, 104, 1, "0xc0 L R");
  expect_node(t, only(t, v[7], FieldId::LsIgpMetric), FieldId::LsIgpMetric, 109, 2, "10");
  expect_node(t, children(t, v[8], FieldId::LsSrlg).at(1), FieldId::LsSrlg, 119, 4, "2");
  expect_node(t, only(t, v[9], FieldId::LsLinkName), FieldId::LsLinkName, 127, 4, "eth0");
  // RFC 8665 §6.1: for OSPF, 0x40 is V and 0x20 is L.
  expect_node(t, v[10], FieldId::LsTlv, 131, 11,
              "Adjacency SID (1099): label 299792 flags 0x60 V L");
  expect_node(t, only(t, v[10], FieldId::LsWeight), FieldId::LsWeight, 136, 1, "5");
  expect_node(t, only(t, v[10], FieldId::LsSid), FieldId::LsSid, 139, 3, "label 299792", 0x0FFFFF);
  expect_node(t, v[11], FieldId::LsTlv, 142, 16,
              "LAN Adjacency SID (1100): index 7 neighbor 1.2.3.4 flags 0x40 V");
  expect_node(t, only(t, v[11], FieldId::LsNeighborId), FieldId::LsNeighborId, 150, 4, "1.2.3.4");
  expect_node(t, v[12], FieldId::LsTlv, 158, 11, "PeerNode SID (1101): label 16 flags 0xc0 V L");
  expect_node(t, v[13], FieldId::LsTlv, 169, 8,
              "Unidirectional Link Delay (1114): 100 µs anomalous");
  expect_node(t, only(t, v[13], FieldId::LsDelay), FieldId::LsDelay, 174, 3, "100 µs");
  expect_node(t, v[14], FieldId::LsTlv, 177, 12,
              "Min/Max Unidirectional Link Delay (1115): min 10 µs max 20 µs");
  expect_node(t, children(t, v[14], FieldId::LsDelay).at(1), FieldId::LsDelay, 186, 3, "20 µs");
  expect_node(t, only(t, v[15], FieldId::LsDelay), FieldId::LsDelay, 194, 3, "5 µs");
  expect_node(t, only(t, v[16], FieldId::LsLinkLoss), FieldId::LsLinkLoss, 202, 3, "0.000300 %");
  expect_node(t, only(t, v[17], FieldId::LsBandwidth), FieldId::LsBandwidth, 209, 4,
              "125000000 B/s (1 Gbit/s)");
}

TEST(BgplsAttribute, PrefixAttributesWithOspfSegmentRouting) {
  const ByteVector prefix =
      nlri(3, cat({head(3, 0), tlv(256, tlv(515, {1, 1, 1, 1})), tlv(265, {24, 10, 0, 0})}));
  const ByteVector value = cat({
      tlv(1152, {0x80}),
      tlv(1153, be32(100)),
      tlv(1154, {1, 2, 3, 4, 5, 6, 7, 8}),
      tlv(1155, be32(20)),
      tlv(1156, {10, 0, 0, 9}),
      tlv(1158, {0x48, 0, 0, 0, 0x00, 0x3e, 0x81}),
      tlv(1159, cat({{0x80, 0, 0, 10}, tlv(1158, cat({{0, 0, 0, 0}, be32(100)}))})),
      tlv(1170, {0x40}),
      tlv(1171, {10, 0, 0, 1}),
      tlv(1157, {0xde, 0xad}),
  });
  const DecodedMessage d = decode_checked(ls_update(value, prefix), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const auto v = tlvs(t, attribute(t));
  ASSERT_EQ(v.size(), 10u);
  expect_node(t, only(t, v[0], FieldId::LsFlags), FieldId::LsFlags, 30, 1, "0x80 D");
  expect_node(t, only(t, v[1], FieldId::LsRouteTag), FieldId::LsRouteTag, 35, 4, "100");
  expect_node(t, only(t, v[2], FieldId::LsExtendedRouteTag), FieldId::LsExtendedRouteTag, 43, 8,
              "72623859790382856");
  expect_node(t, only(t, v[3], FieldId::LsPrefixMetric), FieldId::LsPrefixMetric, 55, 4, "20");
  expect_node(t, only(t, v[4], FieldId::LsForwardingAddress), FieldId::LsForwardingAddress, 63, 4,
              "10.0.0.9");
  // RFC 8665 §5: for OSPF, 0x40 is NP and 0x08 V.
  expect_node(t, v[5], FieldId::LsTlv, 67, 11,
              "Prefix-SID (1158): label 16001 algorithm 0 flags 0x48 NP V");
  expect_node(t, only(t, v[5], FieldId::LsAlgorithm), FieldId::LsAlgorithm, 72, 1, "SPF (0)");
  expect_node(t, v[6], FieldId::LsTlv, 78, 20,
              "Range (1159): size 10: Prefix-SID index 100 algorithm 0 flags 0x00");
  expect_node(t, only(t, v[6], FieldId::LsFlags), FieldId::LsFlags, 82, 1, "0x80 IA");
  expect_node(t, only(t, tlvs(t, v[6]).at(0), FieldId::LsSid), FieldId::LsSid, 94, 4, "index 100");
  expect_node(t, only(t, v[7], FieldId::LsFlags), FieldId::LsFlags, 102, 1, "0x40 N");
  expect_node(t, only(t, v[8], FieldId::LsSourceRouterId), FieldId::LsSourceRouterId, 107, 4,
              "10.0.0.1");
  expect_node(t, only(t, v[9], FieldId::LsTlvValue), FieldId::LsTlvValue, 115, 2, "de ad");
}

TEST(BgplsAttribute, Srv6Attributes) {
  const ByteVector sid_nlri = nlri(
      6, cat({head(2, 0), tlv(256, tlv(515, {0, 0, 0, 0, 0, 1})), tlv(518, gen::ipv6("fc00::5"))}));
  const ByteVector value = cat({
      tlv(1038, {0x40, 0, 0, 0}),
      tlv(1106, cat({{0, 5, 0x40, 0, 1, 0}, gen::ipv6("fc00::5"), tlv(1252, {32, 16, 16, 0})})),
      tlv(1107, cat({{0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, gen::ipv6("fc00::6")})),
      tlv(1162, cat({{0x80, 128, 0, 0}, be32(10)})),
      tlv(1250, {0, 18, 0, 0}),
      tlv(1251, cat({{0x80, 1, 0, 0}, be32(65001), {1, 1, 1, 1}})),
      tlv(1252, {32, 16, 16, 64}),
  });
  const DecodedMessage d = decode_checked(ls_update(value, sid_nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const auto v = tlvs(t, attribute(t));
  ASSERT_EQ(v.size(), 7u);
  expect_node(t, only(t, v[0], FieldId::LsFlags), FieldId::LsFlags, 30, 2, "0x4000 O");
  expect_node(t, v[1], FieldId::LsTlv, 34, 34,
              "SRv6 End.X SID (1106): fc00::5 End.X (5) algorithm 0 flags 0x40 S: SRv6 SID "
              "Structure LB 32 LN 16 F 16 A 0");
  expect_node(t, only(t, v[1], FieldId::LsSrv6Behavior), FieldId::LsSrv6Behavior, 38, 2,
              "End.X (5)");
  expect_node(t, only(t, v[1], FieldId::LsSrv6Sid), FieldId::LsSrv6Sid, 44, 16, "fc00::5");
  expect_node(t, only(t, tlvs(t, v[1]).at(0), FieldId::LsSidStructureBlock),
              FieldId::LsSidStructureBlock, 64, 1, "32");
  expect_node(t, only(t, v[2], FieldId::LsNeighborId), FieldId::LsNeighborId, 78, 6,
              "0000.0000.0002");
  expect_node(t, only(t, v[2], FieldId::LsSrv6Sid), FieldId::LsSrv6Sid, 84, 16, "fc00::6");
  expect_node(t, v[3], FieldId::LsTlv, 100, 12,
              "SRv6 Locator (1162): metric 10 algorithm 128 flags 0x80 D");
  expect_node(t, only(t, v[3], FieldId::LsAlgorithm), FieldId::LsAlgorithm, 105, 1,
              "Flexible Algorithm (128)");
  expect_node(t, only(t, v[4], FieldId::LsSrv6Behavior), FieldId::LsSrv6Behavior, 116, 2,
              "End.DT6 (18)");
  expect_node(t, v[5], FieldId::LsTlv, 120, 16,
              "SRv6 BGP Peer Node SID (1251): peer AS 65001 1.1.1.1 flags 0x80 B");
  expect_node(t, only(t, v[5], FieldId::LsPeerBgpId), FieldId::LsPeerBgpId, 132, 4, "1.1.1.1");
  expect_node(t, only(t, v[6], FieldId::LsSidStructureArgument), FieldId::LsSidStructureArgument,
              143, 1, "64");
}

TEST(BgplsAttribute, ProtocolComesFromMpReachWhereverItIs) {
  // ExaBGP qa/decoding/bgp-ls-5: the BGP-LS Attribute comes before MP_REACH_NLRI, whose Link
  // NLRI is IS-IS Level 2; its Adjacency SID flags 0x30 are V and L in IS-IS (RFC 8667 §2.2.1).
  const std::string hex =
      "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00CF02000000B84001010040020040050400000064801D61044000040000"
      "0000044100044CEE6B28044200044CEE6B28044300204CEE6B284CEE6B284CEE6B284CEE6B284CEE6B284CEE6B"
      "284CEE6B284CEE6B2804440004000000140447000300000A044B000730000000049310044B00077000000004930"
      "0900E004240044704C0A874C900000200350200000000000000000100000A020300060001000000010101000A02"
      "030006000100000002010300040A000000010400040A000001";
  ByteVector bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    bytes.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  const DecodedMessage d = decode_checked(bytes, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "link L2 id 0 local router 0001.0000.0001 remote router 0001.0000.0002 ipv4 "
            "10.0.0.0→10.0.0.1");
  const FieldTree& t = d.tree;
  const std::uint32_t a =
      children(t, only(t, test::message_node(t), FieldId::UpdateAttrs), FieldId::Attr).at(3);
  const auto v = tlvs(t, a);
  ASSERT_EQ(v.size(), 8u);
  // The attribute's value begins at 40; the first Adjacency SID TLV at 115, its flags at 119.
  expect_node(t, v[6], FieldId::LsTlv, 115, 11,
              "Adjacency SID (1099): label 299792 flags 0x30 V L");
  expect_node(t, children(t, only(t, v[6], FieldId::LsFlags), FieldId::LsFlag).at(2),
              FieldId::LsFlag, 119, 1, "V (value): 1", 0x20);
}

TEST(BgplsAttribute, FlagsWithoutAKnownProtocolGetANote) {
  const ByteVector value = tlv(1099, {0x30, 0, 0, 0, 0, 0, 16});
  const DecodedMessage d =
      decode_checked(gen::update({{}, {gen::attribute(0x80, 29, value)}, {}}), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t tlv_node = tlvs(t, attribute(t)).at(0);
  const std::uint32_t flags = only(t, tlv_node, FieldId::LsFlags);
  expect_node(t, flags, FieldId::LsFlags, 30, 1, "0x30");
  EXPECT_TRUE(children(t, flags, FieldId::LsFlag).empty());
  const std::uint32_t note = only(t, tlv_node, FieldId::ErrorNode);
  EXPECT_EQ(t.node(note).severity, Severity::Note);
  EXPECT_EQ(t.node(note).offset, 30u);
}

TEST(BgplsAttribute, UnknownTlvIsRawAndEmptyAttributeHasNoTlvs) {
  const DecodedMessage d =
      decode_checked(ls_update(tlv(2000, {1}), isis_node(1)), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  EXPECT_EQ(t.value(attribute(t)), "BGP-LS Attribute: TLV 2000 0x01");
  expect_node(t, tlvs(t, attribute(t)).at(0), FieldId::LsTlv, 26, 5, "TLV 2000: 0x01");

  const DecodedMessage e = decode_checked(ls_update({}, isis_node(1)), negotiated(true));
  EXPECT_TRUE(e.problems.empty());
  EXPECT_EQ(e.tree.value(attribute(e.tree)), "BGP-LS Attribute: no TLVs");
}

TEST(BgplsAttribute, TlvOverrunDiscardsTheAttribute) {
  const ByteVector value = cat({tlv(1095, {0, 10}), {0x04, 0x47, 0x00, 0x10, 1}});
  const DecodedMessage d = decode_checked(ls_update(value, isis_node(1)), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(
      d.problems[0], 32, 5, Severity::Error, Treatment::AttributeDiscard,
      "IGP Metric (1095) length 16 exceeds the 1 byte left (RFC 9552 §5.1); the BGP-LS "
      "Attribute is malformed and is discarded without a NOTIFICATION (RFC 9552 §8.2.2)");
  EXPECT_EQ(d.update.announced, 1u);  // the NLRI stand
  EXPECT_EQ(d.tree.value(attribute(d.tree)), "BGP-LS Attribute: IGP Metric 10 (malformed)");
}

TEST(BgplsAttribute, ShortTailAndWrongLengths) {
  const DecodedMessage tail = decode_checked(
      ls_update(cat({tlv(1095, {10}), {0x04, 0x47}}), isis_node(1)), negotiated(true));
  ASSERT_EQ(tail.problems.size(), 1u);
  expect_problem(tail.problems[0], 31, 2, Severity::Error, Treatment::AttributeDiscard,
                 "2 bytes left after the last TLV, too few for a TLV's type and length");

  // A recognised TLV of a length its RFC does not allow (§8.2.2); the walk goes on.
  const DecodedMessage wrong = decode_checked(
      ls_update(cat({tlv(1095, be32(10)), tlv(1026, text("a"))}), isis_node(1)), negotiated(true));
  ASSERT_EQ(wrong.problems.size(), 1u);
  expect_problem(wrong.problems[0], 28, 6, Severity::Error, Treatment::AttributeDiscard,
                 "IGP Metric length 4 is not 1, 2 or 3 (RFC 9552 §5.3.2.4)");
  const FieldTree& t = wrong.tree;
  const auto v = tlvs(t, attribute(t));
  ASSERT_EQ(v.size(), 2u);
  expect_node(t, only(t, v[0], FieldId::LsTlvValue), FieldId::LsTlvValue, 30, 4, "00 00 00 0a");
  expect_node(t, only(t, v[1], FieldId::LsNodeName), FieldId::LsNodeName, 38, 1, "a");
}

TEST(BgplsAttribute, SubTlvOverrunInsideAnEndXSid) {
  const ByteVector endx =
      cat({{0, 5, 0, 0, 0, 0}, gen::ipv6("fc00::5"), {0x04, 0xe4, 0, 8, 32, 16}});
  const DecodedMessage d =
      decode_checked(ls_update(tlv(1106, endx), isis_node(1)), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  // TLV 1106 at 26, its value at 30; the sub-TLV at 30 + 22 = 52 with 6 octets left.
  expect_problem(d.problems[0], 52, 6, Severity::Error, Treatment::AttributeDiscard,
                 "SRv6 SID Structure (1252) length 8 exceeds the 2 bytes left");
}

TEST(BgplsAttribute, TransitiveFlagIsAnAttributeFlagsError) {
  // ONOS sends the attribute with flags 0xC0; RFC 9552 §5.3 makes it optional non-transitive.
  const DecodedMessage d =
      decode_checked(ls_update(tlv(1095, {0, 10}), isis_node(1), 0xC0), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 23, 1, Severity::Error, Treatment::AttributeDiscard,
                 "flags 0xc0 do not match BGP-LS Attribute");
  const FieldTree& t = d.tree;
  expect_node(t, only(t, tlvs(t, attribute(t)).at(0), FieldId::LsIgpMetric), FieldId::LsIgpMetric,
              30, 2, "10");
}

TEST(BgplsAttribute, NestingIsLimited) {
  ByteVector inner = tlv(1172, cat({be32(5), tlv(1095, {1})}));
  for (std::uint32_t id = 4; id >= 1; --id)
    inner = tlv(1172, cat({be32(id), inner}));
  ASSERT_EQ(inner.size(), 45u);
  const DecodedMessage d = decode_checked(ls_update(inner, isis_node(1)), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  std::uint32_t node = tlvs(t, attribute(t)).at(0);
  for (int level = 0; level < 4; ++level)
    node = tlvs(t, node).at(0);
  // The fifth L2 Bundle Member at 58: its member ID at 62, its sub-TLVs (66–70) shown raw.
  expect_node(t, only(t, node, FieldId::LsLinkLocalId), FieldId::LsLinkLocalId, 62, 4, "5");
  expect_node(t, only(t, node, FieldId::LsTlvValue), FieldId::LsTlvValue, 66, 5, "04 47 00 01 01");
  EXPECT_EQ(t.node(only(t, node, FieldId::ErrorNode)).severity, Severity::Note);
}

}  // namespace
}  // namespace bgplens

// Flow Specification NLRI (RFC 8955 §4, §8; RFC 8956 §3; draft-ietf-idr-flowspec-l2vpn-12 §3):
// the rule list, its 1- and 2-octet lengths, Route Distinguishers, ADD-PATH, IPv6 patterns
// with offsets and the implementation encodings that do not follow RFC 8956 §3.1, and the
// errors that frame or stop a rule. Offsets: see flowspec_test_messages.h (rules at 38).
#include <gtest/gtest.h>

#include "parser/flowspec_test_messages.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::concat;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::flow_update;
using test::kFlow4;
using test::kFlow6;
using test::kFlowL2vpn;
using test::kFlowVpn4;
using test::negotiated;
using test::nlri_nodes;
using test::only;

std::vector<std::uint32_t> components(const FieldTree& t, std::uint32_t rule) {
  return test::children(t, rule, FieldId::FlowspecComponent);
}

TEST(FlowspecNlri, Ipv4RuleWithPrefixAndOperatorLists) {
  const ByteVector nlri = {0x0f, 0x01, 0x18, 0x0a, 0x00, 0x00,         // dst 10.0.0.0/24
                           0x03, 0x81, 0x06,                           // proto =6
                           0x05, 0x13, 0x00, 0x50, 0xd5, 0x00, 0x5a};  // dst-port >=80&<=90
  const DecodedMessage d = decode_checked(flow_update(kFlow4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "dst 10.0.0.0/24 proto =6 dst-port >=80&<=90");
  EXPECT_EQ(d.nlri[0].offset, 38u);
  EXPECT_EQ(d.nlri[0].length, 16u);
  EXPECT_FALSE(d.nlri[0].plain_prefix);
  EXPECT_EQ(d.nlri[0].family, kFlow4);

  const FieldTree& t = d.tree;
  const auto rules = nlri_nodes(t);
  ASSERT_EQ(rules.size(), 1u);
  expect_node(t, rules[0], FieldId::FlowspecNlri, 38, 16,
              "dst 10.0.0.0/24 proto =6 dst-port >=80&<=90");
  expect_node(t, only(t, rules[0], FieldId::FlowspecLength), FieldId::FlowspecLength, 38, 1, "15");
  const auto c = components(t, rules[0]);
  ASSERT_EQ(c.size(), 3u);
  expect_node(t, c[0], FieldId::FlowspecComponent, 39, 5, "dst 10.0.0.0/24");
  expect_node(t, only(t, c[0], FieldId::FlowspecType), FieldId::FlowspecType, 39, 1,
              "Destination Prefix (1)");
  expect_node(t, only(t, c[0], FieldId::FlowspecPrefixLength), FieldId::FlowspecPrefixLength, 40, 1,
              "24");
  expect_node(t, only(t, c[0], FieldId::FlowspecPrefix), FieldId::FlowspecPrefix, 41, 3,
              "10.0.0.0/24");
  expect_node(t, c[1], FieldId::FlowspecComponent, 44, 3, "proto =6");
  const std::uint32_t proto_term = only(t, c[1], FieldId::FlowspecTerm);
  expect_node(t, proto_term, FieldId::FlowspecTerm, 45, 2, "=6");
  expect_node(t, only(t, proto_term, FieldId::FlowspecValue), FieldId::FlowspecValue, 46, 1,
              "6 (TCP)");
  expect_node(t, c[2], FieldId::FlowspecComponent, 47, 7, "dst-port >=80&<=90");
  const auto terms = test::children(t, c[2], FieldId::FlowspecTerm);
  ASSERT_EQ(terms.size(), 2u);
  expect_node(t, terms[0], FieldId::FlowspecTerm, 48, 3, ">=80");
  expect_node(t, terms[1], FieldId::FlowspecTerm, 51, 3, "&<=90");
  const std::uint32_t op = only(t, terms[0], FieldId::FlowspecOperator);
  expect_node(t, op, FieldId::FlowspecOperator, 48, 1, "0x13 (>=, 2 bytes)");
  expect_node(t, only(t, op, FieldId::FlowspecOpEnd), FieldId::FlowspecOpEnd, 48, 1, "not set",
              0x80);
  expect_node(t, only(t, op, FieldId::FlowspecOpAnd), FieldId::FlowspecOpAnd, 48, 1, "not set (OR)",
              0x40);
  expect_node(t, only(t, op, FieldId::FlowspecOpLength), FieldId::FlowspecOpLength, 48, 1,
              "2 bytes", 0x30);
  expect_node(t, only(t, op, FieldId::FlowspecOpReserved), FieldId::FlowspecOpReserved, 48, 1, "0",
              0x08);
  expect_node(t, only(t, op, FieldId::FlowspecOpLt), FieldId::FlowspecOpLt, 48, 1, "not set", 0x04);
  expect_node(t, only(t, op, FieldId::FlowspecOpGt), FieldId::FlowspecOpGt, 48, 1, "set", 0x02);
  expect_node(t, only(t, op, FieldId::FlowspecOpEq), FieldId::FlowspecOpEq, 48, 1, "set", 0x01);
  expect_node(t, only(t, terms[0], FieldId::FlowspecValue), FieldId::FlowspecValue, 49, 2, "80");
  expect_node(t, only(t, terms[1], FieldId::FlowspecOperator), FieldId::FlowspecOperator, 51, 1,
              "0xd5 (and, <=, 2 bytes, end of list)");
}

TEST(FlowspecNlri, TwoOctetLengthForLongRules) {
  // packet-length =0||=1||...||=79: type 10 and 80 pairs of 3 bytes, 241 bytes in all.
  ByteVector nlri = {0xf0, 0xf1, 0x0a};
  std::string expected = "packet-length ";
  for (int i = 0; i < 80; ++i) {
    nlri.insert(nlri.end(), {static_cast<std::uint8_t>(i == 79 ? 0x91 : 0x11), 0x00,
                             static_cast<std::uint8_t>(i)});
    expected += (i > 0 ? "||=" : "=") + std::to_string(i);
  }
  const DecodedMessage d = decode_checked(flow_update(kFlow4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, expected);
  EXPECT_EQ(d.nlri[0].length, 243u);
  const FieldTree& t = d.tree;
  const std::uint32_t rule = nlri_nodes(t).at(0);
  expect_node(t, only(t, rule, FieldId::FlowspecLength), FieldId::FlowspecLength, 38, 2, "241",
              0x0FFF);
  expect_node(t, only(t, rule, FieldId::FlowspecLengthForm), FieldId::FlowspecLengthForm, 38, 2,
              "0xf (2-octet length)", 0xF000);
}

TEST(FlowspecNlri, TwoOctetFormOfAShortLengthIsRead) {
  // RFC 8955 §4.1: lengths under 240 "can" take one octet; the long form still frames.
  EXPECT_EQ(test::only_rule_text(kFlow4, {0xf0, 0x03, 0x03, 0x81, 0x06}), "proto =6");
}

TEST(FlowspecNlri, VpnRuleCarriesARouteDistinguisher) {
  const ByteVector nlri =
      concat({{0x10}, test::rd_65000_100(), {0x01, 0x18, 0x0a, 0x00, 0x00, 0x03, 0x81, 0x06}});
  const DecodedMessage d = decode_checked(flow_update(kFlowVpn4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "dst 10.0.0.0/24 proto =6 RD 65000:100");
  EXPECT_EQ(d.nlri[0].length, 17u);
  const FieldTree& t = d.tree;
  const std::uint32_t rule = nlri_nodes(t).at(0);
  expect_node(t, only(t, rule, FieldId::Rd), FieldId::Rd, 39, 8, "65000:100");
  expect_node(t, components(t, rule).at(0), FieldId::FlowspecComponent, 47, 5, "dst 10.0.0.0/24");
}

TEST(FlowspecNlri, L2vpnRuleWithEthernetComponents) {
  const ByteVector nlri = concat({{0x17},
                                  test::rd_65000_100(),
                                  {0x0e, 0x91, 0x08, 0x00,  // ether-type =0x0800
                                   0x0f, 0x06, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,  // src-mac
                                   0x15, 0x81, 0x64}});                             // vid =100
  const DecodedMessage d = decode_checked(flow_update(kFlowL2vpn, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "ether-type =0x0800 src-mac aa:bb:cc:dd:ee:ff vid =100 RD 65000:100");
  const FieldTree& t = d.tree;
  const auto c = components(t, nlri_nodes(t).at(0));
  ASSERT_EQ(c.size(), 3u);
  expect_node(t, c[0], FieldId::FlowspecComponent, 47, 4, "ether-type =0x0800");
  expect_node(t, only(t, only(t, c[0], FieldId::FlowspecTerm), FieldId::FlowspecValue),
              FieldId::FlowspecValue, 49, 2, "0x0800 (IPv4)");
  expect_node(t, c[1], FieldId::FlowspecComponent, 51, 8, "src-mac aa:bb:cc:dd:ee:ff");
  expect_node(t, only(t, c[1], FieldId::FlowspecType), FieldId::FlowspecType, 51, 1,
              "Source MAC (15)");
  expect_node(t, only(t, c[1], FieldId::FlowspecMacLength), FieldId::FlowspecMacLength, 52, 1, "6");
  expect_node(t, only(t, c[1], FieldId::FlowspecMac), FieldId::FlowspecMac, 53, 6,
              "aa:bb:cc:dd:ee:ff");
  expect_node(t, c[2], FieldId::FlowspecComponent, 59, 3, "vid =100");
}

TEST(FlowspecNlri, WithdrawnRuleInMpUnreach) {
  const DecodedMessage d = decode_checked(
      test::unreach_update(kFlow4, {0x05, 0x01, 0x18, 0x0a, 0x00, 0x00}), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.withdrawn, 1u);
  EXPECT_EQ(d.update.announced, 0u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(d.nlri[0].offset, 29u);
  EXPECT_EQ(d.nlri[0].length, 6u);
  EXPECT_EQ(d.nlri[0].text, "dst 10.0.0.0/24");
}

TEST(FlowspecNlri, Ipv6PatternsWithOffsetsAsInRfc8956Examples) {
  // RFC 8956 §3.8.1: destination 2001:db8::/32, source ::1234:5678:9a00:0/64-104, TCP.
  const ByteVector nlri = {0x12, 0x01, 0x20, 0x00, 0x20, 0x01, 0x0d, 0xb8,  //
                           0x02, 0x68, 0x40, 0x12, 0x34, 0x56, 0x78, 0x9a,  //
                           0x03, 0x81, 0x06};
  const DecodedMessage d = decode_checked(flow_update(kFlow6, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "dst 2001:db8::/32 src ::1234:5678:9a00:0/64-104 next-header =6");
  const FieldTree& t = d.tree;
  const std::uint32_t src = components(t, nlri_nodes(t).at(0)).at(1);
  expect_node(t, src, FieldId::FlowspecComponent, 46, 8, "src ::1234:5678:9a00:0/64-104");
  expect_node(t, only(t, src, FieldId::FlowspecPrefixLength), FieldId::FlowspecPrefixLength, 47, 1,
              "104");
  expect_node(t, only(t, src, FieldId::FlowspecPrefixOffset), FieldId::FlowspecPrefixOffset, 48, 1,
              "64");
  expect_node(t, only(t, src, FieldId::FlowspecPattern), FieldId::FlowspecPattern, 49, 5,
              "::1234:5678:9a00:0/64-104");
  // RFC 8956 §3.8.2: the same bits from offset 65, shifted by one bit.
  EXPECT_EQ(test::only_rule_text(kFlow6, {0x08, 0x02, 0x68, 0x41, 0x24, 0x68, 0xac, 0xf1, 0x34}),
            "src ::1234:5678:9a00:0/65-104");
  // Length 0 with offset 0 matches every address.
  EXPECT_EQ(test::only_rule_text(kFlow6, {0x03, 0x01, 0x00, 0x00}), "dst ::/0");
}

TEST(FlowspecNlri, WholePrefixEncodingOfAnOffsetIsAnError) {
  // GoBGP 3.10 (gobgp-gobgp-flowspec.pcap frame 59): 2001:db8:2::/64 offset 8 with all 8
  // prefix octets; RFC 8956 §3.1 carries the 7 octets of bits 8-63.
  const ByteVector nlri = {0x0f, 0x01, 0x40, 0x08, 0x20, 0x01, 0x0d, 0xb8,
                           0x00, 0x02, 0x00, 0x00, 0x0d, 0x91, 0x04, 0xd2};
  const DecodedMessage d = decode_checked(flow_update(kFlow6, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 39, 11, Severity::Error, Treatment::AfiSafiDisable,
                 "pattern not encoded as RFC 8956 §3.1 says (the bits from the offset to the "
                 "length, shifted to the first octet: 7 bytes for length 64 and offset 8): the "
                 "NLRI parses only with the whole prefix's 8 bytes from address bit 0, as GoBGP "
                 "3.10, ExaBGP and Ryu write it (tshark 4.0 reads it so); decoded that way (RFC "
                 "8955 §4.2: the NLRI is malformed)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "dst 2001:db8:2::/8-64 flow-label =1234 (malformed)");
}

TEST(FlowspecNlri, AddressOctetEncodingOfAnOffsetIsAnError) {
  // BIRD 2.0 (bird-gobgp-...pcap frame 23): ::1234:5678:9800:0/101 offset 63 as address octets
  // 7-12; RFC 8956 §3.1 carries 38 bits shifted to the first octet, 5 octets.
  const ByteVector nlri = {0x0c, 0x02, 0x65, 0x3f, 0x00, 0x12, 0x34,
                           0x56, 0x78, 0x98, 0x03, 0x81, 0x06};
  const DecodedMessage d = decode_checked(flow_update(kFlow6, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 39, 9, Severity::Error, Treatment::AfiSafiDisable,
                 "pattern not encoded as RFC 8956 §3.1 says (the bits from the offset to the "
                 "length, shifted to the first octet: 5 bytes for length 101 and offset 63): the "
                 "NLRI parses only with address octets 7 to 12 unshifted (6 bytes), as BIRD 2.0 "
                 "writes it; decoded that way (RFC 8955 §4.2: the NLRI is malformed)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "src ::1234:5678:9800:0/63-101 next-header =6 (malformed)");
}

TEST(FlowspecNlri, PathIdentifierInsidePrefixComponentsIsAnError) {
  // GoBGP 3.10 with ADD-PATH negotiated for unicast (exabgp-gobgp-...-addpath.pcap frame 25).
  const ByteVector nlri = {0x12, 0x01, 0x00, 0x00, 0x00, 0x00, 0x18, 0x0a, 0x00, 0x00,
                           0x02, 0x00, 0x00, 0x00, 0x00, 0x18, 0x14, 0x00, 0x00};
  const DecodedMessage d = decode_checked(flow_update(kFlow4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 2u);
  const std::string message =
      "path identifier 0 inside the prefix component, where no RFC puts one (RFC 7911 §3 puts "
      "it before the NLRI): GoBGP 3.10 writes it so when ADD-PATH is negotiated for unicast, and "
      "the NLRI parses only this way; decoded that way (RFC 8955 §4.2: the NLRI is malformed)";
  expect_problem(d.problems[0], 39, 9, Severity::Error, Treatment::AfiSafiDisable, message);
  expect_problem(d.problems[1], 48, 9, Severity::Error, Treatment::AfiSafiDisable, message);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "dst 10.0.0.0/24 src 20.0.0.0/24 (malformed)");
  const FieldTree& t = d.tree;
  const std::uint32_t dst = components(t, nlri_nodes(t).at(0)).at(0);
  expect_node(t, only(t, dst, FieldId::FlowspecStrayPathId), FieldId::FlowspecStrayPathId, 40, 4,
              "0");
  expect_node(t, only(t, dst, FieldId::FlowspecPrefixLength), FieldId::FlowspecPrefixLength, 44, 1,
              "24");
}

TEST(FlowspecNlri, Ipv6PathIdentifierInsidePrefixComponent) {
  // GoBGP 3.10 splits the path id around the offset (exabgp-gobgp-...-addpath.pcap frame 27).
  const ByteVector nlri = {0x13, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x40, 0x20, 0x01,
                           0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00, 0x0d, 0x91, 0x04, 0xd2};
  const DecodedMessage d = decode_checked(flow_update(kFlow6, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 39u);
  EXPECT_EQ(d.problems[0].length, 15u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "dst 2001:db8:2::/8-64 flow-label =1234 (malformed)");
  const FieldTree& t = d.tree;
  const std::uint32_t dst = components(t, nlri_nodes(t).at(0)).at(0);
  const auto ids = test::children(t, dst, FieldId::FlowspecStrayPathId);
  ASSERT_EQ(ids.size(), 2u);
  expect_node(t, ids[0], FieldId::FlowspecStrayPathId, 40, 1, "0");
  expect_node(t, ids[1], FieldId::FlowspecStrayPathId, 42, 3, "0");
  expect_node(t, only(t, dst, FieldId::FlowspecPrefixOffset), FieldId::FlowspecPrefixOffset, 41, 1,
              "8");
}

TEST(FlowspecNlri, NegotiatedAddPathPutsAPathIdentifierBeforeEachRule) {
  const ByteVector nlri = {0x00, 0x00, 0x00, 0x07, 0x05, 0x01, 0x18, 0x0a, 0x00, 0x00};
  const DecodedMessage d = decode_checked(flow_update(kFlow4, nlri), negotiated(true, {kFlow4}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 7u);
  EXPECT_EQ(d.nlri[0].length, 10u);
  const FieldTree& t = d.tree;
  const std::uint32_t rule = nlri_nodes(t).at(0);
  expect_node(t, rule, FieldId::FlowspecNlri, 38, 10, "dst 10.0.0.0/24 path 7");
  expect_node(t, only(t, rule, FieldId::PathId), FieldId::PathId, 38, 4, "7");
  expect_node(t, only(t, rule, FieldId::FlowspecLength), FieldId::FlowspecLength, 42, 1, "5");
}

TEST(FlowspecNlri, AddPathGuessedFromTheBytes) {
  // Read plainly, path id 0 starts with a rule of length 0, which has no components.
  const ByteVector with_id = {0x00, 0x00, 0x00, 0x00, 0x05, 0x01, 0x18, 0x0a, 0x00, 0x00};
  DecodedMessage d = decode_checked(flow_update(kFlow4, with_id), PeerContext::unknown());
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 0u);
  EXPECT_EQ(d.nlri[0].text, "dst 10.0.0.0/24");
  d = decode_checked(flow_update(kFlow4, {0x05, 0x01, 0x18, 0x0a, 0x00, 0x00}),
                     PeerContext::unknown());
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_FALSE(d.nlri[0].path_id.has_value());
}

TEST(FlowspecNlri, RuleLengthOverrunningTheFieldStopsIt) {
  const DecodedMessage d =
      decode_checked(flow_update(kFlow4, {0x20, 0x01, 0x18, 0x0a}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 38, 4, Severity::Error, Treatment::AfiSafiDisable,
                 "rule length 32 exceeds the 3 bytes left in the field (RFC 8955 §4.1, RFC 7606 "
                 "§5.3)");
  EXPECT_TRUE(d.nlri.empty());
  EXPECT_EQ(d.update.announced, 0u);
}

TEST(FlowspecNlri, TwoOctetLengthCutOffStopsTheField) {
  const DecodedMessage d = decode_checked(
      flow_update(kFlow4, {0x05, 0x01, 0x18, 0x0a, 0x00, 0x00, 0xf0}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "length 0xf0: the nibble 0xf announces a 2-octet length, but the field ends "
                 "after its first octet (RFC 8955 §4.1, RFC 7606 §5.3)");
  EXPECT_EQ(d.nlri.size(), 1u);
}

TEST(FlowspecNlri, RuleWithoutComponentsIsMalformedAndTheNextIsRead) {
  const DecodedMessage d = decode_checked(
      flow_update(kFlow4, {0x00, 0x05, 0x01, 0x18, 0x0a, 0x00, 0x00}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 38, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "a rule without components: RFC 8955 §4.2 encodes at least one (the NLRI is "
                 "malformed)");
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "(no components) (malformed)");
  EXPECT_EQ(d.nlri[1].text, "dst 10.0.0.0/24");
  EXPECT_EQ(d.nlri[1].offset, 39u);
}

TEST(FlowspecNlri, VpnRuleShorterThanItsRouteDistinguisher) {
  DecodedMessage d =
      decode_checked(flow_update(kFlowVpn4, {0x04, 0x00, 0x00, 0xfd, 0xe8}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 38, 5, Severity::Error, Treatment::AfiSafiDisable,
                 "a VPN rule of 4 bytes has no room for its 8-octet Route Distinguisher (RFC 8955 "
                 "§8, §4.2: the NLRI is malformed)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "(no components) (malformed)");
  d = decode_checked(flow_update(kFlowVpn4, concat({{0x08}, test::rd_65000_100()})),
                     negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 38, 9, Severity::Error, Treatment::AfiSafiDisable,
                 "a rule without components: RFC 8955 §4.2 encodes at least one (the NLRI is "
                 "malformed)");
  EXPECT_EQ(d.nlri.at(0).text, "(no components) RD 65000:100 (malformed)");
}

}  // namespace
}  // namespace bgplens

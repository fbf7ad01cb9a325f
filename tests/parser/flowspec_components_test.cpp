// Flow Specification components (RFC 8955 §4.2; RFC 8956 §3; draft-ietf-idr-flowspec-l2vpn-12
// §3): the numeric and bitmask operators and their texts, value sizes, bit names, and the
// errors and warnings of component order, unknown types, truncation, prefix bounds, IPv6
// fragments and MAC lengths. Offsets: see flowspec_test_messages.h (rules at 38).
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
using test::negotiated;
using test::nlri_nodes;
using test::only;
using test::only_rule_text;

DecodedMessage decode(Family f, const ByteVector& nlri) {
  return decode_checked(flow_update(f, nlri), negotiated(true));
}

// The first Term node of the first component of the first rule.
std::uint32_t first_term(const FieldTree& t) {
  const std::uint32_t component =
      test::children(t, nlri_nodes(t).at(0), FieldId::FlowspecComponent).at(0);
  return test::children(t, component, FieldId::FlowspecTerm).at(0);
}

TEST(FlowspecComponents, EveryNumericComparison) {
  // RFC 8955 §4.2.1.1: lt gt eq 000 false ... 111 true; the value of 000 and 111 is not shown.
  EXPECT_EQ(only_rule_text(kFlow4, {0x11, 0x04, 0x00, 0x01, 0x01, 0x02, 0x02, 0x03, 0x03, 0x04,
                                    0x04, 0x05, 0x05, 0x06, 0x06, 0x07, 0x87, 0x08}),
            "port false||=2||>3||>=4||<5||<=6||!=7||true");
}

TEST(FlowspecComponents, EightOctetValue) {
  const DecodedMessage d =
      decode(kFlow4, {0x0a, 0x0a, 0xb1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.nlri.at(0).text, "packet-length =1500");
  const std::uint32_t term = first_term(d.tree);
  expect_node(d.tree, only(d.tree, term, FieldId::FlowspecOperator), FieldId::FlowspecOperator, 40,
              1, "0xb1 (=, 8 bytes, end of list)");
  expect_node(d.tree, only(d.tree, term, FieldId::FlowspecValue), FieldId::FlowspecValue, 41, 8,
              "1500");
}

TEST(FlowspecComponents, BitmaskOperatorsAndTcpFlagNames) {
  // ExaBGP's bgp-flow-3 case: ack || cwr & !fin & !ece (not, any bit).
  EXPECT_EQ(only_rule_text(kFlow4, {0x09, 0x09, 0x00, 0x10, 0x00, 0x80, 0x42, 0x01, 0xc2, 0x40}),
            "tcp-flags ack||cwr&!fin&!ece");
  // Match bit: =rst || =fin+push (bgp-flow-2); not and match: !=syn.
  EXPECT_EQ(only_rule_text(kFlow4, {0x05, 0x09, 0x01, 0x04, 0x81, 0x09}),
            "tcp-flags =rst||=fin+push");
  EXPECT_EQ(only_rule_text(kFlow4, {0x03, 0x09, 0x83, 0x02}), "tcp-flags !=syn");
}

TEST(FlowspecComponents, TwoOctetTcpFlagsShowTheHeaderOctetToo) {
  // RFC 8955 §4.2.2.9: two octets match TCP header octets 13 and 14.
  const DecodedMessage d = decode(kFlow4, {0x04, 0x09, 0x91, 0x01, 0x12});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.nlri.at(0).text, "tcp-flags =syn+ack+0x0100");
  const FieldTree& t = d.tree;
  const std::uint32_t value = only(t, first_term(t), FieldId::FlowspecValue);
  expect_node(t, value, FieldId::FlowspecValue, 41, 2, "syn+ack+0x0100 (0x0112)");
  expect_node(t, only(t, value, FieldId::FlowspecTcpHeaderBits), FieldId::FlowspecTcpHeaderBits, 41,
              2, "0x01", 0xFF00);
  expect_node(t, only(t, value, FieldId::FlowspecTcpSyn), FieldId::FlowspecTcpSyn, 41, 2, "set",
              0x02);
  expect_node(t, only(t, value, FieldId::FlowspecTcpFin), FieldId::FlowspecTcpFin, 41, 2, "not set",
              0x01);
}

TEST(FlowspecComponents, FragmentBits) {
  const DecodedMessage d = decode(kFlow4, {0x03, 0x0c, 0x81, 0x0a});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.nlri.at(0).text, "fragment =is-fragment+last-fragment");
  const FieldTree& t = d.tree;
  const std::uint32_t value = only(t, first_term(t), FieldId::FlowspecValue);
  expect_node(t, value, FieldId::FlowspecValue, 41, 1, "is-fragment+last-fragment (0x0a)");
  expect_node(t, only(t, value, FieldId::FlowspecFragLf), FieldId::FlowspecFragLf, 41, 1, "set",
              0x08);
  expect_node(t, only(t, value, FieldId::FlowspecFragFf), FieldId::FlowspecFragFf, 41, 1, "not set",
              0x04);
  expect_node(t, only(t, value, FieldId::FlowspecFragIsf), FieldId::FlowspecFragIsf, 41, 1, "set",
              0x02);
  expect_node(t, only(t, value, FieldId::FlowspecFragDf), FieldId::FlowspecFragDf, 41, 1, "not set",
              0x01);
}

TEST(FlowspecComponents, IpComponentsOfEachFamily) {
  EXPECT_EQ(only_rule_text(kFlow6, {0x09, 0x03, 0x81, 0x3a, 0x07, 0x81, 0x80, 0x0b, 0x81, 0x0a}),
            "next-header =58 icmp-type =128 dscp =10");
  EXPECT_EQ(only_rule_text(kFlow6, {0x06, 0x0d, 0xa1, 0x00, 0x00, 0x07, 0xdd}), "flow-label =2013");
  EXPECT_EQ(only_rule_text(kFlowL2vpn, concat({{0x14},
                                               test::rd_65000_100(),
                                               {0x03, 0x81, 0x11, 0x11, 0x81, 0x42, 0x14, 0xa1,
                                                0x00, 0x00, 0x00, 0x02}})),
            "proto =17 dsap =0x42 snap =0x00000002 RD 65000:100");
}

TEST(FlowspecComponents, OutOfOrderAndRepeatedComponents) {
  DecodedMessage d = decode(kFlow4, {0x08, 0x03, 0x81, 0x06, 0x01, 0x18, 0x0a, 0x00, 0x00});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "component type 1 after type 3: components must appear in increasing type "
                 "order, each at most once (RFC 8955 §4.2: the NLRI is malformed)");
  EXPECT_EQ(d.nlri.at(0).text, "proto =6 dst 10.0.0.0/24 (malformed)");
  EXPECT_EQ(d.update.announced, 1u);
  d = decode(kFlow4, {0x06, 0x03, 0x81, 0x06, 0x03, 0x81, 0x11});
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 42u);
  EXPECT_EQ(d.problems[0].message.substr(0, 27), "component type 3 after type");
  EXPECT_EQ(d.nlri.at(0).text, "proto =6 proto =17 (malformed)");
}

TEST(FlowspecComponents, UnknownTypeEndsTheRuleButNotTheField) {
  // Type 13 (flow label) is IPv6 only; the second rule is framed by its own length.
  const DecodedMessage d = decode(kFlow4, {0x08, 0x01, 0x18, 0x0a, 0x00, 0x00, 0x0d, 0x81, 0x01,
                                           0x05, 0x01, 0x18, 0x0b, 0x00, 0x00});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "unknown component type 13 (RFC 8955 §4.2.2 defines 1-12 for IPv4): its length "
                 "is unknown, so the 3 bytes left of the NLRI cannot be decoded (RFC 8955 §4.2: "
                 "the NLRI is malformed)");
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "dst 10.0.0.0/24 (malformed)");
  EXPECT_EQ(d.nlri[1].text, "dst 11.0.0.0/24");
}

TEST(FlowspecComponents, L2vpnRulesDoNotDefinePrefixComponents) {
  const DecodedMessage d =
      decode(kFlowL2vpn, concat({{0x0d}, test::rd_65000_100(), {0x01, 0x18, 0x0a, 0x00, 0x00}}));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 47u);
  EXPECT_NE(d.problems[0].message.find(
                "unknown component type 1 (draft-ietf-idr-flowspec-l2vpn-12 §3 defines 14-24, "
                "with 3-12 of RFC 8955, for L2VPN)"),
            std::string::npos);
}

TEST(FlowspecComponents, ValueOverrunningTheRule) {
  const DecodedMessage d = decode(kFlow4, {0x03, 0x05, 0x91, 0x00});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 2, Severity::Error, Treatment::AfiSafiDisable,
                 "operator 0x91 announces a value of 2 bytes, 1 byte left in the NLRI (RFC 8955 "
                 "§4.2.1, §4.2: the NLRI is malformed)");
  EXPECT_EQ(d.nlri.at(0).text, "dst-port (truncated) (malformed)");
}

TEST(FlowspecComponents, ListWithoutEndOfListBit) {
  const DecodedMessage d = decode(kFlow4, {0x03, 0x05, 0x01, 0x50});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 39, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "operator list reaches the end of the NLRI without an end-of-list bit (RFC 8955 "
                 "§4.2.1, §4.2: the NLRI is malformed)");
}

TEST(FlowspecComponents, PrefixErrors) {
  DecodedMessage d = decode(kFlow4, {0x03, 0x01, 0x18, 0x0a});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 39, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "prefix of length 24 needs 3 bytes, 1 byte left in the NLRI (RFC 8955 §4.2.2.1, "
                 "RFC 8955 §4.2: the NLRI is malformed)");
  d = decode(kFlow4, {0x01, 0x01});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 39, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "Destination Prefix needs 1 byte for its length, 0 bytes left in the NLRI (RFC "
                 "8955 §4.2.2.1, RFC 8955 §4.2: the NLRI is malformed)");
  // A length over 32 still frames the component (5 octets), so the rule goes on.
  d = decode(kFlow4, {0x0a, 0x01, 0x21, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x03, 0x81, 0x06});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "prefix length 33 exceeds 32 bits (RFC 8955 §4.2.2.1, §4.2: the NLRI is "
                 "malformed)");
  EXPECT_EQ(d.nlri.at(0).text, "dst 10.0.0.0/33 proto =6 (malformed)");
  d = decode(kFlow6, {0x03, 0x01, 0x20, 0x20});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "length 32 with offset 32: RFC 8956 §3.1 requires offset < length <= 128, or "
                 "both 0 (the component is malformed)");
}

TEST(FlowspecComponents, OperatorBitsThatMustBeZeroAreWarnings) {
  // RFC 8955 §4.2.1.1: the first AND bit is treated as unset; reserved bits are ignored.
  DecodedMessage d = decode(kFlow4, {0x03, 0x03, 0xc1, 0x06});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 1, Severity::Warning, Treatment::None,
                 "AND bit set in the first operator of the list: it MUST be unset and is treated "
                 "as unset (RFC 8955 §4.2.1.1)");
  EXPECT_EQ(d.nlri.at(0).text, "proto =6");
  d = decode(kFlow4, {0x03, 0x03, 0x89, 0x06});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 1, Severity::Warning, Treatment::None,
                 "reserved operator bits 0x08 set: they MUST be 0 and are ignored (RFC 8955 "
                 "§4.2.1.1)");
  d = decode(kFlow4, {0x03, 0x09, 0x8d, 0x02});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 1, Severity::Warning, Treatment::None,
                 "reserved operator bits 0x0c set: they MUST be 0 and are ignored (RFC 8955 "
                 "§4.2.1.2)");
  EXPECT_EQ(d.nlri.at(0).text, "tcp-flags =syn");
}

TEST(FlowspecComponents, FragmentRules) {
  // RFC 8956 §3.6: one octet, and no DF bit in IPv6.
  DecodedMessage d = decode(kFlow6, {0x04, 0x0c, 0x91, 0x00, 0x02});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "fragment bitmask of 2 bytes: RFC 8956 §3.6 requires a single octet (len=00); "
                 "the NLRI is malformed (RFC 8955 §4.2)");
  EXPECT_EQ(d.nlri.at(0).text, "fragment =is-fragment (malformed)");
  d = decode(kFlow6, {0x03, 0x0c, 0x81, 0x01});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 41, 1, Severity::Warning, Treatment::None,
                 "reserved fragment bits 0x01 set: they MUST be 0 and are ignored (RFC 8956 §3.6: "
                 "IPv6 has no DF bit)");
  const std::uint32_t value = only(d.tree, first_term(d.tree), FieldId::FlowspecValue);
  expect_node(d.tree, only(d.tree, value, FieldId::FlowspecFragDf), FieldId::FlowspecFragDf, 41, 1,
              "set (reserved)", 0x01);
  d = decode(kFlow4, {0x03, 0x0c, 0x81, 0x12});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 41, 1, Severity::Warning, Treatment::None,
                 "reserved fragment bits 0x10 set: they MUST be 0 and are ignored (RFC 8955 "
                 "§4.2.2.12)");
  EXPECT_EQ(d.nlri.at(0).text, "fragment =is-fragment+0x10");
}

TEST(FlowspecComponents, MacAddressLengths) {
  DecodedMessage d =
      decode(kFlowL2vpn,
             concat({{0x0f}, test::rd_65000_100(), {0x0f, 0x05, 0xaa, 0xbb, 0xcc, 0xdd, 0xee}}));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 48, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "MAC address length 5: a MAC address has 6 octets (draft-ietf-idr-flowspec-l2vpn-"
                 "12 §3)");
  EXPECT_EQ(d.nlri.at(0).text, "src-mac aa:bb:cc:dd:ee RD 65000:100 (malformed)");
  d = decode(kFlowL2vpn, concat({{0x0b}, test::rd_65000_100(), {0x10, 0x06, 0xaa}}));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 47, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "Destination MAC of 6 bytes, 1 byte left in the NLRI (draft-ietf-idr-flowspec-"
                 "l2vpn-12 §3, RFC 8955 §4.2: the NLRI is malformed)");
}

}  // namespace
}  // namespace bgplens

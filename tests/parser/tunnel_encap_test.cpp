// Tunnel Encapsulation (attribute 23): the Tunnel TLV and sub-TLV walk of RFC 9012 §2 (1- and
// 2-octet sub-TLV lengths), the RFC 9012 §3 sub-TLVs, the SR Policy sub-TLVs of RFC 9830 (from
// ExaBGP's SR Policy cases), and RFC 9012 §13's error handling: a malformed TLV is disregarded
// with a warning, the attribute is treat-as-withdraw only when no valid TLV is left.
//
// Hand-built messages are an UPDATE whose only attribute is the Tunnel Encapsulation: 19
// Withdrawn Routes Length = 0, 21 Total Path Attribute Length, 23 flags, 24 type code 23, 25
// length (one octet), then the value from 26.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using test::children;
using test::expect_node;
using test::expect_problem;
using test::only;

gen::ByteVector bytes_of(std::string_view hex) {
  gen::ByteVector out;
  std::string digits;
  for (const char c : hex) {
    if (c != ' ') digits += c;
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

struct Decoded {
  DecodedMessage message;
  std::uint32_t attribute = 0;
  std::vector<std::uint32_t> tlvs;
  const FieldTree& tree() const { return message.tree; }
};

Decoded decode_message(const gen::ByteVector& message, std::size_t attribute_index) {
  Decoded d{test::decode_checked(message, test::negotiated(true)), 0, {}};
  const FieldTree& t = d.message.tree;
  const auto attrs = t.find_first(FieldId::UpdateAttrs);
  if (!attrs) {
    ADD_FAILURE() << "no path attributes";
    return d;
  }
  const auto all = children(t, *attrs, FieldId::Attr);
  if (attribute_index >= all.size()) {
    ADD_FAILURE() << "no attribute " << attribute_index;
    return d;
  }
  d.attribute = all[attribute_index];
  d.tlvs = children(t, d.attribute, FieldId::TunnelTlv);
  return d;
}

// An UPDATE with one Tunnel Encapsulation attribute of `value_hex`.
Decoded decode_encap(std::string_view value_hex) {
  return decode_message(gen::update({{}, {gen::attribute(0xC0, 23, bytes_of(value_hex))}, {}}), 0);
}

void expect_field(const FieldTree& t, std::uint32_t parent, FieldId id, std::uint32_t offset,
                  std::uint32_t length, std::string_view value, std::uint32_t mask = 0) {
  expect_node(t, only(t, parent, id), id, offset, length, value, mask);
}

TEST(TunnelEncap, VxlanAndGreTunnels) {
  // TLV 1 at 26: VXLAN (8), length 40 (28-29), with a Tunnel Egress Endpoint at 30 (reserved
  // 32-35, AFI 36-37, 192.0.2.1 at 38-41), an Encapsulation at 42 (flags V and M at 44, VN-ID
  // 100 at 45-47, MAC 48-53, reserved 54-55), a Color at 56 (community type 58-59, flags 60-61,
  // color 62-65) and a UDP Destination Port at 66 (4789 at 68-69). TLV 2 at 70: GRE (2) with
  // an Encapsulation sub-TLV at 74 holding GRE key 2748 (76-79).
  const auto d = decode_encap(
      "0008 0028  06 0a 00000000 0001 c0000201  01 0c c0 000064 001122334455 0000"
      "  04 08 030b 0000 00000064  08 02 12b5"
      "0002 0006  01 04 00000abc");
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  expect_node(t, d.attribute, FieldId::Attr, 23, 57, "Tunnel Encapsulation: VXLAN, GRE");
  ASSERT_EQ(d.tlvs.size(), 2u);
  expect_node(t, d.tlvs[0], FieldId::TunnelTlv, 26, 44,
              "VXLAN (8): Tunnel Egress Endpoint 192.0.2.1, Encapsulation VN-ID 100, MAC "
              "00:11:22:33:44:55, Color 100, UDP Destination Port 4789");
  expect_field(t, d.tlvs[0], FieldId::TunnelType, 26, 2, "VXLAN (8)");
  expect_field(t, d.tlvs[0], FieldId::TunnelLength, 28, 2, "40");
  const auto subs = children(t, d.tlvs[0], FieldId::TunnelSubTlv);
  ASSERT_EQ(subs.size(), 4u);
  expect_node(t, subs[0], FieldId::TunnelSubTlv, 30, 12, "Tunnel Egress Endpoint (6): 192.0.2.1");
  expect_field(t, subs[0], FieldId::TunnelSubTlvType, 30, 1, "Tunnel Egress Endpoint (6)");
  expect_field(t, subs[0], FieldId::TunnelSubTlvLength, 31, 1, "10");
  expect_field(t, subs[0], FieldId::TunnelReserved, 32, 4, "00000000");
  expect_field(t, subs[0], FieldId::TunnelEndpointAfi, 36, 2, "IPv4 (1)");
  expect_field(t, subs[0], FieldId::TunnelEndpointAddress, 38, 4, "192.0.2.1");
  expect_node(t, subs[1], FieldId::TunnelSubTlv, 42, 14,
              "Encapsulation (1): VN-ID 100, MAC 00:11:22:33:44:55");
  const std::uint32_t flags = only(t, subs[1], FieldId::TunnelEncapFlags);
  expect_node(t, flags, FieldId::TunnelEncapFlags, 44, 1, "0xc0");
  expect_field(t, flags, FieldId::TunnelEncapFlagV, 44, 1, "1", 0x80);
  expect_field(t, flags, FieldId::TunnelEncapFlagM, 44, 1, "1", 0x40);
  expect_field(t, subs[1], FieldId::TunnelEncapVnId, 45, 3, "100");
  expect_field(t, subs[1], FieldId::TunnelEncapMac, 48, 6, "00:11:22:33:44:55");
  expect_field(t, subs[1], FieldId::TunnelReserved, 54, 2, "0000");
  expect_node(t, subs[2], FieldId::TunnelSubTlv, 56, 10, "Color (4): 100");
  expect_field(t, subs[2], FieldId::TunnelColorType, 58, 2, "0x030b (Color extended community)");
  expect_field(t, subs[2], FieldId::TunnelColorFlags, 60, 2, "0x0000");
  expect_field(t, subs[2], FieldId::TunnelColorValue, 62, 4, "100");
  expect_node(t, subs[3], FieldId::TunnelSubTlv, 66, 4, "UDP Destination Port (8): 4789");
  expect_field(t, subs[3], FieldId::TunnelUdpPort, 68, 2, "4789");
  expect_node(t, d.tlvs[1], FieldId::TunnelTlv, 70, 10, "GRE (2): Encapsulation GRE key 2748");
  const std::uint32_t gre = only(t, d.tlvs[1], FieldId::TunnelSubTlv);
  expect_field(t, gre, FieldId::TunnelEncapGreKey, 76, 4, "2748");
}

TEST(TunnelEncap, MplsSubTlvs) {
  // MPLS in UDP (13) at 26 with Protocol Type 0x8847 (32-33), DS Field 46 (36), Embedded Label
  // Handling 1 (39) and an MPLS Label Stack at 40 of two entries: 0x00064100 (label 100, S)
  // at 42 and 0x000c81ff (label 200, S, TTL 255) at 46.
  const auto d = decode_encap("000d 0014  02 02 8847  07 01 2e  09 01 01  0a 08 00064100 000c81ff");
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.tlvs.size(), 1u);
  expect_node(t, d.tlvs[0], FieldId::TunnelTlv, 26, 24,
              "MPLS in UDP (13): Protocol Type MPLS (0x8847), DS Field 46, Embedded Label "
              "Handling payload of MPLS with embedded label (1), MPLS Label Stack 100 200");
  const auto subs = children(t, d.tlvs[0], FieldId::TunnelSubTlv);
  ASSERT_EQ(subs.size(), 4u);
  expect_field(t, subs[0], FieldId::TunnelProtocolType, 32, 2, "MPLS (0x8847)");
  expect_field(t, subs[1], FieldId::TunnelDsField, 36, 1, "46");
  expect_field(t, subs[2], FieldId::TunnelEmbeddedLabel, 39, 1,
               "payload of MPLS with embedded label (1)");
  const auto entries = children(t, subs[3], FieldId::TunnelLabelEntry);
  ASSERT_EQ(entries.size(), 2u);
  expect_node(t, entries[0], FieldId::TunnelLabelEntry, 42, 4, "label 100, TC 0, S 1, TTL 0");
  expect_field(t, entries[0], FieldId::TunnelLabelValue, 42, 4, "100", 0xFFFFF000);
  expect_field(t, entries[0], FieldId::TunnelLabelTc, 42, 4, "0", 0x00000E00);
  expect_field(t, entries[0], FieldId::TunnelLabelBottom, 42, 4, "1", 0x00000100);
  expect_field(t, entries[0], FieldId::TunnelLabelTtl, 42, 4, "0", 0x000000FF);
  expect_node(t, entries[1], FieldId::TunnelLabelEntry, 46, 4, "label 200, TC 0, S 1, TTL 255");
}

TEST(TunnelEncap, UnknownTunnelTypeAndTwoOctetSubTlvLength) {
  // RFC 9012 §2: sub-TLV types 128-255 have a 2-octet length (type 200 at 30, length 31-32).
  // An unknown tunnel type is ignored, not malformed (RFC 9012 §13): no problem.
  const auto d = decode_encap("0063 0005  c8 0002 abcd");
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.tlvs.size(), 1u);
  expect_node(t, d.tlvs[0], FieldId::TunnelTlv, 26, 9,
              "unassigned (99): sub-TLV 200 2 bytes — unknown tunnel type, ignored");
  const std::uint32_t sub = only(t, d.tlvs[0], FieldId::TunnelSubTlv);
  expect_node(t, sub, FieldId::TunnelSubTlv, 30, 5, "unassigned (200): 2 bytes");
  expect_field(t, sub, FieldId::TunnelSubTlvLength, 31, 2, "2");
  expect_field(t, sub, FieldId::TunnelSubTlvValue, 33, 2, "ab cd");
}

TEST(TunnelEncap, MalformedTlvIsDisregardedOthersKept) {
  // TLV 1 (26-33): a Tunnel Egress Endpoint claims 10 octets with 2 left (length at 31). It is
  // disregarded with a warning; TLV 2 (34-43) is valid, so the attribute stands.
  const auto d = decode_encap("0008 0004 06 0a 0000  0002 0006 01 04 00000001");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 31, 1, Severity::Warning, Treatment::None,
                 "sub-TLV length 10 exceeds the 2 bytes left in the Tunnel TLV; the Tunnel TLV "
                 "is disregarded (RFC 9012 §13)");
  ASSERT_EQ(d.tlvs.size(), 2u);
  EXPECT_EQ(d.tree().value(d.tlvs[0]), "VXLAN (8): malformed — disregarded");
  EXPECT_EQ(d.tree().value(d.attribute), "Tunnel Encapsulation: VXLAN (disregarded), GRE");
}

TEST(TunnelEncap, NoValidTlvIsTreatAsWithdraw) {
  // Only a malformed TLV: the warning, then RFC 9012 §13's treat-as-withdraw over the value.
  auto d = decode_encap("0008 0004 06 0a 0000");
  ASSERT_EQ(d.message.problems.size(), 2u);
  expect_problem(d.message.problems[1], 26, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "no valid Tunnel TLV in the Tunnel Encapsulation attribute (RFC 9012 §13");

  // An empty attribute: a zero-length error at the value offset.
  d = decode_encap("");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 26, 0, Severity::Error, Treatment::TreatAsWithdraw,
                 "no Tunnel TLV in the Tunnel Encapsulation attribute");

  // A TLV that runs past the attribute (length 16 at 28-29, 2 octets left).
  d = decode_encap("000f 0010 0c06");
  ASSERT_EQ(d.message.problems.size(), 2u);
  expect_problem(d.message.problems[0], 28, 2, Severity::Warning, Treatment::None,
                 "Tunnel TLV length 16 exceeds the 2 bytes left in the attribute");
  expect_problem(d.message.problems[1], 26, 6, Severity::Error, Treatment::TreatAsWithdraw,
                 "no valid Tunnel TLV");

  // Three octets: too few for a Tunnel TLV header.
  d = decode_encap("000800");
  ASSERT_EQ(d.message.problems.size(), 2u);
  expect_problem(d.message.problems[0], 26, 3, Severity::Warning, Treatment::None,
                 "Tunnel TLV header needs 4 bytes, 3 bytes left");
  expect_problem(d.message.problems[1], 26, 3, Severity::Error, Treatment::TreatAsWithdraw,
                 "no Tunnel TLV");
}

TEST(TunnelEncap, InvalidSubTlvContentAndDuplicates) {
  // RFC 9012 §3.1: address family 3 is neither 0, 1 nor 2 (AFI at 36-37): the TLV is
  // disregarded, and with no other TLV the attribute is treat-as-withdraw.
  auto d = decode_encap("0007 000c 06 0a 00000000 0003 01020304");
  ASSERT_EQ(d.message.problems.size(), 2u);
  expect_problem(d.message.problems[0], 36, 6, Severity::Warning, Treatment::None,
                 "Tunnel Egress Endpoint address family 3 is not 0, 1 or 2 (RFC 9012 §3.1); the "
                 "Tunnel TLV is disregarded");

  // RFC 9012 §13: a second Tunnel Egress Endpoint (at 42) is disregarded, the TLV is valid.
  d = decode_encap("0007 0018 06 0a 00000000 0001 c0000201  06 0a 00000000 0001 c0000202");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 42, 12, Severity::Warning, Treatment::None,
                 "second Tunnel Egress Endpoint sub-TLV in the Tunnel TLV: all but the first are "
                 "disregarded (RFC 9012 §13)");
  EXPECT_EQ(d.tree().value(d.tlvs[0]),
            "IP in IP (7): Tunnel Egress Endpoint 192.0.2.1, Tunnel Egress Endpoint ignored "
            "duplicate");

  // A VXLAN Encapsulation sub-TLV of 8 octets instead of 12 (value at 32-39).
  d = decode_encap("0008 000a 01 08 8000006400000000");
  ASSERT_EQ(d.message.problems.size(), 2u);
  expect_problem(d.message.problems[0], 32, 8, Severity::Warning, Treatment::None,
                 "Encapsulation sub-TLV length 8 is not 12 (RFC 9012 §3.2.1)");
}

TEST(TunnelEncap, ExaBgpSrPolicyWithMplsSegments) {
  // ExaBGP's decoding/bgp-sr-policy-1: {"preference": 100, "binding-sid": {"type": "mpls",
  // "label": 24000}, "segment-lists": [{"weight": 1, "segments": [{"type": "A", "label": 16001,
  // "tc": 0, "s": true, "ttl": 0}]}]}. The attribute is the fourth, at 37; its TLV at 40.
  const auto d = decode_message(
      bytes_of("ffffffffffffffffffffffffffffffff006902000000524001010040020040050400000064c01728"
               "000f00240c060000000000640d06100005dc01008000110009060000000000010106000003e81100"
               "800e1600014904c0000201006000000000000000640a000001"),
      3);
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.tlvs.size(), 1u);
  expect_node(t, d.tlvs[0], FieldId::TunnelTlv, 40, 40,
              "SR Policy (15): Preference 100, Binding SID label 24000, Segment List weight 1 "
              "[A 16001]");
  const auto subs = children(t, d.tlvs[0], FieldId::TunnelSubTlv);
  ASSERT_EQ(subs.size(), 3u);
  expect_field(t, subs[0], FieldId::SrPolicyPreference, 48, 4, "100");
  // The Binding SID's flags octet is 0x10: a bit RFC 9830 §2.4.2 leaves unassigned.
  const std::uint32_t flags = only(t, subs[1], FieldId::SrPolicyFlags);
  expect_node(t, flags, FieldId::SrPolicyFlags, 54, 1, "0x10");
  EXPECT_EQ(children(t, flags, FieldId::SrPolicyFlag).size(), 2u);
  const std::uint32_t bsid = only(t, subs[1], FieldId::TunnelLabelEntry);
  expect_node(t, bsid, FieldId::TunnelLabelEntry, 56, 4, "label 24000, TC 0, S 1, TTL 0");
  expect_node(t, subs[2], FieldId::TunnelSubTlv, 60, 20, "Segment List (128): weight 1 [A 16001]");
  expect_field(t, subs[2], FieldId::TunnelSubTlvLength, 61, 2, "17");
  const auto segments = children(t, subs[2], FieldId::SrPolicySegment);
  ASSERT_EQ(segments.size(), 2u);
  expect_node(t, segments[0], FieldId::SrPolicySegment, 64, 8, "Weight (9): weight 1");
  expect_field(t, segments[0], FieldId::SrPolicyWeight, 68, 4, "1");
  expect_node(t, segments[1], FieldId::SrPolicySegment, 72, 8, "Segment Type A (1): A 16001");
  expect_field(t, segments[1], FieldId::SrPolicySegmentType, 72, 1, "Segment Type A (1)");
  const std::uint32_t label = only(t, segments[1], FieldId::TunnelLabelEntry);
  expect_node(t, label, FieldId::TunnelLabelEntry, 76, 4, "label 16001, TC 0, S 1, TTL 0");
}

TEST(TunnelEncap, ExaBgpSrPolicyWithSrv6Segments) {
  // ExaBGP's decoding/bgp-sr-policy-2: {"preference": 200, "srv6-binding-sid": "fc00::1",
  // "policy-name": "my-policy", "candidate-path-name": "primary", "segment-lists": [{"weight":
  // 2, "segments": [{"type": "B", "sid": "fc00::1", "endpoint-behavior": {"behavior": 65,
  // "lb-length": 32, "ln-length": 0, "fun-length": 16, "arg-length": 0}}]}]}.
  const auto d = decode_message(
      bytes_of("ffffffffffffffffffffffffffffffff00a1020000008a4001010040020040050400000064c01760"
               "000f005c0c060000000000c814120000fc000000000000000000000000000001800025000906000000"
               "0000020d1a1000fc000000000000000000000000000001004100002000100082000a006d792d706f6c"
               "696379810008007072696d617279800e1600014904c0000201006000000001000000c80a000002"),
      3);
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.tlvs.size(), 1u);
  const auto subs = children(t, d.tlvs[0], FieldId::TunnelSubTlv);
  ASSERT_EQ(subs.size(), 5u);
  expect_node(t, subs[1], FieldId::TunnelSubTlv, 52, 20, "SRv6 Binding SID (20): fc00::1");
  expect_field(t, subs[1], FieldId::SrPolicySrv6Sid, 56, 16, "fc00::1");
  expect_node(t, subs[2], FieldId::TunnelSubTlv, 72, 40,
              "Segment List (128): weight 2 [B fc00::1 End.DX2 with NEXT-CSID (0x0041), structure "
              "32/0/16/0]");
  const auto segments = children(t, subs[2], FieldId::SrPolicySegment);
  ASSERT_EQ(segments.size(), 2u);
  expect_field(t, segments[0], FieldId::SrPolicyWeight, 80, 4, "2");
  expect_field(t, segments[1], FieldId::SrPolicySegmentType, 84, 1, "Segment Type B (13)");
  const std::uint32_t flags = only(t, segments[1], FieldId::SrPolicyFlags);
  expect_node(t, flags, FieldId::SrPolicyFlags, 86, 1,
              "0x10 (B (Endpoint Behavior & SID Structure present))");
  expect_field(t, segments[1], FieldId::SrPolicySrv6Sid, 88, 16, "fc00::1");
  expect_field(t, segments[1], FieldId::Srv6EndpointBehavior, 104, 2,
               "End.DX2 with NEXT-CSID (0x0041)");
  expect_field(t, segments[1], FieldId::Srv6LocatorBlockLength, 108, 1, "32");
  expect_field(t, segments[1], FieldId::Srv6FunctionLength, 110, 1, "16");
  expect_node(t, subs[3], FieldId::TunnelSubTlv, 112, 13, "Policy Name (130): \"my-policy\"");
  expect_field(t, subs[3], FieldId::SrPolicyName, 116, 9, "\"my-policy\"");
  expect_node(t, subs[4], FieldId::TunnelSubTlv, 125, 11,
              "Policy Candidate Path Name (129): \"primary\"");
}

TEST(TunnelEncap, EveryByteMutationDecodesConsistently) {
  // Robustness: each octet of a value with RFC 9012 and SR Policy sub-TLVs (1- and 2-octet
  // sub-TLV lengths, segment lists) set to values that break lengths and types; decode_checked
  // verifies depths, node nesting and that every problem has its node.
  const gen::ByteVector value = bytes_of(
      "0008 001a  06 0a 00000000 0001 c0000201  01 0c c0 000064 001122334455 0000"
      "000f 004a  0c06 0000 000000c8  1412 0000 fc000000000000000000000000000001"
      "  80 0025 00 0906 0000 00000002 0d1a 1000 fc000000000000000000000000000001 0041 0000 "
      "20001000  81 0003 00 6162");
  EXPECT_TRUE(test::decode_checked(gen::update({{}, {gen::attribute(0xC0, 23, value)}, {}}),
                                   test::negotiated(true))
                  .problems.empty());
  for (std::size_t i = 0; i < value.size(); ++i) {
    for (const std::uint8_t v : {0x00, 0x01, 0x06, 0x0d, 0x14, 0x7f, 0x80, 0xff}) {
      gen::ByteVector mutated = value;
      mutated[i] = v;
      SCOPED_TRACE("octet " + std::to_string(i) + " = " + std::to_string(v));
      test::decode_checked(gen::update({{}, {gen::attribute(0xC0, 23, mutated)}, {}}),
                           test::negotiated(true));
    }
  }
}

}  // namespace
}  // namespace bgplens

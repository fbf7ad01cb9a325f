// BGP Prefix-SID (attribute 40): the TLV walk and the SR-MPLS TLVs of RFC 8669, the SRv6 Service
// TLVs of RFC 9252, and the error handling of RFC 8669 §6 (attribute discard) and RFC 9252 §7
// (treat-as-withdraw), with offsets and values worked out by hand.
//
// Most messages are an UPDATE whose only attribute is the Prefix-SID: 19 Withdrawn Routes
// Length = 0, 21 Total Path Attribute Length, 23 flags, 24 type code 40, 25 length (one
// octet), then the value from 26. No NLRI, so no well-known attribute is required.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "bgp/attributes/attr_prefix_sid.h"
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

std::string srv6_name(std::uint16_t behavior) {
  return std::string(srv6::endpoint_behavior_name(behavior));
}

struct Decoded {
  DecodedMessage message;
  std::uint32_t attribute = 0;
  std::vector<std::uint32_t> tlvs;
  const FieldTree& tree() const { return message.tree; }
};

// An UPDATE with one Prefix-SID attribute of `value_hex`, decoded with every consistency check.
Decoded decode_prefix_sid(std::string_view value_hex, std::uint8_t flags = 0xC0) {
  const gen::ByteVector value = bytes_of(value_hex);
  Decoded d{test::decode_checked(gen::update({{}, {gen::attribute(flags, 40, value)}, {}}),
                                 test::negotiated(true)),
            0,
            {}};
  const FieldTree& t = d.message.tree;
  const auto attrs = t.find_first(FieldId::UpdateAttrs);
  if (!attrs) {
    ADD_FAILURE() << "no path attributes";
    return d;
  }
  d.attribute = only(t, *attrs, FieldId::Attr);
  d.tlvs = children(t, d.attribute, FieldId::PrefixSidTlv);
  return d;
}

void expect_field(const FieldTree& t, std::uint32_t parent, FieldId id, std::uint32_t offset,
                  std::uint32_t length, std::string_view value, std::uint32_t mask = 0) {
  expect_node(t, only(t, parent, id), id, offset, length, value, mask);
}

TEST(PrefixSid, LabelIndexAndOriginatorSrgb) {
  // ExaBGP's conf-prefix-sid/002: label index 300, SRGBs 800000+4096 and 1000000+5000.
  // Label-Index TLV at 26 (type 26, length 27-28, reserved 29, flags 30-31, index 32-35);
  // Originator SRGB TLV at 36 (length 14 at 37-38, flags 39-40, ranges at 41 and 47).
  const auto d =
      decode_prefix_sid("01 0007 00 0000 0000012c  03 000e 0000 0c3500 001000 0f4240 001388");
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  expect_node(t, d.attribute, FieldId::Attr, 23, 30,
              "BGP Prefix-SID: label-index 300; originator SRGB 800000+4096, 1000000+5000");
  ASSERT_EQ(d.tlvs.size(), 2u);
  expect_node(t, d.tlvs[0], FieldId::PrefixSidTlv, 26, 10, "Label-Index (1): label-index 300");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidTlvType, 26, 1, "Label-Index (1)");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidTlvLength, 27, 2, "7");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidReserved, 29, 1, "00");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidLabelIndexFlags, 30, 2, "0x0000");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidLabelIndex, 32, 4, "300");
  expect_node(t, d.tlvs[1], FieldId::PrefixSidTlv, 36, 17,
              "Originator SRGB (3): originator SRGB 800000+4096, 1000000+5000");
  expect_field(t, d.tlvs[1], FieldId::PrefixSidTlvLength, 37, 2, "14");
  expect_field(t, d.tlvs[1], FieldId::PrefixSidSrgbFlags, 39, 2, "0x0000");
  const auto srgbs = children(t, d.tlvs[1], FieldId::PrefixSidSrgb);
  ASSERT_EQ(srgbs.size(), 2u);
  expect_node(t, srgbs[0], FieldId::PrefixSidSrgb, 41, 6,
              "base 800000, range 4096 (labels 800000-804095)");
  expect_field(t, srgbs[0], FieldId::PrefixSidSrgbBase, 41, 3, "800000");
  expect_field(t, srgbs[0], FieldId::PrefixSidSrgbRange, 44, 3, "4096");
  expect_node(t, srgbs[1], FieldId::PrefixSidSrgb, 47, 6,
              "base 1000000, range 5000 (labels 1000000-1004999)");
}

TEST(PrefixSid, Srv6L3ServiceWithSidStructure) {
  // As Cisco IOS XR sends it (netgauze 500-...-SRv6): an L3 Service TLV (26, length 34) with
  // Reserved 29 and one SID Information sub-TLV at 30 (length 30): Reserved 33, SID 34-49,
  // flags 50, behavior 51-52 (End.DT4 with NEXT-CSID), Reserved 53, and the SID Structure
  // sub-sub-TLV at 54: 32/16/16/0 with 16 transposed bits at offset 48 (57-62).
  const auto d = decode_prefix_sid(
      "05 0022 00  01 001e 00 fcbabe0030020000 0000000000000000 00 003f 00"
      "  01 0006 20 10 10 00 10 30");
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  const std::string sid_text =
      "SID fcba:be00:3002:: End.DT4 with NEXT-CSID (uDT4) (0x003f), structure 32/16/16/0, "
      "transposition 16 bits at offset 48 (SID bits 48-63 are in the NLRI label)";
  expect_node(t, d.attribute, FieldId::Attr, 23, 40, "BGP Prefix-SID: SRv6 L3 Service " + sid_text);
  ASSERT_EQ(d.tlvs.size(), 1u);
  expect_node(t, d.tlvs[0], FieldId::PrefixSidTlv, 26, 37, "SRv6 L3 Service (5): " + sid_text);
  expect_field(t, d.tlvs[0], FieldId::PrefixSidTlvLength, 27, 2, "34");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidReserved, 29, 1, "00");
  const std::uint32_t sub = only(t, d.tlvs[0], FieldId::Srv6SubTlv);
  expect_node(t, sub, FieldId::Srv6SubTlv, 30, 33, "SRv6 SID Information (1): " + sid_text);
  expect_field(t, sub, FieldId::Srv6SubTlvType, 30, 1, "SRv6 SID Information (1)");
  expect_field(t, sub, FieldId::Srv6SubTlvLength, 31, 2, "30");
  expect_field(t, sub, FieldId::Srv6Sid, 34, 16, "fcba:be00:3002::");
  expect_field(t, sub, FieldId::Srv6SidFlags, 50, 1, "0x00");
  expect_field(t, sub, FieldId::Srv6EndpointBehavior, 51, 2,
               "End.DT4 with NEXT-CSID (uDT4) (0x003f)");
  EXPECT_EQ(children(t, sub, FieldId::PrefixSidReserved).size(), 2u);
  const std::uint32_t structure = only(t, sub, FieldId::Srv6SubSubTlv);
  expect_node(t, structure, FieldId::Srv6SubSubTlv, 54, 9,
              "SRv6 SID Structure (1): structure 32/16/16/0, transposition 16 bits at offset 48 "
              "(SID bits 48-63 are in the NLRI label)");
  expect_field(t, structure, FieldId::Srv6SubSubTlvLength, 55, 2, "6");
  expect_field(t, structure, FieldId::Srv6LocatorBlockLength, 57, 1, "32");
  expect_field(t, structure, FieldId::Srv6LocatorNodeLength, 58, 1, "16");
  expect_field(t, structure, FieldId::Srv6FunctionLength, 59, 1, "16");
  expect_field(t, structure, FieldId::Srv6ArgumentLength, 60, 1, "0");
  expect_field(t, structure, FieldId::Srv6TranspositionLength, 61, 1, "16");
  expect_field(t, structure, FieldId::Srv6TranspositionOffset, 62, 1, "48");
}

TEST(PrefixSid, ExaBgpSrv6L3ServiceWithoutStructure) {
  // ExaBGP's decoding/vpnv4-extended-nexthop-1: {"l3-service": [{"sid": "2001:1::", "flags": 0,
  // "endpoint_behavior": 0}]}. The Prefix-SID is the fifth attribute, at 48: L3 Service TLV at
  // 51, SID Information sub-TLV at 55 (SID 59-74, behavior 76-77).
  const auto message = bytes_of(
      "ffffffffffffffffffffffffffffffff007e02000000674001010040020040050400000064c010080002000400"
      "000064c0281c05001900010015002001000100000000000000000000000000000000800e2c00018018000000"
      "0000000000cafe0000000000000000000000000001007000003100000004000000640a0100");
  const DecodedMessage m = test::decode_checked(message, test::negotiated(true));
  EXPECT_TRUE(m.problems.empty());
  const FieldTree& t = m.tree;
  const auto attrs = children(t, *t.find_first(FieldId::UpdateAttrs), FieldId::Attr);
  ASSERT_EQ(attrs.size(), 6u);
  expect_node(t, attrs[4], FieldId::Attr, 48, 31,
              "BGP Prefix-SID: SRv6 L3 Service SID 2001:1:: Reserved (0x0000)");
  const std::uint32_t sub = only(t, only(t, attrs[4], FieldId::PrefixSidTlv), FieldId::Srv6SubTlv);
  expect_field(t, sub, FieldId::Srv6Sid, 59, 16, "2001:1::");
  expect_field(t, sub, FieldId::Srv6SidFlags, 75, 1, "0x00");
  expect_field(t, sub, FieldId::Srv6EndpointBehavior, 76, 2, "Reserved (0x0000)");
}

TEST(PrefixSid, UnknownTlvsAreKeptAndDuplicatesIgnored) {
  // RFC 8669 §3: an unknown TLV (type 7, 2 octets) is ignored, no error. RFC 8669 §6: a second
  // Label-Index TLV is ignored (a warning), the attribute is kept. TLVs at 26, 31, 41.
  const auto d =
      decode_prefix_sid("07 0002 abcd  01 0007 00 0000 00000005  01 0007 00 0000 00000006");
  const FieldTree& t = d.tree();
  ASSERT_EQ(d.tlvs.size(), 3u);
  expect_node(t, d.attribute, FieldId::Attr, 23, 28,
              "BGP Prefix-SID: TLV 7 (2 bytes); label-index 5; ignored duplicate");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidTlvType, 26, 1, "unassigned (7)");
  expect_field(t, d.tlvs[0], FieldId::PrefixSidTlvValue, 29, 2, "ab cd");
  expect_field(t, d.tlvs[2], FieldId::PrefixSidTlvValue, 44, 7, "00 00 00 00 00 00 06");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 41, 10, Severity::Warning, Treatment::None,
                 "second Label-Index TLV: all but the first are ignored (RFC 8669 §6)");
}

TEST(PrefixSid, MalformedSrMplsTlvsAreAttributeDiscard) {
  // RFC 8669 §3.1 and §6: a Label-Index TLV of length 6; the error covers its value (29-34).
  auto d = decode_prefix_sid("01 0006 00 0000 000005");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 29, 6, Severity::Error, Treatment::AttributeDiscard,
                 "Label-Index TLV length 6 is not 7 (RFC 8669 §6: malformed BGP Prefix-SID");
  EXPECT_EQ(d.tree().value(d.attribute), "BGP Prefix-SID: malformed Label-Index");

  // RFC 8669 §3.2: 2 plus a non-zero multiple of 6; length 2 has no SRGB. No value bytes
  // beyond the flags, so the error covers the value (29-30).
  d = decode_prefix_sid("03 0002 0000");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 29, 2, Severity::Error, Treatment::AttributeDiscard,
                 "Originator SRGB TLV length 2 is not 2 plus a non-zero multiple of 6");

  // A TLV whose length runs past the attribute: the error covers its length field (27-28).
  d = decode_prefix_sid("01 0009 00 0000 00000005");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 27, 2, Severity::Error, Treatment::AttributeDiscard,
                 "Label-Index TLV length 9 exceeds the 7 bytes left in the attribute");
  expect_node(d.tree(), d.tlvs[0], FieldId::PrefixSidTlv, 26, 10, "Label-Index (1): malformed");

  // Two octets left after a TLV: too few for a TLV header.
  d = decode_prefix_sid("01 0007 00 0000 00000005 0100");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 36, 2, Severity::Error, Treatment::AttributeDiscard,
                 "TLV header needs 3 bytes, 2 bytes left");
}

TEST(PrefixSid, MalformedSrv6ServiceTlvsAreTreatAsWithdraw) {
  // RFC 9252 §7: a sub-TLV whose length runs past its Service TLV (length 5 at 27-28: Reserved
  // 29, sub-TLV at 30 claims 22 octets with 1 left). The error covers the sub-TLV length field
  // (31-32); the TLV after it (Label-Index at 34) is still decoded.
  auto d = decode_prefix_sid("05 0005 00 01 0016 00  01 0007 00 0000 00000009");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 31, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "SRv6 Service Sub-TLV length 22 exceeds the 1 byte left in the SRv6 Service TLV "
                 "(RFC 9252 §7: malformed SRv6 Service TLV");
  ASSERT_EQ(d.tlvs.size(), 2u);
  EXPECT_EQ(d.tree().value(d.tlvs[0]), "SRv6 L3 Service (5): no SID (malformed)");
  EXPECT_EQ(d.tree().value(d.tlvs[1]), "Label-Index (1): label-index 9");

  // A SID Information sub-TLV shorter than its 21 fixed octets (length 20 at 31-32).
  d = decode_prefix_sid("06 0018 00 01 0014 00 20010db8000000000000000000000001 00 0017");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 31, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "SRv6 SID Information Sub-TLV length 20 is less than its 21 fixed octets");
  EXPECT_EQ(d.tree().value(d.tlvs[0]), "SRv6 L2 Service (6): no SID (malformed)");

  // A SID Structure sub-sub-TLV of length 5 (at 54, its length at 55-56).
  d = decode_prefix_sid(
      "05 0021 00  01 001d 00 20010db8000000000000000000000001 00 0013 00  01 0005 2018100000");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 55, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "SRv6 SID Structure Sub-Sub-TLV length 5 is not 6");

  // A Service TLV whose length runs past the attribute: treat-as-withdraw too.
  d = decode_prefix_sid("05 0030 00 01");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 27, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "SRv6 L3 Service TLV length 48 exceeds the 2 bytes left in the attribute "
                 "(RFC 9252 §7");

  // A Service TLV of length 0 has no Reserved octet.
  d = decode_prefix_sid("05 0000");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 27, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "SRv6 Service TLV length 0 has no room for its Reserved octet");
}

TEST(PrefixSid, InvalidSidStructuresAreWarnings) {
  // RFC 9252 §3.2.1: 64+64+16+0 = 144 bits > 128, and a transposition offset without length.
  // The SID is unusable; the attribute is not malformed (warnings, no treatment).
  const auto d = decode_prefix_sid(
      "05 0022 00  01 001e 00 20010db8000000000000000000000001 00 0013 00  01 0006 40401000 0008");
  const auto& problems = d.message.problems;
  ASSERT_EQ(problems.size(), 2u);
  expect_problem(problems[0], 57, 4, Severity::Warning, Treatment::None,
                 "SID structure lengths add up to 144 bits, more than 128 (RFC 9252 §3.2.1");
  expect_problem(problems[1], 62, 1, Severity::Warning, Treatment::None,
                 "transposition offset 8 without transposed bits");

  // Transposed bits beyond the structure (offset 40 + 16 > 32 + 8): RFC 9252 §3.2.1 and
  // erratum 7817.
  const auto e = decode_prefix_sid(
      "05 0022 00  01 001e 00 20010db8000000000000000000000001 00 0013 00  01 0006 20080000 1028");
  ASSERT_EQ(e.message.problems.size(), 1u);
  expect_problem(e.message.problems[0], 61, 2, Severity::Warning, Treatment::None,
                 "transposed bits 40-55 lie beyond the 40 bits of the SID structure");
}

TEST(PrefixSid, SecondL3ServiceTlvIsIgnored) {
  // RFC 9252 §7: all but the first SRv6 L3 Service TLV are ignored. TLVs at 26 and 30.
  const auto d = decode_prefix_sid("05 0001 00  05 0001 00");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 30, 4, Severity::Warning, Treatment::None,
                 "second SRv6 L3 Service TLV: all but the first are ignored (RFC 9252 §7)");
}

TEST(PrefixSid, EmptyAttributeAndWrongFlags) {
  // RFC 8669 §6: no TLV at all. The error is a zero-length node at the value offset (26).
  auto d = decode_prefix_sid("");
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 26, 0, Severity::Error, Treatment::AttributeDiscard,
                 "BGP Prefix-SID is empty");
  // Optional but not transitive (0x80): RFC 4271 §6.3 flags error, attribute discard.
  d = decode_prefix_sid("01 0007 00 0000 00000005", 0x80);
  ASSERT_EQ(d.message.problems.size(), 1u);
  expect_problem(d.message.problems[0], 23, 1, Severity::Error, Treatment::AttributeDiscard,
                 "optional transitive");
  EXPECT_EQ(d.tree().value(d.attribute), "BGP Prefix-SID: label-index 5");
}

TEST(PrefixSid, EndpointBehaviorNames) {
  // IANA "SRv6 Endpoint Behaviors": the ones the brief names and the edges of the table.
  EXPECT_EQ(srv6_name(0x0013), "End.DT4");
  EXPECT_EQ(srv6_name(0x0012), "End.DT6");
  EXPECT_EQ(srv6_name(0x0014), "End.DT46");
  EXPECT_EQ(srv6_name(0x0011), "End.DX4");
  EXPECT_EQ(srv6_name(0x0010), "End.DX6");
  EXPECT_EQ(srv6_name(0x0017), "End.DT2U");
  EXPECT_EQ(srv6_name(0x002B), "End with NEXT-CSID (uN)");
  EXPECT_EQ(srv6_name(0x0034), "End.X with NEXT-CSID (uA)");
  EXPECT_EQ(srv6_name(0x0044), "End.DT2M with NEXT-CSID");
  EXPECT_EQ(srv6_name(0xFFFF), "Opaque");
  EXPECT_EQ(srv6_name(0x0045), "");  // not confirmed here: shown as its number
  EXPECT_EQ(srv6_name(0x000D), "");
}

TEST(PrefixSid, EveryByteMutationDecodesConsistently) {
  // Robustness: each octet of a Prefix-SID value (SR-MPLS and SRv6 TLVs) set to values that
  // break lengths and types in every way; decode_checked verifies that all depths agree, nodes
  // stay inside their parents and every problem has its node.
  const gen::ByteVector value = bytes_of(
      "01 0007 00 0000 0000012c  03 0008 0000 0c3500 001000"
      "  05 0022 00  01 001e 00 fcbabe0030020000 0000000000000000 00 003f 00"
      "  01 0006 20 10 10 00 10 30");
  EXPECT_TRUE(test::decode_checked(gen::update({{}, {gen::attribute(0xC0, 40, value)}, {}}),
                                   test::negotiated(true))
                  .problems.empty());
  for (std::size_t i = 0; i < value.size(); ++i) {
    for (const std::uint8_t v : {0x00, 0x01, 0x05, 0x06, 0x15, 0x7f, 0x80, 0xff}) {
      gen::ByteVector mutated = value;
      mutated[i] = v;
      SCOPED_TRACE("octet " + std::to_string(i) + " = " + std::to_string(v));
      test::decode_checked(gen::update({{}, {gen::attribute(0xC0, 40, mutated)}, {}}),
                           test::negotiated(true));
    }
  }
}

}  // namespace
}  // namespace bgplens

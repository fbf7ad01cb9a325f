// D-PATH (draft-ietf-bess-evpn-ipvpn-interworking), SFP (RFC 9015 §3.2) and the BFD
// Discriminator (RFC 9026): their segments and TLVs, and their errors.
// Offsets: the attribute's flags at 23, its value at 26 (route_attributes_helpers.h).
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

TEST(DomainPath, SegmentsOfSevenOctetDomains) {
  // Segment 1 at 26: 2 domains (65000:2 EVPN, 65000:1 IP-VPN); segment 2 at 41: 65001:3:0.
  const auto d = decode_update(
      update_with({attr(0xC0, 36, "02 0000fde8 0002 46 0000fde8 0001 80 01 0000fde9 0003 00")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 26,
              "Domain Path (D-PATH): 65000:2:70 65000:1:128 65001:3:0");
  const auto segments = test::children(t, d.attribute(), FieldId::DPathSegment);
  ASSERT_EQ(segments.size(), 2u);
  expect_node(t, segments[0], FieldId::DPathSegment, 26, 15, "65000:2:70 65000:1:128");
  expect_child(t, segments[0], FieldId::DPathSegmentLength, 26, 1, "2");
  const auto domains = test::children(t, segments[0], FieldId::DPathDomain);
  ASSERT_EQ(domains.size(), 2u);
  expect_node(t, domains[0], FieldId::DPathDomain, 27, 7, "65000:2:70");
  expect_child(t, domains[0], FieldId::DPathGlobalAdmin, 27, 4, "65000");
  expect_child(t, domains[0], FieldId::DPathLocalAdmin, 31, 2, "2");
  expect_child(t, domains[0], FieldId::DPathIsfSafi, 33, 1, "EVPN (70)");
  expect_child(t, domains[1], FieldId::DPathIsfSafi, 40, 1, "VPN Unicast (128)");
  expect_node(t, segments[1], FieldId::DPathSegment, 41, 8, "65001:3:0");
}

TEST(DomainPath, MalformedDPath) {
  // Under 8 bytes; a segment of no domains; a segment of 2 domains with room for 1.
  auto d = decode_update(update_with({attr(0xC0, 36, "01 0000fde8 0001")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 7, Severity::Error, Treatment::TreatAsWithdraw,
                 "Domain Path (D-PATH) length 7 is not at least 8");
  d = decode_update(update_with({attr(0xC0, 36, "00 0000fde8 0001 46")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "D-PATH segment with no domains");
  d = decode_update(update_with({attr(0xC0, 36, "02 0000fde8 0001 46")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "D-PATH segment of 2 domains needs 14 bytes, 7 bytes left");
}

TEST(ServiceFunctionPath, AssociationHopAndSftTlvs) {
  // Association TLV at 26 (3 raw bytes); Hop TLV at 32: service index 5, then an SFT TLV at 36:
  // service function type 33 and one SFIR RD 65000:1 at 41.
  const auto d = decode_update(
      update_with({attr(0xC0, 37, "010003 010203 02000e 05 03000a 0021 0000fde800000001")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 26, "SFP: 1 hop");
  const auto tlvs = test::children(t, d.attribute(), FieldId::SfpTlv);
  ASSERT_EQ(tlvs.size(), 2u);
  expect_node(t, tlvs[0], FieldId::SfpTlv, 26, 6, "Association (1)");
  expect_child(t, tlvs[0], FieldId::SfpTlvLength, 27, 2, "3");
  expect_child(t, tlvs[0], FieldId::SfpTlvValue, 29, 3, "01 02 03");
  expect_node(t, tlvs[1], FieldId::SfpTlv, 32, 17, "Hop, service index 5");
  expect_child(t, tlvs[1], FieldId::SfpTlvType, 32, 1, "Hop (2)");
  expect_child(t, tlvs[1], FieldId::SfpServiceIndex, 35, 1, "5");
  const std::uint32_t sft = expect_child(t, tlvs[1], FieldId::SfpTlv, 36, 13, "SFT (3)");
  expect_child(t, sft, FieldId::SfpTlvLength, 37, 2, "10");
  expect_child(t, sft, FieldId::SfpServiceFunctionType, 39, 2, "33");
  expect_child(t, sft, FieldId::Rd, 41, 8, "65000:1");
}

TEST(ServiceFunctionPath, OddSftAndNestedHopAreShownRaw) {
  // An SFT TLV (at 30) of 3 bytes is not 2 + 8n: raw. A Hop TLV inside a Hop TLV: raw too.
  auto d = decode_update(update_with({attr(0xC0, 37, "020007 05 030003 0021ff")}));
  EXPECT_TRUE(d.problems().empty());
  std::uint32_t hop = only(d.tree(), d.attribute(), FieldId::SfpTlv);
  const std::uint32_t sft = expect_child(d.tree(), hop, FieldId::SfpTlv, 30, 6, "SFT (3)");
  expect_child(d.tree(), sft, FieldId::SfpTlvValue, 33, 3, "00 21 ff");
  d = decode_update(update_with({attr(0xC0, 37, "020005 05 020001 07")}));
  EXPECT_TRUE(d.problems().empty());
  expect_node(d.tree(), d.attribute(), FieldId::Attr, 23, 11, "SFP: 1 hop");
  hop = only(d.tree(), d.attribute(), FieldId::SfpTlv);
  const std::uint32_t inner = expect_child(d.tree(), hop, FieldId::SfpTlv, 30, 4, "Hop (2)");
  expect_child(d.tree(), inner, FieldId::SfpTlvValue, 33, 1, "07");
}

TEST(ServiceFunctionPath, MalformedTlvs) {
  // A Hop TLV declaring 16 bytes with 1 left: the error, and no Hop TLV decoded.
  auto d = decode_update(update_with({attr(0xC0, 37, "020010 05")}));
  ASSERT_EQ(d.problems().size(), 2u);
  expect_problem(d.problems()[0], 27, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "SFP TLV length 16 exceeds the 1 byte left");
  expect_problem(d.problems()[1], 26, 4, Severity::Warning, Treatment::TreatAsWithdraw,
                 "SFP attribute without a Hop TLV (RFC 9015 §3.2)");
  // One byte: no TLV header.
  d = decode_update(update_with({attr(0xC0, 37, "02")}));
  ASSERT_EQ(d.problems().size(), 2u);
  expect_problem(d.problems()[0], 26, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "SFP TLV header needs 3 bytes, 1 byte left");
}

TEST(BfdDiscriminator, ModeDiscriminatorAndSourceTlv) {
  // Mode 1 at 26, discriminator 100 at 27, Source IP Address TLV at 31 (192.0.2.1 at 33).
  auto d = decode_update(update_with({attr(0xC0, 38, "01 00000064 01 04 c0000201")}));
  const FieldTree* t = &d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(*t, d.attribute(), FieldId::Attr, 23, 14,
              "BFD Discriminator: mode 1, discriminator 100, source 192.0.2.1");
  expect_child(*t, d.attribute(), FieldId::BfdMode, 26, 1, "P2MP BFD session (1)");
  expect_child(*t, d.attribute(), FieldId::BfdDiscriminator, 27, 4, "100");
  const std::uint32_t tlv =
      expect_child(*t, d.attribute(), FieldId::BfdTlv, 31, 6, "Source IP Address 192.0.2.1");
  expect_child(*t, tlv, FieldId::BfdTlvType, 31, 1, "Source IP Address (1)");
  expect_child(*t, tlv, FieldId::BfdTlvLength, 32, 1, "4");
  expect_child(*t, tlv, FieldId::BfdSourceAddress, 33, 4, "192.0.2.1");

  // A TLV overrunning the attribute; a source of 2 bytes; a value too short for the header.
  d = decode_update(update_with({attr(0xC0, 38, "01 00000064 01 05 c0000201")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 32, 1, Severity::Error, Treatment::AttributeDiscard,
                 "BFD TLV length 5 exceeds the 4 bytes left");
  d = decode_update(update_with({attr(0xC0, 38, "01 00000064 01 02 c000")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 32, 1, Severity::Error, Treatment::AttributeDiscard,
                 "Source IP Address TLV length 2 is not 4 or 16");
  t = &d.tree();
  const std::uint32_t raw = only(*t, d.attribute(), FieldId::BfdTlv);
  expect_child(*t, raw, FieldId::BfdTlvValue, 33, 2, "c0 00");
  d = decode_update(update_with({attr(0xC0, 38, "01 0000")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 3, Severity::Error, Treatment::AttributeDiscard,
                 "BFD Discriminator length 3 is not at least 5");
}

}  // namespace
}  // namespace bgplens

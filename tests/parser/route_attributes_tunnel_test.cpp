// PMSI_TUNNEL (RFC 6514 §5) with each tunnel identifier layout, and BGPsec_PATH (RFC 8205 §3)
// with the syntax checks of RFC 8205 §5.2.
// Offsets: the attribute's flags at 23, its value at 26 (route_attributes_helpers.h); for
// PMSI_TUNNEL the flags at 26, tunnel type at 27, label at 28, tunnel identifier at 31.
#include <gtest/gtest.h>

#include <string>

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

std::uint32_t tunnel_id(const test::Decoded& d, std::uint32_t offset, std::uint32_t length,
                        std::string_view value) {
  return expect_child(d.tree(), d.attribute(), FieldId::PmsiTunnelId, offset, length, value);
}

TEST(PmsiTunnel, IngressReplicationWithLabelAndVniReadings) {
  // Label field 0x000641: label 100 in the high 20 bits, VNI 1601 as a whole (RFC 8365).
  const auto d = decode_update(update_with({attr(0xC0, 22, "00 06 000641 c0000201")}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 12,
              "PMSI_TUNNEL: Ingress Replication 192.0.2.1, label 100 (VNI 1601)");
  const std::uint32_t flags = expect_child(t, d.attribute(), FieldId::PmsiFlags, 26, 1, "0x00");
  expect_child(t, flags, FieldId::PmsiFlagExtension, 26, 1, "0", 0x80);
  expect_child(t, flags, FieldId::PmsiFlagOther, 26, 1, "000000", 0x7E);
  expect_child(t, flags, FieldId::PmsiFlagLeafInfo, 26, 1, "0", 0x01);
  expect_child(t, d.attribute(), FieldId::PmsiTunnelType, 27, 1, "Ingress Replication (6)");
  expect_child(t, d.attribute(), FieldId::PmsiLabel, 28, 3, "100", 0xFFFFF0);
  expect_child(t, d.attribute(), FieldId::PmsiVni, 28, 3, "1601");
  const std::uint32_t id = tunnel_id(d, 31, 4, "192.0.2.1");
  expect_child(t, id, FieldId::PmsiEndpoint, 31, 4, "192.0.2.1");
}

TEST(PmsiTunnel, PimRsvpMldpAndBierIdentifiers) {
  // PIM-SSM, Leaf Information Required: <sender 192.0.2.1, group 232.1.1.1>.
  auto d = decode_update(update_with({attr(0xC0, 22, "01 03 000000 c0000201 e8010101")}));
  EXPECT_TRUE(d.problems().empty());
  expect_node(d.tree(), d.attribute(), FieldId::Attr, 23, 16,
              "PMSI_TUNNEL: PIM-SSM Tree <192.0.2.1, 232.1.1.1>, label 0 (VNI 0), leaf info "
              "required");
  expect_child(d.tree(), d.attribute(), FieldId::PmsiFlags, 26, 1,
               "0x01 Leaf Information Required");
  std::uint32_t id = tunnel_id(d, 31, 8, "<192.0.2.1, 232.1.1.1>");
  expect_child(d.tree(), id, FieldId::PmsiSender, 31, 4, "192.0.2.1");
  expect_child(d.tree(), id, FieldId::PmsiGroup, 35, 4, "232.1.1.1");

  // RSVP-TE P2MP: the SESSION object's P2MP ID, reserved, Tunnel ID 7, Extended Tunnel ID.
  d = decode_update(update_with({attr(0xC0, 22, "00 01 000000 c0000201 0000 0007 c0000202")}));
  EXPECT_TRUE(d.problems().empty());
  id = tunnel_id(d, 31, 12, "P2MP ID 192.0.2.1, tunnel 7, extended tunnel ID 192.0.2.2");
  expect_child(d.tree(), id, FieldId::PmsiRsvpP2mpId, 31, 4, "192.0.2.1");
  expect_child(d.tree(), id, FieldId::PmsiRsvpReserved, 35, 2, "0");
  expect_child(d.tree(), id, FieldId::PmsiRsvpTunnelId, 37, 2, "7");
  expect_child(d.tree(), id, FieldId::PmsiRsvpExtendedTunnelId, 39, 4, "192.0.2.2");

  // mLDP P2MP FEC element (RFC 6388 §2.2): root 192.0.2.1, opaque Generic LSP ID 5 at 41.
  d = decode_update(
      update_with({attr(0xC0, 22, "00 02 000000 06 0001 04 c0000201 0007 01 0004 00000005")}));
  EXPECT_TRUE(d.problems().empty());
  id = tunnel_id(d, 31, 17, "P2MP root 192.0.2.1, LSP ID 5");
  expect_child(d.tree(), id, FieldId::PmsiMldpFecType, 31, 1, "P2MP (6)");
  expect_child(d.tree(), id, FieldId::PmsiMldpAfi, 32, 2, "IPv4 (1)");
  expect_child(d.tree(), id, FieldId::PmsiMldpAddressLength, 34, 1, "4");
  expect_child(d.tree(), id, FieldId::PmsiMldpRoot, 35, 4, "192.0.2.1");
  expect_child(d.tree(), id, FieldId::PmsiMldpOpaqueLength, 39, 2, "7");
  const std::uint32_t opaque =
      expect_child(d.tree(), id, FieldId::PmsiMldpOpaque, 41, 7, "Generic LSP Identifier 5");
  expect_child(d.tree(), opaque, FieldId::PmsiMldpOpaqueType, 41, 1, "Generic LSP Identifier (1)");
  expect_child(d.tree(), opaque, FieldId::PmsiMldpLspId, 44, 4, "5");

  // BIER (RFC 8556 §2.1): sub-domain 1, BFR-id 5, BFR-prefix 192.0.2.1.
  d = decode_update(update_with({attr(0xC0, 22, "00 0b 000000 01 0005 c0000201")}));
  EXPECT_TRUE(d.problems().empty());
  id = tunnel_id(d, 31, 7, "sub-domain 1, BFR-id 5, BFR-prefix 192.0.2.1");
  expect_child(d.tree(), id, FieldId::PmsiBierBfrId, 32, 2, "5");
}

TEST(PmsiTunnel, UnknownTypesAndExtensionsAreShownRaw) {
  // Tunnel type 9 is not decoded here: the identifier is shown raw, without an error.
  auto d = decode_update(update_with({attr(0xC0, 22, "00 09 000000 0102")}));
  EXPECT_TRUE(d.problems().empty());
  std::uint32_t id = tunnel_id(d, 31, 2, "");
  expect_child(d.tree(), id, FieldId::PmsiTunnelIdValue, 31, 2, "01 02");
  // The Extension flag (RFC 7902): the identifier's end is unknown; raw with a note.
  d = decode_update(update_with({attr(0xC0, 22, "80 06 000641 c0000201 0102")}));
  EXPECT_TRUE(d.problems().empty());
  id = tunnel_id(d, 31, 6, "");
  expect_child(d.tree(), id, FieldId::PmsiTunnelIdValue, 31, 6, "c0 00 02 01 01 02");
  EXPECT_EQ(test::children(d.tree(), id, FieldId::ErrorNode).size(), 1u);
}

TEST(PmsiTunnel, MalformedAttributes) {
  auto d = decode_update(update_with({attr(0xC0, 22, "00060006")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 4, Severity::Error, Treatment::TreatAsWithdraw,
                 "PMSI_TUNNEL length 4 is not at least 5 (flags, tunnel type, label) "
                 "(RFC 6514 §5");
  d = decode_update(update_with({attr(0xC0, 22, "00 06 000641 c000020101")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 31, 5, Severity::Error, Treatment::TreatAsWithdraw,
                 "Ingress Replication tunnel identifier of 5 bytes is not 4 or 16 (RFC 6514 §5)");
  // The mLDP opaque length (9) exceeds the 7 bytes that follow it.
  d = decode_update(
      update_with({attr(0xC0, 22, "00 02 000000 06 0001 04 c0000201 0009 01 0004 00000005")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 41, 7, Severity::Error, Treatment::TreatAsWithdraw,
                 "mLDP opaque value of 9 bytes exceeds the 7 bytes left (RFC 6388 §2.2)");
  // A 16-byte root address with 4 bytes left; a byte after a complete FEC element.
  d = decode_update(update_with({attr(0xC0, 22, "00 02 000000 06 0001 10 c0000201")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 35, 4, Severity::Error, Treatment::TreatAsWithdraw,
                 "mLDP root address of 16 bytes exceeds the 4 bytes left (RFC 6388 §2.2)");
  d = decode_update(update_with({attr(0xC0, 22, "00 02 000000 06 0001 04 c0000201 0000 ff")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 41, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "1 byte after the mLDP FEC element (RFC 6514 §5)");
  // A PIM-SM identifier of 5 bytes.
  d = decode_update(update_with({attr(0xC0, 22, "00 04 000000 c0000201 e8")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 31, 5, Severity::Error, Treatment::TreatAsWithdraw,
                 "PIM tunnel identifier of 5 bytes is not 8 (IPv4) or 32 (IPv6) (RFC 6514 §5)");
}

// A Signature Segment: SKI 01 02 … 14 (20 bytes), a signature of 2 bytes.
const std::string kSignatureSegment = "0102030405060708090a0b0c0d0e0f1011121314 0002 abcd";

TEST(BgpsecPath, SecurePathAndOneSignatureBlock) {
  // Secure_Path at 26 (8 bytes: one segment, AS 65000); Signature_Block at 34, 27 bytes.
  const auto d = decode_update(
      update_with({attr(0x80, 33, "0008 01 00 0000fde8 001b 01 " + kSignatureSegment)}));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.problems().empty());
  expect_node(t, d.attribute(), FieldId::Attr, 23, 38,
              "BGPsec_PATH: AS path 65000, 1 signature block");
  const std::uint32_t path =
      expect_child(t, d.attribute(), FieldId::BgpsecSecurePath, 26, 8, "65000");
  expect_child(t, path, FieldId::BgpsecSecurePathLength, 26, 2, "8");
  const std::uint32_t segment = expect_child(t, path, FieldId::BgpsecSegment, 28, 6, "65000");
  expect_child(t, segment, FieldId::BgpsecPcount, 28, 1, "1");
  const std::uint32_t flags = expect_child(t, segment, FieldId::BgpsecFlags, 29, 1, "0x00");
  expect_child(t, flags, FieldId::BgpsecFlagConfed, 29, 1, "0", 0x80);
  expect_child(t, segment, FieldId::BgpsecAs, 30, 4, "65000");
  const std::uint32_t block =
      expect_child(t, d.attribute(), FieldId::BgpsecSignatureBlock, 34, 27, "suite 1, 1 signature");
  expect_child(t, block, FieldId::BgpsecSignatureBlockLength, 34, 2, "27");
  expect_child(t, block, FieldId::BgpsecAlgorithm, 36, 1, "ECDSA P-256 with SHA-256 (1)");
  const std::uint32_t sig = expect_child(t, block, FieldId::BgpsecSignatureSegment, 37, 24,
                                         "SKI 0102030405060708090a0b0c0d0e0f1011121314");
  expect_child(t, sig, FieldId::BgpsecSki, 37, 20, "0102030405060708090a0b0c0d0e0f1011121314");
  expect_child(t, sig, FieldId::BgpsecSignatureLength, 57, 2, "2");
  expect_child(t, sig, FieldId::BgpsecSignature, 59, 2, "abcd");
}

TEST(BgpsecPath, PrependCountConfedFlagAndTwoBlocks) {
  // Segments: AS 65001 with pCount 2, AS 65000 with the Confed_Segment flag; two blocks of
  // 51 bytes (3 + 2 × 24), suites 1 and 2.
  const std::string block1 = "0033 01 " + kSignatureSegment + kSignatureSegment;
  const std::string block2 = "0033 02 " + kSignatureSegment + kSignatureSegment;
  const auto d = decode_update(
      update_with({attr(0x80, 33, "000e 02 00 0000fde9 01 80 0000fde8 " + block1 + block2)}));
  EXPECT_TRUE(d.problems().empty());
  expect_node(d.tree(), d.attribute(), FieldId::Attr, 23, 3 + 14 + 102,
              "BGPsec_PATH: AS path 65001 65001 (65000), 2 signature blocks");
  const std::uint32_t path = only(d.tree(), d.attribute(), FieldId::BgpsecSecurePath);
  const auto segments = test::children(d.tree(), path, FieldId::BgpsecSegment);
  ASSERT_EQ(segments.size(), 2u);
  expect_node(d.tree(), segments[0], FieldId::BgpsecSegment, 28, 6, "65001 ×2");
  expect_node(d.tree(), segments[1], FieldId::BgpsecSegment, 34, 6, "(65000)");
}

TEST(BgpsecPath, SyntaxErrorsAreTreatAsWithdraw) {
  // Secure_Path Length 7: not 2 + 6n.
  auto d = decode_update(update_with({attr(0x80, 33, "0007 01 00 0000fd")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "Secure_Path Length 7 is not 2 + 6 × segments (at least one)");
  // Signature_Block Length 1 (as in tcpdump's bgpsec_invalid_signature_block_length.pcap).
  d = decode_update(update_with({attr(0x80, 33, "0008 01 00 0000fde8 0001 01")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 34, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "Signature_Block Length 1 is less than its 3-byte header");
  // Two segments, one signature.
  d = decode_update(update_with(
      {attr(0x80, 33, "000e 01 00 0000fde9 01 00 0000fde8 001b 01 " + kSignatureSegment)}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 40, 27, Severity::Error, Treatment::TreatAsWithdraw,
                 "Signature_Block has 1 signature for 2 Secure_Path segments");
  // Two blocks of the same suite; the second block at 61, its suite octet at 63.
  const std::string block = "001b 01 " + kSignatureSegment;
  d = decode_update(update_with({attr(0x80, 33, "0008 01 00 0000fde8 " + block + block)}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 63, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "both Signature_Blocks use algorithm suite 1");
  // A third block.
  d = decode_update(update_with(
      {attr(0x80, 33, "0008 01 00 0000fde8 " + block + "001b 02 " + kSignatureSegment + "00")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 88, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "after two Signature_Blocks; at most two are allowed");
  // A signature of 5 bytes with 2 left in the block.
  d = decode_update(update_with(
      {attr(0x80, 33,
            "0008 01 00 0000fde8 001b 01 0102030405060708090a0b0c0d0e0f1011121314 0005 abcd")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 57, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "Signature Length 5 exceeds the 2 bytes left in the Signature_Block");
  // No Signature_Block at all.
  d = decode_update(update_with({attr(0x80, 33, "0008 01 00 0000fde8")}));
  ASSERT_EQ(d.problems().size(), 1u);
  expect_problem(d.problems()[0], 26, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "BGPsec_PATH has no Signature_Block");
}

}  // namespace
}  // namespace bgplens

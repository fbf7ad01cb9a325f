// VPLS NLRI: RFC 4761 §3.2.2 label blocks and RFC 6074 §7 auto-discovery routes, told apart by
// their 2-octet length, and the length errors. Offsets: see nlri_test_messages.h.
#include <gtest/gtest.h>

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
using test::unreach_update;

constexpr Family kVpls{25, 65};

// ExaBGP's conf-l2vpn route: length 17, RD 192.168.201.1:123, VE ID 5, offset 1, size 8,
// label base 10702 (02 9c e1: 0x29ce << 4 | bottom of stack).
const ByteVector kLabelBlock = {0x00, 0x11, 0x00, 0x01, 0xc0, 0xa8, 0xc9, 0x01, 0x00, 0x7b,
                                0x00, 0x05, 0x00, 0x01, 0x00, 0x08, 0x02, 0x9c, 0xe1};

TEST(VplsNlri, LabelBlock) {
  const DecodedMessage d = decode_checked(reach_update(kVpls, kLabelBlock), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "RD 192.168.201.1:123 VE 5 block offset 1 size 8 label base 10702");
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 19u);
  EXPECT_EQ(d.nlri[0].family, kVpls);

  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, p, FieldId::VplsNlri, 42, 19,
              "RD 192.168.201.1:123 VE 5 block offset 1 size 8 label base 10702");
  expect_node(t, only(t, p, FieldId::VplsLength), FieldId::VplsLength, 42, 2, "17 (label block)");
  expect_node(t, only(t, p, FieldId::Rd), FieldId::Rd, 44, 8, "192.168.201.1:123");
  expect_node(t, only(t, p, FieldId::VplsVeId), FieldId::VplsVeId, 52, 2, "5");
  expect_node(t, only(t, p, FieldId::VplsBlockOffset), FieldId::VplsBlockOffset, 54, 2, "1");
  expect_node(t, only(t, p, FieldId::VplsBlockSize), FieldId::VplsBlockSize, 56, 2, "8");
  const std::uint32_t base = only(t, p, FieldId::VplsLabelBase);
  expect_node(t, base, FieldId::VplsLabelBase, 58, 3, "10702 (labels 10702–10709)");
  expect_node(t, only(t, base, FieldId::LabelValue), FieldId::LabelValue, 58, 3, "10702", 0xFFFFF0);
  expect_node(t, only(t, base, FieldId::LabelBottom), FieldId::LabelBottom, 58, 3, "1", 0x01);
}

TEST(VplsNlri, LabelBlockWithdrawn) {
  const DecodedMessage d = decode_checked(unreach_update(kVpls, kLabelBlock), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.withdrawn, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(d.nlri[0].offset, 29u);
}

TEST(VplsNlri, AutoDiscoveryRoute) {
  const ByteVector nlri = {0x00, 0x0c, 0x00, 0x00, 0xfd, 0xe8, 0x00,
                           0x00, 0x00, 0x01, 0xc0, 0x00, 0x02, 0x01};
  const DecodedMessage d = decode_checked(reach_update(kVpls, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "RD 65000:1 PE 192.0.2.1");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::VplsLength), FieldId::VplsLength, 42, 2,
              "12 (auto-discovery)");
  expect_node(t, only(t, p, FieldId::VplsPeAddress), FieldId::VplsPeAddress, 52, 4, "192.0.2.1");
  EXPECT_TRUE(test::children(t, p, FieldId::VplsVeId).empty());
}

TEST(VplsNlri, UnknownLengthIsAnErrorAndTheNextNlriIsRead) {
  ByteVector nlri = {0x00, 0x02, 0xaa, 0xbb};
  nlri.insert(nlri.end(), kLabelBlock.begin(), kLabelBlock.end());
  const DecodedMessage d = decode_checked(reach_update(kVpls, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 4, Severity::Error, Treatment::AfiSafiDisable,
                 "length 2 is neither 17 (label block, RFC 4761 §3.2.2) nor 12 (auto-discovery, "
                 "RFC 6074 §7) (RFC 7606 §5.3)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].offset, 46u);
  EXPECT_EQ(d.update.announced, 1u);
}

TEST(VplsNlri, LengthPastTheEndOfTheField) {
  const DecodedMessage d =
      decode_checked(reach_update(kVpls, {0x00, 0x11, 0x00, 0x01}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 4, Severity::Error, Treatment::AfiSafiDisable,
                 "length 17 exceeds the 2 bytes left (RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

TEST(VplsNlri, OneByteLeftForTheLength) {
  ByteVector nlri = kLabelBlock;
  nlri.push_back(0x00);
  const DecodedMessage d = decode_checked(reach_update(kVpls, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 61, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "the 2-byte length needs 2 bytes, 1 byte left (RFC 7606 §5.3)");
  EXPECT_EQ(d.nlri.size(), 1u);
}

}  // namespace
}  // namespace bgplens

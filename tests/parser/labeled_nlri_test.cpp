// Labeled unicast (RFC 8277), VPN-IPv4/IPv6 (RFC 4364 §4.3.4, RFC 4659 §3.2) and SAFI 129 NLRI:
// label stacks read by the bottom-of-stack bit or as one label, the withdrawal value 0x800000,
// Route Distinguishers, ADD-PATH (negotiated and guessed), masked prefixes and the RFC 7606
// §5.3 errors. Offsets: see nlri_test_messages.h (MP_REACH NLRI at 42, MP_UNREACH at 29).
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"
#include "parser/nlri_test_messages.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::kReachNlri;
using test::kUnreachNlri;
using test::negotiated;
using test::nlri_nodes;
using test::only;
using test::reach_update;
using test::unreach_update;

constexpr Family kLabeled4{1, 4};
constexpr Family kLabeled6{2, 4};
constexpr Family kVpn4{1, 128};
constexpr Family kVpn6{2, 128};
constexpr Family kVpn4Multicast{1, 129};

void expect_entry(const NlriEntry& e, NlriAction action, Family family, std::uint32_t offset,
                  std::uint32_t length, std::string_view text, std::string_view address) {
  EXPECT_EQ(e.action, action);
  EXPECT_EQ(e.family, family);
  EXPECT_EQ(e.offset, offset);
  EXPECT_EQ(e.length, length);
  EXPECT_EQ(e.text, text);
  EXPECT_EQ(e.address(), address);
  EXPECT_FALSE(e.plain_prefix);
}

// Notes (Severity::Note error nodes) directly under `node`.
std::size_t notes_under(const FieldTree& t, std::uint32_t node) {
  std::size_t n = 0;
  for (std::uint32_t c : children(t, node, FieldId::ErrorNode)) {
    if (t.node(c).severity == Severity::Note) ++n;
  }
  return n;
}

TEST(LabeledNlri, OneLabelIpv4) {
  // 48 bits: label 100 with the bottom-of-stack bit (00 06 41), then 10.1.0.0/24.
  const ByteVector m = reach_update(kLabeled4, {0x30, 0x00, 0x06, 0x41, 0x0a, 0x01, 0x00});
  const DecodedMessage d = decode_checked(m, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], kLabeled4);
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kLabeled4, 42, 7, "10.1.0.0/24 label 100",
               "10.1.0.0");
  EXPECT_FALSE(d.nlri[0].path_id.has_value());

  const FieldTree& t = d.tree;
  const auto nodes = nlri_nodes(t);
  ASSERT_EQ(nodes.size(), 1u);
  const std::uint32_t p = nodes[0];
  expect_node(t, p, FieldId::Prefix, 42, 7, "10.1.0.0/24 label 100");
  expect_node(t, only(t, p, FieldId::LabeledLength), FieldId::LabeledLength, 42, 1, "48");
  const std::uint32_t label = only(t, p, FieldId::Label);
  expect_node(t, label, FieldId::Label, 43, 3, "100, bottom of stack");
  expect_node(t, only(t, label, FieldId::LabelValue), FieldId::LabelValue, 43, 3, "100", 0xFFFFF0);
  expect_node(t, only(t, label, FieldId::LabelTc), FieldId::LabelTc, 43, 3, "0", 0x0E);
  expect_node(t, only(t, label, FieldId::LabelBottom), FieldId::LabelBottom, 43, 3, "1", 0x01);
  expect_node(t, only(t, p, FieldId::LabeledPrefix), FieldId::LabeledPrefix, 46, 3, "10.1.0.0/24");
  EXPECT_TRUE(children(t, p, FieldId::Rd).empty());
  EXPECT_EQ(notes_under(t, p), 0u);
}

// GoBGP sends three labels without the Multiple Labels capability: the bottom-of-stack bit on
// the third leaves a /24, so the stack is decoded as it is, with a warning.
const ByteVector kThreeLabels = {0x60, 0x00, 0x06, 0x40, 0x00, 0x0c, 0x80,
                                 0x00, 0x12, 0xc1, 0x0a, 0x04, 0x01};

// Both OPENs seen, neither with the Multiple Labels capability.
PeerContext without_multiple_labels() {
  PeerContext c = negotiated(true);
  c.multiple_labels_from = Provenance::Negotiated;
  return c;
}

TEST(LabeledNlri, ThreeLabelsWithoutTheCapabilityAreFollowedWithAWarning) {
  const DecodedMessage d =
      decode_checked(reach_update(kLabeled4, kThreeLabels), without_multiple_labels());
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 43, 9, Severity::Warning, Treatment::None,
                 "3 labels up to the bottom-of-stack bit, more than the 1 the session allows: "
                 "without the Multiple Labels capability exactly one label is carried "
                 "(RFC 8277 §2.2)");
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kLabeled4, 42, 13,
               "10.4.1.0/24 label 100, 200, 300", "10.4.1.0");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::LabeledLength), FieldId::LabeledLength, 42, 1, "96");
  const auto labels = children(t, p, FieldId::Label);
  ASSERT_EQ(labels.size(), 3u);
  expect_node(t, labels[0], FieldId::Label, 43, 3, "100");
  expect_node(t, labels[1], FieldId::Label, 46, 3, "200");
  expect_node(t, labels[2], FieldId::Label, 49, 3, "300, bottom of stack");
  expect_node(t, only(t, p, FieldId::LabeledPrefix), FieldId::LabeledPrefix, 52, 3, "10.4.1.0/24");
}

TEST(LabeledNlri, WithoutOpensOneLabelIsAssumed) {
  const DecodedMessage d =
      decode_checked(reach_update(kLabeled4, kThreeLabels), PeerContext::unknown());
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 43, 9, Severity::Warning, Treatment::None,
                 "3 labels up to the bottom-of-stack bit, more than the 1 assumed without the "
                 "session's OPENs: without the Multiple Labels capability exactly one label is "
                 "carried (RFC 8277 §2.2)");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "10.4.1.0/24 label 100, 200, 300");
}

TEST(LabeledNlri, ThreeLabelsWithinTheNegotiatedCountAreNoProblem) {
  const DecodedMessage d =
      decode_checked(reach_update(kLabeled4, kThreeLabels),
                     test::with_multiple_labels(negotiated(true), kLabeled4, 3));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "10.4.1.0/24 label 100, 200, 300");
}

TEST(LabeledNlri, MoreLabelsThanTheNegotiatedCountNameRfc8277Section2_3) {
  const DecodedMessage d =
      decode_checked(reach_update(kLabeled4, kThreeLabels),
                     test::with_multiple_labels(negotiated(true), kLabeled4, 2));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 43, 9, Severity::Warning, Treatment::None,
                 "more than the 2 the Multiple Labels capability allows (RFC 8277 §2.3)");
}

TEST(LabeledNlri, WithoutTheBottomOfStackBitOneLabelIsTaken) {
  // 00 06 40: label 100, S clear. Following S would run into the prefix and find no bottom.
  const DecodedMessage d = decode_checked(
      reach_update(kLabeled4, {0x30, 0x00, 0x06, 0x40, 0x0a, 0x01, 0x00}), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "10.1.0.0/24 label 100");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::Label), FieldId::Label, 43, 3, "100");
  EXPECT_EQ(notes_under(t, p), 1u);
}

TEST(LabeledNlri, WithdrawalWithTheCompatibilityLabel) {
  // RFC 8277 §2.4: 0x800000. The prefix's last byte (01) has the low bit set, so reading by
  // the S bit would wrongly take it for a second label.
  const ByteVector m = unreach_update(kLabeled4, {0x30, 0x80, 0x00, 0x00, 0x0a, 0x01, 0x01});
  const DecodedMessage d = decode_checked(m, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.withdrawn, 1u);
  EXPECT_EQ(d.update.announced, 0u);
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Withdraw, kLabeled4, kUnreachNlri, 7,
               "10.1.1.0/24 label 0x800000", "10.1.1.0");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::Label), FieldId::Label, 30, 3,
              "0x800000 (withdrawn: no label, RFC 8277 §2.4)");
  EXPECT_EQ(notes_under(t, p), 0u);
}

TEST(LabeledNlri, Ipv6LabeledUnicast) {
  const ByteVector m =
      reach_update(kLabeled6, {0x48, 0x00, 0x12, 0xc1, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x03});
  const DecodedMessage d = decode_checked(m, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kLabeled6, 42, 10, "2001:db8:3::/48 label 300",
               "2001:db8:3::");
  const std::uint32_t p = nlri_nodes(d.tree).at(0);
  expect_node(d.tree, only(d.tree, p, FieldId::LabeledPrefix), FieldId::LabeledPrefix, 46, 6,
              "2001:db8:3::/48");
}

// 113 bits: label 1000 (00 3e 81), RD 65000:1 (type 0), 10.0.0.0/25 (4 bytes).
const ByteVector kVpnRoute = {0x71, 0x00, 0x3e, 0x81, 0x00, 0x00, 0xfd, 0xe8,
                              0x00, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x00};

TEST(LabeledNlri, VpnIpv4) {
  const DecodedMessage d = decode_checked(reach_update(kVpn4, kVpnRoute), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kVpn4, 42, 16, "10.0.0.0/25 label 1000 RD 65000:1",
               "10.0.0.0");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, p, FieldId::Prefix, 42, 16, "10.0.0.0/25 label 1000 RD 65000:1");
  expect_node(t, only(t, p, FieldId::LabeledLength), FieldId::LabeledLength, 42, 1, "113");
  expect_node(t, only(t, p, FieldId::Label), FieldId::Label, 43, 3, "1000, bottom of stack");
  const std::uint32_t rd = only(t, p, FieldId::Rd);
  expect_node(t, rd, FieldId::Rd, 46, 8, "65000:1");
  expect_node(t, only(t, rd, FieldId::RdType), FieldId::RdType, 46, 2, "0");
  expect_node(t, only(t, p, FieldId::LabeledPrefix), FieldId::LabeledPrefix, 54, 4, "10.0.0.0/25");
}

TEST(LabeledNlri, RoutesDepthListsThePrefixWithoutText) {
  // Depth::Routes: the entry and where the prefix lies (after label and RD), no text.
  const DecodedMessage d =
      decode_message(reach_update(kVpn4, kVpnRoute), negotiated(true), Depth::Routes);
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.tree.size(), 0u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 16u);
  EXPECT_TRUE(d.nlri[0].text.empty());
  EXPECT_TRUE(d.nlri[0].address().empty());
  EXPECT_EQ(d.nlri[0].prefix_offset, 54u);
  EXPECT_EQ(d.nlri[0].prefix_length, 25u);
  const DecodedMessage detail = decode_checked(reach_update(kVpn4, kVpnRoute), negotiated(true));
  ASSERT_EQ(detail.nlri.size(), 1u);
  EXPECT_EQ(detail.nlri[0].prefix_offset, 54u);
  EXPECT_EQ(detail.nlri[0].prefix_length, 25u);
}

TEST(LabeledNlri, VpnIpv4MulticastSafi129SharesTheEncoding) {
  const DecodedMessage d =
      decode_checked(reach_update(kVpn4Multicast, kVpnRoute), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kVpn4Multicast, 42, 16,
               "10.0.0.0/25 label 1000 RD 65000:1", "10.0.0.0");
}

TEST(LabeledNlri, VpnIpv6WithAFourOctetAsRd) {
  // tshark 4.0 shows this NLRI with its format string; the RD is type 2, 4200000006:3.
  const ByteVector m =
      reach_update(kVpn6, {0x98, 0x00, 0x00, 0x31, 0x00, 0x02, 0xfa, 0x56, 0xea, 0x06,
                           0x00, 0x03, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x90, 0x00, 0x00});
  const DecodedMessage d = decode_checked(m, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kVpn6, 42, 20,
               "2001:db8:90::/64 label 3 RD 4200000006:3", "2001:db8:90::");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::Label), FieldId::Label, 43, 3,
              "3 (Implicit NULL), bottom of stack");
  expect_node(t, only(t, p, FieldId::Rd), FieldId::Rd, 46, 8, "4200000006:3");
  expect_node(t, only(t, p, FieldId::LabeledPrefix), FieldId::LabeledPrefix, 54, 8,
              "2001:db8:90::/64");
}

TEST(LabeledNlri, UndefinedRdTypeWarnsAtEveryDepth) {
  ByteVector nlri = kVpnRoute;
  nlri[5] = 0x05;  // RD type 5
  const DecodedMessage d = decode_checked(reach_update(kVpn4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 46, 2, Severity::Warning, Treatment::None,
                 "Route Distinguisher type 5 is not defined");
  const DecodedMessage summary =
      decode_message(reach_update(kVpn4, nlri), negotiated(true), Depth::Summary);
  EXPECT_EQ(summary.problems.size(), 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "10.0.0.0/25 label 1000 RD type 5:fde800000001");
}

TEST(LabeledNlri, NegotiatedAddPathVpn) {
  // ExaBGP's conf-addpath: path id 10, 112 bits, label 20012, RD 100:100, 10.0.0.0/24.
  const ByteVector m =
      reach_update(kVpn4, {0x00, 0x00, 0x00, 0x0a, 0x70, 0x04, 0xe2, 0xc1, 0x00, 0x00, 0x00, 0x64,
                           0x00, 0x00, 0x00, 0x64, 0x0a, 0x00, 0x00});
  const DecodedMessage d = decode_checked(m, negotiated(true, {kVpn4}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kVpn4, 42, 19, "10.0.0.0/24 label 20012 RD 100:100",
               "10.0.0.0");
  EXPECT_EQ(d.nlri[0].path_id, 10u);
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, p, FieldId::Prefix, 42, 19, "10.0.0.0/24 label 20012 RD 100:100 path 10");
  expect_node(t, only(t, p, FieldId::PathId), FieldId::PathId, 42, 4, "10");
  expect_node(t, only(t, p, FieldId::LabeledLength), FieldId::LabeledLength, 46, 1, "112");
  expect_node(t, only(t, p, FieldId::Label), FieldId::Label, 47, 3, "20012, bottom of stack");
}

TEST(LabeledNlri, AddPathGuessedWithoutOpens) {
  // Read plainly, the first byte (00) would be a length of 0 bits, which holds no label.
  const ByteVector m =
      reach_update(kLabeled4, {0x00, 0x00, 0x00, 0x01, 0x30, 0x00, 0x06, 0x41, 0x0a, 0x01, 0x00});
  const DecodedMessage d = decode_checked(m, PeerContext::unknown());
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 1u);
  EXPECT_EQ(d.nlri[0].text, "10.1.0.0/24 label 100");
  const FieldTree& t = d.tree;
  const std::uint32_t nlri = *t.find_first(FieldId::MpReachNlri);
  const std::uint32_t note = only(t, nlri, FieldId::ErrorNode);
  expect_node(t, note, FieldId::ErrorNode, 42, 0,
              "ADD-PATH assumed present (heuristic): the bytes parse only with path identifiers");
}

TEST(LabeledNlri, AddressBitsPastThePrefixLengthAreCleared) {
  // 52 bits: label 100, then a /28 written as ac 11 c0 57; receivers read 172.17.192.80/28.
  const ByteVector m = reach_update(kLabeled4, {0x34, 0x00, 0x06, 0x41, 0xac, 0x11, 0xc0, 0x57});
  const DecodedMessage d = decode_checked(m, negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kLabeled4, 42, 8, "172.17.192.80/28 label 100",
               "172.17.192.80");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  const std::uint32_t note = only(t, p, FieldId::ErrorNode);
  EXPECT_EQ(t.node(note).offset, 49u);
  EXPECT_EQ(t.node(note).length, 1u);
  EXPECT_EQ(t.node(note).severity, Severity::Note);
}

TEST(LabeledNlri, LengthPastTheEndOfTheFieldStopsTheField) {
  const DecodedMessage d = decode_checked(
      reach_update(kLabeled4, {0x30, 0x00, 0x06, 0x41, 0x0a, 0x01}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 6, Severity::Error, Treatment::AfiSafiDisable,
                 "length 48 bits needs 6 bytes, 5 bytes left (RFC 7606 §5.3)");
  EXPECT_EQ(d.update.announced, 0u);
  EXPECT_TRUE(d.nlri.empty());
}

TEST(LabeledNlri, LengthTooShortForLabelAndRdIsAnErrorAndTheNextNlriIsRead) {
  ByteVector nlri = {0x20, 0x00, 0x06, 0x41, 0x0a};  // 32 bits: no room for label + RD
  nlri.insert(nlri.end(), kVpnRoute.begin(), kVpnRoute.end());
  const DecodedMessage d = decode_checked(reach_update(kVpn4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 5, Severity::Error, Treatment::AfiSafiDisable,
                 "length 32 bits leaves no room for one label (24), a Route Distinguisher (64) "
                 "and a prefix of at most 32 bits (RFC 4364 §4.3.4, RFC 7606 §5.3)");
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  expect_entry(d.nlri[0], NlriAction::Announce, kVpn4, 47, 16, "10.0.0.0/25 label 1000 RD 65000:1",
               "10.0.0.0");
}

TEST(LabeledNlri, PrefixLongerThanTheAddressIsAnError) {
  // 64 bits with one label: 40 bits of IPv4 prefix.
  const DecodedMessage d = decode_checked(
      reach_update(kLabeled4, {0x40, 0x00, 0x06, 0x41, 0x0a, 0x01, 0x02, 0x03, 0x04}),
      negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 9, Severity::Error, Treatment::AfiSafiDisable,
                 "length 64 bits leaves no room for one label (24) and a prefix of at most 32 "
                 "bits (RFC 8277 §2.2, RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

TEST(LabeledNlri, TruncatedPathIdentifier) {
  const DecodedMessage d =
      decode_checked(reach_update(kLabeled4, {0x00, 0x00, 0x00}), negotiated(true, {kLabeled4}));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "path identifier needs 4 bytes, 3 bytes left (RFC 7606 §5.3)");
}

TEST(LabeledNlri, NothingAfterThePathIdentifier) {
  const DecodedMessage d = decode_checked(reach_update(kLabeled4, {0x00, 0x00, 0x00, 0x07}),
                                          negotiated(true, {kLabeled4}));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 4, Severity::Error, Treatment::AfiSafiDisable,
                 "NLRI ends after its path identifier (RFC 7606 §5.3)");
}

TEST(LabeledNlri, SeveralRoutesInOneField) {
  ByteVector nlri = {0x30, 0x00, 0x06, 0x41, 0x0a, 0x01, 0x00};
  nlri.insert(nlri.end(), kThreeLabels.begin(), kThreeLabels.end());
  nlri.insert(nlri.end(), {0x18, 0x00, 0x00, 0x31});  // label 3 and 0.0.0.0/0
  const DecodedMessage d = decode_checked(
      reach_update(kLabeled4, nlri), test::with_multiple_labels(negotiated(true), kLabeled4, 3));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 3u);
  ASSERT_EQ(d.nlri.size(), 3u);
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[1].offset, 49u);
  expect_entry(d.nlri[2], NlriAction::Announce, kLabeled4, 62, 4, "0.0.0.0/0 label 3", "0.0.0.0");
  const std::uint32_t p = nlri_nodes(d.tree).at(2);
  expect_node(d.tree, only(d.tree, p, FieldId::LabeledPrefix), FieldId::LabeledPrefix, 66, 0,
              "0.0.0.0/0");
}

}  // namespace
}  // namespace bgplens

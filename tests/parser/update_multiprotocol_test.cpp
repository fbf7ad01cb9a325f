// Multiprotocol UPDATEs: MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3, §4) for IPv4 and IPv6
// unicast and multicast, next hops of 4, 16 and 32 bytes (RFC 2545 §3), End-of-RIB markers
// (RFC 4724 §2) and families shown raw.
//
// Layout of the UPDATEs built by mp_update(): ORIGIN at 23 (4 bytes), an empty AS_PATH at 27
// (40 02 00), MP_REACH_NLRI at 30: flags 30, code 31, length 32, then AFI 33–34, SAFI 35,
// Next Hop Length 36, Next Hop from 37, Reserved, NLRI.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::message_node;
using test::negotiated;
using test::only;

constexpr Family kIpv4Multicast{afi::kIpv4, safi::kMulticast};
constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};
constexpr Family kIpv6Multicast{afi::kIpv6, safi::kMulticast};

ByteVector mp_update(Family family, const ByteVector& hop, const std::vector<gen::Prefix>& nlri) {
  return gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::mp_reach(family, hop, nlri)}, {}});
}

ByteVector concat(const ByteVector& a, const ByteVector& b) {
  ByteVector out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

std::uint32_t mp_reach_node(const FieldTree& t) {
  const auto attrs = t.find_first(FieldId::UpdateAttrs);
  EXPECT_TRUE(attrs.has_value());
  const auto all = children(t, *attrs, FieldId::Attr);
  EXPECT_EQ(all.size(), 3u);
  return all.size() == 3 ? all[2] : 0;
}

void expect_single_route(const DecodedMessage& d, NlriAction action, Family family,
                         std::uint32_t offset, std::uint32_t length, std::string_view text) {
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].action, action);
  EXPECT_EQ(d.nlri[0].family, family);
  EXPECT_EQ(d.nlri[0].offset, offset);
  EXPECT_EQ(d.nlri[0].length, length);
  EXPECT_EQ(d.nlri[0].text, text);
  ASSERT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], family);
  EXPECT_FALSE(d.update.end_of_rib);
}

TEST(UpdateMultiprotocol, Ipv4UnicastWithAFourByteNextHop) {
  const ByteVector m = mp_update(kIpv4Unicast, gen::ipv4("192.0.2.1"), {gen::prefix("10.0.0.0/8")});
  // Value: 00 01 | 01 | 04 | c0 00 02 01 | 00 | 08 0a = 11 bytes.
  ASSERT_EQ(m.size(), 44u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  expect_single_route(d, NlriAction::Announce, kIpv4Unicast, 42, 2, "10.0.0.0/8");
  ASSERT_EQ(d.attributes.size(), 3u);
  EXPECT_EQ(d.attributes[2].code, 14u);
  EXPECT_EQ(d.attributes[2].offset, 30u);
  EXPECT_EQ(d.attributes[2].length, 14u);

  const FieldTree& t = d.tree;
  const std::uint32_t a = mp_reach_node(t);
  expect_node(t, a, FieldId::Attr, 30, 14, "MP_REACH_NLRI: ipv4, next hop 192.0.2.1, 1 route");
  expect_node(t, only(t, a, FieldId::AttrType), FieldId::AttrType, 31, 1, "MP_REACH_NLRI (14)");
  expect_node(t, only(t, a, FieldId::AttrLength), FieldId::AttrLength, 32, 1, "11");
  expect_node(t, only(t, a, FieldId::MpReachAfi), FieldId::MpReachAfi, 33, 2, "IPv4 (1)");
  expect_node(t, only(t, a, FieldId::MpReachSafi), FieldId::MpReachSafi, 35, 1, "Unicast (1)");
  expect_node(t, only(t, a, FieldId::MpReachNextHopLength), FieldId::MpReachNextHopLength, 36, 1,
              "4");
  expect_node(t, only(t, a, FieldId::MpReachNextHop), FieldId::MpReachNextHop, 37, 4, "192.0.2.1");
  EXPECT_TRUE(children(t, a, FieldId::MpReachNextHopLinkLocal).empty());
  expect_node(t, only(t, a, FieldId::MpReachReserved), FieldId::MpReachReserved, 41, 1, "0");
  const std::uint32_t nlri = only(t, a, FieldId::MpReachNlri);
  EXPECT_EQ(t.node(nlri).offset, 42u);
  EXPECT_EQ(t.node(nlri).length, 2u);
  const std::uint32_t p = only(t, nlri, FieldId::Prefix);
  expect_node(t, p, FieldId::Prefix, 42, 2, "10.0.0.0/8");
  expect_node(t, only(t, p, FieldId::PrefixLength), FieldId::PrefixLength, 42, 1, "8");
  expect_node(t, only(t, p, FieldId::PrefixBytes), FieldId::PrefixBytes, 43, 1, "0a");
}

// RFC 8950 §4: an IPv6 next hop (length 16 at offset 36) for IPv4 unicast NLRI.
TEST(UpdateMultiprotocol, Ipv6NextHopForIpv4NlriDependsOnExtendedNextHop) {
  const ByteVector m =
      mp_update(kIpv4Unicast, gen::ipv6("2001:db8::1"), {gen::prefix("10.0.0.0/8")});
  PeerContext ctx = negotiated(false);
  ctx.extended_next_hop_from = Provenance::Negotiated;
  // Negotiated for the family: nothing to say.
  ctx.extended_next_hop = {{kIpv4Unicast, afi::kIpv6}};
  const DecodedMessage with = decode_checked(m, ctx);
  EXPECT_TRUE(with.problems.empty());
  expect_single_route(with, NlriAction::Announce, kIpv4Unicast, 54, 2, "10.0.0.0/8");
  // Not negotiated: a warning over the next hop length and the next hop.
  ctx.extended_next_hop.clear();
  const DecodedMessage without = decode_checked(m, ctx);
  ASSERT_EQ(without.problems.size(), 1u);
  expect_problem(without.problems[0], 36, 17, Severity::Warning, Treatment::None,
                 "an IPv6 next hop for ipv4 NLRI needs Extended Next Hop (RFC 8950 §4), which "
                 "the session did not negotiate for this family (negotiated, OPENs #1 and #2)");
  // No OPENs: a note only, and the route is still decoded.
  ctx.extended_next_hop_from = Provenance::Heuristic;
  const DecodedMessage guessed = decode_checked(m, ctx);
  EXPECT_TRUE(guessed.problems.empty());
  expect_single_route(guessed, NlriAction::Announce, kIpv4Unicast, 54, 2, "10.0.0.0/8");
  bool noted = false;
  for (std::uint32_t i = 1; i < guessed.tree.size(); ++i) {
    if (guessed.tree.node(i).severity == Severity::Note &&
        guessed.tree.value(i).find("RFC 8950") != std::string_view::npos)
      noted = true;
  }
  EXPECT_TRUE(noted);
}

TEST(UpdateMultiprotocol, Ipv4Multicast) {
  const ByteVector m =
      mp_update(kIpv4Multicast, gen::ipv4("192.0.2.1"), {gen::prefix("232.1.0.0/16")});
  ASSERT_EQ(m.size(), 45u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  expect_single_route(d, NlriAction::Announce, kIpv4Multicast, 42, 3, "232.1.0.0/16");
  const FieldTree& t = d.tree;
  const std::uint32_t a = mp_reach_node(t);
  EXPECT_EQ(t.value(a), "MP_REACH_NLRI: ipv4 mcast, next hop 192.0.2.1, 1 route");
  expect_node(t, only(t, a, FieldId::MpReachSafi), FieldId::MpReachSafi, 35, 1, "Multicast (2)");
}

TEST(UpdateMultiprotocol, Ipv6UnicastWithASixteenByteNextHop) {
  const ByteVector m =
      mp_update(kIpv6Unicast, gen::ipv6("2001:db8::1"), {gen::prefix("2001:db8:1::/48")});
  // Value: 5 + 16 + 7 (30 20 01 0d b8 00 01) = 28 bytes; the attribute runs from 30 to 60.
  ASSERT_EQ(m.size(), 61u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  expect_single_route(d, NlriAction::Announce, kIpv6Unicast, 54, 7, "2001:db8:1::/48");
  const FieldTree& t = d.tree;
  const std::uint32_t a = mp_reach_node(t);
  expect_node(t, a, FieldId::Attr, 30, 31, "MP_REACH_NLRI: ipv6, next hop 2001:db8::1, 1 route");
  expect_node(t, only(t, a, FieldId::MpReachAfi), FieldId::MpReachAfi, 33, 2, "IPv6 (2)");
  expect_node(t, only(t, a, FieldId::MpReachNextHopLength), FieldId::MpReachNextHopLength, 36, 1,
              "16");
  expect_node(t, only(t, a, FieldId::MpReachNextHop), FieldId::MpReachNextHop, 37, 16,
              "2001:db8::1");
  expect_node(t, only(t, a, FieldId::MpReachReserved), FieldId::MpReachReserved, 53, 1, "0");
  const std::uint32_t p = only(t, only(t, a, FieldId::MpReachNlri), FieldId::Prefix);
  expect_node(t, p, FieldId::Prefix, 54, 7, "2001:db8:1::/48");
  expect_node(t, only(t, p, FieldId::PrefixLength), FieldId::PrefixLength, 54, 1, "48");
  expect_node(t, only(t, p, FieldId::PrefixBytes), FieldId::PrefixBytes, 55, 6,
              "20 01 0d b8 00 01");
}

TEST(UpdateMultiprotocol, Ipv6MulticastWithGlobalAndLinkLocalNextHops) {
  const ByteVector hops = concat(gen::ipv6("2001:db8::1"), gen::ipv6("fe80::1"));
  const ByteVector m = mp_update(kIpv6Multicast, hops, {gen::prefix("ff3e::/16")});
  // Value: 5 + 32 + 3 = 40 bytes.
  ASSERT_EQ(m.size(), 73u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  expect_single_route(d, NlriAction::Announce, kIpv6Multicast, 70, 3, "ff3e::/16");
  const FieldTree& t = d.tree;
  const std::uint32_t a = mp_reach_node(t);
  EXPECT_EQ(t.value(a),
            "MP_REACH_NLRI: ipv6 mcast, next hop 2001:db8::1, link-local fe80::1, 1 route");
  expect_node(t, only(t, a, FieldId::MpReachNextHopLength), FieldId::MpReachNextHopLength, 36, 1,
              "32");
  expect_node(t, only(t, a, FieldId::MpReachNextHop), FieldId::MpReachNextHop, 37, 16,
              "2001:db8::1");
  expect_node(t, only(t, a, FieldId::MpReachNextHopLinkLocal), FieldId::MpReachNextHopLinkLocal, 53,
              16, "fe80::1");
  expect_node(t, only(t, a, FieldId::MpReachReserved), FieldId::MpReachReserved, 69, 1, "0");
}

TEST(UpdateMultiprotocol, SeveralIpv6PrefixesIncludingTheDefaultRoute) {
  const ByteVector m = mp_update(kIpv6Unicast, gen::ipv6("2001:db8::1"),
                                 {gen::prefix("2001:db8::/32"), gen::prefix("::/0")});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.nlri.size(), 2u);
  // 20 20 01 0d b8 at 54, then 00 at 59.
  EXPECT_EQ(d.nlri[0].offset, 54u);
  EXPECT_EQ(d.nlri[0].length, 5u);
  EXPECT_EQ(d.nlri[0].text, "2001:db8::/32");
  EXPECT_EQ(d.nlri[1].offset, 59u);
  EXPECT_EQ(d.nlri[1].length, 1u);
  EXPECT_EQ(d.nlri[1].text, "::/0");
}

TEST(UpdateMultiprotocol, MpUnreachWithdrawsIpv6Routes) {
  // 23 MP_UNREACH 80 0f 0c: AFI 26–27, SAFI 28, withdrawn 40 20 01 0d b8 00 02 00 00 at 29.
  const ByteVector m =
      gen::update({{}, {gen::mp_unreach(kIpv6Unicast, {gen::prefix("2001:db8:2::/64")})}, {}});
  ASSERT_EQ(m.size(), 38u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  // Withdrawals need no ORIGIN or AS_PATH.
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.withdrawn, 1u);
  EXPECT_EQ(d.update.announced, 0u);
  expect_single_route(d, NlriAction::Withdraw, kIpv6Unicast, 29, 9, "2001:db8:2::/64");
  const FieldTree& t = d.tree;
  const auto attr = t.find_first(FieldId::Attr);
  ASSERT_TRUE(attr.has_value());
  expect_node(t, *attr, FieldId::Attr, 23, 15, "MP_UNREACH_NLRI: ipv6, 1 route withdrawn");
  expect_node(t, only(t, *attr, FieldId::MpUnreachAfi), FieldId::MpUnreachAfi, 26, 2, "IPv6 (2)");
  expect_node(t, only(t, *attr, FieldId::MpUnreachSafi), FieldId::MpUnreachSafi, 28, 1,
              "Unicast (1)");
  const std::uint32_t wd = only(t, *attr, FieldId::MpUnreachWithdrawn);
  EXPECT_EQ(t.node(wd).offset, 29u);
  EXPECT_EQ(t.node(wd).length, 9u);
  expect_node(t, only(t, wd, FieldId::Prefix), FieldId::Prefix, 29, 9, "2001:db8:2::/64");
}

TEST(UpdateMultiprotocol, EndOfRibForIpv4IsTheEmptyUpdate) {
  const ByteVector m = gen::update({});
  ASSERT_EQ(m.size(), 23u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_TRUE(d.update.end_of_rib);
  ASSERT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], kIpv4Unicast);
  const std::uint32_t msg = message_node(d.tree);
  expect_node(d.tree, only(d.tree, msg, FieldId::UpdateEndOfRib), FieldId::UpdateEndOfRib, 19, 4,
              "End-of-RIB for IPv4 Unicast (1/1)");
}

TEST(UpdateMultiprotocol, EndOfRibForIpv6IsAnUpdateWithOnlyAnEmptyMpUnreach) {
  const ByteVector m = gen::update({{}, {gen::mp_unreach(kIpv6Unicast, {})}, {}});
  ASSERT_EQ(m.size(), 29u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_TRUE(d.update.end_of_rib);
  EXPECT_EQ(d.update.withdrawn, 0u);
  ASSERT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], kIpv6Unicast);
  const std::uint32_t msg = message_node(d.tree);
  expect_node(d.tree, only(d.tree, msg, FieldId::UpdateEndOfRib), FieldId::UpdateEndOfRib, 19, 10,
              "End-of-RIB for IPv6 Unicast (2/1)");
  EXPECT_EQ(d.tree.value(*d.tree.find_first(FieldId::Attr)),
            "MP_UNREACH_NLRI: ipv6, 0 routes withdrawn");

  // The same with the Extended Length flag: the encoding does not matter.
  const ByteVector ext = gen::update({{}, {gen::attribute(0x90, 15, ByteVector{0, 2, 1})}, {}});
  ASSERT_EQ(ext.size(), 30u);
  const DecodedMessage e = decode_checked(ext, negotiated(false));
  EXPECT_TRUE(e.update.end_of_rib);
  EXPECT_EQ(e.update.families[0], kIpv6Unicast);
}

TEST(UpdateMultiprotocol, WhatIsNotAnEndOfRib) {
  using namespace gen;
  // An empty MP_UNREACH with another attribute, with a withdrawal, or followed by NLRI.
  const std::vector<ByteVector> messages = {
      update({{}, {origin(0), mp_unreach(kIpv6Unicast, {})}, {}}),
      update({{}, {mp_unreach(kIpv6Unicast, {prefix("2001:db8::/32")})}, {}}),
      update({{prefix("10.0.0.0/8")}, {mp_unreach(kIpv6Unicast, {})}, {}}),
      update({{prefix("10.0.0.0/8")}, {}, {}}),
  };
  for (const ByteVector& m : messages) {
    EXPECT_FALSE(decode_checked(m, negotiated(false)).update.end_of_rib) << m.size();
  }
}

TEST(UpdateMultiprotocol, ATruncatedUpdateIsNoEndOfRib) {
  // 27 bytes declared (an ORIGIN follows the lengths), 23 captured: the bytes that are there
  // look like the empty UPDATE, but the message is not one (RFC 4724 §2).
  ByteVector m = gen::update({{}, {gen::origin(0)}, {}});
  ASSERT_EQ(m.size(), 27u);
  m.resize(23);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_FALSE(d.update.end_of_rib);
  EXPECT_EQ(d.update.family_count, 0);
  ASSERT_FALSE(d.problems.empty());
  EXPECT_NE(d.problems[0].message.find("capture truncated"), std::string::npos);

  // Cut right after an empty MP_UNREACH that NLRI follow.
  ByteVector n =
      gen::update({{}, {gen::mp_unreach(kIpv6Unicast, {})}, {gen::prefix("10.0.0.0/8")}});
  ASSERT_EQ(n.size(), 31u);
  n.resize(29);
  EXPECT_FALSE(decode_checked(n, negotiated(false)).update.end_of_rib);
}

TEST(UpdateMultiprotocol, UnknownFamilyNlriIsShownRaw) {
  // L2VPN with a private-use SAFI (241): no decoder, one raw node for the NLRI field.
  const ByteVector value{0, 25, 241, 4, 192, 0, 2, 1, 0, 2, 5, 1, 2, 3, 4, 5};
  const ByteVector m = gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::attribute(0x80, 14, value)}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  EXPECT_TRUE(d.nlri.empty());
  ASSERT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], (Family{afi::kL2vpn, 241}));
  const FieldTree& t = d.tree;
  const std::uint32_t a = mp_reach_node(t);
  expect_node(t, only(t, a, FieldId::MpReachAfi), FieldId::MpReachAfi, 33, 2, "L2VPN (25)");
  expect_node(t, only(t, a, FieldId::MpReachSafi), FieldId::MpReachSafi, 35, 1, "unassigned (241)");
  const std::uint32_t nlri = only(t, a, FieldId::MpReachNlri);
  expect_node(t, only(t, nlri, FieldId::RawNlri), FieldId::RawNlri, 42, 7,
              "L2VPN SAFI 241 (25/241): 02 05 01 02 03 04 05");
}

TEST(UpdateMultiprotocol, NextHopLengthOverrunningTheAttributeIsASessionReset) {
  // Next Hop Length 16 with 4 bytes before the reserved byte: the NLRI cannot be located
  // (RFC 7606 §7.11).
  const ByteVector value{0, 1, 1, 16, 192, 0, 2, 1, 0};
  const ByteVector m = gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::attribute(0x80, 14, value)}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 36, 5, Severity::Error, Treatment::SessionReset,
                 "next hop length 16 exceeds the 4 bytes left before the reserved byte");
  EXPECT_EQ(d.update.announced, 0u);
  const std::uint32_t a = mp_reach_node(d.tree);
  const std::uint32_t err = only(d.tree, a, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(err).offset, 36u);
  EXPECT_EQ(d.tree.node(err).length, 5u);
}

TEST(UpdateMultiprotocol, MpReachTooShortForItsFixedFields) {
  const ByteVector value{0, 1, 1};
  const ByteVector m = gen::update({{}, {gen::attribute(0x80, 14, value)}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 26, 3, Severity::Error, Treatment::SessionReset,
                 "MP_REACH_NLRI length 3 is not at least 5");
  const ByteVector short_unreach{0, 2};
  const DecodedMessage u = decode_checked(
      gen::update({{}, {gen::attribute(0x80, 15, short_unreach)}, {}}), negotiated(false));
  ASSERT_EQ(u.problems.size(), 1u);
  expect_problem(u.problems[0], 26, 2, Severity::Error, Treatment::SessionReset,
                 "MP_UNREACH_NLRI length 2 is not at least 3");
}

TEST(UpdateMultiprotocol, BadPrefixInMpReachDisablesTheFamily) {
  // RFC 7606 §5.3: a malformed NLRI in MP_REACH_NLRI is handled by AFI/SAFI disable.
  ByteVector m =
      mp_update(kIpv6Unicast, gen::ipv6("2001:db8::1"), {gen::prefix("2001:db8:1::/48")});
  m[54] = 129;
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 54, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "prefix length 129 exceeds 128 bits");
  EXPECT_TRUE(d.nlri.empty());
  EXPECT_EQ(d.update.announced, 0u);
}

}  // namespace
}  // namespace bgplens

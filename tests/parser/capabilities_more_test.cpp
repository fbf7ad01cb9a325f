// The capabilities beyond the core set (capability_group_more.cpp): ORF (RFC 5291 §5),
// Extended Next Hop (RFC 8950 §3), BGPsec (RFC 8205 §2.1), Multiple Labels (RFC 8277 §2.1),
// BGP Role (RFC 9234 §4.1), Dynamic Capability, Multisession, LLGR (RFC 9494 §3), FQDN,
// BFD, Software Version, Paths-Limit, Link-Local Next Hop and the pre-standard codes.
//
// Layout: the OPEN's only parameter is at 29 (type) and 30 (length); the first capability's
// code is at 31, its length at 32, its value from 33.
#include <gtest/gtest.h>

#include <string>
#include <utility>
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
using test::only;

// An OPEN carrying exactly these capabilities, decoded with every consistency check.
DecodedMessage open_with(std::vector<std::pair<std::uint8_t, ByteVector>> caps) {
  gen::OpenSpec s;
  s.multiprotocol.clear();
  s.route_refresh = false;
  s.extra_capabilities = std::move(caps);
  return decode_checked(gen::open(s), PeerContext{});
}

// The i-th capability node of the first parameter.
std::uint32_t cap(const DecodedMessage& d, std::size_t i) {
  const auto caps =
      children(d.tree, *d.tree.find_first(FieldId::OpenOptParam), FieldId::Capability);
  EXPECT_LT(i, caps.size());
  return i < caps.size() ? caps[i] : 0;
}

TEST(CapabilitiesMore, OutboundRouteFiltering) {
  // IPv4 unicast with Address Prefix ORF (64) send+receive, then IPv6 unicast with 64 receive
  // and Cisco's 128 send.
  const DecodedMessage d = open_with({{3, {0, 1, 0, 1, 1, 64, 3, 0, 2, 0, 1, 2, 64, 1, 128, 2}}});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t c = cap(d, 0);
  expect_node(t, c, FieldId::Capability, 31, 18,
              "Outbound Route Filtering: ipv4: Address Prefix ORF send and receive; ipv6: "
              "Address Prefix ORF receive, Address Prefix ORF (Cisco, pre-standard) send");
  const auto families = children(t, c, FieldId::CapOrfFamily);
  ASSERT_EQ(families.size(), 2u);
  expect_node(t, families[0], FieldId::CapOrfFamily, 33, 7,
              "ipv4: Address Prefix ORF send and receive");
  expect_node(t, only(t, families[0], FieldId::CapOrfReserved), FieldId::CapOrfReserved, 35, 1,
              "0");
  expect_node(t, only(t, families[0], FieldId::CapOrfCount), FieldId::CapOrfCount, 37, 1, "1");
  const std::uint32_t pair = only(t, families[0], FieldId::CapOrfEntry);
  expect_node(t, only(t, pair, FieldId::CapOrfType), FieldId::CapOrfType, 38, 1,
              "Address Prefix ORF (64)");
  expect_node(t, only(t, pair, FieldId::CapOrfSendReceive), FieldId::CapOrfSendReceive, 39, 1,
              "send and receive (3)");
  expect_node(t, families[1], FieldId::CapOrfFamily, 40, 9,
              "ipv6: Address Prefix ORF receive, Address Prefix ORF (Cisco, pre-standard) send");
  EXPECT_EQ(children(t, families[1], FieldId::CapOrfEntry).size(), 2u);
}

TEST(CapabilitiesMore, CiscoOrfHasTheSameLayout) {
  // packetlife's bgp_orf_capabilty_negotitation: code 130, IPv4 unicast, type 128 send.
  const DecodedMessage d = open_with({{130, {0, 1, 0, 1, 1, 128, 2}}});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, cap(d, 0), FieldId::Capability, 31, 9,
              "Outbound Route Filtering (Cisco, pre-standard): ipv4: Address Prefix ORF (Cisco, "
              "pre-standard) send");
}

TEST(CapabilitiesMore, OrfErrors) {
  // Number of ORFs 2 with one pair present.
  DecodedMessage d = open_with({{3, {0, 1, 0, 1, 2, 64, 1}}});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 37, 1, Severity::Error, Treatment::None,
                 "Number of ORFs 2 needs 4 bytes, the 2 bytes left");
  // A family header cut short after one complete family.
  d = open_with({{3, {0, 1, 0, 1, 0, 0, 2}}});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 38, 2, Severity::Error, Treatment::None,
                 "ORF address family needs 5 bytes");
  // Send/Receive 0, and an empty value.
  d = open_with({{3, {0, 1, 0, 1, 1, 64, 0}}, {3, {}}});
  ASSERT_EQ(d.problems.size(), 2u);
  expect_problem(d.problems[0], 39, 1, Severity::Error, Treatment::None,
                 "ORF Send/Receive value 0 is not 1 (receive), 2 (send) or 3 (both)");
  expect_problem(d.problems[1], 42, 0, Severity::Error, Treatment::None,
                 "Outbound Route Filtering capability length 0 is not at least 5");
}

TEST(CapabilitiesMore, ExtendedNextHopFillsTheOffers) {
  // IPv4 unicast and IPv4 VPN (SAFI 128) with IPv6 next hops.
  const DecodedMessage d = open_with({{5, {0, 1, 0, 1, 0, 2, 0, 1, 0, 128, 0, 2}}});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_TRUE(d.open.has_value());
  ASSERT_EQ(d.open->extended_next_hop.size(), 2u);
  EXPECT_EQ(d.open->extended_next_hop[0].nlri, kIpv4Unicast);
  EXPECT_EQ(d.open->extended_next_hop[0].next_hop_afi, 2);
  EXPECT_EQ(d.open->extended_next_hop[1].nlri, (Family{1, 128}));
  const FieldTree& t = d.tree;
  const auto entries = children(t, cap(d, 0), FieldId::CapEnhEntry);
  ASSERT_EQ(entries.size(), 2u);
  expect_node(t, entries[0], FieldId::CapEnhEntry, 33, 6, "ipv4 with IPv6 next hops");
  expect_node(t, only(t, entries[1], FieldId::CapEnhNlriAfi), FieldId::CapEnhNlriAfi, 39, 2,
              "IPv4 (1)");
  expect_node(t, only(t, entries[1], FieldId::CapEnhNlriSafi), FieldId::CapEnhNlriSafi, 41, 2,
              "VPN Unicast (128)");
  expect_node(t, only(t, entries[1], FieldId::CapEnhNextHopAfi), FieldId::CapEnhNextHopAfi, 43, 2,
              "IPv6 (2)");

  const DecodedMessage bad = open_with({{5, {0, 1, 0, 1, 0}}});
  ASSERT_EQ(bad.problems.size(), 1u);
  expect_problem(bad.problems[0], 33, 5, Severity::Error, Treatment::None,
                 "Extended Next Hop Encoding capability length 5 is not a multiple of 6");
  EXPECT_TRUE(bad.open->extended_next_hop.empty());
}

TEST(CapabilitiesMore, BgpsecBitFields) {
  // Version 0, Direction 1 (send), AFI 2; then version 1, receive, reserved bits 0x5.
  const DecodedMessage d = open_with({{7, {0x08, 0, 2}}, {7, {0x15, 0, 1}}});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  expect_node(t, cap(d, 0), FieldId::Capability, 31, 5, "BGPsec: version 0, send, IPv6");
  expect_node(t, only(t, cap(d, 0), FieldId::CapBgpsecDirection), FieldId::CapBgpsecDirection, 33,
              1, "send (1)", 0x08);
  expect_node(t, only(t, cap(d, 1), FieldId::CapBgpsecVersion), FieldId::CapBgpsecVersion, 38, 1,
              "1", 0xF0);
  expect_node(t, only(t, cap(d, 1), FieldId::CapBgpsecReserved), FieldId::CapBgpsecReserved, 38, 1,
              "5", 0x07);
  expect_node(t, only(t, cap(d, 1), FieldId::CapAfi), FieldId::CapAfi, 39, 2, "IPv4 (1)");
  const DecodedMessage bad = open_with({{7, {0x08, 0}}});
  ASSERT_EQ(bad.problems.size(), 1u);
  expect_problem(bad.problems[0], 33, 2, Severity::Error, Treatment::None,
                 "BGPsec capability length 2 is not 3");
}

TEST(CapabilitiesMore, MultipleLabelsFillTheOffers) {
  const DecodedMessage d = open_with({{8, {0, 1, 4, 3, 0, 2, 4, 1}}});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.open->multiple_labels.size(), 2u);
  EXPECT_EQ(d.open->multiple_labels[0].family, (Family{1, 4}));
  EXPECT_EQ(d.open->multiple_labels[0].count, 3);
  EXPECT_EQ(d.open->multiple_labels[1].count, 1);
  const FieldTree& t = d.tree;
  expect_node(t, cap(d, 0), FieldId::Capability, 31, 10,
              "Multiple Labels: ipv4 labeled unicast up to 3 labels, ipv6 labeled unicast up to "
              "1 label");
  const auto families = children(t, cap(d, 0), FieldId::CapMlFamily);
  ASSERT_EQ(families.size(), 2u);
  expect_node(t, only(t, families[0], FieldId::CapMlCount), FieldId::CapMlCount, 36, 1, "3");
  const DecodedMessage bad = open_with({{8, {0, 1, 4}}});
  ASSERT_EQ(bad.problems.size(), 1u);
  expect_problem(bad.problems[0], 33, 3, Severity::Error, Treatment::None,
                 "length 3 is not a non-zero multiple of 4");
}

TEST(CapabilitiesMore, BgpRole) {
  const DecodedMessage d = open_with({{9, {3}}, {9, {7}}});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, cap(d, 0), FieldId::Capability, 31, 3, "BGP Role: Customer");
  expect_node(d.tree, only(d.tree, cap(d, 0), FieldId::CapRole), FieldId::CapRole, 33, 1,
              "Customer (3)");
  expect_node(d.tree, cap(d, 1), FieldId::Capability, 34, 3, "BGP Role: unassigned (7)");
  // RFC 9234 §4.1: the length must be 1.
  const DecodedMessage bad = open_with({{9, {0, 0}}});
  ASSERT_EQ(bad.problems.size(), 1u);
  expect_problem(bad.problems[0], 33, 2, Severity::Error, Treatment::None,
                 "BGP Role capability length 2 is not 1");
}

TEST(CapabilitiesMore, DynamicAndMultisession) {
  const DecodedMessage d = open_with({{67, {64, 70}}, {68, {0x80, 1, 2}}, {68, {}}});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  expect_node(t, cap(d, 0), FieldId::Capability, 31, 4,
              "Dynamic Capability: Graceful Restart, Enhanced Route Refresh");
  const auto codes = children(t, cap(d, 0), FieldId::CapDynamicCode);
  ASSERT_EQ(codes.size(), 2u);
  expect_node(t, codes[1], FieldId::CapDynamicCode, 34, 1, "Enhanced Route Refresh (70)");
  expect_node(t, cap(d, 1), FieldId::Capability, 35, 5,
              "Multisession: grouping (G), 2 bytes of session ids");
  const std::uint32_t flags = only(t, cap(d, 1), FieldId::CapMsFlags);
  expect_node(t, only(t, flags, FieldId::CapMsGrouping), FieldId::CapMsGrouping, 37, 1, "set",
              0x80);
  expect_node(t, only(t, cap(d, 1), FieldId::CapMsSessionIds), FieldId::CapMsSessionIds, 38, 2,
              "01 02");
  expect_node(t, cap(d, 2), FieldId::Capability, 40, 2, "Multisession");
}

TEST(CapabilitiesMore, LongLivedGracefulRestart) {
  // IPv4 unicast F bit, 3600 s; IPv6 unicast no flags, 16777215 s.
  const DecodedMessage d =
      open_with({{71, {0, 1, 1, 0x80, 0, 0x0E, 0x10, 0, 2, 1, 0, 0xFF, 0xFF, 0xFF}}});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  expect_node(t, cap(d, 0), FieldId::Capability, 31, 16,
              "Long-Lived Graceful Restart: ipv4 3600 s F, ipv6 16777215 s");
  const auto families = children(t, cap(d, 0), FieldId::CapLlgrFamily);
  ASSERT_EQ(families.size(), 2u);
  expect_node(t, only(t, families[0], FieldId::CapLlgrFlags), FieldId::CapLlgrFlags, 36, 1,
              "0x80 (F: forwarding state preserved)");
  expect_node(t, only(t, families[0], FieldId::CapLlgrStaleTime), FieldId::CapLlgrStaleTime, 37, 3,
              "3600 s");
  const DecodedMessage bad = open_with({{71, {0, 1, 1, 0x80, 0, 0x0E}}});
  ASSERT_EQ(bad.problems.size(), 1u);
  expect_problem(bad.problems[0], 33, 6, Severity::Error, Treatment::None,
                 "Long-Lived Graceful Restart capability length 6 is not a multiple of 7");
}

TEST(CapabilitiesMore, FqdnHostnameAndDomain) {
  const DecodedMessage d = open_with({{73, {2, 'r', '1', 3, 'n', 'e', 't'}}, {184, {1, 'x', 0}}});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  expect_node(t, cap(d, 0), FieldId::Capability, 31, 9, "FQDN: hostname r1, domain net");
  expect_node(t, only(t, cap(d, 0), FieldId::CapFqdnHostnameLength), FieldId::CapFqdnHostnameLength,
              33, 1, "2");
  expect_node(t, only(t, cap(d, 0), FieldId::CapFqdnHostname), FieldId::CapFqdnHostname, 34, 2,
              "\"r1\"");
  expect_node(t, only(t, cap(d, 0), FieldId::CapFqdnDomainLength), FieldId::CapFqdnDomainLength, 36,
              1, "3");
  expect_node(t, only(t, cap(d, 0), FieldId::CapFqdnDomain), FieldId::CapFqdnDomain, 37, 3,
              "\"net\"");
  expect_node(t, cap(d, 1), FieldId::Capability, 40, 5, "FQDN: hostname x, no domain");
}

TEST(CapabilitiesMore, FqdnErrors) {
  // Hostname length 5 with 2 bytes left.
  DecodedMessage d = open_with({{73, {5, 'a', 'b'}}});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 34, 2, Severity::Error, Treatment::None,
                 "hostname length 5 exceeds the 2 bytes left in the FQDN capability");
  // No domain length octet; then a control character escaped and a trailing byte.
  d = open_with({{73, {1, 'a'}}, {73, {1, 0x07, 0, 0xEE}}});
  ASSERT_EQ(d.problems.size(), 2u);
  expect_problem(d.problems[0], 35, 0, Severity::Error, Treatment::None,
                 "ends before the Domain Name Length octet");
  expect_problem(d.problems[1], 40, 1, Severity::Error, Treatment::None,
                 "1 byte after the domain name");
  expect_node(d.tree, only(d.tree, cap(d, 1), FieldId::CapFqdnHostname), FieldId::CapFqdnHostname,
              38, 1, "\"\\x07\"");
}

TEST(CapabilitiesMore, SoftwareVersion) {
  const std::string v = "FRRouting/10.0";
  ByteVector value{static_cast<std::uint8_t>(v.size())};
  value.insert(value.end(), v.begin(), v.end());
  DecodedMessage d = open_with({{75, value}});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, cap(d, 0), FieldId::Capability, 31, 17, "Software Version: FRRouting/10.0");
  expect_node(d.tree, only(d.tree, cap(d, 0), FieldId::CapSwVersion), FieldId::CapSwVersion, 34, 14,
              "\"FRRouting/10.0\"");
  // Invalid UTF-8 (a lone continuation byte) is escaped and a warning; a byte after the text
  // is an error.
  d = open_with({{75, {2, 'a', 0x80, 'z'}}});
  ASSERT_EQ(d.problems.size(), 2u);
  expect_problem(d.problems[0], 36, 1, Severity::Error, Treatment::None,
                 "1 byte after the software version");
  expect_problem(d.problems[1], 34, 2, Severity::Warning, Treatment::None, "not valid UTF-8");
  expect_node(d.tree, only(d.tree, cap(d, 0), FieldId::CapSwVersion), FieldId::CapSwVersion, 34, 2,
              "\"a\\x80\"");
  d = open_with({{75, {9, 'a'}}});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 34, 1, Severity::Error, Treatment::None,
                 "software version length 9 exceeds the 1 byte left");
}

TEST(CapabilitiesMore, PathsLimitBfdLinkLocalAndPrestandardCodes) {
  const DecodedMessage d =
      open_with({{76, {0, 1, 1, 0, 16}}, {74, {}}, {77, {}}, {131, {0}}, {185, {}}});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  expect_node(t, cap(d, 0), FieldId::Capability, 31, 7, "Paths-Limit: ipv4 16");
  const std::uint32_t family = only(t, cap(d, 0), FieldId::CapPathsLimitFamily);
  expect_node(t, only(t, family, FieldId::CapPathsLimit), FieldId::CapPathsLimit, 36, 2, "16");
  expect_node(t, cap(d, 1), FieldId::Capability, 38, 2, "BFD strict-mode");
  expect_node(t, cap(d, 2), FieldId::Capability, 40, 2, "Link-Local Next Hop");
  expect_node(t, cap(d, 3), FieldId::Capability, 42, 3, "Multisession (Cisco, pre-standard) (131)");
  expect_node(t, only(t, cap(d, 3), FieldId::CapValue), FieldId::CapValue, 44, 1, "00");
  expect_node(t, cap(d, 4), FieldId::Capability, 45, 2, "OPERATIONAL message (pre-standard) (185)");

  const DecodedMessage bad = open_with({{76, {0, 1, 1, 0}}, {77, {1}}});
  ASSERT_EQ(bad.problems.size(), 2u);
  expect_problem(bad.problems[0], 33, 4, Severity::Error, Treatment::None,
                 "Paths-Limit capability length 4 is not a non-zero multiple of 5");
  expect_problem(bad.problems[1], 39, 1, Severity::Error, Treatment::None,
                 "Link-Local Next Hop capability length 1 is not 0");
}

TEST(CapabilitiesMore, DamagedValuesDecodeConsistently) {
  // Each capability value byte overwritten with 0x00, 0x05 and 0xFF (lengths, counts and
  // flags among them): decode_checked holds every result to the consistency rules.
  gen::OpenSpec s;
  s.multiprotocol.clear();
  s.route_refresh = false;
  s.extra_capabilities = {{3, {0, 1, 0, 1, 1, 64, 3}},
                          {5, {0, 1, 0, 1, 0, 2}},
                          {7, {0x08, 0, 1}},
                          {8, {0, 1, 4, 2}},
                          {9, {1}},
                          {67, {64}},
                          {68, {0x80, 1}},
                          {71, {0, 1, 1, 0x80, 0, 0, 60}},
                          {73, {1, 'h', 1, 'd'}},
                          {75, {2, 'v', '1'}},
                          {76, {0, 1, 1, 0, 4}},
                          {184, {0, 0}}};
  const ByteVector m = gen::open(s);
  for (std::size_t i = 31; i < m.size(); ++i) {
    for (std::uint8_t v : {0x00, 0x05, 0xFF}) {
      ByteVector x = m;
      x[i] = v;
      decode_checked(x, PeerContext{});
    }
  }
}

}  // namespace
}  // namespace bgplens

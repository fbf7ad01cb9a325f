// ROUTE-REFRESH ORF entries: RFC 5291 §4 (When-to-refresh, ORF groups, the common part of an
// entry) and RFC 5292 §3 (Address Prefix ORF entries).
//
// Layout: AFI 19–20, Message Subtype 21, SAFI 22, When-to-refresh 23, the first ORF Type 24,
// its Length of ORFs 25–26, its first entry from 27.
#include <gtest/gtest.h>

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

// A ROUTE-REFRESH for AFI `afi`, SAFI 1, subtype 0, with `orf` after the 4-byte body.
DecodedMessage refresh(std::uint16_t afi, const ByteVector& orf) {
  ByteVector body{static_cast<std::uint8_t>(afi >> 8), static_cast<std::uint8_t>(afi), 0, 1};
  body.insert(body.end(), orf.begin(), orf.end());
  return decode_checked(gen::message(msg_type::kRouteRefresh, body), PeerContext{});
}

std::uint32_t orf_node(const DecodedMessage& d) {
  return d.tree.find_first(FieldId::RrOrf).value_or(0);
}

TEST(RouteRefreshOrf, AddressPrefixEntries) {
  // IMMEDIATE; type 64 with: ADD PERMIT seq 5 ge 24 le 28 10.1.0.0/16 (10 bytes), REMOVE DENY
  // seq 10 192.0.2.0/24 (11 bytes), REMOVE-ALL (1 byte).
  const DecodedMessage d = refresh(1, {1, 64,   0, 22, 0x00, 0,  0, 0, 5,  24,  28, 16, 10,
                                       1, 0x60, 0, 0,  0,    10, 0, 0, 24, 192, 0,  2,  0x80});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t orf = orf_node(d);
  expect_node(t, orf, FieldId::RrOrf, 23, 26,
              "01 40 00 16 00 00 00 00 05 18 1c 10 0a 01 60 00 00 00 0a 00 00 18 c0 00 02 80");
  expect_node(t, only(t, orf, FieldId::RrOrfWhen), FieldId::RrOrfWhen, 23, 1, "IMMEDIATE (1)");
  const std::uint32_t group = only(t, orf, FieldId::RrOrfGroup);
  expect_node(t, group, FieldId::RrOrfGroup, 24, 25, "Address Prefix ORF (64): 3 entries");
  expect_node(t, only(t, group, FieldId::RrOrfType), FieldId::RrOrfType, 24, 1,
              "Address Prefix ORF (64)");
  expect_node(t, only(t, group, FieldId::RrOrfLength), FieldId::RrOrfLength, 25, 2, "22");
  const auto entries = children(t, group, FieldId::RrOrfEntry);
  ASSERT_EQ(entries.size(), 3u);
  expect_node(t, entries[0], FieldId::RrOrfEntry, 27, 10, "seq 5 permit 10.1.0.0/16 ge 24 le 28");
  expect_node(t, only(t, entries[0], FieldId::RrOrfAction), FieldId::RrOrfAction, 27, 1, "ADD (0)",
              0xC0);
  expect_node(t, only(t, entries[0], FieldId::RrOrfMatch), FieldId::RrOrfMatch, 27, 1, "PERMIT (0)",
              0x20);
  expect_node(t, only(t, entries[0], FieldId::RrOrfReserved), FieldId::RrOrfReserved, 27, 1, "0",
              0x1F);
  expect_node(t, only(t, entries[0], FieldId::RrOrfSequence), FieldId::RrOrfSequence, 28, 4, "5");
  expect_node(t, only(t, entries[0], FieldId::RrOrfMinlen), FieldId::RrOrfMinlen, 32, 1, "24");
  expect_node(t, only(t, entries[0], FieldId::RrOrfMaxlen), FieldId::RrOrfMaxlen, 33, 1, "28");
  expect_node(t, only(t, entries[0], FieldId::RrOrfPrefixLength), FieldId::RrOrfPrefixLength, 34, 1,
              "16");
  expect_node(t, only(t, entries[0], FieldId::RrOrfPrefix), FieldId::RrOrfPrefix, 35, 2,
              "10.1.0.0/16");
  expect_node(t, entries[1], FieldId::RrOrfEntry, 37, 11, "remove seq 10 deny 192.0.2.0/24");
  expect_node(t, only(t, entries[1], FieldId::RrOrfAction), FieldId::RrOrfAction, 37, 1,
              "REMOVE (1)", 0xC0);
  expect_node(t, entries[2], FieldId::RrOrfEntry, 48, 1, "remove-all");
  EXPECT_EQ(children(t, entries[2], FieldId::RrOrfSequence).size(), 0u);
}

TEST(RouteRefreshOrf, Ipv6PrefixAndCiscoTypeAndOtherTypes) {
  // DEFER; Cisco type 128 with 2001:db8::/32 le 64; then type 65 (CP-ORF) shown raw.
  const DecodedMessage d = refresh(
      2, {2, 128, 0, 12, 0, 0, 0, 0, 1, 0, 64, 32, 0x20, 0x01, 0x0d, 0xb8, 65, 0, 2, 0xAB, 0xCD});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t orf = orf_node(d);
  expect_node(t, only(t, orf, FieldId::RrOrfWhen), FieldId::RrOrfWhen, 23, 1, "DEFER (2)");
  const auto groups = children(t, orf, FieldId::RrOrfGroup);
  ASSERT_EQ(groups.size(), 2u);
  expect_node(t, groups[0], FieldId::RrOrfGroup, 24, 15,
              "Address Prefix ORF (Cisco, pre-standard) (128): 1 entry");
  expect_node(t, only(t, groups[0], FieldId::RrOrfEntry), FieldId::RrOrfEntry, 27, 12,
              "seq 1 permit 2001:db8::/32 le 64");
  expect_node(t, groups[1], FieldId::RrOrfGroup, 39, 5, "CP-ORF (65): 2 bytes");
  expect_node(t, only(t, groups[1], FieldId::RrOrfValue), FieldId::RrOrfValue, 42, 2, "ab cd");
}

TEST(RouteRefreshOrf, FrrRemoveAllWithUndefinedAction) {
  // tcpdump's bgp-orf: FRR sends REMOVE-ALL as 0xC0, Action 3 in RFC 5291 §4's terms.
  const DecodedMessage d = refresh(1, {2, 64, 0, 1, 0xC0});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 27, 1, Severity::Warning, Treatment::None,
                 "Action 3 is not defined (RFC 5291 §4: 0 ADD, 1 REMOVE, 2 REMOVE-ALL)");
  const std::uint32_t group = only(d.tree, orf_node(d), FieldId::RrOrfGroup);
  expect_node(d.tree, only(d.tree, group, FieldId::RrOrfEntry), FieldId::RrOrfEntry, 27, 1,
              "action 3 (undefined)");
}

TEST(RouteRefreshOrf, Errors) {
  // When-to-refresh 3; an entry cut short (7 of 8 fixed bytes).
  DecodedMessage d = refresh(1, {3, 64, 0, 7, 0, 0, 0, 0, 1, 0, 0});
  ASSERT_EQ(d.problems.size(), 2u);
  expect_problem(d.problems[0], 23, 1, Severity::Warning, Treatment::None,
                 "When-to-refresh 3 is neither 1 (IMMEDIATE) nor 2 (DEFER) (RFC 5291 §4)");
  expect_problem(d.problems[1], 27, 7, Severity::Error, Treatment::None,
                 "Address Prefix ORF entry needs at least 8 bytes");
  // Prefix length 24 with 2 prefix bytes; prefix length 33 for IPv4.
  d = refresh(1, {1, 64, 0, 10, 0, 0, 0, 0, 1, 0, 0, 24, 10, 1});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 27, 10, Severity::Error, Treatment::None,
                 "prefix length 24 needs 3 bytes of prefix, the 2 bytes left");
  d = refresh(1, {1, 64, 0, 13, 0, 0, 0, 0, 1, 0, 0, 33, 10, 1, 2, 3, 4});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 34, 1, Severity::Error, Treatment::None,
                 "prefix length 33 exceeds 32 bits (RFC 5292 §3)");
  // Length of ORFs past the message; an ORF header cut short.
  d = refresh(1, {1, 64, 0, 9, 0x80});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 27, 1, Severity::Error, Treatment::None,
                 "Length of ORFs 9 exceeds the 1 byte left in the message (RFC 5291 §4)");
  d = refresh(1, {1, 64, 0});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 24, 2, Severity::Error, Treatment::None,
                 "ORF header needs 3 bytes (ORF Type, Length of ORFs), the 2 bytes left");
}

TEST(RouteRefreshOrf, EntriesCutByTheCaptureAreShownRaw) {
  ByteVector body{0, 1, 0, 1, 1, 64, 0, 8, 0, 0, 0, 0, 1, 0, 0, 0};
  ByteVector m = gen::message(msg_type::kRouteRefresh, body);
  m.resize(m.size() - 3);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].message,
            "capture truncated: the message declares 35 bytes, the capture holds 32");
  EXPECT_TRUE(children(d.tree, orf_node(d), FieldId::RrOrfGroup).empty());
}

TEST(RouteRefreshOrf, DamagedEntriesDecodeConsistently) {
  // Each byte after the AFI overwritten with 0x00, 0x40, 0x80 and 0xFF: decode_checked holds
  // every result to the consistency rules.
  const ByteVector body{0, 2, 0, 1,  1,    64, 0,   14,   0x20, 0,   0, 0,
                        7, 0, 0, 24, 0x20, 1,  0xd, 0x80, 0xC0, 128, 0, 0};
  const ByteVector m = gen::message(msg_type::kRouteRefresh, body);
  for (std::size_t i = 21; i < m.size(); ++i) {
    for (std::uint8_t v : {0x00, 0x40, 0x80, 0xFF}) {
      ByteVector x = m;
      x[i] = v;
      decode_checked(x, PeerContext{});
    }
  }
}

TEST(RouteRefreshOrf, UnknownSubtypeIsIgnoredWithANote) {
  // RFC 7313 §5: subtype 3 is ignored by the receiver; nothing is decoded after the body.
  const DecodedMessage d = decode_checked(
      gen::message(msg_type::kRouteRefresh, ByteVector{0, 1, 3, 1, 1, 64}), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  const std::uint32_t orf = orf_node(d);
  EXPECT_TRUE(children(d.tree, orf, FieldId::RrOrfWhen).empty());
  EXPECT_EQ(d.tree.node(only(d.tree, orf, FieldId::ErrorNode)).severity, Severity::Note);
}

}  // namespace
}  // namespace bgplens

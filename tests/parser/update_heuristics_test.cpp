// What an UPDATE's layout depends on but does not say: ADD-PATH path identifiers (RFC 7911)
// and the AS number size (RFC 6793). Negotiated when the OPENs are known; otherwise guessed
// from the bytes, and the guess is shown as a note.
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
using test::negotiated;
using test::only;

constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

// ORIGIN (4), a 2-byte AS_PATH 65001 (7), NEXT_HOP (7): 18 bytes from 23, so the NLRI start
// at 41 (and withdrawn routes, if any, shift everything by their length).
std::vector<ByteVector> plain_attributes() {
  return {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("192.0.2.1")};
}

// The zero-length notes the decoder adds for its guesses.
std::vector<std::string> notes(const FieldTree& t) {
  std::vector<std::string> out;
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    if (t.node(i).field == FieldId::ErrorNode && t.node(i).severity == Severity::Note)
      out.emplace_back(t.value(i));
  }
  return out;
}

std::string context_value(const FieldTree& t, FieldId id) {
  const auto ctx = t.find_first(FieldId::Context);
  if (!ctx) return "no context node";
  const auto all = children(t, *ctx, id);
  return all.empty() ? "no such node" : std::string(t.value(all.front()));
}

TEST(UpdateAddPath, NegotiatedPathIdentifiersInWithdrawnAndNlri) {
  // Withdrawn: 00 00 00 09 | 10 c0 a8 at 21 (7 bytes); NLRI 00 00 00 07 | 18 0a 00 00 at 48.
  const ByteVector m = gen::update(
      {{gen::prefix("192.168.0.0/16", 9)}, plain_attributes(), {gen::prefix("10.0.0.0/24", 7)}});
  ASSERT_EQ(m.size(), 56u);
  const DecodedMessage d = decode_checked(m, negotiated(false, {kIpv4Unicast}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(d.nlri[0].offset, 21u);
  EXPECT_EQ(d.nlri[0].length, 7u);
  EXPECT_EQ(d.nlri[0].path_id, 9u);
  EXPECT_EQ(d.nlri[0].text, "192.168.0.0/16");
  EXPECT_EQ(d.nlri[1].offset, 48u);
  EXPECT_EQ(d.nlri[1].length, 8u);
  EXPECT_EQ(d.nlri[1].path_id, 7u);
  const FieldTree& t = d.tree;
  const auto nlri = t.find_first(FieldId::UpdateNlri);
  ASSERT_TRUE(nlri.has_value());
  const std::uint32_t p = only(t, *nlri, FieldId::Prefix);
  expect_node(t, p, FieldId::Prefix, 48, 8, "10.0.0.0/24 path 7");
  expect_node(t, only(t, p, FieldId::PathId), FieldId::PathId, 48, 4, "7");
  expect_node(t, only(t, p, FieldId::PrefixLength), FieldId::PrefixLength, 52, 1, "24");
  expect_node(t, only(t, p, FieldId::PrefixBytes), FieldId::PrefixBytes, 53, 3, "0a 00 00");
  EXPECT_TRUE(notes(t).empty());
  EXPECT_EQ(context_value(t, FieldId::ContextAddPath), "ipv4 rx — negotiated, OPENs #1 and #2");
}

TEST(UpdateAddPath, NegotiatedForAnotherFamilyOnly) {
  // ADD-PATH for IPv6 only: the IPv4 NLRI have no path identifiers, the IPv6 ones do.
  //   23 ORIGIN, 27 AS_PATH (7), 34 NEXT_HOP (7), 41 MP_REACH 80 0e 1e: value from 44, next
  //   hop 48–63, reserved 64, NLRI 00 00 00 05 | 20 20 01 0d b8 at 65; NLRI 18 0a 00 00 at 74.
  using namespace gen;
  std::vector<ByteVector> attrs = plain_attributes();
  attrs.push_back(mp_reach(kIpv6Unicast, ipv6("2001:db8::1"), {prefix("2001:db8::/32", 5)}));
  const ByteVector m = update({{}, attrs, {prefix("10.0.0.0/24")}});
  ASSERT_EQ(m.size(), 78u);
  const DecodedMessage d = decode_checked(m, negotiated(false, {kIpv6Unicast}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].family, kIpv6Unicast);
  EXPECT_EQ(d.nlri[0].offset, 65u);
  EXPECT_EQ(d.nlri[0].length, 9u);
  EXPECT_EQ(d.nlri[0].path_id, 5u);
  EXPECT_EQ(d.nlri[1].family, kIpv4Unicast);
  EXPECT_EQ(d.nlri[1].offset, 74u);
  EXPECT_EQ(d.nlri[1].length, 4u);
  EXPECT_FALSE(d.nlri[1].path_id.has_value());
  EXPECT_EQ(d.update.family_count, 2);
}

TEST(UpdateAddPath, HeuristicAbsentWhenOnlyThePlainReadingParses) {
  // 18 0a 00 00: four bytes cannot hold a path identifier and a prefix.
  const ByteVector m = gen::update({{}, plain_attributes(), {gen::prefix("10.0.0.0/24")}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_FALSE(d.nlri[0].path_id.has_value());
  EXPECT_EQ(d.nlri[0].text, "10.0.0.0/24");
  const auto n = notes(d.tree);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0],
            "ADD-PATH assumed absent (heuristic): the bytes parse only without path "
            "identifiers");
  // The note sits where the NLRI field starts, with no bytes of its own.
  const auto nlri = d.tree.find_first(FieldId::UpdateNlri);
  ASSERT_TRUE(nlri.has_value());
  const std::uint32_t note = only(d.tree, *nlri, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(note).offset, 41u);
  EXPECT_EQ(d.tree.node(note).length, 0u);
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAddPath),
            "ipv4 rx: no path identifiers — assumed (heuristic): the bytes parse only without "
            "path identifiers");
}

TEST(UpdateAddPath, HeuristicPresentWhenOnlyTheAddPathReadingParses) {
  // 00 00 00 21 18 0a 00 00: read plainly, the fourth byte is a /33.
  const ByteVector m = gen::update({{}, plain_attributes(), {gen::prefix("10.0.0.0/24", 33)}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 33u);
  EXPECT_EQ(d.nlri[0].offset, 41u);
  EXPECT_EQ(d.nlri[0].length, 8u);
  const auto n = notes(d.tree);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0],
            "ADD-PATH assumed present (heuristic): the bytes parse only with path "
            "identifiers");
}

TEST(UpdateAddPath, HeuristicPresentWhenThePlainReadingIsMostlyDefaultRoutes) {
  // 00 00 00 01 18 0a 00 00 | 00 00 00 02 18 0a 00 01 also parses plainly, as
  // /0 /0 /0 /1(18) /10(00 00) /0 /0 /0 /2(18) /10(00 01): ten prefixes, six of them /0.
  const ByteVector m = gen::update(
      {{}, plain_attributes(), {gen::prefix("10.0.0.0/24", 1), gen::prefix("10.0.1.0/24", 2)}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].path_id, 1u);
  EXPECT_EQ(d.nlri[1].path_id, 2u);
  EXPECT_EQ(d.nlri[1].text, "10.0.1.0/24");
  const auto n = notes(d.tree);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0],
            "ADD-PATH assumed present (heuristic): without path identifiers the bytes "
            "read as 6 default routes (/0) among 10 prefixes");
}

TEST(UpdateAddPath, HeuristicAbsentWhenBothReadingsParseWithoutDefaultRoutes) {
  // 18 0a 00 00 10 0a 01: with a path id, 18 0a 00 00 then a /16 in 0a 01, also fits.
  const ByteVector m = gen::update(
      {{}, plain_attributes(), {gen::prefix("10.0.0.0/24"), gen::prefix("10.1.0.0/16")}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_FALSE(d.nlri[0].path_id.has_value());
  const auto n = notes(d.tree);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0],
            "ADD-PATH assumed absent (heuristic): the bytes parse both ways; the plain "
            "reading is the likelier");
}

TEST(UpdateAddPath, OneOpenWithoutTheCapabilitySettlesIt) {
  // Only this direction's OPEN is in the capture and it offers no ADD-PATH: no guessing.
  PeerContext one;
  one.add_path_from = Provenance::OneOpen;
  one.open_sent = 3;
  const ByteVector m = gen::update({{}, plain_attributes(), {gen::prefix("10.0.0.0/24", 33)}});
  const DecodedMessage d = decode_checked(m, one);
  EXPECT_TRUE(notes(d.tree).empty());
  // Read plainly, 00 00 00 21 ... is three /0 and a /33: an error.
  ASSERT_FALSE(d.problems.empty());
  EXPECT_NE(d.problems[0].message.find("prefix length 33 exceeds 32 bits"), std::string::npos);
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAddPath),
            "none — from OPEN #3, which lacks the capability (the other OPEN is not in the "
            "capture)");
}

TEST(UpdateAs4, AggregatorOfEightBytesDecidesFourOctet) {
  using namespace gen;
  const ByteVector m = update({{},
                               {origin(0), as_path({{2, {4200000001u, 65001}}}, true),
                                aggregator(4200000001u, "10.0.0.1", true)},
                               {}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "4-byte AS numbers — assumed (heuristic): AGGREGATOR is 8 bytes");
  EXPECT_EQ(d.tree.value(*d.tree.find_first(FieldId::AsPath)), "4200000001 65001  (4-byte ASNs)");
}

TEST(UpdateAs4, AggregatorOfSixBytesDecidesTwoOctetEvenAgainstTheAsPath) {
  // The AS_PATH reads well only with 4-byte ASNs, but the 6-byte AGGREGATOR settles 2 bytes:
  // the AS_PATH is then malformed: 02 02 fa 56 ea 01 is a whole segment, and the leftover
  // fa 56 ea 02 reads as a segment of type 0xfa.
  using namespace gen;
  const ByteVector m = update({{},
                               {origin(0), as_path({{2, {4200000001u, 4200000002u}}}, true),
                                aggregator(65001, "10.0.0.1", false)},
                               {}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "2-byte AS numbers — assumed (heuristic): AGGREGATOR is 6 bytes");
  ASSERT_FALSE(d.problems.empty());
  EXPECT_EQ(d.problems[0].treatment, Treatment::TreatAsWithdraw);
  EXPECT_NE(d.problems[0].message.find("Malformed AS_PATH"), std::string::npos)
      << d.problems[0].message;
}

TEST(UpdateAs4, AsPathWellFormedOnlyWithFourByteAsns) {
  // 02 03 | fa 56 ea 01 | fa 56 ea 02 | fa 56 ea 03: read with 2-byte ASNs the segment ends
  // after 6 bytes and the next "segment" has type 0xea.
  using namespace gen;
  const ByteVector m =
      update({{}, {origin(0), as_path({{2, {4200000001u, 4200000002u, 4200000003u}}}, true)}, {}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "4-byte AS numbers — assumed (heuristic): AS_PATH is well-formed only with 4-byte AS "
            "numbers");
  // And the other way round: 02 02 fd e9 fd ea cannot hold two 4-byte ASNs.
  const ByteVector two = update({{}, {origin(0), as_path({{2, {65001, 65002}}}, false)}, {}});
  const DecodedMessage t = decode_checked(two, PeerContext{});
  EXPECT_TRUE(t.problems.empty());
  EXPECT_EQ(context_value(t.tree, FieldId::ContextAs4),
            "2-byte AS numbers — assumed (heuristic): AS_PATH is well-formed only with 2-byte AS "
            "numbers");
}

TEST(UpdateAs4, BothReadingsWellFormedAndAsZeroMeansFourOctet) {
  // 4-byte ASNs 65001 and 0x0201fde9: 02 02 | 00 00 fd e9 | 02 01 fd e9. Read with 2-byte
  // ASNs it is [0, 65001] followed by a segment (type 2, one AS 65001), also well formed —
  // but AS 0 is reserved (RFC 7607), so the 4-byte reading wins.
  using namespace gen;
  const ByteVector m = update({{}, {origin(0), as_path({{2, {65001, 0x0201FDE9}}}, true)}, {}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "4-byte AS numbers — assumed (heuristic): AS_PATH read with 2-byte AS numbers would "
            "contain AS 0");
}

TEST(UpdateAs4, BothReadingsWellFormedWithAs4PathMeansTwoOctet) {
  // Same AS_PATH bytes, but an AS4_PATH is present: only sent to 2-byte speakers
  // (RFC 6793 §4.2.2).
  using namespace gen;
  const ByteVector m = update(
      {{},
       {origin(0), as_path({{2, {65001, 0x0201FDE9}}}, true), as_path({{2, {65001}}}, true, 17)},
       {}});
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "2-byte AS numbers — assumed (heuristic): AS4_PATH is present, so the session uses "
            "2-byte AS numbers");
}

TEST(UpdateAs4, NoAsNumbersAtAll) {
  const DecodedMessage d = decode_checked(gen::update({}), PeerContext{});
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "2-byte AS numbers — assumed (heuristic): no AS numbers in this UPDATE");
}

TEST(UpdateAs4, AsPathMalformedEitherWayIsReadWithTwoByteAsnsAndStaysInBounds) {
  // 02 05 00 01 as the last bytes of the message: a segment of five ASNs with two bytes of
  // them. The heuristic must not read past the attribute (the sanitizer build checks that).
  const ByteVector bad_path{2, 5, 0, 1};
  const ByteVector m = gen::update({{}, {gen::origin(0), gen::attribute(0x40, 2, bad_path)}, {}});
  ASSERT_EQ(m.size(), 34u);  // AS_PATH at 27, value 30–33
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "2-byte AS numbers — assumed (heuristic): AS_PATH fits neither width; 2-byte "
            "assumed");
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 32, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "segment of 5 2-byte AS numbers needs 10 bytes, 2 bytes left");
}

TEST(UpdateAs4, NegotiatedSizeIsNotGuessed) {
  // A 2-byte session where the bytes would read better as 4-byte: the OPENs win.
  using namespace gen;
  const ByteVector m =
      update({{}, {origin(0), as_path({{2, {4200000001u, 4200000002u, 4200000003u}}}, true)}, {}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_EQ(context_value(d.tree, FieldId::ContextAs4),
            "2-byte AS numbers — negotiated, OPENs #1 and #2");
  ASSERT_FALSE(d.problems.empty());
  EXPECT_NE(d.problems[0].message.find("Malformed AS_PATH"), std::string::npos);
}

}  // namespace
}  // namespace bgplens

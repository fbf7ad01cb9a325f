// Malformed UPDATE messages: each error's byte range, severity and RFC 7606 treatment, its
// node in the tree, and how far decoding goes on after it (RFC 4271 §6.3, RFC 7606 §3–§7).
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
using gen::ByteWriter;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::message_node;
using test::negotiated;
using test::only;

constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

// ORIGIN (4), AS_PATH 65001 with 2-byte ASNs (7), NEXT_HOP (7): 18 bytes from 23.
std::vector<ByteVector> plain_attributes() {
  return {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("192.0.2.1")};
}

// The error node with this byte range, and the field of its parent.
struct ErrorAt {
  std::uint32_t node = 0;
  FieldId parent = FieldId::Message;
};
ErrorAt error_node(const FieldTree& t, std::uint32_t offset, std::uint32_t length) {
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    const FieldNode& n = t.node(i);
    if (n.field == FieldId::ErrorNode && n.severity >= Severity::Warning && n.offset == offset &&
        n.length == length) {
      return {i, t.node(static_cast<std::uint32_t>(n.parent)).field};
    }
  }
  ADD_FAILURE() << "no error node at " << offset << "+" << length;
  return {};
}

// An UPDATE body written as given, in a message with a correct length field.
ByteVector raw_update(const ByteVector& body) {
  return gen::message(msg_type::kUpdate, body);
}

TEST(UpdateErrors, FlagsInConflictWithTheAttributeAreTreatAsWithdraw) {
  // ORIGIN sent with Optional and Transitive set (0xc0); RFC 7606 §3.c.
  using namespace gen;
  std::vector<ByteVector> attrs = plain_attributes();
  attrs[0] = attribute(0xC0, 1, ByteVector{0});
  const ByteVector m = update({{}, attrs, {prefix("10.0.0.0/24")}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 23, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "flags 0xc0 do not match ORIGIN, which is well-known: Optional must be 0 and "
                 "Transitive 1 (NOTIFICATION 3/4 Attribute Flags Error)");
  const ErrorAt err = error_node(d.tree, 23, 1);
  EXPECT_EQ(err.parent, FieldId::Attr);
  EXPECT_NE(d.tree.value(err.node).find("RFC 7606: treat-as-withdraw."), std::string::npos);
  // The value is decoded all the same, and so is the rest of the message.
  const auto origin = d.tree.find_first(FieldId::Origin);
  ASSERT_TRUE(origin.has_value());
  expect_node(d.tree, *origin, FieldId::Origin, 26, 1, "IGP (0)");
  EXPECT_EQ(d.attributes.size(), 3u);
  EXPECT_EQ(d.update.announced, 1u);

  // MULTI_EXIT_DISC sent as well-known.
  const ByteVector med_value{0, 0, 0, 5};
  const DecodedMessage med =
      decode_checked(update({{}, {attribute(0x40, 4, med_value)}, {}}), negotiated(false));
  ASSERT_EQ(med.problems.size(), 1u);
  expect_problem(med.problems[0], 23, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "optional non-transitive: Optional must be 1 and Transitive 0");
}

TEST(UpdateErrors, DuplicateAttributeIsDiscarded) {
  // 23 ORIGIN, 27 MED 1, 34 AS_PATH, 41 NEXT_HOP, 48 MED 2 (RFC 7606 §3.g).
  using namespace gen;
  const ByteVector m =
      update({{},
              {origin(0), med(1), as_path({{2, {65001}}}, false), next_hop("192.0.2.1"), med(2)},
              {prefix("10.0.0.0/24")}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 48, 7, Severity::Warning, Treatment::AttributeDiscard,
                 "MULTI_EXIT_DISC appears more than once (RFC 7606 §3.g: all but the first are "
                 "discarded)");
  EXPECT_EQ(error_node(d.tree, 48, 7).parent, FieldId::Attr);
  ASSERT_EQ(d.attributes.size(), 5u);
  EXPECT_EQ(d.attributes[4].offset, 48u);
  EXPECT_EQ(d.update.announced, 1u);
}

TEST(UpdateErrors, DuplicateMpReachIsASessionReset) {
  // 23 ORIGIN, 27 AS_PATH (empty), 30 and 44 MP_REACH_NLRI 1/1 of 14 bytes each.
  using namespace gen;
  const ByteVector hop = ipv4("192.0.2.1");
  const ByteVector m =
      update({{},
              {origin(0), as_path({}, false), mp_reach(kIpv4Unicast, hop, {prefix("10.0.0.0/8")}),
               mp_reach(kIpv4Unicast, hop, {prefix("11.0.0.0/8")})},
              {}});
  ASSERT_EQ(m.size(), 58u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 14, Severity::Error, Treatment::SessionReset,
                 "MP_REACH_NLRI appears more than once");
  const DecodedMessage u =
      decode_checked(update({{}, {mp_unreach(kIpv6Unicast, {}), mp_unreach(kIpv6Unicast, {})}, {}}),
                     negotiated(false));
  ASSERT_EQ(u.problems.size(), 1u);
  expect_problem(u.problems[0], 29, 6, Severity::Error, Treatment::SessionReset,
                 "MP_UNREACH_NLRI appears more than once");
  EXPECT_FALSE(u.update.end_of_rib);
}

TEST(UpdateErrors, AttributeLengthOverrunningTheListIsTreatAsWithdraw) {
  // 23 ORIGIN, 27 AS_PATH, 34 NEXT_HOP, 41 COMMUNITIES c0 08 08 + 8 bytes, NLRI at 52.
  // COMMUNITIES then claims 40 bytes where 8 are left (RFC 7606 §4).
  using namespace gen;
  std::vector<ByteVector> attrs = plain_attributes();
  attrs.push_back(communities({0xFDE90064, 0xFDE90065}));
  ByteVector m = update({{}, attrs, {prefix("10.0.0.0/24")}});
  ASSERT_EQ(m.size(), 56u);
  ASSERT_EQ(m[43], 8);
  m[43] = 40;
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 8, Severity::Error, Treatment::TreatAsWithdraw,
                 "attribute length 40 exceeds the 8 bytes left (NOTIFICATION 3/1 Malformed "
                 "Attribute List)");
  // The attribute covers the bytes that are there; the error node is inside it.
  ASSERT_EQ(d.attributes.size(), 4u);
  EXPECT_EQ(d.attributes[3].code, 8u);
  EXPECT_EQ(d.attributes[3].offset, 41u);
  EXPECT_EQ(d.attributes[3].length, 11u);
  const ErrorAt err = error_node(d.tree, 44, 8);
  EXPECT_EQ(err.parent, FieldId::Attr);
  const auto attr = d.tree.node(err.node).parent;
  EXPECT_EQ(d.tree.node(static_cast<std::uint32_t>(attr)).offset, 41u);
  EXPECT_EQ(d.tree.node(static_cast<std::uint32_t>(attr)).length, 11u);
  EXPECT_EQ(d.tree.value(only(d.tree, static_cast<std::uint32_t>(attr), FieldId::AttrLength)),
            "40");
  // The Total Path Attribute Length still locates the NLRI.
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].offset, 52u);
  EXPECT_EQ(d.nlri[0].length, 4u);
  EXPECT_EQ(d.update.announced, 1u);
}

TEST(UpdateErrors, AttributeHeaderCutShortIsTreatAsWithdraw) {
  // ORIGIN, then 40 02: two bytes where a header needs three (RFC 7606 §4). The NLRI still
  // decode, and then AS_PATH and NEXT_HOP are missing.
  using namespace gen;
  const ByteVector m = update({{}, {origin(0), ByteVector{0x40, 0x02}}, {prefix("10.0.0.0/24")}});
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 3u);
  expect_problem(d.problems[0], 27, 2, Severity::Error, Treatment::TreatAsWithdraw,
                 "attribute header needs 3 bytes, 2 bytes left (NOTIFICATION 3/1 Malformed "
                 "Attribute List)");
  EXPECT_EQ(error_node(d.tree, 27, 2).parent, FieldId::UpdateAttrs);
  expect_problem(d.problems[1], 23, 6, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute AS_PATH");
  expect_problem(d.problems[2], 23, 6, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute NEXT_HOP");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].offset, 29u);

  // With Extended Length, four bytes are needed.
  const DecodedMessage e =
      decode_checked(update({{}, {ByteVector{0x50, 0x02, 0x00}}, {}}), negotiated(false));
  ASSERT_EQ(e.problems.size(), 1u);
  expect_problem(e.problems[0], 23, 3, Severity::Error, Treatment::TreatAsWithdraw,
                 "attribute header needs 4 bytes, 3 bytes left");
}

TEST(UpdateErrors, AttributeValueLengthErrors) {
  using namespace gen;
  struct Case {
    ByteVector attribute;
    Treatment treatment;
    const char* text;
  };
  // Each attribute at 23, value from 26 (RFC 7606 §7.1–§7.8).
  const std::vector<Case> cases = {
      {attribute(0x40, 1, ByteVector{0, 0}), Treatment::TreatAsWithdraw,
       "ORIGIN length 2 is not 1 (NOTIFICATION 3/5 Attribute Length Error)"},
      {attribute(0x40, 3, ByteVector{1, 2, 3, 4, 5}), Treatment::TreatAsWithdraw,
       "NEXT_HOP length 5 is not 4"},
      {attribute(0x80, 4, ByteVector{1, 2}), Treatment::TreatAsWithdraw,
       "MULTI_EXIT_DISC length 2 is not 4"},
      {attribute(0x40, 5, ByteVector{1, 2, 3}), Treatment::TreatAsWithdraw,
       "LOCAL_PREF length 3 is not 4"},
      {attribute(0x40, 6, ByteVector{1}), Treatment::AttributeDiscard,
       "ATOMIC_AGGREGATE length 1 is not 0"},
      {attribute(0xC0, 8, ByteVector{1, 2, 3, 4, 5}), Treatment::TreatAsWithdraw,
       "COMMUNITIES length 5 is not a multiple of 4"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const DecodedMessage d = decode_checked(update({{}, {c.attribute}, {}}), negotiated(false));
    ASSERT_EQ(d.problems.size(), 1u);
    expect_problem(d.problems[0], 26, static_cast<std::uint32_t>(c.attribute.size() - 3),
                   Severity::Error, c.treatment, c.text);
    EXPECT_EQ(error_node(d.tree, 26, static_cast<std::uint32_t>(c.attribute.size() - 3)).parent,
              FieldId::Attr);
  }
}

TEST(UpdateErrors, InvalidOriginValue) {
  const DecodedMessage d =
      decode_checked(gen::update({{}, {gen::origin(3)}, {}}), negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 26, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "ORIGIN value 3 is not 0, 1 or 2 (NOTIFICATION 3/6 Invalid ORIGIN Attribute)");
  expect_node(d.tree, *d.tree.find_first(FieldId::Origin), FieldId::Origin, 26, 1,
              "unassigned (3)");
}

TEST(UpdateErrors, MalformedAsPathSegments) {
  using namespace gen;
  // Segment type 5 and a segment of no ASNs; AS_PATH at 23, value from 26 (RFC 7606 §7.2).
  const ByteVector bad_type{5, 1, 0xFD, 0xE9};
  const DecodedMessage t =
      decode_checked(update({{}, {attribute(0x40, 2, bad_type)}, {}}), negotiated(false));
  ASSERT_EQ(t.problems.size(), 1u);
  expect_problem(t.problems[0], 26, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "segment type 5 is not 1–4");
  EXPECT_EQ(error_node(t.tree, 26, 1).parent, FieldId::AsPathSegment);

  const ByteVector empty_segment{2, 0};
  const DecodedMessage e =
      decode_checked(update({{}, {attribute(0x40, 2, empty_segment)}, {}}), negotiated(false));
  ASSERT_EQ(e.problems.size(), 1u);
  expect_problem(e.problems[0], 27, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "segment with no AS numbers");

  // A malformed AS4_PATH is discarded rather than withdrawn (RFC 6793 §6).
  const ByteVector bad_as4{2, 2, 0, 0, 0xFD, 0xE9};
  const DecodedMessage a =
      decode_checked(update({{}, {attribute(0xC0, 17, bad_as4)}, {}}), negotiated(false));
  ASSERT_EQ(a.problems.size(), 1u);
  expect_problem(a.problems[0], 28, 4, Severity::Error, Treatment::AttributeDiscard,
                 "segment of 2 4-byte AS numbers needs 8 bytes, 4 bytes left");
}

TEST(UpdateErrors, PrefixLengthOverThirtyTwoStopsTheNlri) {
  // NLRI at 41: 18 0a 00 00, then 10 0a 01 with its length byte at 45 made 33.
  using namespace gen;
  ByteVector m = update({{}, plain_attributes(), {prefix("10.0.0.0/24"), prefix("10.1.0.0/16")}});
  ASSERT_EQ(m.size(), 48u);
  ASSERT_EQ(m[45], 16);
  m[45] = 33;
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 45, 1, Severity::Error, Treatment::SessionReset,
                 "prefix length 33 exceeds 32 bits (RFC 7606 §5.3: NOTIFICATION 3/10 Invalid "
                 "Network Field)");
  EXPECT_EQ(error_node(d.tree, 45, 1).parent, FieldId::UpdateNlri);
  // The prefix before it is decoded and counted; nothing after it is.
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "10.0.0.0/24");
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], kIpv4Unicast);
}

TEST(UpdateErrors, PrefixNeedingMoreBytesThanAreLeft) {
  // NLRI 18 0a 00 at 41: a /24 needs 3 address bytes, 2 are left.
  ByteVector body{0, 0, 0, 18};
  for (const ByteVector& a : plain_attributes())
    body.insert(body.end(), a.begin(), a.end());
  body.insert(body.end(), {0x18, 0x0A, 0x00});
  const ByteVector m = raw_update(body);
  ASSERT_EQ(m.size(), 44u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 41, 3, Severity::Error, Treatment::SessionReset,
                 "a /24 prefix needs 3 bytes, 2 bytes left (RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

TEST(UpdateErrors, BadWithdrawnPrefixIsASessionReset) {
  // Withdrawn routes 28 0a (a /40) at 21; the attributes and NLRI after them still decode.
  using namespace gen;
  ByteVector m = update({{prefix("10.0.0.0/8")}, plain_attributes(), {prefix("10.1.0.0/16")}});
  m[21] = 40;
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 1, Severity::Error, Treatment::SessionReset,
                 "prefix length 40 exceeds 32 bits");
  EXPECT_EQ(error_node(d.tree, 21, 1).parent, FieldId::UpdateWithdrawn);
  EXPECT_EQ(d.update.withdrawn, 0u);
  EXPECT_EQ(d.update.announced, 1u);
  EXPECT_EQ(d.attributes.size(), 3u);
}

TEST(UpdateErrors, MissingWellKnownAttributesWithNlri) {
  using namespace gen;
  // Only ORIGIN (23–26) with an IPv4 NLRI: AS_PATH and NEXT_HOP are missing, each reported
  // over the attribute list (RFC 7606 §3.d).
  const DecodedMessage d =
      decode_checked(update({{}, {origin(0)}, {prefix("10.0.0.0/24")}}), negotiated(false));
  ASSERT_EQ(d.problems.size(), 2u);
  expect_problem(d.problems[0], 23, 4, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute AS_PATH (NOTIFICATION 3/3 Missing Well-known "
                 "Attribute)");
  expect_problem(d.problems[1], 23, 4, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute NEXT_HOP");
  EXPECT_EQ(error_node(d.tree, 23, 4).parent, FieldId::Message);
  EXPECT_EQ(d.update.announced, 1u);

  // No attributes at all: all three, at the (empty) attribute list.
  const DecodedMessage none =
      decode_checked(update({{}, {}, {prefix("10.0.0.0/24")}}), negotiated(false));
  ASSERT_EQ(none.problems.size(), 3u);
  expect_problem(none.problems[0], 23, 0, Severity::Error, Treatment::TreatAsWithdraw,
                 "missing well-known attribute ORIGIN");

  // MP_REACH_NLRI routes need ORIGIN and AS_PATH but not NEXT_HOP (RFC 4760 §3).
  const DecodedMessage mp = decode_checked(
      update({{}, {mp_reach(kIpv6Unicast, ipv6("2001:db8::1"), {prefix("2001:db8::/32")})}, {}}),
      negotiated(false));
  ASSERT_EQ(mp.problems.size(), 2u);
  EXPECT_NE(mp.problems[0].message.find("ORIGIN"), std::string::npos);
  EXPECT_NE(mp.problems[1].message.find("AS_PATH"), std::string::npos);

  // Withdrawals alone need nothing.
  EXPECT_TRUE(decode_checked(update({{prefix("10.0.0.0/24")}, {}, {}}), negotiated(false))
                  .problems.empty());
}

TEST(UpdateErrors, WithdrawnLengthOverrunningTheMessageIsASessionReset) {
  // Withdrawn Routes Length 100 with 9 bytes after it: at most 7 can be withdrawn routes, as
  // the Total Path Attribute Length needs 2 (RFC 7606 §5.3: the fields cannot be located).
  ByteVector body{0, 100};
  body.insert(body.end(), 9, 0x00);
  const ByteVector m = raw_update(body);
  ASSERT_EQ(m.size(), 30u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 2u);
  expect_problem(d.problems[0], 19, 2, Severity::Error, Treatment::SessionReset,
                 "withdrawn routes length 100 exceeds the 7 bytes left before the attribute "
                 "length");
  expect_problem(d.problems[1], 21, 9, Severity::Error, Treatment::None,
                 "9 bytes after the withdrawn routes length");
  const std::uint32_t msg = message_node(d.tree);
  expect_node(d.tree, only(d.tree, msg, FieldId::TrailingBytes), FieldId::TrailingBytes, 21, 9,
              "00 00 00 00 00 00 00 00 00");
  EXPECT_TRUE(children(d.tree, msg, FieldId::UpdateAttrs).empty());
  // Nothing else was decoded.
  EXPECT_EQ(d.update.withdrawn, 0u);
}

TEST(UpdateErrors, TotalAttributeLengthOverrunningTheMessageIsASessionReset) {
  // Total Path Attribute Length 50 with 11 bytes left: ORIGIN (4) and MED (7). The attributes
  // that are there are still shown.
  ByteWriter body;
  body.u16(0).u16(50).bytes(gen::origin(0)).bytes(gen::med(5));
  const ByteVector m = raw_update(body.data());
  ASSERT_EQ(m.size(), 34u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 2, Severity::Error, Treatment::SessionReset,
                 "total path attribute length 50 exceeds the 11 bytes left");
  ASSERT_EQ(d.attributes.size(), 2u);
  EXPECT_EQ(d.attributes[0].offset, 23u);
  EXPECT_EQ(d.attributes[1].offset, 27u);
  const auto attrs = d.tree.find_first(FieldId::UpdateAttrs);
  ASSERT_TRUE(attrs.has_value());
  EXPECT_EQ(d.tree.node(*attrs).offset, 23u);
  EXPECT_EQ(d.tree.node(*attrs).length, 11u);
}

}  // namespace
}  // namespace bgplens

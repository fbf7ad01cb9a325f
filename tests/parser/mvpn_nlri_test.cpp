// MCAST-VPN NLRI (RFC 6514 §4): every route type, wildcards (RFC 6625), a Leaf A-D route with
// its nested Route Key, unknown route types, and malformed routes. The C-multicast and Source
// Active routes are ExaBGP's (conf-mvpn). Offsets: see nlri_test_messages.h (NLRI at 42).
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

constexpr Family kMvpn4{1, 5};
constexpr Family kMvpn6{2, 5};

ByteVector join(std::initializer_list<ByteVector> parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

const ByteVector kRd99999 = {0x00, 0x00, 0xfd, 0xe8, 0x00, 0x01, 0x86, 0x9f};  // 65000:99999
const ByteVector kRd1 = {0x00, 0x00, 0xfd, 0xe8, 0x00, 0x00, 0x00, 0x01};      // 65000:1

TEST(MvpnNlri, CMulticastJoins) {
  const ByteVector nlri = join({{0x06, 0x16},
                                kRd99999,
                                {0x00, 0x00, 0xfd, 0xe8, 0x20, 0x0a, 0x63, 0xc7, 0x01},
                                {0x20, 0xef, 0xfb, 0xff, 0xe4},
                                {0x07, 0x16},
                                kRd99999,
                                {0x00, 0x00, 0xfd, 0xe8, 0x20, 0x0a, 0x63, 0x0c, 0x02},
                                {0x20, 0xef, 0xfb, 0xff, 0xe4}});
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text,
            "C-multicast Shared Tree Join RD 65000:99999 source AS 65000 (10.99.199.1, "
            "239.251.255.228)");
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 24u);
  EXPECT_EQ(d.nlri[1].text,
            "C-multicast Source Tree Join RD 65000:99999 source AS 65000 (10.99.12.2, "
            "239.251.255.228)");
  EXPECT_EQ(d.nlri[1].offset, 66u);

  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MvpnRouteType), FieldId::MvpnRouteType, 42, 1,
              "C-multicast Shared Tree Join (6)");
  expect_node(t, only(t, p, FieldId::MvpnLength), FieldId::MvpnLength, 43, 1, "22");
  expect_node(t, only(t, p, FieldId::Rd), FieldId::Rd, 44, 8, "65000:99999");
  expect_node(t, only(t, p, FieldId::MvpnSourceAs), FieldId::MvpnSourceAs, 52, 4, "65000");
  expect_node(t, only(t, p, FieldId::MvpnSourceLength), FieldId::MvpnSourceLength, 56, 1, "32");
  expect_node(t, only(t, p, FieldId::MvpnSource), FieldId::MvpnSource, 57, 4, "10.99.199.1");
  expect_node(t, only(t, p, FieldId::MvpnGroupLength), FieldId::MvpnGroupLength, 61, 1, "32");
  expect_node(t, only(t, p, FieldId::MvpnGroup), FieldId::MvpnGroup, 62, 4, "239.251.255.228");
}

TEST(MvpnNlri, IntraAsAndInterAsIPmsiAutoDiscovery) {
  const ByteVector nlri = join(
      {{0x01, 0x0c}, kRd1, {0x0a, 0x00, 0x00, 0x01}, {0x02, 0x0c}, kRd1, {0x00, 0x00, 0xfd, 0xe9}});
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "Intra-AS I-PMSI A-D RD 65000:1 originator 10.0.0.1");
  EXPECT_EQ(d.nlri[1].text, "Inter-AS I-PMSI A-D RD 65000:1 source AS 65001");
  EXPECT_EQ(d.nlri[1].offset, 56u);
  const FieldTree& t = d.tree;
  expect_node(t, only(t, nlri_nodes(t).at(0), FieldId::MvpnOriginator), FieldId::MvpnOriginator, 52,
              4, "10.0.0.1");
}

// An S-PMSI A-D route for (*, 224.0.0.1) (RFC 6625 §4: source length 0) from 10.0.0.1.
const ByteVector kSpmsi =
    join({{0x03, 0x12}, kRd1, {0x00, 0x20, 0xe0, 0x00, 0x00, 0x01}, {0x0a, 0x00, 0x00, 0x01}});

TEST(MvpnNlri, SPmsiWithAWildcardSource) {
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, kSpmsi), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "S-PMSI A-D RD 65000:1 (*, 224.0.0.1) originator 10.0.0.1");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MvpnSourceLength), FieldId::MvpnSourceLength, 52, 1,
              "0 (wildcard)");
  EXPECT_TRUE(test::children(t, p, FieldId::MvpnSource).empty());
  expect_node(t, only(t, p, FieldId::MvpnGroup), FieldId::MvpnGroup, 54, 4, "224.0.0.1");
  expect_node(t, only(t, p, FieldId::MvpnOriginator), FieldId::MvpnOriginator, 58, 4, "10.0.0.1");
}

TEST(MvpnNlri, LeafAutoDiscoveryWithItsRouteKey) {
  const ByteVector nlri = join({{0x04, 0x18}, kSpmsi, {0x0a, 0x00, 0x00, 0x02}});
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "Leaf A-D [S-PMSI A-D RD 65000:1 (*, 224.0.0.1) originator 10.0.0.1] originator "
            "10.0.0.2");
  EXPECT_EQ(d.nlri[0].length, 26u);
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  const std::uint32_t key = only(t, p, FieldId::MvpnRouteKey);
  expect_node(t, key, FieldId::MvpnRouteKey, 44, 20,
              "S-PMSI A-D RD 65000:1 (*, 224.0.0.1) originator 10.0.0.1");
  expect_node(t, only(t, key, FieldId::MvpnRouteType), FieldId::MvpnRouteType, 44, 1,
              "S-PMSI A-D (3)");
  expect_node(t, only(t, key, FieldId::MvpnLength), FieldId::MvpnLength, 45, 1, "18");
  expect_node(t, only(t, key, FieldId::Rd), FieldId::Rd, 46, 8, "65000:1");
  expect_node(t, only(t, p, FieldId::MvpnOriginator), FieldId::MvpnOriginator, 64, 4, "10.0.0.2");
}

TEST(MvpnNlri, SourceActiveIpv6) {
  ByteVector source(16, 0);
  source[0] = 0xfd;
  source[1] = 0x12;
  source[15] = 0x04;
  ByteVector group(16, 0);
  group[0] = 0xff;
  group[1] = 0x0e;
  group[15] = 0x01;
  const ByteVector nlri = join({{0x05, 0x2a}, kRd99999, {0x80}, source, {0x80}, group});
  const DecodedMessage d = decode_checked(reach_update(kMvpn6, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "Source Active A-D RD 65000:99999 (fd12::4, ff0e::1)");
  EXPECT_EQ(d.nlri[0].family, kMvpn6);
  EXPECT_EQ(d.nlri[0].length, 44u);
}

TEST(MvpnNlri, UnknownRouteTypeIsShownAsBytes) {
  const DecodedMessage d =
      decode_checked(reach_update(kMvpn4, {0x09, 0x03, 0xaa, 0xbb, 0xcc}), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "route type 9: aabbcc");
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, only(t, p, FieldId::MvpnRouteType), FieldId::MvpnRouteType, 42, 1,
              "unassigned (9)");
  expect_node(t, only(t, p, FieldId::MvpnData), FieldId::MvpnData, 44, 3, "aa bb cc");
}

TEST(MvpnNlri, BytesAfterTheLastFieldMakeTheRouteMalformed) {
  const ByteVector nlri = join({{0x02, 0x0d},
                                kRd1,
                                {0x00, 0x00, 0xfd, 0xe9, 0xff},
                                {0x01, 0x0c},
                                kRd1,
                                {0x0a, 0x00, 0x00, 0x01}});
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 13, Severity::Error, Treatment::AfiSafiDisable,
                 "Inter-AS I-PMSI A-D route of 13 bytes: 1 byte after its last field (RFC 6514 "
                 "§4.2, RFC 7606 §5.3)");
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "Inter-AS I-PMSI A-D RD 65000:1 source AS 65001 (malformed)");
  EXPECT_EQ(d.nlri[1].offset, 57u);
  EXPECT_EQ(d.nlri[1].text, "Intra-AS I-PMSI A-D RD 65000:1 originator 10.0.0.1");
}

TEST(MvpnNlri, MulticastSourceLengthMustBeAnAddressOrWildcard) {
  const ByteVector nlri = join({{0x05, 0x0c}, kRd1, {0x18, 0x0a, 0x00, 0x00}});
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 12, Severity::Error, Treatment::AfiSafiDisable,
                 "Source Active A-D route of 12 bytes: multicast source length 24 bits is not "
                 "32, 128 or 0 (wildcard, RFC 6625 §4) (RFC 6514 §4.5, RFC 7606 §5.3)");
}

TEST(MvpnNlri, OriginatorOfNeitherFourNorSixteenBytes) {
  const ByteVector nlri = join({{0x01, 0x0d}, kRd1, {0x0a, 0x00, 0x00, 0x01, 0x02}});
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 44, 13, Severity::Error, Treatment::AfiSafiDisable,
                 "Intra-AS I-PMSI A-D route of 13 bytes: the 5 bytes after its other fields are "
                 "not an IPv4 or IPv6 Originating Router's IP Address (RFC 6514 §4.1, RFC 7606 "
                 "§5.3)");
}

TEST(MvpnNlri, RouteLengthPastTheEndOfTheField) {
  const DecodedMessage d =
      decode_checked(reach_update(kMvpn4, {0x06, 0x16, 0x00, 0x00}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 4, Severity::Error, Treatment::AfiSafiDisable,
                 "route length 22 exceeds the 2 bytes left (RFC 6514 §4, RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

TEST(MvpnNlri, LeafRouteKeysThreeDeepAreShownAsBytes) {
  // Leaf A-D routes keyed by Leaf A-D routes: past two levels of keys, a Leaf A-D key is raw.
  const ByteVector a = join({{0x04, 0x18}, kSpmsi, {0x0a, 0x00, 0x00, 0x02}});  // 26 bytes
  const ByteVector b = join({{0x04, 0x1e}, a, {0x0a, 0x00, 0x00, 0x03}});       // 32
  const ByteVector c = join({{0x04, 0x24}, b, {0x0a, 0x00, 0x00, 0x04}});       // 38
  const ByteVector outer = join({{0x04, 0x2a}, c, {0x0a, 0x00, 0x00, 0x05}});   // 44
  const DecodedMessage d = decode_checked(reach_update(kMvpn4, outer), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "Leaf A-D [Leaf A-D [Leaf A-D [Leaf A-D] originator 10.0.0.3] originator 10.0.0.4] "
            "originator 10.0.0.5");
  // The raw key: a's 26 bytes from 50 (outer 42+2, c's header, b's header).
  const FieldTree& t = d.tree;
  const auto data = t.find_first(FieldId::MvpnData);
  ASSERT_TRUE(data.has_value());
  expect_node(t, *data, FieldId::MvpnData, 50, 24,
              "03 12 00 00 fd e8 00 00 00 01 00 20 e0 00 00 01 0a 00 00 01 0a 00 00 02");
}

}  // namespace
}  // namespace bgplens

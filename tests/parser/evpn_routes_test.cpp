// EVPN route types 1–11 (RFC 7432 §7, RFC 9136 §3.1, RFC 9251 §9, RFC 9572 §3) and the ESI
// types (RFC 7432 §5), each checked field by field against bytes built by hand.
//
// Layout of the UPDATEs built by announce(): ORIGIN at 23 (4 bytes), an empty AS_PATH at 27
// (3 bytes), MP_REACH_NLRI at 30 with the extended-length flag: flags 30, code 31, length
// 32–33, AFI 34–35, SAFI 36, Next Hop Length 37, Next Hop 38–41, Reserved 42, NLRI from 43.
#include <gtest/gtest.h>

#include <string>
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
using test::negotiated;
using test::only;

constexpr Family kEvpn{afi::kL2vpn, 70};
constexpr std::uint32_t kNlri = 43;

ByteVector cat(std::initializer_list<ByteVector> parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

ByteVector announce(const ByteVector& nlri) {
  const ByteVector value = cat({{0, 25, 70, 4, 192, 0, 2, 1, 0}, nlri});
  return gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::attribute(0x90, 14, value)}, {}});
}

const ByteVector kRd65000_1{0, 0, 0xfd, 0xe8, 0, 0, 0, 1};
const ByteVector kEsiZero(10, 0);
const ByteVector kTag0{0, 0, 0, 0};
const ByteVector kOriginator{32, 10, 0, 0, 1};

// The one route of the message: its node, checked against its NLRI entry.
std::uint32_t single_route(const DecodedMessage& d, std::uint32_t length, std::string_view text) {
  EXPECT_TRUE(d.problems.empty()) << (d.problems.empty() ? "" : d.problems[0].message);
  EXPECT_EQ(d.update.announced, 1u);
  EXPECT_EQ(d.update.family_count, 1);
  EXPECT_EQ(d.update.families[0], kEvpn);
  EXPECT_EQ(d.nlri.size(), 1u);
  if (d.nlri.size() == 1) {
    EXPECT_EQ(d.nlri[0].family, kEvpn);
    EXPECT_EQ(d.nlri[0].offset, kNlri);
    EXPECT_EQ(d.nlri[0].length, length);
    EXPECT_FALSE(d.nlri[0].plain_prefix);
    EXPECT_FALSE(d.nlri[0].path_id.has_value());
    EXPECT_EQ(d.nlri[0].text, text);
  }
  const auto route = d.tree.find_first(FieldId::EvpnNlri);
  EXPECT_TRUE(route.has_value());
  if (!route) return 0;
  expect_node(d.tree, *route, FieldId::EvpnNlri, kNlri, length, text);
  return *route;
}

TEST(EvpnRoutes, EthernetAutoDiscovery) {
  // RFC 7432 §7.1. ESI type 0, Ethernet Tag MAX-ET, label entry 0x000641: label 100, TC 0,
  // bottom of stack; read whole as VNI 1601.
  const ByteVector esi{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99};
  const ByteVector m =
      announce(cat({{1, 25}, kRd65000_1, esi, {0xff, 0xff, 0xff, 0xff}, {0x00, 0x06, 0x41}}));
  const DecodedMessage d = decode_checked(m, negotiated(true));
  const FieldTree& t = d.tree;
  const std::uint32_t r = single_route(
      d, 27,
      "[1] RD 65000:1 ESI 00:11:22:33:44:55:66:77:88:99 tag 4294967295 label 100 (VNI 1601)");
  expect_node(t, only(t, r, FieldId::EvpnRouteType), FieldId::EvpnRouteType, 43, 1,
              "Ethernet Auto-Discovery (1)");
  expect_node(t, only(t, r, FieldId::EvpnRouteLength), FieldId::EvpnRouteLength, 44, 1, "25");
  expect_node(t, only(t, r, FieldId::Rd), FieldId::Rd, 45, 8, "65000:1");
  const std::uint32_t e = only(t, r, FieldId::EvpnEsi);
  expect_node(t, e, FieldId::EvpnEsi, 53, 10, "00:11:22:33:44:55:66:77:88:99 (arbitrary)");
  expect_node(t, only(t, e, FieldId::EvpnEsiType), FieldId::EvpnEsiType, 53, 1, "arbitrary (0)");
  expect_node(t, only(t, e, FieldId::EvpnEsiValue), FieldId::EvpnEsiValue, 54, 9,
              "112233445566778899");
  expect_node(t, only(t, r, FieldId::EvpnEthernetTag), FieldId::EvpnEthernetTag, 63, 4,
              "4294967295 (MAX-ET)");
  const std::uint32_t l = only(t, r, FieldId::EvpnLabel1);
  expect_node(t, l, FieldId::EvpnLabel1, 67, 3, "100 (VNI 1601)");
  expect_node(t, only(t, l, FieldId::LabelValue), FieldId::LabelValue, 67, 3, "100", 0xFFFFF0);
  expect_node(t, only(t, l, FieldId::LabelTc), FieldId::LabelTc, 67, 3, "0", 0x0E);
  expect_node(t, only(t, l, FieldId::LabelBottom), FieldId::LabelBottom, 67, 3, "1", 0x01);
  expect_node(t, only(t, l, FieldId::EvpnVni), FieldId::EvpnVni, 67, 3, "1601", 0xFFFFFF);
  // The label/VNI ambiguity is noted on the first label of the field.
  const std::uint32_t note = only(t, l, FieldId::ErrorNode);
  EXPECT_EQ(t.node(note).severity, Severity::Note);
  EXPECT_NE(std::string(t.value(note)).find("RFC 8365 §5.1.3"), std::string::npos);
}

TEST(EvpnRoutes, MacIpAdvertisementWithIpv4AndOneLabel) {
  // RFC 7432 §7.2: 8 + 10 + 4 + 1 + 6 + 1 + 4 + 3 = 37 octets.
  const ByteVector m = announce(cat({{2, 37},
                                     kRd65000_1,
                                     kEsiZero,
                                     {0, 0, 0, 100},
                                     {48, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff},
                                     {32, 10, 0, 0, 1},
                                     {0x00, 0x06, 0x40}}));
  const DecodedMessage d = decode_checked(m, negotiated(true));
  const FieldTree& t = d.tree;
  const std::uint32_t r = single_route(
      d, 39, "[2] RD 65000:1 ESI 0 tag 100 MAC aa:bb:cc:dd:ee:ff IP 10.0.0.1 label 100 (VNI 1600)");
  expect_node(t, only(t, r, FieldId::EvpnEsi), FieldId::EvpnEsi, 53, 10, "0 (single-homed site)");
  expect_node(t, only(t, r, FieldId::EvpnEthernetTag), FieldId::EvpnEthernetTag, 63, 4, "100");
  expect_node(t, only(t, r, FieldId::EvpnMacLength), FieldId::EvpnMacLength, 67, 1, "48");
  expect_node(t, only(t, r, FieldId::EvpnMac), FieldId::EvpnMac, 68, 6, "aa:bb:cc:dd:ee:ff");
  expect_node(t, only(t, r, FieldId::EvpnIpLength), FieldId::EvpnIpLength, 74, 1, "32");
  expect_node(t, only(t, r, FieldId::EvpnIp), FieldId::EvpnIp, 75, 4, "10.0.0.1");
  expect_node(t, only(t, r, FieldId::EvpnLabel1), FieldId::EvpnLabel1, 79, 3, "100 (VNI 1600)");
  EXPECT_TRUE(children(t, r, FieldId::EvpnLabel2).empty());
}

TEST(EvpnRoutes, MacIpAdvertisementWithIpv6AndTwoLabels) {
  // GoBGP's labels 10010 and 20020 (raw 24-bit numbers): 00 27 1a and 00 4e 34, i.e. MPLS
  // labels 625 and 1251. RD type 1 1.1.1.1:1. 33 + 16 + 3 = 52 octets.
  const ByteVector ip{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
  const ByteVector m = announce(cat({{2, 52},
                                     {0, 1, 1, 1, 1, 1, 0, 1},
                                     kEsiZero,
                                     {0, 0, 0, 5},
                                     {48, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x02},
                                     {128},
                                     ip,
                                     {0x00, 0x27, 0x1a},
                                     {0x00, 0x4e, 0x34}}));
  const DecodedMessage d = decode_checked(m, negotiated(true));
  const FieldTree& t = d.tree;
  const std::uint32_t r =
      single_route(d, 54,
                   "[2] RD 1.1.1.1:1 ESI 0 tag 5 MAC aa:bb:cc:dd:ee:02 IP "
                   "2001:db8::10 label 625 (VNI 10010) label2 1251 (VNI 20020)");
  expect_node(t, only(t, r, FieldId::EvpnIpLength), FieldId::EvpnIpLength, 74, 1, "128");
  expect_node(t, only(t, r, FieldId::EvpnIp), FieldId::EvpnIp, 75, 16, "2001:db8::10");
  expect_node(t, only(t, r, FieldId::EvpnLabel1), FieldId::EvpnLabel1, 91, 3, "625 (VNI 10010)");
  const std::uint32_t l2 = only(t, r, FieldId::EvpnLabel2);
  expect_node(t, l2, FieldId::EvpnLabel2, 94, 3, "1251 (VNI 20020)");
  expect_node(t, only(t, l2, FieldId::LabelTc), FieldId::LabelTc, 94, 3, "2", 0x0E);
  // One note per NLRI field, on its first label.
  EXPECT_TRUE(children(t, l2, FieldId::ErrorNode).empty());
}

TEST(EvpnRoutes, MacOnlyAdvertisement) {
  // IP Address Length 0: no address (33 octets).
  const ByteVector m = announce(cat({{2, 33},
                                     kRd65000_1,
                                     kEsiZero,
                                     kTag0,
                                     {48, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x03},
                                     {0},
                                     {0x00, 0x27, 0x1a}}));
  const DecodedMessage d = decode_checked(m, negotiated(true));
  const std::uint32_t r =
      single_route(d, 35, "[2] RD 65000:1 ESI 0 tag 0 MAC aa:bb:cc:dd:ee:03 label 625 (VNI 10010)");
  expect_node(d.tree, only(d.tree, r, FieldId::EvpnIpLength), FieldId::EvpnIpLength, 74, 1, "0");
  EXPECT_TRUE(children(d.tree, r, FieldId::EvpnIp).empty());
  expect_node(d.tree, only(d.tree, r, FieldId::EvpnLabel1), FieldId::EvpnLabel1, 75, 3,
              "625 (VNI 10010)");
}

TEST(EvpnRoutes, InclusiveMulticastEthernetTag) {
  // RFC 7432 §7.3, RD type 2 4200000001:5 (00 02 fa 56 ea 01 00 05).
  const ByteVector rd2{0, 2, 0xfa, 0x56, 0xea, 0x01, 0, 5};
  const DecodedMessage v4 =
      decode_checked(announce(cat({{3, 17}, rd2, kTag0, {32, 10, 0, 0, 5}})), negotiated(true));
  const std::uint32_t r = single_route(v4, 19, "[3] RD 4200000001:5 tag 0 originator 10.0.0.5");
  expect_node(v4.tree, only(v4.tree, r, FieldId::EvpnOriginatorLength),
              FieldId::EvpnOriginatorLength, 57, 1, "32");
  expect_node(v4.tree, only(v4.tree, r, FieldId::EvpnOriginator), FieldId::EvpnOriginator, 58, 4,
              "10.0.0.5");

  const ByteVector ip{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  const DecodedMessage v6 =
      decode_checked(announce(cat({{3, 29}, kRd65000_1, kTag0, {128}, ip})), negotiated(true));
  const std::uint32_t r6 = single_route(v6, 31, "[3] RD 65000:1 tag 0 originator 2001:db8::1");
  expect_node(v6.tree, only(v6.tree, r6, FieldId::EvpnOriginator), FieldId::EvpnOriginator, 58, 16,
              "2001:db8::1");
}

TEST(EvpnRoutes, IpPrefixIpv4AndIpv6) {
  // RFC 9136 §3.1: the route length (34 or 58) gives the address family. Label 00 13 88:
  // MPLS label 312, VNI 5000.
  const ByteVector rd{0, 0, 0xfd, 0xe8, 0, 0, 0, 2};
  const DecodedMessage v4 = decode_checked(
      announce(
          cat({{5, 34}, rd, kEsiZero, kTag0, {24, 10, 20, 0, 0}, {10, 0, 0, 1}, {0, 0x13, 0x88}})),
      negotiated(true));
  const FieldTree& t = v4.tree;
  const std::uint32_t r = single_route(
      v4, 36,
      "[5] RD 65000:2 ESI 0 tag 0 prefix 10.20.0.0/24 gateway 10.0.0.1 label 312 (VNI 5000)");
  expect_node(t, only(t, r, FieldId::EvpnIpPrefixLength), FieldId::EvpnIpPrefixLength, 67, 1, "24");
  expect_node(t, only(t, r, FieldId::EvpnIpPrefix), FieldId::EvpnIpPrefix, 68, 4, "10.20.0.0/24");
  expect_node(t, only(t, r, FieldId::EvpnGateway), FieldId::EvpnGateway, 72, 4, "10.0.0.1");
  expect_node(t, only(t, r, FieldId::EvpnLabel1), FieldId::EvpnLabel1, 76, 3, "312 (VNI 5000)");

  // Host bits past /24, and label 0 with neither ESI nor gateway as Overlay Index: two notes
  // (tree only), no problem.
  const DecodedMessage odd = decode_checked(
      announce(cat({{5, 34}, rd, kEsiZero, kTag0, {24, 10, 20, 0, 1}, {0, 0, 0, 0}, {0, 0, 0}})),
      negotiated(true));
  const std::uint32_t ro = single_route(
      odd, 36, "[5] RD 65000:2 ESI 0 tag 0 prefix 10.20.0.1/24 gateway 0.0.0.0 label 0 (VNI 0)");
  const auto notes = children(odd.tree, ro, FieldId::ErrorNode);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(odd.tree.node(notes[0]).offset, 68u);
  EXPECT_EQ(odd.tree.node(notes[0]).severity, Severity::Note);
  EXPECT_EQ(odd.tree.node(notes[1]).offset, 76u);
  EXPECT_EQ(odd.tree.node(notes[1]).length, 3u);
  EXPECT_NE(std::string(odd.tree.value(notes[1])).find("RFC 9136 §3.1"), std::string::npos);

  ByteVector prefix(16, 0);
  prefix[0] = 0x20, prefix[1] = 0x01, prefix[2] = 0x0d, prefix[3] = 0xb8, prefix[5] = 0x20;
  const DecodedMessage v6 = decode_checked(
      announce(
          cat({{5, 58}, rd, kEsiZero, kTag0, {64}, prefix, ByteVector(16, 0), {0, 0x13, 0x88}})),
      negotiated(true));
  const std::uint32_t r6 = single_route(
      v6, 60, "[5] RD 65000:2 ESI 0 tag 0 prefix 2001:db8:20::/64 gateway :: label 312 (VNI 5000)");
  expect_node(v6.tree, only(v6.tree, r6, FieldId::EvpnIpPrefix), FieldId::EvpnIpPrefix, 68, 16,
              "2001:db8:20::/64");
  expect_node(v6.tree, only(v6.tree, r6, FieldId::EvpnGateway), FieldId::EvpnGateway, 84, 16, "::");
  expect_node(v6.tree, only(v6.tree, r6, FieldId::EvpnLabel1), FieldId::EvpnLabel1, 100, 3,
              "312 (VNI 5000)");
}

TEST(EvpnRoutes, SelectiveMulticastEthernetTag) {
  // RFC 9251 §9.1: (*, 224.1.1.1), IGMPv2. 8 + 4 + 1 + 5 + 5 + 1 = 24 octets.
  const DecodedMessage d = decode_checked(
      announce(cat({{6, 24}, kRd65000_1, kTag0, {0}, {32, 224, 1, 1, 1}, kOriginator, {0x02}})),
      negotiated(true));
  const FieldTree& t = d.tree;
  const std::uint32_t r = single_route(
      d, 26, "[6] RD 65000:1 tag 0 source * group 224.1.1.1 originator 10.0.0.1 flags IGMPv2");
  expect_node(t, only(t, r, FieldId::EvpnSourceLength), FieldId::EvpnSourceLength, 57, 1, "0");
  EXPECT_TRUE(children(t, r, FieldId::EvpnSource).empty());
  expect_node(t, only(t, r, FieldId::EvpnGroupLength), FieldId::EvpnGroupLength, 58, 1, "32");
  expect_node(t, only(t, r, FieldId::EvpnGroup), FieldId::EvpnGroup, 59, 4, "224.1.1.1");
  expect_node(t, only(t, r, FieldId::EvpnOriginator), FieldId::EvpnOriginator, 64, 4, "10.0.0.1");
  const std::uint32_t f = only(t, r, FieldId::EvpnMcastFlags);
  expect_node(t, f, FieldId::EvpnMcastFlags, 68, 1, "0x02 IGMPv2");
  expect_node(t, only(t, f, FieldId::EvpnFlagV1), FieldId::EvpnFlagV1, 68, 1, "0", 0x01);
  expect_node(t, only(t, f, FieldId::EvpnFlagV2), FieldId::EvpnFlagV2, 68, 1, "1", 0x02);
  expect_node(t, only(t, f, FieldId::EvpnFlagV3), FieldId::EvpnFlagV3, 68, 1, "0", 0x04);
  expect_node(t, only(t, f, FieldId::EvpnFlagExclude), FieldId::EvpnFlagExclude, 68, 1, "0", 0x08);
}

TEST(EvpnRoutes, MembershipReportSynch) {
  // RFC 9251 §9.2: (10.1.1.1, 232.1.1.1), IGMPv3 exclude. 8 + 10 + 4 + 5 + 5 + 5 + 1 = 38.
  const DecodedMessage d = decode_checked(announce(cat({{7, 38},
                                                        kRd65000_1,
                                                        kEsiZero,
                                                        kTag0,
                                                        {32, 10, 1, 1, 1},
                                                        {32, 232, 1, 1, 1},
                                                        kOriginator,
                                                        {0x0c}})),
                                          negotiated(true));
  const std::uint32_t r = single_route(d, 40,
                                       "[7] RD 65000:1 ESI 0 tag 0 source 10.1.1.1 group 232.1.1.1 "
                                       "originator 10.0.0.1 flags IGMPv3,exclude");
  expect_node(d.tree, only(d.tree, r, FieldId::EvpnSource), FieldId::EvpnSource, 68, 4, "10.1.1.1");
  expect_node(d.tree, only(d.tree, r, FieldId::EvpnMcastFlags), FieldId::EvpnMcastFlags, 82, 1,
              "0x0c IGMPv3,exclude");
}

TEST(EvpnRoutes, LeaveSynchWithAnIpv6Group) {
  // RFC 9251 §9.3: (*, ff0e::1), Reserved 0, Maximum Response Time 10, MLDv1.
  // 8 + 10 + 4 + 1 + 17 + 5 + 4 + 1 + 1 = 51 octets.
  ByteVector group(16, 0);
  group[0] = 0xff, group[1] = 0x0e, group[15] = 1;
  const DecodedMessage d = decode_checked(announce(cat({{8, 51},
                                                        kRd65000_1,
                                                        kEsiZero,
                                                        kTag0,
                                                        {0},
                                                        {128},
                                                        group,
                                                        kOriginator,
                                                        {0, 0, 0, 0},
                                                        {10},
                                                        {0x01}})),
                                          negotiated(true));
  const FieldTree& t = d.tree;
  const std::uint32_t r = single_route(d, 53,
                                       "[8] RD 65000:1 ESI 0 tag 0 source * group ff0e::1 "
                                       "originator 10.0.0.1 max-response-time 10 flags MLDv1");
  expect_node(t, only(t, r, FieldId::EvpnGroup), FieldId::EvpnGroup, 69, 16, "ff0e::1");
  expect_node(t, only(t, r, FieldId::EvpnMcastReserved), FieldId::EvpnMcastReserved, 90, 4, "0");
  expect_node(t, only(t, r, FieldId::EvpnMaxResponseTime), FieldId::EvpnMaxResponseTime, 94, 1,
              "10");
  expect_node(t, only(t, r, FieldId::EvpnMcastFlags), FieldId::EvpnMcastFlags, 95, 1, "0x01 MLDv1");
}

TEST(EvpnRoutes, PerRegionIpmsiAndSpmsi) {
  // RFC 9572 §3.1: Region ID 8 octets (20 in all); §3.2: (S,G) and originator (27 in all).
  const DecodedMessage a =
      decode_checked(announce(cat({{9, 20}, kRd65000_1, kTag0, {0, 2, 0xfd, 0xe8, 0, 0, 0, 100}})),
                     negotiated(true));
  const std::uint32_t r = single_route(a, 22, "[9] RD 65000:1 tag 0 region 0002fde800000064");
  expect_node(a.tree, only(a.tree, r, FieldId::EvpnRegionId), FieldId::EvpnRegionId, 57, 8,
              "0002fde800000064");

  const DecodedMessage s = decode_checked(
      announce(
          cat({{10, 27}, kRd65000_1, kTag0, {32, 10, 1, 1, 1}, {32, 232, 1, 1, 1}, kOriginator})),
      negotiated(true));
  single_route(s, 29, "[10] RD 65000:1 tag 0 source 10.1.1.1 group 232.1.1.1 originator 10.0.0.1");
}

TEST(EvpnRoutes, LeafAdWithAnInclusiveMulticastKey) {
  // RFC 9572 §3.3: the key is a whole IMET route (2 + 17 octets), then the originator (5).
  const ByteVector key = cat({{3, 17}, kRd65000_1, kTag0, kOriginator});
  const DecodedMessage d =
      decode_checked(announce(cat({{11, 24}, key, {32, 10, 0, 0, 2}})), negotiated(true));
  const FieldTree& t = d.tree;
  const std::uint32_t r = single_route(
      d, 26, "[11] key ([3] RD 65000:1 tag 0 originator 10.0.0.1) originator 10.0.0.2");
  const std::uint32_t k = only(t, r, FieldId::EvpnRouteKey);
  expect_node(t, k, FieldId::EvpnRouteKey, 45, 19, "[3] RD 65000:1 tag 0 originator 10.0.0.1");
  expect_node(t, only(t, k, FieldId::EvpnRouteType), FieldId::EvpnRouteType, 45, 1,
              "Inclusive Multicast Ethernet Tag (3)");
  expect_node(t, only(t, k, FieldId::EvpnRouteLength), FieldId::EvpnRouteLength, 46, 1, "17");
  expect_node(t, only(t, k, FieldId::Rd), FieldId::Rd, 47, 8, "65000:1");
  expect_node(t, only(t, k, FieldId::EvpnOriginator), FieldId::EvpnOriginator, 60, 4, "10.0.0.1");
  expect_node(t, only(t, r, FieldId::EvpnOriginator), FieldId::EvpnOriginator, 65, 4, "10.0.0.2");
}

TEST(EvpnRoutes, LeafAdKeysNestOnlyOneLevel) {
  // A Leaf A-D route whose key is a Leaf A-D route: the inner key is shown raw (the nesting
  // is bounded), without an error.
  const ByteVector imet = cat({{3, 17}, kRd65000_1, kTag0, kOriginator});
  const ByteVector inner = cat({{11, 24}, imet, {32, 10, 0, 0, 2}});
  const DecodedMessage d =
      decode_checked(announce(cat({{11, 31}, inner, {32, 10, 0, 0, 3}})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text,
            "[11] key ([11] key ([3] 0000fde80000000100000000200a000001) originator 10.0.0.2) "
            "originator 10.0.0.3");
  const auto outer_key = d.tree.find_first(FieldId::EvpnRouteKey);
  ASSERT_TRUE(outer_key.has_value());
  const std::uint32_t inner_key = only(d.tree, *outer_key, FieldId::EvpnRouteKey);
  expect_node(d.tree, only(d.tree, inner_key, FieldId::EvpnRaw), FieldId::EvpnRaw, 49, 17,
              "00 00 fd e8 00 00 00 01 00 00 00 00 20 0a 00 00 01");
}

}  // namespace
}  // namespace bgplens

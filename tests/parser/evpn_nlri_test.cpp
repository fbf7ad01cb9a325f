// The EVPN NLRI walk (RFC 7432 §7): several routes per field, withdrawals, unknown route types
// (RFC 7606 §5.4), ADD-PATH path identifiers (RFC 7911 §3, negotiated and guessed), and the
// errors: routes that overrun the field, lengths inconsistent with the route type, bad address
// lengths (RFC 7606 §5.3), and a real Leave Synch route from ExaBGP's corpus.
//
// announce(): MP_REACH_NLRI at 30 with the extended-length flag, NLRI from 43 (see
// evpn_routes_test.cpp). withdraw(): MP_UNREACH_NLRI alone at 23: flags 23, code 24, length
// 25–26, AFI 27–28, SAFI 29, withdrawn routes from 30.
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
using test::expect_problem;
using test::negotiated;
using test::only;

constexpr Family kEvpn{afi::kL2vpn, 70};

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

ByteVector withdraw(const ByteVector& nlri) {
  return gen::update({{}, {gen::attribute(0x90, 15, cat({{0, 25, 70}, nlri}))}, {}});
}

const ByteVector kRd65000_1{0, 0, 0xfd, 0xe8, 0, 0, 0, 1};
const ByteVector kEsiZero(10, 0);
const ByteVector kTag0{0, 0, 0, 0};
// An Inclusive Multicast Ethernet Tag route (RFC 7432 §7.3): 2 + 17 octets.
const ByteVector kImet = cat({{3, 17}, kRd65000_1, kTag0, {32, 10, 0, 0, 1}});
const char* const kImetText = "[3] RD 65000:1 tag 0 originator 10.0.0.1";

std::vector<std::uint32_t> routes(const FieldTree& t) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    if (is_nlri_entry(t.node(i).field)) out.push_back(i);
  }
  return out;
}

TEST(EvpnNlri, SeveralRoutesAnnouncedAndOneWithdrawn) {
  const ByteVector segment = cat({{4, 23}, kRd65000_1, kEsiZero, {32, 10, 0, 0, 2}});
  const DecodedMessage a = decode_checked(announce(cat({kImet, segment})), negotiated(true));
  EXPECT_TRUE(a.problems.empty());
  EXPECT_EQ(a.update.announced, 2u);
  ASSERT_EQ(a.nlri.size(), 2u);
  EXPECT_EQ(a.nlri[0].offset, 43u);
  EXPECT_EQ(a.nlri[0].length, 19u);
  EXPECT_EQ(a.nlri[0].text, kImetText);
  EXPECT_EQ(a.nlri[1].offset, 62u);
  EXPECT_EQ(a.nlri[1].length, 25u);
  EXPECT_EQ(a.nlri[1].text, "[4] RD 65000:1 ESI 0 originator 10.0.0.2");
  const FieldTree& t = a.tree;
  const auto nlri = t.find_first(FieldId::MpReachNlri);
  ASSERT_TRUE(nlri.has_value());
  expect_node(t, *nlri, FieldId::MpReachNlri, 43, 44, "2 routes");

  const DecodedMessage w = decode_checked(withdraw(kImet), negotiated(true));
  EXPECT_TRUE(w.problems.empty());
  EXPECT_EQ(w.update.withdrawn, 1u);
  EXPECT_EQ(w.update.announced, 0u);
  ASSERT_EQ(w.nlri.size(), 1u);
  EXPECT_EQ(w.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(w.nlri[0].offset, 30u);
  EXPECT_EQ(w.nlri[0].text, kImetText);
  ASSERT_EQ(w.update.family_count, 1);
  EXPECT_EQ(w.update.families[0], kEvpn);
  EXPECT_FALSE(w.update.end_of_rib);
}

TEST(EvpnNlri, UnknownRouteTypeIsShownRawNotAsAnError) {
  // RFC 7606 §5.4: a route of an unknown type is ignored; the length octet frames it.
  const DecodedMessage d =
      decode_checked(announce(cat({{12, 3, 1, 2, 3}, kImet})), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "[12] 010203");
  EXPECT_EQ(d.nlri[0].length, 5u);
  EXPECT_EQ(d.nlri[1].offset, 48u);
  const FieldTree& t = d.tree;
  const std::uint32_t r = routes(t)[0];
  expect_node(t, only(t, r, FieldId::EvpnRouteType), FieldId::EvpnRouteType, 43, 1,
              "unassigned (12)");
  expect_node(t, only(t, r, FieldId::EvpnRaw), FieldId::EvpnRaw, 45, 3, "01 02 03");
  const std::uint32_t note = only(t, r, FieldId::ErrorNode);
  EXPECT_EQ(t.node(note).severity, Severity::Note);
  EXPECT_EQ(t.node(note).offset, 43u);
  EXPECT_EQ(t.node(note).length, 2u);
}

TEST(EvpnNlri, NegotiatedAddPathPutsAPathIdentifierBeforeEachRoute) {
  const DecodedMessage d =
      decode_checked(announce(cat({{0, 0, 0, 7}, kImet})), negotiated(true, {kEvpn}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].offset, 43u);
  EXPECT_EQ(d.nlri[0].length, 23u);
  EXPECT_EQ(d.nlri[0].path_id, 7u);
  EXPECT_EQ(d.nlri[0].text, kImetText);
  const FieldTree& t = d.tree;
  const std::uint32_t r = routes(t)[0];
  expect_node(t, r, FieldId::EvpnNlri, 43, 23, std::string(kImetText) + " path 7");
  expect_node(t, only(t, r, FieldId::PathId), FieldId::PathId, 43, 4, "7");
  expect_node(t, only(t, r, FieldId::EvpnRouteType), FieldId::EvpnRouteType, 47, 1,
              "Inclusive Multicast Ethernet Tag (3)");
}

TEST(EvpnNlri, AddPathIsGuessedFromTheFramingWithoutOpens) {
  // With path identifiers the first route reads as type 0 (unknown), so only the reading with
  // identifiers gives known types with fitting lengths.
  const DecodedMessage with_ids =
      decode_checked(announce(cat({{0, 0, 0, 7}, kImet})), PeerContext::unknown());
  ASSERT_EQ(with_ids.nlri.size(), 1u);
  EXPECT_EQ(with_ids.nlri[0].path_id, 7u);
  EXPECT_TRUE(with_ids.problems.empty());
  const auto block = with_ids.tree.find_first(FieldId::MpReachNlri);
  ASSERT_TRUE(block.has_value());
  const std::uint32_t note = only(with_ids.tree, *block, FieldId::ErrorNode);
  EXPECT_NE(std::string(with_ids.tree.value(note)).find("ADD-PATH assumed present (heuristic)"),
            std::string::npos);

  // Path identifier 0 reads plainly as two empty routes of type 0: both readings frame the
  // field, and the plain one needs two routes no layout allows.
  const DecodedMessage zero =
      decode_checked(announce(cat({{0, 0, 0, 0}, kImet})), PeerContext::unknown());
  ASSERT_EQ(zero.nlri.size(), 1u);
  EXPECT_EQ(zero.nlri[0].path_id, 0u);
  const std::uint32_t why =
      only(zero.tree, *zero.tree.find_first(FieldId::MpReachNlri), FieldId::ErrorNode);
  EXPECT_NE(std::string(zero.tree.value(why))
                .find("read as 2 routes of no known type and length among 3 routes"),
            std::string::npos);

  // Plain routes: read with identifiers, the length 0xe8 would overrun the field.
  const DecodedMessage plain = decode_checked(announce(kImet), PeerContext::unknown());
  ASSERT_EQ(plain.nlri.size(), 1u);
  EXPECT_FALSE(plain.nlri[0].path_id.has_value());
  EXPECT_EQ(plain.nlri[0].text, kImetText);
}

TEST(EvpnNlri, RouteLengthOverrunningTheFieldStopsTheWalk) {
  // Type 1 says 25 octets, 2 are left: no later route can be located (RFC 7606 §5.3).
  const DecodedMessage d = decode_checked(announce(cat({kImet, {1, 25, 0, 0}})), negotiated(true));
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 62, 4, Severity::Error, Treatment::AfiSafiDisable,
                 "route type 1 length 25 exceeds the 2 bytes left in the NLRI field");

  const DecodedMessage one = decode_checked(announce(cat({kImet, {3}})), negotiated(true));
  ASSERT_EQ(one.problems.size(), 1u);
  expect_problem(one.problems[0], 62, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "an EVPN route needs its type and length octets, 1 byte left");

  const DecodedMessage id =
      decode_checked(announce(cat({{0, 0, 0, 7}, kImet, {0, 0}})), negotiated(true, {kEvpn}));
  EXPECT_EQ(id.update.announced, 1u);
  ASSERT_EQ(id.problems.size(), 1u);
  expect_problem(id.problems[0], 66, 2, Severity::Error, Treatment::AfiSafiDisable,
                 "path identifier needs 4 bytes, 2 bytes left");
}

TEST(EvpnNlri, RouteTooShortForItsTypeIsReportedAndTheNextRouteDecoded) {
  // An Ethernet A-D route of 24 octets: the label at 67 has 2 of its 3 bytes.
  const ByteVector ad = cat({{1, 24}, kRd65000_1, kEsiZero, kTag0, {0, 0}});
  const DecodedMessage d = decode_checked(announce(cat({ad, kImet})), negotiated(true));
  EXPECT_EQ(d.update.announced, 2u);
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 67, 2, Severity::Error, Treatment::AfiSafiDisable,
                 "Ethernet Auto-Discovery route: the MPLS Label 1 needs 3 bytes, 2 bytes left of "
                 "the route's 24 (RFC 7432 §7.1)");
  ASSERT_EQ(d.nlri.size(), 2u);
  EXPECT_EQ(d.nlri[0].text, "[1] RD 65000:1 ESI 0 tag 0 (malformed)");
  EXPECT_EQ(d.nlri[1].offset, 69u);
  EXPECT_EQ(d.nlri[1].text, kImetText);
  const std::uint32_t r = routes(d.tree)[0];
  const std::uint32_t err = only(d.tree, r, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(err).offset, 67u);
  EXPECT_EQ(d.tree.node(err).length, 2u);
}

TEST(EvpnNlri, BytesAfterTheLastFieldAndAnEmptyBody) {
  const ByteVector longer = cat({{3, 18}, kRd65000_1, kTag0, {32, 10, 0, 0, 1}, {0xff}});
  const DecodedMessage d = decode_checked(announce(longer), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 62, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "1 byte after the last field of the Inclusive Multicast Ethernet Tag route "
                 "(RFC 7432 §7.3): its fields take 17 of the route's 18 bytes");

  // Nothing to read: the error covers the length octet.
  const DecodedMessage e = decode_checked(announce({3, 0}), negotiated(true));
  ASSERT_EQ(e.problems.size(), 1u);
  expect_problem(e.problems[0], 44, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "the Route Distinguisher needs 8 bytes, 0 bytes left of the route's 0");
  EXPECT_EQ(e.update.announced, 1u);
}

TEST(EvpnNlri, AddressLengthsOutsideTheLayoutAreLayoutErrors) {
  // MAC/IP route with IP Address Length 24: the IP length octet is at 74, the route ends at 81.
  const ByteVector bad_ip = cat({{2, 36},
                                 kRd65000_1,
                                 kEsiZero,
                                 kTag0,
                                 {48, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff},
                                 {24, 1, 2, 3},
                                 {0, 0, 0}});
  const DecodedMessage d = decode_checked(announce(bad_ip), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 74, 7, Severity::Error, Treatment::AfiSafiDisable,
                 "IP Address length 24 bits; RFC 7432 §7.2 allows 0, 32 or 128");

  // SMET route with Multicast Group Length 0 (at 58): RFC 9251 §9.1 needs 32 or 128.
  const ByteVector smet = cat({{6, 20}, kRd65000_1, kTag0, {0}, {0}, {32, 10, 0, 0, 1}, {0}});
  const DecodedMessage s = decode_checked(announce(smet), negotiated(true));
  ASSERT_EQ(s.problems.size(), 1u);
  expect_problem(s.problems[0], 58, 7, Severity::Error, Treatment::AfiSafiDisable,
                 "Multicast Group length 0 bits; RFC 9251 §9.1 allows 32 or 128");

  // A Leaf A-D route whose key says 17 octets with 5 left.
  const DecodedMessage l =
      decode_checked(announce({11, 7, 3, 17, 0, 0, 0, 0, 0}), negotiated(true));
  ASSERT_EQ(l.problems.size(), 1u);
  expect_problem(l.problems[0], 45, 7, Severity::Error, Treatment::AfiSafiDisable,
                 "Leaf A-D route: the Route Key needs 19 bytes, 7 bytes left of the route's 7 "
                 "(RFC 9572 §3.3)");
}

TEST(EvpnNlri, MalformedLeafAdKeyLeavesTheRestOfTheRouteReadable) {
  // The key, an IMET route of 16 octets (47–62), ends 1 byte into its originator's address;
  // the key's length octet frames it, so the Leaf A-D originator (63–67) is still read.
  const ByteVector key = cat({{3, 16}, kRd65000_1, kTag0, {32, 10, 0, 0}});
  const DecodedMessage d =
      decode_checked(announce(cat({{11, 23}, key, {32, 10, 0, 0, 2}})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 60, 3, Severity::Error, Treatment::AfiSafiDisable,
                 "Inclusive Multicast Ethernet Tag route: the Originating Router's IP Address "
                 "needs 4 bytes, 3 bytes left of the route's 16 (RFC 7432 §7.3). The key's length "
                 "octet still frames the rest of the Leaf A-D route.");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "[11] key ([3] RD 65000:1 tag 0 (malformed)) originator 10.0.0.2");
  const auto k = d.tree.find_first(FieldId::EvpnRouteKey);
  ASSERT_TRUE(k.has_value());
  const std::uint32_t err = only(d.tree, *k, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(err).offset, 60u);
}

TEST(EvpnNlri, IpPrefixRouteLengthMustBe34Or58) {
  // RD, ESI and tag are read (45–66); the 18 bytes after them are the error (RFC 9136 §3.1).
  const DecodedMessage d = decode_checked(
      announce(cat({{5, 40}, kRd65000_1, kEsiZero, kTag0, ByteVector(18, 0)})), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 67, 18, Severity::Error, Treatment::AfiSafiDisable,
                 "IP Prefix route length 40: RFC 9136 §3.1 requires 34 (IPv4) or 58 (IPv6)");
}

TEST(EvpnNlri, WrongValuesInAReadableLayoutAreTreatAsWithdraw) {
  // MAC Address Length 40 (RFC 7432 §7.2 uses 48): the 6-octet field is still there.
  const ByteVector mac40 = cat({{2, 33},
                                kRd65000_1,
                                kEsiZero,
                                kTag0,
                                {40, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff},
                                {0},
                                {0, 0, 0}});
  const DecodedMessage m = decode_checked(announce(mac40), negotiated(true));
  ASSERT_EQ(m.problems.size(), 1u);
  expect_problem(m.problems[0], 67, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "MAC address length 40 bits; RFC 7432 §7.2 defines only 48");
  ASSERT_EQ(m.nlri.size(), 1u);
  EXPECT_EQ(m.nlri[0].text, "[2] RD 65000:1 ESI 0 tag 0 MAC aa:bb:cc:dd:ee:ff label 0 (VNI 0)");

  // IPv4 IP Prefix route with prefix length 33 (at 67).
  const DecodedMessage p = decode_checked(
      announce(
          cat({{5, 34}, kRd65000_1, kEsiZero, kTag0, {33, 10, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0}})),
      negotiated(true));
  ASSERT_EQ(p.problems.size(), 1u);
  expect_problem(p.problems[0], 67, 1, Severity::Error, Treatment::TreatAsWithdraw,
                 "IP prefix length 33 exceeds the 32 bits of an IPv4 prefix (RFC 9136 §3.1)");
}

TEST(EvpnNlri, UndefinedRdTypeIsAWarningAtEveryDepth) {
  // decode_checked compares the problems of the Summary, Detail and Tree decodings.
  const ByteVector imet = cat({{3, 17}, {0, 7, 1, 2, 3, 4, 5, 6}, kTag0, {32, 10, 0, 0, 1}});
  const DecodedMessage d = decode_checked(announce(imet), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 45, 2, Severity::Warning, Treatment::None,
                 "Route Distinguisher type 7 is not defined");
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "[3] RD type 7:010203040506 tag 0 originator 10.0.0.1");
}

// ExaBGP's qa/decoding/bgp-evpn-1: an MP_UNREACH_NLRI withdrawing a Multicast Leave Synch
// route and five MAC/IP routes.
const char* const kExabgpEvpn =
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF010102000000EA900F00E600194608260001252C37768EAD0000020016"
    "00000000030000085D0020EFFFFFFF20252C3776000000000002210001252C373700010000000000000000000000"
    "00076D30FC15B4787B8F0000000002250001252C372E0001000000000000000000000000051530E88088308BE920"
    "0A22100A00000002250001252C37370001000000000000000000000000076D30FC15B4787B8F200A2888D0000000"
    "02250001252C373F00010000000000000000000000000515306C240830ED82200A22580800000002210001252C37"
    "230007000000000000000000000000029630F4A739D1F0B000000000";

ByteVector from_hex(const std::string& hex) {
  ByteVector out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

TEST(EvpnNlri, ExabgpLeaveSynchRouteLacksTheFlagsOctet) {
  const DecodedMessage d = decode_checked(from_hex(kExabgpEvpn), negotiated(true));
  EXPECT_EQ(d.update.withdrawn, 6u);
  ASSERT_EQ(d.nlri.size(), 6u);
  // ExaBGP leaves it unparsed. Per RFC 9251 §9.3 its 38 octets hold every field up to the
  // Maximum Response Time; the Flags octet (the 39th) is missing.
  EXPECT_EQ(d.nlri[0].offset, 30u);
  EXPECT_EQ(d.nlri[0].length, 40u);
  EXPECT_EQ(d.nlri[0].text,
            "[8] RD 37.44.55.118:36525 ESI 00:00:02:00:16:00:00:00:00:03 tag 2141 source * group "
            "239.255.255.255 originator 37.44.55.118 max-response-time 0 (malformed)");
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 31, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "Multicast Leave Synch route: the Flags octet needs 1 byte, 0 bytes left of the "
                 "route's 38 (RFC 9251 §9.3)");
  // ExaBGP's fields: rd, esi "-" (zero), ethernet-tag, mac, label [[0]], ip.
  EXPECT_EQ(d.nlri[1].text,
            "[2] RD 37.44.55.55:1 ESI 0 tag 1901 MAC fc:15:b4:78:7b:8f label 0 (VNI 0)");
  EXPECT_EQ(
      d.nlri[2].text,
      "[2] RD 37.44.55.46:1 ESI 0 tag 1301 MAC e8:80:88:30:8b:e9 IP 10.34.16.10 label 0 (VNI 0)");
  EXPECT_EQ(d.nlri[3].text,
            "[2] RD 37.44.55.55:1 ESI 0 tag 1901 MAC fc:15:b4:78:7b:8f IP 10.40.136.208 label 0 "
            "(VNI 0)");
  EXPECT_EQ(
      d.nlri[4].text,
      "[2] RD 37.44.55.63:1 ESI 0 tag 1301 MAC 6c:24:08:30:ed:82 IP 10.34.88.8 label 0 (VNI 0)");
  EXPECT_EQ(d.nlri[5].text,
            "[2] RD 37.44.55.35:7 ESI 0 tag 662 MAC f4:a7:39:d1:f0:b0 label 0 (VNI 0)");
  EXPECT_EQ(d.nlri[5].offset, 222u);
  EXPECT_EQ(d.nlri[5].length, 35u);
  const FieldTree& t = d.tree;
  const std::uint32_t leave = routes(t)[0];
  expect_node(t, only(t, leave, FieldId::EvpnMcastReserved), FieldId::EvpnMcastReserved, 65, 4,
              "0");
  expect_node(t, only(t, leave, FieldId::EvpnMaxResponseTime), FieldId::EvpnMaxResponseTime, 69, 1,
              "0");
  EXPECT_TRUE(children(t, leave, FieldId::EvpnMcastFlags).empty());
}

}  // namespace
}  // namespace bgplens

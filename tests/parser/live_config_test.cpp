// The live speaker's configuration: validation messages, the OPEN it makes, and the small
// parsers the CLI will use (router id, roles); and the stream framer's bounds.
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "bgp/nlri/family_table.h"
#include "live/stream_framer.h"
#include "live_test_support.h"

namespace bgplens::live::testing {
namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  for (const std::string& p : problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(LiveConfig, ValidConfigurationHasNoProblems) {
  EXPECT_TRUE(validate(test_config()).empty());
}

TEST(LiveConfig, ValidationSaysWhatIsWrong) {
  SpeakerConfig c = test_config();
  c.hold_time = 2;
  EXPECT_EQ(validate(c),
            std::vector<std::string>{
                "hold time 2 is not allowed: 0 or at least 3 seconds (RFC 4271 §4.2)"});
  c = test_config();
  c.local_as = 0;
  c.bgp_id = 0;
  c.peer_as = 0;
  const auto problems = validate(c);
  EXPECT_EQ(problems.size(), 3u);
  EXPECT_TRUE(mentions(problems, "local AS 0"));
  EXPECT_TRUE(mentions(problems, "peer AS 0"));
  EXPECT_TRUE(mentions(problems, "RFC 6286"));

  c = test_config();
  c.local_as = kAsTrans;
  EXPECT_TRUE(mentions(validate(c), "AS_TRANS"));
  c = test_config();
  c.families.clear();
  EXPECT_TRUE(mentions(validate(c), "no address family"));
  c = test_config();
  c.families.push_back(Family{1, 99});
  EXPECT_TRUE(mentions(validate(c), "1/99 is not one the decoder knows"));
  c = test_config();
  c.families.push_back(kIpv4Unicast);
  EXPECT_TRUE(mentions(validate(c), "offered twice"));
  c = test_config();
  c.add_path_receive = {*parse_family("ipv4-vpn")};
  EXPECT_TRUE(mentions(validate(c), "ADD-PATH receive for ipv4-vpn"));
  c = test_config();
  c.graceful_restart_time = 5000;
  EXPECT_TRUE(mentions(validate(c), "at most 4095"));
  c = test_config();
  c.route_refresh = false;
  c.enhanced_route_refresh = true;
  EXPECT_TRUE(mentions(validate(c), "offer route refresh too"));
  c = test_config();
  c.role_strict = true;
  EXPECT_TRUE(mentions(validate(c), "needs a local role"));
}

TEST(LiveConfig, EveryFamilyFitsInAnOpenButNotWithAddPathForEach) {
  SpeakerConfig c = test_config();
  c.families.clear();
  for (const auto group : {prefix_families(), labeled_families(), flowspec_families(),
                           evpn_families(), bgpls_families()}) {
    for (const FamilySpec& f : group)
      c.families.push_back(f.family);
  }
  // Every family the decoder knows fits in one OPEN (6 octets each)…
  EXPECT_TRUE(validate(c).empty()) << validate(c).front();
  // …but not with ADD-PATH for each of them too (4 more octets a family).
  c.add_path_receive = c.families;
  EXPECT_TRUE(mentions(validate(c), "more than the 255"));
}

TEST(LiveConfig, OpenCarriesEveryConfiguredCapability) {
  SpeakerConfig c = test_config();
  c.local_as = 4200000001;
  c.hold_time = 30;
  c.families = {kIpv4Unicast, kIpv6Unicast, *parse_family("l2vpn-evpn")};
  c.add_path_receive = {kIpv6Unicast};
  c.extended_message = true;
  c.graceful_restart_time = 120;
  c.enhanced_route_refresh = true;
  c.role = BgpRole::Customer;
  ASSERT_TRUE(validate(c).empty());
  const ByteVector open = build_open(c);
  const DecodedMessage d = decode_message(open, PeerContext::unknown(), Depth::Routes);
  ASSERT_TRUE(d.open);
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.open->version, 4);
  EXPECT_EQ(d.open->my_as, kAsTrans);  // RFC 6793 §4.2.1
  EXPECT_EQ(d.open->as4, 4200000001u);
  EXPECT_EQ(d.open->hold_time, 30);
  EXPECT_EQ(d.open->bgp_id, 0x0A000001u);
  EXPECT_EQ(d.open->multiprotocol, c.families);
  ASSERT_EQ(d.open->add_path.size(), 1u);
  EXPECT_EQ(d.open->add_path[0].family, kIpv6Unicast);
  EXPECT_EQ(d.open->add_path[0].send_receive, 1);  // receive only: we never send routes
  EXPECT_TRUE(d.open->extended_message);
  EXPECT_TRUE(d.open->graceful_restart);
  EXPECT_TRUE(d.open->route_refresh);
  const auto& seen = d.open->capabilities_seen;
  EXPECT_NE(std::find(seen.begin(), seen.end(), 70), seen.end());  // enhanced route refresh
  // The Role capability: code 9, one octet, 3 = customer (RFC 9234 §4.1).
  bool role = false;
  for (const ItemRange& cap : d.capabilities) {
    if (cap.code == 9) role = cap.length == 3 && open[cap.offset + 2] == 3;
  }
  EXPECT_TRUE(role);
  // Graceful Restart: restart time 120 and no <AFI, SAFI> (RFC 4724 §3, Receiving Speaker).
  for (const ItemRange& cap : d.capabilities) {
    if (cap.code != 64) continue;
    EXPECT_EQ(cap.length, 4u);
    EXPECT_EQ(load_be16(open.data() + cap.offset + 2), 120);
  }

  c.local_as = 65001;
  const DecodedMessage small = decode_message(build_open(c), PeerContext::unknown(), Depth::Routes);
  EXPECT_EQ(small.open->my_as, 65001);
  EXPECT_EQ(small.open->as4, 65001u);  // the 4-octet AS capability is always there
}

TEST(LiveConfig, ParsesRouterIdsAndRoles) {
  EXPECT_EQ(parse_router_id("10.0.0.1"), 0x0A000001u);
  EXPECT_EQ(parse_router_id("255.255.255.255"), 0xFFFFFFFFu);
  for (const char* bad : {"", "10.0.0", "10.0.0.256", "10.0.0.1.", "a.b.c.d", "1..2.3"})
    EXPECT_FALSE(parse_router_id(bad)) << bad;
  EXPECT_EQ(parse_role("rs-client"), BgpRole::RouteServerClient);
  EXPECT_FALSE(parse_role("boss"));
  EXPECT_EQ(matching_role(BgpRole::Provider), BgpRole::Customer);
  EXPECT_EQ(matching_role(BgpRole::Peer), BgpRole::Peer);
}

TEST(LiveFramer, DeliversWholeMessagesAcrossReadsAndStopsAtAHeaderError) {
  StreamFramer framer;
  std::vector<ByteVector> got;
  auto deliver = [&](Bytes m) {
    got.emplace_back(m.begin(), m.end());
    return true;
  };
  ByteVector stream;
  for (int i = 0; i < 3; ++i) {
    const ByteVector u = simple_update("10." + std::to_string(i) + ".0.0/16");
    stream.insert(stream.end(), u.begin(), u.end());
  }
  // Cut into reads of 7 octets: every message arrives whole, in order.
  for (std::size_t at = 0; at < stream.size(); at += 7) {
    const std::size_t n = std::min<std::size_t>(7, stream.size() - at);
    EXPECT_FALSE(framer.feed(Bytes(stream.data() + at, n), deliver));
    EXPECT_LE(framer.buffered(), simple_update().size());
  }
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2], simple_update("10.2.0.0/16"));
  EXPECT_EQ(framer.buffered(), 0u);

  // A bad header after a good message: the good one is delivered, then the error.
  got.clear();
  ByteVector mixed = gen::keepalive();
  mixed.insert(mixed.end(), 19, 0x00);
  const auto error = framer.feed(mixed, deliver);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->notification.code, 1);
  EXPECT_EQ(error->notification.subcode, 1);
  EXPECT_EQ(got.size(), 1u);
  EXPECT_EQ(framer.buffered(), 0u);
}

TEST(LiveFramer, NeverHoldsMoreThanOneMaximumMessage) {
  StreamFramer framer;
  framer.set_max_length(kMaxExtendedMessageLength);
  gen::UpdateSpec big;
  big.attributes = {gen::attribute(0xC0, 99, ByteVector(65000, 1))};
  const ByteVector m = gen::update(big);
  ASSERT_GT(m.size(), 65000u);
  std::size_t delivered = 0;
  // Two maximum-size messages in one large read, then one byte at a time.
  ByteVector two = m;
  two.insert(two.end(), m.begin(), m.end());
  two.insert(two.end(), m.begin(), m.begin() + 100);
  EXPECT_FALSE(framer.feed(two, [&](Bytes) { return ++delivered > 0; }));
  EXPECT_EQ(delivered, 2u);
  EXPECT_EQ(framer.buffered(), 100u);
  for (std::size_t i = 100; i < m.size(); ++i)
    EXPECT_FALSE(framer.feed(Bytes(m.data() + i, 1), [&](Bytes) { return ++delivered > 0; }));
  EXPECT_EQ(delivered, 3u);
  EXPECT_LE(framer.peak_buffered(), kMaxExtendedMessageLength);
  EXPECT_EQ(framer.peak_buffered(), m.size());
}

}  // namespace
}  // namespace bgplens::live::testing

// What the live FSM answers to malformed input: the exact NOTIFICATION bytes (code, subcode,
// data) for header errors (RFC 4271 §6.1), OPEN errors (§6.2 and the RFCs refining it), and
// UPDATE errors, which RFC 7606 mostly handles without a reset.
#include <gtest/gtest.h>

#include "live/update_checks.h"
#include "live_test_support.h"

namespace bgplens::live::testing {
namespace {

// A header with the given marker byte, length field and type, and `body` after it.
ByteVector raw(std::uint16_t length, std::uint8_t type, std::size_t body = 0,
               std::uint8_t marker = 0xFF) {
  ByteVector m(16, marker);
  m.push_back(static_cast<std::uint8_t>(length >> 8));
  m.push_back(static_cast<std::uint8_t>(length));
  m.push_back(type);
  m.resize(m.size() + body, 0);
  return m;
}

// Established, then `bytes`: the last message sent, and the FSM must have closed.
ByteVector answer_in_established(const ByteVector& bytes) {
  FsmHarness h;
  h.establish();
  EXPECT_EQ(h.fsm.state(), State::Established);
  const std::size_t before = h.sent_count();
  h.receive(bytes);
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_EQ(h.transport.disconnects, 1);
  EXPECT_EQ(h.sent_count(), before + 1);  // exactly one NOTIFICATION, nothing after it
  return h.sent_count() > before ? h.last_sent() : ByteVector{};
}

TEST(LiveErrors, HeaderErrorsGetTheirNotification) {
  ByteVector bad_marker = gen::keepalive();
  bad_marker[7] = 0xFE;
  EXPECT_EQ(answer_in_established(bad_marker), gen::notification(1, 1));
  // RFC 4271 §6.1: 1/2 carries the erroneous Length field, 1/3 the Type field.
  EXPECT_EQ(answer_in_established(raw(18, 4)), gen::notification(1, 2, ByteVector{0, 18}));
  EXPECT_EQ(answer_in_established(raw(4097, 2, 4097 - 19)),
            gen::notification(1, 2, ByteVector{0x10, 0x01}));
  EXPECT_EQ(answer_in_established(raw(19, 7)), gen::notification(1, 3, ByteVector{7}));
  EXPECT_EQ(answer_in_established(raw(20, 4, 1)), gen::notification(1, 2, ByteVector{0, 20}));
  EXPECT_EQ(answer_in_established(raw(22, 2, 3)), gen::notification(1, 2, ByteVector{0, 22}));
  EXPECT_EQ(answer_in_established(raw(20, 3, 1)), gen::notification(1, 2, ByteVector{0, 20}));
  EXPECT_EQ(answer_in_established(raw(22, 5, 3)), gen::notification(1, 2, ByteVector{0, 22}));
}

TEST(LiveErrors, LengthIsCheckedBeforeTheBodyArrives) {
  FsmHarness h;
  h.establish();
  // Only the header of a 5000-octet UPDATE: refused at once, nothing buffered for its body.
  h.receive(raw(5000, 2));
  EXPECT_EQ(h.last_sent(), gen::notification(1, 2, ByteVector{0x13, 0x88}));
  EXPECT_EQ(h.fsm.state(), State::Idle);
  EXPECT_LT(h.fsm.peak_buffered_bytes(), 19u);
}

TEST(LiveErrors, HeaderErrorInOpenSent) {
  FsmHarness h;
  h.fsm.start(h.now);
  h.fsm.tcp_connected(h.now);
  ByteVector garbage(64, 0x42);
  h.receive(garbage);
  EXPECT_EQ(h.last_sent(), gen::notification(1, 1));
  EXPECT_TRUE(h.recorder.has_error(ErrorKind::Header));
  // An OPEN over 4096 octets is a bad length even with Extended Message (RFC 8654 §4).
  FsmHarness big;
  big.fsm.start(big.now);
  big.fsm.tcp_connected(big.now);
  big.receive(raw(4100, 1));
  EXPECT_EQ(big.last_sent(), gen::notification(1, 2, ByteVector{0x10, 0x04}));
}

// The answer to the peer's OPEN: a NOTIFICATION (the last message sent) or the KEEPALIVE that
// accepts it.
ByteVector answer_to_open(const ByteVector& open, SpeakerConfig config = test_config()) {
  FsmHarness h(std::move(config));
  h.fsm.start(h.now);
  h.fsm.tcp_connected(h.now);
  h.receive(open);
  EXPECT_EQ(h.sent_count(), 2u);
  return h.last_sent();
}

TEST(LiveErrors, OpenErrors) {
  const ByteVector accepted = gen::keepalive();
  EXPECT_EQ(answer_to_open(gen::open(peer_spec())), accepted);

  ByteVector v3 = gen::open(peer_spec());
  v3[19] = 3;  // RFC 4271 §6.2: data is the version we support, 2 octets
  EXPECT_EQ(answer_to_open(v3), gen::notification(2, 1, ByteVector{0, 4}));

  gen::OpenSpec other_as = peer_spec();
  other_as.my_as = 65003;
  other_as.as4 = 65003;
  EXPECT_EQ(answer_to_open(gen::open(other_as)), gen::notification(2, 2));

  gen::OpenSpec zero_as = peer_spec();  // RFC 7607 §2, even with no peer AS configured
  zero_as.my_as = 0;
  zero_as.as4.reset();
  SpeakerConfig any_peer = test_config();
  any_peer.peer_as.reset();
  EXPECT_EQ(answer_to_open(gen::open(zero_as), any_peer), gen::notification(2, 2));

  gen::OpenSpec zero_id = peer_spec();
  zero_id.bgp_id = 0;
  EXPECT_EQ(answer_to_open(gen::open(zero_id)), gen::notification(2, 3));

  // RFC 6286 §2.2: on an internal session, our own identifier is a Bad BGP Identifier.
  SpeakerConfig ibgp = test_config();
  ibgp.peer_as = 65001;
  gen::OpenSpec same_id = peer_spec();
  same_id.my_as = 65001;
  same_id.as4 = 65001;
  same_id.bgp_id = ibgp.bgp_id;
  EXPECT_EQ(answer_to_open(gen::open(same_id), ibgp), gen::notification(2, 3));
  same_id.bgp_id = 0x0A000009;
  EXPECT_EQ(answer_to_open(gen::open(same_id), ibgp), accepted);

  for (std::uint16_t hold : {1, 2}) {
    gen::OpenSpec bad_hold = peer_spec();
    bad_hold.hold_time = hold;
    EXPECT_EQ(answer_to_open(gen::open(bad_hold)), gen::notification(2, 6)) << hold;
  }
  for (std::uint16_t hold : {0, 3}) {
    gen::OpenSpec good_hold = peer_spec();
    good_hold.hold_time = hold;
    EXPECT_EQ(answer_to_open(gen::open(good_hold)), accepted) << hold;
  }

  // RFC 4271 §6.2: a recognised parameter that is malformed: 2/0 (a capability overruns).
  ByteVector overrun = gen::open(peer_spec());
  overrun[29 + 2 + 1] = 200;  // the first capability's length
  EXPECT_EQ(answer_to_open(overrun), gen::notification(2, 0));
}

TEST(LiveErrors, FourOctetPeerAsIsReadFromTheCapability) {
  SpeakerConfig config = test_config();
  config.peer_as = 4200000002;
  gen::OpenSpec peer = peer_spec();
  peer.my_as = 23456;  // AS_TRANS (RFC 6793 §4.2.1)
  peer.as4 = 4200000002;
  EXPECT_EQ(answer_to_open(gen::open(peer), config), gen::keepalive());
  // Without the capability, My AS (AS_TRANS) is all the peer says: not the AS expected.
  peer.as4.reset();
  EXPECT_EQ(answer_to_open(gen::open(peer), config), gen::notification(2, 2));
}

TEST(LiveErrors, RoleMismatch) {
  auto with_role = [](std::optional<std::uint8_t> role, std::optional<std::uint8_t> second = {}) {
    gen::OpenSpec s = peer_spec();
    if (role) s.extra_capabilities.emplace_back(std::uint8_t{9}, ByteVector{*role});
    if (second) s.extra_capabilities.emplace_back(std::uint8_t{9}, ByteVector{*second});
    return gen::open(s);
  };
  SpeakerConfig provider = test_config();
  provider.role = BgpRole::Provider;
  EXPECT_EQ(answer_to_open(with_role(3), provider), gen::keepalive());          // customer: correct
  EXPECT_EQ(answer_to_open(with_role(4), provider), gen::notification(2, 11));  // peer
  EXPECT_EQ(answer_to_open(with_role(3, 4), provider), gen::notification(2, 11));
  EXPECT_EQ(answer_to_open(with_role(std::nullopt), provider), gen::keepalive());
  provider.role_strict = true;  // RFC 9234 §4.2: strict mode needs the peer's role
  EXPECT_EQ(answer_to_open(with_role(std::nullopt), provider), gen::notification(2, 11));
  SpeakerConfig rs = test_config();
  rs.role = BgpRole::RouteServer;
  EXPECT_EQ(answer_to_open(with_role(2), rs), gen::keepalive());
}

// An UPDATE whose attributes are the given ones, announcing 10.1.0.0/16.
ByteVector update_with(std::vector<ByteVector> attributes, std::vector<gen::Prefix> nlri = {}) {
  gen::UpdateSpec u;
  u.attributes = std::move(attributes);
  u.nlri = nlri.empty() ? std::vector<gen::Prefix>{gen::prefix("10.1.0.0/16")} : nlri;
  return gen::update(u);
}

TEST(LiveErrors, TreatAsWithdrawIsReportedWithoutReset) {
  FsmHarness h;
  h.establish();
  const std::size_t before = h.sent_count();
  // RFC 7606 §7.1: a bad ORIGIN value is treat-as-withdraw.
  h.receive(update_with(
      {gen::origin(5), gen::as_path({{2, {65002}}}, true), gen::next_hop("192.0.2.1")}));
  // RFC 7606 §3.d: a missing well-known attribute too.
  h.receive(update_with({gen::origin(0), gen::next_hop("192.0.2.1")}));
  EXPECT_EQ(h.fsm.state(), State::Established);
  EXPECT_EQ(h.sent_count(), before);
  ASSERT_TRUE(h.recorder.has_error(ErrorKind::UpdateTolerated));
  std::size_t tolerated = 0;
  for (const SessionError& e : h.recorder.errors) {
    if (e.kind != ErrorKind::UpdateTolerated) continue;
    ++tolerated;
    EXPECT_NE(e.text.find("treat-as-withdraw"), std::string::npos) << e.text;
    EXPECT_FALSE(e.notification.has_value());
  }
  EXPECT_EQ(tolerated, 2u);
}

TEST(LiveErrors, SessionResetUpdateErrorsGetNotification3) {
  // RFC 7606 §4 keeps a Withdrawn Routes Length that overruns the message as a reset:
  // Malformed Attribute List, no data.
  ByteVector overrun = simple_update();
  overrun[19] = 0x01;  // withdrawn length 256+
  EXPECT_EQ(answer_in_established(overrun), gen::notification(3, 1));

  // RFC 4271 §6.3: an unrecognised well-known attribute: 3/2 with the attribute as data.
  const ByteVector unknown = gen::attribute(0x40, 99, ByteVector{1, 2, 3});
  EXPECT_EQ(answer_in_established(update_with({gen::origin(0), gen::as_path({{2, {65002}}}, true),
                                               gen::next_hop("192.0.2.1"), unknown})),
            gen::notification(3, 2, unknown));

  // RFC 7606 §5.3: an NLRI field that cannot be parsed (a /33 IPv4 prefix): 3/10.
  ByteVector bad_prefix = simple_update("10.1.0.0/16");
  bad_prefix[bad_prefix.size() - 3] = 33;
  EXPECT_EQ(answer_in_established(bad_prefix), gen::notification(3, 10));

  // RFC 7606 §3.g: MP_REACH_NLRI twice: Malformed Attribute List.
  const ByteVector reach =
      gen::mp_reach(kIpv6Unicast, gen::ipv6("2001:db8::1"), {gen::prefix("2001:db8:1::/48")});
  gen::UpdateSpec twice;
  twice.attributes = {gen::origin(0), gen::as_path({{2, {65002}}}, true), reach, reach};
  EXPECT_EQ(answer_in_established(gen::update(twice)), gen::notification(3, 1));
}

TEST(LiveErrors, AttributeAtFindsTheWholeAttribute) {
  const ByteVector origin = gen::origin(0);
  const ByteVector path = gen::as_path({{2, {65002}}}, true);
  const ByteVector m = update_with({origin, path, gen::next_hop("192.0.2.1")});
  const std::uint32_t attrs = 23;  // no withdrawn routes
  const auto first = attribute_at(m, attrs + 1);
  ASSERT_TRUE(first);
  EXPECT_EQ(ByteVector(first->begin(), first->end()), origin);
  const auto second = attribute_at(m, static_cast<std::uint32_t>(attrs + origin.size()));
  ASSERT_TRUE(second);
  EXPECT_EQ(ByteVector(second->begin(), second->end()), path);
  EXPECT_FALSE(attribute_at(m, 20));  // the withdrawn routes length
  EXPECT_FALSE(attribute_at(m, static_cast<std::uint32_t>(m.size() - 1)));  // the NLRI
}

}  // namespace
}  // namespace bgplens::live::testing

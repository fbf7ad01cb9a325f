// OPEN messages (RFC 4271 §4.2), their capabilities (RFC 5492 and the capability RFCs) and
// the extended optional parameters format of RFC 9072.
//
// Layout used throughout: header 0–18, Version 19, My AS 20–21, Hold Time 22–23, BGP
// Identifier 24–27, Opt Parm Len 28, then parameters from 29: type 29, length 30, and (for a
// Capabilities parameter) the first capability's code at 31.
#include <gtest/gtest.h>

#include <optional>
#include <string>
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
using test::message_node;
using test::only;

void expect_problem(const DecodeProblem& p, std::uint32_t offset, std::uint32_t length,
                    Severity severity, std::string_view text,
                    Treatment treatment = Treatment::None) {
  test::expect_problem(p, offset, length, severity, treatment, text);
}

constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

void expect_ranges(const std::vector<ItemRange>& got, const std::vector<ItemRange>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].code, want[i].code) << i;
    EXPECT_EQ(got[i].offset, want[i].offset) << i;
    EXPECT_EQ(got[i].length, want[i].length) << i;
  }
}

// An OPEN with only the capabilities given (the builder's defaults switched off).
gen::OpenSpec bare() {
  gen::OpenSpec s;
  s.multiprotocol.clear();
  s.route_refresh = false;
  return s;
}

// An OPEN body: the fixed fields, then `params` as given after Opt Parm Len = `opt_len`.
ByteVector open_with_params(std::uint8_t opt_len, const ByteVector& params,
                            std::uint16_t hold_time = 90) {
  ByteWriter body;
  body.u8(4).u16(65001).u16(hold_time).u32(0x0A000001).u8(opt_len).bytes(params);
  return gen::message(msg_type::kOpen, body.data());
}

TEST(OpenDecoder, FixedFieldsAndTheDefaultCapabilities) {
  const ByteVector m = gen::open(gen::OpenSpec{});
  // MP 1/1 (2 + 4) and Route Refresh (2 + 0) in one Capabilities parameter of 2 + 8 bytes.
  ASSERT_EQ(m.size(), 39u);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(d.type, msg_type::kOpen);
  EXPECT_TRUE(d.problems.empty());
  ASSERT_TRUE(d.open.has_value());
  const OpenValues& o = *d.open;
  EXPECT_EQ(o.version, 4);
  EXPECT_EQ(o.my_as, 65001);
  EXPECT_EQ(o.hold_time, 90);
  EXPECT_EQ(o.bgp_id, 0x0A000001u);
  EXPECT_FALSE(o.as4.has_value());
  EXPECT_EQ(o.capabilities_seen, (std::vector<std::uint8_t>{1, 2}));
  EXPECT_EQ(o.multiprotocol, std::vector<Family>{kIpv4Unicast});
  EXPECT_TRUE(o.route_refresh);
  EXPECT_FALSE(o.extended_message);
  EXPECT_FALSE(o.graceful_restart);
  EXPECT_TRUE(o.add_path.empty());
  expect_ranges(d.capabilities, {{1, 31, 6}, {2, 37, 2}});

  const FieldTree& t = d.tree;
  const std::uint32_t msg = message_node(t);
  EXPECT_EQ(t.value(msg).substr(0, 4), "OPEN");
  expect_node(t, only(t, msg, FieldId::OpenVersion), FieldId::OpenVersion, 19, 1, "4");
  expect_node(t, only(t, msg, FieldId::OpenMyAs), FieldId::OpenMyAs, 20, 2, "65001");
  expect_node(t, only(t, msg, FieldId::OpenHoldTime), FieldId::OpenHoldTime, 22, 2, "90 s");
  expect_node(t, only(t, msg, FieldId::OpenBgpId), FieldId::OpenBgpId, 24, 4, "10.0.0.1");
  expect_node(t, only(t, msg, FieldId::OpenOptParamsLength), FieldId::OpenOptParamsLength, 28, 1,
              "10");
  const std::uint32_t param = only(t, msg, FieldId::OpenOptParam);
  expect_node(t, param, FieldId::OpenOptParam, 29, 10, "Capabilities (2)");
  expect_node(t, only(t, param, FieldId::OpenOptParamType), FieldId::OpenOptParamType, 29, 1,
              "Capabilities (2)");
  expect_node(t, only(t, param, FieldId::OpenOptParamLength), FieldId::OpenOptParamLength, 30, 1,
              "8");
  const auto caps = children(t, param, FieldId::Capability);
  ASSERT_EQ(caps.size(), 2u);
  const std::uint32_t mp = caps[0];
  expect_node(t, mp, FieldId::Capability, 31, 6, "Multiprotocol Extensions: IPv4 Unicast (1/1)");
  expect_node(t, only(t, mp, FieldId::CapCode), FieldId::CapCode, 31, 1,
              "Multiprotocol Extensions (1)");
  expect_node(t, only(t, mp, FieldId::CapLength), FieldId::CapLength, 32, 1, "4");
  expect_node(t, only(t, mp, FieldId::CapMpAfi), FieldId::CapMpAfi, 33, 2, "IPv4 (1)");
  expect_node(t, only(t, mp, FieldId::CapMpReserved), FieldId::CapMpReserved, 35, 1, "0");
  expect_node(t, only(t, mp, FieldId::CapMpSafi), FieldId::CapMpSafi, 36, 1, "Unicast (1)");
  const std::uint32_t rr = caps[1];
  expect_node(t, rr, FieldId::Capability, 37, 2, "Route Refresh");
  expect_node(t, only(t, rr, FieldId::CapCode), FieldId::CapCode, 37, 1, "Route Refresh (2)");
  expect_node(t, only(t, rr, FieldId::CapLength), FieldId::CapLength, 38, 1, "0");
}

TEST(OpenDecoder, AsTransIsNamed) {
  gen::OpenSpec s = bare();
  s.my_as = 23456;
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  const auto my_as = d.tree.find_first(FieldId::OpenMyAs);
  ASSERT_TRUE(my_as.has_value());
  EXPECT_EQ(d.tree.value(*my_as), "23456 (AS_TRANS)");
  EXPECT_TRUE(d.problems.empty());
}

TEST(OpenDecoder, CapabilityRangesAreWholeTlvsInOrder) {
  gen::OpenSpec s;
  s.multiprotocol = {kIpv4Unicast, kIpv6Unicast};
  s.route_refresh = true;
  s.extended_message = true;
  s.graceful_restart = gen::GracefulRestart{120, false, false, {kIpv4Unicast}};
  s.as4 = 65001;
  s.add_path = {{kIpv4Unicast, 3}};
  s.enhanced_route_refresh = true;
  s.extra_capabilities = {{200, {}}};
  const ByteVector m = gen::open(s);
  // 2 × MP (6), RR (2), Extended Message (2), GR (2 + 2 + 4), 4-octet AS (6), ADD-PATH (2 + 4),
  // Enhanced RR (2), code 200 (2) = 40 bytes of capabilities from 31.
  ASSERT_EQ(m.size(), 71u);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  expect_ranges(d.capabilities, {{1, 31, 6},
                                 {1, 37, 6},
                                 {2, 43, 2},
                                 {6, 45, 2},
                                 {64, 47, 8},
                                 {65, 55, 6},
                                 {69, 61, 6},
                                 {70, 67, 2},
                                 {200, 69, 2}});
  ASSERT_TRUE(d.open.has_value());
  const OpenValues& o = *d.open;
  EXPECT_EQ(o.capabilities_seen, (std::vector<std::uint8_t>{1, 1, 2, 6, 64, 65, 69, 70, 200}));
  EXPECT_EQ(o.multiprotocol, (std::vector<Family>{kIpv4Unicast, kIpv6Unicast}));
  EXPECT_TRUE(o.route_refresh);
  EXPECT_TRUE(o.extended_message);
  EXPECT_TRUE(o.graceful_restart);
  EXPECT_EQ(o.as4, 65001u);
  ASSERT_EQ(o.add_path.size(), 1u);
  EXPECT_EQ(o.add_path[0].family, kIpv4Unicast);
  EXPECT_EQ(o.add_path[0].send_receive, 3);
}

TEST(OpenDecoder, CapabilitiesInSeveralParameters) {
  // RFC 5492 §4 allows one capability per parameter, as older speakers send them.
  const ByteVector params{2, 6, 1, 4, 0, 1, 0, 1, 2, 2, 2, 0};
  const DecodedMessage d = decode_checked(open_with_params(12, params), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  expect_ranges(d.capabilities, {{1, 31, 6}, {2, 39, 2}});
  const auto msg = message_node(d.tree);
  const auto params_nodes = children(d.tree, msg, FieldId::OpenOptParam);
  ASSERT_EQ(params_nodes.size(), 2u);
  EXPECT_EQ(d.tree.node(params_nodes[0]).offset, 29u);
  EXPECT_EQ(d.tree.node(params_nodes[0]).length, 8u);
  EXPECT_EQ(d.tree.node(params_nodes[1]).offset, 37u);
  EXPECT_EQ(d.tree.node(params_nodes[1]).length, 4u);
}

TEST(OpenDecoder, GracefulRestartFlagsTimeAndFamilies) {
  // Restart Flags 0x8 (R), Restart Time 0xABC = 2748 s (RFC 4724 §3); IPv4 unicast with F,
  // IPv6 unicast without.
  gen::OpenSpec s = bare();
  s.extra_capabilities = {{64, {0x8A, 0xBC, 0, 1, 1, 0x80, 0, 2, 1, 0x00}}};
  const ByteVector m = gen::open(s);
  ASSERT_EQ(m.size(), 43u);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_TRUE(d.open.has_value());
  EXPECT_TRUE(d.open->graceful_restart);
  expect_ranges(d.capabilities, {{64, 31, 12}});
  const FieldTree& t = d.tree;
  const auto cap = t.find_first(FieldId::Capability);
  ASSERT_TRUE(cap.has_value());
  expect_node(t, *cap, FieldId::Capability, 31, 12,
              "Graceful Restart: restart time 2748 s, R, 2 families");
  expect_node(t, only(t, *cap, FieldId::CapCode), FieldId::CapCode, 31, 1, "Graceful Restart (64)");
  expect_node(t, only(t, *cap, FieldId::CapLength), FieldId::CapLength, 32, 1, "10");
  const std::uint32_t flags = only(t, *cap, FieldId::CapGrFlags);
  expect_node(t, flags, FieldId::CapGrFlags, 33, 1, "0x8");
  expect_node(t, only(t, flags, FieldId::CapGrRestartState), FieldId::CapGrRestartState, 33, 1,
              "set", 0x80);
  expect_node(t, only(t, flags, FieldId::CapGrNotification), FieldId::CapGrNotification, 33, 1,
              "not set", 0x40);
  expect_node(t, only(t, *cap, FieldId::CapGrRestartTime), FieldId::CapGrRestartTime, 33, 2,
              "2748 s", 0x0FFF);
  const auto families = children(t, *cap, FieldId::CapGrFamily);
  ASSERT_EQ(families.size(), 2u);
  expect_node(t, families[0], FieldId::CapGrFamily, 35, 4, "IPv4 Unicast (1/1), F");
  expect_node(t, only(t, families[0], FieldId::CapAfi), FieldId::CapAfi, 35, 2, "IPv4 (1)");
  expect_node(t, only(t, families[0], FieldId::CapSafi), FieldId::CapSafi, 37, 1, "Unicast (1)");
  expect_node(t, only(t, families[0], FieldId::CapGrAfFlags), FieldId::CapGrAfFlags, 38, 1,
              "0x80 (forwarding state preserved)");
  expect_node(t, families[1], FieldId::CapGrFamily, 39, 4, "IPv6 Unicast (2/1)");
  expect_node(t, only(t, families[1], FieldId::CapGrAfFlags), FieldId::CapGrAfFlags, 42, 1, "0x00");
}

TEST(OpenDecoder, GracefulRestartNotificationBitAndNoFamilies) {
  gen::OpenSpec s = bare();
  s.graceful_restart = gen::GracefulRestart{120, false, true, {}};  // 0x4078 (RFC 8538 §2)
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const auto cap = t.find_first(FieldId::Capability);
  ASSERT_TRUE(cap.has_value());
  EXPECT_EQ(t.value(*cap), "Graceful Restart: restart time 120 s, N, 0 families");
  const std::uint32_t flags = only(t, *cap, FieldId::CapGrFlags);
  EXPECT_EQ(t.value(flags), "0x4");
  EXPECT_EQ(t.value(only(t, flags, FieldId::CapGrRestartState)), "not set");
  EXPECT_EQ(t.value(only(t, flags, FieldId::CapGrNotification)), "set");
  EXPECT_EQ(t.value(only(t, *cap, FieldId::CapGrRestartTime)), "120 s");
}

TEST(OpenDecoder, GracefulRestartWithABadLength) {
  gen::OpenSpec s = bare();
  s.extra_capabilities = {{64, {0x00, 0x78, 0x00}}};
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 33, 3, Severity::Error,
                 "Graceful Restart capability length 3 is not 2 + 4 per address family");
}

TEST(OpenDecoder, FourOctetAsCapability) {
  gen::OpenSpec s = bare();
  s.my_as = 23456;
  s.as4 = 4200000002u;
  const ByteVector m = gen::open(s);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_TRUE(d.open.has_value());
  EXPECT_EQ(d.open->as4, 4200000002u);
  EXPECT_EQ(d.open->my_as, 23456);
  expect_ranges(d.capabilities, {{65, 31, 6}});
  const auto cap = d.tree.find_first(FieldId::Capability);
  ASSERT_TRUE(cap.has_value());
  EXPECT_EQ(d.tree.value(*cap), "4-octet AS number: 4200000002");
  expect_node(d.tree, only(d.tree, *cap, FieldId::CapAs4), FieldId::CapAs4, 33, 4, "4200000002");
}

TEST(OpenDecoder, FourOctetAsCapabilityWithABadLength) {
  gen::OpenSpec s = bare();
  s.extra_capabilities = {{65, {0, 0, 0xFD}}};
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  ASSERT_TRUE(d.open.has_value());
  EXPECT_FALSE(d.open->as4.has_value());
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 33, 3, Severity::Error, "capability length 3 is not 4");
}

TEST(OpenDecoder, AddPathSendReceiveValues) {
  gen::OpenSpec s = bare();
  s.add_path = {{kIpv4Unicast, 1}, {kIpv6Unicast, 2}, {{afi::kIpv4, safi::kMulticast}, 3}};
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_TRUE(d.open.has_value());
  ASSERT_EQ(d.open->add_path.size(), 3u);
  EXPECT_EQ(d.open->add_path[0].send_receive, 1);
  EXPECT_EQ(d.open->add_path[1].family, kIpv6Unicast);
  EXPECT_EQ(d.open->add_path[1].send_receive, 2);
  EXPECT_EQ(d.open->add_path[2].send_receive, 3);
  const FieldTree& t = d.tree;
  const auto cap = t.find_first(FieldId::Capability);
  ASSERT_TRUE(cap.has_value());
  EXPECT_EQ(t.value(*cap), "ADD-PATH: ipv4 Receive, ipv6 Send, ipv4 mcast Send/Receive");
  const auto families = children(t, *cap, FieldId::CapAddPathFamily);
  ASSERT_EQ(families.size(), 3u);
  // Each family: AFI (2), SAFI (1), Send/Receive (1), from 33 (RFC 7911 §4).
  const char* modes[] = {"Receive (1)", "Send (2)", "Send/Receive (3)"};
  for (std::uint32_t i = 0; i < 3; ++i) {
    const std::uint32_t at = 33 + 4 * i;
    EXPECT_EQ(t.node(families[i]).offset, at);
    EXPECT_EQ(t.node(families[i]).length, 4u);
    expect_node(t, only(t, families[i], FieldId::CapAddPathSendReceive),
                FieldId::CapAddPathSendReceive, at + 3, 1, modes[i]);
    EXPECT_EQ(t.node(only(t, families[i], FieldId::CapAfi)).offset, at);
    EXPECT_EQ(t.node(only(t, families[i], FieldId::CapSafi)).offset, at + 2);
  }
}

TEST(OpenDecoder, AddPathInvalidSendReceiveIsIgnored) {
  gen::OpenSpec s = bare();
  s.extra_capabilities = {{69, {0, 1, 1, 3, 0, 2, 1, 4}}};
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  ASSERT_TRUE(d.open.has_value());
  // RFC 7911 §4: only 1, 2 and 3 are defined; the family with 4 is left out.
  ASSERT_EQ(d.open->add_path.size(), 1u);
  EXPECT_EQ(d.open->add_path[0].family, kIpv4Unicast);
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 40, 1, Severity::Error, "Send/Receive value 4 is not 1, 2 or 3");
  const auto families =
      children(d.tree, *d.tree.find_first(FieldId::Capability), FieldId::CapAddPathFamily);
  ASSERT_EQ(families.size(), 2u);
  expect_node(d.tree, only(d.tree, families[1], FieldId::CapAddPathSendReceive),
              FieldId::CapAddPathSendReceive, 40, 1, "unassigned (4)");
  const auto err = only(d.tree, families[1], FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(err).offset, 40u);
  EXPECT_EQ(d.tree.node(err).length, 1u);
}

TEST(OpenDecoder, AddPathWithALengthNotAMultipleOfFour) {
  gen::OpenSpec s = bare();
  s.extra_capabilities = {{69, {0, 1, 1, 3, 0, 2}}};
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  ASSERT_TRUE(d.open.has_value());
  EXPECT_TRUE(d.open->add_path.empty());
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 33, 6, Severity::Error, "length 6 is not a multiple of 4");
}

TEST(OpenDecoder, UnknownCapabilityIsShownRaw) {
  gen::OpenSpec s = bare();
  s.extra_capabilities = {{200, {1, 2, 3}}, {72, {0xAB}}};
  const DecodedMessage d = decode_checked(gen::open(s), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  expect_ranges(d.capabilities, {{200, 31, 5}, {72, 36, 3}});
  ASSERT_TRUE(d.open.has_value());
  EXPECT_EQ(d.open->capabilities_seen, (std::vector<std::uint8_t>{200, 72}));
  const FieldTree& t = d.tree;
  const auto caps = children(t, *t.find_first(FieldId::OpenOptParam), FieldId::Capability);
  ASSERT_EQ(caps.size(), 2u);
  expect_node(t, caps[0], FieldId::Capability, 31, 5, "unassigned (200)");
  expect_node(t, only(t, caps[0], FieldId::CapCode), FieldId::CapCode, 31, 1, "unassigned (200)");
  expect_node(t, only(t, caps[0], FieldId::CapValue), FieldId::CapValue, 33, 3, "01 02 03");
  // A named code with no value decoder (Routing Policy Distribution, 72) is shown raw as well.
  expect_node(t, caps[1], FieldId::Capability, 36, 3, "Routing Policy Distribution (72)");
  expect_node(t, only(t, caps[1], FieldId::CapValue), FieldId::CapValue, 38, 1, "ab");
}

TEST(OpenDecoder, ExtendedOptionalParametersOfRfc9072) {
  // Opt Parm Len 255, Non-Extended Type 255, a 2-byte total, then parameters with 2-byte
  // lengths (RFC 9072 §2): type 2 at 32, length at 33–34, capabilities from 35.
  ByteWriter params;
  params.u8(255).u16(11).u8(2).u16(8).bytes({1, 4, 0, 1, 0, 1}).bytes({2, 0});
  const ByteVector m = open_with_params(255, params.data());
  ASSERT_EQ(m.size(), 43u);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  expect_ranges(d.capabilities, {{1, 35, 6}, {2, 41, 2}});
  ASSERT_TRUE(d.open.has_value());
  EXPECT_EQ(d.open->multiprotocol, std::vector<Family>{kIpv4Unicast});
  EXPECT_TRUE(d.open->route_refresh);
  const FieldTree& t = d.tree;
  const std::uint32_t msg = message_node(t);
  expect_node(t, only(t, msg, FieldId::OpenOptParamsLength), FieldId::OpenOptParamsLength, 28, 1,
              "255");
  expect_node(t, only(t, msg, FieldId::OpenExtMarker), FieldId::OpenExtMarker, 29, 1, "255");
  expect_node(t, only(t, msg, FieldId::OpenExtParamsLength), FieldId::OpenExtParamsLength, 30, 2,
              "11");
  const std::uint32_t param = only(t, msg, FieldId::OpenOptParam);
  EXPECT_EQ(t.node(param).offset, 32u);
  EXPECT_EQ(t.node(param).length, 11u);
  expect_node(t, only(t, param, FieldId::OpenOptParamType), FieldId::OpenOptParamType, 32, 1,
              "Capabilities (2)");
  expect_node(t, only(t, param, FieldId::OpenOptParamLength), FieldId::OpenOptParamLength, 33, 2,
              "8");
}

TEST(OpenDecoder, CapabilityLengthOverrunningItsParameter) {
  // A Capabilities parameter of 4 bytes holding a 4-octet AS capability that claims 4 value
  // bytes where 2 remain.
  const ByteVector params{2, 4, 65, 4, 0xFA, 0x56};
  const DecodedMessage d = decode_checked(open_with_params(6, params), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 33, 2, Severity::Error,
                 "capability length 4 exceeds the 2 bytes left in the parameter",
                 Treatment::SessionReset);
  expect_ranges(d.capabilities, {{65, 31, 4}});
  ASSERT_TRUE(d.open.has_value());
  EXPECT_FALSE(d.open->as4.has_value());
  EXPECT_EQ(d.open->capabilities_seen, std::vector<std::uint8_t>{65});
  const auto cap = d.tree.find_first(FieldId::Capability);
  ASSERT_TRUE(cap.has_value());
  EXPECT_EQ(d.tree.node(*cap).offset, 31u);
  EXPECT_EQ(d.tree.node(*cap).length, 4u);
  const std::uint32_t err = only(d.tree, *cap, FieldId::ErrorNode);
  EXPECT_EQ(d.tree.node(err).offset, 33u);
  EXPECT_EQ(d.tree.node(err).length, 2u);
}

TEST(OpenDecoder, ParameterLengthOverrunningTheOptionalParameters) {
  const ByteVector params{2, 10, 2, 0, 2, 0};
  const DecodedMessage d = decode_checked(open_with_params(6, params), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 31, 4, Severity::Error,
                 "parameter length 10 exceeds the 4 bytes left of the optional parameters",
                 Treatment::SessionReset);
  const auto param = d.tree.find_first(FieldId::OpenOptParam);
  ASSERT_TRUE(param.has_value());
  EXPECT_EQ(d.tree.node(*param).offset, 29u);
  EXPECT_EQ(d.tree.node(*param).length, 6u);
}

TEST(OpenDecoder, OptionalParametersLengthOverrunningTheMessage) {
  ByteVector m = gen::open(gen::OpenSpec{});
  m[28] = 20;  // 10 bytes follow
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 28, 1, Severity::Error,
                 "optional parameters length 20 exceeds the 10 bytes left in the message",
                 Treatment::SessionReset);
  // The parameters that are there are still decoded.
  expect_ranges(d.capabilities, {{1, 31, 6}, {2, 37, 2}});
}

TEST(OpenDecoder, CapabilityHeaderCutShort) {
  const ByteVector params{2, 1, 65};
  const DecodedMessage d = decode_checked(open_with_params(3, params), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 31, 1, Severity::Error, "capability header needs 2 bytes");
}

TEST(OpenDecoder, UnsupportedOptionalParameterIsAWarning) {
  const ByteVector params{1, 2, 0xAA, 0xBB};
  const DecodedMessage d = decode_checked(open_with_params(4, params), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 29, 1, Severity::Warning, "optional parameter type 1");
  const auto value = d.tree.find_first(FieldId::OpenOptParamValue);
  ASSERT_TRUE(value.has_value());
  expect_node(d.tree, *value, FieldId::OpenOptParamValue, 31, 2, "aa bb");
  EXPECT_TRUE(d.capabilities.empty());
}

TEST(OpenDecoder, BytesAfterTheOptionalParametersAreTrailing) {
  const ByteVector params{0xDE, 0xAD};
  const DecodedMessage d = decode_checked(open_with_params(0, params), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 29, 2, Severity::Error, "after the optional parameters");
}

TEST(OpenDecoder, HoldTimeOneOrTwoIsUnacceptable) {
  for (std::uint16_t hold : {1, 2}) {
    const DecodedMessage d = decode_checked(open_with_params(0, {}, hold), PeerContext{});
    ASSERT_EQ(d.problems.size(), 1u) << hold;
    expect_problem(d.problems[0], 22, 2, Severity::Error, "2/6 Unacceptable Hold Time");
  }
  // RFC 4271 §4.2: 0 or at least 3.
  for (std::uint16_t hold : {0, 3, 65535}) {
    EXPECT_TRUE(decode_checked(open_with_params(0, {}, hold), PeerContext{}).problems.empty())
        << hold;
  }
}

TEST(OpenDecoder, ZeroBgpIdentifierVersionAndMyAs) {
  gen::OpenSpec s = bare();
  s.bgp_id = 0;
  const DecodedMessage id = decode_checked(gen::open(s), PeerContext{});
  ASSERT_EQ(id.problems.size(), 1u);
  expect_problem(id.problems[0], 24, 4, Severity::Error, "2/3 Bad BGP Identifier");

  ByteVector v3 = gen::open(bare());
  v3[19] = 3;
  const DecodedMessage version = decode_checked(v3, PeerContext{});
  ASSERT_EQ(version.problems.size(), 1u);
  expect_problem(version.problems[0], 19, 1, Severity::Error, "2/1 Unsupported Version Number");

  gen::OpenSpec zero = bare();
  zero.my_as = 0;
  const DecodedMessage as0 = decode_checked(gen::open(zero), PeerContext{});
  ASSERT_EQ(as0.problems.size(), 1u);
  expect_problem(as0.problems[0], 20, 2, Severity::Error, "2/2 Bad Peer AS");
  EXPECT_EQ(as0.tree.value(*as0.tree.find_first(FieldId::OpenMyAs)), "0 (reserved AS 0)");
}

}  // namespace
}  // namespace bgplens

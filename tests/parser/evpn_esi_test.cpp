// Ethernet Segment Identifiers (RFC 7432 §5): the fields of each ESI type, MAX-ESI and a type
// no RFC defines, in Ethernet Segment routes (RFC 7432 §7.4).
//
// announce_segment(): MP_REACH_NLRI at 30 with the extended-length flag, NLRI from 43 (see
// evpn_routes_test.cpp); the route's RD is at 45–52 and its ESI at 53–62.
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
using test::negotiated;
using test::only;

ByteVector announce_segment(const ByteVector& esi) {
  ByteVector value{0, 25, 70, 4, 192, 0, 2, 1, 0, 4, 23, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1};
  value.insert(value.end(), esi.begin(), esi.end());
  value.insert(value.end(), {32, 10, 0, 0, 1});
  return gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::attribute(0x90, 14, value)}, {}});
}

// An Ethernet Segment route (RFC 7432 §7.4) carrying `esi`; returns the ESI node.
std::uint32_t segment_esi(const DecodedMessage& d) {
  const auto route = d.tree.find_first(FieldId::EvpnNlri);
  EXPECT_TRUE(route.has_value());
  return route ? only(d.tree, *route, FieldId::EvpnEsi) : 0;
}

DecodedMessage segment_route(const ByteVector& esi) {
  return decode_checked(announce_segment(esi), negotiated(true));
}

TEST(EvpnEsi, EachEsiTypeInAnEthernetSegmentRoute) {
  // RFC 7432 §5. ESI at 53–62 (type 53, fields from 54).
  {
    const DecodedMessage d = segment_route({1, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x64, 0});
    EXPECT_TRUE(d.problems.empty());
    ASSERT_EQ(d.nlri.size(), 1u);
    EXPECT_EQ(d.nlri[0].text,
              "[4] RD 65000:1 ESI 01:aa:bb:cc:dd:ee:ff:00:64:00 originator 10.0.0.1");
    const std::uint32_t e = segment_esi(d);
    expect_node(d.tree, e, FieldId::EvpnEsi, 53, 10, "01:aa:bb:cc:dd:ee:ff:00:64:00 (LACP)");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiSystemMac), FieldId::EvpnEsiSystemMac, 54,
                6, "aa:bb:cc:dd:ee:ff");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiPortKey), FieldId::EvpnEsiPortKey, 60, 2,
                "100");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiReserved), FieldId::EvpnEsiReserved, 62, 1,
                "0");
  }
  {
    const DecodedMessage d = segment_route({2, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x80, 0x00, 0});
    const std::uint32_t e = segment_esi(d);
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiType), FieldId::EvpnEsiType, 53, 1,
                "MSTP root bridge (2)");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiRootBridgeMac),
                FieldId::EvpnEsiRootBridgeMac, 54, 6, "aa:bb:cc:dd:ee:ff");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiBridgePriority),
                FieldId::EvpnEsiBridgePriority, 60, 2, "32768");
  }
  {
    // Type 3: a 3-octet discriminator (0x345678), no reserved octet.
    const DecodedMessage d =
        segment_route({3, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x34, 0x56, 0x78});
    const std::uint32_t e = segment_esi(d);
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiSystemMac), FieldId::EvpnEsiSystemMac, 54,
                6, "aa:bb:cc:dd:ee:ff");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiDiscriminator),
                FieldId::EvpnEsiDiscriminator, 60, 3, "3430008");
    EXPECT_TRUE(children(d.tree, e, FieldId::EvpnEsiReserved).empty());
  }
  {
    const DecodedMessage d = segment_route({4, 10, 0, 0, 1, 0x55, 0x66, 0x77, 0x88, 0});
    const std::uint32_t e = segment_esi(d);
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiRouterId), FieldId::EvpnEsiRouterId, 54, 4,
                "10.0.0.1");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiDiscriminator),
                FieldId::EvpnEsiDiscriminator, 58, 4, "1432778632");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiReserved), FieldId::EvpnEsiReserved, 62, 1,
                "0");
  }
  {
    const DecodedMessage d = segment_route({5, 0, 0, 0xfd, 0xe8, 0, 0, 0, 0x64, 0});
    const std::uint32_t e = segment_esi(d);
    expect_node(d.tree, e, FieldId::EvpnEsi, 53, 10, "05:00:00:fd:e8:00:00:00:64:00 (AS-based)");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiAs), FieldId::EvpnEsiAs, 54, 4, "65000");
    expect_node(d.tree, only(d.tree, e, FieldId::EvpnEsiDiscriminator),
                FieldId::EvpnEsiDiscriminator, 58, 4, "100");
  }
  {
    // MAX-ESI (type 0, all ones) and a type no RFC defines.
    const DecodedMessage d =
        segment_route({0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    expect_node(d.tree, segment_esi(d), FieldId::EvpnEsi, 53, 10,
                "00:ff:ff:ff:ff:ff:ff:ff:ff:ff (MAX-ESI, reserved)");
    const DecodedMessage u = segment_route({9, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    const std::uint32_t e = segment_esi(u);
    expect_node(u.tree, e, FieldId::EvpnEsi, 53, 10, "09:01:02:03:04:05:06:07:08:09");
    expect_node(u.tree, only(u.tree, e, FieldId::EvpnEsiType), FieldId::EvpnEsiType, 53, 1,
                "unassigned (9)");
    expect_node(u.tree, only(u.tree, e, FieldId::EvpnEsiValue), FieldId::EvpnEsiValue, 54, 9,
                "010203040506070809");
  }
}

}  // namespace
}  // namespace bgplens

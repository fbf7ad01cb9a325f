// EVPN extended communities (type 0x06: RFC 7432, 8214, 8317, 8584, 9047, 9135, 9251) and the
// flow-spec action communities with their generic-type relatives (RFC 8955 §7, RFC 7674, RFC
// 4761 §3.2.4, link bandwidth, interface-set, redirect to IP, MUP).
#include <gtest/gtest.h>

#include "parser/extended_communities_helpers.h"

namespace bgplens {
namespace {

using test::decode_communities;
using test::expect_community;
using test::expect_field;
using test::ext_update;
using test::only;

TEST(ExtendedCommunitiesEvpn, EveryDecodedSubType) {
  // Communities at 26 + 8 * i.
  const auto d = decode_communities(ext_update(
      "0600010000000005 0601010000000640 060100000000012c 0602aabbccddeeff 0603aabbcc000001 "
      "0604000205dc0000 0605010000000640 0606014000000000 0608090000000000 0609000300000000 "
      "060afde800000064 0607000000000001 0620000000000000"));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.communities.size(), 13u);
  const auto& c = d.communities;
  const char* evpn = "0x06 (EVPN)";
  // RFC 7432 §7.7: Flags (0x01 sticky), Reserved, Sequence Number 5.
  expect_community(t, c[0], 26, 8, "mac-mobility:5:sticky", evpn, "0x00 (MAC Mobility)");
  const std::uint32_t flags = only(t, c[0], FieldId::ExtCommEvpnFlags);
  test::expect_node(t, flags, FieldId::ExtCommEvpnFlags, 28, 1, "0x01");
  expect_field(t, flags, FieldId::ExtCommEvpnSticky, 28, 1, "1 (sticky)", 0x01);
  expect_field(t, c[0], FieldId::ExtCommReserved, 29, 1, "0");
  expect_field(t, c[0], FieldId::ExtCommEvpnSequence, 30, 4, "5");
  // RFC 7432 §7.5: single-active, label 100 in the top 20 bits of 0x000640.
  expect_community(t, c[1], 34, 8, "esi-label:100:single-active", evpn, "0x01 (ESI Label)");
  expect_field(t, only(t, c[1], FieldId::ExtCommEvpnFlags), FieldId::ExtCommEvpnSingleActive, 36, 1,
               "1 (single-active)", 0x01);
  expect_field(t, c[1], FieldId::ExtCommReserved, 37, 2, "0");
  expect_field(t, c[1], FieldId::ExtCommEvpnLabel, 39, 3, "100", 0xFFFFF0);
  // GoBGP writes the raw 24-bit number 300 (daemons/README.md): label 18 to RFC 7432.
  expect_community(t, c[2], 42, 8, "esi-label:18:all-active", evpn, "0x01 (ESI Label)");
  expect_field(t, c[2], FieldId::ExtCommEvpnLabel, 47, 3, "18 (as a 24-bit VNI: 300)", 0xFFFFF0);
  // RFC 7432 §7.6 and RFC 9135 §8.1: MAC addresses.
  expect_community(t, c[3], 50, 8, "es-import:aa:bb:cc:dd:ee:ff", evpn,
                   "0x02 (ES-Import Route Target)");
  expect_field(t, c[3], FieldId::ExtCommEvpnEsImport, 52, 6, "aa:bb:cc:dd:ee:ff");
  expect_community(t, c[4], 58, 8, "router-mac:aa:bb:cc:00:00:01", evpn,
                   "0x03 (EVPN Router's MAC)");
  expect_field(t, c[4], FieldId::ExtCommEvpnRouterMac, 60, 6, "aa:bb:cc:00:00:01");
  // RFC 8214 §3.1: flags 0x0002 (P), MTU 1500.
  expect_community(t, c[5], 66, 8, "l2-attr:P:1500", evpn, "0x04 (Layer 2 Attributes)");
  const std::uint32_t l2 = only(t, c[5], FieldId::ExtCommEvpnL2Flags);
  test::expect_node(t, l2, FieldId::ExtCommEvpnL2Flags, 68, 2, "0x0002");
  expect_field(t, l2, FieldId::ExtCommEvpnL2ControlWord, 68, 2, "0", 0x0004);
  expect_field(t, l2, FieldId::ExtCommEvpnL2Primary, 68, 2, "1", 0x0002);
  expect_field(t, l2, FieldId::ExtCommEvpnL2Backup, 68, 2, "0", 0x0001);
  expect_field(t, c[5], FieldId::ExtCommEvpnL2Mtu, 70, 2, "1500");
  expect_field(t, c[5], FieldId::ExtCommReserved, 72, 2, "0");
  // RFC 8317 §5.1: leaf, leaf label 100.
  expect_community(t, c[6], 74, 8, "etree:leaf:100", evpn, "0x05 (E-Tree)");
  expect_field(t, only(t, c[6], FieldId::ExtCommEvpnFlags), FieldId::ExtCommEvpnLeaf, 76, 1,
               "1 (leaf)", 0x01);
  expect_field(t, c[6], FieldId::ExtCommEvpnLeafLabel, 79, 3, "100", 0xFFFFF0);
  // RFC 8584 §2.2: DF Alg 1 (HRW), bitmap 0x4000 (AC-DF).
  expect_community(t, c[7], 82, 8, "df-election:HRW:ac-df", evpn, "0x06 (DF Election)");
  expect_field(t, c[7], FieldId::ExtCommEvpnDfAlg, 84, 1, "1 (HRW)", 0x1F);
  const std::uint32_t bitmap = only(t, c[7], FieldId::ExtCommEvpnDfBitmap);
  test::expect_node(t, bitmap, FieldId::ExtCommEvpnDfBitmap, 85, 2, "0x4000");
  expect_field(t, bitmap, FieldId::ExtCommEvpnDfAcDf, 85, 2, "1", 0x4000);
  expect_field(t, c[7], FieldId::ExtCommReserved, 87, 3, "0");
  // RFC 9047 §3: flags 0x09 = I and R.
  expect_community(t, c[8], 90, 8, "arp-nd:IR", evpn, "0x08 (ARP/ND)");
  expect_field(t, c[8], FieldId::ExtCommEvpnArpNdFlags, 92, 1, "0x09 (IR)");
  expect_field(t, c[8], FieldId::ExtCommReserved, 93, 5, "0");
  // RFC 9251 §9: IGMP and MLD proxy support.
  expect_community(t, c[9], 98, 8, "mcast-flags:MI", evpn, "0x09 (Multicast Flags)");
  expect_field(t, c[9], FieldId::ExtCommEvpnMulticastFlags, 100, 2, "0x0003 (MI)");
  // RFC 9251 §9: EVI-RT type 0 has a two-octet-AS route target's layout.
  expect_community(t, c[10], 106, 8, "evi-rt:65000:100", evpn, "0x0a (EVI-RT Type 0)");
  expect_field(t, c[10], FieldId::ExtCommGlobalAs, 108, 2, "65000");
  // Reserved by IANA (an early draft's I-SID), and an unassigned sub-type.
  expect_community(t, c[11], 114, 8, "unknown:0x0607:000000000001", evpn,
                   "0x07 (Reserved (formerly I-SID))");
  expect_community(t, c[12], 122, 8, "unknown:0x0620:000000000000", evpn, "0x20");
}

TEST(ExtendedCommunitiesFlowspec, ActionsAndRelatives) {
  const auto d = decode_communities(ext_update(
      "8006000046160000 8006fde800000000 800c0000447a0000 8007000000000003 8008fde800000064 "
      "8108010203040064 8208fa56ea010007 800900000000004a 800a130005dc006f 0800000000000001 "
      "010c010203040000 0702000004d2400a 4004fde847f42400 0c00000a0000000a 8000000000000501 "
      "800600003f000000 80060000bf800000"));
  const FieldTree& t = d.tree();
  EXPECT_TRUE(d.message.problems.empty());
  ASSERT_EQ(d.communities.size(), 17u);
  const auto& c = d.communities;
  const char* generic = "0x80 (Generic Transitive (flow-spec))";
  // RFC 8955 §7.1: AS 0, rate 9600.0 (0x46160000) bytes/s.
  expect_community(t, c[0], 26, 8, "rate-limit:9600", generic,
                   "0x06 (Flow spec traffic-rate-bytes)");
  expect_field(t, c[0], FieldId::ExtCommGlobalAs, 28, 2, "0");
  expect_field(t, c[0], FieldId::ExtCommFlowRate, 30, 4, "9600 bytes/s (76.8 kbit/s)");
  expect_field(t, c[1], FieldId::ExtCommGlobalAs, 36, 2, "65000");
  expect_field(t, c[1], FieldId::ExtCommFlowRate, 38, 4, "0 bytes/s (discard)");
  EXPECT_EQ(t.value(c[1]), "rate-limit:0");
  // RFC 8955 §7.2: 1000.0 packets/s.
  expect_community(t, c[2], 42, 8, "rate-limit:1000:packets", generic,
                   "0x0c (Flow spec traffic-rate-packets)");
  expect_field(t, c[2], FieldId::ExtCommFlowRate, 46, 4, "1000 packets/s");
  // RFC 8955 §7.3: S and T, the two low bits of the last octet (57).
  expect_community(t, c[3], 50, 8, "action sample-terminal", generic,
                   "0x07 (Flow spec traffic-action)");
  const std::uint32_t action = only(t, c[3], FieldId::ExtCommFlowActionFlags);
  test::expect_node(t, action, FieldId::ExtCommFlowActionFlags, 52, 6, "000000000003");
  expect_field(t, action, FieldId::ExtCommFlowSample, 57, 1, "1", 0x02);
  expect_field(t, action, FieldId::ExtCommFlowTerminal, 57, 1, "1", 0x01);
  // RFC 8955 §7.4 and RFC 8955 §7.4: the three redirect layouts.
  expect_community(t, c[4], 58, 8, "redirect:65000:100", generic,
                   "0x08 (Flow spec rt-redirect AS-2octet format)");
  expect_community(t, c[5], 66, 8, "redirect:1.2.3.4:100",
                   "0x81 (Generic Transitive Part 2 (flow-spec))",
                   "0x08 (Flow spec rt-redirect IPv4 format)");
  expect_field(t, c[5], FieldId::ExtCommGlobalIpv4, 68, 4, "1.2.3.4");
  expect_community(t, c[6], 74, 8, "redirect:4200000001:7",
                   "0x82 (Generic Transitive Part 3 (flow-spec))",
                   "0x08 (Flow spec rt-redirect AS-4octet format)");
  expect_field(t, c[6], FieldId::ExtCommGlobalAs, 76, 4, "4200000001");
  // RFC 8955 §7.5: DSCP in the low 6 bits of 0x4a.
  expect_community(t, c[7], 82, 8, "mark 10", generic, "0x09 (Flow spec traffic-remarking)");
  expect_field(t, c[7], FieldId::ExtCommReserved, 84, 5, "0");
  expect_field(t, c[7], FieldId::ExtCommFlowDscp, 89, 1, "10", 0x3F);
  // RFC 4761 §3.2.4: encaps 19 (VPLS), flags 0, MTU 1500, reserved/preference 111.
  expect_community(t, c[8], 90, 8, "l2info:19:0:1500:111", generic, "0x0a (Layer2 Info)");
  expect_field(t, c[8], FieldId::ExtCommL2Encaps, 92, 1, "19 (VPLS)");
  expect_field(t, c[8], FieldId::ExtCommL2ControlFlags, 93, 1, "0x00");
  expect_field(t, c[8], FieldId::ExtCommL2Mtu, 94, 2, "1500");
  expect_field(t, c[8], FieldId::ExtCommL2Preference, 96, 2, "111");
  // draft-simpson-idr-flowspec-redirect: copy to the UPDATE's next hop.
  expect_community(t, c[9], 98, 8, "copy-to-nexthop",
                   "0x08 (Flow-spec Redirect/Mirror to IP Next-hop)",
                   "0x00 (Flow-spec redirect to IP next-hop)");
  expect_field(t, c[9], FieldId::ExtCommReserved, 100, 4, "0");
  expect_field(t, c[9], FieldId::ExtCommFlowCopy, 104, 2, "1 (copy)", 0x0001);
  // draft-ietf-idr-flowspec-redirect-ip: redirect to 1.2.3.4, C clear.
  expect_community(t, c[10], 106, 8, "redirect-to-nexthop-ietf 1.2.3.4",
                   "0x01 (Transitive IPv4-Address-Specific)", "0x0c (Flow-spec Redirect to IPv4)");
  const std::uint32_t local = only(t, c[10], FieldId::ExtCommLocalAdmin);
  test::expect_node(t, local, FieldId::ExtCommLocalAdmin, 112, 2, "0x0000");
  expect_field(t, local, FieldId::ExtCommFlowCopy, 112, 2, "0 (redirect)", 0x0001);
  // draft-ietf-idr-flowspec-interfaceset: AS 1234, I set, group 10.
  expect_community(t, c[11], 114, 8, "interface-set:input:1234:10", "0x07 (FlowSpec Transitive)",
                   "0x02 (Flow-spec interface-set)");
  expect_field(t, c[11], FieldId::ExtCommGlobalAs, 116, 4, "1234");
  expect_field(t, c[11], FieldId::ExtCommInterfaceSetDirection, 120, 2, "01 (input)", 0xC000);
  expect_field(t, c[11], FieldId::ExtCommInterfaceSetGroup, 120, 2, "10", 0x3FFF);
  // RFC 10005: AS 65000, 125000.0 (0x47f42400) bytes/s.
  expect_community(t, c[12], 122, 8, "link-bandwidth:65000:125000",
                   "0x40 (Non-Transitive Two-Octet AS-Specific)", "0x04 (Link Bandwidth)");
  expect_field(t, c[12], FieldId::ExtCommLinkBandwidth, 126, 4, "125000 bytes/s (1 Mbit/s)");
  // draft-mpmz-bess-mup-safi: Direct Segment Identifier 0x000a0000000a.
  expect_community(t, c[13], 130, 8, "mup:10:10", "0x0c (SRv6 MUP)",
                   "0x00 (MUP Direct-Type Segment Identifier)");
  expect_field(t, c[13], FieldId::ExtCommMupSegmentId, 132, 6, "10:10");
  // RFC 4577 §4.2.6: the deprecated experimental code point of the OSPF route type.
  expect_community(t, c[14], 138, 8, "ospf-route-type:0.0.0.0:5:1", generic,
                   "0x00 (OSPF Route Type (deprecated))");
  // A rate with a fraction: 0.5 (0x3f000000).
  EXPECT_EQ(t.value(c[15]), "rate-limit:0.5");
  expect_field(t, c[15], FieldId::ExtCommFlowRate, 150, 4, "0.5 bytes/s");
  // RFC 8955 §7.1: a negative rate (-1.0, 0xbf800000) is decoded as 0.
  EXPECT_EQ(t.value(c[16]), "rate-limit:-1");
  expect_field(t, c[16], FieldId::ExtCommFlowRate, 158, 4, "-1 bytes/s (negative: as 0, discard)");
}

}  // namespace
}  // namespace bgplens

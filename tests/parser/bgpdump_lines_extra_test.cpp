// Where BGP Lens's bgpdump -m lines go past bgpdump's (bgpdump_lines.h lists the cases): the
// expectations are BGP Lens's own, and what bgpdump 1.6.2 prints or logs for the same bytes is
// quoted beside them. Also the notes on damage and cut records, and .xz input.
//
// How the expected lines were obtained: each test's file was written out by running the test
// with BGPLENS_DUMP_CRAFTED=DIR (see bgpdump_craft.h), and `bgpdump -m -v DIR/NAME.mrt`
// (Debian's bgpdump 1.6.2-2) was run on it. The test does not need bgpdump.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bgpdump_craft.h"
#include "buffer/byte_store.h"
#include "compression_helpers.h"
#include "index/source_file.h"
#include "mrt/store_walk.h"

namespace bgplens::mrt {
namespace {

using namespace craft;

TEST(BgpdumpLines, RibsOfEveryKindAndTheGeoPeerTable) {
  const Data attrs = kOrigin + kPath + kNextHop;
  // GEO_PEER_TABLE (RFC 6397 §3): locations only; the RIB entries' peers stay the
  // PEER_INDEX_TABLE's.
  const Data geo = ip("1.2.3.4") + be16(0) + be32(0x3f800000) + be32(0x40000000) + be16(1) + u8(0) +
                   ip("9.9.9.9") + ip("10.0.0.1") + be16(65001) + be32(0x40400000) +
                   be32(0x40800000);
  const Data file =
      peer_table() + record(3000, 13, 7, geo) + rib(3, "192.0.2.0/24", {{0, attrs}, {1, attrs}}) +
      rib(5, "2001:db8::/32", {{1, attrs}}) + rib(9, "192.0.2.0/24", {{0, attrs, 4}}, true) +
      rib(10, "2001:db8::/32", {{1, attrs, 5}}, true) + rib(2, "192.0.2.0/24", {{0, attrs}});
  // bgpdump prints the last (RIB_IPV4_UNICAST) and the ADD-PATH unicast record only:
  //   TABLE_DUMP2_AP|3001|B|2001:db8::1|4200000000|2001:db8::/32|5|65001
  //   65002|IGP|10.0.0.9|0|0||NAG|| TABLE_DUMP2|3001|B|10.0.0.1|65001|192.0.2.0/24|65001
  //   65002|IGP|10.0.0.9|0|0||NAG||
  // BGP Lens prints the multicast RIBs (RFC 6396 §4.3.2 subtypes 3, 5, 9) in the same shape.
  EXPECT_EQ(
      print(file).lines,
      "TABLE_DUMP2|3001|B|10.0.0.1|65001|192.0.2.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|2001:db8::1|4200000000|192.0.2.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|2001:db8::1|4200000000|2001:db8::/32|65001 "
      "65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2_AP|3001|B|10.0.0.1|65001|192.0.2.0/24|4|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2_AP|3001|B|2001:db8::1|4200000000|2001:db8::/32|5|65001 "
      "65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|10.0.0.1|65001|192.0.2.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n");
}

TEST(BgpdumpLines, RibEntriesWithoutTheirPeer) {
  const Data attrs = kOrigin + kPath + kNextHop;
  // No PEER_INDEX_TABLE before the RIB (bgpdump: "missing peer index table", no line), and a
  // peer index past the table (bgpdump aborts on an assertion). BGP Lens prints the entries
  // with empty peer fields and says so.
  const Data file = rib(2, "192.0.2.0/24", {{0, attrs}}) + peer_table() +
                    rib(2, "198.51.100.0/24", {{5, attrs}, {0, attrs}});
  const Printed p = print(file);
  EXPECT_EQ(
      p.lines,
      "TABLE_DUMP2|3001|B|||192.0.2.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|||198.51.100.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|10.0.0.1|65001|198.51.100.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n");
  ASSERT_EQ(p.summary.size(), 2u);
  EXPECT_NE(p.summary[0].find("1 record like the one at byte 0: TABLE_DUMP_V2 RIB_IPV4_UNICAST "
                              "before any PEER_INDEX_TABLE"),
            std::string::npos)
      << p.summary[0];
  EXPECT_NE(p.summary[1].find("peer index 5 is past the 2 peers"), std::string::npos)
      << p.summary[1];
}

TEST(BgpdumpLines, FamiliesBgpdumpSkipsInTheSameShape) {
  // BGP Lens only. bgpdump prints the first line below and nothing else, logging "unknown
  // protocol(AFI=1, SAFI=128)", "unknown AFI,SAFI 1,128", "unknown protocol(AFI=2, SAFI=4)",
  // "unknown protocol(AFI=25, SAFI=70)"; it skips RIB_GENERIC records silently.
  // VPNv4 (RFC 4364 §4.3.4): label, RD type 0 65010:15, prefix; next hop RD 0 + IPv4.
  const Data vpn_nlri =
      u8(24 + 64 + 16) + Data{0x00, 0x01, 0x01} + be16(0) + be16(65010) + be32(15) + Data{192, 168};
  const Data vpn_reach =
      be16(1) + u8(128) + u8(12) + Data(8, 0) + ip("192.168.0.15") + u8(0) + vpn_nlri;
  const Data vpn_unreach = be16(1) + u8(128) + u8(24 + 64 + 24) + Data{0x80, 0, 0} + be16(1) +
                           ip("172.16.0.1") + be16(11) + Data{10, 1, 0};
  // Labeled IPv6 unicast (RFC 8277): two labels, the second with the bottom-of-stack bit.
  const Data labeled = be16(2) + u8(4) + u8(16) + ip("2001:db8::1") + u8(0) + u8(48 + 32) +
                       Data{0, 0x10, 0x00, 0, 0x20, 0x01} + Data{0x20, 0x01, 0x0d, 0xb8};
  // EVPN (AFI 25, SAFI 70): not printed, noted.
  const Data evpn = be16(25) + u8(70) + u8(4) + ip("10.0.0.1") + u8(0) + Data{2, 0};
  const Data attrs =
      kOrigin + kPath + kNextHop + attr(0x80, 14, vpn_reach) + attr(0x80, 15, vpn_unreach);
  // RIB_GENERIC (RFC 6396 §4.3.3) of VPNv4, as OpenBGPD writes it, and of IPv4 unicast.
  const Data generic_vpn = be32(9) + be16(1) + u8(128) + vpn_nlri + be16(1) + be16(0) + be32(1) +
                           be16((kOrigin + kNextHop).size()) + kOrigin + kNextHop;
  const Data generic_v4 = be32(10) + be16(1) + u8(1) + pfx("192.0.2.0/24") + be16(1) + be16(1) +
                          be32(1) + be16((kOrigin + kPath).size()) + kOrigin + kPath;
  const Data file = message(1, 4, update({}, attrs, pfx("10.0.0.0/8"))) +
                    message(2, 4, update({}, kOrigin + attr(0x80, 14, labeled), {})) +
                    message(3, 4, update({}, kOrigin + attr(0x80, 14, evpn), {})) + peer_table() +
                    record(3002, 13, 6, generic_vpn) + record(3002, 13, 6, generic_v4);
  const Printed p = print(file);
  EXPECT_EQ(
      p.lines,
      "BGP4MP|1|W|10.0.0.1|65001|172.16.0.1:11:10.1.0.0/24\n"
      "BGP4MP|1|A|10.0.0.1|65001|10.0.0.0/8|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "BGP4MP|1|A|10.0.0.1|65001|65010:15:192.168.0.0/16|65001 65002|IGP|192.168.0.15|0|0||NAG||\n"
      "BGP4MP|2|A|10.0.0.1|65001|2001:db8::/32||IGP|2001:db8::1|0|0||NAG||\n"
      "TABLE_DUMP2|3002|B|10.0.0.1|65001|65010:15:192.168.0.0/16||IGP|10.0.0.9|0|0||NAG||\n"
      "TABLE_DUMP2|3002|B|2001:db8::1|4200000000|192.0.2.0/24|65001 "
      "65002|IGP|255.255.255.255|0|0||NAG||\n");
  ASSERT_EQ(p.summary.size(), 1u);
  EXPECT_NE(p.summary[0].find("MP_REACH_NLRI of AFI 25 SAFI 70"), std::string::npos)
      << p.summary[0];
}

TEST(BgpdumpLines, Bgp4mpEntryPrintedLikeARibEntry) {
  // BGP4MP_ENTRY (subtype 2, pre-RFC 6396 drafts; OpenBGPD's mrt.c writes it): bgpdump prints
  // nothing ("process_zebra_bgp_entry: record type not implemented yet"). Bytes as in mrtparse's
  // openbgpd_rib_table-mp.
  const Data body = be16(65000) + be16(65000) + be16(0) + be16(1) + ip("192.168.1.102") +
                    ip("192.168.1.10") + be16(0) + be16(1) + be32(0x561e8d53) + be16(1) + u8(1) +
                    u8(4) + ip("192.168.0.15") + pfx("192.168.0.0/16") +
                    be16((kOrigin + attr(0x40, 2, seg(2, {65015}, 2))).size()) + kOrigin +
                    attr(0x40, 2, seg(2, {65015}, 2));
  EXPECT_EQ(print(record(1444843446, 16, 2, body)).lines,
            "BGP4MP_ENTRY|1444843446|B|192.168.1.102|65000|192.168.0.0/16|65015|IGP|192.168.0.15|"
            "0|0||NAG||\n");
}

TEST(BgpdumpLines, DeprecatedBgpType5) {
  // RFC 6396 Appendix B.2.1: peer AS and address, local AS and address, then the UPDATE without
  // its header; STATE_CHANGE: AS, address, states.
  const Data attrs = kOrigin + attr(0x40, 2, seg(2, {3333, 286}, 2)) +
                     attr(0x40, 3, ip("193.0.0.56")) + attr(0xc0, 8, be32(3333u << 16 | 7));
  const Data body = be16(3333) + ip("193.0.0.56") + be16(12654) + ip("193.0.0.1") +
                    be16(pfx("10.1.0.0/16").size()) + pfx("10.1.0.0/16") + be16(attrs.size()) +
                    attrs + pfx("192.0.2.0/24");
  const Data file =
      record(936348099, 5, 1, body) +
      record(936348100, 5, 3, be16(3333) + ip("193.0.0.56") + be16(1) + be16(2)) +
      record(936348101, 5, 7, be16(3333) + ip("193.0.0.56") + be16(1) + ip("1.1.1.1"));
  // bgpdump: the withdrawal as "BGP|936348099|W|193.0.0.56|3333|193.0.0.56/16" (the peer's
  // address in place of the prefix's, an inet_ntoa buffer reused); BGP Lens prints the
  // prefix. The announcement is bgpdump's, communities glued to the MED ("0" + "3333:7").
  EXPECT_EQ(print(file).lines,
            "BGP|936348099|W|193.0.0.56|3333|10.1.0.0/16\n"
            "BGP|936348099|A|193.0.0.56|3333|192.0.2.0/24|3333 286|IGP|193.0.0.56|0|03333:7|NAG||\n"
            "BGP|936348100|STATE|193.0.0.56|3333|1|2\n");
}

TEST(BgpdumpLines, BulkTableDumpDamageAndCutRecords) {
  // An early RIS TABLE_DUMP record: two entries, the length field 4 octets short. bgpdump
  // prints the first line below, reads the rest of the record as a header and stops
  // ("incomplete dump record (0 bytes read, expecting 1048580)"); BGP Lens prints both entries
  // and everything after them, and tells where the file is damaged and cut.
  const Data a = kOrigin + attr(0x40, 2, seg(2, {3549}, 2)) + attr(0x40, 3, ip("204.152.166.29"));
  const Data entry1 = ip("3.0.0.0") + u8(8) + u8(1) + be32(1) + ip("204.152.166.29") + be16(3549) +
                      be16(a.size()) + a;
  const Data entry2 = ip("4.0.0.0") + u8(8) + u8(1) + be32(1) + ip("204.152.166.29") + be16(3549) +
                      be16(a.size()) + a;
  const Data bulk_body = be16(0) + be16(0) + entry1 + entry2;
  Data bulk = be32(947550744) + be16(12) + be16(1) + be32(bulk_body.size() - 4) + bulk_body;
  const Data good = message(947550745, 4, update({}, kOrigin + kNextHop, pfx("10.0.0.0/8")));
  // Then 10 bytes of junk, a record, and a record cut short by the end of the file.
  const Data file = bulk + good + Data(10, 0x55) + good + Data(good.begin(), good.end() - 5);
  const Printed p = print(file);
  EXPECT_EQ(
      p.lines,
      "TABLE_DUMP|947550744|B|204.152.166.29|3549|3.0.0.0/8|3549|IGP|204.152.166.29|0|0||NAG||\n"
      "TABLE_DUMP|947550744|B|204.152.166.29|3549|4.0.0.0/8|3549|IGP|204.152.166.29|0|0||NAG||\n"
      "BGP4MP|947550745|A|10.0.0.1|65001|10.0.0.0/8||IGP|10.0.0.9|0|0||NAG||\n"
      "BGP4MP|947550745|A|10.0.0.1|65001|10.0.0.0/8||IGP|10.0.0.9|0|0||NAG||\n");
  EXPECT_EQ(p.notes,
            (std::vector<std::string>{
                "bytes 156–165 (10 bytes) are damaged: no MRT record starts here (type 21845 "
                "subtype 21845 is not a known record type); reading resumes at the next plausible "
                "record header",
                "bytes 234–296: BGP4MP MESSAGE_AS4 record cut short: the file ends inside this "
                "record: its length field says 56 octets, 51 bytes are there"}));
  ASSERT_EQ(p.summary.size(), 1u);
  EXPECT_NE(p.summary[0].find("1 record like the one at byte 0: the record holds 4 bytes more "
                              "than its length field says"),
            std::string::npos)
      << p.summary[0];
}

TEST(BgpdumpLines, XzCompressedDumpGivesTheSameLines) {
  // bgpdump reads gzip and bzip2 only; BGP Lens reads .xz too (decompressed on its own thread
  // while the lines are printed, as for the others).
  const Data file =
      peer_table() + rib(2, "192.0.2.0/24", {{0, kOrigin + kPath + kNextHop}}) +
      message(1, 4, update(pfx("10.8.0.0/16"), kOrigin + kNextHop, pfx("10.0.0.0/8")));
  const test::CompressedBytes packed = test::xz(Bytes(file.data(), file.size()));
  const test::TempFile temp("bgpdump-lines.mrt.xz", Bytes(packed.data(), packed.size()));
  auto store = open_source_file(temp.path());
  ASSERT_TRUE(store) << store.error();
  BgpdumpLines lines;
  std::string out;
  walk_store(**store, {}, [&](const Piece& piece, Bytes bytes) {
    lines.add(piece, bytes, out);
    return true;
  });
  EXPECT_EQ(out, print(file).lines);
  EXPECT_EQ(lines.counts().lines, 3u);
}

}  // namespace
}  // namespace bgplens::mrt

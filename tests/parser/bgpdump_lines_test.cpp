// MRT records made here, byte by byte, for what the shared dumps lack, printed by BgpdumpLines
// and compared with what `bgpdump -m` 1.6.2 prints for the same bytes: its output is the
// expectation, pasted as it came.
//
// How the expected lines were obtained: each test's file was written out by running the test
// with BGPLENS_DUMP_CRAFTED=DIR (see bgpdump_craft.h), and `bgpdump -m -v DIR/NAME.mrt`
// (Debian's bgpdump 1.6.2-2) was run on it. The test does not need bgpdump.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "bgpdump_craft.h"

namespace bgplens::mrt {
namespace {

using namespace craft;

TEST(BgpdumpLines, LocalAndAddPathMessagesAreNamedAsBgpdumpNamesThem) {
  const Data as2_path = attr(0x40, 2, seg(2, {65001, 65002}, 2));
  const Data u = update(with_id(7, pfx("192.0.2.0/24")), kOrigin + kPath + kNextHop,
                        with_id(5, pfx("198.51.100.0/24")));
  const Data u2 = update(with_id(7, pfx("192.0.2.0/24")), kOrigin + as2_path + kNextHop,
                         with_id(5, pfx("198.51.100.0/24")));
  const Data file =
      message(2000, 6, update({}, kOrigin + as2_path + kNextHop, pfx("203.0.113.0/24")), false) +
      message(2001, 7, update({}, kOrigin + kPath + kNextHop, pfx("203.0.113.0/24")), true,
              "10.0.0.1", "10.0.0.2", 44) +
      message(2002, 9, u, true, "10.0.0.1", "10.0.0.2", 42) + message(2003, 10, u2, false) +
      message(2004, 11, u, true, "10.0.0.1", "10.0.0.2", 43);
  // bgpdump prints the LOCAL_ADDPATH subtypes (10, 11) as "AP" with the local side's address
  // and AS: it reads the two sides swapped for every LOCAL subtype but only swaps them back
  // when printing MESSAGE_LOCAL and MESSAGE_AS4_LOCAL.
  EXPECT_EQ(
      print(file).lines,
      "BGP4MP_LOCAL|2000|A|10.0.0.1|65001|203.0.113.0/24|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "BGP4MP_ET_LOCAL|2001.000044|A|10.0.0.1|65001|203.0.113.0/24|65001 "
      "65002|IGP|10.0.0.9|0|0||NAG||\n"
      "BGP4MP_ET_AP|2002.000042|W|10.0.0.1|65001|192.0.2.0/24|7\n"
      "BGP4MP_ET_AP|2002.000042|A|10.0.0.1|65001|198.51.100.0/24|5|65001 "
      "65002|IGP|10.0.0.9|0|0||NAG||\n"
      "BGP4MP_AP|2003|W|10.0.0.2|65002|192.0.2.0/24|7\n"
      "BGP4MP_AP|2003|A|10.0.0.2|65002|198.51.100.0/24|5|65001 65002|IGP|10.0.0.9|0|0||NAG||\n"
      "BGP4MP_ET_AP|2004.000043|W|10.0.0.2|65002|192.0.2.0/24|7\n"
      "BGP4MP_ET_AP|2004.000043|A|10.0.0.2|65002|198.51.100.0/24|5|65001 "
      "65002|IGP|10.0.0.9|0|0||NAG||\n");
}

TEST(BgpdumpLines, AttributesAsBgpdumpPrintsThem) {
  // Confederation segments (RFC 5065 §3), sets, named communities, MED and LOCAL_PREF over
  // 2^31, ATOMIC_AGGREGATE, a 4-octet AGGREGATOR; ORIGINATOR_ID, CLUSTER_LIST, extended
  // (RFC 4360) and large (RFC 8092) communities are not part of the line.
  const Data attrs =
      attr(0x40, 1, u8(1)) +
      attr(0x40, 2,
           seg(3, {64512, 64513}) + seg(4, {64514, 64515}) + seg(2, {65001, 4200000000u}) +
               seg(1, {7, 8})) +
      attr(0x40, 3, ip("10.0.0.1")) + attr(0x80, 4, be32(3000000000u)) +
      attr(0x40, 5, be32(4000000000u)) + attr(0x40, 6, {}) +
      attr(0xc0, 7, be32(4200000001u) + ip("1.2.3.4")) +
      attr(0xc0, 8,
           be32(0xFFFFFF01) + be32(0xFFFFFF02) + be32(0xFFFFFF03) + be32(65001u << 16 | 5)) +
      attr(0x80, 9, ip("9.9.9.9")) + attr(0x80, 10, ip("8.8.8.8")) +
      attr(0xc0, 16, Data{0, 2, 0xfd, 0xe8, 0, 0, 0, 100}) +
      attr(0xc0, 32, be32(4200000000u) + be32(1) + be32(2));
  // MP_REACH_NLRI IPv4 (RFC 4760 §3) beside IPv4 NLRI: bgpdump prints LOCAL_PREF and MED with
  // %d on the MP line only.
  const Data mp4 = be16(1) + u8(1) + u8(4) + ip("10.9.9.9") + u8(0) + pfx("100.64.0.0/10");
  const Data file =
      message(1000, 4, update({}, attrs, pfx("192.0.2.0/24") + pfx("198.51.100.0/25"))) +
      message(1005, 4,
              update({},
                     kOrigin + attr(0x40, 2, seg(2, {65001})) + attr(0x40, 3, ip("10.0.0.1")) +
                         attr(0x80, 4, be32(3000000000u)) + attr(0x80, 14, mp4),
                     pfx("192.0.2.0/24"))) +
      // No NEXT_HOP (255.255.255.255), an empty AS_PATH, ORIGIN absent (INCOMPLETE) or empty
      // (read as 0, IGP), an unknown attribute, an AGGREGATOR of 255.255.255.255 (not printed).
      message(1008, 4,
              update({}, attr(0x40, 1, {}) + attr(0x40, 2, {}) + attr(0xc0, 99, {1, 2}),
                     pfx("0.0.0.0/0"))) +
      message(1009, 4,
              update({},
                     attr(0x40, 2, seg(1, {5, 6}) + seg(2, {7})) +
                         attr(0xc0, 7, be32(9) + ip("255.255.255.255")),
                     pfx("192.0.2.0/24")));
  EXPECT_EQ(
      print(file).lines,
      "BGP4MP|1000|A|10.0.0.1|65001|192.0.2.0/24|(64512 64513) [64514,64515] 65001 4200000000 "
      "{7,8}|EGP|10.0.0.1|4000000000|3000000000|no-export no-advertise local-AS "
      "65001:5|AG|4200000001 1.2.3.4|\n"
      "BGP4MP|1000|A|10.0.0.1|65001|198.51.100.0/25|(64512 64513) [64514,64515] 65001 4200000000 "
      "{7,8}|EGP|10.0.0.1|4000000000|3000000000|no-export no-advertise local-AS "
      "65001:5|AG|4200000001 1.2.3.4|\n"
      "BGP4MP|1005|A|10.0.0.1|65001|192.0.2.0/24|65001|IGP|10.0.0.1|0|3000000000||NAG||\n"
      "BGP4MP|1005|A|10.0.0.1|65001|100.64.0.0/10|65001|IGP|10.9.9.9|0|-1294967296||NAG||\n"
      "BGP4MP|1008|A|10.0.0.1|65001|0.0.0.0/0||IGP|255.255.255.255|0|0||NAG||\n"
      "BGP4MP|1009|A|10.0.0.1|65001|192.0.2.0/24|{5,6} 7|INCOMPLETE|255.255.255.255|0|0||NAG||\n");
}

TEST(BgpdumpLines, AsPathMergingAsBgpdumpDoesIt) {
  // RFC 6793 §4.2.3 on a 2-octet session: AS_TRANS replaced by AS4_PATH, AS4_AGGREGATOR over
  // an AGGREGATOR of AS_TRANS.
  const Data merge = kOrigin + attr(0x40, 2, seg(2, {65001, 23456, 23456, 100}, 2)) +
                     attr(0x40, 3, ip("10.0.0.1")) + attr(0xc0, 7, be16(23456) + ip("5.6.7.8")) +
                     attr(0xc0, 17, seg(2, {4200000000u, 4200000001u, 100})) +
                     attr(0xc0, 18, be32(4200000009u) + ip("5.6.7.8"));
  // bgpdump copies AS_PATH's FIRST segment again and again while merging: 1 2 | 3 4 5 with a
  // one-ASN AS4_PATH prints as 1 2 1 2 4200000000.
  const Data repeat = kOrigin + attr(0x40, 2, seg(2, {1, 2}, 2) + seg(2, {3, 4, 5}, 2)) +
                      attr(0x40, 3, ip("10.0.0.1")) + attr(0xc0, 17, seg(2, {4200000000u}));
  // With an AGGREGATOR that is not AS_TRANS beside AS4_AGGREGATOR, bgpdump ignores AS4_PATH too.
  const Data keep =
      kOrigin + attr(0x40, 2, seg(2, {1, 23456}, 2)) + attr(0xc0, 7, be16(7) + ip("1.1.1.1")) +
      attr(0xc0, 18, be32(4200000009u) + ip("5.6.7.8")) + attr(0xc0, 17, seg(2, {4200000000u}));
  const Data file = message(1001, 1, update({}, merge, pfx("203.0.113.0/24")), false) +
                    message(4001, 1, update({}, repeat, pfx("192.0.2.0/24")), false) +
                    message(4002, 1, update({}, keep, pfx("192.0.2.0/24")), false);
  EXPECT_EQ(print(file).lines,
            "BGP4MP|1001|A|10.0.0.1|65001|203.0.113.0/24|65001 4200000000 4200000001 "
            "100|IGP|10.0.0.1|0|0||NAG|4200000009 5.6.7.8|\n"
            "BGP4MP|4001|A|10.0.0.1|65001|192.0.2.0/24|1 2 1 2 4200000000|IGP|10.0.0.1|0|0||NAG||\n"
            "BGP4MP|4002|A|10.0.0.1|65001|192.0.2.0/24|1 23456|IGP|255.255.255.255|0|0||NAG|7 "
            "1.1.1.1|\n");
}

TEST(BgpdumpLines, AsPathErrorsAndLongPaths) {
  Data long_path;
  for (std::uint32_t s = 0; s < 4; ++s) {
    Data segment = u8(2) + u8(200);
    for (std::uint32_t i = 0; i < 200; ++i)
      segment = segment + be32(4000000000u + s * 200 + i);
    long_path = long_path + segment;
  }
  const Data file =
      // Segment type 9: bgpdump's error text for the whole path.
      message(
          4004, 4,
          update({}, attr(0x40, 1, u8(5)) + attr(0x40, 2, seg(9, {5, 6})), pfx("192.0.2.0/24"))) +
      // An empty segment, then a confederation set and sequence after sequences.
      message(4005, 4,
              update({},
                     kOrigin + attr(0x40, 2,
                                    seg(2, {1, 2}) + seg(2, {}) + seg(2, {3}) + seg(4, {8}) +
                                        seg(3, {9})),
                     pfx("192.0.2.0/24"))) +
      // 800 ASNs: bgpdump stops at the first ASN past 7900 characters and adds "...".
      message(4006, 4, update({}, kOrigin + attr(0x40, 2, long_path), pfx("192.0.2.0/24")));
  const std::string lines = print(file).lines;
  const std::size_t third = lines.find("BGP4MP|4006");
  ASSERT_NE(third, std::string::npos);
  EXPECT_EQ(
      lines.substr(0, third),
      "BGP4MP|4004|A|10.0.0.1|65001|192.0.2.0/24|! Error !|INCOMPLETE|255.255.255.255|0|0||NAG||\n"
      "BGP4MP|4005|A|10.0.0.1|65001|192.0.2.0/24|1 2 3 [8] (9)|IGP|255.255.255.255|0|0||NAG||\n");
  // bgpdump's line: 4000000000 ... 4000000718... (7911 characters of path), 7984 in all.
  const std::string last = lines.substr(third);
  EXPECT_EQ(last.size(), 7984u + 1);
  EXPECT_NE(last.find(" 4000000717 4000000718...|IGP|255.255.255.255|0|0||NAG||\n"),
            std::string::npos);
}

TEST(BgpdumpLines, NextHopsByLengthAndIpv6TextAsBgpdumpWritesIt) {
  // bgpdump's own IPv6 text: IPv4-compatible addresses as ::a.b.c.d (not ::0 or ::1), and a
  // single zero group compressed too (1::1:1:1:1:1:1).
  Data file;
  for (const char* nh : {"::1.2.3.4", "::2", "::1", "::", "1:0:1:1:1:1:1:1", "::ffff:1.2.3.4",
                         "1::", "0:0:1::", "fe80::1:0:0:1", "2001:db8:0:1::10"}) {
    const Data mp = be16(2) + u8(1) + u8(16) + ip(nh) + u8(0) + pfx("2001:db8:1::/48");
    file = file + message(5, 4, update({}, kOrigin + attr(0x80, 14, mp), {}));
  }
  // RFC 8950: an IPv6 next hop for IPv4 NLRI; a link-local next hop (not printed).
  file = file + message(4000, 4,
                        update({},
                               kOrigin + attr(0x80, 14,
                                              be16(1) + u8(1) + u8(16) + ip("2001:db8::9") + u8(0) +
                                                  pfx("100.64.0.0/10")),
                               {}));
  file = file + message(4001, 4,
                        update({},
                               kOrigin + attr(0x80, 14,
                                              be16(2) + u8(1) + u8(32) + ip("2001:db8::1") +
                                                  ip("fe80::1") + u8(0) + pfx("2001:db8::/32")),
                               {}));
  // A next hop length bgpdump does not know (8): it reads no next hop, takes the next octet
  // for the SNPA count and the rest for prefixes, and prints no next hop, LOCAL_PREF and MED
  // (IPv4), or no AS path to MED at all (IPv6).
  file = file + message(6, 4,
                        update({},
                               kOrigin + attr(0x80, 14,
                                              be16(1) + u8(1) + u8(8) + Data(8, 0) + u8(0) +
                                                  pfx("10.0.0.0/8")),
                               {}));
  file = file + message(7, 4,
                        update({},
                               kOrigin + attr(0x80, 14,
                                              be16(2) + u8(1) + u8(8) + Data(8, 0) + u8(0) +
                                                  pfx("2001:db8::/32")),
                               {}));
  EXPECT_EQ(print(file).lines,
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|::1.2.3.4|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|::0.0.0.2|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|::1|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|::|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|1::1:1:1:1:1:1|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|::ffff:1.2.3.4|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|1::|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|0:0:1::|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|fe80::1:0:0:1|0|0||NAG||\n"
            "BGP4MP|5|A|10.0.0.1|65001|2001:db8:1::/48||IGP|2001:db8:0:1::10|0|0||NAG||\n"
            "BGP4MP|4000|A|10.0.0.1|65001|100.64.0.0/10||IGP|2001:db8::9|0|0||NAG||\n"
            "BGP4MP|4001|A|10.0.0.1|65001|2001:db8::/32||IGP|2001:db8::1|0|0||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|0.0.0.0/0||IGP||NAG||\n"
            "BGP4MP|6|A|10.0.0.1|65001|10.0.0.0/8||IGP||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|::/0||NAG||\n"
            "BGP4MP|7|A|10.0.0.1|65001|2001:db8::/32||NAG||\n");
}

TEST(BgpdumpLines, RibNextHopsInBothMpReachForms) {
  // RFC 6396 §4.3.4's short MP_REACH (length and next hop only) and the full one. TABLE_DUMP
  // prints the short form's next hop as IPv6 whatever its length (bgpdump: a01:203:: for
  // 10.1.2.3); TABLE_DUMP_V2 prints it by its length.
  const Data td1_v6 = be16(0) + be16(1) + ip("2001:db8::") + u8(32) + u8(1) + be32(1) +
                      ip("2001:db8::1") + be16(65001);
  const Data attrs_v6 =
      kOrigin + attr(0x40, 2, seg(2, {65001}, 2)) + attr(0x80, 14, u8(16) + ip("2001:db8::77"));
  const Data td1_v4 =
      be16(0) + be16(1) + ip("192.0.2.0") + u8(24) + u8(1) + be32(1) + ip("10.0.0.1") + be16(65001);
  const Data attrs_v4 =
      kOrigin + attr(0x40, 3, ip("9.9.9.9")) + attr(0x80, 14, u8(4) + ip("10.1.2.3"));
  const Data file =
      record(5000, 12, 2, td1_v6 + be16(attrs_v6.size()) + attrs_v6) +
      record(5000, 12, 1, td1_v4 + be16(attrs_v4.size()) + attrs_v4) + peer_table() +
      rib(2, "192.0.2.0/24", {{0, kOrigin + attr(0x80, 14, u8(4) + ip("10.1.2.3"))}}) +
      rib(2, "192.0.2.0/24",
          {{0, kOrigin + kNextHop +
                   attr(0x80, 14, be16(1) + u8(1) + u8(16) + ip("2001:db8::5") + u8(0))}}) +
      rib(4, "2001:db8::/32",
          {{1, kOrigin + attr(0x80, 14,
                              be16(2) + u8(1) + u8(32) + ip("2001:db8::6") + ip("fe80::6") + u8(0) +
                                  pfx("2001:db8::/32"))}});
  EXPECT_EQ(
      print(file).lines,
      "TABLE_DUMP|5000|B|2001:db8::1|65001|2001:db8::/32|65001|IGP|2001:db8::77|0|0||NAG||\n"
      "TABLE_DUMP|5000|B|10.0.0.1|65001|192.0.2.0/24||IGP|a01:203::|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|10.0.0.1|65001|192.0.2.0/24||IGP|10.1.2.3|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|10.0.0.1|65001|192.0.2.0/24||IGP|2001:db8::5|0|0||NAG||\n"
      "TABLE_DUMP2|3001|B|2001:db8::1|4200000000|2001:db8::/32||IGP|2001:db8::6|0|0||NAG||\n");
}

TEST(BgpdumpLines, WithdrawalsFirstThenEachFamilyInBgpdumpsOrder) {
  const Data mp_multicast = be16(1) + u8(2) + u8(4) + ip("10.1.1.1") + u8(0) + pfx("224.1.0.0/16");
  const Data attrs = kOrigin + attr(0x40, 2, seg(2, {1})) + attr(0x40, 3, ip("10.0.0.1")) +
                     attr(0x80, 14, mp_multicast) +
                     attr(0x80, 15, be16(2) + u8(1) + pfx("2001:db8:3::/48")) +
                     attr(0xc0, 8, be32(1u << 16 | 65535));
  const Data state6 = be32(65001) + be32(65002) + be16(0) + be16(2) + ip("2001:db8::a") +
                      ip("2001:db8::b") + be16(3) + be16(4);
  const Data file =
      record(4007, 16, 5, state6) +
      message(4008, 4, update(pfx("10.8.0.0/16"), attrs, pfx("10.7.0.0/16"))) +
      message(4009, 4, update(pfx("10.8.0.0/16"), attrs, {}), true, "10.0.0.1", "10.0.0.2", 123);
  EXPECT_EQ(
      print(file).lines,
      "BGP4MP|4007|STATE|2001:db8::a|65001|3|4\n"
      "BGP4MP|4008|W|10.0.0.1|65001|10.8.0.0/16\n"
      "BGP4MP|4008|W|10.0.0.1|65001|2001:db8:3::/48\n"
      "BGP4MP|4008|A|10.0.0.1|65001|10.7.0.0/16|1|IGP|10.0.0.1|0|0|1:65535|NAG||\n"
      "BGP4MP|4008|A|10.0.0.1|65001|224.1.0.0/16|1|IGP|10.1.1.1|0|0|1:65535|NAG||\n"
      "BGP4MP_ET|4009.000123|W|10.0.0.1|65001|10.8.0.0/16\n"
      "BGP4MP_ET|4009.000123|W|10.0.0.1|65001|2001:db8:3::/48\n"
      "BGP4MP_ET|4009.000123|A|10.0.0.1|65001|224.1.0.0/16|1|IGP|10.1.1.1|0|0|1:65535|NAG||\n");
}

TEST(BgpdumpLines, PrefixListsAsBgpdumpReadsThem) {
  // At most 8192 prefixes of one list are printed (bgpdump's MAX_PREFIXES).
  const Data many = message(1, 4, update({}, kOrigin + kNextHop, Data(9000, 0)));
  const std::string many_lines = print(many).lines;
  EXPECT_EQ(std::count(many_lines.begin(), many_lines.end(), '\n'), 8192);
  // A prefix longer than 128 bits overruns bgpdump's prefix struct into its length field: a
  // misread ADD-PATH NLRI of length 253 (BIRD, in mrtparse's bird6_bgp) prints as /0.
  Data long_prefix = u8(253) + ip("100:100::140:fd01:1") + Data(16, 0);
  const Data mp =
      be16(2) + u8(1) + u8(16) + ip("fd02::10") + u8(0) + long_prefix + pfx("2001:db8::/32");
  // And a prefix cut short by the end of its list is not printed.
  const Data file =
      message(2, 4, update({}, kOrigin + attr(0x80, 14, mp), {})) +
      message(3, 4, update({}, kOrigin + kNextHop, pfx("10.0.0.0/8") + u8(24) + u8(10)));
  EXPECT_EQ(print(file).lines,
            "BGP4MP|2|A|10.0.0.1|65001|100:100::140:fd01:1/0||IGP|fd02::10|0|0||NAG||\n"
            "BGP4MP|2|A|10.0.0.1|65001|2001:db8::/32||IGP|fd02::10|0|0||NAG||\n"
            "BGP4MP|3|A|10.0.0.1|65001|10.0.0.0/8||IGP|10.0.0.9|0|0||NAG||\n");
}

TEST(BgpdumpLines, ZebraQuirksAndRecordsBgpdumpRefuses) {
  const Data file =
      // Zebra's 8-octet STATE_CHANGE: two ASNs and the states; bgpdump prints peer 0.0.0.0.
      record(6, 16, 0, be16(65001) + be16(65002) + be16(3) + be16(4)) +
      // A STATE_CHANGE whose length fits no address family, a message of address family 3, a
      // message whose marker is not all ones: no line, and a note each.
      record(7, 16, 0, be16(65001) + be16(65002) + be16(0) + be16(1) + Data(10, 1)) +
      record(8, 16, 1, be16(65001) + be16(65002) + be16(0) + be16(3) + Data(8, 1)) +
      record(9, 16, 4, bgp4mp_peers(true) + Data(16, 0) + be16(19) + u8(4)) +
      // Zebra's short messages (no interface index, AFI or addresses): OPEN, KEEPALIVE...
      record(10, 16, 1, be16(65001) + be16(65002) + Data(16, 0xff) + be16(19) + u8(4)) +
      message(11, 4, update({}, kOrigin + kNextHop, pfx("10.0.0.0/8")));
  const Printed p = print(file);
  EXPECT_EQ(p.lines,
            "BGP4MP|6|STATE|0.0.0.0|65001|3|4\n"
            "BGP4MP|11|A|10.0.0.1|65001|10.0.0.0/8||IGP|10.0.0.9|0|0||NAG||\n");
  ASSERT_EQ(p.summary.size(), 3u);
  EXPECT_NE(p.summary[0].find("address family 3"), std::string::npos) << p.summary[0];
  EXPECT_NE(p.summary[1].find("marker is not all ones"), std::string::npos) << p.summary[1];
  EXPECT_NE(p.summary[2].find("fits no address family"), std::string::npos) << p.summary[2];
}

}  // namespace
}  // namespace bgplens::mrt

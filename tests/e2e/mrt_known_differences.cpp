#include "mrt_known_differences.h"

namespace bgplens::test {
namespace {

const char* const kType5Withdrawals =
    "MRT type 5 (BGP, RFC 6396 Appendix B.2.1), RIS 1999-2000. For every withdrawn prefix "
    "bgpdump prints the peer's address in place of the prefix's (two inet_ntoa() calls in one "
    "printf share a static buffer): BGP|t|W|193.0.0.56|3333|193.0.0.56/24 where the UPDATE "
    "withdraws 157.100.47.0/24. BGP Lens prints the withdrawn prefix; the test checks that each "
    "such line differs from bgpdump's in the prefix address only, and that bgpdump's address is "
    "the peer's. Announcements are bgpdump's lines exactly.";

const char* const kTruncatedBzip2 =
    "The bzip2 file was cut at 1 MiB (the first megabyte of a RIB), so its last record is cut "
    "short. bgpdump prints every record before it and logs \"incomplete dump record\"; BGP Lens "
    "prints the same lines and reports the cut record's byte range and the early end of the "
    "bzip2 stream on standard error.";

const char* const kVpn =
    "VPNv4 routes (AFI 1, SAFI 128; RFC 4364 §4.3.4): bgpdump prints nothing for them (\"unknown "
    "protocol\"). BGP Lens prints them in the same line shape with the prefix as RD:prefix "
    "(65010:15:192.168.0.0/16) and the next hop without its RD.";

std::vector<MrtKnownDifferences> make_table() {
  std::vector<MrtKnownDifferences> t;
  auto add = [&](std::string file, std::vector<MrtDifference> differences,
                 std::string reason) -> MrtKnownDifferences& {
    MrtKnownDifferences& k = t.emplace_back();
    k.file = std::move(file);
    k.differences = std::move(differences);
    k.reason = std::move(reason);
    return k;
  };
  {
    MrtKnownDifferences& k = add(
        "bgpkit-parser/rrc00-bview.20000111.0032.gz", {{"extra: TABLE_DUMP|*|B|*", 452017}},
        "RIS rrc00's TABLE_DUMP records of January 2000 each hold about 180 entries back to back, "
        "only the first with view and sequence number, and a length field 4 octets short. bgpdump "
        "prints the first entry of the first record, then reads the rest of it as headers and "
        "stops (\"incomplete dump record\"). BGP Lens prints all 452018 entries, the first one "
        "exactly as bgpdump does, and notes the 2490 records' form once.");
    k.notes = {
        "2490 records like the one at byte 0: the record holds 4 bytes more than its "
        "length field says"};
  }
  {
    MrtKnownDifferences& k =
        add("bgpkit-parser/rrc00-updates.19990903.1041.gz",
            {{"extra: BGP|*|W|*", 25}, {"missing: BGP|*|W|*", 25}}, kType5Withdrawals);
    k.type5_withdrawals = true;
  }
  {
    MrtKnownDifferences& k =
        add("bgpkit-parser/rrc00-updates.19991214.1621.gz",
            {{"extra: BGP|*|W|*", 1363}, {"missing: BGP|*|W|*", 1363}}, kType5Withdrawals);
    k.type5_withdrawals = true;
  }
  {
    MrtKnownDifferences& k =
        add("bgpkit-parser/rrc00-updates.20000102.2014.gz",
            {{"extra: BGP|*|W|*", 675}, {"missing: BGP|*|W|*", 675}}, kType5Withdrawals);
    k.type5_withdrawals = true;
  }
  {
    MrtKnownDifferences& k = add(
        "bgpkit-parser/rrc00-updates.20000325.0345.gz",
        {{"missing: BGP|953955943|W|203.37.255.126|4608|203.37.255.126/24", 2},
         {"missing: BGP|953955944|W|0.5.0.3|13937|0.5.0.3/*", 2042},
         {"extra: BGP|*|W|*", 718},
         {"extra: BGP|*|A|*", 4658},
         {"extra: BGP|*|STATE|*", 307}},
        "Two spliced fragments (RFC 6396 has no marker to find records by): at byte 188 a 10-byte "
        "header cut inside its length field, at 4554 14 bytes of an UPDATE's tail. bgpdump prints "
        "the first record's two withdrawals (with the type-5 prefix bug, see the other rrc00 "
        "updates files) and two announcements, then takes the broken header's length 14556, "
        "decodes the bytes under it as one UPDATE (2042 garbage withdrawals from 0.5.0.3, AS "
        "13937) and stops at the garbage header after it. BGP Lens reports both damaged stretches "
        "with their byte ranges, resumes at the next record each time, and prints the lines of all "
        "2580 records (the two real withdrawals with their true prefixes).");
    k.notes = {"bytes 188–197 (10 bytes) are damaged", "bytes 4554–4567 (14 bytes) are damaged"};
  }
  add("mrtparse/openbgpd_bgp", {{"extra: BGP4MP|*|A|*|65010:15:*", 6}}, kVpn);
  add("mrtparse/quagga_bgp", {{"extra: BGP4MP|*|A|192.168.0.10|65000|172.16.0.?:1?:*", 16}},
      "VPNv4 routes (AFI 1, SAFI 128; RFC 4364 §4.3.4) in Quagga's UPDATEs: bgpdump prints "
      "nothing for them (\"unknown protocol\"). BGP Lens prints them in the same line shape, the "
      "prefix as RD:prefix (172.16.0.1:11:10.1.0.0/24, an RD of type 1) and the next hop without "
      "its RD. Its VPN withdrawals are End-of-RIB markers with no prefix, so no line.");
  add("mrtparse/openbgpd_rib_table-v2", {{"extra: TABLE_DUMP2|*|B|*|65010:15:*", 2}},
      "Two RIB_GENERIC records (RFC 6396 §4.3.3) of VPNv4 (AFI 1, SAFI 128): bgpdump skips "
      "RIB_GENERIC records silently. BGP Lens prints their entries as TABLE_DUMP2 lines with the "
      "prefix as RD:prefix (65010:15:192.168.0.0/16).");
  {
    MrtKnownDifferences& k = add(
        "mrtparse/openbgpd_rib_table-mp", {{"extra: BGP4MP_ENTRY|1444843446|B|*", 31}},
        "31 BGP4MP_ENTRY records (BGP4MP subtype 2 from the MRT drafts before RFC 6396, which "
        "OpenBGPD writes for its RIB): bgpdump refuses them (\"record type not implemented yet\") "
        "and prints nothing. BGP Lens prints one BGP4MP_ENTRY|time|B| line per record in the RIB "
        "line shape, with the entry's own next hop; the prefixes and attributes are those of the "
        "TABLE_DUMP dump of the same table, checked against its reference.");
    k.same_routes_as = "mrtparse/openbgpd_rib_table";
  }
  {
    MrtKnownDifferences& k =
        add("pyasn/bview.20140112.1600_3samples.bz2", {{"extra: TABLE_DUMP2|*|B|||*", 3}},
            "Three RIB_IPV4_UNICAST records cut out of a RIB without its PEER_INDEX_TABLE: bgpdump "
            "refuses each (\"missing peer index table\") and prints nothing. BGP Lens prints the "
            "entries with empty peer address and AS fields, and says why on standard error.");
    k.notes = {
        "3 records like the one at byte 0: TABLE_DUMP_V2 RIB_IPV4_UNICAST before any "
        "PEER_INDEX_TABLE"};
  }
  {
    MrtKnownDifferences& k = add("pyasn/rib.20080501.0644_firstMB.bz2", {}, kTruncatedBzip2);
    k.notes = {"TABLE_DUMP AFI_IPv4 record cut short", "bzip2 stream ends early"};
  }
  {
    MrtKnownDifferences& k = add("pyasn/rib.20140523.0600_firstMB.bz2", {}, kTruncatedBzip2);
    k.notes = {"TABLE_DUMP_V2 RIB_IPV4_UNICAST record cut short", "bzip2 stream ends early"};
  }
  {
    MrtKnownDifferences& k = add("pyasn/rib6.20151101.0600_firstMB.bz2", {}, kTruncatedBzip2);
    k.notes = {"TABLE_DUMP_V2 RIB_IPV6_UNICAST record cut short", "bzip2 stream ends early"};
  }
  return t;
}

}  // namespace

const MrtKnownDifferences* mrt_known_differences(const std::string& file) {
  static const std::vector<MrtKnownDifferences> table = make_table();
  for (const MrtKnownDifferences& k : table) {
    if (k.file == file) return &k;
  }
  return nullptr;
}

}  // namespace bgplens::test

#include "known_differences.h"

namespace bgplens::test {
namespace {

const char* const kCaptureCut =
    "The capture ends inside its last UPDATE (the file was cut). tshark shows no message it "
    "cannot complete; BGP Lens shows it with a 'capture truncated' error, so nothing is "
    "dropped silently.";
const char* const kFuzzed =
    "Made by a fuzzer (tcpdump's regression corpus). tshark abandons a segment at its first "
    "malformed message and starts the next segment as if a message began there; BGP Lens "
    "follows the TCP stream and frames by the length fields (RFC 4271 §4.1), so past tshark's "
    "first malformed message the two see different messages.";
const char* const kFuzzedWithAttrSet =
    "Made by a fuzzer (tcpdump's regression corpus). tshark abandons a segment at its first "
    "malformed message and starts the next segment as if a message began there; BGP Lens "
    "follows the TCP stream and frames by the length fields (RFC 4271 §4.1), so past tshark's "
    "first malformed message the two see different messages. Where attrs differ inside an "
    "ATTR_SET (128, RFC 6368 §5), tshark cuts an overrunning nested attribute at the end of the "
    "message and lists nothing after the ATTR_SET; BGP Lens cuts it at the end of the ATTR_SET "
    "and goes on with the outer attributes.";
const char* const kZeroLengthHeader =
    "After the last message tshark shows, the stream holds a BGP header whose Length field is 0, "
    "below the 19-octet minimum (RFC 4271 §4.1, §6.1: NOTIFICATION 1/2). tshark shows nothing "
    "for it; BGP Lens shows the 19 header bytes as a message with a Bad Message Length error, "
    "then resynchronises on the next marker.";
const char* const kIpv4Fragment =
    "The only frame is an IPv4 fragment (More Fragments set by the fuzzer) and no other fragment "
    "of its datagram is in the capture. BGP Lens holds it for reassembly (RFC 791 §3.2) and, the "
    "datagram never completing, decodes nothing from it (an incomplete datagram in the index "
    "statistics); tshark dissects the first fragment's partial payload as TCP.";

const char* const kVpnAddPath =
    "BGP messages inside BMP whose VPNv4 NLRI carry ADD-PATH path identifiers (RFC 7911 §3): "
    "the 4 octets before each NLRI's length byte only parse as path ids (without them the label "
    "and Route Distinguisher do not fit). tshark 4.0 does not read path ids on VPN NLRI and lists "
    "none of them; BGP Lens lists each with its path id, from the Peer Up OPENs or, where those "
    "do not name the family (a Loc-RIB Peer Up naming only IPv6 VPN), guessed from the bytes.";
const char* const kBmpStreamLost =
    "tshark marks one BMP message of this stream Malformed (ADD-PATH VPN NLRI it cannot read, or "
    "a BMP version 4 Peer Up) and then treats the rest of the TCP stream as one PDU being "
    "reassembled, so it shows no later message of that stream. BGP Lens frames the stream by the "
    "BMP length fields (RFC 7854 §4.1) and shows every message; only that stream's later messages "
    "are 'extra'. Where tshark breaks it lists the malformed message in the frame where it "
    "begins (frame 1959 of the multi-sources capture); it ends in the next frame, where BGP "
    "Lens shows it.";
const char* const kFtpDataPort =
    "The BMP connection's source port is 20, FTP-DATA's: tshark hands the stream to FTP-DATA and "
    "misses the BMP messages of that connection from then on. The destination port is BMP's 1790 "
    "(RFC 7854 §3.2 leaves the router's port free), so BGP Lens decodes them.";

std::string both(const char* a, const char* b) {
  return std::string(a) + " " + b;
}

const std::vector<KnownDifferences> kKnown = {
    {"daemons/bird-gobgp-unicast-labeled-vpn-flowspec-refresh.pcap",
     {"frame 21 #16: nlri"},
     "BIRD's IPv6 MP_REACH_NLRI (bytes 00 40 2001:db8:81:: ...): the session's OPENs (#0, #1) "
     "do "
     "not negotiate ADD-PATH for IPv6 unicast (RFC 7911 §4 needs Send on one side and Receive "
     "on "
     "the other), so the NLRI are plain prefixes ::/0, 2001:db8:81::/64, ...; tshark guesses "
     "path "
     "identifiers and invents 4202497, 2164260928, 2197815360 (shared/captures/README.md "
     "lists "
     "this tshark error)."},
    {"netgauze/301-BGP-CISCO-pretag__traffic-00.pcap",
     {"extra frame 5 138.190.129.21:20 > 138.187.58.2:179 type 2 length 149"},
     kCaptureCut},
    {"netgauze/302-BGP-IPv6-multiple-sources__traffic-00.pcap",
     {"extra frame 7 2001:4d98:a100:401:0:923:f:1:20 > 2a02:a90:4007::1:10:179 type 2 length "
      "328"},
     kCaptureCut},
    {"netgauze/302-BGP-IPv6-multiple-sources__traffic-01.pcap",
     {"extra frame 7 10.10.0.35:20 > 138.187.58.2:179 type 2 length 142"},
     kCaptureCut},
    {"pcapplusplus/Bgp_open_malformed.pcap",
     {"extra frame 3 192.168.12.1:37019 > 192.168.12.2:179 type 0 length 0"},
     kZeroLengthHeader},
    {"tcpdump/bgp-aigp-oobr.pcap",
     {"extra frame 1 172.17.0.0:179 > 172.17.128.3:50651 type 2 length 106",
      "extra frame 1 172.17.0.0:179 > 172.17.128.3:50651 type 2 length 154",
      "extra frame 1 172.17.0.0:179 > 172.17.128.3:50651 type 2 length 172"},
     kFuzzed},
    {"tcpdump/bgp-as-path-oobr.pcap",
     {"extra frame 1 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 106",
      "extra frame 1 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 172",
      "extra frame 2 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 106",
      "extra frame 2 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 154",
      "extra frame 2 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 202",
      "extra frame 3 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 105",
      "extra frame 3 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 106",
      "extra frame 3 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 154",
      "extra frame 3 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 172",
      "extra frame 3 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 202",
      "extra frame 4 172.17.0.0:179 > 172.17.85.3:50651 type 2 length 106",
      "extra frame 4 172.17.0.0:179 > 172.17.85.3:50651 type 2 length 154",
      "extra frame 4 172.17.0.0:179 > 172.17.85.3:50651 type 2 length 172",
      "extra frame 4 172.17.0.0:179 > 172.17.85.3:50651 type 2 length 202",
      "frame 1 #4: attrs",
      "frame 2 #15: attrs",
      "frame 2 #15: nlri",
      "frame 4 #25: attrs",
      "missing frame 2 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 106",
      "missing frame 2 172.17.0.0:179 > 172.17.0.3:50651 type 2 length 154"},
     kFuzzedWithAttrSet},
    {"tcpdump/bgp-bgp_capabilities_print-oobr-1.pcap",
     {"missing frame 1 226.219.0.0:179 > 16.233.34.0:100 type 1 length 59"},
     kIpv4Fragment},
    {"tcpdump/bgp-bgp_capabilities_print-oobr-2.pcap",
     {"missing frame 1 226.219.0.0:179 > 16.233.34.0:100 type 1 length 59"},
     kIpv4Fragment},
    {"tcpdump/bgp-extended-optional-parameters-length.pcapng",
     {"frame 1 #0: caps"},
     "The OPEN uses RFC 9072 extended optional parameters (Opt Parm Len 255, Non-Extended "
     "Type "
     "255, then 2-octet lengths); tshark 4.0 does not implement RFC 9072 and misreads the "
     "parameters as one-octet ones, finding no capabilities. BGP Lens decodes the 11 "
     "capabilities."},
    {"tcpdump/bgp-infinite-loop.pcap",
     {"extra frame 1 196.59.48.65:14214 > 192.168.1.1:179 type 0 length 0",
      "extra frame 2 235.101.90.12:60082 > 192.168.1.1:179 type 0 length 0",
      "extra frame 3 179.110.109.87:40936 > 192.168.1.1:179 type 0 length 0",
      "extra frame 4 114.227.144.98:32757 > 192.168.1.1:179 type 0 length 0"},
     kZeroLengthHeader},
    {"tcpdump/bgp-shutdown-msg-variations.pcap",
     {"extra frame 2 127.0.0.1:20 > 127.0.0.1:179 type 3 length 22",
      "extra frame 3 127.0.0.1:20 > 127.0.0.1:179 type 3 length 32"},
     "Each of the three frames is a SYN carrying a NOTIFICATION (a synthetic capture). tshark "
     "treats SYNs 2 and 3, which reuse sequence number 0, as retransmissions of the first and "
     "does "
     "not dissect them; they carry different data after the first connection's data, so BGP "
     "Lens "
     "takes each as a new connection (RFC 9293 §3.5) and decodes all three NOTIFICATIONs."},
    {"tcpdump/bgp-ub.pcap",
     {"extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 100",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 105",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 106",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 154",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 172",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 202",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 30",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 75",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 87",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 2 length 95",
      "extra frame 1 127.0.0.1:540 > 127.0.0.1:179 type 40 length 10280", "frame 1 #4: attrs",
      "missing frame 1 127.0.0.1:540 > 127.0.0.1:179 type 0 length 3609"},
     kFuzzedWithAttrSet},
    {"tcpdump/bgp_mp_reach_nlri-oobr.pcap",
     {"extra frame 1 241.0.128.39:179 > 239.0.0.1:0 type 2 length 45", "frame 1 #1: attrs"},
     kFuzzedWithAttrSet},
    {"tcpdump/bgp_mvpn_6_and_7_oobr.pcap",
     {"frame 1 #0: attrs", "missing frame 1 241.0.93.20:179 > 255.247.0.1:200 type 20 length 93"},
     kFuzzedWithAttrSet},
    {"tcpdump/bgp_pmsi_tunnel-oobr.pcap",
     {"missing frame 1 241.0.32.19:179 > 239.0.0.1:0 type 2 length 45"},
     kIpv4Fragment},
    {"tcpdump/bgp_vpn_rt-oobr.pcap",
     {"extra frame 1 241.0.128.19:179 > 239.8.0.1:0 type 2 length 45", "frame 1 #0: attrs",
      "frame 1 #0: nlri"},
     kFuzzedWithAttrSet},
    {"traffic-reproducer/pcaps__bgp-traffic.pcap",
     {"extra frame 4 138.190.129.21:25311 > 138.187.58.2:179 type 2 length 149"},
     kCaptureCut},
    {"netgauze/202-BMP-CISCO-HUAWEI-multiple-sources__traffic-02.pcap",
     {"extra frame 11 198.51.100.44:20 > 192.0.2.6:1790 type 2 length 137 via bmp"},
     kFtpDataPort},
    {"netgauze/208-BMP-mem-leak-test__bmp-multi-sources-route-monitoring.pcap",
     {"frame 2306 #4611: nlri", "frame 2308 #4615: nlri", "frame 2309 #4617: nlri",
      "frame 2311 #4621: nlri", "frame 2313 #4625: nlri", "frame 2315 #4629: nlri",
      "frame 2317 #4633: nlri", "frame 2319 #4637: nlri", "frame 2321 #4641: nlri",
      "frame 2323 #4645: nlri", "frame 2325 #4649: nlri", "frame 2327 #4653: nlri",
      "frame 2329 #4657: nlri", "frame 2331 #4661: nlri", "frame 2333 #4665: nlri",
      "frame 2335 #4669: nlri", "frame 2337 #4673: nlri", "frame 2339 #4677: nlri",
      "frame 2341 #4681: nlri", "frame 2416 #4831: nlri", "frame 2418 #4835: nlri",
      "frame 2420 #4839: nlri", "frame 2422 #4843: nlri", "frame 2424 #4847: nlri",
      "frame 2426 #4851: nlri", "frame 2428 #4855: nlri", "frame 2430 #4859: nlri",
      "frame 2432 #4863: nlri", "frame 2434 #4867: nlri", "frame 2436 #4871: nlri",
      "frame 2437 #4873: nlri", "frame 2438 #4875: nlri", "frame 2439 #4877: nlri",
      "frame 2440 #4879: nlri", "frame 2441 #4881: nlri", "frame 2442 #4883: nlri",
      "frame 2445 #4889: nlri", "frame 2446 #4891: nlri", "frame 2447 #4893: nlri",
      "frame 2448 #4895: nlri", "frame 2449 #4897: nlri", "frame 2450 #4899: nlri",
      "frame 2451 #4901: nlri", "frame 2452 #4903: nlri", "frame 2453 #4905: nlri",
      "frame 2454 #4907: nlri", "frame 2455 #4909: nlri", "frame 2456 #4911: nlri",
      "frame 2457 #4913: nlri", "frame 2458 #4915: nlri", "frame 2459 #4917: nlri",
      "frame 2460 #4919: nlri"},
     kVpnAddPath},
    {"netgauze/bmp__stateless-with-add-path__ipv4_unicast_all.pcap",
     {"extra frame * 192.85.2.1:62503 > 192.85.2.2:10000 *"},
     kBmpStreamLost},
    {"netgauze/bmp__vpnv4-stateless-with-withdraw__vpnv4-stateless-with-withdraw.pcap",
     {"frame 1 #1: nlri", "frame 2 #11: nlri", "frame 2 #13: nlri", "frame 2 #15: nlri",
      "frame 2 #17: nlri", "frame 2 #19: nlri", "frame 2 #3: nlri", "frame 2 #5: nlri",
      "frame 2 #7: nlri", "frame 2 #9: nlri", "frame 3 #21: nlri", "frame 3 #23: nlri",
      "frame 3 #25: nlri", "frame 3 #27: nlri"},
     kVpnAddPath},
    {"traffic-reproducer/pcap_processing__bmp-multi-sources.pcap",
     {"frame 79 #622: nlri", "frame 80 #626: nlri", "frame 80 #628: nlri", "frame 80 #632: nlri",
      "frame 80 #636: nlri", "extra frame * 2001:db8:53::1:49796 > *",
      "missing frame 1959 2001:db8:53::1:49796 > 2a02:a90:4007::2:21:1790 type 2 length 118 via "
      "bmp",
      "extra frame * 203.0.113.23:58985 > *"},
     both(kVpnAddPath, kBmpStreamLost)},
    {"traffic-reproducer/pcaps__bmp-multi-sources-route-monitoring-JUMBO.pcap",
     {"extra frame 60 203.0.113.58:20 > 138.187.58.9:1790 type 2 length 45 via bmp",
      "frame 46 #4611: nlri",
      "frame 47 #4615: nlri",
      "frame 47 #4617: nlri",
      "frame 47 #4621: nlri",
      "frame 47 #4625: nlri",
      "frame 47 #4629: nlri",
      "frame 47 #4633: nlri",
      "frame 47 #4637: nlri",
      "frame 47 #4641: nlri",
      "frame 47 #4645: nlri",
      "frame 47 #4649: nlri",
      "frame 47 #4653: nlri",
      "frame 47 #4657: nlri",
      "frame 47 #4661: nlri",
      "frame 47 #4665: nlri",
      "frame 47 #4669: nlri",
      "frame 47 #4673: nlri",
      "frame 47 #4677: nlri",
      "frame 47 #4681: nlri",
      "frame 49 #4831: nlri",
      "frame 49 #4835: nlri",
      "frame 49 #4839: nlri",
      "frame 49 #4843: nlri",
      "frame 49 #4847: nlri",
      "frame 49 #4851: nlri",
      "frame 49 #4855: nlri",
      "frame 49 #4859: nlri",
      "frame 49 #4863: nlri",
      "frame 50 #4867: nlri",
      "frame 50 #4871: nlri",
      "frame 50 #4873: nlri",
      "frame 50 #4875: nlri",
      "frame 50 #4877: nlri",
      "frame 50 #4879: nlri",
      "frame 50 #4881: nlri",
      "frame 50 #4883: nlri",
      "frame 50 #4889: nlri",
      "frame 50 #4891: nlri",
      "frame 50 #4893: nlri",
      "frame 50 #4895: nlri",
      "frame 50 #4897: nlri",
      "frame 50 #4899: nlri",
      "frame 50 #4901: nlri",
      "frame 50 #4903: nlri",
      "frame 50 #4905: nlri",
      "frame 50 #4907: nlri",
      "frame 50 #4909: nlri",
      "frame 50 #4911: nlri",
      "frame 50 #4913: nlri",
      "frame 50 #4915: nlri",
      "frame 50 #4917: nlri",
      "frame 50 #4919: nlri"},
     both(kVpnAddPath, kFtpDataPort)},
};

}  // namespace

const KnownDifferences* known_differences(const std::string& capture) {
  for (const KnownDifferences& k : kKnown) {
    if (k.capture == capture) return &k;
  }
  return nullptr;
}

}  // namespace bgplens::test

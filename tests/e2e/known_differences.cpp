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
    "The only frame is an IPv4 fragment (More Fragments set by the fuzzer). Reassembling IPv4 "
    "fragments is issue #4; until then the fragment's bytes are not decoded as TCP, while "
    "tshark dissects the first fragment's partial payload.";

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
};

}  // namespace

const KnownDifferences* known_differences(const std::string& capture) {
  for (const KnownDifferences& k : kKnown) {
    if (k.capture == capture) return &k;
  }
  return nullptr;
}

}  // namespace bgplens::test

// Numbers from the layers below BGP that decoded values name: IP protocol numbers (FlowSpec's
// protocol component, IPv4 Protocol, IPv6 Next Header) and EtherTypes (FlowSpec's Ethernet
// type component, Ethernet and VLAN headers).
#include "bgp/names/names.h"

namespace bgplens::names {

// IANA "Assigned Internet Protocol Numbers", by keyword; only the ones BGP captures and
// FlowSpec rules commonly carry.
std::string_view ip_protocol(std::uint64_t p) {
  switch (p) {
    case 0:
      return "HOPOPT";
    case 1:
      return "ICMP";
    case 2:
      return "IGMP";
    case 4:
      return "IPv4";
    case 6:
      return "TCP";
    case 17:
      return "UDP";
    case 41:
      return "IPv6";
    case 43:
      return "IPv6-Route";
    case 44:
      return "IPv6-Frag";
    case 47:
      return "GRE";
    case 50:
      return "ESP";
    case 51:
      return "AH";
    case 58:
      return "ICMPv6";
    case 59:
      return "IPv6-NoNxt";
    case 60:
      return "IPv6-Opts";
    case 89:
      return "OSPF";
    case 103:
      return "PIM";
    case 132:
      return "SCTP";
  }
  return {};
}

// IEEE "EtherType" assignments seen in BGP captures.
std::string_view ether_type(std::uint64_t t) {
  switch (t) {
    case 0x0800:
      return "IPv4";
    case 0x0806:
      return "ARP";
    case 0x86dd:
      return "IPv6";
    case 0x8100:
      return "802.1Q";
    case 0x88a8:
      return "802.1ad";
    case 0x9100:
      return "QinQ";
    case 0x8847:
      return "MPLS";
    case 0x8848:
      return "MPLS multicast";
  }
  return {};
}

}  // namespace bgplens::names

#include "bgp/names/names.h"

namespace bgplens::names {

// IANA "Address Family Numbers" (the values BGP uses).
std::string_view afi(std::uint16_t value) {
  switch (value) {
    case 1:
      return "IPv4";
    case 2:
      return "IPv6";
    case 3:
      return "NSAP";
    case 25:
      return "L2VPN";
    case 26:
      return "MPLS-TP Section Endpoint";
    case 16388:
      return "BGP-LS";
    case 16397:
      return "Routing Policy";
    case 16398:
      return "MPLS Namespaces";
  }
  return {};
}

// IANA "Subsequent Address Family Identifiers (SAFI) Parameters".
std::string_view safi(std::uint8_t value) {
  switch (value) {
    case 1:
      return "Unicast";
    case 2:
      return "Multicast";
    case 4:
      return "Labeled Unicast";
    case 5:
      return "MCAST-VPN";
    case 6:
      return "Multi-Segment Pseudowire";
    case 7:
      return "Encapsulation";
    case 8:
      return "MCAST-VPLS";
    case 9:
      return "SFC";
    case 64:
      return "Tunnel";
    case 65:
      return "VPLS";
    case 66:
      return "MDT";
    case 67:
      return "4over6";
    case 68:
      return "6over4";
    case 69:
      return "L1VPN Auto-Discovery";
    case 70:
      return "EVPN";
    case 71:
      return "BGP-LS";
    case 72:
      return "BGP-LS-VPN";
    case 73:
      return "SR Policy";
    case 74:
      return "SD-WAN Capabilities";
    case 75:
      return "Routing Policy";
    case 76:
      return "Classful Transport";
    case 77:
      return "Tunneled Traffic Flowspec";
    case 78:
      return "MCAST-TREE";
    case 79:
      return "BGP-DPS";
    case 80:
      return "BGP-LS-SPF";
    case 83:
      return "BGP CAR";
    case 84:
      return "BGP VPN CAR";
    case 85:
      return "BGP-MUP";
    case 128:
      return "VPN Unicast";
    case 129:
      return "VPN Multicast";
    case 132:
      return "Route Target Constraint";
    case 133:
      return "Flow Specification";
    case 134:
      return "VPN Flow Specification";
    case 140:
      return "VPN Auto-Discovery";
    case 255:
      return "Reserved";
  }
  return {};
}

std::string family(Family f) {
  std::string out(afi(f.afi).empty() ? "AFI " + std::to_string(f.afi) : std::string(afi(f.afi)));
  out += ' ';
  out += safi(f.safi).empty() ? "SAFI " + std::to_string(f.safi) : std::string(safi(f.safi));
  out += " (" + family_numbers(f) + ")";
  return out;
}

std::string family_short(Family f) {
  if (f.afi == 1 && f.safi == 1) return "ipv4";
  if (f.afi == 2 && f.safi == 1) return "ipv6";
  if (f.afi == 1 && f.safi == 2) return "ipv4 mcast";
  if (f.afi == 2 && f.safi == 2) return "ipv6 mcast";
  std::string out;
  switch (f.afi) {
    case 1:
      out = "ipv4";
      break;
    case 2:
      out = "ipv6";
      break;
    case 25:
      out = "l2vpn";
      break;
    case 16388:
      out = "bgp-ls";
      break;
    default:
      out = "afi " + std::to_string(f.afi);
      break;
  }
  const std::string_view s = safi(f.safi);
  out += ' ';
  if (s.empty()) {
    out += "safi " + std::to_string(f.safi);
  } else {
    for (char c : s)
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

}  // namespace bgplens::names

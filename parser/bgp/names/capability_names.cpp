#include "bgp/names/names.h"

namespace bgplens::names {

// IANA "Capability Codes" registry (RFC 5492 §7), including the deprecated pre-standard codes
// that are still seen on the wire (RFC 8810).
std::string_view capability(std::uint8_t code) {
  switch (code) {
    case 0:
      return "Reserved";
    case 1:
      return "Multiprotocol Extensions";
    case 2:
      return "Route Refresh";
    case 3:
      return "Outbound Route Filtering";
    case 4:
      return "Multiple Routes to a Destination (deprecated)";
    case 5:
      return "Extended Next Hop Encoding";
    case 6:
      return "Extended Message";
    case 7:
      return "BGPsec";
    case 8:
      return "Multiple Labels";
    case 9:
      return "BGP Role";
    case 64:
      return "Graceful Restart";
    case 65:
      return "4-octet AS number";
    case 66:
      return "Deprecated (66)";
    case 67:
      return "Dynamic Capability";
    case 68:
      return "Multisession";
    case 69:
      return "ADD-PATH";
    case 70:
      return "Enhanced Route Refresh";
    case 71:
      return "Long-Lived Graceful Restart";
    case 72:
      return "Routing Policy Distribution";
    case 73:
      return "FQDN";
    case 74:
      return "BFD";
    case 75:
      return "Software Version";
    case 76:
      return "Paths-Limit";
    case 77:
      return "Link-Local Next Hop";
    case 128:
      return "Route Refresh (Cisco, pre-standard)";
    case 129:
      return "Outbound Route Filtering (pre-standard, deprecated)";
    case 130:
      return "Outbound Route Filtering (Cisco, pre-standard)";
    case 131:
      return "Multisession (Cisco, pre-standard)";
    case 184:
      return "FQDN (pre-standard)";
    case 185:
      return "OPERATIONAL message (pre-standard)";
    case 255:
      return "Reserved";
  }
  if (code >= 239 && code <= 254) return "Reserved for Experimental Use";
  return {};
}

}  // namespace bgplens::names

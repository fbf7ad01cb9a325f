#include "bgp/names/names.h"

namespace bgplens::names {

// IANA "BGP Path Attributes" registry.
std::string_view path_attribute(std::uint8_t code) {
  switch (code) {
    case 1:
      return "ORIGIN";
    case 2:
      return "AS_PATH";
    case 3:
      return "NEXT_HOP";
    case 4:
      return "MULTI_EXIT_DISC";
    case 5:
      return "LOCAL_PREF";
    case 6:
      return "ATOMIC_AGGREGATE";
    case 7:
      return "AGGREGATOR";
    case 8:
      return "COMMUNITIES";
    case 9:
      return "ORIGINATOR_ID";
    case 10:
      return "CLUSTER_LIST";
    case 11:
      return "DPA (deprecated)";
    case 12:
      return "ADVERTISER (historic)";
    case 13:
      return "RCID_PATH / CLUSTER_ID (historic)";
    case 14:
      return "MP_REACH_NLRI";
    case 15:
      return "MP_UNREACH_NLRI";
    case 16:
      return "EXTENDED_COMMUNITIES";
    case 17:
      return "AS4_PATH";
    case 18:
      return "AS4_AGGREGATOR";
    case 19:
      return "SAFI Specific Attribute (deprecated)";
    case 20:
      return "Connector (deprecated)";
    case 21:
      return "AS_PATHLIMIT (deprecated)";
    case 22:
      return "PMSI_TUNNEL";
    case 23:
      return "Tunnel Encapsulation";
    case 24:
      return "Traffic Engineering";
    case 25:
      return "IPv6 Address Specific Extended Community";
    case 26:
      return "AIGP";
    case 27:
      return "PE Distinguisher Labels";
    case 28:
      return "Entropy Label Capability (deprecated)";
    case 29:
      return "BGP-LS Attribute";
    case 30:
      return "Deprecated (30)";
    case 31:
      return "Deprecated (31)";
    case 32:
      return "LARGE_COMMUNITY";
    case 33:
      return "BGPsec_PATH";
    case 34:
      return "Community Container";
    case 35:
      return "Only to Customer (OTC)";
    case 36:
      return "Domain Path (D-PATH)";
    case 37:
      return "SFP";
    case 38:
      return "BFD Discriminator";
    case 39:
      return "Next Hop Dependent Characteristics";
    case 40:
      return "BGP Prefix-SID";
    case 128:
      return "ATTR_SET";
    case 129:
      return "Deprecated (129)";
    case 241:
      return "Deprecated (241)";
    case 242:
      return "Deprecated (242)";
    case 243:
      return "Deprecated (243)";
    case 255:
      return "Reserved for development";
  }
  return {};
}

// IANA "BGP Well-known Communities" registry.
std::string_view well_known_community(std::uint32_t value) {
  switch (value) {
    case 0xFFFF0000:
      return "GRACEFUL_SHUTDOWN";
    case 0xFFFF0001:
      return "ACCEPT_OWN";
    case 0xFFFF0002:
      return "ROUTE_FILTER_TRANSLATED_v4";
    case 0xFFFF0003:
      return "ROUTE_FILTER_v4";
    case 0xFFFF0004:
      return "ROUTE_FILTER_TRANSLATED_v6";
    case 0xFFFF0005:
      return "ROUTE_FILTER_v6";
    case 0xFFFF0006:
      return "LLGR_STALE";
    case 0xFFFF0007:
      return "NO_LLGR";
    case 0xFFFF0008:
      return "accept-own-nexthop";
    case 0xFFFF0009:
      return "Standby PE";
    case 0xFFFF029A:
      return "BLACKHOLE";
    case 0xFFFFFF01:
      return "NO_EXPORT";
    case 0xFFFFFF02:
      return "NO_ADVERTISE";
    case 0xFFFFFF03:
      return "NO_EXPORT_SUBCONFED";
    case 0xFFFFFF04:
      return "NOPEER";
  }
  return {};
}

}  // namespace bgplens::names

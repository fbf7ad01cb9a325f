#include "bmp/bmp_names.h"

#include "bmp/bmp_wire.h"

namespace bgplens::bmp::names {

std::string_view message_type(std::uint8_t t) {
  switch (t) {
    case type::kRouteMonitoring:
      return "Route Monitoring";
    case type::kStatisticsReport:
      return "Statistics Report";
    case type::kPeerDown:
      return "Peer Down";
    case type::kPeerUp:
      return "Peer Up";
    case type::kInitiation:
      return "Initiation";
    case type::kTermination:
      return "Termination";
    case type::kRouteMirroring:
      return "Route Mirroring";
    case 100:  // draft-xu-grow-bmp-route-policy-attr-trace
      return "Route Policy and Attribute Trace";
    default:
      return {};
  }
}

std::string_view peer_type(std::uint8_t t) {
  switch (t) {
    case peer_type::kGlobal:
      return "Global Instance";
    case peer_type::kRdInstance:
      return "RD Instance";
    case peer_type::kLocalInstance:
      return "Local Instance";
    case peer_type::kLocRib:
      return "Loc-RIB Instance";
    default:
      return {};
  }
}

std::string_view statistic(std::uint16_t t) {
  // RFC 7854 §4.8 (0–8), RFC 7854 errata and IANA (9–13), RFC 8671 §5 (14–17).
  static constexpr std::string_view kNames[] = {
      "Prefixes rejected by inbound policy",
      "Duplicate prefix advertisements",
      "Duplicate withdraws",
      "Updates invalidated due to CLUSTER_LIST loop",
      "Updates invalidated due to AS_PATH loop",
      "Updates invalidated due to ORIGINATOR_ID",
      "Updates invalidated due to AS_CONFED loop",
      "Routes in Adj-RIBs-In",
      "Routes in Loc-RIB",
      "Routes in per-AFI/SAFI Adj-RIB-In",
      "Routes in per-AFI/SAFI Loc-RIB",
      "Updates subjected to treat-as-withdraw",
      "Prefixes subjected to treat-as-withdraw",
      "Duplicate update messages received",
      "Routes in pre-policy Adj-RIB-Out",
      "Routes in post-policy Adj-RIB-Out",
      "Routes in per-AFI/SAFI pre-policy Adj-RIB-Out",
      "Routes in per-AFI/SAFI post-policy Adj-RIB-Out",
  };
  return t < std::size(kNames) ? kNames[t] : std::string_view{};
}

StatShape statistic_shape(std::uint16_t t) {
  switch (t) {
    case 7:
    case 8:
    case 14:
    case 15:
      return StatShape::Gauge64;
    case 9:
    case 10:
    case 16:
    case 17:
      return StatShape::FamilyGauge64;
    default:
      return t <= 13 ? StatShape::Counter32 : StatShape::Unknown;
  }
}

std::string_view peer_down_reason(std::uint8_t r) {
  switch (r) {
    case 1:
      return "Local system closed, NOTIFICATION follows";
    case 2:
      return "Local system closed, FSM event follows";
    case 3:
      return "Remote system closed, NOTIFICATION follows";
    case 4:
      return "Remote system closed, no data";
    case 5:
      return "Peer de-configured";
    case 6:
      return "Local system closed, TLV data follows";  // RFC 9069 §4.4
    default:
      return {};
  }
}

std::string_view termination_reason(std::uint16_t r) {
  switch (r) {
    case 0:
      return "Session administratively closed";
    case 1:
      return "Unspecified reason";
    case 2:
      return "Out of resources";
    case 3:
      return "Redundant connection";
    case 4:
      return "Session permanently administratively closed";
    default:
      return {};
  }
}

std::string_view information_tlv(std::uint8_t message_type, std::uint16_t t) {
  switch (message_type) {
    case type::kInitiation:  // §4.4
      if (t == 0) return "String";
      if (t == 1) return "sysDescr";
      if (t == 2) return "sysName";
      return {};
    case type::kTermination:  // §4.5
      if (t == 0) return "String";
      if (t == 1) return "Reason";
      return {};
    case type::kPeerUp:  // §4.10, RFC 9069 §4.3
    case type::kPeerDown:
      if (t == 0) return "String";
      if (t == 3) return "VRF/Table Name";
      return {};
    case type::kRouteMirroring:  // §4.7
      if (t == 0) return "BGP Message";
      if (t == 1) return "Information";
      return {};
    default:
      return {};
  }
}

}  // namespace bgplens::bmp::names

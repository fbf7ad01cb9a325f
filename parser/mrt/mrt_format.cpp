#include "mrt/mrt_format.h"

#include <array>

namespace bgplens::mrt {
namespace {

constexpr std::array<std::string_view, 13> kTd2Subtypes = {
    "",
    "PEER_INDEX_TABLE",
    "RIB_IPV4_UNICAST",
    "RIB_IPV4_MULTICAST",
    "RIB_IPV6_UNICAST",
    "RIB_IPV6_MULTICAST",
    "RIB_GENERIC",
    "GEO_PEER_TABLE",
    "RIB_IPV4_UNICAST_ADDPATH",
    "RIB_IPV4_MULTICAST_ADDPATH",
    "RIB_IPV6_UNICAST_ADDPATH",
    "RIB_IPV6_MULTICAST_ADDPATH",
    "RIB_GENERIC_ADDPATH",
};

constexpr std::array<std::string_view, 12> kBgp4mpSubtypes = {
    "STATE_CHANGE",
    "MESSAGE",
    "ENTRY",
    "SNAPSHOT",
    "MESSAGE_AS4",
    "STATE_CHANGE_AS4",
    "MESSAGE_LOCAL",
    "MESSAGE_AS4_LOCAL",
    "MESSAGE_ADDPATH",
    "MESSAGE_AS4_ADDPATH",
    "MESSAGE_LOCAL_ADDPATH",
    "MESSAGE_AS4_LOCAL_ADDPATH",
};

constexpr std::array<std::string_view, 8> kOldBgpSubtypes = {
    "NULL", "UPDATE", "PREF_UPDATE", "STATE_CHANGE", "SYNC", "OPEN", "NOTIFY", "KEEPALIVE",
};

}  // namespace

bool known_type(std::uint16_t t, std::uint16_t s) {
  switch (t) {
    case type::kTableDump:
      return s == td1::kAfiIpv4 || s == td1::kAfiIpv6;
    case type::kTableDumpV2:
      return s >= td2::kPeerIndexTable && s <= td2::kRibGenericAddPath;
    case type::kBgp4mp:
    case type::kBgp4mpEt:
      return s <= bgp4mp::kMessageAs4LocalAddPath;
    case type::kBgp:
    case type::kBgp4plus:
    case type::kBgp4plus01:
      return s <= bgp_old::kKeepalive;
    // RFC 6396 §4.1, §4.5, §4.6 and Appendix B: no subtypes defined beyond these.
    case type::kOspfV2:
      return s <= 1;
    case type::kOspfV3:
    case type::kOspfV3Et:
      return s <= 1;
    case type::kIsis:
    case type::kIsisEt:
      return s == 0;
    case type::kNull:
    case type::kStart:
    case type::kDie:
    case type::kIAmDead:
    case type::kPeerDown:
    case type::kRip:
    case type::kIdrp:
    case type::kRipng:
      return s == 0;
    default:
      return false;
  }
}

std::string_view type_name(std::uint16_t t) {
  switch (t) {
    case type::kNull:
      return "NULL";
    case type::kStart:
      return "START";
    case type::kDie:
      return "DIE";
    case type::kIAmDead:
      return "I_AM_DEAD";
    case type::kPeerDown:
      return "PEER_DOWN";
    case type::kBgp:
      return "BGP";
    case type::kRip:
      return "RIP";
    case type::kIdrp:
      return "IDRP";
    case type::kRipng:
      return "RIPNG";
    case type::kBgp4plus:
      return "BGP4PLUS";
    case type::kBgp4plus01:
      return "BGP4PLUS_01";
    case type::kOspfV2:
      return "OSPFv2";
    case type::kTableDump:
      return "TABLE_DUMP";
    case type::kTableDumpV2:
      return "TABLE_DUMP_V2";
    case type::kBgp4mp:
      return "BGP4MP";
    case type::kBgp4mpEt:
      return "BGP4MP_ET";
    case type::kIsis:
      return "ISIS";
    case type::kIsisEt:
      return "ISIS_ET";
    case type::kOspfV3:
      return "OSPFv3";
    case type::kOspfV3Et:
      return "OSPFv3_ET";
    default:
      return {};
  }
}

std::string_view subtype_name(std::uint16_t t, std::uint16_t s) {
  switch (t) {
    case type::kTableDump:
      return s == td1::kAfiIpv4 ? "AFI_IPv4" : s == td1::kAfiIpv6 ? "AFI_IPv6" : "";
    case type::kTableDumpV2:
      return s < kTd2Subtypes.size() ? kTd2Subtypes[s] : "";
    case type::kBgp4mp:
    case type::kBgp4mpEt:
      return s < kBgp4mpSubtypes.size() ? kBgp4mpSubtypes[s] : "";
    case type::kBgp:
    case type::kBgp4plus:
    case type::kBgp4plus01:
      return s < kOldBgpSubtypes.size() ? kOldBgpSubtypes[s] : "";
    default:
      return {};
  }
}

}  // namespace bgplens::mrt

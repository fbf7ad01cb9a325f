// MRT (RFC 6396) record types and subtypes, with the later additions: BGP4MP ADD-PATH and
// TABLE_DUMP_V2 ADD-PATH subtypes (RFC 8050 §3–4), GEO_PEER_TABLE (RFC 6397 §3), and the
// deprecated types of RFC 6396 Appendix B still found in RIPE RIS files of 1999–2000.
#pragma once

#include <cstdint>
#include <string_view>

namespace bgplens::mrt {

// RFC 6396 §4 (current) and Appendix B (deprecated).
namespace type {
inline constexpr std::uint16_t kNull = 0;  // deprecated
inline constexpr std::uint16_t kStart = 1;
inline constexpr std::uint16_t kDie = 2;
inline constexpr std::uint16_t kIAmDead = 3;
inline constexpr std::uint16_t kPeerDown = 4;
inline constexpr std::uint16_t kBgp = 5;  // deprecated: RIS 1999–2000 updates
inline constexpr std::uint16_t kRip = 6;
inline constexpr std::uint16_t kIdrp = 7;
inline constexpr std::uint16_t kRipng = 8;
inline constexpr std::uint16_t kBgp4plus = 9;
inline constexpr std::uint16_t kBgp4plus01 = 10;
inline constexpr std::uint16_t kOspfV2 = 11;
inline constexpr std::uint16_t kTableDump = 12;
inline constexpr std::uint16_t kTableDumpV2 = 13;
inline constexpr std::uint16_t kBgp4mp = 16;
inline constexpr std::uint16_t kBgp4mpEt = 17;
inline constexpr std::uint16_t kIsis = 32;
inline constexpr std::uint16_t kIsisEt = 33;
inline constexpr std::uint16_t kOspfV3 = 48;
inline constexpr std::uint16_t kOspfV3Et = 49;
}  // namespace type

// RFC 6396 §4.2: TABLE_DUMP subtypes are the AFI of the entry.
namespace td1 {
inline constexpr std::uint16_t kAfiIpv4 = 1;
inline constexpr std::uint16_t kAfiIpv6 = 2;
}  // namespace td1

// RFC 6396 §4.3, RFC 6397 §3, RFC 8050 §4.
namespace td2 {
inline constexpr std::uint16_t kPeerIndexTable = 1;
inline constexpr std::uint16_t kRibIpv4Unicast = 2;
inline constexpr std::uint16_t kRibIpv4Multicast = 3;
inline constexpr std::uint16_t kRibIpv6Unicast = 4;
inline constexpr std::uint16_t kRibIpv6Multicast = 5;
inline constexpr std::uint16_t kRibGeneric = 6;
inline constexpr std::uint16_t kGeoPeerTable = 7;
inline constexpr std::uint16_t kRibIpv4UnicastAddPath = 8;
inline constexpr std::uint16_t kRibIpv4MulticastAddPath = 9;
inline constexpr std::uint16_t kRibIpv6UnicastAddPath = 10;
inline constexpr std::uint16_t kRibIpv6MulticastAddPath = 11;
inline constexpr std::uint16_t kRibGenericAddPath = 12;
}  // namespace td2

// RFC 6396 §4.4, RFC 8050 §3. Subtypes 2 (BGP4MP_ENTRY) and 3 (BGP4MP_SNAPSHOT) are from the
// MRT drafts before the RFC; OpenBGPD still writes BGP4MP_ENTRY.
namespace bgp4mp {
inline constexpr std::uint16_t kStateChange = 0;
inline constexpr std::uint16_t kMessage = 1;
inline constexpr std::uint16_t kEntry = 2;
inline constexpr std::uint16_t kSnapshot = 3;
inline constexpr std::uint16_t kMessageAs4 = 4;
inline constexpr std::uint16_t kStateChangeAs4 = 5;
inline constexpr std::uint16_t kMessageLocal = 6;
inline constexpr std::uint16_t kMessageAs4Local = 7;
inline constexpr std::uint16_t kMessageAddPath = 8;
inline constexpr std::uint16_t kMessageAs4AddPath = 9;
inline constexpr std::uint16_t kMessageLocalAddPath = 10;
inline constexpr std::uint16_t kMessageAs4LocalAddPath = 11;
}  // namespace bgp4mp

// RFC 6396 Appendix B.2.1: subtypes of the deprecated BGP, BGP4PLUS and BGP4PLUS_01 types.
namespace bgp_old {
inline constexpr std::uint16_t kNull = 0;
inline constexpr std::uint16_t kUpdate = 1;
inline constexpr std::uint16_t kPrefUpdate = 2;
inline constexpr std::uint16_t kStateChange = 3;
inline constexpr std::uint16_t kSync = 4;
inline constexpr std::uint16_t kOpen = 5;
inline constexpr std::uint16_t kNotify = 6;
inline constexpr std::uint16_t kKeepalive = 7;
}  // namespace bgp_old

// RFC 6396 §2: the common header is 12 octets; the _ET types add a 4-octet microsecond field,
// which the Length field counts (RFC 6396 §3).
inline constexpr std::uint32_t kHeaderLength = 12;
inline constexpr std::uint32_t kEtHeaderLength = 16;

inline constexpr bool is_extended_time(std::uint16_t t) {
  return t == type::kBgp4mpEt || t == type::kIsisEt || t == type::kOspfV3Et;
}

// Whether (type, subtype) is defined by RFC 6396 (current or deprecated), RFC 6397 or RFC
// 8050, or is a draft subtype known to be written by deployed software.
bool known_type(std::uint16_t t, std::uint16_t subtype);

// "TABLE_DUMP_V2", "BGP4MP_ET"...; empty when unknown.
std::string_view type_name(std::uint16_t t);
// "RIB_IPV4_UNICAST", "MESSAGE_AS4"...; empty when unknown.
std::string_view subtype_name(std::uint16_t t, std::uint16_t subtype);

// Per-subtype facts the decoders and the index share.
inline constexpr bool is_bgp4mp(std::uint16_t t) {
  return t == type::kBgp4mp || t == type::kBgp4mpEt;
}
inline constexpr bool bgp4mp_is_message(std::uint16_t s) {
  return s == bgp4mp::kMessage ||
         (s >= bgp4mp::kMessageAs4 && s <= bgp4mp::kMessageAs4LocalAddPath &&
          s != bgp4mp::kStateChangeAs4);
}
inline constexpr bool bgp4mp_is_state_change(std::uint16_t s) {
  return s == bgp4mp::kStateChange || s == bgp4mp::kStateChangeAs4;
}
// RFC 6396 §4.4.1–4.4.7: 4-octet AS numbers in the BGP4MP header and in the message.
inline constexpr bool bgp4mp_as4(std::uint16_t s) {
  return s == bgp4mp::kMessageAs4 || s == bgp4mp::kStateChangeAs4 ||
         s == bgp4mp::kMessageAs4Local || s == bgp4mp::kMessageAs4AddPath ||
         s == bgp4mp::kMessageAs4LocalAddPath;
}
inline constexpr bool bgp4mp_local(std::uint16_t s) {
  return s == bgp4mp::kMessageLocal || s == bgp4mp::kMessageAs4Local ||
         s == bgp4mp::kMessageLocalAddPath || s == bgp4mp::kMessageAs4LocalAddPath;
}
// RFC 8050 §3: every NLRI of the message carries a path identifier.
inline constexpr bool bgp4mp_add_path(std::uint16_t s) {
  return s >= bgp4mp::kMessageAddPath && s <= bgp4mp::kMessageAs4LocalAddPath;
}
inline constexpr bool td2_is_rib(std::uint16_t s) {
  return (s >= td2::kRibIpv4Unicast && s <= td2::kRibGeneric) ||
         (s >= td2::kRibIpv4UnicastAddPath && s <= td2::kRibGenericAddPath);
}
inline constexpr bool td2_add_path(std::uint16_t s) {
  return s >= td2::kRibIpv4UnicastAddPath && s <= td2::kRibGenericAddPath;
}
inline constexpr bool td2_generic(std::uint16_t s) {
  return s == td2::kRibGeneric || s == td2::kRibGenericAddPath;
}
// The AFI of an AFI/SAFI-specific RIB subtype (RFC 6396 §4.3.2): 1 IPv4, 2 IPv6; 0 for generic.
inline constexpr std::uint16_t td2_afi(std::uint16_t s) {
  switch (s) {
    case td2::kRibIpv4Unicast:
    case td2::kRibIpv4Multicast:
    case td2::kRibIpv4UnicastAddPath:
    case td2::kRibIpv4MulticastAddPath:
      return 1;
    case td2::kRibIpv6Unicast:
    case td2::kRibIpv6Multicast:
    case td2::kRibIpv6UnicastAddPath:
    case td2::kRibIpv6MulticastAddPath:
      return 2;
    default:
      return 0;
  }
}
inline constexpr std::uint8_t td2_safi(std::uint16_t s) {
  switch (s) {
    case td2::kRibIpv4Multicast:
    case td2::kRibIpv6Multicast:
    case td2::kRibIpv4MulticastAddPath:
    case td2::kRibIpv6MulticastAddPath:
      return 2;
    default:
      return td2_afi(s) ? 1 : 0;
  }
}

}  // namespace bgplens::mrt

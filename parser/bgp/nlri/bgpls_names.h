// Names from the IANA "Border Gateway Protocol - Link State (BGP-LS) Parameters" registries
// (RFC 9552 §7) and the registries BGP-LS TLVs borrow from (IGP algorithms, MSD types, SRv6
// endpoint behaviors). Each returns an empty view for a value the table does not name.
#pragma once

#include <cstdint>
#include <string_view>

namespace bgplens::bgpls {

// NLRI Type (RFC 9552 §5.2 Table 1, RFC 9514 §6): "Link".
std::string_view nlri_type_name(std::uint16_t type);
// The same, short and lowercase, for NLRI texts: "link", "prefix4".
std::string_view nlri_type_word(std::uint16_t type);
// Protocol-ID (RFC 9552 §5.2 Table 2, RFC 9086 §4, RFC 9552 registry): "IS-IS Level 2".
std::string_view protocol_name(std::uint8_t id);
// The same for NLRI texts: "L2", "OSPFv2".
std::string_view protocol_word(std::uint8_t id);
bool is_isis(std::uint8_t protocol);
bool is_ospf(std::uint8_t protocol);

// The "Node Descriptor, Link Descriptor, Prefix Descriptor, and Attribute TLVs" registry.
struct TlvInfo {
  std::uint16_t code;
  std::string_view name;
  std::string_view rfc;  // where the TLV's format is defined, e.g. "RFC 9552 §5.3.2.4"
};
// nullptr when the registry entry is unknown to this table.
const TlvInfo* tlv_info(std::uint16_t code);

std::string_view ospf_route_type_name(std::uint8_t type);     // RFC 9552 §5.2.3.1
std::string_view algorithm_name(std::uint8_t algorithm);      // IANA "IGP Algorithm Types"
std::string_view msd_type_name(std::uint8_t type);            // IANA "IGP MSD-Types"
std::string_view srv6_behavior_name(std::uint16_t behavior);  // IANA "SRv6 Endpoint Behaviors"

}  // namespace bgplens::bgpls

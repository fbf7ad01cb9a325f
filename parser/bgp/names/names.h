// Names from the IANA registries and RFCs, for values the decoder shows. Each returns an empty
// view for an unassigned value, so callers can say "unassigned (N)" themselves.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bgp/family.h"

namespace bgplens::names {

std::string_view message_type(std::uint8_t type);       // "UPDATE"
std::string_view capability(std::uint8_t code);         // IANA "Capability Codes"
std::string_view path_attribute(std::uint8_t code);     // IANA "BGP Path Attributes"
std::string_view afi(std::uint16_t afi);                // IANA "Address Family Numbers"
std::string_view safi(std::uint8_t safi);               // IANA "SAFI Values"
std::string_view notification_code(std::uint8_t code);  // IANA "BGP Error Codes"
std::string_view notification_subcode(std::uint8_t code, std::uint8_t subcode);
std::string_view well_known_community(std::uint32_t value);  // IANA "BGP Well-known Communities"
std::string_view ip_protocol(std::uint64_t protocol);        // IANA "Protocol Numbers" keywords
std::string_view ether_type(std::uint64_t type);             // IEEE EtherTypes
std::string_view origin(std::uint8_t value);
std::string_view as_path_segment_type(std::uint8_t type);
std::string_view add_path_mode(std::uint8_t send_receive);
std::string_view route_refresh_subtype(std::uint8_t subtype);
std::string_view optional_parameter(std::uint8_t type);

// "Name (N)", or "unassigned (N)" when the table has no name.
std::string with_number(std::string_view name, std::uint64_t number);
// "IPv4 unicast (1/1)"-style description of a family.
std::string family(Family f);
// Short form for one-line summaries: "ipv4", "ipv6 mcast", "afi 25/safi 70".
std::string family_short(Family f);

}  // namespace bgplens::names

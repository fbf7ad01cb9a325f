// Names of BMP code points (IANA "BGP Monitoring Protocol (BMP) Parameters"). Empty when
// unassigned.
#pragma once

#include <cstdint>
#include <string_view>

namespace bgplens::bmp::names {

std::string_view message_type(std::uint8_t type);  // "Route Monitoring"
std::string_view peer_type(std::uint8_t type);     // "Global Instance"
std::string_view statistic(std::uint16_t type);    // "Routes in Adj-RIB-In"
std::string_view peer_down_reason(std::uint8_t reason);
std::string_view termination_reason(std::uint16_t reason);
// Information TLV types, which depend on the message that carries them.
std::string_view information_tlv(std::uint8_t message_type, std::uint16_t tlv_type);

// How a statistic's value is laid out (RFC 7854 §4.8, RFC 8671 §5).
enum class StatShape : std::uint8_t { Counter32, Gauge64, FamilyGauge64, Unknown };
StatShape statistic_shape(std::uint16_t type);

}  // namespace bgplens::bmp::names

// Address families (AFI/SAFI pairs) as a small value type.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace bgplens {

struct Family {
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  auto operator<=>(const Family&) const = default;
};

namespace afi {
inline constexpr std::uint16_t kIpv4 = 1;
inline constexpr std::uint16_t kIpv6 = 2;
inline constexpr std::uint16_t kL2vpn = 25;
inline constexpr std::uint16_t kBgpLs = 16388;
}  // namespace afi

namespace safi {
inline constexpr std::uint8_t kUnicast = 1;
inline constexpr std::uint8_t kMulticast = 2;
}  // namespace safi

inline constexpr Family kIpv4Unicast{afi::kIpv4, safi::kUnicast};

// "1/1" style, as used on the command line.
std::string family_numbers(Family f);

}  // namespace bgplens

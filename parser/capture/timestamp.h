// Timestamps of capture files as nanoseconds since the epoch. A capture's timestamp fields are
// as wide as the format allows (pcapng: 64 bits in units down to 10^-19 s, plus a 64-bit
// offset), so converting them can overflow; a timestamp outside what 64-bit nanoseconds hold
// (years before 1678 or after 2262) is clamped, never undefined.
#pragma once

#include <cstdint>
#include <limits>

namespace bgplens {

// seconds * 10^9 + nanoseconds, clamped to the int64 range.
inline std::int64_t nanoseconds_since_epoch(std::int64_t seconds, std::int64_t nanoseconds) {
  std::int64_t scaled = 0;
  std::int64_t sum = 0;
  if (__builtin_mul_overflow(seconds, std::int64_t{1'000'000'000}, &scaled) ||
      __builtin_add_overflow(scaled, nanoseconds, &sum)) {
    return seconds < 0 ? std::numeric_limits<std::int64_t>::min()
                       : std::numeric_limits<std::int64_t>::max();
  }
  return sum;
}

// A count of 1/units_per_second ticks plus an offset in seconds (pcapng's if_tsresol and
// if_tsoffset, RFC-draft pcapng §4.2), clamped likewise.
inline std::int64_t ticks_to_nanoseconds(std::uint64_t ticks, std::uint64_t units_per_second,
                                         std::int64_t offset_seconds) {
  if (units_per_second == 0) units_per_second = 1'000'000;
  const std::uint64_t whole = ticks / units_per_second;
  const std::uint64_t rest = ticks % units_per_second;
  // rest < units_per_second, so rest * 10^9 / units_per_second < 10^9; computed in 128 bits
  // because rest * 10^9 overflows 64 bits for units finer than about 10^-10 s.
  __extension__ typedef unsigned __int128 Wide;
  const auto fraction =
      static_cast<std::int64_t>(static_cast<Wide>(rest) * 1'000'000'000u / units_per_second);
  std::int64_t seconds = 0;
  if (whole > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
      __builtin_add_overflow(static_cast<std::int64_t>(whole), offset_seconds, &seconds)) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return nanoseconds_since_epoch(seconds, fraction);
}

}  // namespace bgplens

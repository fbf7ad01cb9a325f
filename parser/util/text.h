// Small text helpers for value strings. GCC 12 has no <format>; these stay allocation-light.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/bytes.h"

namespace bgplens::text {

std::string ipv4(const std::uint8_t* p);
std::string ipv4_value(std::uint32_t host_order);
// RFC 5952 compressed form, as inet_ntop prints it.
std::string ipv6(const std::uint8_t* p);
// The same two written at `out`, which has room for kIpv4Size or kIpv6Size bytes; they return
// the end. For text built around an address without a string for the address alone.
inline constexpr std::size_t kIpv4Size = 15;  // "255.255.255.255"
inline constexpr std::size_t kIpv6Size = 45;  // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"
char* ipv4_to(char* out, const std::uint8_t* p);
char* ipv6_to(char* out, const std::uint8_t* p);
// Address of `family_bytes` (4 or 16) from a possibly shorter prefix, zero-padded.
std::string prefix(Bytes address_bytes, unsigned family_bytes, unsigned prefix_len);
std::string hex(Bytes bytes, std::size_t max_bytes = 64);
std::string hex_spaced(Bytes bytes, std::size_t max_bytes = 64);
// 0x-prefixed, zero-padded to `digits`.
std::string hex_number(std::uint64_t value, int digits);
std::string bits(std::uint64_t value, int width);
// "1 byte" / "12 bytes".
std::string byte_count(std::uint64_t n);
// Printable text with non-printable bytes escaped as \xNN.
std::string escaped(std::string_view raw, std::size_t max_chars = 256);
// "65000" or "65000 (AS_TRANS)" and similar annotated ASNs.
std::string asn(std::uint32_t as);
std::string asn_plain(std::uint32_t as);

// Concatenates pieces into one string sized once. Preferred over chains of operator+ starting
// from a literal, which also draw GCC 12's false -Wrestrict warnings at -O3 (GCC bug 105329).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  const std::string_view views[] = {std::string_view(parts)...};
  std::size_t size = 0;
  for (std::string_view v : views)
    size += v.size();
  std::string out;
  out.reserve(size);
  for (std::string_view v : views)
    out.append(v);
  return out;
}
// `raw` between double quotes.
inline std::string quoted(std::string_view raw) {
  return cat("\"", raw, "\"");
}

}  // namespace bgplens::text

// IPv4 and IPv6 addresses and TCP endpoints as small values.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>

namespace bgplens {

struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  std::uint8_t version = 0;  // 4 or 6; IPv4 uses the first four bytes
  auto operator<=>(const IpAddress&) const = default;
  std::string text() const;
};

struct Endpoint {
  IpAddress address;
  std::uint16_t port = 0;
  auto operator<=>(const Endpoint&) const = default;
  // "10.0.0.1:179", "2001:db8::1:179" (the reference's form: IPv6 without brackets).
  std::string text() const;
};

struct EndpointHash {
  std::size_t operator()(const Endpoint& e) const noexcept;
};

}  // namespace bgplens

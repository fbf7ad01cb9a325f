#include "capture/ip_address.h"

#include <charconv>

#include "util/text.h"

namespace bgplens {

std::string IpAddress::text() const {
  return version == 6 ? text::ipv6(bytes.data()) : text::ipv4(bytes.data());
}

std::string Endpoint::text() const {
  // Built in place and made a string once, not three strings joined.
  char buf[text::kIpv6Size + 6];  // address, ':', "65535"
  char* end = address.version == 6 ? text::ipv6_to(buf, address.bytes.data())
                                   : text::ipv4_to(buf, address.bytes.data());
  *end++ = ':';
  end = std::to_chars(end, buf + sizeof buf, port).ptr;
  return std::string(buf, end);
}

std::size_t EndpointHash::operator()(const Endpoint& e) const noexcept {
  // FNV-1a over the address and port.
  std::size_t h = 1469598103934665603ULL;
  for (std::uint8_t b : e.address.bytes)
    h = (h ^ b) * 1099511628211ULL;
  h = (h ^ e.address.version) * 1099511628211ULL;
  h = (h ^ (e.port & 0xFF)) * 1099511628211ULL;
  h = (h ^ (e.port >> 8)) * 1099511628211ULL;
  return h;
}

}  // namespace bgplens

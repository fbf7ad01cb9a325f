#include "bmp/bmp_wire.h"

#include <algorithm>
#include <cstring>

namespace bgplens::bmp {

bool plausible_header(Bytes b) {
  if (b.empty()) return false;
  if (b[0] != kVersion && b[0] != kVersion4) return false;
  if (b.size() >= 5) {
    const std::uint32_t length = load_be32(b.data() + 1);
    if (length < kCommonHeaderLength || length > kMaxMessageLength) return false;
  }
  return b.size() < 6 || b[5] <= type::kLast;
}

IpAddress read_address(const std::uint8_t* sixteen, bool ipv6) {
  IpAddress a;
  if (ipv6) {
    a.version = 6;
    std::memcpy(a.bytes.data(), sixteen, 16);
  } else {
    a.version = 4;
    std::memcpy(a.bytes.data(), sixteen + 12, 4);
  }
  return a;
}

std::optional<PeerHeader> read_peer_header(Bytes b) {
  if (b.size() < kPeerHeaderLength) return std::nullopt;
  PeerHeader h;
  h.peer_type = b[0];
  h.flags = b[1];
  h.distinguisher = load_be64(b.data() + 2);
  // Loc-RIB peers have no V flag (its bit is F, RFC 9069 §4.2); their address is all zero.
  const bool ipv6 = !h.loc_rib() && (h.flags & peer_flag::kIpv6);
  h.address = read_address(b.data() + 10, ipv6);
  h.as = load_be32(b.data() + 26);
  h.bgp_id = load_be32(b.data() + 30);
  h.seconds = load_be32(b.data() + 34);
  h.microseconds = load_be32(b.data() + 38);
  return h;
}

bool marker_at(Bytes b, std::uint32_t at) {
  if (b.size() < at || b.size() - at < 16) return false;
  for (std::uint32_t i = 0; i < 16; ++i) {
    if (b[at + i] != 0xFF) return false;
  }
  return true;
}

std::optional<PeerUpEndpoints> read_peer_up_endpoints(Bytes b, const PeerHeader& header) {
  constexpr std::uint32_t at = kCommonHeaderLength + kPeerHeaderLength;
  if (b.size() < at + kPeerUpEndpointsLength) return std::nullopt;
  const bool ipv6 = !header.loc_rib() && (header.flags & peer_flag::kIpv6);
  return PeerUpEndpoints{read_address(b.data() + at, ipv6), load_be16(b.data() + at + 16),
                         load_be16(b.data() + at + 18)};
}

}  // namespace bgplens::bmp

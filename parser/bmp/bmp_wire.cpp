#include "bmp/bmp_wire.h"

#include <algorithm>
#include <cstring>

#include "bgp/decoded_message.h"

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

namespace {

// The BGP message at `offset`: its length from its header, cut to `end`. nullopt when there is
// no room for a header, or its length is below the minimum, so nothing can follow it.
std::optional<std::uint32_t> bgp_length_at(Bytes b, std::uint32_t offset, std::uint32_t end) {
  if (end < offset || end - offset < kHeaderLength) return std::nullopt;
  const std::uint16_t length = load_be16(b.data() + offset + 16);
  if (length < kHeaderLength) return std::nullopt;
  return std::min<std::uint32_t>(length, end - offset);
}

bool add_at(EmbeddedList& list, Bytes b, std::uint32_t& offset, std::uint32_t end,
            EmbeddedRole role) {
  const auto length = bgp_length_at(b, offset, end);
  if (!length) return false;
  list.add(Embedded{offset, *length, role});
  offset += *length;
  return true;
}

}  // namespace

EmbeddedList find_embedded(Bytes b) {
  EmbeddedList list;
  if (b.size() < kCommonHeaderLength || (b[0] != kVersion && b[0] != kVersion4)) return list;
  const auto end =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(load_be32(b.data() + 1), b.size()));
  const std::uint8_t message_type = b[5];
  const std::uint32_t body = kCommonHeaderLength + kPeerHeaderLength;
  if (!has_peer_header(message_type) || end < body) return list;
  std::uint32_t at = body;
  switch (message_type) {
    case type::kRouteMonitoring:
      if (b[0] == kVersion4 && !marker_at(b, at)) {
        // TLVs (type, length, index, value); the one holding a BGP message is the PDU.
        while (end - at >= 6) {
          const std::uint32_t length = load_be16(b.data() + at + 2);
          const std::uint32_t value = at + 6;
          if (length > end - value) break;
          if (length >= kHeaderLength && marker_at(b, value)) {
            std::uint32_t inner = value;
            add_at(list, b, inner, value + length, EmbeddedRole::RouteMonitoring);
            break;
          }
          at = value + length;
        }
      } else {
        add_at(list, b, at, end, EmbeddedRole::RouteMonitoring);
      }
      break;
    case type::kPeerUp:
      // Local address (16), local port, remote port, then the two OPENs (§4.10).
      at += 20;
      if (add_at(list, b, at, end, EmbeddedRole::SentOpen))
        add_at(list, b, at, end, EmbeddedRole::ReceivedOpen);
      break;
    case type::kPeerDown: {
      // Reasons 1 and 3 are followed by the NOTIFICATION (§4.9).
      if (at >= end) break;
      const std::uint8_t reason = b[at++];
      if (reason == 1) add_at(list, b, at, end, EmbeddedRole::LocalNotification);
      if (reason == 3) add_at(list, b, at, end, EmbeddedRole::RemoteNotification);
      break;
    }
    case type::kRouteMirroring:
      // TLVs; type 0 holds one BGP message (§4.7).
      while (end - at >= 4 && list.count < EmbeddedList::kMax) {
        const std::uint16_t tlv_type = load_be16(b.data() + at);
        const std::uint32_t tlv_length = load_be16(b.data() + at + 2);
        const std::uint32_t value = at + 4;
        if (tlv_length > end - value) break;
        if (tlv_type == 0) {
          std::uint32_t inner = value;
          add_at(list, b, inner, value + tlv_length, EmbeddedRole::Mirrored);
        }
        at = value + tlv_length;
      }
      break;
    default:
      break;
  }
  return list;
}

}  // namespace bgplens::bmp

// From a captured frame to its TCP segment: link layer, IPv4/IPv6, TCP header.
#pragma once

#include <cstdint>
#include <string>

#include "capture/ip_address.h"
#include "util/bytes.h"

namespace bgplens {

namespace tcp_flag {
inline constexpr std::uint8_t kFin = 0x01;
inline constexpr std::uint8_t kSyn = 0x02;
inline constexpr std::uint8_t kRst = 0x04;
inline constexpr std::uint8_t kAck = 0x10;
}  // namespace tcp_flag

struct TcpSegment {
  Endpoint src;
  Endpoint dst;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint32_t payload_offset = 0;    // within the frame
  std::uint32_t payload_captured = 0;  // payload bytes present in the capture
  std::uint32_t payload_length = 0;    // payload bytes on the wire (IP length says so)
};

enum class FrameKind : std::uint8_t {
  Tcp,
  NotTcp,    // another protocol: nothing to do
  Fragment,  // an IPv4/IPv6 fragment (not reassembled yet)
  UnsupportedLink,
  Malformed,  // headers inconsistent or cut short
};

// Decodes the headers of one frame of the given libpcap link type.
FrameKind decode_frame(int link_type, Bytes frame, TcpSegment& out, std::string* problem);

}  // namespace bgplens

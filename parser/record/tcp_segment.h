// One Ethernet II frame holding an IPv4 or IPv6 packet holding a TCP segment, with every
// length and checksum filled in, for the pcapng recorder. Unlike gen/tcp_frames.h this can put
// the MSS option in a SYN (RFC 9293 §3.7.1), so that segments of more than the default 536
// octets are what the handshake allowed, and it hands back the frame alone (no pcap record
// header), for whichever capture format wraps it.
#pragma once

#include <array>
#include <cstdint>

#include "capture/ip_address.h"
#include "gen/byte_writer.h"

namespace bgplens::record {

using Mac = std::array<std::uint8_t, 6>;

struct TcpSegment {
  const Endpoint* src = nullptr;  // both of one IP version
  const Endpoint* dst = nullptr;
  Mac src_mac{};
  Mac dst_mac{};
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;    // written only with the ACK flag; zero otherwise
  std::uint8_t flags = 0;   // gen::tcp_flags
  std::uint16_t ip_id = 0;  // IPv4 Identification
  std::uint16_t window = 65535;
  std::uint16_t mss = 0;  // the MSS option (kind 2, RFC 9293 §3.2) when not zero
  Bytes payload;
};

// Appends the frame to `out`.
void append_tcp_frame(gen::ByteVector& out, const TcpSegment& segment);

// The RFC 1071 Internet checksum of `data` (the one's complement of its one's complement sum).
std::uint16_t internet_checksum(Bytes data, std::uint32_t initial_sum = 0);

}  // namespace bgplens::record

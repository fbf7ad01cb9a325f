// Ethernet/IPv4-or-IPv6/TCP frames with every length and checksum filled in, encoded straight
// into a byte vector: alone (the pcapng recorder wraps them in its blocks), or as classic pcap
// records for generators that stream a capture to a file instead of holding it (PcapWriter
// keeps the whole capture in memory, which is right for the sample and the tests, not for a
// gigabyte).
#pragma once

#include <array>
#include <cstdint>

#include "capture/ip_address.h"
#include "gen/byte_writer.h"

namespace bgplens::gen {

namespace tcp_flags {
inline constexpr std::uint8_t kFin = 0x01;
inline constexpr std::uint8_t kSyn = 0x02;
inline constexpr std::uint8_t kRst = 0x04;
inline constexpr std::uint8_t kPsh = 0x08;
inline constexpr std::uint8_t kAck = 0x10;
}  // namespace tcp_flags

using Mac = std::array<std::uint8_t, 6>;

// One Ethernet II frame holding an IPv4 or IPv6 packet holding a TCP segment.
struct EthernetTcp {
  const Endpoint* src = nullptr;  // both of one IP version
  const Endpoint* dst = nullptr;
  Mac src_mac{};
  Mac dst_mac{};
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;    // written only with tcp_flags::kAck; zero otherwise
  std::uint8_t flags = 0;   // tcp_flags
  std::uint16_t ip_id = 0;  // IPv4 Identification
  std::uint16_t window = 65535;
  // The MSS option (kind 2, RFC 9293 §3.2) when not zero, for a SYN: segments of more than
  // the default 536 octets are then what the handshake allowed (§3.7.1).
  std::uint16_t mss = 0;
  Bytes payload;
};

// Appends the frame alone (no capture record header) to `out`. Throws std::invalid_argument
// for ends of different IP versions, std::length_error for a packet over 64 KiB.
void append_tcp_frame(ByteVector& out, const EthernetTcp& frame);

// The RFC 1071 Internet checksum of `data` (the one's complement of its one's complement sum),
// `initial_sum` (a pseudo-header's sum) included.
std::uint16_t internet_checksum(Bytes data, std::uint32_t initial_sum = 0);

// The 24-byte header of a classic pcap file: microsecond timestamps, LINKTYPE_ETHERNET.
void append_pcap_header(ByteVector& out, std::uint32_t snaplen = 262144);

struct TcpFrame {
  const Endpoint* src = nullptr;
  const Endpoint* dst = nullptr;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;  // written only with tcp_flags::kAck
  std::uint8_t flags = 0;
  std::uint16_t ip_id = 0;
  std::uint16_t window = 65535;
  Bytes payload;
};

// Appends one pcap record holding `frame` (whole, no snaplen cut), with correct IPv4 header
// and TCP checksums so that every reader takes it as real traffic. The MAC addresses are
// locally administered ones named after the last address byte of each side, so that both
// directions of a connection use the same two.
void append_tcp_record(ByteVector& out, std::int64_t time_ns, const TcpFrame& frame);

}  // namespace bgplens::gen

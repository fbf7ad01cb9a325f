// Classic pcap records of Ethernet/IPv4-or-IPv6/TCP frames, encoded straight into a byte
// vector, for generators that stream a capture to a file instead of holding it (PcapWriter
// keeps the whole capture in memory, which is right for the sample and the tests, not for a
// gigabyte).
#pragma once

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
// and TCP checksums so that every reader takes it as real traffic.
void append_tcp_record(ByteVector& out, std::int64_t time_ns, const TcpFrame& frame);

}  // namespace bgplens::gen

#include "gen/tcp_frames.h"

#include <algorithm>
#include <stdexcept>

namespace bgplens::gen {
namespace {

constexpr std::uint8_t kProtocolTcp = 6;

void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}

void put32(std::uint8_t* p, std::uint32_t v) {
  put16(p, static_cast<std::uint16_t>(v >> 16));
  put16(p + 2, static_cast<std::uint16_t>(v));
}

void put_le32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// The one's complement sum of 16-bit big-endian words, an odd last byte padded with zero
// (RFC 1071 §4.1), carried back in as it goes.
std::uint32_t sum16(Bytes data, std::uint32_t sum) {
  std::size_t i = 0;
  for (; i + 1 < data.size(); i += 2) {
    sum += static_cast<std::uint32_t>(data[i] << 8 | data[i + 1]);
    sum = (sum & 0xFFFF) + (sum >> 16);
  }
  if (i < data.size()) sum += static_cast<std::uint32_t>(data[i]) << 8;
  return (sum & 0xFFFF) + (sum >> 16);
}

}  // namespace

std::uint16_t internet_checksum(Bytes data, std::uint32_t initial_sum) {
  std::uint32_t sum = sum16(data, initial_sum);
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

void append_tcp_frame(ByteVector& out, const EthernetTcp& s) {
  const bool v6 = s.src->address.version == 6;
  if (s.dst->address.version != s.src->address.version)
    throw std::invalid_argument("TCP segment: source and destination of different IP versions");
  const std::size_t address_length = v6 ? 16 : 4;
  const std::size_t ip_length = v6 ? 40 : 20;
  const std::size_t options = s.mss ? 4 : 0;
  const std::size_t tcp_length = 20 + options + s.payload.size();
  if (ip_length + tcp_length > 0xFFFF) throw std::length_error("TCP segment over 64 KiB");
  const std::size_t at = out.size();
  out.resize(at + 14 + ip_length + tcp_length);
  std::uint8_t* eth = out.data() + at;

  std::copy(s.dst_mac.begin(), s.dst_mac.end(), eth);
  std::copy(s.src_mac.begin(), s.src_mac.end(), eth + 6);
  put16(eth + 12, v6 ? 0x86DD : 0x0800);

  std::uint8_t* ip = eth + 14;
  if (v6) {
    // RFC 8200 §3: version 6, traffic class CS6 (0xC0, how routers mark BGP), no flow label.
    put32(ip, 0x6C000000);
    put16(ip + 4, static_cast<std::uint16_t>(tcp_length));
    ip[6] = kProtocolTcp;
    ip[7] = 64;
    std::copy_n(s.src->address.bytes.data(), 16, ip + 8);
    std::copy_n(s.dst->address.bytes.data(), 16, ip + 24);
  } else {
    // RFC 791 §3.1: version 4, 5 words of header, DSCP CS6, Don't Fragment.
    ip[0] = 0x45;
    ip[1] = 0xC0;
    put16(ip + 2, static_cast<std::uint16_t>(ip_length + tcp_length));
    put16(ip + 4, s.ip_id);
    put16(ip + 6, 0x4000);
    ip[8] = 64;
    ip[9] = kProtocolTcp;
    put16(ip + 10, 0);
    std::copy_n(s.src->address.bytes.data(), 4, ip + 12);
    std::copy_n(s.dst->address.bytes.data(), 4, ip + 16);
    put16(ip + 10, internet_checksum(Bytes(ip, 20)));
  }

  // RFC 9293 §3.1.
  std::uint8_t* tcp = ip + ip_length;
  put16(tcp, s.src->port);
  put16(tcp + 2, s.dst->port);
  put32(tcp + 4, s.seq);
  put32(tcp + 8, (s.flags & tcp_flags::kAck) ? s.ack : 0);
  tcp[12] = static_cast<std::uint8_t>((20 + options) / 4 << 4);
  tcp[13] = s.flags;
  put16(tcp + 14, s.window);
  put16(tcp + 16, 0);
  put16(tcp + 18, 0);
  if (s.mss) {
    tcp[20] = 2;  // kind: Maximum Segment Size
    tcp[21] = 4;
    put16(tcp + 22, s.mss);
  }
  if (!s.payload.empty()) std::copy(s.payload.begin(), s.payload.end(), tcp + 20 + options);
  // The checksum covers a pseudo-header of the addresses, the protocol and the TCP length
  // (RFC 9293 §3.1 for IPv4, RFC 8200 §8.1 for IPv6; both sum to the same words).
  std::uint32_t pseudo = sum16(Bytes(s.src->address.bytes.data(), address_length), 0);
  pseudo = sum16(Bytes(s.dst->address.bytes.data(), address_length), pseudo);
  pseudo += kProtocolTcp + static_cast<std::uint32_t>(tcp_length);
  put16(tcp + 16, internet_checksum(Bytes(tcp, tcp_length), pseudo));
}

void append_pcap_header(ByteVector& out, std::uint32_t snaplen) {
  ByteWriter w;
  w.le32(0xA1B2C3D4).le16(2).le16(4).le32(0).le32(0).le32(snaplen).le32(1);
  out.insert(out.end(), w.data().begin(), w.data().end());
}

void append_tcp_record(ByteVector& out, std::int64_t time_ns, const TcpFrame& f) {
  const std::size_t last = f.src->address.version == 6 ? 15 : 3;
  EthernetTcp e;
  e.src = f.src;
  e.dst = f.dst;
  e.src_mac = {0x02, 0, 0, 0, 0, f.src->address.bytes[last]};
  e.dst_mac = {0x02, 0, 0, 0, 0, f.dst->address.bytes[last]};
  e.seq = f.seq;
  e.ack = f.ack;
  e.flags = f.flags;
  e.ip_id = f.ip_id;
  e.window = f.window;
  e.payload = f.payload;
  // The record header (seconds, microseconds, captured and original length) once the frame's
  // length is known.
  const std::size_t at = out.size();
  out.resize(at + 16);
  append_tcp_frame(out, e);
  const auto length = static_cast<std::uint32_t>(out.size() - at - 16);
  std::uint8_t* rec = out.data() + at;
  put_le32(rec, static_cast<std::uint32_t>(time_ns / 1'000'000'000));
  put_le32(rec + 4, static_cast<std::uint32_t>((time_ns % 1'000'000'000) / 1000));
  put_le32(rec + 8, length);
  put_le32(rec + 12, length);
}

}  // namespace bgplens::gen

#include "gen/tcp_frames.h"

#include <cstring>

namespace bgplens::gen {
namespace {

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

// One's complement sum of 16-bit big-endian words (RFC 1071), not yet folded.
std::uint64_t sum16(const std::uint8_t* p, std::size_t n) {
  std::uint64_t sum = 0;
  std::size_t i = 0;
  for (; i + 1 < n; i += 2)
    sum += static_cast<std::uint32_t>(p[i]) << 8 | p[i + 1];
  if (i < n) sum += static_cast<std::uint32_t>(p[i]) << 8;
  return sum;
}

std::uint16_t fold(std::uint64_t sum) {
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

}  // namespace

void append_pcap_header(ByteVector& out, std::uint32_t snaplen) {
  ByteWriter w;
  w.le32(0xA1B2C3D4).le16(2).le16(4).le32(0).le32(0).le32(snaplen).le32(1);
  out.insert(out.end(), w.data().begin(), w.data().end());
}

void append_tcp_record(ByteVector& out, std::int64_t time_ns, const TcpFrame& f) {
  const bool v6 = f.src->address.version == 6;
  const std::size_t ip_len = v6 ? 40 : 20;
  const std::size_t tcp_len = 20 + f.payload.size();
  const std::size_t frame_len = 14 + ip_len + tcp_len;
  const std::size_t at = out.size();
  out.resize(at + 16 + frame_len);
  std::uint8_t* rec = out.data() + at;

  put_le32(rec, static_cast<std::uint32_t>(time_ns / 1'000'000'000));
  put_le32(rec + 4, static_cast<std::uint32_t>((time_ns % 1'000'000'000) / 1000));
  put_le32(rec + 8, static_cast<std::uint32_t>(frame_len));
  put_le32(rec + 12, static_cast<std::uint32_t>(frame_len));

  // Ethernet: locally administered MACs named after the last address byte of each side, so
  // that both directions of a connection use the same two.
  std::uint8_t* eth = rec + 16;
  const std::size_t last = v6 ? 15 : 3;
  const std::uint8_t dst_mac[6] = {0x02, 0, 0, 0, 0, f.dst->address.bytes[last]};
  const std::uint8_t src_mac[6] = {0x02, 0, 0, 0, 0, f.src->address.bytes[last]};
  std::memcpy(eth, dst_mac, 6);
  std::memcpy(eth + 6, src_mac, 6);
  put16(eth + 12, v6 ? 0x86DD : 0x0800);

  std::uint8_t* ip = eth + 14;
  if (v6) {
    put32(ip, 0x60000000);
    put16(ip + 4, static_cast<std::uint16_t>(tcp_len));
    ip[6] = 6;
    ip[7] = 64;
    std::memcpy(ip + 8, f.src->address.bytes.data(), 16);
    std::memcpy(ip + 24, f.dst->address.bytes.data(), 16);
  } else {
    ip[0] = 0x45;
    ip[1] = 0xC0;  // DSCP CS6, as routers mark BGP
    put16(ip + 2, static_cast<std::uint16_t>(ip_len + tcp_len));
    put16(ip + 4, f.ip_id);
    put16(ip + 6, 0x4000);  // don't fragment
    ip[8] = 64;
    ip[9] = 6;
    put16(ip + 10, 0);
    std::memcpy(ip + 12, f.src->address.bytes.data(), 4);
    std::memcpy(ip + 16, f.dst->address.bytes.data(), 4);
    put16(ip + 10, fold(sum16(ip, 20)));
  }

  std::uint8_t* tcp = ip + ip_len;
  put16(tcp, f.src->port);
  put16(tcp + 2, f.dst->port);
  put32(tcp + 4, f.seq);
  put32(tcp + 8, (f.flags & tcp_flags::kAck) ? f.ack : 0);
  tcp[12] = 5 << 4;
  tcp[13] = f.flags;
  put16(tcp + 14, f.window);
  put16(tcp + 16, 0);
  put16(tcp + 18, 0);
  if (!f.payload.empty()) std::memcpy(tcp + 20, f.payload.data(), f.payload.size());
  // The checksum covers the pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1).
  const std::size_t alen = v6 ? 16 : 4;
  std::uint64_t sum = sum16(f.src->address.bytes.data(), alen) +
                      sum16(f.dst->address.bytes.data(), alen) + 6 + tcp_len;
  sum += sum16(tcp, tcp_len);
  put16(tcp + 16, fold(sum));
}

}  // namespace bgplens::gen

#include "gen/pcap_writer.h"

#include <cstdio>
#include <stdexcept>

#include "gen/message_builder.h"

namespace bgplens::gen {
namespace {

std::uint16_t checksum_fold(std::uint32_t sum) {
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

std::uint32_t checksum_add(std::uint32_t sum, Bytes b) {
  for (std::size_t i = 0; i + 1 < b.size(); i += 2)
    sum += load_be16(b.data() + i);
  if (b.size() % 2) sum += static_cast<std::uint32_t>(b.back()) << 8;
  return sum;
}

}  // namespace

PcapWriter::PcapWriter(std::uint32_t snaplen) : snaplen_(snaplen) {
  // Classic pcap, microsecond timestamps, little-endian, LINKTYPE_ETHERNET.
  out_.le32(0xA1B2C3D4).le16(2).le16(4).le32(0).le32(0).le32(snaplen).le32(1);
  data_ = out_.data();
}

void PcapWriter::frame(std::int64_t time_ns, Bytes frame, std::uint32_t wire_length) {
  const std::uint32_t caplen =
      static_cast<std::uint32_t>(std::min<std::size_t>(frame.size(), snaplen_));
  ByteWriter rec;
  rec.le32(static_cast<std::uint32_t>(time_ns / 1'000'000'000))
      .le32(static_cast<std::uint32_t>((time_ns % 1'000'000'000) / 1000))
      .le32(caplen)
      .le32(wire_length ? wire_length : static_cast<std::uint32_t>(frame.size()));
  rec.bytes(frame.subspan(0, caplen));
  data_.insert(data_.end(), rec.data().begin(), rec.data().end());
  ++frames_;
}

bool PcapWriter::save(const std::string& path) const {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(data_.data(), 1, data_.size(), f) == data_.size();
  return std::fclose(f) == 0 && ok;
}

ByteVector merge_by_time(const PcapWriter& a, const PcapWriter& b) {
  const ByteVector& x = a.bytes();
  const ByteVector& y = b.bytes();
  ByteVector out(x.begin(), x.begin() + 24);
  std::size_t i = 24;
  std::size_t j = 24;
  auto stamp = [](const ByteVector& v, std::size_t at) {
    return (std::uint64_t{load_le32(v.data() + at)} << 32) | load_le32(v.data() + at + 4);
  };
  auto take = [&out](const ByteVector& v, std::size_t& at) {
    const std::size_t len = 16 + load_le32(v.data() + at + 8);
    out.insert(out.end(), v.begin() + static_cast<std::ptrdiff_t>(at),
               v.begin() + static_cast<std::ptrdiff_t>(at + len));
    at += len;
  };
  while (i < x.size() || j < y.size()) {
    if (j >= y.size() || (i < x.size() && stamp(x, i) <= stamp(y, j))) {
      take(x, i);
    } else {
      take(y, j);
    }
  }
  return out;
}

Endpoint endpoint(const std::string& address, std::uint16_t port) {
  Endpoint e;
  e.port = port;
  const bool v6 = address.find(':') != std::string::npos;
  e.address.version = v6 ? 6 : 4;
  const ByteVector b = v6 ? ipv6(address) : ipv4(address);
  std::copy(b.begin(), b.end(), e.address.bytes.begin());
  return e;
}

TcpConversation::TcpConversation(PcapWriter& writer, Endpoint a, Endpoint b, std::uint32_t isn_a,
                                 std::uint32_t isn_b, std::uint32_t mss)
    : writer_(writer), ends_{a, b}, seq_{isn_a, isn_b}, mss_(mss) {
  if (a.address.version != b.address.version) throw std::invalid_argument("mixed IP versions");
}

void TcpConversation::write_frame(int side, std::uint8_t flags, Bytes payload, std::int64_t time_ns,
                                  std::uint32_t seq) {
  const Endpoint& src = ends_[side];
  const Endpoint& dst = ends_[1 - side];
  const bool v6 = src.address.version == 6;
  ByteWriter tcp;
  tcp.u16(src.port).u16(dst.port).u32(seq).u32((flags & 0x10) ? seq_[1 - side] : 0);
  tcp.u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0);
  tcp.bytes(payload);
  // TCP checksum over the pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1).
  std::uint32_t sum = 0;
  const std::size_t alen = v6 ? 16 : 4;
  sum = checksum_add(sum, Bytes(src.address.bytes.data(), alen));
  sum = checksum_add(sum, Bytes(dst.address.bytes.data(), alen));
  sum += 6 + static_cast<std::uint32_t>(tcp.size());
  sum = checksum_add(sum, tcp.data());
  tcp.patch16(16, checksum_fold(sum));

  ByteWriter f;
  f.bytes({0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(2 - side)});  // destination MAC
  f.bytes({0x02, 0, 0, 0, 0, static_cast<std::uint8_t>(1 + side)});  // source MAC
  f.u16(v6 ? 0x86DD : 0x0800);
  if (v6) {
    f.u32(0x60000000).u16(static_cast<std::uint16_t>(tcp.size())).u8(6).u8(64);
    f.bytes(Bytes(src.address.bytes.data(), 16)).bytes(Bytes(dst.address.bytes.data(), 16));
  } else {
    ByteWriter ip;
    ip.u8(0x45).u8(0xC0).u16(static_cast<std::uint16_t>(20 + tcp.size())).u16(ip_id_++).u16(0x4000);
    ip.u8(64)
        .u8(6)
        .u16(0)
        .bytes(Bytes(src.address.bytes.data(), 4))
        .bytes(Bytes(dst.address.bytes.data(), 4));
    ip.patch16(10, checksum_fold(checksum_add(0, ip.data())));
    f.bytes(ip.data());
  }
  f.bytes(tcp.data());
  writer_.frame(time_ns, f.data());
}

void TcpConversation::handshake(std::int64_t t) {
  write_frame(0, 0x02, {}, t, seq_[0]++);
  write_frame(1, 0x12, {}, t + 100'000, seq_[1]++);
  write_frame(0, 0x10, {}, t + 200'000, seq_[0]);
}

std::int64_t TcpConversation::send(int side, Bytes data, std::int64_t t, std::uint32_t segment,
                                   std::int64_t spacing) {
  const std::uint32_t size = segment ? segment : mss_;
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(size, data.size() - pos);
    write_frame(side, 0x18, data.subspan(pos, n), t, seq_[side]);
    seq_[side] += static_cast<std::uint32_t>(n);
    pos += n;
    t += spacing;
  } while (pos < data.size());
  return t;
}

void TcpConversation::raw_segment(int side, Bytes data, std::int64_t t, std::int32_t delta,
                                  std::uint8_t flags) {
  write_frame(side, flags, data, t, seq_[side] + static_cast<std::uint32_t>(delta));
}

void TcpConversation::ack(int side, std::int64_t t) {
  write_frame(side, 0x10, {}, t, seq_[side]);
}

void TcpConversation::fin(int side, std::int64_t t) {
  write_frame(side, 0x11, {}, t, seq_[side]++);
}

void TcpConversation::rst(int side, std::int64_t t) {
  write_frame(side, 0x14, {}, t, seq_[side]);
}

}  // namespace bgplens::gen

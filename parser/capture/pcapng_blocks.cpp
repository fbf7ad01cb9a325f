#include "capture/pcapng_blocks.h"

#include "capture/timestamp.h"

namespace bgplens {
namespace {

constexpr std::uint32_t kInterfaceDescription = 1;
constexpr std::uint32_t kObsoletePacket = 2;
constexpr std::uint32_t kSimplePacket = 3;
constexpr std::uint32_t kEnhancedPacket = 6;

}  // namespace

std::uint32_t PcapngBlocks::u32(std::uint64_t at) const {
  return section_.little ? load_le32(file_.data() + at) : load_be32(file_.data() + at);
}
std::uint16_t PcapngBlocks::u16(std::uint64_t at) const {
  return section_.little ? load_le16(file_.data() + at) : load_be16(file_.data() + at);
}

CaptureInterface read_pcapng_interface(Bytes body, bool little) {
  auto u16 = [&](std::size_t at) {
    return little ? load_le16(body.data() + at) : load_be16(body.data() + at);
  };
  auto u32 = [&](std::size_t at) {
    return little ? load_le32(body.data() + at) : load_be32(body.data() + at);
  };
  CaptureInterface i;
  if (body.size() < 8) return i;
  i.link_type = u16(0);
  // Options: code (2), length (2), value padded to 4.
  for (std::size_t o = 8; o + 4 <= body.size();) {
    const std::uint16_t code = u16(o);
    const std::uint16_t len = u16(o + 2);
    if (code == 0 || o + 4 + len > body.size()) break;
    if (code == 9 && len >= 1) {  // if_tsresol: 10^-n, or 2^-n with the top bit set
      const std::uint8_t r = body[o + 4];
      const unsigned n = r & 0x7F;
      std::uint64_t units = 1;
      for (unsigned k = 0; k < n && units < (std::uint64_t{1} << 60); ++k)
        units *= (r & 0x80) ? 2 : 10;
      i.units_per_second = units;
    } else if (code == 14 && len >= 8) {  // if_tsoffset, seconds
      i.offset_seconds =
          static_cast<std::int64_t>(little ? (std::uint64_t{u32(o + 8)} << 32) | u32(o + 4)
                                           : (std::uint64_t{u32(o + 4)} << 32) | u32(o + 8));
    }
    o += 4 + ((len + 3u) & ~3u);
  }
  return i;
}

bool PcapngBlocks::next(Packet& packet) {
  while (pos_ + 12 <= file_.size()) {
    const std::uint64_t start = pos_;
    const std::uint32_t raw_type = load_le32(file_.data() + start);
    if (raw_type == kPcapngSectionHeader) {
      // A new section: its byte-order magic decides how the rest is read.
      if (start + 12 > file_.size()) break;
      const std::uint32_t magic = load_le32(file_.data() + start + 8);
      section_.little = magic == kPcapngByteOrderMagic;
      if (!section_.little && load_be32(file_.data() + start + 8) != kPcapngByteOrderMagic) {
        error_ = "pcapng section header with an unknown byte-order magic";
        return false;
      }
      section_.interfaces.clear();
    }
    const std::uint32_t type = u32(start);
    const std::uint32_t total = u32(start + 4);
    if (total < 12 || total % 4 != 0 || start + total > file_.size()) {
      error_ = "pcapng block at offset " + std::to_string(start) + " has a bad length " +
               std::to_string(total) + " (file damaged or truncated)";
      pos_ = file_.size();
      return false;
    }
    pos_ = start + total;
    const std::uint64_t body = start + 8;
    const std::uint64_t body_len = total - 12;
    if (type == kInterfaceDescription) {
      section_.interfaces.push_back(
          read_pcapng_interface(file_.subspan(body, body_len), section_.little));
      continue;
    }
    std::uint32_t iface = 0;
    std::uint64_t ts = 0;
    std::uint32_t caplen = 0;
    std::uint32_t wirelen = 0;
    std::uint64_t data = 0;
    if ((type == kEnhancedPacket || type == kObsoletePacket) && body_len >= 20) {
      iface = type == kEnhancedPacket ? u32(body) : u16(body);
      ts = (std::uint64_t{u32(body + 4)} << 32) | u32(body + 8);
      caplen = u32(body + 12);
      wirelen = u32(body + 16);
      data = body + 20;
    } else if (type == kSimplePacket && body_len >= 4) {
      wirelen = u32(body);
      data = body + 4;
      caplen = static_cast<std::uint32_t>(std::min<std::uint64_t>(wirelen, body_len - 4));
    } else {
      continue;  // statistics, name resolution, custom blocks
    }
    if (data + caplen > body + body_len) {
      error_ = "pcapng packet at offset " + std::to_string(start) +
               " claims more bytes than its block holds";
      return false;
    }
    const CaptureInterface fallback;
    const CaptureInterface& i =
        iface < section_.interfaces.size() ? section_.interfaces[iface] : fallback;
    last_block_ = start;
    packet.frame = ++frame_;
    packet.time_ns = ticks_to_nanoseconds(ts, i.units_per_second, i.offset_seconds);
    packet.address = data;
    packet.data = file_.subspan(data, caplen);
    packet.wire_length = wirelen;
    packet.link_type = i.link_type;
    return true;
  }
  return false;
}

}  // namespace bgplens

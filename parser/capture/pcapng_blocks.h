// A pcapng block reader (draft-ietf-opsawg-pcapng), used where libpcap 1.10 gives up: files
// whose interfaces differ in link type or snapshot length ("an interface has a snapshot
// length ... different from ... the first interface"). Every packet keeps its own
// interface's link type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "buffer/source_map.h"
#include "capture/packet.h"
#include "util/bytes.h"

namespace bgplens {

// The Section Header Block's type, the same in either byte order (pcapng §4.1).
inline constexpr std::uint32_t kPcapngSectionHeader = 0x0A0D0D0A;
// The byte-order magic inside it, read in the section's own order.
inline constexpr std::uint32_t kPcapngByteOrderMagic = 0x1A2B3C4D;

// An Interface Description Block's body (RFC draft §4.2): link type, timestamp resolution and
// offset. `little` is the section's byte order.
CaptureInterface read_pcapng_interface(Bytes body, bool little);

class PcapngBlocks {
 public:
  explicit PcapngBlocks(Bytes file) : file_(file) {}
  // Goes on reading at block `position`, in a section described by `section`, after `frame`
  // packets (to find a frame again from a FrameMark).
  PcapngBlocks(Bytes file, std::uint64_t position, CaptureSection section, std::uint64_t frame)
      : file_(file), pos_(position), section_(std::move(section)), frame_(frame) {}

  // The next packet (frame numbers count from 1); false at the end or on damage (error()).
  bool next(Packet& packet);
  std::uint64_t position() const { return pos_; }
  // Where the block of the packet returned last starts, and the section state it was read in.
  std::uint64_t last_block() const { return last_block_; }
  const CaptureSection& section() const { return section_; }
  const std::string& error() const { return error_; }

 private:
  std::uint32_t u32(std::uint64_t at) const;
  std::uint16_t u16(std::uint64_t at) const;

  Bytes file_;
  std::uint64_t pos_ = 0;
  std::uint64_t last_block_ = 0;
  CaptureSection section_;
  std::uint64_t frame_ = 0;
  std::string error_;
};

}  // namespace bgplens

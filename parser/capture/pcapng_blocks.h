// A pcapng block reader (draft-ietf-opsawg-pcapng), used where libpcap 1.10 gives up: files
// whose interfaces differ in link type or snapshot length ("an interface has a snapshot
// length ... different from ... the first interface"). Every packet keeps its own
// interface's link type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "capture/packet.h"
#include "util/bytes.h"

namespace bgplens {

class PcapngBlocks {
 public:
  explicit PcapngBlocks(Bytes file) : file_(file) {}

  // The next packet (frame numbers count from 1); false at the end or on damage (error()).
  bool next(Packet& packet);
  std::uint64_t position() const { return pos_; }
  const std::string& error() const { return error_; }

 private:
  struct Interface {
    int link_type = 0;
    std::uint64_t units_per_second = 1'000'000;  // if_tsresol, default microseconds
    std::int64_t offset_seconds = 0;             // if_tsoffset
  };
  std::uint32_t u32(std::uint64_t at) const;
  std::uint16_t u16(std::uint64_t at) const;
  void read_interface(std::uint64_t body, std::uint64_t body_len);

  Bytes file_;
  std::uint64_t pos_ = 0;
  bool little_ = true;
  std::vector<Interface> interfaces_;
  std::uint64_t frame_ = 0;
  std::string error_;
};

}  // namespace bgplens

// Reads pcap and pcapng files through libpcap, and locates every packet's bytes inside the
// mapped file, so that packets — and the BGP messages in them — are views, not copies.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "buffer/byte_store.h"
#include "capture/packet.h"
#include "capture/pcapng_blocks.h"
#include "util/expected.h"

struct pcap;

namespace bgplens {

class PcapReader {
 public:
  // Opens the capture held in the store's base region. libpcap reads it; a pcapng file that
  // libpcap refuses (interfaces with different link types or snapshot lengths) is read by
  // PcapngBlocks instead, from where libpcap stopped.
  static Expected<std::unique_ptr<PcapReader>> open(std::shared_ptr<ByteStore> store);
  ~PcapReader();
  PcapReader(const PcapReader&) = delete;
  PcapReader& operator=(const PcapReader&) = delete;

  // The next packet; false at the end of the capture or on a read error (see error()).
  bool next(Packet& packet);

  std::uint64_t position() const { return position_; }
  std::uint64_t size() const { return store_->base_size(); }
  int link_type() const { return link_type_; }
  bool is_pcapng() const { return pcapng_; }
  // Set when reading stopped early because the file is damaged or truncated.
  const std::string& error() const { return error_; }
  // Packets whose bytes could not be found in the file and were copied instead.
  std::uint64_t copied_packets() const { return copied_; }

 private:
  PcapReader(std::shared_ptr<ByteStore> store, pcap* handle, std::FILE* file, bool pcapng);
  // Where libpcap's copy of the packet read from `begin` to `end` sits in the file, if found,
  // and where its record or block starts.
  struct Located {
    std::uint64_t data;
    std::uint64_t record;
  };
  std::optional<Located> locate(std::uint64_t begin, std::uint64_t end, Bytes data) const;
  // pcapng read by libpcap: follows the section and interface blocks before the block at
  // `block`, so that a FrameMark can say how to read on from there.
  void follow_pcapng_blocks(std::uint64_t block);
  // Every SourceMap::kFramesPerMark frames, notes where the frame's record starts.
  void mark(std::uint64_t record, std::uint32_t section);

  std::shared_ptr<ByteStore> store_;
  pcap* handle_;
  std::FILE* file_;
  bool pcapng_;
  // Set once libpcap refused a pcapng file; reading goes on with our block reader.
  std::unique_ptr<PcapngBlocks> blocks_;
  int link_type_ = 0;
  std::uint64_t frame_ = 0;
  std::uint64_t position_ = 0;
  std::uint64_t copied_ = 0;
  std::string error_;
  // pcapng read by libpcap: the section state, and how far the blocks were followed.
  CaptureSection section_;
  std::uint64_t followed_to_ = 0;
  std::uint32_t classic_section_ = 0;
};

// True when the bytes start like a pcap or pcapng file.
bool looks_like_capture(Bytes head);

}  // namespace bgplens

#include "capture/frame_locator.h"

#include "capture/pcapng_blocks.h"
#include "capture/timestamp.h"

namespace bgplens {
namespace {

// A walk longer than this means the marks are missing (packets libpcap had to copy): give up
// rather than read a large part of the file for one selection.
constexpr std::uint64_t kMaxWalk = 4 * SourceMap::kFramesPerMark;

// Classic pcap records (a 16-byte header, then the captured bytes) from a mark onwards.
class PcapRecords {
 public:
  PcapRecords(Bytes file, const FrameMark& mark, CaptureSection section)
      : file_(file), pos_(mark.record), frame_(mark.frame), section_(std::move(section)) {
    if (file_.size() >= 20) snaplen_ = u32(16);
  }

  bool next(Packet& packet) {
    if (section_.interfaces.empty() || pos_ + 16 > file_.size()) return false;
    const std::uint32_t seconds = u32(pos_);
    const std::uint32_t fraction = u32(pos_ + 4);
    const std::uint32_t captured = u32(pos_ + 8);
    const std::uint32_t wire = u32(pos_ + 12);
    if (captured > file_.size() - pos_ - 16) return false;
    const CaptureInterface& i = section_.interfaces.front();
    packet.frame = frame_++;
    // As libpcap reads them (the index's times and bytes come from it): seconds are signed
    // 32 bits, and a record claiming more than the snapshot length is cut to it.
    packet.time_ns = nanoseconds_since_epoch(
        static_cast<std::int32_t>(seconds),
        i.units_per_second == 1'000'000'000 ? fraction : std::int64_t{fraction} * 1000);
    packet.address = pos_ + 16;
    packet.data = file_.subspan(pos_ + 16, snaplen_ != 0 ? std::min(captured, snaplen_) : captured);
    packet.wire_length = wire;
    packet.link_type = i.link_type;
    pos_ += 16 + std::uint64_t{captured};
    return true;
  }

 private:
  std::uint32_t u32(std::uint64_t at) const {
    return section_.little ? load_le32(file_.data() + at) : load_be32(file_.data() + at);
  }
  Bytes file_;
  std::uint64_t pos_;
  std::uint64_t frame_;
  CaptureSection section_;
  std::uint32_t snaplen_ = 0;
};

// Walks from the mark until `done` says the packet is the one sought (true) or past it
// (nullopt stops the walk).
template <typename Done>
std::optional<Packet> walk(const ByteStore& store, const FrameMark& mark, Done done) {
  const auto section = store.sources().section(mark.section);
  if (!section) return std::nullopt;
  const Bytes file = store.view(0, store.base_size());
  if (mark.record + 4 > file.size()) return std::nullopt;
  Packet packet;
  const auto run = [&](auto& reader) -> std::optional<Packet> {
    for (std::uint64_t steps = 0; steps < kMaxWalk && reader.next(packet); ++steps) {
      const std::optional<bool> verdict = done(packet);
      if (!verdict) return std::nullopt;
      if (*verdict) return packet;
    }
    return std::nullopt;
  };
  if (load_le32(file.data()) == kPcapngSectionHeader) {
    PcapngBlocks blocks(file, mark.record, *section, mark.frame - 1);
    return run(blocks);
  }
  PcapRecords records(file, mark, *section);
  return run(records);
}

}  // namespace

std::optional<Packet> find_frame(const ByteStore& store, std::uint64_t frame) {
  const auto mark = store.sources().mark_for_frame(frame);
  if (!mark) return std::nullopt;
  return walk(store, *mark, [frame](const Packet& p) -> std::optional<bool> {
    if (p.frame > frame) return std::nullopt;
    return p.frame == frame;
  });
}

std::optional<Packet> find_frame_holding(const ByteStore& store, ByteAddress address) {
  if (!store.is_base(address)) return std::nullopt;
  const auto mark = store.sources().mark_for_address(address);
  if (!mark) return std::nullopt;
  return walk(store, *mark, [address](const Packet& p) -> std::optional<bool> {
    if (p.address > address) return std::nullopt;
    return address - p.address < p.data.size();
  });
}

}  // namespace bgplens

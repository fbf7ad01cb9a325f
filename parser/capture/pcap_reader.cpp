#include "capture/pcap_reader.h"

#include "capture/timestamp.h"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstring>

namespace bgplens {
namespace {

constexpr std::uint64_t kPcapHeaderLength = 24;  // classic pcap's file header

}  // namespace

bool looks_like_capture(Bytes head) {
  if (head.size() < 4) return false;
  const std::uint32_t le = load_le32(head.data());
  const std::uint32_t be = load_be32(head.data());
  for (std::uint32_t magic : {le, be}) {
    // Classic pcap (microsecond and nanosecond), and the pcapng section header block.
    if (magic == 0xA1B2C3D4 || magic == 0xA1B23C4D || magic == kPcapngSectionHeader) return true;
  }
  return false;
}

Expected<std::unique_ptr<PcapReader>> PcapReader::open(std::shared_ptr<ByteStore> store) {
  const Bytes file = store->view(0, store->base_size());
  if (!looks_like_capture(file)) return unexpected("not a pcap or pcapng file");
  // libpcap reads from a stdio stream over the mapped bytes; the stream's position after each
  // packet tells where the packet's record ends.
  std::FILE* f = ::fmemopen(const_cast<std::uint8_t*>(file.data()), file.size(), "rb");
  if (f == nullptr)
    return unexpected(std::string("cannot open the capture stream: ") + std::strerror(errno));
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, errbuf);
  const bool pcapng = load_le32(file.data()) == kPcapngSectionHeader;
  if (handle == nullptr) {
    std::fclose(f);
    if (!pcapng) return unexpected(std::string("libpcap: ") + errbuf);
    auto reader =
        std::unique_ptr<PcapReader>(new PcapReader(std::move(store), nullptr, nullptr, true));
    reader->blocks_ = std::make_unique<PcapngBlocks>(file);
    return reader;
  }
  return std::unique_ptr<PcapReader>(new PcapReader(std::move(store), handle, f, pcapng));
}

PcapReader::PcapReader(std::shared_ptr<ByteStore> store, pcap* handle, std::FILE* file, bool pcapng)
    : store_(std::move(store)), handle_(handle), file_(file), pcapng_(pcapng) {
  if (handle_ != nullptr) link_type_ = pcap_datalink(handle_);
  if (handle_ != nullptr && !pcapng_) {
    // Classic pcap: the magic number gives the byte order and the timestamp resolution; the
    // link type is libpcap's (its DLT_ value, not the file's LINKTYPE_ one).
    const Bytes head = store_->view(0, 4);
    const bool little =
        load_le32(head.data()) == 0xA1B2C3D4 || load_le32(head.data()) == 0xA1B23C4D;
    const std::uint32_t magic = little ? load_le32(head.data()) : load_be32(head.data());
    classic_section_ = store_->sources().add_section(CaptureSection{
        little,
        {CaptureInterface{link_type_, magic == 0xA1B23C4D ? 1'000'000'000u : 1'000'000u, 0}}});
  }
}

PcapReader::~PcapReader() {
  if (handle_ != nullptr) pcap_close(handle_);  // closes file_ too
}

std::optional<PcapReader::Located> PcapReader::locate(std::uint64_t begin, std::uint64_t end,
                                                      Bytes data) const {
  const Bytes file = store_->view(0, store_->base_size());
  auto matches = [&](std::uint64_t at) {
    return at + data.size() <= file.size() &&
           (data.empty() || std::memcmp(file.data() + at, data.data(), data.size()) == 0);
  };
  if (end > file.size()) return std::nullopt;
  if (!pcapng_) {
    // Classic pcap: a 16-byte record header, then exactly the captured bytes.
    if (end < data.size()) return std::nullopt;
    const std::uint64_t at = end - data.size();
    if (at >= 16 && matches(at)) return Located{at, at - 16};
    // libpcap keeps at most the snapshot length of a record that claims more, and skips the
    // rest: the data it gave is the start of the record that follows the previous one.
    const std::uint64_t record = std::max<std::uint64_t>(begin, kPcapHeaderLength);
    if (matches(record + 16)) return Located{record + 16, record};
    return std::nullopt;
  }
  // pcapng: the block's total length is repeated in its last 4 bytes, in the section's byte
  // order. Enhanced (6) and obsolete (2) packet blocks put the data at +28, simple ones (3)
  // at +12.
  if (end < 12) return std::nullopt;
  for (bool little : {true, false}) {
    const std::uint8_t* tail = file.data() + end - 4;
    const std::uint32_t total = little ? load_le32(tail) : load_be32(tail);
    if (total < 12 || total > end) continue;
    const std::uint64_t start = end - total;
    const std::uint8_t* head = file.data() + start;
    const std::uint32_t type = little ? load_le32(head) : load_be32(head);
    const std::uint32_t lead = little ? load_le32(head + 4) : load_be32(head + 4);
    if (lead != total) continue;
    std::uint64_t at = 0;
    if (type == 6 || type == 2) {
      at = start + 28;
    } else if (type == 3) {
      at = start + 12;
    } else {
      continue;
    }
    if (matches(at)) return Located{at, start};
  }
  return std::nullopt;
}

void PcapReader::follow_pcapng_blocks(std::uint64_t block) {
  const Bytes file = store_->view(0, store_->base_size());
  // Usually no block lies between two packets; interface and section blocks come first.
  while (followed_to_ + 12 <= block) {
    const std::uint64_t at = followed_to_;
    const std::uint32_t raw_type = load_le32(file.data() + at);
    if (raw_type == kPcapngSectionHeader) {
      section_ = CaptureSection{load_le32(file.data() + at + 8) == kPcapngByteOrderMagic, {}};
    }
    const bool little = section_.little;
    const std::uint32_t type = little ? load_le32(file.data() + at) : load_be32(file.data() + at);
    const std::uint32_t total =
        little ? load_le32(file.data() + at + 4) : load_be32(file.data() + at + 4);
    if (total < 12 || at + total > block) break;  // damaged: libpcap will have said so
    if (type == 1)
      section_.interfaces.push_back(
          read_pcapng_interface(file.subspan(at + 8, total - 12), little));
    followed_to_ = at + total;
  }
}

void PcapReader::mark(std::uint64_t record, std::uint32_t section) {
  if ((frame_ - 1) % SourceMap::kFramesPerMark != 0) return;
  store_->sources().add_mark(FrameMark{frame_, record, section});
}

bool PcapReader::next(Packet& packet) {
  if (blocks_) {
    const bool ok = blocks_->next(packet);
    position_ = blocks_->position();
    if (ok) {
      packet.frame = ++frame_;
      link_type_ = packet.link_type;
      if ((frame_ - 1) % SourceMap::kFramesPerMark == 0)
        mark(blocks_->last_block(), store_->sources().add_section(blocks_->section()));
    } else {
      error_ = blocks_->error();
    }
    return ok;
  }
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(handle_, &header, &data);
  if (rc == PCAP_ERROR_BREAK) {
    position_ = store_->base_size();
    return false;
  }
  if (rc != 1 && pcapng_) {
    // libpcap refuses some valid pcapng files (see open()); continue with our block reader,
    // skipping the packets libpcap already delivered.
    blocks_ = std::make_unique<PcapngBlocks>(store_->view(0, store_->base_size()));
    Packet skip;
    for (std::uint64_t i = 0; i < frame_; ++i) {
      if (!blocks_->next(skip)) break;
    }
    return next(packet);
  }
  if (rc != 1) {
    error_ = pcap_geterr(handle_);
    if (error_.empty()) error_ = "read error";
    position_ = store_->base_size();
    return false;
  }
  const std::uint64_t begin = position_;
  const long end = std::ftell(file_);
  position_ = end > 0 ? static_cast<std::uint64_t>(end) : position_;
  packet.frame = ++frame_;
  packet.time_ns = nanoseconds_since_epoch(
      static_cast<std::int64_t>(header->ts.tv_sec),
      static_cast<std::int64_t>(header->ts.tv_usec));  // nanoseconds: see open()
  packet.wire_length = header->len;
  packet.link_type = link_type_;
  const Bytes captured(data, header->caplen);
  if (const auto at = locate(begin, position_, captured)) {
    packet.address = at->data;
    packet.data = store_->view(at->data, captured.size());
    if (pcapng_) {
      follow_pcapng_blocks(at->record);
      followed_to_ = position_;
      if ((frame_ - 1) % SourceMap::kFramesPerMark == 0)
        mark(at->record, store_->sources().add_section(section_));
    } else {
      mark(at->record, classic_section_);
    }
  } else {
    // libpcap altered the bytes (or the file layout is unusual): keep a copy.
    packet.address = store_->append(captured);
    packet.data = store_->view(packet.address, captured.size());
    ++copied_;
  }
  return true;
}

}  // namespace bgplens

#include "index/source_file.h"

#include <algorithm>
#include <vector>

#include "buffer/decompressor.h"
#include "capture/pcap_reader.h"

namespace bgplens {
namespace {

// A decompressed capture is held in memory (a plain one is only mapped), so it is bounded.
constexpr std::uint64_t kMaxDecompressed = std::uint64_t{2} << 30;

}  // namespace

Expected<std::shared_ptr<ByteStore>> open_source_file(const std::string& path) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return unexpected("cannot open " + mapped.error());
  if (const Compression c = detect_compression((*mapped)->bytes()); c != Compression::None) {
    // .pcap.gz, .pcapng.bz2, .pcap.xz…: the store owns the decompressed bytes; the mapping
    // goes. What comes out must start like a capture, checked as soon as 4 bytes are out.
    auto bytes = decompress_all(c, (*mapped)->bytes(), path, kMaxDecompressed, 4, [&](Bytes head) {
      return looks_like_capture(head) ? std::string() : path + " is not a pcap or pcapng capture";
    });
    if (!bytes) return unexpected(bytes.error());
    return std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(*bytes)));
  }
  auto store = std::make_shared<ByteStore>(*mapped);
  if (!looks_like_capture(store->view(0, std::min<std::uint64_t>(store->base_size(), 4)))) {
    return unexpected(path + " is not a pcap or pcapng capture");
  }
  return store;
}

}  // namespace bgplens

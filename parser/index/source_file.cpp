#include "index/source_file.h"

#include <algorithm>

#include "buffer/decompressor.h"
#include "buffer/streaming_region.h"
#include "capture/pcap_reader.h"
#include "mrt/mrt_record.h"

namespace bgplens {
namespace {

// How much of the content is looked at to tell what it is: a capture's magic is 4 bytes; MRT
// has none, so looks_like_mrt() checks the first record header and, when it is within these
// bytes, the one after it (a RIB record of a well-connected prefix runs to kilobytes).
constexpr std::uint64_t kHeadBytes = 64 * 1024;
constexpr std::uint64_t kMagicBytes = 4;

}  // namespace

Expected<std::shared_ptr<ByteStore>> open_source_file(const std::string& path) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return unexpected("cannot open " + mapped.error());
  std::shared_ptr<ByteStore> store;
  if (const Compression c = detect_compression((*mapped)->bytes()); c != Compression::None) {
    // .pcap.gz, .pcapng.bz2, bview.gz, rib.bz2…: decompressed on the region's own thread while
    // the caller goes on; only the first bytes are waited for, to check what they are. A file
    // of another kind is refused without decompressing the rest (the region stops when the
    // store goes).
    auto region = StreamingRegion::start(*mapped, c, path);
    if (!region) return unexpected(region.error());
    store = std::make_shared<ByteStore>(*region);
    store->wait_base(kHeadBytes);
  } else {
    store = std::make_shared<ByteStore>(*mapped);
  }
  const Bytes head = store->view(0, std::min(store->base_size(), kHeadBytes));
  if (looks_like_capture(head) || mrt::looks_like_mrt(head)) return store;
  // Too little came out of a damaged stream to tell: say why.
  if (head.size() < kMagicBytes && store->base_complete() && !store->base_problem().empty())
    return unexpected(store->base_problem());
  return unexpected(path + " is neither a pcap/pcapng capture nor an MRT dump");
}

SourceKind source_kind(const ByteStore& store) {
  store.wait_base(kMagicBytes);
  return looks_like_capture(store.view(0, std::min(store.base_size(), kMagicBytes)))
             ? SourceKind::Capture
             : SourceKind::Mrt;
}

}  // namespace bgplens

#include "index/source_file.h"

#include "capture/pcap_reader.h"

namespace bgplens {

Expected<std::shared_ptr<ByteStore>> open_source_file(const std::string& path) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return unexpected("cannot open " + mapped.error());
  auto store = std::make_shared<ByteStore>(*mapped);
  if (!looks_like_capture(store->view(0, std::min<std::uint64_t>(store->base_size(), 4)))) {
    return unexpected(path + " is not a pcap or pcapng capture");
  }
  return store;
}

}  // namespace bgplens

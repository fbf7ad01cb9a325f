#include "index/capture_indexer.h"

#include <cstdint>
#include <memory>

#include "capture/pcap_reader.h"
#include "index/stream_indexer.h"

namespace bgplens {

Expected<IndexStats> index_capture(std::shared_ptr<ByteStore> store, IndexSink& sink,
                                   std::stop_token stop, IndexOptions options) {
  // A compressed capture may still be decompressing on its own thread. libpcap reads the
  // capture from memory as one stream of known size, so indexing starts once it is all out.
  store->wait_base(UINT64_MAX, stop);
  if (!store->base_complete()) return IndexStats{};  // stopped while waiting
  // What cut a compressed capture short (a truncated or damaged stream) is the read error:
  // what the reader then finds at the end of the bytes kept is only its consequence.
  const std::string base_problem = store->base_problem();
  auto reader = PcapReader::open(store);
  if (!reader) return unexpected(base_problem.empty() ? reader.error() : base_problem);
  StreamIndexer indexer(store, sink, options);
  const std::uint64_t total = (*reader)->size();
  Packet packet;
  std::uint64_t counter = 0;
  while ((*reader)->next(packet)) {
    indexer.set_progress((*reader)->position(), total);
    indexer.add_packet(packet);
    if (++counter % 256 == 0) {
      // The clock and the stop flag are read every 256 packets, not per packet.
      if (stop.stop_requested()) break;
      indexer.flush(false);
    }
  }
  IndexStats& stats = indexer.stats();
  stats.read_error = base_problem.empty() ? (*reader)->error() : base_problem;
  if (!stop.stop_requested()) indexer.set_progress(total, total);
  indexer.finish();
  return stats;
}

}  // namespace bgplens

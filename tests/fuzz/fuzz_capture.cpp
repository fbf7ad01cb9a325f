// libFuzzer target: the input is a capture file or an MRT dump; it goes the whole way — libpcap
// or the pcapng block reader, link and IP layers, TCP reassembly, BGP framing, index; or the
// MRT record walker and index — and every record is decoded with its tree.
#include <cstdint>
#include <memory>
#include <vector>

#include "buffer/region.h"
#include "index/record_decoder.h"
#include "index/source_indexer.h"

using namespace bgplens;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto store = std::make_shared<ByteStore>(
      std::make_shared<OwnedRegion>(std::vector<std::uint8_t>(data, data + size)));
  RecordCollector sink;
  if (!index_source(store, sink)) return 0;
  for (const MessageRecord& r : sink.records) {
    const DecodedMessage d = decode_record(*store, sink.table, r, Depth::Tree);
    (void)d;
  }
  return 0;
}

// The fast index pass over a capture: frames → TCP segments → reassembled streams → framed
// BGP messages → 32-byte records, with session contexts negotiated from the OPENs as they go
// by. No field trees are built here; only OPENs are decoded (to learn the context).
#pragma once

#include <memory>
#include <stop_token>

#include "buffer/byte_store.h"
#include "index/index_sink.h"
#include "index/stream_indexer.h"
#include "util/expected.h"

namespace bgplens {

// Indexes the pcap/pcapng capture held in `store`'s base region. Returns statistics, or an
// error when the capture cannot be opened at all. Stops early (with what it has) when
// `stop` is requested.
Expected<IndexStats> index_capture(std::shared_ptr<ByteStore> store, IndexSink& sink,
                                   std::stop_token stop = {}, IndexOptions options = {});

}  // namespace bgplens

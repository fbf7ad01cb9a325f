// Indexing whatever open_source_file() opened: a capture or an MRT file.
#pragma once

#include <memory>
#include <stop_token>

#include "buffer/byte_store.h"
#include "index/capture_indexer.h"
#include "index/index_sink.h"
#include "util/expected.h"

namespace bgplens {

Expected<IndexStats> index_source(std::shared_ptr<ByteStore> store, IndexSink& sink,
                                  std::stop_token stop = {}, IndexOptions options = {});

}  // namespace bgplens

#include "index/source_indexer.h"

#include "index/source_file.h"
#include "mrt/mrt_indexer.h"

namespace bgplens {

Expected<IndexStats> index_source(std::shared_ptr<ByteStore> store, IndexSink& sink,
                                  std::stop_token stop, IndexOptions options) {
  if (source_kind(*store) == SourceKind::Mrt)
    return index_mrt(std::move(store), sink, stop, options);
  return index_capture(std::move(store), sink, stop, options);
}

}  // namespace bgplens

// The fast index pass over an MRT file: one 32-byte row per RIB entry (TABLE_DUMP and
// TABLE_DUMP_V2), per BGP4MP message or state change, per other record, and per damaged
// stretch. Peers become sessions (SessionKind::MrtPeer) and their decode contexts come from
// the record types (RFC 6396 §4: AS number size; RFC 8050 §3: ADD-PATH). Nothing is decoded
// beyond what locating the rows needs.
//
// Rows of MRT files (FramedKind::Mrt): `address` and `length` are the whole record's, so the
// tree and hex view show the record; `frame` is, for a RIB entry, where the entry starts in
// the record (0 for a row that is the whole record); `type` is the BGP message type of a
// BGP4MP message, 0 otherwise.
#pragma once

#include <memory>
#include <stop_token>

#include "buffer/byte_store.h"
#include "index/capture_indexer.h"
#include "index/index_sink.h"
#include "util/expected.h"

namespace bgplens {

// Indexes the MRT file held in `store`'s base, waiting for bytes while the base is still
// being decompressed. Stops early (with what it has) when `stop` is requested.
Expected<IndexStats> index_mrt(std::shared_ptr<ByteStore> store, IndexSink& sink,
                               std::stop_token stop = {}, IndexOptions options = {});

}  // namespace bgplens

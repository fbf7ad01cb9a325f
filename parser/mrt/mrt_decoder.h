// The field tree (and list line) of an MRT row. A row is a whole record, or one entry of a
// RIB record: the walk always covers the whole record, so the hex view shows the record and
// every node's byte range is an offset into it.
#pragma once

#include <cstdint>
#include <string_view>

#include "bgp/walk.h"

namespace bgplens {

struct MrtRow {
  // Where the row's entry starts in the record (TABLE_DUMP and TABLE_DUMP_V2 RIB rows); 0 for
  // a row that is the whole record.
  std::uint32_t entry_offset = 0;
  // Bytes the record holds beyond what its length field declares (the early RIS bulk
  // TABLE_DUMP form), or fewer (the file ends inside the record): from the record walker.
  bool truncated = false;
  // "202.249.2.86 AS 7500": the peer a TABLE_DUMP_V2 entry's peer index names, if known.
  std::string_view peer_text;
};

// Decodes the MRT record held by `w`; fills the row summary, and for BGP4MP messages and RIB
// entries what a BGP UPDATE would (type, attributes, NLRI), with offsets into the record.
void decode_mrt_walk(Walk& w, const MrtRow& row);

}  // namespace bgplens

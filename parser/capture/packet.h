// One captured frame, as a view into the ByteStore.
#pragma once

#include <cstdint>

#include "buffer/byte_store.h"

namespace bgplens {

struct Packet {
  std::uint64_t frame = 0;   // 1-based position in the capture
  std::int64_t time_ns = 0;  // since the epoch
  ByteAddress address = 0;   // where the captured bytes live in the store
  Bytes data;                // the captured bytes (snaplen may have cut them)
  std::uint32_t wire_length = 0;
  int link_type = 0;  // libpcap DLT_* value
};

}  // namespace bgplens

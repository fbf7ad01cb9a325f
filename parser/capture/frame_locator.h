// Finds a frame of a capture held in a ByteStore again, after indexing, without a table entry
// per frame: from the nearest FrameMark the reader left (SourceMap), the records that follow
// are walked. At most SourceMap::kFramesPerMark records are read when every frame was marked
// in its place.
#pragma once

#include <cstdint>
#include <optional>

#include "buffer/byte_store.h"
#include "capture/packet.h"

namespace bgplens {

// Frame number `frame` (1-based), if the capture holds it and the reader marked its region.
std::optional<Packet> find_frame(const ByteStore& store, std::uint64_t frame);
// The frame whose captured bytes contain base address `address`.
std::optional<Packet> find_frame_holding(const ByteStore& store, ByteAddress address);

}  // namespace bgplens

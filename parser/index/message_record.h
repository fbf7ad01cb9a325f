// The fast index: one 32-byte record per row of the message list. Everything else (summary
// text, fields, errors) is decoded on demand from the bytes the record points at.
#pragma once

#include <cstdint>

#include "buffer/byte_store.h"
#include "capture/bgp_framer.h"

namespace bgplens {

struct MessageRecord {
  ByteAddress address = 0;    // first marker byte (Unparsed: first byte; Gap: unused)
  std::int64_t time_ns = 0;   // timestamp of the frame that completed the message
  std::uint32_t length = 0;   // bytes held (Gap: bytes missing)
  std::uint32_t context = 0;  // index into the context table: session, direction, negotiation
  std::uint32_t frame = 0;    // 1-based frame that completed the message
  std::uint8_t type = 0;      // BGP message type; 0 when not a message
  FramedKind kind = FramedKind::Message;
  std::uint8_t flags = 0;   // framed_flag::*
  std::uint8_t detail = 0;  // what an MRT row is (mrt_row::*); 0 for other rows
};
// What an MRT row (FramedKind::Mrt) is, known without decoding it.
namespace mrt_row {
inline constexpr std::uint8_t kRecord = 0;          // a record shown whole (other types)
inline constexpr std::uint8_t kRibEntry = 1;        // a TABLE_DUMP_V2 RIB entry
inline constexpr std::uint8_t kTableDump = 2;       // a TABLE_DUMP entry
inline constexpr std::uint8_t kPeerIndexTable = 3;  // TABLE_DUMP_V2 PEER_INDEX_TABLE
inline constexpr std::uint8_t kMessage = 4;         // a BGP message (BGP4MP, deprecated BGP)
inline constexpr std::uint8_t kStateChange = 5;     // a BGP4MP or BGP STATE_CHANGE
}  // namespace mrt_row

static_assert(sizeof(MessageRecord) == 32, "the index must stay at 32 bytes per message");

}  // namespace bgplens

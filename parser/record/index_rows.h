// What a row of the index holds that a recording can keep: a whole BGP message (a message of a
// TCP session, one carried inside BMP, the message of a BGP4MP record), or a BGP4MP state
// change; and, for every other row, why it is left out, so that a caller can say "342 rows
// were not BGP messages and were not saved".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "index/message_record.h"
#include "record/recorded_message.h"
#include "util/bytes.h"

namespace bgplens::record {

// Why a row was not recorded.
enum class RowSkip : std::uint8_t {
  Unparsed,      // TCP stream bytes that are not part of a message
  Gap,           // bytes the capture does not hold
  Incomplete,    // a message cut short (capture ends, segments missing, a truncated record)
  BmpMessage,    // a BMP message itself (the BGP messages inside it are rows of their own)
  RibEntry,      // a TABLE_DUMP / TABLE_DUMP_V2 entry: a route, not a message
  MrtOther,      // another MRT record (PEER_INDEX_TABLE, unknown types, old BGP records)
  MrtDamage,     // bytes of an MRT file that are no record
  StateChange,   // a state change, which pcapng has no frame for
  Unrecordable,  // no session, no addresses of one IP version, or a time the format lacks
};
inline constexpr std::size_t kRowSkipKinds = 9;

// "RIB entries", "BMP messages", ... (plural, for a count above one) or the singular.
std::string_view row_skip_name(RowSkip why, bool plural);

// What a row holds for a recording. `message` points into the row's bytes.
struct RowContent {
  enum class Kind : std::uint8_t { Message, StateChange, Skip };
  Kind kind = Kind::Skip;
  Bytes message;
  RecordedStateChange state;  // time_ns from the row
  RowSkip skip = RowSkip::Unrecordable;
};

// `row_bytes` are the bytes the row points at: ByteStore::view(record.address, record.length).
// For a message row they are the message, for an MRT row the whole record (RFC 6396 §2), of
// which a BGP4MP MESSAGE's BGP message is the tail (§4.4.2).
RowContent row_content(const MessageRecord& record, Bytes row_bytes);

// Counts of rows left out, by reason.
struct SkipCounts {
  std::array<std::uint64_t, kRowSkipKinds> by_reason{};

  void add(RowSkip why) { ++by_reason[static_cast<std::size_t>(why)]; }
  std::uint64_t of(RowSkip why) const { return by_reason[static_cast<std::size_t>(why)]; }
  std::uint64_t total() const;
  // "342 rows were not saved: 300 RIB entries, 42 BMP messages"; empty when none was left out.
  std::string text() const;
};

}  // namespace bgplens::record

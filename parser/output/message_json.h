// The CLI contract: one JSON object per message (see README, "CLI output").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bgp/decoded_message.h"
#include "index/message_record.h"
#include "index/session_table.h"
#include "output/json_writer.h"

namespace bgplens {

struct MessageJsonOptions {
  bool tree = false;  // add "fields": the whole field tree
};

// Where a message came from: a capture's frame and endpoints, or nothing (a raw hex message).
struct MessageOrigin {
  std::optional<std::uint32_t> frame;
  std::optional<std::int64_t> time_ns;
  // Views, not strings: every message of a session direction has the same endpoints, so the
  // caller keeps their text (Endpoint::text) and does not build it again for each message.
  std::optional<std::string_view> src;
  std::optional<std::string_view> dst;
  FramedKind kind = FramedKind::Message;
  std::uint32_t stream_length = 0;  // for rows that are not messages: bytes held or missing
  bool via_bmp = false;             // a BGP message carried inside a BMP message

  // Frame, time and kind from the record; src and dst are left to the caller.
  static MessageOrigin of(const MessageRecord& record);
};

// Writes the object for message `n`. `decoded` must be at Depth::Detail (Depth::Tree with
// options.tree).
void write_message_json(JsonWriter& json, std::uint64_t n, const MessageOrigin& origin,
                        const DecodedMessage& decoded, const MessageJsonOptions& options);

// Epoch seconds with microsecond or nanosecond digits, as tshark prints them.
std::string epoch_seconds(std::int64_t time_ns);
// The same into `buf`, which has room for kEpochSecondsSize bytes; returns the end.
inline constexpr std::size_t kEpochSecondsSize = 32;  // "-9223372036.854775808"
char* epoch_seconds_to(char* buf, std::int64_t time_ns);

// Writes `tree`'s nodes below `node` as the "fields" array.
void write_field_tree_json(JsonWriter& json, const FieldTree& tree, std::uint32_t node);

}  // namespace bgplens

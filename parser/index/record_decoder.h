// Decoding a row of the index: the one function the CLI, the list and the detail views use,
// so they all see the same fields, errors and summaries.
#pragma once

#include <string>

#include "bgp/decoded_message.h"
#include "buffer/byte_store.h"
#include "index/message_record.h"
#include "index/session_table.h"

namespace bgplens {

// Decodes the record's bytes with its context; framing problems (truncation, missing
// segments, unparsed bytes) are included as problems and, at Depth::Tree, as nodes.
// With `override_settings`, the record's context is adjusted first (the user's overrides).
DecodedMessage decode_record(const ByteStore& store, const ContextTable& table,
                             const MessageRecord& record, Depth depth,
                             const ContextOverride* override_settings = nullptr);

// The TCP connection a row's bytes travelled on and its direction: the row's session, or for
// a BMP-monitored peer the BMP connection that reported it. Null when unknown.
struct WireOrigin {
  const SessionInfo* session = nullptr;
  std::uint8_t direction = 0;
};
WireOrigin wire_origin(const ContextTable& table, const MessageRecord& record);

// One line for the message list: "UPDATE +3 −1 ipv4", "OPEN AS 65001, hold 90 s, ...".
std::string record_summary(const MessageRecord& record, const DecodedMessage& decoded);

// "OPEN", "UPDATE", ..., "—" for rows that are not messages.
std::string record_type_name(const MessageRecord& record);

}  // namespace bgplens

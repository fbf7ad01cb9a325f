// The Data field of a NOTIFICATION, decoded by error code and subcode (RFC 4271 §6 and the RFCs
// of the later subcodes). Helpers of notification_decoder.cpp, one file per kind of data.
#pragma once

#include <cstdint>

#include "bgp/walk.h"

namespace bgplens {

// A Hard Reset (RFC 8538 §3) holds a whole cease reason, which may be a Hard Reset again:
// nesting is decoded this deep and shown raw below.
inline constexpr unsigned kMaxNotificationNesting = 4;

struct NotificationData {
  std::uint8_t code = 0;
  std::uint8_t subcode = 0;
  std::uint32_t begin = 0;  // the Data field: [begin, end), possibly empty
  std::uint32_t end = 0;
  unsigned depth = 0;  // enclosing Hard Resets
  std::uint32_t size() const { return end - begin; }
};

// Error Code and Error Subcode at `begin`, Data after them up to `end` (end - begin >= 2): the
// leaves, and the Data node with what its layout says (notification_decoder.cpp).
void decode_error_fields(Walk& w, std::uint32_t begin, std::uint32_t end, unsigned depth);

// Per-layout decoders. Each puts its nodes under the open Data node (if the data is empty, there
// is none and only problems are recorded).
// notification_values.cpp: 1/2, 1/3, 2/1, 2/2, 3/3, and the subcodes that carry no data.
void decode_bad_message_length(Walk& w, const NotificationData& d);
void decode_bad_message_type(Walk& w, const NotificationData& d);
void decode_unsupported_version(Walk& w, const NotificationData& d);
void decode_bad_peer_as(Walk& w, const NotificationData& d);
void decode_missing_attribute(Walk& w, const NotificationData& d);
void note_no_data_defined(Walk& w, const NotificationData& d);
// notification_cease.cpp: 6/1, 6/2 and 6/4, 6/9.
void decode_prefix_limit(Walk& w, const NotificationData& d);
void decode_shutdown_communication(Walk& w, const NotificationData& d);
void decode_hard_reset(Walk& w, const NotificationData& d);
// notification_quoted.cpp: data that repeats what the peer sent — 2/4 optional parameters,
// 2/7 capabilities, 3/x the erroneous attribute, 7/1 the whole ROUTE-REFRESH.
void decode_quoted_parameters(Walk& w, const NotificationData& d);
void decode_quoted_capabilities(Walk& w, const NotificationData& d);
void decode_quoted_attribute(Walk& w, const NotificationData& d);
void decode_quoted_route_refresh(Walk& w, const NotificationData& d);

}  // namespace bgplens

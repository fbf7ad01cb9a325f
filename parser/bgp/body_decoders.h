// The message body decoders, one per message type, each in its own file. They decode
// [kHeaderLength, end) of the walk's bytes; `end` never exceeds the bytes available.
#pragma once

#include <cstdint>

#include "bgp/walk.h"

namespace bgplens {

void decode_open(Walk& w, std::uint32_t end);
void decode_update(Walk& w, std::uint32_t end);
void decode_notification(Walk& w, std::uint32_t end);
void decode_keepalive(Walk& w, std::uint32_t end);
void decode_route_refresh(Walk& w, std::uint32_t end);

// Shows [offset, end) as trailing bytes with an error, if any are left.
void report_trailing(Walk& w, std::uint32_t offset, std::uint32_t end, const char* after);

}  // namespace bgplens

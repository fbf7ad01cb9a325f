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

// RFC 2918 §3 / RFC 7313 §3.2: a ROUTE-REFRESH body — AFI, Message Subtype, SAFI and, after
// them, RFC 5291 ORF entries — at [begin, end), end - begin >= 4 (route_refresh_decoder.cpp).
// decode_route_refresh() uses it on the message; a 7/1 NOTIFICATION on the message it quotes.
void decode_route_refresh_body(Walk& w, std::uint32_t begin, std::uint32_t end);
// RFC 5291 §4: When-to-refresh and the ORF entries of a ROUTE-REFRESH at [begin, end), for a
// request of address family `afi` (route_refresh_orf.cpp).
void decode_orf_entries(Walk& w, std::uint32_t begin, std::uint32_t end, std::uint16_t afi);

struct UpdateState;
// RFC 4271 §4.3: the path attributes at [begin, end); returns how many it found
// (update_decoder.cpp). A 3/x NOTIFICATION uses it on the attribute it quotes.
std::uint32_t decode_path_attributes(Walk& w, std::uint32_t begin, std::uint32_t end,
                                     UpdateState& state);

// Shows [offset, end) as trailing bytes with an error, if any are left.
void report_trailing(Walk& w, std::uint32_t offset, std::uint32_t end, const char* after);

}  // namespace bgplens

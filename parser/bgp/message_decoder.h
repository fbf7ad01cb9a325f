// Entry point of the BGP decoder: one message in, one DecodedMessage out.
#pragma once

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "util/bytes.h"

namespace bgplens {

// `message` starts at the first marker byte and holds the bytes available for the message,
// which may be fewer than its length field declares (a truncated capture).
DecodedMessage decode_message(Bytes message, const PeerContext& context, Depth depth);
// The same into `out` (cleared first, its lists' capacity kept): for decoding a stream of
// messages without an allocation per message.
void decode_message(Bytes message, const PeerContext& context, Depth depth, DecodedMessage& out);

class Walk;
// Decodes the message held by `w` into it; for callers that add nodes of their own around it.
void decode_message_walk(Walk& w);

// True when `p` points at 16 bytes of 0xFF (RFC 4271 §4.1).
bool is_marker(const std::uint8_t* p);

// A header that could start a BGP message: marker, length in [19, 65535], type 1–5.
bool plausible_header(Bytes bytes);

std::string_view treatment_name(Treatment t);

}  // namespace bgplens

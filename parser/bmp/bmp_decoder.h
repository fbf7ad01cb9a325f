// Decoding one BMP message (RFC 7854 §4; RFC 8671; RFC 9069) into the same DecodedMessage and
// field tree as a BGP message. The BGP messages inside it are decoded by the BGP decoder and
// nested in the tree with their byte ranges inside the BMP message's.
#pragma once

#include <string>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "util/bytes.h"

namespace bgplens {

class Walk;

// Decodes the BMP message held by `w` (its bytes start at the version octet). Embedded BGP
// messages are decoded with `w.context()`: the context of the monitored peer the index pass
// gave the row. `out().nested` lists them; `out().row_summary` is the list line, e.g.
// "Peer Up 192.0.2.1 AS 65001 pre-policy", "Initiation \"r1\"".
void decode_bmp_walk(Walk& w);

DecodedMessage decode_bmp(Bytes message, const PeerContext& context, Depth depth);
// The same into `out` (cleared first): the index pass locates the BGP messages of every BMP
// message at Depth::Locate this way, with the walk that builds the tree, so the two agree.
void decode_bmp(Bytes message, const PeerContext& context, Depth depth, DecodedMessage& out);

}  // namespace bgplens

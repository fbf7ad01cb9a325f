// BGP-LS NLRI (AFI 16388): SAFI 71 and, with a Route Distinguisher before each NLRI's body,
// SAFI 72 (RFC 9552 §5.2). Each NLRI is a type, a length, a Protocol-ID, an Identifier and
// descriptor TLVs; a path identifier comes first under ADD-PATH (RFC 7911 §3).
#pragma once

#include "bgp/nlri/family_table.h"

namespace bgplens {

void decode_bgpls_nlri(Walk& w, const NlriBlock& block, UpdateState& state);

}  // namespace bgplens

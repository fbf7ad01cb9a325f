// EVPN NLRI (AFI 25, SAFI 70): a list of routes, each a route type octet, a length octet and
// the type's fields (RFC 7432 §7), with a path identifier in front under ADD-PATH (RFC 7911).
#pragma once

#include "bgp/nlri/family_table.h"

namespace bgplens {

void decode_evpn_nlri(Walk& w, const NlriBlock& block, UpdateState& state);

}  // namespace bgplens

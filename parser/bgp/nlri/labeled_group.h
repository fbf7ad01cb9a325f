// The decoders registered by family_group_labeled.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bgp/nlri/family_table.h"
#include "bgp/nlri/nlri_common.h"

namespace bgplens {

// Labeled unicast (RFC 8277), VPN unicast and multicast (RFC 4364 §4.3.4, RFC 4659 §3.2,
// RFC 6513 §5.1.1): labeled_prefix_nlri.cpp.
void decode_labeled_nlri(Walk&, const NlriBlock&, UpdateState&);
// Route Target Constraint (RFC 4684 §4): rtc_nlri.cpp.
void decode_rtc_nlri(Walk&, const NlriBlock&, UpdateState&);
// VPLS (RFC 4761 §3.2.2) and BGP auto-discovery for VPLS (RFC 6074 §7): vpls_nlri.cpp.
void decode_vpls_nlri(Walk&, const NlriBlock&, UpdateState&);
// MCAST-VPN (RFC 6514 §4): mvpn_nlri.cpp.
void decode_mvpn_nlri(Walk&, const NlriBlock&, UpdateState&);
// SR Policy (RFC 9830 §2.1): sr_policy_nlri.cpp.
void decode_sr_policy_nlri(Walk&, const NlriBlock&, UpdateState&);
// BGP-MUP (draft-mpmz-bess-mup-safi §3.1): mup_nlri.cpp.
void decode_mup_nlri(Walk&, const NlriBlock&, UpdateState&);

}  // namespace bgplens

// One BGP-LS NLRI's body, after its type and length (RFC 9552 §5.2).
#pragma once

#include <cstdint>
#include <string>

#include "bgp/walk.h"

namespace bgplens::bgpls {

// Decodes the body [begin, end) of an NLRI of `type` (a Route Distinguisher first when `vpn`)
// and returns its text ("link L2 id 0 local AS 65000 router …"), empty unless `want_text`.
// Sets `malformed` when RFC 9552 §8.2.2 makes the NLRI malformed (the error is recorded).
std::string decode_nlri_body(Walk& w, std::uint16_t type, std::uint32_t begin, std::uint32_t end,
                             bool vpn, bool want_text, bool& malformed);

}  // namespace bgplens::bgpls

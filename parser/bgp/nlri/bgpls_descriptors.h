// Decoders of the BGP-LS descriptor TLV values: node descriptors and their sub-TLVs
// (RFC 9552 §5.2.1, RFC 9086 §4.1), link descriptors (§5.2.2), prefix descriptors (§5.2.3), the
// SRv6 SID Information TLV (RFC 9514 §6.1) and the MSD TLVs of the same code range
// (RFC 8814). Used by the NLRI walk and, where these TLVs appear in it, by the BGP-LS Attribute.
#pragma once

#include <cstdint>

#include "bgp/nlri/bgpls_scope.h"

namespace bgplens::bgpls {

// The decoder for a descriptor-range code (256–267, 512–518), or nullptr.
ValueDecoder descriptor_decoder(std::uint16_t code);

// The word an NLRI text puts before a node descriptor sub-TLV's value: "AS", "router".
std::string_view node_descriptor_word(std::uint16_t code);

}  // namespace bgplens::bgpls

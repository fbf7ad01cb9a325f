// The BGP-LS Attribute (path attribute 29, optional non-transitive; RFC 9552 §5.3): a list of
// node, link, prefix and SRv6 SID attribute TLVs describing the objects of the BGP-LS NLRI it
// travels with. A malformed one is discarded without a NOTIFICATION (RFC 9552 §8.2.2).
#pragma once

#include <cstdint>
#include <string>

#include "bgp/attributes/attribute_table.h"
#include "bgp/nlri/bgpls_scope.h"

namespace bgplens {

void decode_attr_bgpls(Walk& w, const AttributeView& a, UpdateState& state);

namespace bgpls {

// The attribute TLVs, by area; each returns nullptr for a code it does not decode.
ValueDecoder node_attribute_decoder(std::uint16_t code);    // bgpls_attribute_node.cpp
ValueDecoder link_attribute_decoder(std::uint16_t code);    // bgpls_attribute_link.cpp
ValueDecoder sr_attribute_decoder(std::uint16_t code);      // bgpls_attribute_sr.cpp
ValueDecoder prefix_attribute_decoder(std::uint16_t code);  // bgpls_attribute_prefix.cpp
ValueDecoder srv6_attribute_decoder(std::uint16_t code);    // bgpls_attribute_srv6.cpp

// Decodes any TLV the attribute may hold (attribute TLVs and the descriptor TLVs that also
// appear there, RFC 9552 §5.3); unknown codes are shown raw, never as an error.
std::string decode_attribute_tlv(Scope& s, const Tlv16& tlv);
// Sub-TLVs in [begin, end), nested one level deeper (shown raw past kMaxDepth); returns
// "Name value, Name value".
std::string decode_sub_tlvs(Scope& s, std::uint32_t begin, std::uint32_t end);

// Flags whose letters depend on the NLRI's protocol: `isis` for IS-IS, `ospf` for OSPFv2 and
// OSPFv3; with neither known, the byte is shown with a note.
std::string protocol_flags(Scope& s, std::uint32_t offset, std::span<const FlagBit> isis,
                           std::span<const FlagBit> ospf);
// A SID/Label field (RFC 9085 §2.1.1): 3 octets an MPLS label in the low 20 bits, 4 octets an
// index. The caller checked the length is 3 or 4.
std::string sid_leaf(Scope& s, FieldId id, std::uint32_t offset, std::uint32_t length);
// "Node Name" or "TLV 1300", for summaries.
std::string tlv_short(std::uint16_t code);

}  // namespace bgpls
}  // namespace bgplens

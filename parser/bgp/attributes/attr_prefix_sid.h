// BGP Prefix-SID attribute (type 40): RFC 8669 (SR-MPLS TLVs) and RFC 9252 (SRv6 service TLVs).
// attr_prefix_sid.cpp walks the TLVs and decodes the SR-MPLS ones; attr_prefix_sid_srv6.cpp
// decodes the SRv6 L3/L2 Service TLVs and names SRv6 Endpoint Behaviors, which the SR Policy
// decoder of the Tunnel Encapsulation attribute shares.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bgp/attributes/attribute_table.h"

namespace bgplens {

void decode_attr_prefix_sid(Walk& w, const AttributeView& a, UpdateState& state);

namespace srv6 {

// IANA "SRv6 Endpoint Behaviors" (RFC 8986 §10.2 and later), empty when not known here.
std::string_view endpoint_behavior_name(std::uint16_t behavior);
// "End.DT4 (0x0013)" or "0x0047".
std::string endpoint_behavior_text(std::uint16_t behavior);

// The value of an SRv6 L3 (type 5) or L2 (type 6) Service TLV, [value, value + length) (RFC 9252
// §2), as nodes under the open TLV node. Returns the TLV's text (tree only). A malformed part is
// reported with RFC 9252 §7's treat-as-withdraw.
std::string decode_service_tlv(Walk& w, std::uint32_t value, std::uint32_t length);

// The four SID structure lengths (block, node, function, argument: 1 octet each) at `at`, as
// leaves; returns "32/16/16/0" (tree only). RFC 9252 §3.2.1, RFC 9830 §2.4.4.2.4.
std::string structure_leaves(Walk& w, std::uint32_t at);

}  // namespace srv6
}  // namespace bgplens

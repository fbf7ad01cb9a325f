// Decoders of the route attributes beyond the core (registered in attr_group_route.cpp) and the
// helpers they share. Each decoder cites the section that defines its layout.
#pragma once

#include <cstdint>
#include <string>

#include "bgp/attributes/attribute_table.h"

namespace bgplens {

void decode_attr_originator_id(Walk&, const AttributeView&, UpdateState&);      // 9
void decode_attr_cluster_list(Walk&, const AttributeView&, UpdateState&);       // 10
void decode_attr_connector(Walk&, const AttributeView&, UpdateState&);          // 20
void decode_attr_as_pathlimit(Walk&, const AttributeView&, UpdateState&);       // 21
void decode_attr_pmsi_tunnel(Walk&, const AttributeView&, UpdateState&);        // 22
void decode_attr_aigp(Walk&, const AttributeView&, UpdateState&);               // 26
void decode_attr_pe_distinguisher(Walk&, const AttributeView&, UpdateState&);   // 27
void decode_attr_large_community(Walk&, const AttributeView&, UpdateState&);    // 32
void decode_attr_bgpsec_path(Walk&, const AttributeView&, UpdateState&);        // 33
void decode_attr_otc(Walk&, const AttributeView&, UpdateState&);                // 35
void decode_attr_d_path(Walk&, const AttributeView&, UpdateState&);             // 36
void decode_attr_sfp(Walk&, const AttributeView&, UpdateState&);                // 37
void decode_attr_bfd_discriminator(Walk&, const AttributeView&, UpdateState&);  // 38
void decode_attr_attr_set(Walk&, const AttributeView&, UpdateState&);           // 128

// Checks and derived nodes that need the whole attribute list [begin, end) of an UPDATE: the
// effective AS path and aggregator of RFC 6793 §4.2.3, and RFC 8205's rule that BGPsec_PATH
// replaces AS_PATH. Called once, after the attribute walk, while the Path Attributes node is
// open (attr_effective_as_path.cpp).
void finish_route_attributes(Walk& w, std::uint32_t begin, std::uint32_t end,
                             const UpdateState& state);

// "<NAME> length N is not <expected> (<rule>; NOTIFICATION 3/5 Attribute Length Error)" over the
// whole value, with the attribute's RFC 7606 treatment.
void route_attr_length_error(Walk& w, const AttributeView& a, const std::string& expected,
                             const char* rule);
// An error over [offset, offset + length) naming the rule, with the attribute's treatment.
void route_attr_error(Walk& w, const AttributeView& a, std::uint32_t offset, std::uint32_t length,
                      const std::string& message);
// An IPv4 or IPv6 address of `length` (4 or 16) octets at `offset`, as text.
std::string address_text(const Walk& w, std::uint32_t offset, std::uint32_t length);

}  // namespace bgplens

// Capabilities beyond the core set: ORF, extended next hop, BGPsec, multiple labels, role,
// dynamic, multisession, LLGR, FQDN, BFD, software version, paths limit, link-local next hop,
// and the pre-standard codes still seen on the wire (RFC 8810).
#include "bgp/capabilities/capability_table.h"

namespace bgplens {
namespace {

constexpr CapabilitySpec kMore[] = {
    {3, decode_cap_orf},                // RFC 5291 §5
    {5, decode_cap_extended_next_hop},  // RFC 8950 §3
    {7, decode_cap_bgpsec},             // RFC 8205 §2.1
    {8, decode_cap_multiple_labels},    // RFC 8277 §2.1
    {9, decode_cap_role},               // RFC 9234 §4.1
    {67, decode_cap_dynamic},           // draft-ietf-idr-dynamic-cap §3
    {68, decode_cap_multisession},      // draft-ietf-idr-bgp-multisession
    {71, decode_cap_llgr},              // RFC 9494 §3
    {73, decode_cap_fqdn},              // draft-walton-bgp-hostname-capability
    {74, decode_cap_bfd},               // draft-ietf-idr-bgp-bfd-strict-mode
    {75, decode_cap_software_version},  // draft-abraitis-bgp-version-capability
    {76, decode_cap_paths_limit},       // draft-abraitis-idr-addpath-paths-limit
    {77, decode_cap_empty},             // draft-ietf-idr-linklocal-capability: no value
    {130, decode_cap_orf},              // Cisco pre-standard ORF, layout of code 3
    {131, decode_cap_unpublished},      // Cisco pre-standard multisession
    {184, decode_cap_fqdn},             // pre-standard FQDN, layout of code 73
    {185, decode_cap_unpublished},      // pre-standard OPERATIONAL message
};

}  // namespace

std::span<const CapabilitySpec> more_capabilities() {
  return kMore;
}

}  // namespace bgplens

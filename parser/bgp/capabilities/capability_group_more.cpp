// Capabilities beyond the core set: ORF, extended next hop, BGPsec, multiple labels, role,
// dynamic, multisession, enhanced route refresh, LLGR, FQDN, BFD, software version, paths
// limit, link-local next hop, and the pre-standard Cisco codes.
#include "bgp/capabilities/capability_table.h"

namespace bgplens {
namespace {

constexpr CapabilitySpec kMore[] = {
    {0, nullptr},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const CapabilitySpec> more_capabilities() {
  return std::span(kMore).subspan(1);
}

}  // namespace bgplens

// Route attributes beyond the core: ORIGINATOR_ID, CLUSTER_LIST, AIGP, PE distinguisher
// labels, LARGE_COMMUNITY, OTC, D-PATH, SFP, BFD discriminator, BGPsec_PATH, PMSI_TUNNEL,
// ATTR_SET and the deprecated Connector and AS_PATHLIMIT.
#include "bgp/attributes/attribute_table.h"

namespace bgplens {
namespace {

constexpr AttributeSpec kGroup[] = {
    {0, nullptr, 0, Treatment::None},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const AttributeSpec> route_attributes() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

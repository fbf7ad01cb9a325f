// Flow Specification for IPv4, IPv6, VPN and L2VPN (RFC 8955, 8956, draft-ietf-idr-flowspec-l2vpn).
#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{0, 0}, "", nullptr},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const FamilySpec> flowspec_families() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

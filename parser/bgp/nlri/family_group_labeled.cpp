// Labeled unicast (RFC 8277), VPN unicast and multicast (RFC 4364, 4659, 6513), Route Target
// Constraint (RFC 4684), VPLS (RFC 4761, 6074), MCAST-VPN (RFC 6514), SR Policy (RFC 9830)
// and BGP-MUP (draft-mpmz-bess-mup-safi).
#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{0, 0}, "", nullptr},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const FamilySpec> labeled_families() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

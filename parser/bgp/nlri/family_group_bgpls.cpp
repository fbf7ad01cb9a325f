// BGP-LS node, link, prefix and SRv6 SID NLRI (RFC 9552, 9085, 9514).
#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{0, 0}, "", nullptr},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const FamilySpec> bgpls_families() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

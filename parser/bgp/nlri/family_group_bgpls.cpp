// BGP-LS node, link, prefix and SRv6 SID NLRI (RFC 9552, 9085, 9514).
#include "bgp/nlri/bgpls_nlri.h"
#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{0, 0}, "", nullptr},  // placeholder; replaced by the rows of this group
    {{afi::kBgpLs, 71}, "bgp-ls", decode_bgpls_nlri},      // RFC 9552 §5.2, AFI 16388 SAFI 71
    {{afi::kBgpLs, 72}, "bgp-ls-vpn", decode_bgpls_nlri},  // RFC 9552 §5.2, with an RD
};

}  // namespace

std::span<const FamilySpec> bgpls_families() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

// EVPN route types 1–11 (RFC 7432, 8365, 9135, 9136, 9251, 9572).
#include "bgp/nlri/evpn_nlri.h"
#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{0, 0}, "", nullptr},  // placeholder; replaced by the rows of this group
    {{afi::kL2vpn, 70}, "l2vpn-evpn", decode_evpn_nlri},  // RFC 7432 §7, AFI 25 SAFI 70
};

}  // namespace

std::span<const FamilySpec> evpn_families() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

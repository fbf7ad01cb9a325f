// Labeled unicast (RFC 8277), VPN unicast and multicast (RFC 4364, 4659, 6513), Route Target
// Constraint (RFC 4684), VPLS (RFC 4761, 6074), MCAST-VPN (RFC 6514), SR Policy (RFC 9830)
// and BGP-MUP (draft-mpmz-bess-mup-safi).
#include "bgp/nlri/family_table.h"
#include "bgp/nlri/labeled_group.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{1, 4}, "ipv4-labeled-unicast", decode_labeled_nlri},
    {{2, 4}, "ipv6-labeled-unicast", decode_labeled_nlri},
    {{1, 128}, "ipv4-vpn", decode_labeled_nlri},
    {{2, 128}, "ipv6-vpn", decode_labeled_nlri},
    {{1, 129}, "ipv4-vpn-multicast", decode_labeled_nlri},
    {{2, 129}, "ipv6-vpn-multicast", decode_labeled_nlri},
    {{1, 132}, "ipv4-rtc", decode_rtc_nlri},
    {{25, 65}, "l2vpn-vpls", decode_vpls_nlri},
    {{1, 5}, "ipv4-mvpn", decode_mvpn_nlri},
    {{2, 5}, "ipv6-mvpn", decode_mvpn_nlri},
    {{1, 73}, "ipv4-sr-policy", decode_sr_policy_nlri},
    {{2, 73}, "ipv6-sr-policy", decode_sr_policy_nlri},
    {{1, 85}, "ipv4-mup", decode_mup_nlri},
    {{2, 85}, "ipv6-mup", decode_mup_nlri},
};

}  // namespace

std::span<const FamilySpec> labeled_families() {
  return kGroup;
}

}  // namespace bgplens

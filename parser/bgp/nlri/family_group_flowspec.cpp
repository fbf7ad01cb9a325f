// Flow Specification for IPv4, IPv6, VPN and L2VPN (RFC 8955, 8956, draft-ietf-idr-flowspec-l2vpn).
#include "bgp/nlri/family_table.h"
#include "bgp/nlri/flowspec_components.h"

namespace bgplens {
namespace {

constexpr FamilySpec kGroup[] = {
    {{1, 133}, "ipv4-flowspec", decode_flowspec_nlri},      // RFC 8955 §4
    {{2, 133}, "ipv6-flowspec", decode_flowspec_nlri},      // RFC 8956 §3
    {{1, 134}, "ipv4-flowspec-vpn", decode_flowspec_nlri},  // RFC 8955 §8
    {{2, 134}, "ipv6-flowspec-vpn", decode_flowspec_nlri},  // RFC 8956 §3, RFC 8955 §8
    {{25, 134}, "l2vpn-flowspec", decode_flowspec_nlri},    // draft-ietf-idr-flowspec-l2vpn-12 §3
};

}  // namespace

std::span<const FamilySpec> flowspec_families() {
  return kGroup;
}

}  // namespace bgplens

// Extended communities (RFC 4360 and the many types since) and IPv6-address-specific
// extended communities (RFC 5701).
#include "bgp/attributes/attribute_table.h"
#include "bgp/attributes/ext_community_types.h"

namespace bgplens {
namespace {

// RFC 4360 §2 and RFC 5701 §2 make both attributes optional transitive; RFC 7606 §7.14 and
// §7.15 treat a malformed one (a length that is not a non-zero multiple of 8, or of 20) as
// treat-as-withdraw.
constexpr AttributeSpec kGroup[] = {
    {16, decode_attr_ext_communities, kOptionalTransitive, Treatment::TreatAsWithdraw},
    {25, decode_attr_ipv6_ext_communities, kOptionalTransitive, Treatment::TreatAsWithdraw},
};

}  // namespace

std::span<const AttributeSpec> community_attributes() {
  return kGroup;
}

}  // namespace bgplens

// Service attributes with TLV bodies: Tunnel Encapsulation (RFC 9012), the BGP-LS attribute
// (RFC 9552) and BGP Prefix-SID (RFC 8669, RFC 9252).
#include "bgp/attributes/attr_prefix_sid.h"
#include "bgp/attributes/attr_tunnel_encap.h"
#include "bgp/attributes/attribute_table.h"
#include "bgp/attributes/bgpls_attribute.h"

namespace bgplens {
namespace {

constexpr AttributeSpec kGroup[] = {
    {0, nullptr, 0, Treatment::None},  // placeholder; replaced by the rows of this group
    // Tunnel Encapsulation, RFC 9012 §2 (optional transitive); §13: without a valid Tunnel TLV
    // (or the Transitive flag) the UPDATE is treat-as-withdraw, a bad TLV is only disregarded.
    {23, decode_attr_tunnel_encap, kOptionalTransitive, Treatment::TreatAsWithdraw},
    // BGP-LS Attribute, RFC 9552 §5.3 (optional non-transitive); §8.2.2: a malformed one is
    // discarded (attribute discard), the NLRI and the session stay.
    {29, decode_attr_bgpls, kOptionalNonTransitive, Treatment::AttributeDiscard},
    // BGP Prefix-SID, RFC 8669 §3 (optional transitive); §6: a malformed one is discarded
    // (RFC 9252 §7 makes a malformed SRv6 Service TLV treat-as-withdraw, decided per TLV).
    {40, decode_attr_prefix_sid, kOptionalTransitive, Treatment::AttributeDiscard},
};

}  // namespace

std::span<const AttributeSpec> service_attributes() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

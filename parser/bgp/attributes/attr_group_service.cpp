// Service attributes with TLV bodies: Tunnel Encapsulation (RFC 9012), the BGP-LS attribute
// (RFC 9552) and BGP Prefix-SID (RFC 8669, RFC 9252).
#include "bgp/attributes/attribute_table.h"

namespace bgplens {
namespace {

constexpr AttributeSpec kGroup[] = {
    {0, nullptr, 0, Treatment::None},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const AttributeSpec> service_attributes() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

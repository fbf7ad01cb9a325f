// Extended communities (RFC 4360 and the many types since) and IPv6-address-specific
// extended communities (RFC 5701).
#include "bgp/attributes/attribute_table.h"

namespace bgplens {
namespace {

constexpr AttributeSpec kGroup[] = {
    {0, nullptr, 0, Treatment::None},  // placeholder; replaced by the rows of this group
};

}  // namespace

std::span<const AttributeSpec> community_attributes() {
  return std::span(kGroup).subspan(1);
}

}  // namespace bgplens

#include "bgp/attributes/attribute_table.h"

#include <array>

#include "bgp/names/names.h"

namespace bgplens {
namespace {

// One row per decoded attribute. The treatments are those of RFC 7606 §7 (and RFC 6793 §6 for
// AS4_PATH and AS4_AGGREGATOR).
constexpr AttributeSpec kAttributes[] = {
    {1, decode_attr_origin, kWellKnown, Treatment::TreatAsWithdraw},
    {2, decode_attr_as_path, kWellKnown, Treatment::TreatAsWithdraw},
    {3, decode_attr_next_hop, kWellKnown, Treatment::TreatAsWithdraw},
    {4, decode_attr_u32, kOptionalNonTransitive, Treatment::TreatAsWithdraw},
    {5, decode_attr_u32, kWellKnown, Treatment::TreatAsWithdraw},
    {6, decode_attr_atomic_aggregate, kWellKnown, Treatment::AttributeDiscard},
    {7, decode_attr_aggregator, kOptionalTransitive, Treatment::AttributeDiscard},
    {8, decode_attr_communities, kOptionalTransitive, Treatment::TreatAsWithdraw},
    {14, decode_attr_mp_reach, kOptionalNonTransitive, Treatment::SessionReset},
    {15, decode_attr_mp_unreach, kOptionalNonTransitive, Treatment::SessionReset},
    {17, decode_attr_as_path, kOptionalTransitive, Treatment::AttributeDiscard},
    {18, decode_attr_aggregator, kOptionalTransitive, Treatment::AttributeDiscard},
};

}  // namespace

std::span<const AttributeSpec> core_attributes() {
  return kAttributes;
}

const AttributeSpec* find_attribute(std::uint8_t code) {
  // One slot per type code, filled once from every group.
  static const std::array<const AttributeSpec*, 256> table = [] {
    std::array<const AttributeSpec*, 256> t{};
    for (auto group :
         {core_attributes(), route_attributes(), community_attributes(), service_attributes()}) {
      for (const AttributeSpec& s : group)
        t[s.code] = &s;
    }
    return t;
  }();
  return table[code];
}

Treatment attribute_treatment(std::uint8_t code) {
  const AttributeSpec* spec = find_attribute(code);
  return spec ? spec->on_error : Treatment::AttributeDiscard;
}

void attr_length_error(Walk& w, const AttributeView& a, const std::string& expected) {
  w.error(a.value_offset, a.value_length,
          std::string(names::path_attribute(a.code)) + " length " + std::to_string(a.value_length) +
              " is not " + expected + " (NOTIFICATION 3/5 Attribute Length Error)",
          attribute_treatment(a.code));
}

}  // namespace bgplens

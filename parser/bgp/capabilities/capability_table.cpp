#include "bgp/capabilities/capability_table.h"

#include <array>

#include "bgp/names/names.h"

namespace bgplens {
namespace {

constexpr CapabilitySpec kCapabilities[] = {
    {1, decode_cap_multiprotocol},      // RFC 4760 §8
    {2, decode_cap_empty},              // RFC 2918 §2
    {6, decode_cap_empty},              // RFC 8654 §3
    {64, decode_cap_graceful_restart},  // RFC 4724 §3
    {65, decode_cap_four_octet_as},     // RFC 6793 §3
    {69, decode_cap_add_path},          // RFC 7911 §4
    {70, decode_cap_empty},             // RFC 7313 §3.1
    {128, decode_cap_empty},            // pre-standard route refresh, RFC 8810
};

}  // namespace

std::span<const CapabilitySpec> core_capabilities() {
  return kCapabilities;
}

const CapabilitySpec* find_capability(std::uint8_t code) {
  // One slot per code, filled once from every group.
  static const std::array<const CapabilitySpec*, 256> table = [] {
    std::array<const CapabilitySpec*, 256> t{};
    for (auto group : {core_capabilities(), more_capabilities()}) {
      for (const CapabilitySpec& s : group)
        t[s.code] = &s;
    }
    return t;
  }();
  return table[code];
}

Family afi_safi_leaves(Walk& w, std::uint32_t afi_offset, std::uint32_t safi_offset,
                       FieldId afi_field, FieldId safi_field) {
  const Family f{w.u16(afi_offset), w.u8(safi_offset)};
  w.leaf(afi_field, afi_offset, 2, [&] { return names::with_number(names::afi(f.afi), f.afi); });
  w.leaf(safi_field, safi_offset, 1,
         [&] { return names::with_number(names::safi(f.safi), f.safi); });
  return f;
}

void cap_length_error(Walk& w, const CapabilityView& cap, const std::string& expected) {
  w.error(cap.value_offset, cap.value_length,
          std::string(names::capability(cap.code)) + " capability length " +
              std::to_string(cap.value_length) + " is not " + expected +
              " (RFC 5492: NOTIFICATION 2/0 or ignore the capability)");
}

}  // namespace bgplens

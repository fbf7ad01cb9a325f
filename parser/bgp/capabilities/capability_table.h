// Capability decoders, dispatched by code (RFC 5492). One file per capability family.
#pragma once

#include <cstdint>
#include <span>

#include "bgp/walk.h"

namespace bgplens {

struct CapabilityView {
  std::uint8_t code = 0;
  std::uint32_t offset = 0;  // of the code byte
  std::uint32_t value_offset = 0;
  std::uint32_t value_length = 0;
  std::uint32_t node = 0;  // the capability's tree node, for its value text
};

using CapabilityDecoder = void (*)(Walk&, const CapabilityView&, OpenValues&);

struct CapabilitySpec {
  std::uint8_t code;
  CapabilityDecoder decode;
};

// nullptr for codes whose value is shown raw.
const CapabilitySpec* find_capability(std::uint8_t code);

// The registration groups, one per file family; find_capability() looks through all of them.
std::span<const CapabilitySpec> core_capabilities();  // capability_table.cpp
std::span<const CapabilitySpec> more_capabilities();  // capability_group_more.cpp

// Decoders (capabilities/*.cpp).
void decode_cap_multiprotocol(Walk&, const CapabilityView&, OpenValues&);
void decode_cap_empty(Walk&, const CapabilityView&, OpenValues&);
void decode_cap_graceful_restart(Walk&, const CapabilityView&, OpenValues&);
void decode_cap_four_octet_as(Walk&, const CapabilityView&, OpenValues&);
void decode_cap_add_path(Walk&, const CapabilityView&, OpenValues&);

// Shared: an AFI/SAFI pair at `offset` (2 + 1 octets), as leaf nodes. Returns the family.
Family afi_safi_leaves(Walk& w, std::uint32_t afi_offset, std::uint32_t safi_offset,
                       FieldId afi_field, FieldId safi_field);
// Reports a value whose length does not fit the capability's layout.
void cap_length_error(Walk& w, const CapabilityView& cap, const std::string& expected);

}  // namespace bgplens

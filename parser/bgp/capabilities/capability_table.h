// Capability decoders, dispatched by code (RFC 5492). One file per capability family.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

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
// The group of capability_group_more.cpp, one file per capability family.
void decode_cap_orf(Walk&, const CapabilityView&, OpenValues&);                // 3, 130
void decode_cap_extended_next_hop(Walk&, const CapabilityView&, OpenValues&);  // 5
void decode_cap_bgpsec(Walk&, const CapabilityView&, OpenValues&);             // 7
void decode_cap_multiple_labels(Walk&, const CapabilityView&, OpenValues&);    // 8
void decode_cap_role(Walk&, const CapabilityView&, OpenValues&);               // 9
void decode_cap_dynamic(Walk&, const CapabilityView&, OpenValues&);            // 67
void decode_cap_multisession(Walk&, const CapabilityView&, OpenValues&);       // 68
void decode_cap_llgr(Walk&, const CapabilityView&, OpenValues&);               // 71
void decode_cap_fqdn(Walk&, const CapabilityView&, OpenValues&);               // 73, 184
void decode_cap_bfd(Walk&, const CapabilityView&, OpenValues&);                // 74
void decode_cap_software_version(Walk&, const CapabilityView&, OpenValues&);   // 75
void decode_cap_paths_limit(Walk&, const CapabilityView&, OpenValues&);        // 76
// Codes whose layout is not published (131, 185): the value raw, with a note saying so.
void decode_cap_unpublished(Walk&, const CapabilityView&, OpenValues&);

// Shared: an AFI/SAFI pair at `offset` (2 + 1 octets), as leaf nodes. Returns the family.
Family afi_safi_leaves(Walk& w, std::uint32_t afi_offset, std::uint32_t safi_offset,
                       FieldId afi_field, FieldId safi_field);
// Reports a value whose length does not fit the capability's layout.
void cap_length_error(Walk& w, const CapabilityView& cap, const std::string& expected);

// "Address Prefix ORF" for ORF type 64 (RFC 5292 §2); empty when unassigned (cap_orf.cpp).
std::string_view orf_type_name(std::uint8_t type);
// Text for a value string: control characters escaped, and every byte from 0x80 up escaped as
// well unless the bytes are valid UTF-8 (cap_text.cpp). `valid` receives the check's result.
std::string utf8_text(Bytes bytes, bool* valid = nullptr);
bool is_valid_utf8(Bytes bytes);

}  // namespace bgplens

// Path attribute decoders, dispatched by type code (RFC 4271 §4.3). One file per attribute or
// per group of attributes sharing one layout.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "bgp/names/names.h"
#include "bgp/update_state.h"
#include "bgp/walk.h"

namespace bgplens {

struct AttributeView {
  std::uint8_t flags = 0;
  std::uint8_t code = 0;
  std::uint32_t offset = 0;  // of the flags byte
  std::uint32_t value_offset = 0;
  std::uint32_t value_length = 0;
  std::uint32_t node = 0;  // the attribute's tree node, for its value text
};

using AttributeDecoder = void (*)(Walk&, const AttributeView&, UpdateState&);

struct AttributeSpec {
  std::uint8_t code;
  AttributeDecoder decode;
  std::uint8_t required_flags;  // Optional and Transitive bits as the RFC defines them
  Treatment on_error;           // RFC 7606 §7 handling of a malformed instance
};

// nullptr for codes shown as raw values.
const AttributeSpec* find_attribute(std::uint8_t code);

// The registration groups, one per file family; find_attribute() looks through all of them.
std::span<const AttributeSpec> core_attributes();   // attribute_table.cpp: 1–8, 14, 15, 17, 18
std::span<const AttributeSpec> route_attributes();  // attr_group_route.cpp
std::span<const AttributeSpec> community_attributes();  // attr_group_communities.cpp
std::span<const AttributeSpec> service_attributes();    // attr_group_service.cpp

// Flags bits as RFC 4271 §4.3 and the attributes' RFCs require them.
inline constexpr std::uint8_t kWellKnown = 0x40;           // Optional 0, Transitive 1
inline constexpr std::uint8_t kOptionalTransitive = 0xC0;  // Optional 1, Transitive 1
inline constexpr std::uint8_t kOptionalNonTransitive = 0x80;

// Decoders (attributes/*.cpp).
void decode_attr_origin(Walk&, const AttributeView&, UpdateState&);
void decode_attr_as_path(Walk&, const AttributeView&, UpdateState&);
void decode_attr_next_hop(Walk&, const AttributeView&, UpdateState&);
void decode_attr_u32(Walk&, const AttributeView&, UpdateState&);  // MED, LOCAL_PREF
void decode_attr_atomic_aggregate(Walk&, const AttributeView&, UpdateState&);
void decode_attr_aggregator(Walk&, const AttributeView&, UpdateState&);
void decode_attr_communities(Walk&, const AttributeView&, UpdateState&);
void decode_attr_mp_reach(Walk&, const AttributeView&, UpdateState&);
void decode_attr_mp_unreach(Walk&, const AttributeView&, UpdateState&);

// "ORIGIN length 2 is not 1" with the attribute's RFC 7606 treatment.
void attr_length_error(Walk& w, const AttributeView& a, const std::string& expected);
// Sets the attribute node's value to "NAME: summary". `summary` is a string or a callable
// returning one, called only when a tree is built.
template <class Summary>
void attr_summary(Walk& w, const AttributeView& a, Summary&& summary) {
  if (!w.has_tree()) return;
  const std::string_view name = names::path_attribute(a.code);
  std::string v = name.empty() ? names::with_number(name, a.code) : std::string(name);
  v += ": ";
  if constexpr (std::is_invocable_v<Summary>) {
    v += summary();
  } else {
    v += summary;
  }
  w.set_value(a.node, v);
}
Treatment attribute_treatment(std::uint8_t code);

// Whether an AS_PATH value reads as a well-formed segment list with `width`-octet ASNs.
bool as_path_well_formed(Bytes value, unsigned width);
// RFC 6793 heuristics for a session whose OPENs are not in the capture.
void decide_as4_by_heuristic(Walk& w, std::uint32_t attrs_begin, std::uint32_t attrs_end,
                             UpdateState& state);

}  // namespace bgplens

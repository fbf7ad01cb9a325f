// NLRI decoders, dispatched by address family (AFI/SAFI) through one table. One file per
// family of encodings.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "bgp/update_state.h"
#include "bgp/walk.h"

namespace bgplens {

struct NlriBlock {
  Family family;
  NlriAction action = NlriAction::Announce;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  Treatment on_error = Treatment::SessionReset;  // RFC 7606 §5.3 for this field
};

using NlriDecoder = void (*)(Walk&, const NlriBlock&, UpdateState&);

struct FamilySpec {
  Family family;
  std::string_view name;  // command-line name, e.g. "ipv4-unicast"
  NlriDecoder decode;
};

const FamilySpec* find_family(Family f);
const FamilySpec* find_family(std::string_view name);
// "1/1", "2/128" or a registered name such as "ipv4-unicast"; nullopt when it names none.
std::optional<Family> parse_family(std::string_view text);
// The registered name of `f`, or "afi/safi".
std::string family_name(Family f);

// The registration groups, one per file family; find_family() looks through all of them.
std::span<const FamilySpec> prefix_families();    // family_table.cpp: IPv4/IPv6 unicast, multicast
std::span<const FamilySpec> labeled_families();   // family_group_labeled.cpp: labeled, VPN, RTC,
                                                  // VPLS, MCAST-VPN, SR Policy, MUP
std::span<const FamilySpec> flowspec_families();  // family_group_flowspec.cpp
std::span<const FamilySpec> evpn_families();      // family_group_evpn.cpp
std::span<const FamilySpec> bgpls_families();     // family_group_bgpls.cpp

// Decodes one NLRI field (withdrawn routes, NLRI, or the NLRI of MP_REACH/MP_UNREACH).
void decode_nlri_block(Walk& w, const NlriBlock& block, UpdateState& state);

// Decoders (nlri/*.cpp).
void decode_prefix_nlri(Walk&, const NlriBlock&, UpdateState&);  // RFC 4271 §4.3, RFC 4760

}  // namespace bgplens

// The pieces of the Flow Specification NLRI walk (RFC 8955 §4, RFC 8956 §3,
// draft-ietf-idr-flowspec-l2vpn-12 §3) shared by flowspec_nlri.cpp (the NLRI list),
// flowspec_components.cpp (the component table and walk), flowspec_prefix.cpp (prefix and MAC
// components) and flowspec_operators.cpp ({operator, value} lists).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bgp/nlri/family_table.h"

namespace bgplens {

// Flow Specification for IPv4, IPv6, their VPN forms and L2VPN (AFI 1/2/25, SAFI 133/134):
// flowspec_nlri.cpp.
void decode_flowspec_nlri(Walk& w, const NlriBlock& block, UpdateState& state);

namespace flowspec {

// Which component types a family defines: RFC 8955 §4.2.2 (IPv4), RFC 8956 §3 (IPv6),
// draft-ietf-idr-flowspec-l2vpn-12 §3 (L2VPN).
enum class Space : std::uint8_t { Ipv4, Ipv6, L2vpn };

Space space_of(Family f);

enum class Encoding : std::uint8_t {
  Prefix,   // length, (IPv6) offset, prefix or pattern octets
  Numeric,  // {numeric_op, value}+ (RFC 8955 §4.2.1.1)
  Bitmask,  // {bitmask_op, bitmask}+ (RFC 8955 §4.2.1.2)
  Mac,      // length octet, MAC address (draft-ietf-idr-flowspec-l2vpn-12 §3)
};

// How a component's values read as text.
enum class Style : std::uint8_t { Decimal, Hex, Protocol, EtherType, TcpFlags, Fragment };

struct ComponentSpec {
  std::uint8_t type = 0;
  std::string_view keyword;  // in the NLRI's text: "dst-port"
  std::string_view name;     // in the tree: "Destination Port"
  Encoding encoding = Encoding::Numeric;
  Style style = Style::Decimal;
  std::string_view rfc;  // where the component is defined
};

// nullptr when `space` defines no component of this type.
const ComponentSpec* component_spec(Space space, std::uint8_t type);

// How prefix components are laid out on the wire. Rfc is what RFC 8955 §4.2.2.1 and RFC 8956
// §3.1 say; the others are encodings seen from implementations. They are tried only when an
// NLRI does not parse the RFC's way, and a match is reported as an error.
enum class PrefixLayout : std::uint8_t {
  Rfc,
  // IPv6 with an offset: ceil(length / 8) octets from address bit 0, unshifted (GoBGP 3.10;
  // tshark 4.0 reads it so).
  WholePrefix,
  // IPv6 with an offset: address octets floor(offset / 8) to ceil(length / 8) - 1, unshifted
  // (BIRD 2.0).
  AddressOctets,
  // A 4-octet ADD-PATH path identifier inside each prefix component: IPv4 type, path id,
  // length, prefix; IPv6 type, path id octet 1, offset, path id octets 2-4, length, whole
  // prefix (GoBGP 3.10 with ADD-PATH negotiated for unicast).
  PathIdInside,
};

// One component as framed from its bytes: its size, or 0 when it cannot be framed (unknown
// type, too short); `valid` is false when it frames but breaks a rule of its encoding.
struct Framing {
  std::size_t size = 0;
  bool valid = false;
};

// Frames the component whose type octet starts `data` (which ends where the NLRI ends).
Framing frame_component(Bytes data, Space space, PrefixLayout layout);

// Whether `data` (an NLRI's components) reads as valid components of `space`, in strictly
// increasing type order, ending exactly at its end.
bool components_fit(Bytes data, Space space, PrefixLayout layout);

// The layout under which `data` fits: Rfc if it does, otherwise the first other layout that
// applies to `space` and fits; Rfc again when none does.
PrefixLayout choose_layout(Bytes data, Space space, bool* fits = nullptr);

// Walks the components in [from, to): component nodes, problems (errors with `on_error`),
// and, when a tree or item list is wanted, the rule as text ("dst 10.0.0.0/24 proto =6").
// `malformed` is set when any error was found.
std::string decode_components(Walk& w, std::uint32_t from, std::uint32_t to, Space space,
                              PrefixLayout layout, Treatment on_error, bool& malformed);

// A component's body after its type octet, decoded by flowspec_prefix.cpp or
// flowspec_operators.cpp. `at` is the type octet, `to` the end of the NLRI.
struct ComponentContext {
  Walk& w;
  std::uint32_t at;
  std::uint32_t to;
  Space space;
  PrefixLayout layout;
  Treatment on_error;
  bool want_text;
  bool& malformed;
};
// The size of the whole component (type octet included) and the text of its value; size 0
// when it cannot be framed, after the error is reported.
struct ComponentBody {
  std::size_t size = 0;
  std::string text;
};
ComponentBody decode_prefix_component(const ComponentContext& c, const ComponentSpec& spec);
ComponentBody decode_mac_component(const ComponentContext& c, const ComponentSpec& spec);
ComponentBody decode_operator_component(const ComponentContext& c, const ComponentSpec& spec);

// Framing of the encodings; `data` starts after the type octet, sizes do not count it.
Framing frame_prefix(Bytes data, Space space, PrefixLayout layout);
Framing frame_mac(Bytes data);
Framing frame_operator_list(Bytes data, const ComponentSpec& spec, Space space);

}  // namespace flowspec
}  // namespace bgplens

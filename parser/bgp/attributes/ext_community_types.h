// Extended communities (RFC 4360) and IPv6 Address Specific Extended Communities (RFC 5701):
// the dispatch table by type and sub-type, and the helpers the value decoders share.
//
// Every extended community is 8 octets: a Type octet, a Sub-Type octet and 6 value octets
// (RFC 4360 §2 also allows one-octet "regular" types with 7 value octets; only the old QoS and
// CoS drafts ever used them). Each type family has its own IANA sub-type registry (RFC 7153),
// so the value layout is found by the (type, sub-type) pair. Value decoders live in one file per
// family: ext_community_route_target.cpp (address-specific types 0x00-0x02, 0x40-0x42),
// ext_community_opaque.cpp (0x03, 0x43), ext_community_evpn.cpp (0x06),
// ext_community_flowspec.cpp (flow-spec actions and the other generic types),
// ext_community_ipv6.cpp (attribute 25).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "bgp/attributes/attribute_table.h"
#include "bgp/walk.h"

namespace bgplens::extcomm {

// One community being decoded: the offset of its Type octet and its first two octets.
struct Community {
  std::uint32_t at = 0;
  std::uint8_t type = 0;
  std::uint8_t sub_type = 0;
  std::uint32_t value() const { return at + 2; }  // the value octets follow the Sub-Type
};

struct SubTypeSpec;
// Adds the nodes of the value octets and returns the community's text ("target:65000:100").
// Called only while a tree is built.
using ValueDecoder = std::string (*)(Walk&, const Community&, const SubTypeSpec&);

// One row of an IANA sub-type registry that the decoder knows.
struct SubTypeSpec {
  std::uint8_t type;
  std::uint8_t sub_type;
  std::string_view name;  // IANA's name, shown on the Sub-Type node
  std::string_view tag;   // text prefix, e.g. "target" (ExaBGP's word where it has one)
  ValueDecoder decode;
};

// The rows of each family (one function per file).
std::span<const SubTypeSpec> address_specific_sub_types();  // ext_community_route_target.cpp
std::span<const SubTypeSpec> opaque_sub_types();            // ext_community_opaque.cpp
std::span<const SubTypeSpec> evpn_sub_types();              // ext_community_evpn.cpp
std::span<const SubTypeSpec> flowspec_sub_types();          // ext_community_flowspec.cpp
std::span<const SubTypeSpec> ipv6_sub_types();              // ext_community_ipv6.cpp

// The known row for an 8-octet community's type and sub-type, or nullptr.
const SubTypeSpec* find_sub_type(std::uint8_t type, std::uint8_t sub_type);
// IANA's name of an 8-octet community type ("Transitive Opaque"), empty when unassigned.
std::string_view type_name(std::uint8_t type);

// Decodes the 8-octet community at `at` (its node and children) and returns its text.
std::string decode_community(Walk& w, std::uint32_t at);
// Decodes the 20-octet IPv6 Address Specific community at `at` and returns its text.
std::string decode_ipv6_community(Walk& w, std::uint32_t at);

// --- Helpers shared by the value decoders --------------------------------------------------------

// The Type node with its I and T flag bits, then the Sub-Type node named `sub_type_name`.
void type_nodes(Walk& w, const Community& c, std::string_view type_text,
                std::string_view sub_type_name);
// "0x02 (Route Target)" or "0x02" when unnamed.
std::string numbered(std::uint64_t value, int hex_digits, std::string_view name);
// An IEEE 754 single-precision value at `p` (big-endian), RFC 8955 §7.1.
float read_float(const std::uint8_t* p);
// "9600", "0.5", "1.25e+10": integral values without a fraction, others in %g form.
std::string float_text(float value);
// "125000 bytes/s (1 Mbit/s)"-style rate text; `unit` is "bytes/s" or "packets/s".
std::string rate_text(float value, std::string_view unit);
// "aa:bb:cc:dd:ee:ff".
std::string mac_text(const std::uint8_t* p);
// A Reserved leaf over `length` octets ("0" when all zero, else their hex).
void reserved_leaf(Walk& w, std::uint32_t offset, std::uint32_t length);
// The 6 value octets as one raw leaf; returns "unknown:0xTTSS:<12 hex digits>".
std::string raw_value(Walk& w, const Community& c, std::string_view tag);

// The address-specific layouts of RFC 4360 §3 and RFC 5668 (route_target.cpp); also used for
// unassigned sub-types of these types and for flow-spec redirects of the same layout.
std::string as2_specific(Walk& w, const Community& c, const SubTypeSpec& s);
std::string ipv4_specific(Walk& w, const Community& c, const SubTypeSpec& s);
std::string as4_specific(Walk& w, const Community& c, const SubTypeSpec& s);
// The OSPF Route Type layout (RFC 4577 §4.2.6), shared by 0x0306 and the deprecated 0x8000.
std::string ospf_route_type(Walk& w, const Community& c, const SubTypeSpec& s);

}  // namespace bgplens::extcomm

namespace bgplens {
// The attribute decoders (ext_community_attribute.cpp), registered in attr_group_communities.cpp.
void decode_attr_ext_communities(Walk&, const AttributeView&, UpdateState&);
void decode_attr_ipv6_ext_communities(Walk&, const AttributeView&, UpdateState&);
}  // namespace bgplens

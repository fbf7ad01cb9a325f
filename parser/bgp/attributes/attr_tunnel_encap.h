// Tunnel Encapsulation attribute (type 23, optional transitive), RFC 9012. Split by
// responsibility: attr_tunnel_encap.cpp walks the Tunnel TLVs and their sub-TLVs and applies
// RFC 9012 §13's error handling; attr_tunnel_encap_subtlvs.cpp decodes the sub-TLVs of RFC 9012
// §3; attr_tunnel_encap_sr_policy.cpp decodes the SR Policy sub-TLVs of RFC 9830 (segment
// lists and their segments included).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "bgp/attributes/attribute_table.h"

namespace bgplens {

void decode_attr_tunnel_encap(Walk& w, const AttributeView& a, UpdateState& state);

namespace tunnel {

// One sub-TLV being decoded (RFC 9012 §2): its tunnel's type, its own type, where its value
// starts and how long the value is.
struct SubTlv {
  std::uint16_t tunnel_type = 0;
  std::uint8_t type = 0;
  std::uint32_t value = 0;
  std::uint32_t length = 0;
};

// What a sub-TLV decoder found: its text (tree only) and whether its content was valid. An
// invalid sub-TLV makes its Tunnel TLV malformed, so the TLV is disregarded (RFC 9012 §13).
struct SubTlvResult {
  std::string text;
  bool valid = true;
};

// IANA "BGP Tunnel Encapsulation Attribute Tunnel Types" / "... Sub-TLVs"; empty when unknown.
std::string_view tunnel_type_name(std::uint16_t type);
std::string_view sub_tlv_name(std::uint8_t type);

// Decoders of the sub-TLV types each file knows; false when `s.type` is not one of them.
bool decode_rfc9012_sub_tlv(Walk& w, const SubTlv& s, SubTlvResult& r);    // subtlvs.cpp
bool decode_sr_policy_sub_tlv(Walk& w, const SubTlv& s, SubTlvResult& r);  // sr_policy.cpp

// --- Helpers shared by the sub-TLV decoders ------------------------------------------------------

// Records why the sub-TLV's content is invalid (a warning over [at, at + length): the Tunnel TLV
// is disregarded, not the attribute) and marks `r` invalid.
void invalid(Walk& w, std::uint32_t at, std::uint32_t length, const std::string& why,
             SubTlvResult& r);
// The sub-TLV's value as one raw leaf (nothing when empty).
void raw_value(Walk& w, std::uint32_t at, std::uint32_t length);
// A Reserved leaf over `length` octets.
void reserved_leaf(Walk& w, std::uint32_t at, std::uint32_t length);
// A 4-octet MPLS label stack entry (RFC 3032 §2.1) with its label, TC, S and TTL; returns its
// label as text (tree only).
std::string label_entry(Walk& w, std::uint32_t at);
// A flags octet with one leaf per named bit. `bits` lists {mask, name} pairs.
struct FlagBit {
  std::uint8_t mask;
  std::string_view name;
};
void flag_leaves(Walk& w, std::uint32_t at, std::initializer_list<FlagBit> bits);

}  // namespace tunnel
}  // namespace bgplens

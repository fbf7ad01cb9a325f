// Builders for the BGP-LS tests: TLVs with a 2-octet type and length (RFC 9552 §5.1), NLRI
// (§5.2), and an UPDATE whose first attribute is the BGP-LS Attribute.
//
// ls_update(attr, nlri): BGP-LS Attribute at 23 (flags 23, code 24, length 25, value from 26
// while it has at most 255 octets), then MP_REACH_NLRI (AFI 16388 SAFI 71, next hop 192.0.2.1),
// ORIGIN and an empty AS_PATH.
#pragma once

#include <cstdint>
#include <initializer_list>

#include "bgp/family.h"
#include "gen/message_builder.h"

namespace bgplens::test::ls {

using gen::ByteVector;

inline constexpr Family kLs{afi::kBgpLs, 71};
inline constexpr Family kLsVpn{afi::kBgpLs, 72};
inline constexpr std::uint32_t kAttrValue = 26;

inline ByteVector cat(std::initializer_list<ByteVector> parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

inline ByteVector be16(std::uint16_t v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

inline ByteVector be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

inline ByteVector tlv(std::uint16_t type, const ByteVector& value) {
  return cat({be16(type), be16(static_cast<std::uint16_t>(value.size())), value});
}

// Protocol-ID and Identifier.
inline ByteVector head(std::uint8_t protocol, std::uint64_t identifier) {
  ByteVector out{protocol};
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<std::uint8_t>(identifier >> shift));
  return out;
}

inline ByteVector nlri(std::uint16_t type, const ByteVector& body) {
  return cat({be16(type), be16(static_cast<std::uint16_t>(body.size())), body});
}

inline ByteVector ls_update(const ByteVector& attr_value, const ByteVector& nlri_field,
                            std::uint8_t attr_flags = 0x80) {
  const ByteVector reach = cat({{0x40, 0x04, 71, 4, 192, 0, 2, 1, 0}, nlri_field});
  return gen::update({{},
                      {gen::attribute(attr_flags, 29, attr_value), gen::attribute(0x80, 14, reach),
                       gen::origin(0), gen::as_path({}, false)},
                      {}});
}

// A Node NLRI of IS-IS Level 2 for System-ID 0000.0000.00<n>.
inline ByteVector isis_node(std::uint8_t n) {
  return nlri(1, cat({head(2, 0), tlv(256, tlv(515, {0, 0, 0, 0, 0, n}))}));
}

}  // namespace bgplens::test::ls

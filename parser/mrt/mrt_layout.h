// Where things are inside MRT records, for the index (which reads only what it must) and the
// decoders alike.
#pragma once

#include <cstdint>
#include <optional>

#include "bgp/family.h"
#include "mrt/mrt_format.h"
#include "mrt/mrt_record.h"
#include "util/bytes.h"

namespace bgplens::mrt {

// The octets of the single NLRI of a RIB_GENERIC record (RFC 6396 §4.3.3) at the start of
// `nlri`: most families start with a length in bits (RFC 4760 §5, RFC 8277, RFC 4364); EVPN
// and its kin with a route type and a length in octets (RFC 7432 §7); FlowSpec with a 1- or
// 2-octet length (RFC 8955 §4.1). May exceed nlri.size() when the record is cut short.
std::uint32_t generic_nlri_length(Bytes nlri, Family f);

// RFC 6396 §4.3.4, RFC 8050 §4: peer index, originated time, path identifier (ADD-PATH
// subtypes), attribute length.
inline std::uint32_t rib_entry_head(std::uint16_t subtype) {
  return td2_add_path(subtype) ? 12 : 8;
}

// A TABLE_DUMP_V2 RIB record's entries: where the first starts (record offset) and how many
// the record declares. Nothing when the record ends before its entry count.
struct RibLayout {
  std::uint32_t first_entry = 0;
  std::uint16_t count = 0;
};
std::optional<RibLayout> rib_layout(Bytes record, const RecordHeader& h);

// RFC 6396 §4.2: a TABLE_DUMP entry's fixed part (prefix to attribute length); the view and
// sequence numbers come before the first entry.
inline std::uint32_t td1_entry_fixed(std::uint16_t subtype) {
  const std::uint32_t a = subtype == td1::kAfiIpv6 ? 16 : 4;
  return a + 1 + 1 + 4 + a + 2 + 2;
}

// Old Zebra wrote STATE_CHANGE as peer AS, local AS, old state, new state (8 octets) and some
// MESSAGE records with only the two 2-octet AS numbers before the BGP message: no interface
// index, family or addresses (RFC 6396 §4.4.1–4.4.2 has them). `body` is the BGP4MP body; the
// short forms are told apart by their length and by where the BGP marker is.
bool bgp4mp_zebra_short(Bytes body, std::uint16_t subtype);

}  // namespace bgplens::mrt

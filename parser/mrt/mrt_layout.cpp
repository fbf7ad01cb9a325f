#include "mrt/mrt_layout.h"

#include "bgp/message_decoder.h"

namespace bgplens::mrt {

std::uint32_t generic_nlri_length(Bytes nlri, Family f) {
  if (nlri.empty()) return 1;
  switch (f.safi) {
    case 5:   // MCAST-VPN (RFC 6514 §4)
    case 70:  // EVPN (RFC 7432 §7)
    case 71:  // BGP-LS (RFC 9552 §5.2): a 2-octet type and a 2-octet length
    case 72:  // BGP-LS VPN
    case 85:  // MUP (draft-mpmz-bess-mup-safi): architecture type, route type, length
      if (f.safi == 71 || f.safi == 72)
        return nlri.size() >= 4 ? 4u + load_be16(nlri.data() + 2) : 4;
      if (f.safi == 85) return nlri.size() >= 4 ? 4u + nlri[3] : 4;
      return nlri.size() >= 2 ? 2u + nlri[1] : 2;
    case 133:  // FlowSpec (RFC 8955 §4.1): lengths from 240 take two octets
    case 134:
      if (nlri[0] >= 0xF0) {
        return nlri.size() >= 2 ? 2u + (((nlri[0] & 0x0Fu) << 8) | nlri[1]) : 2;
      }
      return 1u + nlri[0];
    default:
      return 1u + (nlri[0] + 7u) / 8u;
  }
}

std::optional<RibLayout> rib_layout(Bytes record, const RecordHeader& h) {
  std::uint64_t at = h.header_length() + 4;  // the sequence number
  if (td2_generic(h.subtype)) {
    if (at + 3 > record.size()) return std::nullopt;
    const Family f{load_be16(record.data() + at), record[at + 2]};
    at += 3;
    at += generic_nlri_length(record.subspan(std::min<std::uint64_t>(at, record.size())), f);
  } else {
    if (at + 1 > record.size()) return std::nullopt;
    at += 1 + (record[at] + 7u) / 8u;
  }
  if (at + 2 > record.size()) return std::nullopt;
  return RibLayout{static_cast<std::uint32_t>(at + 2), load_be16(record.data() + at)};
}

bool bgp4mp_zebra_short(Bytes body, std::uint16_t subtype) {
  if (bgp4mp_as4(subtype)) return false;
  if (bgp4mp_is_state_change(subtype)) return body.size() == 8;
  // A marker after the two AS numbers, and none where the full form's message would start
  // (after the interface index, family and two IPv4 addresses).
  return body.size() >= 4 + 19 && is_marker(body.data() + 4) &&
         !(body.size() >= 16 + 19 && is_marker(body.data() + 16));
}

}  // namespace bgplens::mrt

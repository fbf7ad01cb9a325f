// Ethernet Segment Identifiers (RFC 7432 §5): a type octet and nine octets whose layout the
// type gives.
#include "bgp/names/names.h"
#include "bgp/nlri/evpn_route.h"
#include "util/text.h"

namespace bgplens::evpn {
namespace {

std::string_view esi_type_name(std::uint8_t type) {
  switch (type) {
    case 0:
      return "arbitrary";
    case 1:
      return "LACP";
    case 2:
      return "MSTP root bridge";
    case 3:
      return "MAC-based";
    case 4:
      return "router ID";
    case 5:
      return "AS-based";
  }
  return {};
}

bool all_equal(const std::uint8_t* p, std::size_t n, std::uint8_t value) {
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] != value) return false;
  }
  return true;
}

std::string mac(const std::uint8_t* p) {
  return colon_hex(Bytes(p, 6));
}

}  // namespace

std::string esi_text(const std::uint8_t* esi) {
  if (all_equal(esi, 10, 0)) return "0";
  return colon_hex(Bytes(esi, 10));
}

// RFC 7432 §5: type 0 nine configured octets; 1 LACP system MAC (6) and port key (2); 2 MSTP
// root bridge MAC (6) and priority (2); 3 system MAC (6) and local discriminator (3); 4 router
// ID (4) and local discriminator (4); 5 AS number (4) and local discriminator (4). Types 1, 2,
// 4 and 5 end with a zero octet.
void esi_node(Walk& w, std::uint32_t at) {
  const std::uint8_t* e = w.at(at);
  const std::uint8_t type = e[0];
  const std::uint32_t node = w.open(FieldId::EvpnEsi, at, 10);
  w.set_value(node, [&] {
    if (all_equal(e, 10, 0)) return std::string("0 (single-homed site)");
    std::string s = colon_hex(Bytes(e, 10));
    if (type == 0 && all_equal(e + 1, 9, 0xFF)) return s + " (MAX-ESI, reserved)";
    const std::string_view name = esi_type_name(type);
    if (!name.empty()) s += " (" + std::string(name) + ")";
    return s;
  });
  w.leaf(FieldId::EvpnEsiType, at, 1,
         [&] { return names::with_number(esi_type_name(type), type); });
  switch (type) {
    case 1:
    case 2:
      w.leaf(type == 1 ? FieldId::EvpnEsiSystemMac : FieldId::EvpnEsiRootBridgeMac, at + 1, 6,
             [&] { return mac(e + 1); });
      w.leaf_uint(type == 1 ? FieldId::EvpnEsiPortKey : FieldId::EvpnEsiBridgePriority, at + 7, 2,
                  load_be16(e + 7));
      w.leaf_uint(FieldId::EvpnEsiReserved, at + 9, 1, e[9]);
      break;
    case 3:
      w.leaf(FieldId::EvpnEsiSystemMac, at + 1, 6, [&] { return mac(e + 1); });
      w.leaf_uint(FieldId::EvpnEsiDiscriminator, at + 7, 3, load_be24(e + 7));
      break;
    case 4:
    case 5:
      if (type == 4) {
        w.leaf(FieldId::EvpnEsiRouterId, at + 1, 4, [&] { return text::ipv4(e + 1); });
      } else {
        w.leaf(FieldId::EvpnEsiAs, at + 1, 4, [&] { return text::asn(load_be32(e + 1)); });
      }
      w.leaf_uint(FieldId::EvpnEsiDiscriminator, at + 5, 4, load_be32(e + 5));
      w.leaf_uint(FieldId::EvpnEsiReserved, at + 9, 1, e[9]);
      break;
    default:  // 0, and types no RFC defines
      w.leaf(FieldId::EvpnEsiValue, at + 1, 9, [&] { return text::hex(Bytes(e + 1, 9)); });
      break;
  }
  w.close();
}

}  // namespace bgplens::evpn

#include "bgp/common/route_distinguisher.h"

#include "util/text.h"

namespace bgplens {

std::string rd_text(const std::uint8_t* rd) {
  const std::uint16_t type = load_be16(rd);
  switch (type) {
    case 0:
      return std::to_string(load_be16(rd + 2)) + ":" + std::to_string(load_be32(rd + 4));
    case 1:
      return text::ipv4(rd + 2) + ":" + std::to_string(load_be16(rd + 6));
    case 2:
      return std::to_string(load_be32(rd + 2)) + ":" + std::to_string(load_be16(rd + 6));
  }
  return "type " + std::to_string(type) + ":" + text::hex(Bytes(rd + 2, 6));
}

std::string rd_node(Walk& w, std::uint32_t offset) {
  const std::uint8_t* rd = w.at(offset);
  const std::string value = rd_text(rd);
  const std::uint32_t node = w.open(FieldId::Rd, offset, 8);
  w.set_value(node, value);
  const std::uint16_t type = load_be16(rd);
  w.leaf_uint(FieldId::RdType, offset, 2, type);
  switch (type) {
    case 0:
      w.leaf(FieldId::RdAdministrator, offset + 2, 2,
             [&] { return "AS " + std::to_string(load_be16(rd + 2)); });
      w.leaf_uint(FieldId::RdAssigned, offset + 4, 4, load_be32(rd + 4));
      break;
    case 1:
      w.leaf(FieldId::RdAdministrator, offset + 2, 4, [&] { return text::ipv4(rd + 2); });
      w.leaf_uint(FieldId::RdAssigned, offset + 6, 2, load_be16(rd + 6));
      break;
    case 2:
      w.leaf(FieldId::RdAdministrator, offset + 2, 4,
             [&] { return "AS " + std::to_string(load_be32(rd + 2)); });
      w.leaf_uint(FieldId::RdAssigned, offset + 6, 2, load_be16(rd + 6));
      break;
    default:
      w.warning(offset, 2,
                "Route Distinguisher type " + std::to_string(type) +
                    " is not defined (RFC 4364 §4.2 defines 0, 1, 2)");
      break;
  }
  w.close();
  return value;
}

}  // namespace bgplens

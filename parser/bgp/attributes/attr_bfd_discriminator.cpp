// BFD Discriminator, the BGP-BFD attribute of RFC 9026.
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {

// RFC 9026: BFD Mode (1 octet; 1 = P2MP BFD session), BFD Discriminator (4 octets), then
// optional TLVs of 1-octet type and 1-octet length; type 1 carries the session's source
// address (4 or 16 octets).
void decode_attr_bfd_discriminator(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length < 5) {
    route_attr_length_error(w, a, "at least 5 (mode and discriminator)", "RFC 9026");
    return;
  }
  const std::uint32_t v = a.value_offset;
  const std::uint8_t mode = w.u8(v);
  const std::uint32_t discriminator = w.u32(v + 1);
  w.leaf(FieldId::BfdMode, v, 1,
         [&] { return names::with_number(mode == 1 ? "P2MP BFD session" : "", mode); });
  w.leaf_uint(FieldId::BfdDiscriminator, v + 1, 4, discriminator);
  std::string source;
  const std::uint32_t end = v + a.value_length;
  for (std::uint32_t p = v + 5; p < end;) {
    const std::uint32_t left = end - p;
    if (left < 2) {
      route_attr_error(w, a, p, left, "BFD TLV header needs 2 bytes, 1 byte left (RFC 9026)");
      break;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint8_t length = w.u8(p + 1);
    const std::uint32_t avail = left - 2;
    const std::uint32_t node =
        w.open(FieldId::BfdTlv, p, 2 + std::min<std::uint32_t>(length, avail));
    w.leaf(FieldId::BfdTlvType, p, 1,
           [&] { return names::with_number(type == 1 ? "Source IP Address" : "", type); });
    w.leaf_uint(FieldId::BfdTlvLength, p + 1, 1, length);
    if (length > avail) {
      route_attr_error(w, a, p + 1, 1,
                       "BFD TLV length " + std::to_string(length) + " exceeds " +
                           bytes_left(avail) + " (RFC 9026)");
      w.close();
      break;
    }
    if (type == 1 && (length == 4 || length == 16)) {
      if (w.has_tree()) source = address_text(w, p + 2, length);
      w.leaf(FieldId::BfdSourceAddress, p + 2, length, source);
      w.set_value(node, [&] { return "Source IP Address " + source; });
    } else {
      if (type == 1) {
        route_attr_error(w, a, p + 1, 1,
                         "Source IP Address TLV length " + std::to_string(length) +
                             " is not 4 or 16 (RFC 9026)");
      }
      if (length > 0) {
        w.leaf(FieldId::BfdTlvValue, p + 2, length,
               [&] { return text::hex_spaced(w.slice(p + 2, length), 48); });
      }
    }
    w.close();
    p += 2 + length;
  }
  attr_summary(w, a, [&] {
    return "mode " + std::to_string(mode) + ", discriminator " + std::to_string(discriminator) +
           (source.empty() ? "" : ", source " + source);
  });
}

}  // namespace bgplens

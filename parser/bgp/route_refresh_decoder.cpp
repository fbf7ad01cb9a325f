#include "bgp/body_decoders.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {

// RFC 2918 §3: AFI, Reserved (a Message Subtype since RFC 7313 §3.2), SAFI; RFC 5291 §4 adds
// ORF entries after them.
void decode_route_refresh(Walk& w, std::uint32_t end) {
  const std::uint16_t afi = w.u16(19);
  const std::uint8_t subtype = w.u8(21);
  const std::uint8_t safi = w.u8(22);
  w.out().refresh_family = Family{afi, safi};
  w.leaf(FieldId::RrAfi, 19, 2, [&] { return names::with_number(names::afi(afi), afi); });
  w.leaf(FieldId::RrSubtype, 21, 1,
         [&] { return names::with_number(names::route_refresh_subtype(subtype), subtype); });
  w.leaf(FieldId::RrSafi, 22, 1, [&] { return names::with_number(names::safi(safi), safi); });
  if (end > 23) {
    w.leaf(FieldId::RrOrf, 23, end - 23,
           [&] { return text::hex_spaced(w.slice(23, end - 23), 48); });
    if (subtype != 0) {
      // RFC 7313 §5: BoRR and EoRR have exactly the 4-byte body.
      const std::string kind = subtype == 1   ? "BoRR"
                               : subtype == 2 ? "EoRR"
                                              : "subtype " + std::to_string(subtype);
      w.error(23, end - 23,
              std::string("this ")
                  .append(kind)
                  .append(" message carries ")
                  .append(text::byte_count(end - 23))
                  .append(" after its 4-byte body, which it must not (RFC 7313 §5: NOTIFICATION "
                          "7/1 Invalid Message Length)"));
    }
  }
}

}  // namespace bgplens

#include "bgp/body_decoders.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {

// RFC 2918 §3: AFI, Reserved (a Message Subtype since RFC 7313 §3.2), SAFI; RFC 5291 §4 adds
// ORF entries after them.
void decode_route_refresh(Walk& w, std::uint32_t end) {
  w.out().refresh_family = Family{w.u16(19), w.u8(22)};
  decode_route_refresh_body(w, 19, end);
}

void decode_route_refresh_body(Walk& w, std::uint32_t begin, std::uint32_t end) {
  const std::uint16_t afi = w.u16(begin);
  const std::uint8_t subtype = w.u8(begin + 2);
  const std::uint8_t safi = w.u8(begin + 3);
  w.leaf(FieldId::RrAfi, begin, 2, [&] { return names::with_number(names::afi(afi), afi); });
  w.leaf(FieldId::RrSubtype, begin + 2, 1,
         [&] { return names::with_number(names::route_refresh_subtype(subtype), subtype); });
  w.leaf(FieldId::RrSafi, begin + 3, 1,
         [&] { return names::with_number(names::safi(safi), safi); });
  const std::uint32_t orf = begin + 4;
  if (end <= orf) return;
  const std::uint32_t node = w.open(FieldId::RrOrf, orf, end - orf);
  w.set_value(node, [&] { return text::hex_spaced(w.slice(orf, end - orf), 48); });
  if (subtype == 0 && end < w.out().declared_length) {
    // ORF entries the capture cut short cannot be held to their lengths.
    w.note(orf, end - orf, "the capture cut the ORF entries short: shown raw");
  } else if (subtype == 0) {
    decode_orf_entries(w, orf, end, afi);
  } else if (subtype == 1 || subtype == 2) {
    // RFC 7313 §5: BoRR and EoRR have exactly the 4-byte body.
    w.error(orf, end - orf,
            std::string("this ")
                .append(subtype == 1 ? "BoRR" : "EoRR")
                .append(" message carries ")
                .append(text::byte_count(end - orf))
                .append(" after its 4-byte body, which it must not (RFC 7313 §5: NOTIFICATION "
                        "7/1 Invalid Message Length)"));
  } else {
    // RFC 7313 §5: a receiver ignores a ROUTE-REFRESH of an unknown subtype, whatever follows.
    w.note(orf, end - orf,
           "unknown Message Subtype: the receiver ignores the message (RFC 7313 §5)");
  }
  w.close();
}

}  // namespace bgplens

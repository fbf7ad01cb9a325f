// NOTIFICATION data that is a single value: a length, a type, a version, an AS number, an
// attribute type code (RFC 4271 §6.1–§6.3).
#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "bgp/notification_data.h"
#include "util/text.h"

namespace bgplens {
namespace {

std::string error_name(const NotificationData& d) {
  return std::to_string(d.code) + "/" + std::to_string(d.subcode) + " " +
         std::string(names::notification_subcode(d.code, d.subcode));
}

// The data has another size than the RFC's layout: a warning, and the raw view stays.
void wrong_size(Walk& w, const NotificationData& d, const char* expected, const char* rule) {
  w.warning(d.begin, d.size(),
            "the data of " + error_name(d) + " should be " + expected + " (" + rule + "), not " +
                text::byte_count(d.size()));
}

bool printable_text(Bytes data) {
  if (data.empty() || !is_valid_utf8(data)) return false;
  for (std::uint8_t c : data) {
    if (c < 0x20 && c != '\n' && c != '\t') return false;
  }
  return true;
}

}  // namespace

// RFC 4271 §6.1: "the Data field contains the erroneous Length field".
void decode_bad_message_length(Walk& w, const NotificationData& d) {
  if (d.size() != 2) return wrong_size(w, d, "the 2-octet Length field", "RFC 4271 §6.1");
  w.leaf_uint(FieldId::NotifBadLength, d.begin, 2, w.u16(d.begin));
}

// RFC 4271 §6.1: "the Data field contains the erroneous Type field".
void decode_bad_message_type(Walk& w, const NotificationData& d) {
  if (d.size() != 1) return wrong_size(w, d, "the 1-octet Type field", "RFC 4271 §6.1");
  const std::uint8_t type = w.u8(d.begin);
  w.leaf(FieldId::NotifBadType, d.begin, 1,
         [&] { return names::with_number(names::message_type(type), type); });
}

// RFC 4271 §6.2: a 2-octet unsigned integer, the largest locally supported version below the
// one the peer bid (or the smallest supported one, if that is above the bid).
void decode_unsupported_version(Walk& w, const NotificationData& d) {
  if (d.size() != 2) return wrong_size(w, d, "a 2-octet version number", "RFC 4271 §6.2");
  w.leaf_uint(FieldId::NotifVersion, d.begin, 2, w.u16(d.begin));
}

// RFC 4271 §6.2 defines no data for Bad Peer AS. Implementations put the AS number there — 2
// octets (Cisco, in packetlife's capture) or 4 — or, like ExaBGP, an explanation in text.
void decode_bad_peer_as(Walk& w, const NotificationData& d) {
  if (d.size() == 2 || d.size() == 4) {
    const std::uint32_t as = d.size() == 2 ? w.u16(d.begin) : w.u32(d.begin);
    w.leaf(FieldId::NotifPeerAs, d.begin, d.size(),
           [&] { return text::asn(as) + (d.size() == 2 ? " (2-octet)" : " (4-octet)"); });
    w.note(d.begin, d.size(),
           "RFC 4271 §6.2 defines no data for Bad Peer AS: read as the AS number objected to");
  } else if (printable_text(w.slice(d.begin, d.size()))) {
    w.leaf(FieldId::NotifText, d.begin, d.size(),
           [&] { return text::quoted(utf8_text(w.slice(d.begin, d.size()))); });
    w.note(d.begin, d.size(), "RFC 4271 §6.2 defines no data for Bad Peer AS: free text");
  } else {
    w.note(d.begin, d.size(), "RFC 4271 §6.2 defines no data for Bad Peer AS: shown raw");
  }
}

// RFC 4271 §6.3: "the Data field contains the Attribute Type Code of the missing, well-known
// attribute".
void decode_missing_attribute(Walk& w, const NotificationData& d) {
  if (d.size() != 1) return wrong_size(w, d, "the 1-octet attribute type code", "RFC 4271 §6.3");
  const std::uint8_t code = w.u8(d.begin);
  w.leaf(FieldId::NotifMissingAttr, d.begin, 1,
         [&] { return names::with_number(names::path_attribute(code), code); });
}

// Errors whose RFC gives the Data field no content: whatever is there is shown raw.
void note_no_data_defined(Walk& w, const NotificationData& d) {
  const char* rfc = d.code == 2 && d.subcode == 11 ? "RFC 9234 §4.2" : "RFC 4271 §6";
  w.note(d.begin, d.size(),
         std::string(rfc) + " defines no data for " + error_name(d) + ": shown raw");
}

}  // namespace bgplens

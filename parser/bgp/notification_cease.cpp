// Cease NOTIFICATION data: the prefix limit (RFC 4486 §4), the Shutdown Communication
// (RFC 9003 §2) and the Hard Reset's inner cease reason (RFC 8538 §3).
#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "bgp/notification_data.h"
#include "util/text.h"

namespace bgplens {

// RFC 4486 §4: optionally AFI (2), SAFI (1), Upper bound (4).
void decode_prefix_limit(Walk& w, const NotificationData& d) {
  if (d.size() != 7) {
    w.warning(d.begin, d.size(),
              "the data of 6/1 Maximum Number of Prefixes Reached is either empty or AFI, SAFI "
              "and upper bound in 7 octets (RFC 4486 §4), not " +
                  text::byte_count(d.size()));
    return;
  }
  const std::uint16_t afi = w.u16(d.begin);
  const std::uint8_t safi = w.u8(d.begin + 2);
  w.leaf(FieldId::NotifAfi, d.begin, 2, [&] { return names::with_number(names::afi(afi), afi); });
  w.leaf(FieldId::NotifSafi, d.begin + 2, 1,
         [&] { return names::with_number(names::safi(safi), safi); });
  w.leaf_uint(FieldId::NotifUpperBound, d.begin + 3, 4, w.u32(d.begin + 3));
}

// RFC 9003 §2 (obsoleting RFC 8203): a length octet, then that many octets of UTF-8 text.
// RFC 9003 §2 also asks receivers to log an invalid length or invalid UTF-8 as such; the
// bytes after the text have no meaning.
void decode_shutdown_communication(Walk& w, const NotificationData& d) {
  const std::uint8_t length = w.u8(d.begin);
  w.leaf_uint(FieldId::NotifShutdownLength, d.begin, 1, length);
  const std::uint32_t avail = d.size() - 1;
  const std::uint32_t shown = length <= avail ? length : avail;
  const Bytes text = w.slice(d.begin + 1, shown);
  if (shown > 0) {
    w.leaf(FieldId::NotifShutdownText, d.begin + 1, shown,
           [&] { return text::quoted(utf8_text(text)); });
  }
  if (length > avail) {
    w.error(d.begin, d.size(),
            "Shutdown Communication length " + std::to_string(length) + " exceeds " +
                bytes_left(avail) + " of the data (RFC 9003 §2)");
    return;
  }
  if (!is_valid_utf8(text)) {
    w.error(d.begin + 1, shown,
            "the Shutdown Communication is not valid UTF-8 (RFC 9003 §2); non-ASCII bytes are "
            "shown escaped");
  }
  if (length > 128) {
    w.note(d.begin, 1, "longer than RFC 8203's 128 octets; RFC 9003 §2 allows up to 255");
  }
  const std::uint32_t after = d.begin + 1 + length;
  if (after < d.end) {
    w.error(after, d.end - after,
            text::byte_count(d.end - after) +
                " after the Shutdown Communication, which should end the data (RFC 9003 §2)");
  }
}

// RFC 8538 §3: the data is the Error Code, Error Subcode and Data of the NOTIFICATION the
// Hard Reset stands for.
void decode_hard_reset(Walk& w, const NotificationData& d) {
  if (d.size() < 2) {
    w.error(d.begin, d.size(),
            "a Hard Reset's data must start with the Error Code and Subcode of the cease "
            "reason (RFC 8538 §3); it has " +
                text::byte_count(d.size()));
    return;
  }
  if (d.depth + 1 > kMaxNotificationNesting) {
    w.warning(d.begin, d.size(),
              "Hard Reset nested more than " + std::to_string(kMaxNotificationNesting) +
                  " deep: not decoded further");
    return;
  }
  const std::uint8_t code = w.u8(d.begin);
  const std::uint8_t subcode = w.u8(d.begin + 1);
  const std::uint32_t node = w.open(FieldId::NotifHardReset, d.begin, d.size());
  w.set_value(node, [&] {
    const std::string_view sub = names::notification_subcode(code, subcode);
    const std::string_view name = names::notification_code(code);
    return (name.empty() ? "code " + std::to_string(code) : std::string(name)) + " / " +
           (sub.empty() ? "subcode " + std::to_string(subcode) : std::string(sub)) + " (" +
           std::to_string(code) + "/" + std::to_string(subcode) + ")";
  });
  decode_error_fields(w, d.begin, d.end, d.depth + 1);
  w.close();
}

}  // namespace bgplens

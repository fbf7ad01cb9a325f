#include "bgp/body_decoders.h"
#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "bgp/notification_data.h"
#include "util/text.h"

namespace bgplens {
namespace {

using DataDecoder = void (*)(Walk&, const NotificationData&);

struct DataSpec {
  std::uint8_t code;
  std::uint8_t subcode;
  DataDecoder decode;
};

// What the Data field holds, by code and subcode. Anything not listed is shown raw only.
constexpr DataSpec kDataLayouts[] = {
    {1, 1, note_no_data_defined},           // RFC 4271 §6.1
    {1, 2, decode_bad_message_length},      // RFC 4271 §6.1
    {1, 3, decode_bad_message_type},        // RFC 4271 §6.1
    {2, 1, decode_unsupported_version},     // RFC 4271 §6.2
    {2, 2, decode_bad_peer_as},             // RFC 4271 §6.2 (no data defined)
    {2, 4, decode_quoted_parameters},       // RFC 4271 §6.2 (no data defined)
    {2, 7, decode_quoted_capabilities},     // RFC 5492 §3
    {2, 11, note_no_data_defined},          // RFC 9234 §4.2
    {3, 1, note_no_data_defined},           // RFC 4271 §6.3
    {3, 2, decode_quoted_attribute},        // RFC 4271 §6.3
    {3, 3, decode_missing_attribute},       // RFC 4271 §6.3
    {3, 4, decode_quoted_attribute},        // RFC 4271 §6.3
    {3, 5, decode_quoted_attribute},        // RFC 4271 §6.3
    {3, 6, decode_quoted_attribute},        // RFC 4271 §6.3
    {3, 8, decode_quoted_attribute},        // RFC 4271 §6.3
    {3, 9, decode_quoted_attribute},        // RFC 4271 §6.3
    {3, 10, note_no_data_defined},          // RFC 4271 §6.3
    {3, 11, note_no_data_defined},          // RFC 4271 §6.3
    {4, 0, note_no_data_defined},           // RFC 4271 §6.5
    {6, 1, decode_prefix_limit},            // RFC 4486 §4
    {6, 2, decode_shutdown_communication},  // RFC 9003 §2
    {6, 4, decode_shutdown_communication},  // RFC 9003 §2
    {6, 9, decode_hard_reset},              // RFC 8538 §3
    {7, 1, decode_quoted_route_refresh},    // RFC 7313 §5
};

const DataSpec* find_layout(std::uint8_t code, std::uint8_t subcode) {
  for (const DataSpec& s : kDataLayouts) {
    if (s.code == code && s.subcode == subcode) return &s;
  }
  return nullptr;
}

// Hex, and the text too when the bytes read as printable UTF-8.
std::string raw_data_text(Bytes data) {
  std::string v = text::hex_spaced(data, 48);
  bool printable = is_valid_utf8(data);
  for (std::uint8_t c : data) {
    if (c < 0x20 && c != '\n' && c != '\t') printable = false;
  }
  if (printable) v += "  \"" + utf8_text(data) + "\"";
  return v;
}

}  // namespace

void decode_error_fields(Walk& w, std::uint32_t begin, std::uint32_t end, unsigned depth) {
  const std::uint8_t code = w.u8(begin);
  const std::uint8_t subcode = w.u8(begin + 1);
  const std::string_view code_name = names::notification_code(code);
  w.leaf(FieldId::NotifCode, begin, 1, [&] { return names::with_number(code_name, code); });
  w.leaf(FieldId::NotifSubcode, begin + 1, 1, [&] {
    // Codes 4 and 8 define no subcodes; 0 reads as "unspecific" everywhere.
    return names::with_number(names::notification_subcode(code, subcode), subcode);
  });
  if (code_name.empty()) {
    w.warning(begin, 1, "error code " + std::to_string(code) + " is not assigned by IANA");
  }
  const NotificationData d{code, subcode, begin + 2, end, depth};
  // Data the capture cut short cannot be held to its layout: it is shown raw.
  const bool cut = end < w.out().declared_length;
  const DataSpec* spec = cut ? nullptr : find_layout(code, subcode);
  if (d.size() == 0) {
    // Only a Hard Reset must carry data (RFC 8538 §3).
    if (spec != nullptr && spec->decode == decode_hard_reset) spec->decode(w, d);
    return;
  }
  const std::uint32_t node = w.open(FieldId::NotifData, d.begin, d.size());
  w.set_value(node, [&] { return raw_data_text(w.slice(d.begin, d.size())); });
  if (spec != nullptr) spec->decode(w, d);
  if (cut) w.note(d.begin, d.size(), "the capture cut this data short: shown raw");
  w.close();
}

// RFC 4271 §4.5: error code, error subcode, data.
void decode_notification(Walk& w, std::uint32_t end) {
  w.out().notification = std::array<std::uint8_t, 2>{w.u8(19), w.u8(20)};
  decode_error_fields(w, 19, end, 0);
}

}  // namespace bgplens

#include "bgp/body_decoders.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {
namespace {

bool printable(Bytes data) {
  if (data.empty()) return false;
  for (std::uint8_t c : data) {
    if (c < 0x20 && c != '\n' && c != '\t') return false;
  }
  return true;
}

}  // namespace

// RFC 4271 §4.5: error code, error subcode, data.
void decode_notification(Walk& w, std::uint32_t end) {
  const std::uint8_t code = w.u8(19);
  const std::uint8_t subcode = w.u8(20);
  w.out().notification = std::array<std::uint8_t, 2>{code, subcode};
  const std::string_view code_name = names::notification_code(code);
  w.leaf(FieldId::NotifCode, 19, 1, [&] { return names::with_number(code_name, code); });
  w.leaf(FieldId::NotifSubcode, 20, 1, [&] {
    // Codes 4 and 8 define no subcodes; 0 reads as "unspecific" everywhere.
    return names::with_number(names::notification_subcode(code, subcode), subcode);
  });
  if (code_name.empty()) {
    w.warning(19, 1, "error code " + std::to_string(code) + " is not assigned by IANA");
  }
  if (end > 21) {
    const Bytes data = w.slice(21, end - 21);
    w.leaf(FieldId::NotifData, 21, end - 21, [&] {
      std::string v = text::hex_spaced(data, 48);
      if (printable(data)) {
        v += "  \"" +
             text::escaped(
                 std::string_view(reinterpret_cast<const char*>(data.data()), data.size())) +
             "\"";
      }
      return v;
    });
  }
}

}  // namespace bgplens

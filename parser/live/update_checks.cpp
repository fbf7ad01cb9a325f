#include "live/update_checks.h"

#include <charconv>
#include <string_view>

#include "bgp/message_decoder.h"

namespace bgplens::live {
namespace {

// The decoder names the NOTIFICATION an error calls for in its text ("… (NOTIFICATION 3/4
// Attribute Flags Error)"); that is the subcode to send when it says one.
std::optional<std::uint8_t> named_subcode(std::string_view text) {
  constexpr std::string_view kTag = "NOTIFICATION 3/";
  const std::size_t at = text.find(kTag);
  if (at == std::string_view::npos) return std::nullopt;
  const char* begin = text.data() + at + kTag.size();
  unsigned subcode = 0;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), subcode);
  if (ec != std::errc{} || end == begin || subcode > 255) return std::nullopt;
  return static_cast<std::uint8_t>(subcode);
}

struct Layout {
  std::uint32_t withdrawn_end = 0;  // Withdrawn Routes end here
  std::uint32_t attrs_begin = 0;
  std::uint32_t attrs_end = 0;
  bool valid = false;  // the two length fields fit the message
};

// RFC 4271 §4.3: Withdrawn Routes Length, Withdrawn Routes, Total Path Attribute Length, Path
// Attributes, NLRI.
Layout layout(Bytes m) {
  Layout l;
  if (m.size() < 23) return l;
  const std::uint32_t withdrawn = load_be16(m.data() + 19);
  l.withdrawn_end = 21 + withdrawn;
  if (l.withdrawn_end + 2 > m.size()) return l;
  l.attrs_begin = l.withdrawn_end + 2;
  l.attrs_end = l.attrs_begin + load_be16(m.data() + l.withdrawn_end);
  l.valid = l.attrs_end <= m.size();
  return l;
}

// RFC 4271 §6.3: without a subcode in the decoder's text, an error in the Withdrawn Routes or
// NLRI field is an Invalid Network Field (10), anything else a Malformed Attribute List (1).
std::uint8_t subcode_by_place(Bytes m, std::uint32_t offset) {
  const Layout l = layout(m);
  if (!l.valid) return 1;
  if ((offset >= 21 && offset < l.withdrawn_end) || offset >= l.attrs_end) return 10;
  return 1;
}

// RFC 4271 §6.3: for these subcodes the Data field is the erroneous attribute (type, length
// and value).
bool data_is_attribute(std::uint8_t subcode) {
  switch (subcode) {
    case 2:  // Unrecognized Well-known Attribute
    case 4:  // Attribute Flags Error
    case 5:  // Attribute Length Error
    case 6:  // Invalid ORIGIN Attribute
    case 8:  // Invalid NEXT_HOP Attribute
    case 9:  // Optional Attribute Error
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<Bytes> attribute_at(Bytes m, std::uint32_t offset) {
  const Layout l = layout(m);
  if (!l.valid || offset < l.attrs_begin || offset >= l.attrs_end) return std::nullopt;
  std::uint32_t p = l.attrs_begin;
  while (p < l.attrs_end) {
    if (l.attrs_end - p < 3) return std::nullopt;
    const bool extended = (m[p] & 0x10) != 0;  // Extended Length bit (RFC 4271 §4.3)
    const std::uint32_t header = extended ? 4 : 3;
    if (l.attrs_end - p < header) return std::nullopt;
    const std::uint32_t length = extended ? load_be16(m.data() + p + 2) : m[p + 2];
    if (length > l.attrs_end - p - header) return std::nullopt;
    const std::uint32_t end = p + header + length;
    if (offset < end) return m.subspan(p, end - p);
    p = end;
  }
  return std::nullopt;
}

UpdateVerdict judge_update(Bytes message, const DecodedMessage& decoded) {
  UpdateVerdict verdict;
  for (const DecodeProblem& p : decoded.problems) {
    if (p.treatment == Treatment::SessionReset) {
      if (verdict.reset) continue;  // the first one is the one the NOTIFICATION names
      const std::uint8_t subcode =
          named_subcode(p.message).value_or(subcode_by_place(message, p.offset));
      Notification n{3, subcode, {}};
      if (data_is_attribute(subcode)) {
        if (const auto attribute = attribute_at(message, p.offset))
          n.data.assign(attribute->begin(), attribute->end());
      }
      verdict.reset = std::move(n);
      verdict.reset_text = p.message + " (RFC 7606: session reset)";
    } else if (p.treatment != Treatment::None) {
      // RFC 7606 §2: handled without a NOTIFICATION. We keep no routes, so there is nothing to
      // withdraw, discard or disable: the error is reported and the session goes on.
      verdict.tolerated.push_back(std::string(treatment_name(p.treatment)) + ": " + p.message);
    } else if (p.severity == Severity::Error) {
      // Errors RFC 7606 does not classify (the decoder gives them no treatment): reported.
      verdict.tolerated.push_back(p.message);
    }
  }
  return verdict;
}

}  // namespace bgplens::live

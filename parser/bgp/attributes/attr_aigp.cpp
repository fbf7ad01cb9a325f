// AIGP, the Accumulated IGP Metric attribute (RFC 7311).
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint8_t kAigpTlv = 1;
constexpr std::uint32_t kAigpTlvLength = 11;  // 3-octet header + 8-octet metric
constexpr std::uint64_t kAigpMaximum = ~std::uint64_t{0};

std::uint64_t read_u64(const Walk& w, std::uint32_t offset) {
  return (std::uint64_t{w.u32(offset)} << 32) | w.u32(offset + 4);
}

}  // namespace

// RFC 7311 §3: a set of TLVs, each a 1-octet type, a 2-octet length counting the whole TLV
// (type and length included), and a value. Type 1 (AIGP) has length 11: an 8-octet metric.
// Only the first AIGP TLV counts; other types pass unchanged. §3.2: a malformed AIGP (TLV
// lengths inconsistent with the attribute's, an AIGP TLV of another length, the transitive
// bit set) is treated as an unrecognised non-transitive attribute: attribute discard.
void decode_attr_aigp(Walk& w, const AttributeView& a, UpdateState&) {
  const std::uint32_t end = a.value_offset + a.value_length;
  std::uint32_t p = a.value_offset;
  bool have_metric = false;
  std::uint64_t metric = 0;
  while (p < end) {
    const std::uint32_t left = end - p;
    if (left < 3) {
      route_attr_error(w, a, p, left,
                       "AIGP TLV header needs 3 bytes, " + text::byte_count(left) +
                           " left (RFC 7311 §3.2: malformed AIGP)");
      break;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint16_t length = w.u16(p + 1);
    const std::uint32_t shown = std::min<std::uint32_t>(std::max<std::uint32_t>(length, 3), left);
    const std::uint32_t node = w.open(FieldId::AigpTlv, p, shown);
    w.leaf(FieldId::AigpTlvType, p, 1,
           [&] { return names::with_number(type == kAigpTlv ? "AIGP" : "", type); });
    w.leaf_uint(FieldId::AigpTlvLength, p + 1, 2, length);
    if (length < 3 || length > left) {
      route_attr_error(
          w, a, p + 1, 2,
          "AIGP TLV length " + std::to_string(length) +
              (length < 3 ? " is less than its 3-byte header" : " exceeds " + bytes_left(left)) +
              " (RFC 7311 §3.2: malformed AIGP)");
      w.close();
      break;
    }
    if (type == kAigpTlv && length != kAigpTlvLength) {
      route_attr_error(w, a, p + 1, 2,
                       "AIGP TLV length " + std::to_string(length) +
                           " is not 11 (RFC 7311 §3: malformed AIGP, §3.2)");
      if (length > 3) {
        w.leaf(FieldId::AigpTlvValue, p + 3, length - 3,
               [&] { return text::hex_spaced(w.slice(p + 3, length - 3), 48); });
      }
    } else if (type == kAigpTlv) {
      const std::uint64_t value = read_u64(w, p + 3);
      w.leaf(FieldId::AigpMetric, p + 3, 8, [&] { return std::to_string(value); });
      w.set_value(node, [&] { return "AIGP metric " + std::to_string(value); });
      if (have_metric) {
        w.note(p, length, "only the first AIGP TLV counts; this one is ignored (RFC 7311 §3)");
      } else {
        have_metric = true;
        metric = value;
        if (value == kAigpMaximum) {
          // RFC 7311 §3.2: the maximum value in the first AIGP TLV SHOULD be taken as malformed.
          w.warning(p + 3, 8, "AIGP metric is the maximum value 0xffffffffffffffff (RFC 7311 §3.2)",
                    attribute_treatment(a.code));
        }
      }
    } else {
      w.set_value(node, [&] { return "type " + std::to_string(type); });
      if (length > 3) {
        w.leaf(FieldId::AigpTlvValue, p + 3, length - 3,
               [&] { return text::hex_spaced(w.slice(p + 3, length - 3), 48); });
      }
    }
    w.close();
    p += length;
  }
  attr_summary(w, a, [&] {
    return have_metric ? "metric " + std::to_string(metric) : std::string("no AIGP metric");
  });
}

}  // namespace bgplens

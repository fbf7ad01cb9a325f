#include "bgp/nlri/bgpls_scope.h"

#include <bit>
#include <cmath>
#include <cstdio>

namespace bgplens::bgpls {

void Scope::error(std::uint32_t offset, std::uint32_t length, const std::string& message) {
  malformed = true;
  if (in_attribute) {
    w.error(offset, length,
            message +
                "; the BGP-LS Attribute is malformed and is discarded without a NOTIFICATION "
                "(RFC 9552 §8.2.2)",
            Treatment::AttributeDiscard);
  } else {
    // RFC 9552 §8.2.2 "NLRI discard": the NLRI alone is ignored, as RFC 7606 §5.4 describes;
    // the other NLRI of the UPDATE stand. (Treatment has no value for it.)
    w.error(offset, length,
            message +
                "; the NLRI is malformed and is discarded alone (RFC 9552 §8.2.2: NLRI discard, "
                "as in RFC 7606 §5.4)");
  }
}

std::string tlv_label(std::uint16_t code) {
  if (const TlvInfo* info = tlv_info(code))
    return std::string(info->name) + " (" + std::to_string(code) + ")";
  return "TLV " + std::to_string(code);
}

std::string_view tlv_rfc(std::uint16_t code) {
  const TlvInfo* info = tlv_info(code);
  return info ? info->rfc : std::string_view("RFC 9552 §5.1");
}

bool check_length(Scope& s, const Tlv16& tlv, bool ok, std::string_view expected) {
  if (ok) return true;
  const TlvInfo* info = tlv_info(tlv.type);
  s.error(tlv.offset + 2, 2 + tlv.length,
          std::string(info ? info->name : std::string_view("TLV")) + " length " +
              std::to_string(tlv.length) + " is not " + std::string(expected) + " (" +
              std::string(tlv_rfc(tlv.type)) + ")");
  return false;
}

std::string raw_bytes(Scope& s, std::uint32_t offset, std::uint32_t length) {
  if (length == 0) return s.want_text ? "(empty)" : "";
  s.w.leaf(FieldId::LsTlvValue, offset, length,
           [&] { return text::hex_spaced(s.w.slice(offset, length), 32); });
  return s.want_text ? "0x" + text::hex(s.w.slice(offset, length), 32) : "";
}

std::string raw_value(Scope& s, const Tlv16& tlv) {
  return raw_bytes(s, tlv.value_offset(), tlv.length);
}

std::string ipv4_leaf(Scope& s, FieldId id, std::uint32_t offset) {
  std::string v = s.want_text ? text::ipv4(s.w.at(offset)) : "";
  s.w.leaf(id, offset, 4, v);
  return v;
}

std::string ipv6_leaf(Scope& s, FieldId id, std::uint32_t offset) {
  std::string v = s.want_text ? text::ipv6(s.w.at(offset)) : "";
  s.w.leaf(id, offset, 16, v);
  return v;
}

std::string uint_leaf(Scope& s, FieldId id, std::uint32_t offset, std::uint32_t length,
                      std::uint64_t value, std::uint32_t mask) {
  s.w.leaf_uint(id, offset, length, value, mask);
  return s.want_text ? std::to_string(value) : "";
}

std::string flags_node(Scope& s, std::uint32_t offset, std::uint32_t length,
                       std::span<const FlagBit> bits) {
  Walk& w = s.w;
  std::uint32_t value = 0;
  for (std::uint32_t i = 0; i < length; ++i)
    value = (value << 8) | w.u8(offset + i);
  std::string v;
  if (s.want_text) {
    v = text::hex_number(value, static_cast<int>(length * 2));
    for (const FlagBit& b : bits) {
      if (value & b.mask) v.append(" ").append(b.letter);
    }
  }
  const std::uint32_t node = w.open(FieldId::LsFlags, offset, length);
  w.set_value(node, v);
  for (const FlagBit& b : bits) {
    w.leaf(
        FieldId::LsFlag, offset, length,
        [&] {
          return std::string(b.letter) + " (" + std::string(b.meaning) +
                 "): " + ((value & b.mask) ? "1" : "0");
        },
        b.mask);
  }
  w.close();
  return v;
}

std::string system_id_text(const std::uint8_t* p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02x%02x.%02x%02x.%02x%02x", p[0], p[1], p[2], p[3], p[4], p[5]);
  return buf;
}

std::string isis_area_text(Bytes area) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < area.size(); ++i) {
    // The AFI octet stands alone, then groups of two octets (ISO 8348 NSAP notation).
    if (i % 2 == 1) out += '.';
    out += kHex[area[i] >> 4];
    out += kHex[area[i] & 0x0F];
  }
  return out;
}

std::string bandwidth_text(std::uint32_t ieee_bits) {
  const float bytes = std::bit_cast<float>(ieee_bits);
  if (!std::isfinite(bytes)) return "not a number (" + text::hex_number(ieee_bits, 8) + ")";
  char buf[64];
  const double bits = static_cast<double>(bytes) * 8.0;
  const char* unit = "bit/s";
  double scaled = bits;
  if (std::fabs(bits) >= 1e9) {
    scaled = bits / 1e9;
    unit = "Gbit/s";
  } else if (std::fabs(bits) >= 1e6) {
    scaled = bits / 1e6;
    unit = "Mbit/s";
  } else if (std::fabs(bits) >= 1e3) {
    scaled = bits / 1e3;
    unit = "kbit/s";
  }
  const double whole = std::floor(static_cast<double>(bytes));
  if (whole == static_cast<double>(bytes) && std::fabs(whole) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f B/s (%.6g %s)", whole, scaled, unit);
  } else {
    std::snprintf(buf, sizeof buf, "%.9g B/s (%.6g %s)", static_cast<double>(bytes), scaled, unit);
  }
  return buf;
}

}  // namespace bgplens::bgpls

// BGPsec_PATH (RFC 8205 §3): the signed AS path of a BGPsec UPDATE.
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint32_t kSegmentLength = 6;    // pCount, Flags, AS number
constexpr std::uint32_t kSkiLength = 20;       // Subject Key Identifier
constexpr std::uint8_t kConfedSegment = 0x80;  // RFC 8205 §3.1

std::string_view algorithm_name(std::uint8_t id) {
  return id == 1 ? "ECDSA P-256 with SHA-256" : std::string_view{};
}

// RFC 8205 §3.1: Secure_Path Length (2 octets, counting itself), then 6-octet segments.
// Returns the number of segments, or nothing when the Secure_Path cannot be delimited.
std::optional<std::uint32_t> secure_path(Walk& w, const AttributeView& a, std::uint32_t end,
                                         std::string& path_text) {
  const std::uint32_t p0 = a.value_offset;
  if (end - p0 < 2) {
    route_attr_length_error(w, a, "at least 2 (the Secure_Path Length)", "RFC 8205 §3.1");
    return std::nullopt;
  }
  const std::uint16_t length = w.u16(p0);
  const std::uint32_t left = end - p0;
  const std::uint32_t shown = std::min<std::uint32_t>(std::max<std::uint32_t>(length, 2), left);
  const std::uint32_t node = w.open(FieldId::BgpsecSecurePath, p0, shown);
  w.leaf_uint(FieldId::BgpsecSecurePathLength, p0, 2, length);
  if (length > left || length < 2 + kSegmentLength || (length - 2) % kSegmentLength != 0) {
    route_attr_error(w, a, p0, 2,
                     "Secure_Path Length " + std::to_string(length) +
                         (length > left ? " exceeds " + bytes_left(left)
                                        : std::string(" is not 2 + 6 × segments (at least one)")) +
                         " (RFC 8205 §3.1, §5.2: treat-as-withdraw)");
    w.close();
    return std::nullopt;
  }
  const std::uint32_t count = (length - 2) / kSegmentLength;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t p = p0 + 2 + i * kSegmentLength;
    const std::uint8_t pcount = w.u8(p);
    const std::uint8_t flags = w.u8(p + 1);
    const std::uint32_t as = w.u32(p + 2);
    const std::uint32_t segment = w.open(FieldId::BgpsecSegment, p, kSegmentLength);
    w.leaf_uint(FieldId::BgpsecPcount, p, 1, pcount);
    const std::uint32_t flags_node = w.open(FieldId::BgpsecFlags, p + 1, 1);
    w.set_value(flags_node, [&] {
      return text::hex_number(flags, 2) + ((flags & kConfedSegment) ? " Confed_Segment" : "");
    });
    w.leaf(FieldId::BgpsecFlagConfed, p + 1, 1, (flags & kConfedSegment) ? "1" : "0",
           kConfedSegment);
    w.leaf(
        FieldId::BgpsecFlagsUnassigned, p + 1, 1, [&] { return text::bits(flags & 0x7F, 7); },
        0x7F);
    w.close();
    w.leaf(FieldId::BgpsecAs, p + 2, 4, [&] { return text::asn(as); });
    if (pcount == 0) {
      w.note(p, 1, "pCount 0: added by a transparent route server (RFC 8205 §4.2)");
    }
    if (w.has_tree()) {
      std::string t = std::to_string(as);
      if (flags & kConfedSegment) t = "(" + t + ")";
      w.set_value(segment, t + (pcount == 1 ? "" : " ×" + std::to_string(pcount)));
      for (unsigned k = 0; k < pcount; ++k)
        path_text += (path_text.empty() ? "" : " ") + t;
    }
    w.close();
  }
  w.set_value(node, [&] { return path_text.empty() ? std::string("empty") : path_text; });
  w.close();
  return count;
}

// RFC 8205 §3.2: Signature_Block Length (2 octets, counting itself and the suite octet),
// Algorithm Suite Identifier, then Signature Segments: SKI (20), Signature Length (2),
// Signature. Returns the number of signature segments, or nothing when malformed.
std::optional<std::uint32_t> signature_block(Walk& w, const AttributeView& a, std::uint32_t p0,
                                             std::uint32_t end, std::uint8_t& suite) {
  const std::uint32_t left = end - p0;
  if (left < 3) {
    route_attr_error(w, a, p0, left,
                     "Signature_Block header needs 3 bytes, " + text::byte_count(left) +
                         " left (RFC 8205 §3.2, §5.2: treat-as-withdraw)");
    return std::nullopt;
  }
  const std::uint16_t length = w.u16(p0);
  suite = w.u8(p0 + 2);
  const std::uint32_t shown = std::min<std::uint32_t>(std::max<std::uint32_t>(length, 3), left);
  const std::uint32_t node = w.open(FieldId::BgpsecSignatureBlock, p0, shown);
  w.leaf_uint(FieldId::BgpsecSignatureBlockLength, p0, 2, length);
  w.leaf(FieldId::BgpsecAlgorithm, p0 + 2, 1,
         [&] { return names::with_number(algorithm_name(suite), suite); });
  if (length < 3 || length > left) {
    route_attr_error(
        w, a, p0, 2,
        "Signature_Block Length " + std::to_string(length) +
            (length < 3 ? " is less than its 3-byte header" : " exceeds " + bytes_left(left)) +
            " (RFC 8205 §3.2, §5.2: treat-as-withdraw)");
    w.close();
    return std::nullopt;
  }
  const std::uint32_t block_end = p0 + length;
  std::uint32_t p = p0 + 3;
  std::uint32_t count = 0;
  bool ok = true;
  while (p < block_end) {
    const std::uint32_t avail = block_end - p;
    if (avail < kSkiLength + 2) {
      route_attr_error(w, a, p, avail,
                       "Signature Segment needs 22 bytes for SKI and length, " +
                           text::byte_count(avail) +
                           " left in the Signature_Block (RFC 8205 §3.2, §5.2: treat-as-withdraw)");
      ok = false;
      break;
    }
    const std::uint16_t sig_length = w.u16(p + kSkiLength);
    const std::uint32_t sig_avail = avail - kSkiLength - 2;
    const std::uint32_t segment =
        w.open(FieldId::BgpsecSignatureSegment, p,
               kSkiLength + 2 + std::min<std::uint32_t>(sig_length, sig_avail));
    w.leaf(FieldId::BgpsecSki, p, kSkiLength, [&] { return text::hex(w.slice(p, kSkiLength)); });
    w.leaf_uint(FieldId::BgpsecSignatureLength, p + kSkiLength, 2, sig_length);
    if (sig_length > sig_avail) {
      route_attr_error(w, a, p + kSkiLength, 2,
                       "Signature Length " + std::to_string(sig_length) + " exceeds " +
                           bytes_left(sig_avail) +
                           " in the Signature_Block (RFC 8205 §3.2, §5.2: treat-as-withdraw)");
      w.close();
      ok = false;
      break;
    }
    if (sig_length > 0) {
      w.leaf(FieldId::BgpsecSignature, p + kSkiLength + 2, sig_length,
             [&] { return text::hex(w.slice(p + kSkiLength + 2, sig_length), 32); });
    }
    w.set_value(segment, [&] { return "SKI " + text::hex(w.slice(p, kSkiLength)); });
    w.close();
    ++count;
    p += kSkiLength + 2 + sig_length;
  }
  w.set_value(node, [&] {
    return "suite " + std::to_string(suite) + ", " + std::to_string(count) + " signature" +
           (count == 1 ? "" : "s");
  });
  w.close();
  if (!ok) return std::nullopt;
  return count;
}

}  // namespace

// RFC 8205 §3: a Secure_Path and one or two Signature_Blocks. §5.2: the receiver checks the
// syntax: the lengths agree with the attribute's, each block has one signature per Secure_Path
// segment, and two blocks use different algorithm suites; an error is treat-as-withdraw.
void decode_attr_bgpsec_path(Walk& w, const AttributeView& a, UpdateState&) {
  const std::uint32_t end = a.value_offset + a.value_length;
  std::string path_text;
  const std::optional<std::uint32_t> segments = secure_path(w, a, end, path_text);
  std::uint32_t blocks = 0;
  if (segments) {
    std::uint32_t p = a.value_offset + w.u16(a.value_offset);
    std::uint8_t first_suite = 0;
    while (p < end) {
      if (blocks == 2) {
        route_attr_error(w, a, p, end - p,
                         text::byte_count(end - p) +
                             " after two Signature_Blocks; at most two are allowed "
                             "(RFC 8205 §3, §5.2: treat-as-withdraw)");
        break;
      }
      std::uint8_t suite = 0;
      const std::optional<std::uint32_t> count = signature_block(w, a, p, end, suite);
      if (!count) break;
      if (*count != *segments) {
        route_attr_error(w, a, p, w.u16(p),
                         "Signature_Block has " + std::to_string(*count) + " signature" +
                             (*count == 1 ? "" : "s") + " for " + std::to_string(*segments) +
                             " Secure_Path segment" + (*segments == 1 ? "" : "s") +
                             " (RFC 8205 §5.2: one per segment; treat-as-withdraw)");
      }
      if (blocks == 1 && suite == first_suite) {
        route_attr_error(w, a, p + 2, 1,
                         "both Signature_Blocks use algorithm suite " + std::to_string(suite) +
                             " (RFC 8205 §3.2, §5.2: treat-as-withdraw)");
      }
      if (blocks == 0) first_suite = suite;
      ++blocks;
      p += w.u16(p);
    }
    if (blocks == 0 && p >= end) {
      route_attr_error(w, a, a.value_offset, a.value_length,
                       "BGPsec_PATH has no Signature_Block (RFC 8205 §3, §5.2: "
                       "treat-as-withdraw)");
    }
  }
  attr_summary(w, a, [&] {
    if (!segments) return std::string("malformed");
    return "AS path " + (path_text.empty() ? std::string("empty") : path_text) + ", " +
           std::to_string(blocks) + " signature block" + (blocks == 1 ? "" : "s");
  });
}

}  // namespace bgplens

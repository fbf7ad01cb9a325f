// Route Target Constraint (AFI 1, SAFI 132), RFC 4684 §4:
//   [path id (4), RFC 7911 §3] length (1, in bits: 0 or 32..96) | origin AS (4) |
//   route target (0..8 octets: an extended community, or its first bits)
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/labeled_group.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint32_t kMaxBits = 96;

// RFC 4684 §4: the default route target is the 0-length prefix; otherwise the prefix covers at
// least the origin AS (32 bits) and at most the whole route target (96).
bool valid_length(std::uint32_t bits) {
  return bits == 0 || (bits >= 32 && bits <= kMaxBits);
}

NlriListFit rtc_list_fit(Bytes field, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) {
      if (field.size() - p < 5) return fit;
      p += 4;
    }
    const std::uint32_t bits = field[p];
    const std::size_t bytes = (bits + 7) / 8;
    if (!valid_length(bits) || field.size() - p - 1 < bytes) return fit;
    p += 1 + bytes;
    ++fit.count;
    if (bits == 0) ++fit.zero_length;
  }
  fit.fits = true;
  return fit;
}

// A whole route target extended community as text: "target:65001:100" (RFC 4360 §4, type 0x00 or
// 0x40), "target:192.0.2.1:100" (0x01/0x41), "target:4200000001:100" (RFC 5668 §3, 0x02/0x42);
// other communities in hex.
std::string route_target_text(const std::uint8_t* c) {
  if (c[1] == 0x02) {
    switch (c[0] & 0xBF) {
      case 0x00:
        return "target:" + std::to_string(load_be16(c + 2)) + ":" +
               std::to_string(load_be32(c + 4));
      case 0x01:
        return "target:" + text::ipv4(c + 2) + ":" + std::to_string(load_be16(c + 6));
      case 0x02:
        return "target:" + std::to_string(load_be32(c + 2)) + ":" +
               std::to_string(load_be16(c + 6));
    }
  }
  return "0x" + text::hex(Bytes(c, 8));
}

}  // namespace

void decode_rtc_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool add_path = resolve_add_path(
      w, b, state, [&](Bytes field, bool with_ids) { return rtc_list_fit(field, with_ids); },
      NlriNouns{"default route targets (length 0)", "NLRI"});
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (!nlri::read_path_id(w, b, add_path, p, path_id)) return;
    const std::uint32_t bits = w.u8(p);
    if (bits > kMaxBits) {
      w.error(p, 1,
              "length " + std::to_string(bits) +
                  " bits exceeds the 96 of origin AS and route target (RFC 4684 §4, RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const std::uint32_t nbytes = (bits + 7) / 8;
    if (end - p - 1 < nbytes) {
      w.error(start, end - start,
              "length " + std::to_string(bits) + " bits needs " + text::byte_count(nbytes) + ", " +
                  text::byte_count(end - p - 1) + " left (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const std::uint32_t length = p + 1 + nbytes - start;
    if (!valid_length(bits)) {
      w.error(start, length,
              "length " + std::to_string(bits) +
                  " bits: only the default route target has less than the 32 bits of the origin "
                  "AS (RFC 4684 §4, RFC 7606 §5.3)",
              b.on_error);
      p += 1 + nbytes;
      continue;
    }
    nlri::count_route(w, b, count);
    std::string text;
    if (nlri::wants_text(w)) {
      const std::uint32_t node = w.open(FieldId::RtcNlri, start, length);
      if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
      w.leaf(FieldId::RtcLength, p, 1,
             [&] { return std::to_string(bits) + (bits == 0 ? " (default route target)" : ""); });
      text = "default";
      if (bits > 0) {
        const std::uint32_t as = w.u32(p + 1);
        w.leaf_uint(FieldId::RtcOriginAs, p + 1, 4, as);
        const std::uint32_t rt_bits = bits - 32;
        const std::uint32_t rt_bytes = nbytes - 4;
        std::string rt = "any route target";
        if (rt_bits == 64) {
          rt = route_target_text(w.at(p + 5));
        } else if (rt_bits > 0) {
          rt = text::hex(w.slice(p + 5, rt_bytes)) + "/" + std::to_string(rt_bits);
        }
        if (rt_bytes > 0) w.leaf(FieldId::RtcRouteTarget, p + 5, rt_bytes, rt);
        text = std::to_string(as) + ":" + rt;
        if (bits % 8 != 0 && (w.u8(p + nbytes) & (0xFF >> (bits % 8))) != 0) {
          w.note(p + nbytes, 1, "bits past the length are set; receivers ignore them");
        }
      }
      w.set_value(node, [&] { return nlri::node_text(text, path_id); });
      w.close();
    }
    nlri::add_entry(w, b, start, length, path_id, std::move(text));
    p += 1 + nbytes;
  }
}

}  // namespace bgplens

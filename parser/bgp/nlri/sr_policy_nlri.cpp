// SR Policy (AFI 1/2, SAFI 73), RFC 9830 §2.1 (formerly draft-ietf-idr-segment-routing-te-policy):
//   [path id (4), RFC 7911 §3] length (1, in bits: 96 or 192) | Distinguisher (4) |
//   Policy Color (4) | Endpoint (4 or 16, as the AFI says)
// The policy itself travels in the Tunnel Encapsulation attribute, decoded elsewhere.
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/labeled_group.h"
#include "util/text.h"

namespace bgplens {
namespace {

// RFC 9830 §2.1: 12 octets with an IPv4 endpoint, 24 with an IPv6 one.
std::uint32_t expected_bits(Family f) {
  return 64 + 8 * nlri::address_bytes(f);
}

NlriListFit sr_policy_list_fit(Bytes field, std::uint32_t bits, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) p += 4;
    if (p >= field.size() || field[p] != bits || field.size() - p - 1 < bits / 8) return fit;
    p += 1 + bits / 8;
    ++fit.count;
  }
  fit.fits = true;
  return fit;
}

}  // namespace

void decode_sr_policy_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const std::uint32_t expected = expected_bits(b.family);
  const bool add_path = resolve_add_path(w, b, state, [&](Bytes field, bool with_ids) {
    return sr_policy_list_fit(field, expected, with_ids);
  });
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (!nlri::read_path_id(w, b, add_path, p, path_id)) return;
    const std::uint32_t bits = w.u8(p);
    if (bits != expected) {
      // Without the expected length the NLRI cannot be delimited.
      w.error(p, 1,
              "length " + std::to_string(bits) + " bits; an SR Policy NLRI of AFI " +
                  std::to_string(b.family.afi) + " has " + std::to_string(expected) +
                  " (RFC 9830 §2.1, RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const std::uint32_t nbytes = bits / 8;
    if (end - p - 1 < nbytes) {
      w.error(start, end - start,
              "length " + std::to_string(bits) + " bits needs " + text::byte_count(nbytes) + ", " +
                  text::byte_count(end - p - 1) + " left (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const std::uint32_t length = p + 1 + nbytes - start;
    nlri::count_route(w, b, count);
    std::string text;
    if (nlri::wants_text(w)) {
      const std::uint32_t distinguisher = w.u32(p + 1);
      const std::uint32_t color = w.u32(p + 5);
      const std::uint32_t endpoint_bytes = nbytes - 8;
      const std::string endpoint = nlri::address_text(w.at(p + 9), endpoint_bytes);
      text = "color " + std::to_string(color) + " endpoint " + endpoint + " distinguisher " +
             std::to_string(distinguisher);
      const std::uint32_t node = w.open(FieldId::SrPolicyNlri, start, length);
      w.set_value(node, [&] { return nlri::node_text(text, path_id); });
      if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
      w.leaf_uint(FieldId::SrPolicyLength, p, 1, bits);
      w.leaf_uint(FieldId::SrPolicyDistinguisher, p + 1, 4, distinguisher);
      w.leaf_uint(FieldId::SrPolicyColor, p + 5, 4, color);
      w.leaf(FieldId::SrPolicyEndpoint, p + 9, endpoint_bytes, endpoint);
      w.close();
    }
    nlri::add_entry(w, b, start, length, path_id, std::move(text));
    p += 1 + nbytes;
  }
}

}  // namespace bgplens

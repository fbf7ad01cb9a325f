#include <algorithm>

#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/family_table.h"
#include "bgp/nlri/nlri_common.h"
#include "util/text.h"

namespace bgplens {
namespace {

// How `block` reads as a list of prefixes of at most `max_bits`, each optionally preceded by a
// 4-byte path identifier, ending exactly at the end of the block.
NlriListFit prefix_list_fit(Bytes block, unsigned max_bits, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < block.size()) {
    if (add_path) {
      if (block.size() - p < 4) return fit;
      p += 4;
    }
    if (p >= block.size()) return fit;
    const unsigned bits = block[p];
    if (bits > max_bits) return fit;
    const std::size_t bytes = (bits + 7) / 8;
    if (block.size() - p - 1 < bytes) return fit;
    p += 1 + bytes;
    ++fit.count;
    if (bits == 0) ++fit.zero_length;
  }
  fit.fits = true;
  return fit;
}

}  // namespace

// RFC 4271 §4.3 (IPv4 unicast), RFC 4760 §5 (other families): length in bits, then the
// minimum number of octets; RFC 7911 §3 puts a 4-octet Path Identifier in front with ADD-PATH.
void decode_prefix_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool v4 = b.family.afi == afi::kIpv4;
  const unsigned max_bits = v4 ? 32 : 128;
  const unsigned family_bytes = v4 ? 4 : 16;
  const bool add_path = resolve_add_path(w, b, state, [&](Bytes field, bool with_ids) {
    return prefix_list_fit(field, max_bits, with_ids);
  });

  DecodedMessage& out = w.out();
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (add_path) {
      if (end - p < 4) {
        w.error(
            p, end - p,
            "path identifier needs 4 bytes, " + text::byte_count(end - p) + " left (RFC 7606 §5.3)",
            b.on_error);
        return;
      }
      path_id = w.u32(p);
      p += 4;
    }
    if (p >= end) {
      w.error(start, end - start, "NLRI ends after its path identifier (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const unsigned bits = w.u8(p);
    if (bits > max_bits) {
      w.error(p, 1,
              "prefix length " + std::to_string(bits) + " exceeds " + std::to_string(max_bits) +
                  " bits (RFC 7606 §5.3: NOTIFICATION 3/10 Invalid Network Field)",
              b.on_error);
      return;
    }
    const std::uint32_t nbytes = (bits + 7) / 8;
    if (end - p - 1 < nbytes) {
      w.error(start, end - start,
              "a /" + std::to_string(bits) + " prefix needs " + text::byte_count(nbytes) + ", " +
                  text::byte_count(end - p - 1) + " left (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const Bytes addr = w.slice(p + 1, nbytes);
    // Counted as decoded, so that a later error in the field leaves the counts in step with
    // the prefixes listed before it.
    nlri::count_route(w, b, count);
    if (w.has_tree()) {
      const std::uint32_t node = w.open(FieldId::Prefix, start, p + 1 + nbytes - start);
      w.set_value(node,
                  [&] { return nlri::node_text(text::prefix(addr, family_bytes, bits), path_id); });
      if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
      w.leaf_uint(FieldId::PrefixLength, p, 1, bits);
      if (nbytes > 0) {
        w.leaf(FieldId::PrefixBytes, p + 1, nbytes, [&] { return text::hex_spaced(addr); });
        if (bits % 8 != 0 && (addr[nbytes - 1] & (0xFF >> (bits % 8))) != 0) {
          w.note(p + 1 + nbytes - 1, 1,
                 "bits past the prefix length are set; receivers ignore them (RFC 4271 §4.3)");
        }
      }
      w.close();
    }
    if (w.detail()) {
      // At Depth::Routes the entry says where the prefix is; its text is made only when wanted.
      NlriEntry& e = out.nlri.emplace_back();
      e.action = b.action;
      e.family = b.family;
      e.offset = start;
      e.length = p + 1 + nbytes - start;
      // Assigned only when present: copying the whole optional went through the stack in two
      // narrow stores and one wide load, a store-forwarding stall that cost a third of the loop.
      if (path_id) e.path_id = *path_id;
      e.plain_prefix = true;
      e.prefix_offset = p + 1;
      e.prefix_length = static_cast<std::uint8_t>(bits);
      if (w.wants_text()) e.text = text::prefix(addr, family_bytes, bits);
    }
    p += 1 + nbytes;
  }
}

}  // namespace bgplens

#include <algorithm>

#include "bgp/nlri/family_table.h"
#include "util/text.h"

namespace bgplens {
namespace {

// Whether `block` parses as a list of prefixes of at most `max_bits`, each optionally preceded
// by a 4-byte path identifier, ending exactly at the end of the block.
bool prefix_list_fits(Bytes block, unsigned max_bits, bool add_path, std::size_t* count,
                      std::size_t* zero_length) {
  std::size_t p = 0;
  *count = 0;
  *zero_length = 0;
  while (p < block.size()) {
    if (add_path) {
      if (block.size() - p < 4) return false;
      p += 4;
    }
    if (p >= block.size()) return false;
    const unsigned bits = block[p];
    if (bits > max_bits) return false;
    const std::size_t bytes = (bits + 7) / 8;
    if (block.size() - p - 1 < bytes) return false;
    p += 1 + bytes;
    ++*count;
    if (bits == 0) ++*zero_length;
  }
  return true;
}

// RFC 7911 gives no in-band signal for path identifiers, so without the session's OPENs the
// choice is made from the bytes: the reading that parses wins; if both parse, a list that
// only parses plainly by containing /0 prefixes among others is taken as ADD-PATH (path ids
// begin with zero bytes, which read as /0), otherwise plain.
bool guess_add_path(Bytes block, unsigned max_bits, std::string* reason) {
  std::size_t plain_count = 0;
  std::size_t plain_zero = 0;
  std::size_t ap_count = 0;
  std::size_t ap_zero = 0;
  const bool plain = prefix_list_fits(block, max_bits, false, &plain_count, &plain_zero);
  const bool with_ids = prefix_list_fits(block, max_bits, true, &ap_count, &ap_zero);
  if (plain && !with_ids) {
    *reason = "the bytes parse only without path identifiers";
    return false;
  }
  if (with_ids && !plain) {
    *reason = "the bytes parse only with path identifiers";
    return true;
  }
  if (!plain && !with_ids) {
    *reason = "the bytes parse neither way; decoded without path identifiers";
    return false;
  }
  if (plain_zero > 0 && plain_count > 1) {
    *reason = "without path identifiers the bytes read as " + std::to_string(plain_zero) +
              " default routes (/0) among " + std::to_string(plain_count) + " prefixes";
    return true;
  }
  *reason = "the bytes parse both ways; the plain reading is the likelier";
  return false;
}

}  // namespace

// RFC 4271 §4.3 (IPv4 unicast), RFC 4760 §5 (other families): length in bits, then the
// minimum number of octets; RFC 7911 §3 puts a 4-octet Path Identifier in front with ADD-PATH.
void decode_prefix_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool v4 = b.family.afi == afi::kIpv4;
  const unsigned max_bits = v4 ? 32 : 128;
  const unsigned family_bytes = v4 ? 4 : 16;
  const PeerContext& ctx = w.context();

  bool add_path = ctx.has_add_path(b.family);
  if (ctx.add_path_guessed(b.family)) {
    std::string reason;
    add_path = guess_add_path(w.slice(b.offset, b.length), max_bits, &reason);
    if (w.has_tree()) {
      w.note(b.offset, 0,
             std::string("ADD-PATH ") + (add_path ? "assumed present" : "assumed absent") +
                 " (heuristic): " + reason);
      state.add_path_notes.push_back({b.family, add_path, reason});
    }
  }

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
    if (++count == 1) out.update.add_family(b.family);
    if (b.action == NlriAction::Announce) {
      ++out.update.announced;
    } else {
      ++out.update.withdrawn;
    }
    if (w.detail() || w.has_tree()) {
      std::string text = text::prefix(addr, family_bytes, bits);
      if (w.has_tree()) {
        const std::uint32_t node = w.open(FieldId::Prefix, start, p + 1 + nbytes - start);
        w.set_value(node, path_id ? text + " path " + std::to_string(*path_id) : text);
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
        NlriEntry e;
        e.action = b.action;
        e.family = b.family;
        e.offset = start;
        e.length = p + 1 + nbytes - start;
        e.path_id = path_id;
        e.plain_prefix = true;
        e.text = std::move(text);
        out.nlri.push_back(std::move(e));
      }
    }
    p += 1 + nbytes;
  }
}

}  // namespace bgplens

// Labeled unicast (SAFI 4, RFC 8277 §2), VPN-IPv4/VPN-IPv6 (SAFI 128, RFC 4364 §4.3.4,
// RFC 4659 §3.2) and their multicast twin (SAFI 129, RFC 6513 §5.1.1, same encoding):
//   [path id (4), RFC 7911 §3] length (1, in bits) | labels (3 each) | [RD (8)] | prefix
// The length counts the bits of labels, RD and prefix together, so how many labels there are
// has to be read from the labels themselves.
#include <array>

#include "bgp/common/mpls_labels.h"
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/labeled_group.h"
#include "util/text.h"

namespace bgplens {
namespace {

struct Layout {
  std::uint32_t rd_bytes = 0;    // 8 for VPN families
  std::uint32_t addr_bytes = 4;  // 4 or 16
};

Layout layout_of(Family f) {
  return Layout{f.safi == 4 ? 0u : 8u, nlri::address_bytes(f)};
}

// How the bits of one NLRI divide.
struct Shape {
  bool valid = false;
  std::uint32_t labels = 0;
  std::uint32_t prefix_bits = 0;
  bool by_bottom_bit = false;  // the label count comes from the bottom-of-stack bit
};

// `data` is the ceil(length/8) bytes after the length octet. RFC 8277 §2.3: the labels run to
// the first entry with the bottom-of-stack (S) bit. RFC 8277 §2.2: without the Multiple Labels
// capability exactly one label is carried and S is ignored on receipt. Speakers send stacks
// without the capability (GoBGP: 3 labels), so the S bit is followed when that leaves a valid
// prefix; otherwise (no S bit, a withdrawal's 0x800000 of RFC 8277 §2.4) one label is taken.
Shape shape_of(Bytes data, std::uint32_t length_bits, Layout layout) {
  auto prefix_bits = [&](std::uint32_t labels) -> std::optional<std::uint32_t> {
    const std::uint32_t fixed = 24 * labels + 8 * layout.rd_bytes;
    if (length_bits < fixed || length_bits - fixed > 8 * layout.addr_bytes) return std::nullopt;
    return length_bits - fixed;
  };
  const bool compat_withdrawal = data.size() >= 3 && load_be24(data.data()) == kWithdrawnLabel;
  if (!compat_withdrawal) {
    const std::uint32_t k = count_labels(data, static_cast<std::uint32_t>(data.size() / 3));
    // A Route Distinguisher after the stack must be of a defined type (RFC 4364 §4.2): a
    // withdrawal's label without the S bit (6WIND sends 0x000000) followed by an RD of type 0
    // otherwise reads as two labels and an RD of type 61440.
    const bool rd_defined =
        layout.rd_bytes == 0 || (data.size() >= 3 * k + 2 && load_be16(data.data() + 3 * k) <= 2);
    if (k > 0 && (data[3 * k - 1] & 1) != 0 && rd_defined) {
      if (auto bits = prefix_bits(k)) return Shape{true, k, *bits, true};
    }
  }
  if (auto bits = prefix_bits(1)) return Shape{true, 1, *bits, false};
  return Shape{};
}

NlriListFit labeled_list_fit(Bytes field, Layout layout, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) {
      if (field.size() - p < 5) return fit;
      p += 4;
    }
    const std::uint32_t bits = field[p];
    const std::size_t bytes = (bits + 7) / 8;
    if (field.size() - p - 1 < bytes) return fit;
    if (!shape_of(field.subspan(p + 1, bytes), bits, layout).valid) return fit;
    p += 1 + bytes;
    ++fit.count;
  }
  fit.fits = true;
  return fit;
}

std::string shape_error(std::uint32_t bits, Layout layout) {
  std::string s = "length " + std::to_string(bits) + " bits leaves no room for one label (24)";
  if (layout.rd_bytes > 0) s += ", a Route Distinguisher (64)";
  s += " and a prefix of at most " + std::to_string(8 * layout.addr_bytes) + " bits";
  s += layout.rd_bytes > 0 ? " (RFC 4364 §4.3.4" : " (RFC 8277 §2.2";
  return s + ", RFC 7606 §5.3)";
}

// The labels of one NLRI as nodes; the warning when there are more than the session allows.
LabelStack labels(Walk& w, std::uint32_t at, const Shape& shape, std::uint32_t allowed) {
  LabelStack stack;
  if (nlri::wants_text(w)) stack = read_label_stack(w, at, at + 3 * shape.labels, shape.labels);
  if (shape.labels > allowed) {
    std::string message = std::to_string(shape.labels) +
                          " labels up to the bottom-of-stack bit, more than the " +
                          std::to_string(allowed);
    if (allowed > 1) {
      message += " the Multiple Labels capability allows (RFC 8277 §2.3)";
    } else {
      message += w.context().multiple_labels_from == Provenance::Heuristic
                     ? " assumed without the session's OPENs"
                     : " the session allows";
      message +=
          ": without the Multiple Labels capability exactly one label is carried "
          "(RFC 8277 §2.2)";
    }
    w.warning(at, 3 * shape.labels, std::move(message));
  } else if (!shape.by_bottom_bit && w.has_tree() && (w.u8(at + 2) & 1) == 0 &&
             load_be24(w.at(at)) != kWithdrawnLabel) {
    w.note(at, 3,
           "the bottom-of-stack bit is not set; one label is taken, as RFC 8277 §2.2 ignores the "
           "bit on receipt");
  }
  return stack;
}

// "10.1.0.0/24": the address with the bits past the prefix length cleared, as receivers read
// it (RFC 4271 §4.3) and as tshark shows it.
std::string masked_prefix(Walk& w, std::uint32_t at, std::uint32_t bits, Layout layout) {
  std::array<std::uint8_t, 16> address{};
  const std::uint32_t bytes = (bits + 7) / 8;
  for (std::uint32_t i = 0; i < bytes; ++i)
    address[i] = w.u8(at + i);
  if (bits % 8 != 0) address[bytes - 1] &= static_cast<std::uint8_t>(0xFF << (8 - bits % 8));
  return text::prefix(Bytes(address.data(), layout.addr_bytes), layout.addr_bytes, bits);
}

}  // namespace

void decode_labeled_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const Layout layout = layout_of(b.family);
  const bool add_path = resolve_add_path(w, b, state, [&](Bytes field, bool with_ids) {
    return labeled_list_fit(field, layout, with_ids);
  });
  const std::uint32_t allowed = w.context().labels_for(b.family);
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (!nlri::read_path_id(w, b, add_path, p, path_id)) return;
    const std::uint32_t bits = w.u8(p);
    const std::uint32_t nbytes = (bits + 7) / 8;
    if (end - p - 1 < nbytes) {
      w.error(start, end - start,
              "length " + std::to_string(bits) + " bits needs " + text::byte_count(nbytes) + ", " +
                  text::byte_count(end - p - 1) + " left (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const Shape shape = shape_of(w.slice(p + 1, nbytes), bits, layout);
    const std::uint32_t length = p + 1 + nbytes - start;
    if (!shape.valid) {
      // The length octet still frames the NLRI, so the next one can be read.
      w.error(start, length, shape_error(bits, layout), b.on_error);
      p += 1 + nbytes;
      continue;
    }
    nlri::count_route(w, b, count);
    const std::uint32_t node = w.open(FieldId::Prefix, start, length);
    if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
    w.leaf_uint(FieldId::LabeledLength, p, 1, bits);
    const std::uint32_t label_at = p + 1;
    // labels() makes the stack's nodes and text and the warnings; a route list with no text
    // and a stack within what the session allows needs none of them.
    const LabelStack stack = nlri::wants_text(w) || shape.labels > allowed
                                 ? labels(w, label_at, shape, allowed)
                                 : LabelStack{};
    const std::uint32_t rd_at = label_at + 3 * shape.labels;
    const std::string rd = layout.rd_bytes > 0 ? nlri::rd(w, rd_at) : std::string();
    const std::uint32_t prefix_at = rd_at + layout.rd_bytes;
    const std::uint32_t prefix_bytes = (shape.prefix_bits + 7) / 8;
    std::string text;
    if (nlri::wants_text(w)) {
      const std::string prefix = masked_prefix(w, prefix_at, shape.prefix_bits, layout);
      w.leaf(FieldId::LabeledPrefix, prefix_at, prefix_bytes, prefix);
      if (shape.prefix_bits % 8 != 0 &&
          (w.u8(prefix_at + prefix_bytes - 1) & (0xFF >> (shape.prefix_bits % 8))) != 0) {
        w.note(prefix_at + prefix_bytes - 1, 1,
               "bits past the prefix length are set; receivers ignore them (RFC 4271 §4.3), and "
               "so does the prefix shown");
      }
      text = prefix + " label " + stack.text();
      if (!rd.empty()) text += " RD " + rd;
      w.set_value(node, [&] { return nlri::node_text(text, path_id); });
    }
    if (NlriEntry* e = nlri::add_entry(w, b, start, length, path_id, std::move(text))) {
      e->prefix_offset = prefix_at;
      e->prefix_length = static_cast<std::uint8_t>(shape.prefix_bits);
    }
    w.close();
    p += 1 + nbytes;
  }
}

}  // namespace bgplens

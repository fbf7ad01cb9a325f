// L2VPN VPLS (AFI 25, SAFI 65). Two NLRI share the family, told apart by their length, which
// counts octets (not bits):
//   RFC 4761 §3.2.2 (label block, length 17): RD (8) | VE ID (2) | VE Block Offset (2) |
//                                             VE Block Size (2) | Label Base (3)
//   RFC 6074 §7 (BGP auto-discovery, length 12): RD (8) | PE address (4)
// each preceded by [path id (4), RFC 7911 §3] and the 2-octet length.
#include "bgp/common/mpls_labels.h"
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/labeled_group.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint32_t kLabelBlockLength = 17;     // RFC 4761 §3.2.2
constexpr std::uint32_t kAutoDiscoveryLength = 12;  // RFC 6074 §7

NlriListFit vpls_list_fit(Bytes field, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) p += 4;
    if (p + 2 > field.size()) return fit;
    const std::size_t length = load_be16(field.data() + p);
    if (length != kLabelBlockLength && length != kAutoDiscoveryLength) return fit;
    if (field.size() - p - 2 < length) return fit;
    p += 2 + length;
    ++fit.count;
  }
  fit.fits = true;
  return fit;
}

// The RFC 4761 fields after the RD; returns the text.
std::string label_block(Walk& w, std::uint32_t at, const std::string& rd) {
  const std::uint16_t ve_id = w.u16(at);
  const std::uint16_t offset = w.u16(at + 2);
  const std::uint16_t size = w.u16(at + 4);
  const std::uint32_t base_entry = load_be24(w.at(at + 6));
  const std::uint32_t base = label_value(base_entry);
  w.leaf_uint(FieldId::VplsVeId, at, 2, ve_id);
  w.leaf_uint(FieldId::VplsBlockOffset, at + 2, 2, offset);
  w.leaf_uint(FieldId::VplsBlockSize, at + 4, 2, size);
  const std::uint32_t node = w.open(FieldId::VplsLabelBase, at + 6, 3);
  w.set_value(node, [&] {
    std::string s = std::to_string(base);
    if (size > 0) s += " (labels " + s + "–" + std::to_string(base + size - 1) + ")";
    return s;
  });
  w.leaf_uint(FieldId::LabelValue, at + 6, 3, base, 0xFFFFF0);
  w.leaf_uint(FieldId::LabelTc, at + 6, 3, (base_entry >> 1) & 7, 0x00000E);
  w.leaf(FieldId::LabelBottom, at + 6, 3, label_bottom(base_entry) ? "1" : "0", 0x000001);
  w.close();
  if (!nlri::wants_text(w)) return {};
  return "RD " + rd + " VE " + std::to_string(ve_id) + " block offset " + std::to_string(offset) +
         " size " + std::to_string(size) + " label base " + std::to_string(base);
}

}  // namespace

void decode_vpls_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool add_path = resolve_add_path(
      w, b, state, [&](Bytes field, bool with_ids) { return vpls_list_fit(field, with_ids); });
  const std::uint32_t end = b.offset + b.length;
  std::uint32_t p = b.offset;
  std::uint32_t count = 0;
  while (p < end) {
    const std::uint32_t start = p;
    std::optional<std::uint32_t> path_id;
    if (!nlri::read_path_id(w, b, add_path, p, path_id)) return;
    if (end - p < 2) {
      w.error(start, end - start, "the 2-byte length needs 2 bytes, 1 byte left (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const std::uint32_t value_length = w.u16(p);
    if (end - p - 2 < value_length) {
      w.error(start, end - start,
              "length " + std::to_string(value_length) + " exceeds " + bytes_left(end - p - 2) +
                  " (RFC 7606 §5.3)",
              b.on_error);
      return;
    }
    const std::uint32_t length = p + 2 + value_length - start;
    if (value_length != kLabelBlockLength && value_length != kAutoDiscoveryLength) {
      w.error(start, length,
              "length " + std::to_string(value_length) +
                  " is neither 17 (label block, RFC 4761 §3.2.2) nor 12 (auto-discovery, "
                  "RFC 6074 §7) (RFC 7606 §5.3)",
              b.on_error);
      p += 2 + value_length;
      continue;
    }
    nlri::count_route(w, b, count);
    const std::uint32_t node = w.open(FieldId::VplsNlri, start, length);
    if (path_id) w.leaf_uint(FieldId::PathId, start, 4, *path_id);
    w.leaf(FieldId::VplsLength, p, 2, [&] {
      return std::to_string(value_length) +
             (value_length == kLabelBlockLength ? " (label block)" : " (auto-discovery)");
    });
    const std::string rd = nlri::rd(w, p + 2);
    std::string text;
    if (value_length == kLabelBlockLength) {
      text = label_block(w, p + 10, rd);
    } else {
      w.leaf(FieldId::VplsPeAddress, p + 10, 4, [&] { return text::ipv4(w.at(p + 10)); });
      if (nlri::wants_text(w)) text = "RD " + rd + " PE " + text::ipv4(w.at(p + 10));
    }
    w.set_value(node, [&] { return nlri::node_text(text, path_id); });
    w.close();
    nlri::add_entry(w, b, start, length, path_id, std::move(text));
    p += 2 + value_length;
  }
}

}  // namespace bgplens

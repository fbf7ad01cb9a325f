#include "bgp/nlri/family_table.h"

#include <charconv>
#include <vector>

#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr FamilySpec kFamilies[] = {
    {{1, 1}, "ipv4-unicast", decode_prefix_nlri},
    {{1, 2}, "ipv4-multicast", decode_prefix_nlri},
    {{2, 1}, "ipv6-unicast", decode_prefix_nlri},
    {{2, 2}, "ipv6-multicast", decode_prefix_nlri},
};

}  // namespace

std::span<const FamilySpec> prefix_families() {
  return kFamilies;
}

namespace {

const std::vector<const FamilySpec*>& all_families() {
  static const std::vector<const FamilySpec*> all = [] {
    std::vector<const FamilySpec*> v;
    for (auto group : {prefix_families(), labeled_families(), flowspec_families(), evpn_families(),
                       bgpls_families()}) {
      for (const FamilySpec& s : group)
        v.push_back(&s);
    }
    return v;
  }();
  return all;
}

}  // namespace

const FamilySpec* find_family(Family f) {
  for (const FamilySpec* s : all_families()) {
    if (s->family == f) return s;
  }
  return nullptr;
}

const FamilySpec* find_family(std::string_view name) {
  for (const FamilySpec* s : all_families()) {
    if (s->name == name) return s;
  }
  return nullptr;
}

std::optional<Family> parse_family(std::string_view text) {
  const auto slash = text.find('/');
  if (slash != std::string_view::npos) {
    unsigned afi = 0;
    unsigned safi = 0;
    const char* b = text.data();
    const char* e = b + text.size();
    const auto r1 = std::from_chars(b, b + slash, afi);
    const auto r2 = std::from_chars(b + slash + 1, e, safi);
    if (r1.ec != std::errc() || r1.ptr != b + slash || r2.ec != std::errc() || r2.ptr != e ||
        afi > 65535 || safi > 255) {
      return std::nullopt;
    }
    return Family{static_cast<std::uint16_t>(afi), static_cast<std::uint8_t>(safi)};
  }
  if (const FamilySpec* spec = find_family(text)) return spec->family;
  return std::nullopt;
}

std::string family_name(Family f) {
  const FamilySpec* spec = find_family(f);
  return spec ? std::string(spec->name) : family_numbers(f);
}

void decode_nlri_block(Walk& w, const NlriBlock& block, UpdateState& state) {
  if (block.length == 0) return;
  if (const FamilySpec* spec = find_family(block.family)) {
    spec->decode(w, block, state);
    return;
  }
  // A family this version does not decode: the bytes stay visible as one raw node.
  w.leaf(FieldId::RawNlri, block.offset, block.length, [&] {
    return names::family(block.family) + ": " +
           text::hex_spaced(w.slice(block.offset, block.length), 32);
  });
  if (block.action == NlriAction::Announce) {
    w.out().update.announced += 1;
  } else {
    w.out().update.withdrawn += 1;
  }
  w.out().update.add_family(block.family);
}

}  // namespace bgplens

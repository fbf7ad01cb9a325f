// The pieces of an NLRI walk that every family's decoder shares: the ADD-PATH path identifier
// (RFC 7911 §3), route counts, item-list entries, node texts, addresses and RDs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bgp/common/route_distinguisher.h"
#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace nlri {

bool read_path_id_slow(Walk& w, const NlriBlock& b, std::uint32_t& p,
                       std::optional<std::uint32_t>& path_id);

// With ADD-PATH, reads the 4-octet path identifier at `p` (RFC 7911 §3) and moves `p` past it.
// False, after reporting the error, when the field ends before an NLRI follows it. (Inline for
// the common case without ADD-PATH: it runs once per route.)
inline bool read_path_id(Walk& w, const NlriBlock& b, bool add_path, std::uint32_t& p,
                         std::optional<std::uint32_t>& path_id) {
  path_id.reset();
  return !add_path || read_path_id_slow(w, b, p, path_id);
}

// Counts one route of the block (announced or withdrawn) and, on the block's first, its family.
// Inline: it runs once per route.
inline void count_route(Walk& w, const NlriBlock& b, std::uint32_t& count) {
  UpdateCounts& counts = w.out().update;
  if (++count == 1) counts.add_family(b.family);
  if (b.action == NlriAction::Announce) {
    ++counts.announced;
  } else {
    ++counts.withdrawn;
  }
}

// The value of an NLRI's node: its text, with " path N" under ADD-PATH.
std::string node_text(const std::string& text, std::optional<std::uint32_t> path_id);

// Whether texts are wanted: for the tree's values or the item lists' text (Depth::Detail).
inline bool wants_text(const Walk& w) {
  return w.wants_text() || w.has_tree();
}

// Appends the item-list entry of one NLRI (Depth::Routes and deeper; `text` is empty below
// Depth::Detail) and returns it, or null when no item list is wanted.
// (`path_id` by reference: an optional passed by value is packed through the stack, which
// stalls store forwarding once per route.)
// Inline, built in place with the fields assigned one by one: it runs once per route.
inline NlriEntry* add_entry(Walk& w, const NlriBlock& b, std::uint32_t offset, std::uint32_t length,
                            const std::optional<std::uint32_t>& path_id, std::string text) {
  if (!w.detail()) return nullptr;
  NlriEntry& e = w.out().nlri.emplace_back();
  e.action = b.action;
  e.family = b.family;
  e.offset = offset;
  e.length = length;
  if (path_id) e.path_id = *path_id;
  if (!text.empty()) e.text = std::move(text);
  return &e;
}

// "192.0.2.1" or "2001:db8::1" for an address of 4 or 16 bytes.
std::string address_text(const std::uint8_t* p, std::uint32_t bytes);

// The Route Distinguisher at `offset` as a node and text. When no text is wanted none is
// made; rd_node is still called for an RD type no RFC defines, whose warning is a problem at
// every depth.
inline std::string rd(Walk& w, std::uint32_t offset) {
  if (wants_text(w) || load_be16(w.at(offset)) > 2) return rd_node(w, offset);
  return {};
}

// 4 for IPv4 families, 16 for IPv6.
inline std::uint32_t address_bytes(Family f) {
  return f.afi == afi::kIpv4 ? 4 : 16;
}

}  // namespace nlri
}  // namespace bgplens

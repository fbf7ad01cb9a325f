// MPLS label entries as BGP carries them (3 octets: 20-bit label, 3 TC bits, bottom-of-stack
// bit; RFC 8277 §2). Shared by labeled unicast, VPN, EVPN, MVPN and VPLS decoders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bgp/walk.h"

namespace bgplens {

struct LabelStack {
  std::vector<std::uint32_t> entries;  // the raw 24-bit entries
  std::uint32_t length = 0;            // bytes read
  bool bottom_seen = false;            // the last entry read has the bottom-of-stack bit
  // "100", "100, 200, 300"; the withdrawal compatibility value as "0x800000".
  std::string text() const;
};

inline std::uint32_t label_value(std::uint32_t entry) {
  return entry >> 4;
}
inline bool label_bottom(std::uint32_t entry) {
  return (entry & 1) != 0;
}
// RFC 8277 §2.4: 0x800000 in a withdrawal stands for "no label".
inline constexpr std::uint32_t kWithdrawnLabel = 0x800000;

// Reads entries at `offset` up to `end`: stops after an entry with the bottom-of-stack bit,
// or after `max_entries`. Adds one Label node per entry (with value, TC and S bits).
LabelStack read_label_stack(Walk& w, std::uint32_t offset, std::uint32_t end,
                            std::uint32_t max_entries);

// How many entries a stack at the start of `bytes` has (up to and including the first with the
// bottom-of-stack bit, at most `max_entries`), without adding nodes: for deciding first.
// Inline: it runs once per labeled route.
inline std::uint32_t count_labels(Bytes bytes, std::uint32_t max_entries) {
  std::uint32_t n = 0;
  for (std::size_t p = 0; p + 3 <= bytes.size() && n < max_entries; p += 3) {
    ++n;
    if (bytes[p + 2] & 1) break;
  }
  return n;
}

// One Label node (with its bit fields) for the entry at `offset`; returns the entry.
std::uint32_t label_node(Walk& w, std::uint32_t offset);

}  // namespace bgplens

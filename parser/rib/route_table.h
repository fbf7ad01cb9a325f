// Decoded routes held compactly: one 16-byte row per route, every distinct set of path
// attributes stored once. This is how a large table (a full-table transfer, an MRT RIB) stays
// within a few bytes per route; it is the base of the Adj-RIB-In reconstruction to come.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bgp/decoded_message.h"
#include "util/bytes.h"

namespace bgplens {

class RouteTable {
 public:
  struct Route {
    std::uint32_t prefix = 0;      // offset of the prefix bytes in the prefix pool
    std::uint32_t attributes = 0;  // attribute set id; 0 for withdrawals
    std::uint32_t path_id = 0;
    std::uint8_t prefix_bits = 0;
    std::uint8_t family = 0;  // index into the families seen
    NlriAction action = NlriAction::Announce;
    std::uint8_t has_path_id = 0;
  };
  static_assert(sizeof(Route) == 16, "a route row is 16 bytes");

  RouteTable();

  // Adds the routes of one decoded UPDATE (decoded at Depth::Routes or deeper): its
  // announcements with its attribute set, its withdrawals with none.
  void add(Bytes message, const DecodedMessage& decoded);

  std::size_t size() const { return routes_.size(); }
  const Route& route(std::size_t i) const { return routes_[i]; }
  std::size_t attribute_set_count() const { return sets_.size() - 1; }
  Bytes attribute_set(std::uint32_t id) const;
  Family family(const Route& r) const { return families_[r.family]; }
  Bytes prefix(const Route& r) const;
  // Bytes held by the table: rows, prefixes, attribute sets and their index.
  std::size_t memory_bytes() const;
  void reserve(std::size_t routes);

 private:
  struct Set {
    std::uint64_t hash;
    std::uint32_t page;
    std::uint32_t offset;
    std::uint32_t length;
  };
  // The bytes of the UPDATE's attribute set: in the message where they are contiguous.
  Bytes set_of(Bytes message, const DecodedMessage& decoded);
  std::uint32_t intern_attributes(Bytes set, std::uint64_t hash);
  std::uint8_t family_index(Family f);
  const std::uint8_t* set_bytes(const Set& s) const { return pages_[s.page].get() + s.offset; }
  void grow_index();

  std::vector<Route> routes_;
  std::vector<std::uint8_t> prefixes_;
  // Attribute sets live in fixed pages that never move, so a set's bytes stay where they are.
  static constexpr std::size_t kPageSize = 1 << 20;
  std::vector<std::unique_ptr<std::uint8_t[]>> pages_;
  std::size_t page_used_ = kPageSize;
  std::vector<Set> sets_;  // set 0 is the empty set
  // Open addressing. A slot holds a set id (low 32 bits, 0 = free) and the high 32 bits of its
  // hash, so a probe compares tags without touching sets_ (a cache miss per probe otherwise).
  std::vector<std::uint64_t> index_;
  std::vector<Family> families_;
  std::vector<std::uint8_t> scratch_;
};

}  // namespace bgplens

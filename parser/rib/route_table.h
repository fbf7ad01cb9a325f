// Decoded routes held compactly: one 16-byte row per route, every distinct set of path
// attributes stored once. This is how a large table (a full-table transfer, an MRT RIB) stays
// within a few bytes per route; it is the base of the Adj-RIB-In reconstruction to come.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "bgp/decoded_message.h"
#include "util/bytes.h"
#include "util/large_block.h"

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
  const Route& route(std::size_t i) const {
    settle();
    return routes_[i];
  }
  std::size_t attribute_set_count() const {
    settle();
    return sets_.size() - 1;
  }
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
  // An UPDATE's set not yet looked up: its bytes (in pending_bytes_) and its rows. Looking a
  // set up is a cache miss in the index for nearly every UPDATE, so lookups are queued and the
  // index slots prefetched; the queue is resolved kPendingDepth UPDATEs later (by then the
  // slots are in cache) or before anything is read.
  struct Pending {
    std::uint64_t hash;
    std::uint32_t offset;  // in pending_bytes_
    std::uint32_t length;
    std::uint32_t first_row;
    std::uint32_t end_row;
  };
  static constexpr std::size_t kPendingDepth = 16;

  // The bytes of the UPDATE's attribute set: in the message where they are contiguous.
  Bytes set_of(Bytes message, const DecodedMessage& decoded);
  // Looks every queued set up (adding the new ones) and gives their rows the set ids. Logically
  // const: it completes what add() started, so the mutable members below are its state.
  void settle() const {
    if (!pending_.empty()) resolve_pending();
  }
  void resolve_pending() const;
  std::uint32_t intern_attributes(Bytes set, std::uint64_t hash) const;
  std::uint8_t family_index(Family f);
  const std::uint8_t* set_bytes(const Set& s) const { return pages_[s.page].get() + s.offset; }
  void grow_index() const;

  // The big arrays take their memory in huge-page blocks (util/large_block.h).
  template <class T>
  using Array = std::vector<T, LargeBlockAllocator<T>>;
  using Page = std::unique_ptr<std::uint8_t, LargeBlockDeleter>;

  mutable Array<Route> routes_;  // the attributes of queued rows are set by settle()
  Array<std::uint8_t> prefixes_;
  // Attribute sets live in fixed pages that never move, so a set's bytes stay where they are.
  static constexpr std::size_t kPageSize = kLargeBlock;
  mutable std::vector<Page> pages_;
  mutable std::size_t page_used_ = kPageSize;
  mutable Array<Set> sets_;  // set 0 is the empty set
  // Open addressing. A slot holds a set id (low 32 bits, 0 = free) and the high 32 bits of its
  // hash, so a probe compares tags without touching sets_ (a cache miss per probe otherwise).
  mutable Array<std::uint64_t> index_;
  mutable std::vector<Pending> pending_;
  mutable std::vector<std::uint8_t> pending_bytes_;
  std::vector<Family> families_;
  std::uint8_t last_family_ = 0;
  std::vector<std::uint8_t> scratch_;
};

}  // namespace bgplens

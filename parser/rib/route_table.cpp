#include "rib/route_table.h"

#include <algorithm>
#include <cstring>

namespace bgplens {
namespace {

// FNV-1a over 8-byte words, then a final avalanche: fast for the 30–150 byte attribute sets
// of real UPDATEs, and spread well enough for linear probing.
std::uint64_t hash_bytes(const std::uint8_t* p, std::size_t n) {
  std::uint64_t h = 1469598103934665603ULL ^ n;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    h = (h ^ word) * 1099511628211ULL;
  }
  for (; i < n; ++i)
    h = (h ^ p[i]) * 1099511628211ULL;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

RouteTable::RouteTable() : sets_{Set{0, 0, 0, 0}}, index_(1024, 0) {}

void RouteTable::reserve(std::size_t routes) {
  routes_.reserve(routes);
  prefixes_.reserve(routes * 3);
}

std::uint8_t RouteTable::family_index(Family f) {
  // Consecutive routes are nearly always of one family.
  if (last_family_ < families_.size() && families_[last_family_] == f) return last_family_;
  for (std::size_t i = 0; i < families_.size(); ++i) {
    if (families_[i] == f) return last_family_ = static_cast<std::uint8_t>(i);
  }
  families_.push_back(f);
  return last_family_ = static_cast<std::uint8_t>(families_.size() - 1);
}

Bytes RouteTable::attribute_set(std::uint32_t id) const {
  settle();
  const Set& s = sets_[id];
  return s.length == 0 ? Bytes{} : Bytes(set_bytes(s), s.length);
}

Bytes RouteTable::prefix(const Route& r) const {
  return Bytes(prefixes_.data() + r.prefix, (r.prefix_bits + 7u) / 8u);
}

namespace {

std::uint64_t slot_entry(std::uint64_t hash, std::uint32_t id) {
  return (hash & 0xFFFFFFFF00000000ULL) | id;
}
std::uint32_t slot_id(std::uint64_t entry) {
  return static_cast<std::uint32_t>(entry);
}

}  // namespace

void RouteTable::grow_index() const {
  Array<std::uint64_t> bigger(index_.size() * 2, 0);
  const std::size_t mask = bigger.size() - 1;
  for (std::uint32_t id = 1; id < sets_.size(); ++id) {
    std::size_t slot = sets_[id].hash & mask;
    while (bigger[slot] != 0)
      slot = (slot + 1) & mask;
    bigger[slot] = slot_entry(sets_[id].hash, id);
  }
  index_ = std::move(bigger);
}

Bytes RouteTable::set_of(Bytes message, const DecodedMessage& d) {
  // The set is the attributes as they were on the wire, without MP_REACH/MP_UNREACH (which
  // carry the NLRI, not properties of the path). Without those, that is one contiguous run of
  // the message, used in place; otherwise the rest is gathered in scratch_. Items inside an
  // earlier one (the attributes of an ATTR_SET, listed too) are part of it already.
  bool contiguous = true;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  for (const ItemRange& a : d.attributes) {
    if (a.offset + a.length > message.size()) return {};
    if (end == 0) begin = a.offset;
    if (a.code == 14 || a.code == 15) contiguous = false;
    end = std::max(end, a.offset + a.length);
  }
  if (contiguous) return message.subspan(begin, end - begin);
  scratch_.clear();
  std::uint32_t covered = 0;
  for (const ItemRange& a : d.attributes) {
    if (a.offset < covered) continue;
    covered = a.offset + a.length;
    if (a.code == 14 || a.code == 15) continue;
    scratch_.insert(scratch_.end(), message.begin() + a.offset,
                    message.begin() + a.offset + a.length);
  }
  return Bytes(scratch_.data(), scratch_.size());
}

std::uint32_t RouteTable::intern_attributes(Bytes set, std::uint64_t hash) const {
  if (set.empty()) return 0;
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = hash & mask;
  const std::uint64_t tag = slot_entry(hash, 0);
  for (; index_[slot] != 0; slot = (slot + 1) & mask) {
    if ((index_[slot] & 0xFFFFFFFF00000000ULL) != tag) continue;
    const Set& s = sets_[slot_id(index_[slot])];
    if (s.hash == hash && s.length == set.size() &&
        std::memcmp(set_bytes(s), set.data(), s.length) == 0) {
      return slot_id(index_[slot]);
    }
  }
  // A new set: copied once into the current page (a fresh page when it does not fit).
  if (page_used_ + set.size() > kPageSize) {
    const std::size_t bytes = std::max(kPageSize, set.size());
    pages_.emplace_back(static_cast<std::uint8_t*>(allocate_large(bytes)),
                        LargeBlockDeleter{bytes});
    page_used_ = 0;
  }
  std::memcpy(pages_.back().get() + page_used_, set.data(), set.size());
  sets_.push_back(Set{hash, static_cast<std::uint32_t>(pages_.size() - 1),
                      static_cast<std::uint32_t>(page_used_),
                      static_cast<std::uint32_t>(set.size())});
  page_used_ += set.size();
  const auto id = static_cast<std::uint32_t>(sets_.size() - 1);
  index_[slot] = slot_entry(hash, id);
  if (sets_.size() * 2 > index_.size()) grow_index();  // load factor at most 1/2
  return id;
}

void RouteTable::resolve_pending() const {
  for (const Pending& p : pending_) {
    const std::uint32_t id =
        intern_attributes(Bytes(pending_bytes_.data() + p.offset, p.length), p.hash);
    for (std::uint32_t i = p.first_row; i < p.end_row; ++i) {
      if (routes_[i].action == NlriAction::Announce) routes_[i].attributes = id;
    }
  }
  pending_.clear();
  pending_bytes_.clear();
}

void RouteTable::add(Bytes message, const DecodedMessage& d) {
  if (d.nlri.empty()) return;
  bool announces = false;
  for (const NlriEntry& e : d.nlri)
    announces = announces || e.action == NlriAction::Announce;
  const Bytes set = announces ? set_of(message, d) : Bytes{};
  const auto first_row = static_cast<std::uint32_t>(routes_.size());
  for (const NlriEntry& e : d.nlri) {
    if (!e.prefix_length) continue;  // not a prefix-shaped NLRI (FlowSpec, EVPN...): not held here
    const std::uint32_t nbytes = (*e.prefix_length + 7u) / 8u;
    if (e.prefix_offset + nbytes > message.size()) continue;
    Route r;
    r.prefix = static_cast<std::uint32_t>(prefixes_.size());
    r.prefix_bits = *e.prefix_length;
    // At most 16 bytes: copied byte by byte rather than through a memmove call per route.
    const std::size_t at = prefixes_.size();
    prefixes_.resize(at + nbytes);
    for (std::uint32_t i = 0; i < nbytes; ++i)
      prefixes_[at + i] = message[e.prefix_offset + i];
    r.attributes = 0;  // announcements get their set's id when the queue is resolved
    r.path_id = e.path_id.value_or(0);
    r.has_path_id = e.path_id.has_value();
    r.family = family_index(e.family);
    r.action = e.action;
    routes_.push_back(r);
  }
  const auto end_row = static_cast<std::uint32_t>(routes_.size());
  if (set.empty() || end_row == first_row) return;
  const std::uint64_t hash = hash_bytes(set.data(), set.size());
  if (pending_.size() >= kPendingDepth) resolve_pending();
  __builtin_prefetch(&index_[hash & (index_.size() - 1)]);
  pending_.push_back(Pending{hash, static_cast<std::uint32_t>(pending_bytes_.size()),
                             static_cast<std::uint32_t>(set.size()), first_row, end_row});
  pending_bytes_.insert(pending_bytes_.end(), set.begin(), set.end());
}

std::size_t RouteTable::memory_bytes() const {
  settle();
  // What the arrays take from the kernel: large ones in whole 2 MiB pages.
  return large_block_footprint(routes_.capacity() * sizeof(Route)) +
         large_block_footprint(prefixes_.capacity()) +
         pages_.size() * large_block_footprint(kPageSize) +
         large_block_footprint(sets_.capacity() * sizeof(Set)) +
         large_block_footprint(index_.capacity() * sizeof(std::uint64_t)) +
         pages_.capacity() * sizeof(Page);
}

}  // namespace bgplens

// The prefixes of a synthetic full routing table, in the order a RIB dump lists them (RFC 6396
// §4.3.2 records are written in prefix order by the collectors): unique, non-overlapping,
// sorted by address, with realistic length mixes (IPv4 mostly /24, then /22, /23, /20, /21,
// /16...; IPv6 mostly /48, then /32, /44, /40, /36, /29...), spread over the unicast space the
// RIRs hand out. Each prefix belongs to an origin network: neighbouring prefixes often share
// one (an organisation's block), and a few popular origins hold many prefixes. Streamed: the
// walker holds one /16 (IPv4) or /32 (IPv6) block at a time. Deterministic from the seed.
#pragma once

#include <cstdint>
#include <vector>

#include "gen/message_builder.h"

namespace bgplens::gen {

// A fixed pseudo-random value per key (splitmix64's finaliser).
inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class MixRng {
 public:
  explicit MixRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return mix64(state_++); }
  std::uint32_t below(std::uint64_t n) { return n ? static_cast<std::uint32_t>(next() % n) : 0; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// How an origin announces one of its prefixes; the path a peer sees follows from it
// (InternetModel::as_path).
namespace route_variant {
inline constexpr std::uint8_t kPlain = 0;
inline constexpr std::uint8_t kOriginPrepend = 1;   // traffic engineering: origin AS repeated
inline constexpr std::uint8_t kBackupUpstream = 2;  // announced through the second provider
inline constexpr std::uint8_t kAggregate = 3;       // AS_SET, ATOMIC_AGGREGATE, AGGREGATOR
inline constexpr std::uint8_t kTransitPrepend = 4;  // the upstream prepends
inline constexpr std::uint8_t kAggregator = 5;      // AGGREGATOR only
// 8 and above: a detour through another tier-1 (path changes in update streams).
inline constexpr std::uint8_t kFirstDetour = 8;
}  // namespace route_variant

struct TablePrefix {
  Prefix prefix;
  std::uint32_t origin = 0;  // index of the origin network (InternetModel::origin_as)
  std::uint8_t variant = route_variant::kPlain;
};

class PrefixWalker {
 public:
  // `origins`: how many origin networks the table's prefixes are spread over.
  PrefixWalker(bool ipv6, std::uint64_t count, std::uint32_t origins, std::uint64_t seed);
  // The next prefix in address order; false once all `count` were given.
  bool next(TablePrefix& out);
  std::uint64_t given() const { return given_; }

 private:
  struct Region {
    std::uint64_t first_block;
    std::uint64_t blocks;
    double share;  // of the table's prefixes
  };
  void visit();
  bool place_short();
  void place_block(std::uint64_t items);
  void fill(std::uint64_t offset, unsigned length, std::vector<std::uint8_t>& lengths,
            std::size_t from, std::size_t to);
  void emit(std::uint64_t value, unsigned length);
  std::uint8_t draw_length(bool short_one);

  bool v6_;
  std::uint64_t count_;
  std::uint32_t origins_;
  MixRng rng_;
  unsigned width_;      // bits of the address values handled: 32 (IPv4) or the top 64 (IPv6)
  unsigned block_len_;  // the block the walker fills at once: /16 or /32
  std::vector<Region> regions_;
  double short_share_ = 0;  // of the prefixes: the ones of a block or more
  std::size_t region_ = 0;
  std::uint64_t cursor_ = 0;          // next block of the current region, relative to it
  std::uint64_t region_left_ = 0;     // prefixes still to place in the current region
  double mean_stride_ = 1;            // blocks from one visited block to the next
  std::uint64_t visits_ = 0;          // to the current region
  std::vector<TablePrefix> pending_;  // the current block's prefixes, in address order
  std::size_t pending_at_ = 0;
  std::uint64_t placed_ = 0;
  std::uint64_t given_ = 0;
  std::uint32_t origin_ = 0;
  std::uint32_t run_left_ = 0;  // prefixes still to give the current origin
};

}  // namespace bgplens::gen

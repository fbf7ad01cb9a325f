#include "gen/mrt_prefixes.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace bgplens::gen {
namespace {

// Prefix lengths by share of a table, per million prefixes, from the shape of the RIS and
// RouteViews tables (2023–2024). The short ones are scaled down: a real table covers much of
// its space twice (aggregates and their more-specifics), ours must not overlap.
using LengthWeights = std::vector<std::pair<std::uint8_t, std::uint32_t>>;

const LengthWeights& v4_short() {
  static const LengthWeights w{{8, 2},    {9, 4},    {10, 10},  {11, 25},  {12, 60},
                               {13, 150}, {14, 300}, {15, 600}, {16, 6000}};
  return w;
}
const LengthWeights& v4_items() {
  static const LengthWeights w{{17, 7000},  {18, 12000},  {19, 24000},  {20, 45000},
                               {21, 45000}, {22, 120000}, {23, 100000}, {24, 640000}};
  return w;
}
const LengthWeights& v6_short() {
  static const LengthWeights w{{19, 200},   {20, 500},  {21, 100},  {22, 300},   {23, 200},
                               {24, 300},   {25, 100},  {26, 150},  {27, 150},   {28, 700},
                               {29, 30000}, {30, 1500}, {31, 1500}, {32, 120000}};
  return w;
}
const LengthWeights& v6_items() {
  static const LengthWeights w{{33, 3000},   {34, 4000},  {35, 3000},  {36, 30000}, {37, 3000},
                               {38, 4000},   {39, 2000},  {40, 60000}, {41, 3000},  {42, 12000},
                               {43, 3000},   {44, 90000}, {45, 15000}, {46, 30000}, {47, 25000},
                               {48, 510000}, {56, 3000},  {64, 2000}};
  return w;
}

std::uint64_t total(const LengthWeights& w) {
  std::uint64_t n = 0;
  for (const auto& [len, weight] : w)
    n += weight;
  return n;
}

// Most blocks hold about the mean, some many more, some none (Erlang-2, mean 1).
double spread(MixRng& rng) {
  return -0.5 * (std::log1p(-rng.unit()) + std::log1p(-rng.unit()));
}

// An item count with the expectation `x` (rounded up with the fraction's probability).
std::uint64_t round_randomly(MixRng& rng, double x) {
  const double whole = std::floor(x);
  return static_cast<std::uint64_t>(whole) + (rng.unit() < x - whole ? 1 : 0);
}

constexpr std::uint64_t kMaxItemsPerBlock = 4096;

}  // namespace

PrefixWalker::PrefixWalker(bool ipv6, std::uint64_t count, std::uint32_t origins,
                           std::uint64_t seed)
    : v6_(ipv6),
      count_(count),
      origins_(std::max<std::uint32_t>(1, origins)),
      rng_(mix64(seed ^ (ipv6 ? 0x6666'0000'0000ULL : 0x4444'0000'0000ULL))),
      width_(ipv6 ? 64 : 32),
      block_len_(ipv6 ? 32 : 16) {
  if (!v6_) {
    // The unicast space, in /16s, without the ranges that never appear in a table: 0/8, 10/8,
    // 100.64/10 (RFC 6598), 127/8, 169.254/16, 172.16/12, 192.168/16, 198.18/15 (RFC 2544),
    // 224/3 (multicast and reserved).
    const std::pair<std::uint64_t, std::uint64_t> ranges[] = {{1 << 8, 10 << 8},
                                                              {11 << 8, (100 << 8) + 64},
                                                              {(100 << 8) + 128, 127 << 8},
                                                              {128 << 8, (169 << 8) + 254},
                                                              {(169 << 8) + 255, (172 << 8) + 16},
                                                              {(172 << 8) + 32, (192 << 8) + 168},
                                                              {(192 << 8) + 169, (198 << 8) + 18},
                                                              {(198 << 8) + 20, 224 << 8}};
    std::uint64_t all = 0;
    for (const auto& [from, to] : ranges)
      all += to - from;
    for (const auto& [from, to] : ranges)
      regions_.push_back({from, to - from, static_cast<double>(to - from) / all});
  } else {
    // In /32s: 2001::/16 (the first RIR allocations) from 2001:200:: on, without Teredo
    // (2001::/32, RFC 4380) and the documentation prefix (2001:db8::/32, RFC 3849); then the
    // RIRs' /12s (APNIC, ARIN, LACNIC, RIPE NCC, AFRINIC), shared roughly as their routed
    // prefixes are.
    regions_ = {{0x2001'0200, 0xDB8 - 0x200, 0.03}, {0x2001'0DB9, 0x10000 - 0xDB9, 0.05},
                {0x2400'0000, 1 << 20, 0.22},       {0x2600'0000, 1 << 20, 0.25},
                {0x2800'0000, 1 << 20, 0.10},       {0x2A00'0000, 1 << 20, 0.33},
                {0x2C00'0000, 1 << 20, 0.02}};
  }
  // Short prefixes take their share of the table, unless they would take more than a third of
  // the space (tables several times today's size): each takes 2^(block_len − length) blocks,
  // and half as much again on average to be aligned.
  const LengthWeights& shorts = v6_ ? v6_short() : v4_short();
  double blocks_each = 0;
  for (const auto& [len, weight] : shorts)
    blocks_each += 1.5 * static_cast<double>(weight) * (std::uint64_t{1} << (block_len_ - len));
  blocks_each /= static_cast<double>(total(shorts));
  double space = 0;
  for (const Region& r : regions_)
    space += static_cast<double>(r.blocks);
  short_share_ = std::min(
      static_cast<double>(total(shorts)) / (total(shorts) + total(v6_ ? v6_items() : v4_items())),
      space / 3 / blocks_each / std::max<double>(1, count_));
  region_ = 0;
  cursor_ = 0;
  region_left_ = static_cast<std::uint64_t>(std::llround(count_ * regions_[0].share));
  mean_stride_ = v6_ ? std::max(1.0, regions_[0].blocks / std::max(1.0, region_left_ / 6.0)) : 1;
}

bool PrefixWalker::next(TablePrefix& out) {
  while (pending_at_ == pending_.size()) {
    if (placed_ == count_) return false;
    pending_.clear();
    pending_at_ = 0;
    visit();
  }
  out = pending_[pending_at_++];
  ++given_;
  return true;
}

void PrefixWalker::visit() {
  const bool last = region_ + 1 == regions_.size();
  const Region& r = regions_[region_];
  std::uint64_t left = last ? count_ - placed_ : region_left_;
  if (cursor_ >= r.blocks || left == 0) {
    if (last) throw std::length_error("prefix table: more prefixes than the address space holds");
    // What this region did not place goes to the next one.
    ++region_;
    cursor_ = 0;
    visits_ = 0;
    const Region& n = regions_[region_];
    region_left_ = std::min(count_ - placed_,
                            left + static_cast<std::uint64_t>(std::llround(count_ * n.share)));
    if (v6_) mean_stride_ = std::max(1.0, n.blocks / std::max(1.0, region_left_ / 6.0));
    return;
  }
  // Visits to come, from the blocks left and how far a visit has moved the cursor on average
  // (the stride, and the blocks short prefixes took), starting from the stride alone.
  const double advance = (cursor_ + 8 * mean_stride_) / (visits_ + 8);
  const double visits_left = std::max(1.0, (r.blocks - cursor_) / advance);
  ++visits_;
  // The region's last visit takes what is left for it (its last block: it is never skipped).
  const bool final_visit = r.blocks - cursor_ <= mean_stride_;
  const double mean = static_cast<double>(left) / visits_left;  // prefixes per visit
  if (final_visit) {
    place_block(std::min(left, kMaxItemsPerBlock));
    cursor_ = r.blocks;
    return;
  }
  // The visit's share of short prefixes (a block or more each, aligned, from the cursor on),
  // then the block after them filled with longer ones.
  std::uint64_t items = round_randomly(rng_, (1 - short_share_) * mean * spread(rng_));
  for (std::uint64_t n = round_randomly(rng_, short_share_ * mean); n > 0; --n) {
    if (!place_short()) ++items;  // no room left in the region: a longer one instead
  }
  if (cursor_ < r.blocks - 1) {
    place_block(std::min({items, count_ - placed_, kMaxItemsPerBlock}));
    // On to the next block visited, at the latest the region's last (never taken by a short
    // prefix), which the final visit fills.
    const std::uint64_t stride =
        v6_ ? 1 + rng_.below(static_cast<std::uint64_t>(2 * mean_stride_ - 1)) : 1;
    cursor_ = std::min(cursor_ + stride, r.blocks - 1);
  }
}

// A short prefix at the first block at or after the cursor aligned to its size, if it ends
// before the region's last block; the cursor moves to the block after it.
bool PrefixWalker::place_short() {
  const Region& r = regions_[region_];
  const unsigned len = draw_length(true);
  const std::uint64_t blocks = std::uint64_t{1} << (block_len_ - len);
  const std::uint64_t at = (r.first_block + cursor_ + blocks - 1) & ~(blocks - 1);
  if (at + blocks >= r.first_block + r.blocks) return false;  // (the space skipped stays free)
  emit(at << (width_ - block_len_), len);
  cursor_ = at - r.first_block + blocks;
  return true;
}

void PrefixWalker::place_block(std::uint64_t items) {
  if (items == 0) return;
  // Item sizes in units of the longest prefix; a block holds 2^(width − block_len) of them.
  const auto size = [this](unsigned len) { return std::uint64_t{1} << (width_ - len); };
  std::array<std::uint64_t, 65> count{};
  std::uint64_t used = 0;
  for (std::uint64_t i = 0; i < items; ++i) {
    const unsigned len = draw_length(false);
    ++count[len];
    used += size(len);
  }
  // Too many for the block: the largest ones are split in halves' worth (made one bit longer).
  for (unsigned len = block_len_ + 1; used > size(block_len_) && len < width_; ++len) {
    while (count[len] > 0 && used > size(block_len_)) {
      --count[len];
      ++count[len + 1];
      used -= size(len + 1);
    }
  }
  std::vector<std::uint8_t> lengths;
  lengths.reserve(items);
  for (unsigned len = 0; len <= width_; ++len)
    lengths.insert(lengths.end(), count[len], static_cast<std::uint8_t>(len));
  const Region& r = regions_[region_];
  fill((r.first_block + cursor_) << (width_ - block_len_), block_len_, lengths, 0, lengths.size());
}

// Places lengths[from, to) (longest prefix last) in the aligned space of a /length at `offset`:
// each goes to a random half that still has room, and the halves are filled the same way.
// Sizes are powers of two taken largest first, so a half's room is always a multiple of the
// next size and everything that fits the whole fits the halves; the result is aligned,
// non-overlapping and comes out in address order.
void PrefixWalker::fill(std::uint64_t offset, unsigned length, std::vector<std::uint8_t>& lengths,
                        std::size_t from, std::size_t to) {
  if (from == to) return;
  if (to - from == 1 && lengths[from] == length) return emit(offset, length);
  const std::uint64_t half = std::uint64_t{1} << (width_ - length - 1);
  std::uint64_t room[2] = {half, half};
  std::vector<std::uint8_t> side[2];
  for (std::size_t i = from; i < to; ++i) {
    const std::uint64_t s = std::uint64_t{1} << (width_ - lengths[i]);
    // Allocations start at the front of a block more often than not.
    int h = rng_.below(10) < 6 ? 0 : 1;
    if (room[h] < s) h = 1 - h;
    room[h] -= s;
    side[h].push_back(lengths[i]);
  }
  std::copy(side[0].begin(), side[0].end(), lengths.begin() + static_cast<std::ptrdiff_t>(from));
  std::copy(side[1].begin(), side[1].end(),
            lengths.begin() + static_cast<std::ptrdiff_t>(from + side[0].size()));
  const std::size_t mid = from + side[0].size();
  fill(offset, length + 1, lengths, from, mid);
  fill(offset + half, length + 1, lengths, mid, to);
}

void PrefixWalker::emit(std::uint64_t value, unsigned length) {
  TablePrefix t;
  t.prefix.length = static_cast<std::uint8_t>(length);
  const unsigned bytes = v6_ ? 8 : 4;
  for (unsigned i = 0; i < bytes; ++i)
    t.prefix.address[i] = static_cast<std::uint8_t>(value >> (8 * (bytes - 1 - i)));
  if (run_left_ == 0) {
    // A few networks hold many prefixes (the largest a few thousand of a million): the origin's
    // index is skewed towards the front.
    const double u = rng_.unit();
    origin_ = static_cast<std::uint32_t>(origins_ * u * u);
    run_left_ = 1;
    while (rng_.below(10) < 6)
      ++run_left_;  // neighbouring prefixes of one organisation: 2.5 on average
  }
  --run_left_;
  t.origin = origin_;
  const std::uint32_t r = rng_.below(1000);
  namespace rv = route_variant;
  t.variant = r < 880   ? rv::kPlain
              : r < 930 ? rv::kOriginPrepend
              : r < 965 ? rv::kBackupUpstream
              : r < 970 ? rv::kAggregate
              : r < 990 ? rv::kTransitPrepend
                        : rv::kAggregator;
  pending_.push_back(t);
  ++placed_;
  if (region_left_ > 0) --region_left_;
}

std::uint8_t PrefixWalker::draw_length(bool short_one) {
  const LengthWeights& w =
      short_one ? (v6_ ? v6_short() : v4_short()) : (v6_ ? v6_items() : v4_items());
  std::uint64_t x = rng_.below(total(w));
  for (const auto& [len, weight] : w) {
    if (x < weight) return len;
    x -= weight;
  }
  return w.back().first;
}

}  // namespace bgplens::gen

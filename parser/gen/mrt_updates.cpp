// write_mrt_updates (gen/mrt_dump.h): a route collector's update stream after the RIB dump.
//
// Events happen at random times; each schedules the records it causes (at once or later:
// propagation delays, a route's return, a session coming back) in a time-ordered queue, and
// the queue is written out up to the next event's time, so the file is in time order while
// only the scheduled records are held.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

#include "gen/message_builder.h"
#include "gen/mrt_dump.h"
#include "gen/mrt_dump_shared.h"
#include "gen/mrt_internet.h"
#include "gen/mrt_prefixes.h"
#include "gen/mrt_writer.h"

namespace bgplens::gen {
namespace {

constexpr std::uint64_t kSecond = 1'000'000;  // the stream's clock counts microseconds
constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};
// Prefixes per UPDATE at most: well inside 4096 octets (RFC 4271 §4) with any attributes.
constexpr std::size_t kPrefixesPerUpdate = 200;
constexpr std::uint32_t kDetours = 15;  // detour variants (one per tier-1)

// BGP FSM states as MRT numbers them (RFC 6396 §4.4.1).
enum State : std::uint16_t { kIdle = 1, kConnect, kActive, kOpenSent, kOpenConfirm, kEstablished };

struct Pending {
  std::uint64_t time = 0;
  std::uint64_t order = 0;  // ties keep the order of scheduling
  std::uint32_t peer = 0;
  std::uint32_t epoch = 0;  // the session it belongs to: a reset drops what was not sent
  bool state_change = false;
  std::uint16_t old_state = 0;
  std::uint16_t new_state = 0;
  ByteVector message;
  std::uint32_t announced = 0;
  std::uint32_t withdrawn = 0;
  bool v6 = false;
  bool operator>(const Pending& o) const {
    return time != o.time ? time > o.time : order > o.order;
  }
};

class UpdateStream {
 public:
  UpdateStream(const MrtUpdatesSpec& spec, const InternetModel& model,
               const std::vector<TablePrefix> (&table)[2], ChunkedOutput& out,
               MrtUpdatesSummary& summary)
      : spec_(spec),
        model_(model),
        table_(table),
        out_(out),
        sum_(summary),
        rng_(mix64(spec.table.seed ^ 0x0DA7E5)),
        epoch_(model.peers().size(), 0),
        down_until_(model.peers().size(), 0) {
    std::uint64_t total = 0;
    for (const CollectorPeer& p : model.peers())
      cumulative_weight_.push_back(total += p.update_weight);
  }

  bool run() {
    std::uint64_t now = std::uint64_t{spec_.start ? spec_.start : spec_.table.timestamp} * kSecond;
    for (std::uint64_t event = 0; sum_.records < spec_.records; ++event) {
      // About 50 events a second, each a handful of records on average.
      now += 1 + static_cast<std::uint64_t>(-std::log1p(-rng_.unit()) * 20'000);
      if (!write_until(now)) return false;
      if (sum_.records >= spec_.records) break;
      // A session reset early on, so that even short streams have one; then now and then.
      const std::uint32_t r = rng_.below(10000);
      if (event == 20 || r < 2) {
        reset(pick_peer(), now);
      } else if (r < 2500) {
        origin_event(now);
      } else if (r < 4000) {
        path_hunting(now);
      } else {
        single_change(now);
      }
    }
    return write_until(UINT64_MAX);
  }

 private:
  std::uint32_t pick_peer() {
    const std::uint64_t x = rng_.below(cumulative_weight_.back());
    return static_cast<std::uint32_t>(
        std::upper_bound(cumulative_weight_.begin(), cumulative_weight_.end(), x) -
        cumulative_weight_.begin());
  }
  bool up(std::uint32_t peer, std::uint64_t t) const { return down_until_[peer] <= t; }
  bool pick_family(std::uint32_t peer) {
    const CollectorPeer& p = model_.peers()[peer];
    if (p.ipv4_routes && p.ipv6_routes) return rng_.below(5) == 0;
    return p.ipv6_routes;
  }
  // A prefix of the family the peer has a route to (its table index), if one is found soon.
  std::optional<std::uint64_t> pick_prefix(std::uint32_t peer, bool v6) {
    const std::vector<TablePrefix>& t = table_[v6];
    for (int tries = 0; tries < 8 && !t.empty(); ++tries) {
      const std::uint64_t i = rng_.next() % t.size();
      if (model_.carries(peer, v6, i)) return i;
    }
    return std::nullopt;
  }
  std::uint64_t delay(std::uint64_t mean) {
    return static_cast<std::uint64_t>(-std::log1p(-rng_.unit()) * static_cast<double>(mean));
  }

  void schedule(Pending p) {
    p.order = order_++;
    if (!p.state_change) p.epoch = epoch_[p.peer];
    queue_.push(std::move(p));
  }

  // UPDATEs announcing (variant given) or withdrawing the table's prefixes `keys`, as many as
  // needed to hold them.
  void routes(std::uint32_t peer, bool v6, const std::vector<std::uint64_t>& keys,
              std::optional<std::uint8_t> variant, std::uint64_t t) {
    const CollectorPeer& cp = model_.peers()[peer];
    for (std::size_t from = 0; from < keys.size(); from += kPrefixesPerUpdate) {
      const std::size_t to = std::min(keys.size(), from + kPrefixesPerUpdate);
      std::vector<Prefix> prefixes;
      for (std::size_t i = from; i < to; ++i)
        prefixes.push_back(table_[v6][keys[i]].prefix);
      Pending p;
      p.time = t + (from / kPrefixesPerUpdate) * 300;
      p.peer = peer;
      p.v6 = v6;
      if (!variant) {
        p.withdrawn = static_cast<std::uint32_t>(prefixes.size());
        p.message = v6 ? update({{}, {mp_unreach(kIpv6Unicast, prefixes)}, {}})
                       : update({prefixes, {}, {}});
      } else {
        p.announced = static_cast<std::uint32_t>(prefixes.size());
        model_.attributes(peer, table_[v6][keys[from]].origin, *variant, v6, attrs_);
        p.message = v6 ? update({{},
                                 {attrs_.before_mp, mp_reach(kIpv6Unicast, cp.next_hop6, prefixes),
                                  attrs_.after_mp},
                                 {}})
                       : update({{}, {attrs_.before_mp, attrs_.after_mp}, prefixes});
      }
      schedule(std::move(p));
    }
  }
  void route(std::uint32_t peer, bool v6, std::uint64_t key, std::optional<std::uint8_t> variant,
             std::uint64_t t) {
    routes(peer, v6, {key}, variant, t);
  }
  std::uint8_t detour() {
    return static_cast<std::uint8_t>(route_variant::kFirstDetour + rng_.below(kDetours));
  }

  // One peer changes one route: a new path, the usual one again, or a withdrawal (often
  // followed by the route's return).
  void single_change(std::uint64_t t) {
    const std::uint32_t peer = pick_peer();
    if (!up(peer, t)) return;
    const bool v6 = pick_family(peer);
    const auto key = pick_prefix(peer, v6);
    if (!key) return;
    const std::uint8_t usual = table_[v6][*key].variant;
    const std::uint32_t r = rng_.below(100);
    if (r < 25) {
      route(peer, v6, *key, std::nullopt, t);
      if (rng_.below(2) == 0) route(peer, v6, *key, usual, t + 10 * kSecond + delay(60 * kSecond));
    } else {
      route(peer, v6, *key, r < 55 ? usual : r < 65 ? route_variant::kBackupUpstream : detour(), t);
    }
  }

  // Path exploration at one peer: a few paths one after another, at times ending withdrawn.
  void path_hunting(std::uint64_t t) {
    const std::uint32_t peer = pick_peer();
    if (!up(peer, t)) return;
    const bool v6 = pick_family(peer);
    const auto key = pick_prefix(peer, v6);
    if (!key) return;
    for (std::uint32_t i = 0, n = 2 + rng_.below(4); i < n; ++i) {
      t += kSecond / 2 + delay(5 * kSecond);
      route(peer, v6, *key, detour(), t);
    }
    if (rng_.below(10) < 3) route(peer, v6, *key, std::nullopt, t + delay(10 * kSecond));
  }

  // Something changes at an origin (a link to its upstream, an outage): all its neighbouring
  // prefixes move together at most peers, each a little later than the last, and come back.
  void origin_event(std::uint64_t t) {
    const bool v6 = rng_.below(5) == 0;
    const std::vector<TablePrefix>& tab = table_[v6];
    if (tab.empty()) return;
    const std::uint64_t at = rng_.next() % tab.size();
    std::uint64_t first = at, last = at;
    while (first > 0 && at - first < 32 && tab[first - 1].origin == tab[at].origin)
      --first;
    while (last + 1 < tab.size() && last - at < 32 && tab[last + 1].origin == tab[at].origin)
      ++last;
    const bool outage = rng_.below(5) == 0;
    const std::uint8_t variant = rng_.below(3) == 0 ? route_variant::kBackupUpstream : detour();
    const std::uint64_t back = t + 30 * kSecond + delay(90 * kSecond);
    for (std::uint32_t peer = 0; peer < model_.peers().size(); ++peer) {
      if (!up(peer, t) || rng_.below(10) == 0) continue;
      std::vector<std::uint64_t> keys;
      for (std::uint64_t k = first; k <= last; ++k) {
        if (model_.carries(peer, v6, k)) keys.push_back(k);
      }
      if (keys.empty()) continue;
      const std::uint64_t seen = t + delay(3 * kSecond) + rng_.below(kSecond);
      if (outage && rng_.below(10) < 3) routes(peer, v6, keys, detour(), seen);  // path hunting
      routes(peer, v6, keys, outage ? std::nullopt : std::optional<std::uint8_t>(variant),
             seen + (outage ? kSecond + delay(10 * kSecond) : 0));
      // Back to the usual routes (grouped by how each is announced).
      const std::uint64_t again = back + delay(3 * kSecond);
      for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i;
        std::vector<std::uint64_t> same;
        while (j < keys.size() && tab[keys[j]].variant == tab[keys[i]].variant)
          same.push_back(keys[j++]);
        routes(peer, v6, same, tab[keys[i]].variant, again + i * 1000);
        i = j;
      }
    }
  }

  // The session drops (Established → Idle) and comes back through the FSM's states; the peer
  // then sends its table again (a slice of it here: the whole table would be the whole
  // stream), prefixes of one origin and path together, and End-of-RIB (RFC 4724 §2).
  void reset(std::uint32_t peer, std::uint64_t t) {
    if (!up(peer, t)) return;
    ++epoch_[peer];
    const auto state = [&](std::uint16_t from, std::uint16_t to, std::uint64_t when) {
      Pending p;
      p.time = when;
      p.peer = peer;
      p.epoch = epoch_[peer];
      p.state_change = true;
      p.old_state = from;
      p.new_state = to;
      schedule(std::move(p));
    };
    state(kEstablished, kIdle, t);
    t += 5 * kSecond + delay(30 * kSecond);
    state(kIdle, kConnect, t);
    if (rng_.below(10) < 3) {
      // The first connection attempt failed: Active, then the peer's own attempt.
      t += 1 * kSecond + delay(10 * kSecond);
      state(kConnect, kActive, t);
      t += delay(kSecond);
      state(kActive, kOpenSent, t);
    } else {
      t += delay(kSecond / 10);
      state(kConnect, kOpenSent, t);
    }
    t += delay(kSecond / 10);
    state(kOpenSent, kOpenConfirm, t);
    t += delay(kSecond / 10);
    state(kOpenConfirm, kEstablished, t);
    down_until_[peer] = t + kSecond;
    const CollectorPeer& cp = model_.peers()[peer];
    for (const bool v6 : {false, true}) {
      if (!(v6 ? cp.ipv6_routes : cp.ipv4_routes) || table_[v6].empty()) continue;
      const std::vector<TablePrefix>& tab = table_[v6];
      const std::uint64_t count = std::min<std::uint64_t>(tab.size(), 300 + rng_.below(3000));
      const std::uint64_t from = rng_.next() % (tab.size() - count + 1);
      std::vector<std::uint64_t> keys;
      for (std::uint64_t k = from; k < from + count; ++k) {
        if (!model_.carries(peer, v6, k)) continue;
        if (!keys.empty() &&
            (tab[k].origin != tab[keys[0]].origin || tab[k].variant != tab[keys[0]].variant)) {
          t += 200 + rng_.below(2000);
          routes(peer, v6, keys, tab[keys[0]].variant, t);
          keys.clear();
        }
        keys.push_back(k);
      }
      if (!keys.empty()) routes(peer, v6, keys, tab[keys[0]].variant, t += 500);
      Pending eor;
      eor.time = t += 1000;
      eor.peer = peer;
      eor.v6 = v6;
      eor.message = v6 ? update({{}, {mp_unreach(kIpv6Unicast, {})}, {}}) : update({});
      schedule(std::move(eor));
    }
    down_until_[peer] = std::max(down_until_[peer], t);
  }

  // Writes what is due up to `t` (dropping what a session reset cut off).
  bool write_until(std::uint64_t t) {
    while (!queue_.empty() && queue_.top().time <= t && sum_.records < spec_.records) {
      // The heap's top is const; it is moved out just before pop() destroys it.
      Pending p = std::move(const_cast<Pending&>(queue_.top()));
      queue_.pop();
      if (!p.state_change && p.epoch != epoch_[p.peer]) continue;
      write(p);
      if (!out_.maybe_flush()) return false;
    }
    return true;
  }

  void write(const Pending& p) {
    const CollectorPeer& cp = model_.peers()[p.peer];
    const Bgp4mpEnds ends{cp.as, model_.collector_as(), 0, cp.ip, cp.local_ip};
    MrtTime time{static_cast<std::uint32_t>(p.time / kSecond), {}};
    if (spec_.extended_time) time.microseconds = static_cast<std::uint32_t>(p.time % kSecond);
    if (p.state_change) {
      bgp4mp_state_change(out_.writer(), time, ends, p.old_state, p.new_state);
      ++sum_.state_changes;
    } else {
      bgp4mp_message(out_.writer(), time, ends, p.message);
      ++sum_.updates;
      if (p.announced == 0 && p.withdrawn == 0) ++sum_.end_of_rib;
      (p.v6 ? sum_.ipv6_announced : sum_.ipv4_announced) += p.announced;
      (p.v6 ? sum_.ipv6_withdrawn : sum_.ipv4_withdrawn) += p.withdrawn;
    }
    if (sum_.records++ == 0) sum_.first_time = time.seconds;
    sum_.last_time = time.seconds;
  }

  const MrtUpdatesSpec& spec_;
  const InternetModel& model_;
  const std::vector<TablePrefix> (&table_)[2];
  ChunkedOutput& out_;
  MrtUpdatesSummary& sum_;
  MixRng rng_;
  std::vector<std::uint64_t> cumulative_weight_;
  std::vector<std::uint32_t> epoch_;
  std::vector<std::uint64_t> down_until_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue_;
  std::uint64_t order_ = 0;
  RouteAttributes attrs_;
};

}  // namespace

bool write_mrt_updates(const MrtUpdatesSpec& spec, const ChunkSink& sink,
                       MrtUpdatesSummary& summary) {
  summary = MrtUpdatesSummary{};
  const std::uint32_t origins = mrt_origin_count(spec.table);
  const InternetModel model(spec.table.peers, origins, spec.table.seed);
  // The RIB's prefixes (as write_mrt_rib walks them), to pick from.
  std::vector<TablePrefix> table[2];
  for (const bool v6 : {false, true}) {
    PrefixWalker walk(v6, v6 ? spec.table.ipv6_prefixes : spec.table.ipv4_prefixes, origins,
                      spec.table.seed);
    table[v6].reserve(v6 ? spec.table.ipv6_prefixes : spec.table.ipv4_prefixes);
    TablePrefix t;
    while (walk.next(t))
      table[v6].push_back(t);
  }
  ChunkedOutput out(sink, summary.bytes);
  UpdateStream stream(spec, model, table, out, summary);
  return stream.run() && out.flush();
}

}  // namespace bgplens::gen

// write_mrt_rib (gen/mrt_dump.h), and the in-memory forms of both dumps.
#include "gen/mrt_dump.h"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "gen/mrt_dump_shared.h"
#include "gen/mrt_internet.h"
#include "gen/mrt_prefixes.h"
#include "gen/mrt_writer.h"

namespace bgplens::gen {
namespace {

// The attributes a peer sends for an origin's routes, remembered: neighbouring prefixes
// usually share an origin (and so each peer's path and attributes), and popular origins come
// back often. Direct-mapped per peer: building them is most of the generator's work.
class AttributeCache {
 public:
  AttributeCache(const InternetModel& model, bool v6)
      : model_(model), v6_(v6), slots_(model.peers().size() * kSlots) {}

  const RouteAttributes& get(std::uint32_t peer, std::uint32_t origin, std::uint8_t variant) {
    const std::uint64_t key = (std::uint64_t{origin} << 8) | variant;
    Slot& s = slots_[peer * kSlots + mix64(key) % kSlots];
    if (!s.valid || s.key != key) {
      model_.attributes(peer, origin, variant, v6_, s.attributes);
      s.key = key;
      s.valid = true;
    }
    return s.attributes;
  }

 private:
  static constexpr std::size_t kSlots = 2048;
  struct Slot {
    std::uint64_t key = 0;
    bool valid = false;
    RouteAttributes attributes;
  };
  const InternetModel& model_;
  bool v6_;
  std::vector<Slot> slots_;
};

}  // namespace

std::uint32_t mrt_origin_count(const MrtTableSpec& spec) {
  // About one origin network per 16 prefixes, as in today's tables (75,000 for 1.2 million).
  return static_cast<std::uint32_t>(16 + (spec.ipv4_prefixes + spec.ipv6_prefixes) / 16);
}

bool write_mrt_rib(const MrtTableSpec& spec, const ChunkSink& sink, MrtRibSummary& summary) {
  summary = MrtRibSummary{};
  const std::uint32_t origins = mrt_origin_count(spec);
  const InternetModel model(spec.peers, origins, spec.seed);
  const std::vector<CollectorPeer>& peers = model.peers();
  ChunkedOutput out(sink, summary.bytes);

  std::vector<IndexedPeer> index;
  for (const CollectorPeer& p : peers)
    index.push_back({p.bgp_id, p.ip, p.as, p.as > 0xFFFF});
  // RIS writes an empty view name.
  peer_index_table(out.writer(), spec.timestamp, model.collector_id(), "", index);
  summary.records = 1;
  summary.peers = static_cast<std::uint32_t>(peers.size());

  std::vector<ByteVector> mp_reach;  // RFC 6396 §4.3.4 form, per peer
  for (const CollectorPeer& p : peers)
    mp_reach.push_back(rib_mp_reach(p.next_hop6));

  std::uint32_t sequence = 0;
  for (const bool v6 : {false, true}) {
    AttributeCache cache(model, v6);
    PrefixWalker walk(v6, v6 ? spec.ipv6_prefixes : spec.ipv4_prefixes, origins, spec.seed);
    TablePrefix t;
    std::uint64_t key = 0;
    std::uint32_t fallback = 0;  // a peer of the family, for prefixes nobody else has
    while (fallback + 1 < peers.size() &&
           !(v6 ? peers[fallback].ipv6_routes : peers[fallback].ipv4_routes))
      ++fallback;
    while (walk.next(t)) {
      RibRecordWriter rec(out.writer(), spec.timestamp, sequence++, t.prefix, v6);
      const auto add = [&](std::uint32_t i) {
        const RouteAttributes& a = cache.get(i, t.origin, t.variant);
        const std::array<Bytes, 3> parts{Bytes(a.before_mp), Bytes(mp_reach[i]), Bytes(a.after_mp)};
        // IPv4 routes carry NEXT_HOP among the first attributes and no MP_REACH_NLRI.
        const std::array<Bytes, 2> v4_parts{Bytes(a.before_mp), Bytes(a.after_mp)};
        rec.entry(static_cast<std::uint16_t>(i), model.originated(i, v6, key, spec.timestamp),
                  v6 ? std::span<const Bytes>(parts) : std::span<const Bytes>(v4_parts));
      };
      for (std::uint32_t i = 0; i < peers.size(); ++i) {
        if (model.carries(i, v6, key)) add(i);
      }
      // A table lists only prefixes someone has a route to.
      if (rec.entries() == 0) add(fallback);
      (v6 ? summary.ipv6_entries : summary.ipv4_entries) += rec.entries();
      summary.most_entries = std::max<std::uint32_t>(summary.most_entries, rec.entries());
      rec.finish();
      ++(v6 ? summary.ipv6_records : summary.ipv4_records);
      ++summary.records;
      ++key;
      if (!out.maybe_flush()) return false;
    }
  }
  return out.flush();
}

ByteVector make_mrt_rib(const MrtTableSpec& spec, MrtRibSummary* summary) {
  ByteVector all;
  MrtRibSummary local;
  write_mrt_rib(spec, collect_into(all), summary ? *summary : local);
  return all;
}

ByteVector make_mrt_updates(const MrtUpdatesSpec& spec, MrtUpdatesSummary* summary) {
  ByteVector all;
  MrtUpdatesSummary local;
  write_mrt_updates(spec, collect_into(all), summary ? *summary : local);
  return all;
}

}  // namespace bgplens::gen

// The seed scenarios of issue #3 (parser/gen/seed_messages.h), decoded to the route list:
// the same bytes scripts/bench/exabgp_decode.py gives ExaBGP 4.2, so that scripts/bench/run
// can report the ratios.
//   BM_SeedUpdate1000Ipv4   one UPDATE, 1000 IPv4 prefixes          (items = prefixes)
//   BM_SeedUpdate100Vpnv4   one UPDATE, 100 VPNv4 routes            (items = prefixes)
//   BM_SeedStream800k       240k UPDATEs, 800k prefixes, decoded and held in a RouteTable
#include <benchmark/benchmark.h>

#include "bgp/message_decoder.h"
#include "gen/seed_messages.h"
#include "rib/route_table.h"

using namespace bgplens;

namespace {

PeerContext four_octet_session() {
  PeerContext c;
  c.as4 = true;
  c.as4_from = Provenance::Negotiated;
  c.add_path_from = Provenance::Negotiated;
  c.extended_message_from = Provenance::Negotiated;
  c.multiple_labels_from = Provenance::Negotiated;
  c.extended_next_hop_from = Provenance::Negotiated;
  c.open_sent = 0;
  c.open_received = 1;
  return c;
}

// The route list is the caller's: decoding reuses it, as a consumer of a stream would.
void decode_one(benchmark::State& state, const gen::ByteVector& message) {
  const PeerContext ctx = four_octet_session();
  DecodedMessage d;
  std::size_t routes = 0;
  for (auto _ : state) {
    decode_message(message, ctx, Depth::Routes, d);
    routes = d.nlri.size();
    benchmark::DoNotOptimize(d.nlri.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(routes * state.iterations()));
  state.counters["routes"] = static_cast<double>(routes);
}

void seed_update_1000_ipv4(benchmark::State& state) {
  static const gen::ByteVector message = gen::seed_update_1000_ipv4();
  decode_one(state, message);
}

void seed_update_100_vpnv4(benchmark::State& state) {
  static const gen::ByteVector message = gen::seed_update_100_vpnv4();
  decode_one(state, message);
}

void seed_stream_800k(benchmark::State& state) {
  static const gen::ByteVector stream = gen::seed_stream();
  const PeerContext ctx = four_octet_session();
  std::size_t routes = 0;
  std::size_t memory = 0;
  std::size_t sets = 0;
  for (auto _ : state) {
    RouteTable table;
    table.reserve(800'000);
    DecodedMessage d;
    for (std::size_t p = 0; p + kHeaderLength <= stream.size();) {
      const std::size_t length = load_be16(stream.data() + p + 16);
      const Bytes message(stream.data() + p, length);
      decode_message(message, ctx, Depth::Routes, d);
      table.add(message, d);
      p += length;
    }
    routes = table.size();
    memory = table.memory_bytes();
    sets = table.attribute_set_count();
    benchmark::DoNotOptimize(routes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(routes * state.iterations()));
  state.counters["routes"] = static_cast<double>(routes);
  state.counters["held_bytes"] = static_cast<double>(memory);
  state.counters["attribute_sets"] = static_cast<double>(sets);
}

}  // namespace

BENCHMARK(seed_update_1000_ipv4)->Name("BM_SeedUpdate1000Ipv4")->Unit(benchmark::kMicrosecond);
BENCHMARK(seed_update_100_vpnv4)->Name("BM_SeedUpdate100Vpnv4")->Unit(benchmark::kMicrosecond);
BENCHMARK(seed_stream_800k)->Name("BM_SeedStream800k")->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Indexing and field-tree benchmarks. Report: messages indexed per second, bytes per second,
// and the time to build one full field tree.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "bgp/message_decoder.h"
#include "buffer/region.h"
#include "capture/pcap_reader.h"
#include "gen/bulk_capture.h"
#include "gen/message_builder.h"
#include "index/capture_indexer.h"

using namespace bgplens;

namespace {

class CountingSink final : public IndexSink {
 public:
  void on_batch(IndexBatch&& batch) override { records += batch.records.size(); }
  std::uint64_t records = 0;
};

const gen::ByteVector& capture(std::uint32_t updates) {
  static std::map<std::uint32_t, gen::ByteVector> cache;
  auto& c = cache[updates];
  if (c.empty()) {
    gen::BulkSpec spec;
    spec.updates_per_session = updates;
    c = gen::make_bulk_capture(spec);
  }
  return c;
}

// The baseline: libpcap reading the same bytes and touching every packet, nothing else.
void libpcap_baseline_bench(benchmark::State& state) {
  const auto& bytes = capture(static_cast<std::uint32_t>(state.range(0)));
  std::uint64_t packets = 0;
  for (auto _ : state) {
    auto store = std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(bytes));
    auto reader = PcapReader::open(store);
    Packet packet;
    std::uint64_t sum = 0;
    while ((*reader)->next(packet))
      sum += packet.data.size();
    benchmark::DoNotOptimize(sum);
    packets += (*reader)->position() > 0 ? 1 : 0;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes.size() * state.iterations()));
}

// A real capture from the shared data: ExaBGP bursting 42k prefixes at GoBGP.
void index_shared_burst_bench(benchmark::State& state) {
  const std::string path = std::string(BGPLENS_SHARED_DIR_DEFAULT) +
                           "/captures/daemons/exabgp-gobgp-burst-42k-prefixes.pcap";
  auto mapped = MappedFile::open(path);
  if (!mapped) {
    state.SkipWithError(("no shared capture: " + mapped.error()).c_str());
    return;
  }
  std::uint64_t messages = 0;
  for (auto _ : state) {
    auto store = std::make_shared<ByteStore>(*mapped);
    CountingSink sink;
    benchmark::DoNotOptimize(index_capture(store, sink));
    messages += sink.records;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(messages));
  state.SetBytesProcessed(
      static_cast<std::int64_t>((*mapped)->bytes().size() * state.iterations()));
}

void index_capture_bench(benchmark::State& state) {
  const auto& bytes = capture(static_cast<std::uint32_t>(state.range(0)));
  std::uint64_t messages = 0;
  for (auto _ : state) {
    auto store = std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(bytes));
    CountingSink sink;
    auto stats = index_capture(store, sink);
    benchmark::DoNotOptimize(stats);
    messages += sink.records;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(messages));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes.size() * state.iterations()));
  state.counters["messages"] =
      static_cast<double>(messages) / static_cast<double>(state.iterations());
}

// An UPDATE close to 4096 bytes: many attributes and ~900 prefixes.
gen::ByteVector big_update() {
  std::vector<gen::Prefix> nlri;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    gen::Prefix p;
    p.address = {static_cast<std::uint8_t>(20 + i / 65536), static_cast<std::uint8_t>(i >> 8),
                 static_cast<std::uint8_t>(i), 0};
    p.length = 24;
    nlri.push_back(p);
  }
  std::vector<gen::ByteVector> attrs{
      gen::origin(0), gen::as_path({{2, {65001, 65002, 65003, 4200000000}}}, true),
      gen::next_hop("10.0.0.1"), gen::med(10), gen::communities({0xFDE90001, 0xFFFFFF01})};
  gen::ByteVector msg;
  while (true) {
    msg = gen::update({{}, attrs, nlri});
    if (msg.size() <= 4096) break;
    nlri.pop_back();
  }
  return msg;
}

void field_tree_bench(benchmark::State& state) {
  const gen::ByteVector msg = big_update();
  PeerContext ctx;
  ctx.as4 = true;
  ctx.as4_from = Provenance::Negotiated;
  ctx.add_path_from = Provenance::Negotiated;
  ctx.open_sent = 0;
  ctx.open_received = 1;
  for (auto _ : state) {
    DecodedMessage d = decode_message(msg, ctx, Depth::Tree);
    benchmark::DoNotOptimize(d.tree.size());
  }
  state.counters["bytes"] = static_cast<double>(msg.size());
  state.counters["nodes"] = static_cast<double>(decode_message(msg, ctx, Depth::Tree).tree.size());
}

void summary_decode_bench(benchmark::State& state) {
  const gen::ByteVector msg = big_update();
  const PeerContext ctx = negotiate(nullptr, std::nullopt, nullptr, std::nullopt);
  for (auto _ : state) {
    DecodedMessage d = decode_message(msg, ctx, Depth::Summary);
    benchmark::DoNotOptimize(d.update.announced);
  }
}

}  // namespace

BENCHMARK(libpcap_baseline_bench)
    ->Name("BM_LibpcapReadBaseline")
    ->Arg(200000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(index_shared_burst_bench)->Name("BM_IndexSharedBurst42k")->Unit(benchmark::kMillisecond);
BENCHMARK(index_capture_bench)
    ->Name("BM_IndexCaptureSmall")
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(index_capture_bench)->Name("BM_IndexCapture")->Arg(200000)->Unit(benchmark::kMillisecond);
BENCHMARK(field_tree_bench)->Name("BM_FieldTree4096")->Unit(benchmark::kMicrosecond);
BENCHMARK(field_tree_bench)->Name("BM_FieldTreeSmall")->Unit(benchmark::kMicrosecond);
BENCHMARK(summary_decode_bench)->Name("BM_SummaryDecode4096")->Unit(benchmark::kMicrosecond);

// bgplens-cli generate: inputs made by the project's own generators.
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "gen/bulk_capture.h"
#include "gen/sample_capture.h"
#include "gen/seed_messages.h"

namespace bgplens::cli {
namespace {

bool write_file(const std::string& path, const gen::ByteVector& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

// "1G", "300M", "64K", "12345": binary multiples.
std::optional<std::uint64_t> parse_size(const std::string& text) {
  if (text.empty() || text[0] < '0' || text[0] > '9') return std::nullopt;
  std::size_t used = 0;
  std::uint64_t value = 0;
  try {
    value = std::stoull(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string unit = text.substr(used);
  int shift = 0;
  if (unit == "K" || unit == "k") {
    shift = 10;
  } else if (unit == "M") {
    shift = 20;
  } else if (unit == "G") {
    shift = 30;
  } else if (!unit.empty()) {
    return std::nullopt;
  }
  if (value > (UINT64_MAX >> shift)) return std::nullopt;
  return value << shift;
}

constexpr const char* kCaptureUsage =
    "usage: bgplens-cli generate capture [--bytes SIZE | --messages N] [--peers N] "
    "[--table N] [--seed N] OUT.pcap";

// generate capture: realistic sessions at a route collector, streamed to OUT.pcap.
int generate_capture(const Args& args) {
  gen::SessionCaptureSpec spec;
  std::string path;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    std::optional<std::uint64_t> v;
    if (a == "--bytes" || a == "--messages" || a == "--peers" || a == "--table" || a == "--seed") {
      if (has_value) v = parse_size(args[i + 1]);
      if (!v || (a != "--seed" && *v == 0) ||
          ((a == "--peers" || a == "--table") && *v > UINT32_MAX)) {
        fail("generate capture: " + a + " needs a positive number (suffix K, M or G allowed)");
        return kExitUsage;
      }
      ++i;
      if (a == "--bytes") spec.target_bytes = *v;
      if (a == "--messages") spec.target_messages = *v;
      if (a == "--peers") spec.peers = static_cast<std::uint32_t>(*v);
      if (a == "--table") spec.table_prefixes = static_cast<std::uint32_t>(*v);
      if (a == "--seed") spec.seed = *v;
    } else if (!a.empty() && a[0] == '-') {
      fail("generate capture: unknown option " + a);
      fail(kCaptureUsage);
      return kExitUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      fail(kCaptureUsage);
      return kExitUsage;
    }
  }
  if (path.empty()) {
    fail(kCaptureUsage);
    return kExitUsage;
  }
  if (!spec.target_bytes && !spec.target_messages) spec.target_bytes = 100ULL << 20;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"),
                                                          &std::fclose);
  if (!f) {
    fail("cannot write " + path);
    return kExitInput;
  }
  gen::SessionCaptureSummary sum;
  const bool written = gen::write_session_capture(
      spec,
      [&f](Bytes piece) {
        return std::fwrite(piece.data(), 1, piece.size(), f.get()) == piece.size();
      },
      sum);
  if (!written || std::fflush(f.get()) != 0) {
    fail("cannot write " + path);
    return kExitInput;
  }
  std::printf("%s: %" PRIu64 " bytes, %" PRIu64 " frames, %" PRIu64 " connections, %" PRIu64
              " messages (OPEN %" PRIu64 ", UPDATE %" PRIu64 ", NOTIFICATION %" PRIu64
              ", KEEPALIVE %" PRIu64 ", ROUTE-REFRESH %" PRIu64 "), %" PRIu64
              " spanning segments, %" PRIu64 " retransmitted segments\n",
              path.c_str(), sum.bytes, sum.frames, sum.connections, sum.total_messages(),
              sum.messages[1], sum.messages[2], sum.messages[3], sum.messages[4], sum.messages[5],
              sum.spanning, sum.retransmitted_segments);
  return kExitOk;
}

}  // namespace

int run_generate(const Args& args) {
  if (args.size() == 2 && args[0] == "sample") {
    if (!write_file(args[1], gen::make_sample_capture())) {
      fail("cannot write " + args[1]);
      return kExitInput;
    }
    return kExitOk;
  }
  if (args.size() == 2 && args[0] == "seeds") {
    // The benchmark scenarios as raw BGP messages back to back (scripts/bench/run).
    const std::string dir = args[1];
    const bool ok = write_file(dir + "/update-1000-ipv4.bin", gen::seed_update_1000_ipv4()) &&
                    write_file(dir + "/update-100-vpnv4.bin", gen::seed_update_100_vpnv4()) &&
                    write_file(dir + "/stream-800k.bin", gen::seed_stream());
    if (!ok) {
      fail("cannot write the seed files into " + dir);
      return kExitInput;
    }
    return kExitOk;
  }
  if (!args.empty() && args[0] == "capture") return generate_capture(args);
  fail(
      "usage: bgplens-cli generate sample OUT.pcap | generate seeds DIR | generate capture "
      "[options] OUT.pcap");
  return kExitUsage;
}

}  // namespace bgplens::cli

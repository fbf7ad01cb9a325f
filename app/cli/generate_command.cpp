// bgplens-cli generate: inputs made by the project's own generators.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "commands.h"
#include "gen/bulk_capture.h"
#include "gen/file_sink.h"
#include "gen/mrt_dump.h"
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

constexpr const char* kMrtRibUsage =
    "usage: bgplens-cli generate mrt-rib [--ipv4 N] [--ipv6 N] [--peers N] [--seed N] "
    "[--compress gzip|bzip2] OUT";
constexpr const char* kMrtUpdatesUsage =
    "usage: bgplens-cli generate mrt-updates [--messages N] [--ipv4 N] [--ipv6 N] [--peers N] "
    "[--seed N] [--extended-time] [--compress gzip|bzip2] OUT";

// The options of both MRT generators (mrt-updates takes the table's options too: the updates
// change the RIB of the same sizes and seed).
struct MrtOptions {
  gen::MrtTableSpec table;
  std::uint64_t messages = 100'000;
  bool extended_time = false;
  Compression compression = Compression::None;
  std::string path;
};

std::optional<MrtOptions> parse_mrt_options(const Args& args, bool updates) {
  const std::string what = "generate " + args[0];
  const char* usage = updates ? kMrtUpdatesUsage : kMrtRibUsage;
  MrtOptions o;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--ipv4" || a == "--ipv6" || a == "--peers" || a == "--seed" ||
        (updates && a == "--messages")) {
      std::optional<std::uint64_t> v;
      if (has_value) v = parse_size(args[i + 1]);
      // Prefix counts may be 0 (a table of one family); 16M of each at most, which the
      // unicast space holds without overlaps. Peer indexes are 16 bits (RFC 6396 §4.3.4).
      const std::uint64_t most = a == "--peers" ? 65535 : a == "--seed" ? UINT64_MAX : 16ULL << 20;
      const bool zero_ok = a == "--ipv4" || a == "--ipv6" || a == "--seed";
      if (!v || (*v == 0 && !zero_ok) || *v > most) {
        fail(what + ": " + a + " needs a number up to " + std::to_string(most) +
             (zero_ok ? "" : ", not 0") + " (suffix K, M or G allowed)");
        return std::nullopt;
      }
      ++i;
      if (a == "--ipv4") o.table.ipv4_prefixes = *v;
      if (a == "--ipv6") o.table.ipv6_prefixes = *v;
      if (a == "--peers") o.table.peers = static_cast<std::uint32_t>(*v);
      if (a == "--seed") o.table.seed = *v;
      if (a == "--messages") o.messages = *v;
    } else if (a == "--compress") {
      const std::string c = has_value ? args[++i] : "";
      if (c == "gzip") {
        o.compression = Compression::Gzip;
      } else if (c == "bzip2") {
        o.compression = Compression::Bzip2;
      } else {
        fail(what + ": --compress takes gzip or bzip2");
        return std::nullopt;
      }
    } else if (updates && a == "--extended-time") {
      o.extended_time = true;
    } else if (!a.empty() && a[0] == '-') {
      fail(what + ": unknown option " + a);
      fail(usage);
      return std::nullopt;
    } else if (o.path.empty()) {
      o.path = a;
    } else {
      fail(usage);
      return std::nullopt;
    }
  }
  if (o.path.empty()) {
    fail(usage);
    return std::nullopt;
  }
  if (o.table.ipv4_prefixes + o.table.ipv6_prefixes == 0) {
    fail(what + ": a table needs some prefixes (--ipv4, --ipv6)");
    return std::nullopt;
  }
  return o;
}

// generate mrt-rib / mrt-updates: streamed to OUT (through the compressor if asked), then one
// line saying what was written.
int generate_mrt(const Args& args) {
  const bool updates = args[0] == "mrt-updates";
  const std::optional<MrtOptions> o = parse_mrt_options(args, updates);
  if (!o) return kExitUsage;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(o->path.c_str(), "wb"),
                                                          &std::fclose);
  if (!f) {
    fail("cannot write " + o->path);
    return kExitInput;
  }
  const auto started = std::chrono::steady_clock::now();
  gen::FileSink out(f.get(), o->compression);
  gen::MrtRibSummary rib;
  gen::MrtUpdatesSummary upd;
  bool written = false;
  try {
    if (updates) {
      gen::MrtUpdatesSpec spec;
      spec.table = o->table;
      spec.records = o->messages;
      spec.extended_time = o->extended_time;
      written = gen::write_mrt_updates(spec, out.sink(), upd);
    } else {
      written = gen::write_mrt_rib(o->table, out.sink(), rib);
    }
  } catch (const std::exception& e) {
    fail("generate " + args[0] + ": " + e.what());
    return kExitUsage;
  }
  if (!out.finish() || !written) {
    fail("cannot write " + o->path + (out.error().empty() ? "" : ": " + out.error()));
    return kExitInput;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string size = std::to_string(out.bytes_out()) + " bytes";
  if (o->compression != Compression::None)
    size += " " + std::string(compression_name(o->compression)) + " (" +
            std::to_string(out.bytes_in()) + " bytes uncompressed)";
  if (updates) {
    std::printf(
        "%s: %s, %" PRIu64 " records (MESSAGE_AS4 %" PRIu64 ", STATE_CHANGE_AS4 %" PRIu64
        "), prefixes announced %" PRIu64 " (IPv4 %" PRIu64 ", IPv6 %" PRIu64 "), withdrawn %" PRIu64
        " (IPv4 %" PRIu64 ", IPv6 %" PRIu64 "), %" PRIu64 " End-of-RIB, times %u to %u, %.2f s\n",
        o->path.c_str(), size.c_str(), upd.records, upd.updates, upd.state_changes, upd.announced(),
        upd.ipv4_announced, upd.ipv6_announced, upd.withdrawn(), upd.ipv4_withdrawn,
        upd.ipv6_withdrawn, upd.end_of_rib, upd.first_time, upd.last_time, seconds);
  } else {
    std::printf("%s: %s, %" PRIu64 " records (PEER_INDEX_TABLE 1, RIB_IPV4_UNICAST %" PRIu64
                ", RIB_IPV6_UNICAST %" PRIu64 "), %" PRIu64 " RIB entries (IPv4 %" PRIu64
                ", IPv6 %" PRIu64 "), %u peers, %.2f s\n",
                o->path.c_str(), size.c_str(), rib.records, rib.ipv4_records, rib.ipv6_records,
                rib.entries(), rib.ipv4_entries, rib.ipv6_entries, rib.peers, seconds);
  }
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
  if (!args.empty() && (args[0] == "mrt-rib" || args[0] == "mrt-updates"))
    return generate_mrt(args);
  fail(
      "usage: bgplens-cli generate sample OUT.pcap | generate seeds DIR | generate capture "
      "[options] OUT.pcap | generate mrt-rib [options] OUT | generate mrt-updates [options] OUT");
  return kExitUsage;
}

}  // namespace bgplens::cli

// bgplens-cli live: a live BGP session (--connect, --listen), a BMP station (--bmp) or an
// interface capture (--capture), indexed as it runs and printed as the CLI contract's JSON
// lines as messages arrive (received and sent), optionally recorded (--write).
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "bgp/nlri/family_table.h"
#include "commands.h"
#include "jsonl_printer.h"
#include "live/bgp_connection.h"
#include "live/live_index.h"
#include "live/live_sources_index.h"
#include "live/speaker_options.h"
#include "record/index_recorder.h"

namespace bgplens::cli {
namespace {

using namespace std::chrono_literals;

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int) {
  g_interrupted.store(true);
}

enum class LiveMode { None, Connect, Listen, Bmp, Capture };

struct LiveOptions {
  LiveMode mode = LiveMode::None;
  std::string where;  // HOST[:PORT], ADDR:PORT or an interface
  live::SpeakerArgs speaker;
  std::string md5;
  bool reconnect = false;
  std::optional<double> duration;  // seconds; none: until interrupted
  std::string write;
  std::string filter = "tcp port 179";
  bool tree = false;
};

void note(const std::string& text) {
  std::fprintf(stderr, "bgplens-cli: live: %s\n", text.c_str());
}

// The BGP session's reports that are not messages, on standard error.
class SessionNotes final : public live::SessionObserver {
 public:
  std::atomic<bool> established{false};

  void on_message(const live::MessageEvent&) override {}
  void on_state(const live::StateChange& c) override {
    if (c.to == live::State::Established) established.store(true);
    note(std::string(live::state_name(c.from)) + " → " + std::string(live::state_name(c.to)) +
         (c.reason.empty() ? "" : " (" + c.reason + ")"));
  }
  void on_negotiated(const live::Negotiated& n) override {
    std::string families;
    for (Family f : n.families)
      families += (families.empty() ? "" : ", ") + family_name(f);
    note("negotiated: peer AS " + std::to_string(n.peer_as) + ", hold time " +
         std::to_string(n.hold_time) + " s, families " + families);
  }
  void on_error(const live::SessionError& e) override {
    note(std::string(live::error_kind_name(e.kind)) + ": " + e.text);
  }
  void on_connected(const Endpoint& local, const Endpoint& peer, bool we_opened,
                    std::int64_t) override {
    note(std::string(we_opened ? "connected " : "accepted ") + local.text() + " ↔ " + peer.text());
  }
};

class StationNotes final : public live::BmpObserver {
 public:
  void on_router_connected(std::uint32_t router, const Endpoint& router_end, const Endpoint&,
                           std::int64_t) override {
    note("router " + std::to_string(router) + " connected from " + router_end.text());
  }
  void on_router_bytes(std::uint32_t, Bytes, std::int64_t) override {}
  void on_router_closed(std::uint32_t router, const std::string& reason, std::int64_t) override {
    note("router " + std::to_string(router) + " closed: " + reason);
  }
  void on_error(const std::string& text, std::int64_t) override { note(text); }
};

class CaptureNotes final : public live::CaptureObserver {
 public:
  void on_frame(const live::CapturedFrame&) override {}
  void on_error(const std::string& text) override { note(text); }
};

// Parses args into `o`; empty on success, else the usage error.
std::string parse_live_args(const Args& args, LiveOptions& o) {
  auto value = [&](std::size_t& i) -> const std::string* {
    return i + 1 < args.size() ? &args[++i] : nullptr;
  };
  auto mode = [&](LiveMode m, std::size_t& i) -> std::string {
    if (o.mode != LiveMode::None) return "give one of --connect, --listen, --bmp, --capture";
    const std::string* v = value(i);
    if (!v) return args[i] + " needs a value";
    o.mode = m;
    o.where = *v;
    return {};
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string error;
    if (a == "--connect") {
      error = mode(LiveMode::Connect, i);
    } else if (a == "--listen") {
      error = mode(LiveMode::Listen, i);
    } else if (a == "--bmp") {
      error = mode(LiveMode::Bmp, i);
    } else if (a == "--capture") {
      error = mode(LiveMode::Capture, i);
    } else if (const auto speaker = live::parse_speaker_option(args, i, o.speaker)) {
      if (!speaker->empty()) return *speaker;
    } else if (a == "--md5") {
      const std::string* v = value(i);
      if (!v || v->empty()) return "--md5 needs the password";
      o.md5 = *v;
    } else if (a == "--reconnect") {
      o.reconnect = true;
    } else if (a == "--duration") {
      const std::string* v = value(i);
      try {
        std::size_t used = 0;
        const double d = v ? std::stod(*v, &used) : -1;
        if (!v || used != v->size() || !(d > 0)) return "--duration takes seconds (more than 0)";
        o.duration = d;
      } catch (const std::exception&) {
        return "--duration takes seconds (more than 0)";
      }
    } else if (a == "--write") {
      const std::string* v = value(i);
      if (!v || !record::format_from_path(*v))
        return "--write takes a file name ending in .mrt or .pcapng";
      o.write = *v;
    } else if (a == "--filter") {
      const std::string* v = value(i);
      if (!v) return "--filter needs a BPF expression";
      o.filter = *v;
    } else if (a == "--tree") {
      o.tree = true;
    } else {
      return "unknown option " + a;
    }
    if (!error.empty()) return error;
  }
  if (o.mode == LiveMode::None)
    return "give --connect HOST[:PORT], --listen ADDR:PORT, --bmp ADDR:PORT or --capture IFACE";
  return {};
}

// Waits for the duration, an interrupt, or `finished()`.
template <class Finished>
void run_until(const LiveOptions& o, Finished finished) {
  const auto start = std::chrono::steady_clock::now();
  const auto limit = o.duration ? std::chrono::duration<double>(*o.duration)
                                : std::chrono::duration<double>::max();
  while (!g_interrupted.load() && std::chrono::steady_clock::now() - start < limit && !finished())
    std::this_thread::sleep_for(100ms);
}

}  // namespace

int run_live(const Args& args) {
  LiveOptions o;
  if (const std::string error = parse_live_args(args, o); !error.empty()) {
    fail("live: " + error);
    return kExitUsage;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  auto store = std::make_shared<ByteStore>();
  Output out;
  JsonlOptions jsonl;
  jsonl.tree = o.tree;
  jsonl.flush_each_batch = true;
  JsonlPrinter printer(*store, jsonl, out);
  IndexSink* sink = &printer;
  std::optional<record::IndexRecorder> recorder;
  std::optional<record::RecordingSink> recording;
  if (!o.write.empty()) {
    record::IndexRecorderOptions ro;
    ro.format = *record::format_from_path(o.write);
    // We are the sender of direction 1; we opened the TCP connection when active.
    ro.defaults.local_opened = o.mode == LiveMode::Connect;
    auto r = record::IndexRecorder::create(o.write, ro);
    if (!r) {
      fail("live: " + r.error());
      return kExitInput;
    }
    recorder.emplace(std::move(*r));
    recording.emplace(*recorder, *store, &printer);
    sink = &*recording;
  }

  int code = kExitOk;
  if (o.mode == LiveMode::Connect || o.mode == LiveMode::Listen) {
    live::FsmOptions fsm;
    fsm.passive = o.mode == LiveMode::Listen;
    fsm.reconnect = o.reconnect;
    live::ConnectionOptions co;
    co.md5_password = o.md5;
    const auto at = live::parse_endpoint(o.where, 179);
    if (!at) {
      fail("live: " + o.where + " is not HOST[:PORT]");
      return kExitUsage;
    }
    (fsm.passive ? co.listen_at : co.peer) = *at;
    SessionNotes notes;
    live::SessionIndexer indexer(store, *sink, &notes);
    live::BgpConnection connection(o.speaker.config, fsm, co, indexer);
    if (const std::string error = connection.start(); !error.empty()) {
      fail("live: " + error);
      return kExitLive;
    }
    if (fsm.passive)
      note("listening on " + at->host + ":" + std::to_string(connection.listening_port()));
    run_until(o, [&] { return connection.wait_finished(0ms); });
    connection.stop();
    indexer.finish();
    if (!notes.established.load()) {
      note("the session never reached Established");
      code = kExitLive;
    }
  } else if (o.mode == LiveMode::Bmp) {
    live::BmpStationOptions so;
    const auto at = live::parse_endpoint(o.where, 11019);
    if (!at) {
      fail("live: " + o.where + " is not ADDR:PORT");
      return kExitUsage;
    }
    so.listen_at = *at;
    StationNotes notes;
    live::StationIndexer indexer(store, *sink, &notes);
    live::BmpStation station(so, indexer);
    if (const std::string error = station.start(); !error.empty()) {
      fail("live: " + error);
      return kExitLive;
    }
    note("BMP station listening on " + at->host + ":" + std::to_string(station.listening_port()));
    run_until(o, [] { return false; });
    station.stop();
    indexer.finish();
  } else {
    live::CaptureOptions co;
    co.interface = o.where;
    co.filter = o.filter;
    CaptureNotes notes;
    live::CaptureIndexer indexer(store, *sink, &notes);
    live::InterfaceCapture capture(co, indexer);
    if (const std::string error = capture.start(); !error.empty()) {
      fail("live: " + error);
      return kExitLive;
    }
    run_until(o, [] { return false; });
    capture.stop();
    indexer.finish();
    if (capture.dropped() > 0)
      note(std::to_string(capture.dropped()) + " frames dropped by the kernel (not read in time)");
  }
  out.flush();
  if (recorder) {
    if (!recorder->close() || !recording->ok()) {
      fail("live: " + o.write + ": " + recorder->error());
      code = kExitInput;
    } else {
      const auto& st = recorder->stats();
      note("recorded " + std::to_string(st.messages) + " messages to " + o.write);
    }
  }
  return code;
}

}  // namespace bgplens::cli

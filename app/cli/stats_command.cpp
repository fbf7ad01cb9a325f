// bgplens-cli stats: per-session message counts from the index alone. No message is decoded
// and no field tree is built (the indexer decodes the OPENs, nothing else), so this runs at
// the speed of the index pass: the quick look at a large capture before opening it.
#include <algorithm>
#include <array>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <limits>
#include <string>
#include <vector>

#include "commands.h"
#include "index/capture_indexer.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "output/json_writer.h"
#include "output/message_json.h"

namespace bgplens::cli {
namespace {

constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

// BMP message types (RFC 7854 §4.1, RFC 9069): what a BMP session's rows count.
constexpr std::array<const char*, 8> kBmpTypeKeys = {
    "route_monitoring", "statistics_report", "peer_down",       "peer_up",
    "initiation",       "termination",       "route_mirroring", "other"};

struct Counts {
  std::uint64_t rows = 0;
  std::array<std::uint64_t, 6> bgp{};  // by BGP type 1..5; [0]: any other type
  std::array<std::uint64_t, kBmpTypeKeys.size()> bmp{};
  std::uint64_t bmp_total = 0;
  std::uint64_t unparsed = 0;
  std::uint64_t gap = 0;
  std::uint64_t message_bytes = 0;  // BGP and BMP rows: bytes held
  std::uint64_t unparsed_bytes = 0;
  std::uint64_t gap_bytes = 0;  // bytes the capture does not have
  std::uint64_t spanning = 0;   // messages assembled from more than one TCP segment
  std::uint64_t truncated = 0;
  std::uint64_t cut_by_gap = 0;
  std::uint64_t overlap_conflict = 0;
  std::int64_t first = kNoTime;
  std::int64_t last = kNoTime;

  void add(const Counts& o) {
    rows += o.rows;
    for (std::size_t i = 0; i < bgp.size(); ++i)
      bgp[i] += o.bgp[i];
    for (std::size_t i = 0; i < bmp.size(); ++i)
      bmp[i] += o.bmp[i];
    bmp_total += o.bmp_total;
    unparsed += o.unparsed;
    gap += o.gap;
    message_bytes += o.message_bytes;
    unparsed_bytes += o.unparsed_bytes;
    gap_bytes += o.gap_bytes;
    spanning += o.spanning;
    truncated += o.truncated;
    cut_by_gap += o.cut_by_gap;
    overlap_conflict += o.overlap_conflict;
    if (o.first != kNoTime && (first == kNoTime || o.first < first)) first = o.first;
    if (o.last != kNoTime && (last == kNoTime || o.last > last)) last = o.last;
  }
};

struct DirectionStats {
  Counts counts;
  std::optional<SessionEvent> end;  // the FIN or RST this direction's sender sent
};

// Counts rows as the batches come. The tables go through absorb_tables, so sessions follow
// the index's rules (a stream later found to be BMP, say); each record looks its context's
// session and direction up in a compact copy, not in the negotiated contexts.
class StatsSink final : public IndexSink {
 public:
  void on_batch(IndexBatch&& batch) override {
    const std::size_t old_events = table_.events.size();
    absorb_tables(table_, batch);
    for (std::size_t i = context_slot_.size(); i < table_.contexts.size(); ++i) {
      const PeerContext& c = table_.contexts[i];
      context_slot_.push_back(c.session == kNoSession ? kNoSlot : c.session * 2 + c.direction);
    }
    directions_.resize(table_.sessions.size() * 2);
    for (std::size_t i = old_events; i < table_.events.size(); ++i) {
      const SessionEvent& e = table_.events[i];
      const std::size_t slot = std::size_t{e.session} * 2 + e.direction;
      if (slot < directions_.size() && !directions_[slot].end) directions_[slot].end = e;
    }
    for (const MessageRecord& r : batch.records)
      count(r);
  }

  const std::vector<SessionInfo>& sessions() const { return table_.sessions; }
  const DirectionStats& direction(std::size_t session, std::uint8_t d) const {
    return directions_[session * 2 + d];
  }
  // Rows whose context names no session (none today; kept so that totals always add up).
  const Counts& unattributed() const { return unattributed_; }

 private:
  static constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

  void count(const MessageRecord& r) {
    const std::uint32_t slot =
        r.context < context_slot_.size() ? context_slot_[r.context] : kNoSlot;
    Counts& c = slot < directions_.size() ? directions_[slot].counts : unattributed_;
    ++c.rows;
    if (c.first == kNoTime || r.time_ns < c.first) c.first = r.time_ns;
    if (c.last == kNoTime || r.time_ns > c.last) c.last = r.time_ns;
    switch (r.kind) {
      case FramedKind::Message:
      case FramedKind::Mrt:  // RIB entries and other records count as type 0
        ++c.bgp[r.type >= 1 && r.type <= 5 ? r.type : 0];
        c.message_bytes += r.length;
        break;
      case FramedKind::Bmp:
        ++c.bmp_total;
        ++c.bmp[std::min<std::size_t>(r.type, kBmpTypeKeys.size() - 1)];
        c.message_bytes += r.length;
        break;
      case FramedKind::Unparsed:
      case FramedKind::MrtDamage:
        ++c.unparsed;
        c.unparsed_bytes += r.length;
        break;
      case FramedKind::Gap:
        ++c.gap;
        c.gap_bytes += r.length;
        break;
    }
    if (r.flags & framed_flag::kCopied) ++c.spanning;
    if (r.flags & framed_flag::kTruncated) ++c.truncated;
    if (r.flags & framed_flag::kCutByGap) ++c.cut_by_gap;
    if (r.flags & framed_flag::kOverlapConflict) ++c.overlap_conflict;
  }

  ContextTable table_;
  std::vector<std::uint32_t> context_slot_;  // context index → session * 2 + direction
  std::vector<DirectionStats> directions_;   // session * 2 + direction
  Counts unattributed_;
};

const char* kind_key(SessionKind k) {
  switch (k) {
    case SessionKind::Bgp:
      return "bgp";
    case SessionKind::Bmp:
      return "bmp";
    case SessionKind::BmpPeer:
      return "bmp-peer";
    case SessionKind::MrtPeer:
      return "mrt-peer";
  }
  return "bgp";
}

// A TCP connection the indexer saw that carried nothing BGP Lens reads (no row) is listed
// only when it is a BGP connection attempt (port 179) or was reported by BMP.
bool listed(const SessionInfo& s, const DirectionStats& d0, const DirectionStats& d1) {
  return d0.counts.rows + d1.counts.rows > 0 || s.kind != SessionKind::Bgp || s.a.port == 179 ||
         s.b.port == 179;
}

struct Report {
  std::string path;
  const StatsSink& sink;
  const IndexStats& index;
};

// ---- JSON ----

void json_time(JsonWriter& json, std::int64_t t) {
  if (t == kNoTime) {
    json.null();
  } else {
    json.raw_number(epoch_seconds(t));
  }
}

void json_counts(JsonWriter& json, const Counts& c, bool with_bmp_types) {
  json.begin_object();
  json.key("rows").value(c.rows);
  json.key("open").value(c.bgp[msg_type::kOpen]);
  json.key("update").value(c.bgp[msg_type::kUpdate]);
  json.key("notification").value(c.bgp[msg_type::kNotification]);
  json.key("keepalive").value(c.bgp[msg_type::kKeepalive]);
  json.key("route_refresh").value(c.bgp[msg_type::kRouteRefresh]);
  json.key("other").value(c.bgp[0]);
  json.key("bmp").value(c.bmp_total);
  json.key("unparsed").value(c.unparsed);
  json.key("gap").value(c.gap);
  json.key("message_bytes").value(c.message_bytes);
  json.key("unparsed_bytes").value(c.unparsed_bytes);
  json.key("gap_bytes").value(c.gap_bytes);
  json.key("spanning_segments").value(c.spanning);
  json.key("truncated").value(c.truncated);
  json.key("cut_by_gap").value(c.cut_by_gap);
  json.key("overlap_conflict").value(c.overlap_conflict);
  if (with_bmp_types) {
    json.key("bmp_types").begin_object();
    for (std::size_t i = 0; i < kBmpTypeKeys.size(); ++i)
      json.key(kBmpTypeKeys[i]).value(c.bmp[i]);
    json.end_object();
  }
  json.key("first");
  json_time(json, c.first);
  json.key("last");
  json_time(json, c.last);
  json.end_object();
}

void json_end(JsonWriter& json, const std::optional<SessionEvent>& end) {
  if (!end) {
    json.null();
    return;
  }
  json.begin_object();
  json.key("kind").value(end->kind == SessionEventKind::Fin ? "fin" : "rst");
  json.key("time").raw_number(epoch_seconds(end->time_ns));
  json.key("frame").value(end->frame);
  json.end_object();
}

std::string json_report(const Report& rep) {
  std::string out;
  JsonWriter json(out);
  const IndexStats& st = rep.index;
  json.begin_object();
  json.key("file").value(rep.path);
  json.key("capture").begin_object();
  json.key("frames").value(st.frames);
  json.key("tcp_segments").value(st.tcp_segments);
  json.key("other_frames").value(st.other_frames);
  json.key("fragments").value(st.fragments);
  json.key("unsupported_link").value(st.unsupported_link);
  json.key("malformed_frames").value(st.malformed_frames);
  json.key("retransmitted_bytes").value(st.retransmitted_bytes);
  json.key("rows").value(st.records);
  json.key("read_error");
  if (st.read_error.empty()) {
    json.null();
  } else {
    json.value(st.read_error);
  }
  json.end_object();

  Counts total;
  std::uint64_t unlisted = 0;
  json.key("sessions").begin_array();
  const auto& sessions = rep.sink.sessions();
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const SessionInfo& s = sessions[i];
    const DirectionStats& d0 = rep.sink.direction(i, 0);
    const DirectionStats& d1 = rep.sink.direction(i, 1);
    if (!listed(s, d0, d1)) {
      ++unlisted;
      continue;
    }
    // BMP rows belong to the BMP connection or to the monitored peer they report on.
    const bool bmp = s.kind != SessionKind::Bgp;
    Counts both = d0.counts;
    both.add(d1.counts);
    total.add(both);
    json.begin_object();
    json.key("id").value(s.id);
    json.key("kind").value(kind_key(s.kind));
    json.key("a").value(s.a.text());
    json.key("b").value(s.b.text());
    json.key("parent");
    if (s.parent == kNoSession) {
      json.null();
    } else {
      json.value(s.parent);
    }
    json.key("first_segment").raw_number(epoch_seconds(s.first_time_ns));
    json.key("counts");
    json_counts(json, both, bmp);
    json.key("directions").begin_array();
    for (std::uint8_t d = 0; d < 2; ++d) {
      const DirectionStats& ds = d == 0 ? d0 : d1;
      json.begin_object();
      json.key("src").value(s.source(d).text());
      json.key("dst").value(s.destination(d).text());
      json.key("counts");
      json_counts(json, ds.counts, bmp);
      json.key("end");
      json_end(json, ds.end);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  total.add(rep.sink.unattributed());
  json.key("unlisted_connections").value(unlisted);
  json.key("unattributed");
  json_counts(json, rep.sink.unattributed(), false);
  json.key("totals");
  json_counts(json, total, true);
  json.end_object();
  out += '\n';
  return out;
}

// ---- Table ----

std::string utc_text(std::int64_t t) {
  if (t == kNoTime) return "-";
  const std::time_t sec = static_cast<std::time_t>(t / 1'000'000'000 - (t % 1'000'000'000 < 0));
  std::tm tm{};
  gmtime_r(&sec, &tm);
  char buf[64];
  const long long micros = ((t % 1'000'000'000 + 1'000'000'000) % 1'000'000'000) / 1000;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%06lld UTC", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
  return buf;
}

// Seconds since the origin, which the header gives in UTC.
std::string relative(std::int64_t t, std::int64_t origin) {
  if (t == kNoTime) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(t - origin) / 1e9);
  return buf;
}

std::string end_text(const std::optional<SessionEvent>& end, std::int64_t origin) {
  if (!end) return "-";
  return std::string(end->kind == SessionEventKind::Fin ? "FIN " : "RST ") +
         relative(end->time_ns, origin);
}

// "session" and "kind" are printed on the first direction's line only.
struct Line {
  std::string session, kind, flow;
  Counts counts;
  std::string end;
};

std::string table_report(const Report& rep) {
  const auto& sessions = rep.sink.sessions();
  Counts total;
  std::uint64_t unlisted = 0;
  std::vector<Line> lines;
  // Times are given from the first thing seen: a row, or a segment without one (a SYN).
  std::int64_t origin = kNoTime;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const SessionInfo& s = sessions[i];
    const DirectionStats& d0 = rep.sink.direction(i, 0);
    const DirectionStats& d1 = rep.sink.direction(i, 1);
    if (!listed(s, d0, d1)) {
      ++unlisted;
      continue;
    }
    total.add(d0.counts);
    total.add(d1.counts);
    if (origin == kNoTime || s.first_time_ns < origin) origin = s.first_time_ns;
    std::string kind = kind_key(s.kind);
    if (s.parent != kNoSession) kind += " of " + std::to_string(s.parent);
    for (std::uint8_t d = 0; d < 2; ++d) {
      const DirectionStats& ds = d == 0 ? d0 : d1;
      lines.push_back(Line{d == 0 ? std::to_string(s.id) : "", d == 0 ? kind : "",
                           s.direction_text(d), ds.counts, ""});
    }
  }
  total.add(rep.sink.unattributed());
  if (total.first != kNoTime && (origin == kNoTime || total.first < origin)) origin = total.first;
  // Ends need the origin, known only now.
  std::int64_t last = total.last;
  for (std::size_t i = 0, l = 0; i < sessions.size(); ++i) {
    if (!listed(sessions[i], rep.sink.direction(i, 0), rep.sink.direction(i, 1))) continue;
    for (std::uint8_t d = 0; d < 2; ++d) {
      const auto& end = rep.sink.direction(i, d).end;
      lines[l++].end = end_text(end, origin);
      if (end && (last == kNoTime || end->time_ns > last)) last = end->time_ns;
    }
  }

  std::size_t flow_width = 4;
  std::size_t kind_width = 4;
  for (const Line& l : lines) {
    // The arrow is 3 bytes of UTF-8 for one column.
    flow_width = std::max(flow_width, l.flow.size() - 2);
    kind_width = std::max(kind_width, l.kind.size());
  }
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%s: %zu sessions, %" PRIu64 " rows, %" PRIu64 " frames; first %s, last %s\n",
                rep.path.c_str(), lines.size() / 2, rep.index.records, rep.index.frames,
                utc_text(origin).c_str(), utc_text(last).c_str());
  out += buf;
  auto row = [&](const std::string& session, const std::string& kind, const std::string& flow,
                 const Counts& c, const std::string& end) {
    // Pad the flow by hand: printf counts the arrow's bytes, not its one column.
    const std::size_t columns = flow.size() - (flow.find("→") != std::string::npos ? 2 : 0);
    const std::string padded = flow + std::string(flow_width - columns, ' ');
    std::snprintf(buf, sizeof buf,
                  "%-7s %-*s %s %5" PRIu64 " %9" PRIu64 " %6" PRIu64 " %9" PRIu64 " %7" PRIu64
                  " %5" PRIu64 " %7" PRIu64 " %8" PRIu64 " %5" PRIu64 " %12s %12s  %s\n",
                  session.c_str(), static_cast<int>(kind_width), kind.c_str(), padded.c_str(),
                  c.bgp[msg_type::kOpen], c.bgp[msg_type::kUpdate], c.bgp[msg_type::kNotification],
                  c.bgp[msg_type::kKeepalive], c.bgp[msg_type::kRouteRefresh], c.bgp[0],
                  c.bmp_total, c.unparsed, c.gap, relative(c.first, origin).c_str(),
                  relative(c.last, origin).c_str(), end.c_str());
    out += buf;
  };
  std::snprintf(buf, sizeof buf,
                "%-7s %-*s %-*s %5s %9s %6s %9s %7s %5s %7s %8s %5s %12s %12s  %s\n", "session",
                static_cast<int>(kind_width), "kind", static_cast<int>(flow_width), "flow", "OPEN",
                "UPDATE", "NOTIF", "KEEPALIVE", "REFRESH", "other", "BMP", "unparsed", "gap",
                "first (s)", "last (s)", "end");
  out += buf;
  for (const Line& l : lines)
    row(l.session, l.kind, l.flow, l.counts, l.end);
  row("total", "", "", total, "");
  if (unlisted > 0) {
    out += std::to_string(unlisted) +
           " other TCP connections carried no BGP (not on port 179, no BGP header)\n";
  }
  const IndexStats& st = rep.index;
  std::snprintf(buf, sizeof buf,
                "%" PRIu64 " messages spanned TCP segments, %" PRIu64
                " retransmitted bytes, %" PRIu64 " frames not BGP\n",
                total.spanning, st.retransmitted_bytes, st.other_frames);
  out += buf;
  return out;
}

}  // namespace

int run_stats(const Args& args) {
  bool json = false;
  std::string path;
  for (const std::string& a : args) {
    if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] == '-') {
      fail("stats: unknown option " + a);
      return kExitUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      fail("stats: one FILE only");
      return kExitUsage;
    }
  }
  if (path.empty()) {
    fail("stats: FILE is missing (bgplens-cli stats FILE [--json])");
    return kExitUsage;
  }
  auto store = open_source_file(path);
  if (!store) {
    fail(store.error());
    return kExitInput;
  }
  StatsSink sink;
  // Large batches: nobody is waiting for the first rows here.
  IndexOptions options;
  options.batch_records = 1 << 16;
  options.batch_interval = std::chrono::milliseconds(1000);
  const auto stats = index_source(*store, sink, {}, options);
  if (!stats) {
    fail(path + ": " + stats.error());
    return kExitInput;
  }
  const Report report{path, sink, *stats};
  const std::string text = json ? json_report(report) : table_report(report);
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (!stats->read_error.empty()) fail(read_warning(path, stats->read_error));
  return kExitOk;
}

}  // namespace bgplens::cli

// bgplens: the GUI. `bgplens [FILE]` opens FILE, or the bundled sample capture.
#include <QAbstractItemModel>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hex_view.h"
#include "live_launch.h"
#include "main_window.h"

namespace {

double ms(qint64 ns) {
  return static_cast<double>(ns) / 1e6;
}

// Counts a widget's paint events, and calls `on_paint` as each begins. Not the widget's
// child: Qt drops the event filter when this goes, whichever goes first.
class PaintCounter final : public QObject {
 public:
  explicit PaintCounter(QWidget* w, std::function<void()> on_paint = {})
      : on_paint_(std::move(on_paint)) {
    w->installEventFilter(this);
  }
  int paints = 0;

 protected:
  bool eventFilter(QObject* o, QEvent* e) override {
    if (e->type() == QEvent::Paint) {
      ++paints;
      if (on_paint_) on_paint_();
    }
    return QObject::eventFilter(o, e);
  }

 private:
  std::function<void()> on_paint_;
};

// What selecting rows cost: the selection itself (model, decode, tree), and until the tree,
// the hex view and the list have been painted.
struct SelectionTimes {
  std::vector<double> selected_ms;
  std::vector<double> shown_ms;
  // Where the time after select_row() went: queued events, then painting each view.
  std::vector<double> events_ms, tree_paint_ms, hex_paint_ms, list_paint_ms;
  qint64 slowest_row = -1;
  int painted_late = 0;  // not painted by the events the selection queued: painted by hand
  int empty = 0;         // no bytes shown (must stay 0)
  std::size_t largest_tree = 0;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// The value below which `fraction` of `v` lies (nearest rank).
qint64 percentile(std::vector<qint64> v, double fraction) {
  if (v.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(v.size())));
  const std::size_t at = std::clamp<std::size_t>(rank, 1, v.size()) - 1;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
  return v[at];
}

double max_of(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

// "name": milliseconds, or null for what was not reached.
std::string ms_field(const char* name, qint64 ns, int decimals = 2) {
  char buf[96];
  if (ns < 0) {
    std::snprintf(buf, sizeof buf, "\"%s\": null", name);
  } else {
    std::snprintf(buf, sizeof buf, "\"%s\": %.*f", name, decimals, ms(ns));
  }
  return buf;
}

// --measure: the timings behind the scale targets of a large capture (first rows within
// 0.3 s, indexing without freezing the window, a selection shown within one 16 ms frame),
// taken through the window's public API and the event loop, printed as one JSON object.
// "Without freezing" means no event-loop stall over 100 ms while indexing: about the longest
// a reaction to input can take and still feel immediate (and the limit of the RAIL model);
// most turns should stay near one 16 ms frame, which the 99th percentile of stalls shows.
class Measurement {
 public:
  Measurement(bgplens::MainWindow& window, QString path, int selections, int timeout_s,
              qint64 started_ns)
      : window_(window),
        path_(std::move(path)),
        selections_(std::max(selections, 1)),
        timeout_s_(std::max(timeout_s, 1)),
        since_start_ns_(started_ns) {
    probe_.setTimerType(Qt::PreciseTimer);
    probe_.setInterval(1);
    // A 1 ms timer: the longest gap between its ticks is the longest the event loop was busy.
    QObject::connect(&probe_, &QTimer::timeout, &window_, [this] { tick(); });
    QAbstractItemModel* list = window_.message_view()->model();
    QObject::connect(list, &QAbstractItemModel::rowsInserted, &window_,
                     [this](const QModelIndex&, int, int last) {
                       if (first_row_ < 0) first_row_ = clock_.nsecsElapsed();
                       rows_ = last + 1;
                     });
    QObject::connect(window_.loader(), &bgplens::CaptureLoader::finished, &window_,
                     [this](bool cancelled, const QString&) { loaded(cancelled); });
    QObject::connect(window_.loader(), &bgplens::CaptureLoader::failed, &window_,
                     [](const QString& message) {
                       std::fprintf(stderr, "bgplens: --measure: %s\n", qPrintable(message));
                       QCoreApplication::exit(2);
                     });
    // The first paint of the list once rows are in: what the user sees.
    list_paints_ = std::make_unique<PaintCounter>(window_.message_view()->viewport(), [this] {
      if (first_row_ >= 0 && first_paint_ < 0) first_paint_ = clock_.nsecsElapsed();
    });
  }

  void start() {
    clock_.start();
    last_tick_ = 0;
    probe_.start();
    // A load that takes too long is a result too: report how far it got. From a thread of
    // its own, because a GUI thread flooded with batches may never run a timer again.
    watchdog_ = std::jthread([this](std::stop_token stop) {
      std::mutex m;
      std::unique_lock lock(m);
      std::condition_variable_any cv;
      if (cv.wait_for(lock, stop, std::chrono::seconds(timeout_s_), [] { return false; })) return;
      if (stop.stop_requested()) return;
      const qint64 stalled = clock_.nsecsElapsed() - last_tick_;
      if (stalled > max_gap_) max_gap_ = stalled;  // the stall going on now counts
      report({});
      std::fprintf(stderr, "bgplens: --measure: not indexed after %d s\n", timeout_s_);
      std::_Exit(4);
    });
    if (!window_.open_file(path_)) return;  // failed() was emitted
    open_call_ = clock_.nsecsElapsed();
  }

 private:
  void tick() {
    const qint64 now = clock_.nsecsElapsed();
    const qint64 gap = now - last_tick_;
    last_tick_ = now;
    if (gap > max_gap_) max_gap_ = gap;
    if (gap > 16'000'000) ++over_16_;
    if (gap > 50'000'000) ++over_50_;
    if (gap > 100'000'000) ++over_100_;
    gaps_.push_back(gap);
    ++ticks_;
  }

  void loaded(bool cancelled) {
    index_done_ = clock_.nsecsElapsed();
    tick();  // the time since the last tick was a stall too (it may be most of the load)
    probe_.stop();
    watchdog_.request_stop();
    if (cancelled) {
      std::fprintf(stderr, "bgplens: --measure: loading was cancelled\n");
      QCoreApplication::exit(3);
      return;
    }
    // Let the window finish its own reaction to the end of loading first.
    QTimer::singleShot(100, &window_, [this] {
      report(select_rows());
      QCoreApplication::exit(0);
    });
  }

  SelectionTimes select_rows() {
    SelectionTimes st;
    const qint64 rows = static_cast<qint64>(window_.store()->size());
    const PaintCounter tree_paints(window_.field_view()->viewport());
    const PaintCounter hex_paints(window_.hex_view());
    QElapsedTimer t;
    for (int i = 0; i < selections_ && rows > 0; ++i) {
      const qint64 row = selections_ == 1 ? 0 : i * (rows - 1) / (selections_ - 1);
      const int tree_before = tree_paints.paints;
      const int hex_before = hex_paints.paints;
      t.start();
      window_.select_row(row);
      const qint64 selected = t.nsecsElapsed();
      // Whatever the selection queued (layout, updates) runs now, as before the next frame.
      QCoreApplication::processEvents();
      const qint64 events = t.nsecsElapsed();
      qint64 tree_done = events, hex_done = events, list_done = events;
      if (tree_paints.paints == tree_before || hex_paints.paints == hex_before) {
        // Platforms that pace repaints (offscreen among them) paint on a later timer: paint
        // now what changed, so that the time includes it.
        ++st.painted_late;
        window_.field_view()->viewport()->repaint();
        tree_done = t.nsecsElapsed();
        window_.hex_view()->repaint();
        hex_done = t.nsecsElapsed();
        window_.message_view()->viewport()->repaint();
        list_done = t.nsecsElapsed();
      }
      st.events_ms.push_back(ms(events - selected));
      st.tree_paint_ms.push_back(ms(tree_done - events));
      st.hex_paint_ms.push_back(ms(hex_done - tree_done));
      st.list_paint_ms.push_back(ms(list_done - hex_done));
      const double shown = ms(t.nsecsElapsed());
      if (shown > max_of(st.shown_ms)) st.slowest_row = row;
      st.selected_ms.push_back(ms(selected));
      st.shown_ms.push_back(shown);
      if (const auto* tree = window_.detail()->tree())
        st.largest_tree = std::max(st.largest_tree, static_cast<std::size_t>(tree->size()));
      if (window_.detail()->bytes().empty()) ++st.empty;
    }
    return st;
  }

  void report(const SelectionTimes& st) const {
    std::string out = "{\"file\": \"" + path_.toStdString() + "\", ";
    char buf[512];
    // The store is read only once loaded (the watchdog reports from another thread).
    const bool loaded = index_done_ >= 0;
    std::snprintf(
        buf, sizeof buf, "\"bytes\": %lld, \"rows\": %lld, \"sessions\": %s,\n ",
        static_cast<long long>(QFileInfo(path_).size()), static_cast<long long>(rows_.load()),
        loaded ? std::to_string(window_.store()->contexts().sessions.size()).c_str() : "null");
    out += buf;
    out += ms_field("startup_ms", since_start_ns_, 1) + ", " +
           ms_field("open_call_ms", open_call_) + ", " + ms_field("first_row_ms", first_row_) +
           ", " + ms_field("first_row_painted_ms", first_paint_) + ", " +
           ms_field("index_complete_ms", index_done_, 1) + ",\n ";
    // The 99th percentile of the gaps between ticks: how long most turns of a busy loop take.
    // Only once loaded: the watchdog reports while the GUI thread may still add gaps.
    out += loaded ? ms_field("stall_p99_ms", percentile(gaps_, 0.99)) : "\"stall_p99_ms\": null";
    std::snprintf(buf, sizeof buf,
                  ", \"max_stall_ms\": %.2f, \"stalls_over_16ms\": %d, \"stalls_over_50ms\": %d, "
                  "\"stalls_over_100ms\": %d, \"probe_ticks\": %lld,\n \"selections\": %zu, "
                  "\"select_median_ms\": %.3f, \"select_max_ms\": %.3f, \"shown_median_ms\": %.3f, "
                  "\"shown_max_ms\": %.3f, \"slowest_row\": %lld, \"painted_late\": %d, "
                  "\"empty_selections\": %d, \"largest_tree_nodes\": %zu,\n ",
                  ms(max_gap_), over_16_.load(), over_50_.load(), over_100_.load(),
                  static_cast<long long>(ticks_.load()), st.shown_ms.size(), median(st.selected_ms),
                  max_of(st.selected_ms), median(st.shown_ms), max_of(st.shown_ms),
                  static_cast<long long>(st.slowest_row), st.painted_late, st.empty,
                  st.largest_tree);
    out += buf;
    const std::pair<const char*, const std::vector<double>*> parts[] = {
        {"events", &st.events_ms},
        {"tree_paint", &st.tree_paint_ms},
        {"hex_paint", &st.hex_paint_ms},
        {"list_paint", &st.list_paint_ms}};
    for (const auto& [name, v] : parts) {
      std::snprintf(buf, sizeof buf, "%s\"%s_median_ms\": %.3f, \"%s_max_ms\": %.3f",
                    name == parts[0].first ? "" : ", ", name, median(*v), name, max_of(*v));
      out += buf;
    }
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  }

  bgplens::MainWindow& window_;
  QString path_;
  int selections_;
  int timeout_s_;
  qint64 since_start_ns_;  // process start → window shown
  QElapsedTimer clock_;    // from the open_file() call
  QTimer probe_;
  std::unique_ptr<PaintCounter> list_paints_;
  // Written on the GUI thread, read by the watchdog too.
  std::atomic<qint64> open_call_ = -1;
  std::atomic<qint64> first_row_ = -1;
  std::atomic<qint64> first_paint_ = -1;
  std::atomic<qint64> index_done_ = -1;
  std::atomic<qint64> rows_ = 0;
  std::atomic<qint64> last_tick_ = 0;
  std::atomic<qint64> max_gap_ = 0;
  std::atomic<qint64> ticks_ = 0;
  std::atomic<int> over_16_ = 0;
  std::atomic<int> over_50_ = 0;
  std::atomic<int> over_100_ = 0;
  std::vector<qint64> gaps_;  // between probe ticks while indexing (GUI thread)
  std::jthread watchdog_;     // last: stopped and joined before the rest goes
};

}  // namespace

int main(int argc, char** argv) {
  QElapsedTimer since_start;
  since_start.start();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("BGP Lens"));
  QApplication::setOrganizationName(QStringLiteral("BGPLens"));
  QApplication::setApplicationVersion(QStringLiteral(BGPLENS_VERSION));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bgplens.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Inspect BGP in pcap/pcapng captures."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("file"),
                               QStringLiteral("Capture to open (default: the sample)."));
  QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QStringLiteral("Load, select message N, save a screenshot to PATH and quit."),
      QStringLiteral("N:PATH"));
  parser.addOption(screenshot);
  QCommandLineOption field(
      QStringLiteral("select-field"),
      QStringLiteral("With --screenshot: select this field (filter key) first."),
      QStringLiteral("KEY"));
  parser.addOption(field);
  QCommandLineOption measure(
      QStringLiteral("measure"),
      QStringLiteral("Open FILE, print load and selection timings as JSON, and quit: time to "
                     "the first row, to the end of indexing, the longest event-loop stall "
                     "while indexing (and the 99th percentile), and the time to select and "
                     "show evenly spaced rows."));
  parser.addOption(measure);
  QCommandLineOption measure_rows(QStringLiteral("measure-rows"),
                                  QStringLiteral("With --measure: rows to select (default 101)."),
                                  QStringLiteral("N"), QStringLiteral("101"));
  parser.addOption(measure_rows);
  QCommandLineOption measure_timeout(
      QStringLiteral("measure-timeout"),
      QStringLiteral("With --measure: give up after S seconds of loading, report what was "
                     "measured (index_complete_ms null) and exit with status 4 (default 600)."),
      QStringLiteral("S"), QStringLiteral("600"));
  parser.addOption(measure_timeout);
  const bgplens::LiveLaunch live;
  live.add_options(parser);
  parser.process(app);

  bgplens::MainWindow window;
  window.show();
  const QStringList files = parser.positionalArguments();
  if (parser.isSet(measure)) {
    if (files.isEmpty()) {
      std::fprintf(stderr, "bgplens: --measure needs a FILE\n");
      return 1;
    }
    auto m = std::make_unique<Measurement>(
        window, files.first(), parser.value(measure_rows).toInt(),
        parser.value(measure_timeout).toInt(), since_start.nsecsElapsed());
    // Opened from the event loop, as a user's File → Open would be.
    QTimer::singleShot(0, &window, [&m] { m->start(); });
    return app.exec();
  }
  if (live.requested(parser)) {
    if (const QString error = live.start(parser, window); !error.isEmpty()) {
      std::fprintf(stderr, "bgplens: %s\n", qPrintable(error));
      return 3;
    }
    return app.exec();
  }
  if (files.isEmpty()) {
    window.open_sample();
  } else {
    window.open_file(files.first());
  }
  if (parser.isSet(screenshot)) {
    // Scripted screenshots for the README and for reviewing the GUI without a display.
    const QString spec = parser.value(screenshot);
    const qint64 row = spec.section(QLatin1Char(':'), 0, 0).toLongLong();
    const QString path = spec.section(QLatin1Char(':'), 1);
    const QString key = parser.value(field);
    QObject::connect(window.loader(), &bgplens::CaptureLoader::finished, &window,
                     [&window, row, path, key] {
                       window.select_row(row);
                       if (!key.isEmpty()) window.select_field_by_key(key);
                       QTimer::singleShot(400, &window, [&window, path] {
                         window.grab().save(path);
                         QApplication::quit();
                       });
                     });
  }
  return app.exec();
}

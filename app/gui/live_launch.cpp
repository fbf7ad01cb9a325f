#include "live_launch.h"

#include <sys/resource.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bmp_listen_dialog.h"
#include "connect_peer_dialog.h"
#include "live/speaker_options.h"
#include "live_controller.h"
#include "main_window.h"

namespace bgplens {
namespace {

double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

// --measure-live: from the start of the session until `prefixes` announced prefixes were
// received and every row is in the store (the loader idle), the process's CPU time.
void measure(MainWindow& window, std::uint64_t prefixes, int timeout_s) {
  struct State {
    double cpu0 = cpu_seconds();
    QElapsedTimer wall;
    bool done = false;
  };
  auto state = std::make_shared<State>();
  state->wall.start();
  auto* timer = new QTimer(&window);
  timer->setInterval(100);
  QObject::connect(timer, &QTimer::timeout, &window, [&window, state, prefixes, timeout_s] {
    if (state->done) return;
    const LiveStatus status = window.live()->session()->status();
    const bool timed_out = state->wall.elapsed() > qint64{timeout_s} * 1000;
    // The rows are all in once the loader's queue is empty: a turn appends what is queued.
    const std::uint64_t rows = window.store()->size();
    const bool all_in = status.messages_received + status.messages_sent <= rows;
    if (!(status.prefixes_received >= prefixes && all_in) && !timed_out) return;
    state->done = true;
    const double cpu = cpu_seconds() - state->cpu0;
    const double wall = static_cast<double>(state->wall.elapsed()) / 1000.0;
    const double per_million =
        status.prefixes_received ? cpu * 1e6 / static_cast<double>(status.prefixes_received) : 0.0;
    std::printf(
        "{\"prefixes\": %llu, \"messages_received\": %llu, \"rows\": %llu, \"cpu_s\": %.3f, "
        "\"wall_s\": %.3f, \"cpu_s_per_million_prefixes\": %.3f, \"timed_out\": %s}\n",
        static_cast<unsigned long long>(status.prefixes_received),
        static_cast<unsigned long long>(status.messages_received),
        static_cast<unsigned long long>(rows), cpu, wall, per_million,
        timed_out ? "true" : "false");
    std::fflush(stdout);
    QApplication::exit(timed_out ? 4 : 0);
  });
  timer->start();
}

}  // namespace

LiveLaunch::LiveLaunch()
    : connect_(QStringLiteral("connect"),
               QStringLiteral("Connect to a BGP peer at launch (a read-only speaker)."),
               QStringLiteral("HOST[:PORT]")),
      listen_(QStringLiteral("listen"),
              QStringLiteral("Listen for a BGP peer at launch (a read-only speaker)."),
              QStringLiteral("ADDR:PORT")),
      bmp_(QStringLiteral("bmp"), QStringLiteral("Listen for BMP from routers at launch."),
           QStringLiteral("ADDR:PORT")),
      speaker_(QStringLiteral("speaker"),
               QStringLiteral("With --connect/--listen: the speaker options of bgplens-cli live, "
                              "in one argument (\"--local-as 65001 --router-id 192.0.2.1 "
                              "--family ipv4-unicast\")."),
               QStringLiteral("OPTIONS")),
      md5_(QStringLiteral("md5"), QStringLiteral("With --connect/--listen: TCP-MD5 password."),
           QStringLiteral("SECRET")),
      record_(QStringLiteral("record"),
              QStringLiteral("Record the live source to FILE (.mrt or .pcapng)."),
              QStringLiteral("FILE")),
      screenshot_(QStringLiteral("live-screenshot"),
                  QStringLiteral("After S seconds of the live source, save a screenshot of the "
                                 "window to PATH and quit."),
                  QStringLiteral("S:PATH")),
      measure_(QStringLiteral("measure-live"),
               QStringLiteral("Print, as JSON, the CPU time the process took from the start of "
                              "the session until N prefixes were received and listed, and "
                              "quit."),
               QStringLiteral("N")),
      measure_timeout_(QStringLiteral("measure-live-timeout"),
                       QStringLiteral("With --measure-live: give up after S seconds (exit 4)."),
                       QStringLiteral("S"), QStringLiteral("600")) {}

void LiveLaunch::add_options(QCommandLineParser& parser) const {
  for (const QCommandLineOption* o : {&connect_, &listen_, &bmp_, &speaker_, &md5_, &record_,
                                      &screenshot_, &measure_, &measure_timeout_})
    parser.addOption(*o);
}

bool LiveLaunch::requested(const QCommandLineParser& parser) const {
  return parser.isSet(connect_) || parser.isSet(listen_) || parser.isSet(bmp_);
}

QString LiveLaunch::start(const QCommandLineParser& parser, MainWindow& window) const {
  QString error;
  if (parser.isSet(bmp_)) {
    BmpListenRequest request;
    const auto at = live::parse_endpoint(parser.value(bmp_).toStdString(), 11019);
    if (!at) return QStringLiteral("--bmp takes ADDR:PORT");
    request.listen_at = *at;
    request.record_path = parser.value(record_);
    error = window.live()->start(request);
  } else {
    LiveSessionRequest request;
    request.fsm.passive = parser.isSet(listen_);
    const QString where = parser.value(request.fsm.passive ? listen_ : connect_);
    const auto at = live::parse_endpoint(where.toStdString(), 179);
    if (!at) return QStringLiteral("%1 is not HOST[:PORT]").arg(where);
    (request.fsm.passive ? request.connection.listen_at : request.connection.peer) = *at;
    std::vector<std::string> args;
    for (const QString& a : parser.value(speaker_).split(QLatin1Char(' '), Qt::SkipEmptyParts))
      args.push_back(a.toStdString());
    live::SpeakerArgs speaker;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const auto taken = live::parse_speaker_option(args, i, speaker);
      if (!taken)
        return QStringLiteral("--speaker: unknown option %1").arg(QString::fromStdString(args[i]));
      if (!taken->empty())
        return QStringLiteral("--speaker: %1").arg(QString::fromStdString(*taken));
    }
    request.speaker = speaker.config;
    request.connection.md5_password = parser.value(md5_).toStdString();
    request.record_path = parser.value(record_);
    error = window.live()->start(request);
  }
  if (!error.isEmpty()) return error;
  if (parser.isSet(measure_))
    measure(window, parser.value(measure_).toULongLong(), parser.value(measure_timeout_).toInt());
  if (parser.isSet(screenshot_)) {
    const QString spec = parser.value(screenshot_);
    const double seconds = spec.section(QLatin1Char(':'), 0, 0).toDouble();
    const QString path = spec.section(QLatin1Char(':'), 1);
    QTimer::singleShot(static_cast<int>(seconds * 1000), &window, [&window, path] {
      // The first UPDATE, else the first row: what a user would look at first.
      MessageStore& store = *window.store();
      qint64 row = store.size() > 0 ? 0 : -1;
      for (std::size_t r = 0; r < store.size(); ++r) {
        if (store.record(r).type == 2) {
          row = static_cast<qint64>(r);
          break;
        }
      }
      if (row >= 0) window.select_row(row);
      QTimer::singleShot(400, &window, [&window, path] {
        window.grab().save(path);
        QApplication::quit();
      });
    });
  }
  return {};
}

}  // namespace bgplens

#include "live_session.h"

#include <optional>

#include "bgp/nlri/family_table.h"
#include "live/live_index.h"
#include "live/live_sources_index.h"
#include "record/index_recorder.h"

namespace bgplens {

namespace {

QString text(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

}  // namespace

// What the source's thread reports, kept for the GUI thread under a lock; also the last sink
// before the loader's queue (it counts rows) and the recording, when there is one.
class LiveSession::Reports final : public live::SessionObserver,
                                   public live::BmpObserver,
                                   public live::CaptureObserver,
                                   public IndexSink {
 public:
  Reports(LiveStatus initial, std::shared_ptr<IndexSink> next, const ByteStore& store)
      : status_(std::move(initial)), next_(std::move(next)), store_(store) {}

  // Recording: the rows go to `recorder` before they go on to the queue.
  void record(record::IndexRecorder recorder) {
    recorder_.emplace(std::move(recorder));
    recording_.emplace(*recorder_, store_, next_.get());
  }
  // The recording's end: empty, or what went wrong.
  QString close_recording() {
    if (!recorder_) return {};
    const bool ok = recorder_->close() && recording_->ok();
    return ok ? QString() : text(recorder_->error());
  }

  LiveStatus status() const {
    std::lock_guard lock(mutex_);
    return status_;
  }
  std::vector<Family> families() const {
    std::lock_guard lock(mutex_);
    return families_;
  }
  void set_running(bool running) {
    std::lock_guard lock(mutex_);
    status_.running = running;
    if (!running) status_.can_refresh = false;
  }
  void set_title(const QString& title) {
    std::lock_guard lock(mutex_);
    status_.title = title;
  }
  void set_state(const QString& state) {
    std::lock_guard lock(mutex_);
    status_.state = state;
    status_.state_since = QDateTime::currentDateTime();
  }

  // IndexSink: every row goes through here.
  void on_batch(IndexBatch&& batch) override {
    {
      std::lock_guard lock(mutex_);
      rows_ += batch.records.size();
      if (status_.kind != LiveKind::BgpSession) status_.messages_received = rows_;
    }
    if (recording_) {
      recording_->on_batch(std::move(batch));
    } else {
      next_->on_batch(std::move(batch));
    }
  }

  // BGP session.
  void on_message(const live::MessageEvent& m) override {
    std::lock_guard lock(mutex_);
    if (m.direction == live::Direction::Sent) {
      ++status_.messages_sent;
      return;
    }
    ++status_.messages_received;
    if (m.decoded && m.type == 2) {
      status_.prefixes_received += m.decoded->update.announced;
      status_.withdrawals_received += m.decoded->update.withdrawn;
    }
  }
  void on_state(const live::StateChange& c) override {
    std::lock_guard lock(mutex_);
    status_.state = text(live::state_name(c.to));
    status_.state_since = QDateTime::currentDateTime();
    established_ = c.to == live::State::Established;
    status_.can_refresh = established_ && peer_refresh_;
  }
  void on_negotiated(const live::Negotiated& n) override {
    std::lock_guard lock(mutex_);
    families_ = n.families;
    peer_refresh_ = n.peer_route_refresh;
    status_.can_refresh = established_ && peer_refresh_;
  }
  void on_error(const live::SessionError& e) override {
    error(text(live::error_kind_name(e.kind)) + QStringLiteral(": ") +
          QString::fromStdString(e.text));
  }

  // BMP station.
  void on_router_connected(std::uint32_t, const Endpoint&, const Endpoint&, std::int64_t) override {
    routers(+1);
  }
  void on_router_bytes(std::uint32_t, Bytes, std::int64_t) override {}
  void on_router_closed(std::uint32_t router, const std::string& reason, std::int64_t) override {
    routers(-1);
    error(QStringLiteral("router %1: %2").arg(router).arg(QString::fromStdString(reason)));
  }
  void on_error(const std::string& message, std::int64_t) override {
    error(QString::fromStdString(message));
  }

  // Interface capture.
  void on_frame(const live::CapturedFrame&) override {}
  void on_error(const std::string& message) override { error(QString::fromStdString(message)); }

 private:
  void error(const QString& message) {
    std::lock_guard lock(mutex_);
    status_.last_error = message;
    status_.last_error_time = QDateTime::currentDateTime();
  }
  void routers(int change) {
    std::lock_guard lock(mutex_);
    routers_ += change;
    status_.state =
        routers_ == 1 ? QStringLiteral("1 router") : QStringLiteral("%1 routers").arg(routers_);
    status_.state_since = QDateTime::currentDateTime();
  }

  mutable std::mutex mutex_;
  LiveStatus status_;
  std::vector<Family> families_;
  bool established_ = false;
  bool peer_refresh_ = false;
  int routers_ = 0;
  std::uint64_t rows_ = 0;
  std::shared_ptr<IndexSink> next_;
  const ByteStore& store_;
  std::optional<record::IndexRecorder> recorder_;
  std::optional<record::RecordingSink> recording_;
};

LiveSession::LiveSession(CaptureLoader* loader, QObject* parent)
    : QObject(parent), loader_(loader) {
  status_timer_.setInterval(250);
  connect(&status_timer_, &QTimer::timeout, this, &LiveSession::poll_status);
}

LiveSession::~LiveSession() {
  stop();
}

bool LiveSession::running() const {
  return connection_ || station_ || capture_;
}

LiveStatus LiveSession::status() const {
  return reports_ ? reports_->status() : LiveStatus{};
}

QString LiveSession::begin(const QString& title, LiveKind kind, const QString& record_path) {
  stop();
  std::optional<record::IndexRecorder> recorder;
  if (!record_path.isEmpty()) {
    record::IndexRecorderOptions options;
    const auto format = record::format_from_path(record_path.toStdString());
    if (!format) return tr("%1: a recording is a .mrt or .pcapng file").arg(record_path);
    options.format = *format;
    auto r = record::IndexRecorder::create(record_path.toStdString(), options);
    if (!r) return QString::fromStdString(r.error());
    recorder.emplace(std::move(*r));
  }
  store_ = std::make_shared<ByteStore>();
  queue_sink_ = loader_->begin_live(title, store_);
  LiveStatus initial;
  initial.kind = kind;
  initial.running = true;
  initial.title = title;
  initial.state_since = QDateTime::currentDateTime();
  reports_ = std::make_unique<Reports>(initial, queue_sink_, *store_);
  if (recorder) reports_->record(std::move(*recorder));
  return {};
}

QString LiveSession::start_bgp(const live::SpeakerConfig& speaker, const live::FsmOptions& fsm,
                               const live::ConnectionOptions& connection,
                               const QString& record_path) {
  const QString title =
      fsm.passive ? tr("BGP listening on %1").arg(text(live::endpoint_text(connection.listen_at)))
                  : tr("BGP to %1").arg(text(live::endpoint_text(connection.peer)));
  if (QString error = begin(title, LiveKind::BgpSession, record_path); !error.isEmpty())
    return error;
  reports_->set_state(text(live::state_name(live::State::Idle)));
  auto indexer = std::make_unique<live::SessionIndexer>(store_, *reports_, reports_.get());
  auto conn = std::make_unique<live::BgpConnection>(speaker, fsm, connection, *indexer);
  if (std::string error = conn->start(); !error.empty()) {
    end(QString::fromStdString(error));
    return QString::fromStdString(error);
  }
  listening_port_ = conn->listening_port();
  if (fsm.passive) {
    // The port the system gave when 0 was asked for.
    live::Endpoint at = connection.listen_at;
    at.port = listening_port_;
    reports_->set_title(tr("BGP listening on %1").arg(text(live::endpoint_text(at))));
  }
  session_indexer_ = std::move(indexer);
  connection_ = std::move(conn);
  status_timer_.start();
  poll_status();
  return {};
}

QString LiveSession::start_bmp(const live::BmpStationOptions& options, const QString& record_path) {
  const QString title = tr("BMP station on %1").arg(text(live::endpoint_text(options.listen_at)));
  if (QString error = begin(title, LiveKind::BmpStation, record_path); !error.isEmpty())
    return error;
  reports_->set_state(tr("listening"));
  auto indexer = std::make_unique<live::StationIndexer>(store_, *reports_, reports_.get());
  auto station = std::make_unique<live::BmpStation>(options, *indexer);
  if (std::string error = station->start(); !error.empty()) {
    end(QString::fromStdString(error));
    return QString::fromStdString(error);
  }
  listening_port_ = station->listening_port();
  live::Endpoint at = options.listen_at;
  at.port = listening_port_;
  reports_->set_title(tr("BMP station on %1").arg(text(live::endpoint_text(at))));
  station_indexer_ = std::move(indexer);
  station_ = std::move(station);
  status_timer_.start();
  poll_status();
  return {};
}

QString LiveSession::start_capture(const live::CaptureOptions& options,
                                   const QString& record_path) {
  const QString title = tr("%1 (%2)").arg(QString::fromStdString(options.interface),
                                          QString::fromStdString(options.filter));
  if (QString error = begin(title, LiveKind::InterfaceCapture, record_path); !error.isEmpty())
    return error;
  reports_->set_state(tr("capturing on %1").arg(QString::fromStdString(options.interface)));
  auto indexer = std::make_unique<live::CaptureIndexer>(store_, *reports_, reports_.get());
  auto capture = std::make_unique<live::InterfaceCapture>(options, *indexer);
  if (std::string error = capture->start(); !error.empty()) {
    end(QString::fromStdString(error));
    return QString::fromStdString(error);
  }
  capture_indexer_ = std::move(indexer);
  capture_ = std::move(capture);
  status_timer_.start();
  poll_status();
  return {};
}

void LiveSession::stop() {
  if (!reports_) return;
  // The source's thread ends first; then its indexer hands over the last batch (on this
  // thread, the only one left writing the store).
  if (connection_) {
    connection_->stop();
    static_cast<live::SessionIndexer&>(*session_indexer_).finish();
  }
  if (station_) {
    station_->stop();
    static_cast<live::StationIndexer&>(*station_indexer_).finish();
  }
  if (capture_) {
    capture_->stop();
    static_cast<live::CaptureIndexer&>(*capture_indexer_).finish();
  }
  const bool was_running = running();
  connection_.reset();
  session_indexer_.reset();
  station_.reset();
  station_indexer_.reset();
  capture_.reset();
  capture_indexer_.reset();
  if (was_running) end(tr("stopped"));
}

void LiveSession::end(const QString& summary) {
  status_timer_.stop();
  QString text = summary;
  if (const QString error = reports_->close_recording(); !error.isEmpty())
    text += tr(" — recording failed: %1").arg(error);
  reports_->set_running(false);
  if (connection_ == nullptr && station_ == nullptr && capture_ == nullptr) loader_->end_live(text);
  emit statusChanged(reports_->status());
}

void LiveSession::request_refresh() {
  if (!connection_ || !reports_) return;
  for (Family f : reports_->families())
    connection_->request_refresh(f);
}

void LiveSession::poll_status() {
  if (!reports_) return;
  if (connection_ && connection_->wait_finished(live::Millis(0))) {
    // The session ended for good (no reconnection asked for): the source is done.
    stop();
    return;
  }
  emit statusChanged(reports_->status());
}

}  // namespace bgplens

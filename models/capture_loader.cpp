#include "capture_loader.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>

#include "buffer/region.h"
#include "capture/pcap_reader.h"
#include "index/capture_indexer.h"
#include "index/source_file.h"

namespace bgplens {
namespace {

// Posts each batch to the loader's thread. The batch is moved into a shared_ptr because a
// queued functor must be copyable.
class QueuedSink final : public IndexSink {
 public:
  QueuedSink(QPointer<CaptureLoader> loader, std::uint64_t generation,
             std::function<void(std::shared_ptr<IndexBatch>, std::uint64_t)> deliver)
      : loader_(std::move(loader)), generation_(generation), deliver_(std::move(deliver)) {}
  void on_batch(IndexBatch&& batch) override {
    deliver_(std::make_shared<IndexBatch>(std::move(batch)), generation_);
  }

 private:
  QPointer<CaptureLoader> loader_;
  std::uint64_t generation_;
  std::function<void(std::shared_ptr<IndexBatch>, std::uint64_t)> deliver_;
};

QString stats_summary(const IndexStats& s) {
  QString text = QStringLiteral("%1 messages from %2 frames").arg(s.records).arg(s.frames);
  if (s.fragments) text += QStringLiteral(", %1 IP fragments skipped").arg(s.fragments);
  if (s.unsupported_link)
    text += QStringLiteral(", %1 frames of an unsupported link type").arg(s.unsupported_link);
  if (!s.read_error.empty())
    text += QStringLiteral(" — the file ends early: %1").arg(QString::fromStdString(s.read_error));
  return text;
}

}  // namespace

CaptureLoader::CaptureLoader(MessageStore* store, QObject* parent)
    : QObject(parent), store_(store) {}

CaptureLoader::~CaptureLoader() {
  cancel();
  wait();
}

void CaptureLoader::cancel() {
  if (worker_.joinable()) worker_.request_stop();
}

void CaptureLoader::wait() {
  if (worker_.joinable()) worker_.join();
}

bool CaptureLoader::open(const QString& path) {
  auto bytes = open_source_file(path.toStdString());
  if (!bytes) {
    emit failed(QString::fromStdString(bytes.error()));
    return false;
  }
  start(QFileInfo(path).fileName(), *bytes);
  return true;
}

bool CaptureLoader::open_bytes(const QString& name, std::vector<std::uint8_t> data) {
  auto bytes = std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(data)));
  if (!looks_like_capture(bytes->view(0, std::min<std::uint64_t>(bytes->base_size(), 4)))) {
    emit failed(name + QStringLiteral(" is not a pcap or pcapng capture"));
    return false;
  }
  start(name, std::move(bytes));
  return true;
}

void CaptureLoader::start(const QString& name, std::shared_ptr<ByteStore> bytes) {
  cancel();
  wait();
  const std::uint64_t generation = ++generation_;
  store_->reset(bytes);
  loading_ = true;
  emit started(name, static_cast<qint64>(bytes->base_size()));
  QPointer<CaptureLoader> self(this);
  auto deliver = [self](std::shared_ptr<IndexBatch> batch, std::uint64_t gen) {
    if (!self) return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, batch, gen] {
          if (self) self->on_batch(batch, gen);
        },
        Qt::QueuedConnection);
  };
  worker_ = std::jthread([self, bytes, generation, deliver](std::stop_token stop) {
    QueuedSink sink(self, generation, deliver);
    auto stats = index_capture(bytes, sink, stop);
    const bool cancelled = stop.stop_requested();
    const QString summary = stats ? stats_summary(*stats) : QString::fromStdString(stats.error());
    if (!self) return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, generation, cancelled, summary] {
          if (self) self->on_done(generation, cancelled, summary);
        },
        Qt::QueuedConnection);
  });
}

void CaptureLoader::on_batch(const std::shared_ptr<IndexBatch>& batch, std::uint64_t generation) {
  if (generation != generation_) return;
  const auto done = static_cast<qint64>(batch->bytes_done);
  const auto total = static_cast<qint64>(batch->bytes_total);
  store_->append(std::move(*batch));
  emit progress(done, total);
}

void CaptureLoader::on_done(std::uint64_t generation, bool cancelled, const QString& summary) {
  if (generation != generation_) return;
  loading_ = false;
  emit finished(cancelled, summary);
}

}  // namespace bgplens

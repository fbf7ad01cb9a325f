#include "capture_loader.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QMetaObject>
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "buffer/region.h"
#include "capture/pcap_reader.h"
#include "index/capture_indexer.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "mrt/mrt_record.h"

namespace bgplens {

// The batches the parser thread made and the GUI thread has not appended yet, in order. At
// most one drain turn is posted at a time: the parser thread posts one when it queues into a
// queue without a pending turn, and a turn that leaves batches behind posts the next.
class BatchQueue {
 public:
  BatchQueue(std::size_t max_records, std::function<void()> post_drain)
      : max_records_(max_records), post_drain_(std::move(post_drain)) {}

  // Parser thread. Waits while the GUI thread is max_records behind, until it catches up or
  // `stop` is requested; the batch is queued either way (nothing is dropped).
  void push(IndexBatch&& batch, std::stop_token stop) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, stop, [this] { return unbounded_ || queued_records_ < max_records_; });
    queued_records_ += batch.records.size();
    batches_.push_back(std::move(batch));
    wake();
  }

  // Parser thread: indexing ended; the last turn reports it.
  void finish(bool cancelled, QString summary) {
    std::lock_guard lock(mutex_);
    done_ = true;
    cancelled_ = cancelled;
    summary_ = std::move(summary);
    wake();
  }

  // push() waits no more (for CaptureLoader::wait(), when the GUI thread takes nothing).
  void unbound() {
    {
      std::lock_guard lock(mutex_);
      unbounded_ = true;
    }
    room_.notify_all();
  }

  struct Taken {
    std::vector<IndexBatch> batches;
    bool done = false;  // nothing more will come: cancelled and summary are set
    bool cancelled = false;
    QString summary;
  };
  // GUI thread, in a drain turn: whole batches from the front, about `max_records` (at least
  // one batch). Posts the next turn when some are left.
  Taken take(std::size_t max_records) {
    Taken t;
    {
      std::lock_guard lock(mutex_);
      drain_posted_ = false;
      std::size_t records = 0;
      while (!batches_.empty() && (t.batches.empty() || records < max_records)) {
        records += batches_.front().records.size();
        t.batches.push_back(std::move(batches_.front()));
        batches_.pop_front();
      }
      queued_records_ -= records;
      if (batches_.empty() && done_) {
        t.done = true;
        t.cancelled = cancelled_;
        t.summary = summary_;
      } else if (!batches_.empty()) {
        wake();
      }
    }
    room_.notify_all();
    return t;
  }

 private:
  void wake() {
    if (drain_posted_) return;
    drain_posted_ = true;
    post_drain_();
  }

  const std::size_t max_records_;
  const std::function<void()> post_drain_;
  std::mutex mutex_;
  std::condition_variable_any room_;
  std::deque<IndexBatch> batches_;
  std::size_t queued_records_ = 0;
  bool drain_posted_ = false;
  bool unbounded_ = false;
  bool done_ = false;
  bool cancelled_ = false;
  QString summary_;
};

namespace {

class QueueSink final : public IndexSink {
 public:
  QueueSink(std::shared_ptr<BatchQueue> queue, std::stop_token stop)
      : queue_(std::move(queue)), stop_(std::move(stop)) {}
  void on_batch(IndexBatch&& batch) override { queue_->push(std::move(batch), stop_); }

 private:
  std::shared_ptr<BatchQueue> queue_;
  std::stop_token stop_;
};

QString stats_summary(const IndexStats& s, const std::string& path) {
  QString text =
      s.mrt_records > 0
          ? QStringLiteral("%1 rows from %2 MRT records").arg(s.records).arg(s.mrt_records)
          : QStringLiteral("%1 messages from %2 frames").arg(s.records).arg(s.frames);
  if (s.damaged_bytes)
    text += QStringLiteral(", %1 damaged bytes between records").arg(s.damaged_bytes);
  if (s.fragments) text += QStringLiteral(", %1 IP fragments skipped").arg(s.fragments);
  if (s.unsupported_link)
    text += QStringLiteral(", %1 frames of an unsupported link type").arg(s.unsupported_link);
  // A decompression problem names the file and says what happened ("F: the bzip2 stream ends
  // early ..."); a capture reader's says only what.
  if (!path.empty() && s.read_error.starts_with(path + ": "))
    text +=
        QStringLiteral(" — %1").arg(QString::fromStdString(s.read_error.substr(path.size() + 2)));
  else if (!s.read_error.empty())
    text += QStringLiteral(" — the file ends early: %1").arg(QString::fromStdString(s.read_error));
  return text;
}

}  // namespace

CaptureLoader::CaptureLoader(MessageStore* store, QObject* parent)
    : QObject(parent), store_(store) {
  progress_timer_.setInterval(100);
  connect(&progress_timer_, &QTimer::timeout, this, &CaptureLoader::report_progress);
}

CaptureLoader::~CaptureLoader() {
  cancel();
  wait();
}

void CaptureLoader::cancel() {
  if (worker_.joinable()) worker_.request_stop();
  live_stop_.request_stop();
}

void CaptureLoader::wait() {
  if (!worker_.joinable()) return;
  // The GUI thread takes no batches while it waits here: the parser thread must not wait for
  // room in the queue.
  if (queue_) queue_->unbound();
  worker_.join();
}

bool CaptureLoader::open(const QString& path) {
  const std::string file = path.toStdString();
  auto bytes = open_source_file(file);
  if (!bytes) {
    emit failed(QString::fromStdString(bytes.error()));
    return false;
  }
  start(QFileInfo(path).fileName(), *bytes, file);
  path_ = path;
  return true;
}

bool CaptureLoader::open_bytes(const QString& name, std::vector<std::uint8_t> data) {
  auto bytes = std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(data)));
  const Bytes head = bytes->view(0, std::min<std::uint64_t>(bytes->base_size(), 4096));
  if (!looks_like_capture(head.first(std::min<std::size_t>(head.size(), 4))) &&
      !mrt::looks_like_mrt(head)) {
    emit failed(name + QStringLiteral(" is neither a pcap/pcapng capture nor an MRT dump"));
    return false;
  }
  start(name, std::move(bytes));
  return true;
}

void CaptureLoader::begin(const QString& name, const std::shared_ptr<ByteStore>& bytes, bool live) {
  cancel();
  wait();
  live_ = live;
  path_.clear();
  const std::uint64_t generation = ++generation_;
  store_->reset(bytes);
  store_->set_loading(true);
  loading_ = true;
  bytes_done_ = -1;
  bytes_reported_ = -1;
  progress_timer_.start();
  emit started(name, static_cast<qint64>(bytes->base_size()));
  // Posted from either thread; the loader outlives the parser thread (it joins it).
  queue_ = std::make_shared<BatchQueue>(pacing_.max_queued_records, [this, generation] {
    QMetaObject::invokeMethod(
        this, [this, generation] { drain(generation); }, Qt::QueuedConnection);
  });
}

std::shared_ptr<IndexSink> CaptureLoader::begin_live(const QString& name,
                                                     std::shared_ptr<ByteStore> bytes) {
  begin(name, bytes, true);
  live_stop_ = std::stop_source();
  return std::make_shared<QueueSink>(queue_, live_stop_.get_token());
}

void CaptureLoader::end_live(const QString& summary) {
  if (!queue_ || !live_) return;
  live_ = false;
  queue_->finish(false, summary);
}

void CaptureLoader::start(const QString& name, std::shared_ptr<ByteStore> bytes, std::string path) {
  begin(name, bytes, false);
  worker_ = std::jthread([queue = queue_, bytes, path = std::move(path)](std::stop_token stop) {
    QueueSink sink(queue, stop);
    auto stats = index_source(bytes, sink, stop);
    const bool cancelled = stop.stop_requested();
    queue->finish(cancelled,
                  stats ? stats_summary(*stats, path) : QString::fromStdString(stats.error()));
  });
}

void CaptureLoader::drain(std::uint64_t generation) {
  if (generation != generation_ || !queue_) return;
  const double budget = static_cast<double>(pacing_.turn_budget_ns) / ns_per_record_;
  BatchQueue::Taken taken = queue_->take(static_cast<std::size_t>(std::clamp(budget, 1024.0, 1e9)));
  if (!taken.batches.empty()) {
    std::size_t records = 0;
    for (const IndexBatch& b : taken.batches)
      records += b.records.size();
    bytes_done_ = static_cast<qint64>(taken.batches.back().bytes_done);
    bytes_total_ = static_cast<qint64>(taken.batches.back().bytes_total);
    QElapsedTimer clock;
    clock.start();
    store_->append(taken.batches);
    if (records >= 1024) {
      // Smoothed: one slow turn (a page fault storm, another process) must not halve the next.
      const double cost = static_cast<double>(clock.nsecsElapsed()) / static_cast<double>(records);
      ns_per_record_ = std::clamp(0.7 * ns_per_record_ + 0.3 * cost, 10.0, 100'000.0);
    }
  }
  if (!taken.done) return;
  queue_.reset();
  progress_timer_.stop();
  report_progress();
  loading_ = false;
  store_->set_loading(false);  // the list shows every row before finished
  emit finished(taken.cancelled, taken.summary);
}

void CaptureLoader::report_progress() {
  if (bytes_done_ < 0 || bytes_done_ == bytes_reported_) return;
  bytes_reported_ = bytes_done_;
  emit progress(bytes_done_, bytes_total_);
}

}  // namespace bgplens

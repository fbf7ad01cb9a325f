// Indexes a file on a background thread and hands the batches to a MessageStore on the GUI
// thread. Progress is bytes read; cancellation is checked every few hundred packets, so Cancel
// takes effect at once and keeps the rows already indexed.
//
// The parser thread outruns the GUI thread (it indexes a 1 GB capture in a second or two), so the
// batches are not posted one event each: that would queue hundreds of them, which the event
// loop then runs in one go, frozen for seconds. The parser thread puts them in a queue of
// bounded size (it waits when the GUI is behind) and wakes the GUI thread once; each turn of
// the event loop appends what is queued, as one insertion of at most a few milliseconds of
// work, and leaves the rest to the next turn, so input and painting go on in between.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <stop_token>
#include <thread>

#include "index/index_sink.h"
#include "message_store.h"

namespace bgplens {

class BatchQueue;

class CaptureLoader : public QObject {
  Q_OBJECT

 public:
  explicit CaptureLoader(MessageStore* store, QObject* parent = nullptr);
  ~CaptureLoader() override;

  // Stops any load in progress, resets the store and starts indexing `path`. Returns false
  // (and emits failed) when the file cannot be opened at all.
  bool open(const QString& path);
  // The same for bytes held in memory (the bundled sample), shown under `name`.
  bool open_bytes(const QString& name, std::vector<std::uint8_t> bytes);
  void cancel();
  bool loading() const { return loading_; }

  // A live source (a BGP session, a BMP station, an interface capture) fills the store through
  // the same queue and turns as a file: begin_live() resets the store to `bytes` and returns
  // the sink the source's thread hands its batches to; end_live() (once that thread ended)
  // says nothing more comes. Batches are appended as they arrive, loading() stays true while
  // the source runs, and finished() reports `summary`. Opening something else abandons a live
  // source's sink: what it hands over later is dropped, and it never waits for room again.
  std::shared_ptr<IndexSink> begin_live(const QString& name, std::shared_ptr<ByteStore> bytes);
  void end_live(const QString& summary);
  // Whether the store is being filled by a live source (rather than a file).
  bool live() const { return live_; }
  // The file the store holds (empty for bytes and live sources).
  const QString& path() const { return path_; }
  // Waits for the parser thread (tests). The batches it made are appended by the event loop
  // afterwards, as they would have been.
  void wait();

  struct Pacing {
    // Records queued by the parser thread before it waits for the GUI thread to catch up
    // (16 MiB of records: bounds the memory in flight and how long Cancel takes to show).
    std::size_t max_queued_records = std::size_t{1} << 19;
    // Work per turn of the event loop: the records appended in one go are as many as the last
    // turns took this long for (at least 1024, and at least one batch).
    qint64 turn_budget_ns = 8'000'000;
  };
  // For the next open (tests use small values to make many turns of a small capture).
  void set_pacing(const Pacing& pacing) { pacing_ = pacing; }

 signals:
  void started(const QString& name, qint64 total_bytes);
  // Ten times a second while bytes are read, and with all of them before finished.
  void progress(qint64 bytes_done, qint64 total_bytes);
  void finished(bool cancelled, const QString& summary);
  void failed(const QString& message);

 private:
  // `path`: the file's path as open_source_file() was given it (empty for bytes), which a
  // decompression problem names.
  void start(const QString& name, std::shared_ptr<ByteStore> bytes, std::string path = {});
  // One turn: appends what is queued, up to the turn's budget.
  void drain(std::uint64_t generation);
  void report_progress();

  // Starts a load: resets the store and makes the queue the batches go through.
  void begin(const QString& name, const std::shared_ptr<ByteStore>& bytes, bool live);

  MessageStore* store_;
  Pacing pacing_;
  // A live source feeds queue_ (begin_live), and this stops its waiting for room.
  bool live_ = false;
  std::stop_source live_stop_;
  QString path_;
  std::jthread worker_;
  std::shared_ptr<BatchQueue> queue_;  // the current load's (none once it finished)
  std::uint64_t generation_ = 0;       // turns posted for an abandoned load do nothing
  bool loading_ = false;
  // What appending cost per record lately, to size the next turn (a first guess: 1 µs).
  double ns_per_record_ = 1000;
  // Progress is reported on a timer of its own, outside the turns that append: the status bar
  // redraws at once (QProgressBar repaints synchronously), and with the list it may be long.
  QTimer progress_timer_;
  qint64 bytes_done_ = -1;  // of the last batch appended (-1: none yet)
  qint64 bytes_total_ = 0;
  qint64 bytes_reported_ = -1;
};

}  // namespace bgplens

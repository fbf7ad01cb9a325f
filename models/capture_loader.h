// Indexes a file on a background thread and hands the batches to a MessageStore on the GUI
// thread through queued calls. Progress is bytes read; cancellation is checked every few
// hundred packets, so Cancel takes effect at once and keeps the rows already shown.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <stop_token>
#include <thread>

#include "index/index_sink.h"
#include "message_store.h"

namespace bgplens {

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
  // Waits for the parser thread (tests).
  void wait();

 signals:
  void started(const QString& name, qint64 total_bytes);
  void progress(qint64 bytes_done, qint64 total_bytes);
  void finished(bool cancelled, const QString& summary);
  void failed(const QString& message);

 private:
  void start(const QString& name, std::shared_ptr<ByteStore> bytes);
  void on_batch(const std::shared_ptr<IndexBatch>& batch, std::uint64_t generation);
  void on_done(std::uint64_t generation, bool cancelled, const QString& summary);

  MessageStore* store_;
  std::jthread worker_;
  std::uint64_t generation_ = 0;  // batches of an abandoned load are dropped
  bool loading_ = false;
};

}  // namespace bgplens

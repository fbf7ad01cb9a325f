// Loading without freezing the window: the loader's bounded queue and coalesced turns, the
// store's chunked records and multi-batch appends, the list's paced insertions while a capture
// loads, and the session filter chosen in the middle of a load. Whatever the pacing, every
// record arrives once and in the indexer's order.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <cstring>
#include <optional>

#include "buffer/region.h"
#include "capture_loader.h"
#include "gen/bulk_capture.h"
#include "gen/mrt_dump.h"
#include "index/capture_indexer.h"
#include "index/source_indexer.h"
#include "message_list_model.h"
#include "session_filter_model.h"
#include "session_index.h"
#include "timeline.h"

using namespace bgplens;

namespace {

// Three sessions of table transfers: about 24,000 records, over 65,536 with `large`.
std::vector<std::uint8_t> bulk_capture(bool large = false) {
  gen::BulkSpec spec;
  spec.sessions = 3;
  spec.updates_per_session = large ? 23000 : 8000;
  return gen::make_bulk_capture(spec);
}

std::shared_ptr<ByteStore> byte_store(std::vector<std::uint8_t> bytes) {
  return std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(bytes)));
}

// What the indexer makes of `bytes`, collected on this thread.
RecordCollector index_directly(const std::vector<std::uint8_t>& bytes) {
  RecordCollector collector;
  const auto stats = index_capture(byte_store(bytes), collector);
  if (!stats) qFatal("index_capture failed");
  return collector;
}

bool same_record(const MessageRecord& a, const MessageRecord& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// The store holds exactly `expected`, in order.
bool store_holds(const MessageStore& store, const std::vector<MessageRecord>& expected) {
  if (store.size() != expected.size()) return false;
  for (std::size_t i = 0; i < store.size(); ++i) {
    if (!same_record(store.record(i), expected[i])) return false;
  }
  return true;
}

// Checks that rowsInserted ranges follow each other without gaps or overlaps.
class InsertionLog : public QObject {
 public:
  explicit InsertionLog(QAbstractItemModel* model) {
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex& parent, int first, int last) {
              if (parent.isValid() || first != next || last < first) contiguous = false;
              next = last + 1;
              ++insertions;
            });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { next = 0; });
  }
  int next = 0;
  int insertions = 0;
  bool contiguous = true;
};

// A loader made to take many small turns and to make the parser thread wait often.
CaptureLoader::Pacing tight_pacing() {
  CaptureLoader::Pacing p;
  p.max_queued_records = 2048;
  p.turn_budget_ns = 1;  // the smallest turn: 1024 records or one batch
  return p;
}

}  // namespace

class LoadingTests : public QObject {
  Q_OBJECT

 private slots:
  void loaderAppendsEveryRecordOnceAndInOrder() {
    const std::vector<std::uint8_t> bytes = bulk_capture();
    const RecordCollector expected = index_directly(bytes);
    QVERIFY(expected.batches > 4);

    MessageStore store;
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    InsertionLog log(&model);
    CaptureLoader loader(&store);
    loader.set_pacing(tight_pacing());
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QVERIFY(loader.open_bytes(QStringLiteral("bulk"), bytes));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), false);

    QVERIFY(store_holds(store, expected.records));
    QCOMPARE(store.contexts().sessions.size(), expected.table.sessions.size());
    QCOMPARE(store.contexts().contexts.size(), expected.table.contexts.size());
    // The list has every row when finished is emitted, inserted in order.
    QCOMPARE(static_cast<std::size_t>(model.rowCount()), expected.records.size());
    QVERIFY(log.contiguous);
    QVERIFY(!store.loading());
  }

  void mrtRibEntriesReadBackExactly() {
    // A RIB then an update stream in one file: RIB entries are held compactly (the entries of
    // a record share its address, length and time), BGP4MP messages plainly; every field of
    // every row must read back as the indexer made it, across chunk boundaries.
    gen::MrtTableSpec table;
    table.ipv4_prefixes = 9000;
    table.ipv6_prefixes = 1000;
    table.peers = 25;
    gen::MrtUpdatesSpec updates;
    updates.table = table;
    updates.records = 3000;
    std::vector<std::uint8_t> bytes = gen::make_mrt_rib(table);
    const std::vector<std::uint8_t> stream = gen::make_mrt_updates(updates);
    bytes.insert(bytes.end(), stream.begin(), stream.end());
    RecordCollector expected;
    QVERIFY(index_source(byte_store(bytes), expected).has_value());
    QVERIFY(expected.records.size() > 2 * RecordChunks::kChunkRows);

    MessageStore store;
    CaptureLoader loader(&store);
    loader.set_pacing(tight_pacing());
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QVERIFY(loader.open_bytes(QStringLiteral("rib+updates"), bytes));
    QVERIFY(finished.wait(60000));
    QVERIFY(store_holds(store, expected.records));
  }

  void waitReturnsWhileTheQueueIsFull() {
    // No event loop runs while wait() joins the parser thread: it must not wait for room in
    // the queue. The batches are appended afterwards.
    const std::vector<std::uint8_t> bytes = bulk_capture();
    const RecordCollector expected = index_directly(bytes);
    MessageStore store;
    CaptureLoader loader(&store);
    loader.set_pacing(tight_pacing());
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QVERIFY(loader.open_bytes(QStringLiteral("bulk"), bytes));
    loader.wait();
    QVERIFY(finished.wait(60000));
    QVERIFY(store_holds(store, expected.records));
  }

  void cancelKeepsTheRecordsIndexedInOrder() {
    const std::vector<std::uint8_t> bytes = bulk_capture();
    const RecordCollector expected = index_directly(bytes);
    MessageStore store;
    CaptureLoader loader(&store);
    loader.set_pacing(tight_pacing());
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    // Cancel as the first rows arrive: the parser thread is held back by the small queue.
    connect(&store, &MessageStore::appended, &loader, &CaptureLoader::cancel);
    QVERIFY(loader.open_bytes(QStringLiteral("bulk"), bytes));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(store.size() > 0);
    QVERIFY(store.size() < expected.records.size());
    // Cancel ends the streams where the parser was: a message it had begun to read is kept
    // as far as it was read, flagged truncated. All before it is the full index's.
    std::size_t same = 0;
    while (same < store.size() && same_record(store.record(same), expected.records[same]))
      ++same;
    QVERIFY(store.size() - same <= 2 * expected.table.sessions.size());
    for (std::size_t i = same; i < store.size(); ++i)
      QVERIFY(store.record(i).flags & framed_flag::kTruncated);
  }

  void aNewLoadDropsTheBatchesOfTheOldOne() {
    const std::vector<std::uint8_t> bytes = bulk_capture();
    const RecordCollector expected = index_directly(bytes);
    MessageStore store;
    CaptureLoader loader(&store);
    loader.set_pacing(tight_pacing());
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QVERIFY(loader.open_bytes(QStringLiteral("first"), bytes));
    QVERIFY(QTest::qWaitFor([&] { return store.size() > 0; }, 60000));
    QVERIFY(loader.open_bytes(QStringLiteral("second"), bytes));
    QVERIFY(finished.wait(60000));
    QVERIFY(!QTest::qWaitFor([&] { return finished.size() > 1; }, 200));
    QCOMPARE(finished.size(), 1);
    QVERIFY(store_holds(store, expected.records));
  }

  void storeAppendsBatchesTogetherAsOne() {
    // Over a chunk of 65,536 records: rows on both sides of chunk boundaries read back.
    const std::vector<std::uint8_t> bytes = bulk_capture(true);
    const RecordCollector expected = index_directly(bytes);
    QVERIFY(expected.records.size() > 65536);
    check_appending_together(bytes, expected);
  }

  void listInsertsPacedWhileTheStoreLoads() {
    const std::vector<std::uint8_t> bytes = bulk_capture();
    std::vector<IndexBatch> batches = batches_with_records(bytes);
    QVERIFY(batches.size() > 3);
    MessageStore store;
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    InsertionLog log(&model);
    store.reset(byte_store(bytes));
    store.set_loading(true);
    // The first rows are listed at once.
    store.append(std::move(batches[0]));
    QCOMPARE(static_cast<std::size_t>(model.rowCount()), store.size());
    // The next ones wait for the timer...
    store.append(std::move(batches[1]));
    QVERIFY(static_cast<std::size_t>(model.rowCount()) < store.size());
    QTRY_COMPARE_WITH_TIMEOUT(static_cast<std::size_t>(model.rowCount()), store.size(), 5000);
    // ...or for the end of loading.
    store.append(std::move(batches[2]));
    QVERIFY(static_cast<std::size_t>(model.rowCount()) < store.size());
    store.set_loading(false);
    QCOMPARE(static_cast<std::size_t>(model.rowCount()), store.size());
    // Not loading: at once.
    store.append(std::move(batches[3]));
    QCOMPARE(static_cast<std::size_t>(model.rowCount()), store.size());
    QVERIFY(log.contiguous);
    QCOMPARE(log.insertions, 4);
  }

  void sessionChosenDuringALoadListsEachOfItsRowsOnce() {
    const std::vector<std::uint8_t> bytes = bulk_capture();
    std::vector<IndexBatch> batches = collect_batches(bytes);
    MessageStore store;
    MessageListModel list(&store);
    SessionIndex sessions(&store);
    SessionFilterModel filter(&sessions);
    filter.setSourceModel(&list);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.reset(byte_store(bytes));
    store.set_loading(true);
    std::size_t next = 0;
    // Append until the store holds rows the list does not show yet, with a session that has
    // rows among them.
    std::optional<std::uint32_t> session;
    while (next < batches.size() && !session) {
      store.append(std::move(batches[next++]));
      if (static_cast<std::size_t>(list.rowCount()) < store.size())
        session = store.session_id_of(store.size() - 1);
    }
    QVERIFY(session.has_value());
    filter.set_session(*session);
    for (int r = 0; r < filter.rowCount(); ++r)
      QVERIFY(filter.store_row(r) < list.rowCount());
    while (next < batches.size())
      store.append(std::move(batches[next++]));
    store.set_loading(false);
    std::vector<std::uint32_t> shown;
    for (int r = 0; r < filter.rowCount(); ++r)
      shown.push_back(static_cast<std::uint32_t>(filter.store_row(r)));
    QCOMPARE(shown, sessions.rows_of(*session));
  }

  void timelineCountsRecordsOutOfTimeOrder() {
    Timeline timeline;
    auto record = [](std::int64_t seconds, std::uint8_t type) {
      MessageRecord r;
      r.time_ns = seconds * 1'000'000'000 + 5;
      r.type = type;
      return r;
    };
    timeline.add(record(10, 2), 0);
    timeline.add(record(10, 2), 1);
    timeline.add(record(12, 4), 2);
    timeline.add(record(10, 1), 3);  // back in time: the earlier second counts it
    timeline.add(record(-1, 2), 4);  // before 1970 (floor division)
    timeline.add(record(12, 2), 5);
    const auto& s = timeline.seconds();
    QCOMPARE(s.size(), std::size_t{3});
    QCOMPARE(s.at(10).counts[1], 2u);
    QCOMPARE(s.at(10).counts[0], 1u);
    QCOMPARE(s.at(10).first_row, std::uint64_t{0});
    QCOMPARE(s.at(12).counts[3], 1u);
    QCOMPARE(s.at(12).counts[1], 1u);
    QCOMPARE(s.at(12).first_row, std::uint64_t{2});
    QCOMPARE(s.at(-1).first_row, std::uint64_t{4});
    QCOMPARE(timeline.first_row_from(11), std::optional<std::uint64_t>{2});
  }

 private:
  // The indexer's batches that have records (a batch may bring only sessions).
  static std::vector<IndexBatch> collect_batches(const std::vector<std::uint8_t>& bytes) {
    struct Sink final : IndexSink {
      void on_batch(IndexBatch&& b) override { batches.push_back(std::move(b)); }
      std::vector<IndexBatch> batches;
    } sink;
    if (!index_capture(byte_store(bytes), sink).has_value()) qFatal("index_capture failed");
    return std::move(sink.batches);
  }

  static std::vector<IndexBatch> batches_with_records(const std::vector<std::uint8_t>& bytes) {
    std::vector<IndexBatch> batches = collect_batches(bytes);
    std::erase_if(batches, [](const IndexBatch& b) { return b.records.empty(); });
    return batches;
  }

  // The same batches appended one by one and all in one call: the same store.
  static void check_appending_together(const std::vector<std::uint8_t>& bytes,
                                       const RecordCollector& expected) {
    MessageStore one_by_one;
    one_by_one.reset(byte_store(bytes));
    for (IndexBatch& b : collect_batches(bytes))
      one_by_one.append(std::move(b));
    MessageStore together;
    together.reset(byte_store(bytes));
    QSignalSpy appended(&together, &MessageStore::appended);
    std::vector<IndexBatch> batches = collect_batches(bytes);
    together.append(batches);
    QCOMPARE(appended.size(), 1);
    QCOMPARE(appended.first().at(0).toLongLong(), 0);
    QCOMPARE(appended.first().at(1).toLongLong(), static_cast<qint64>(expected.records.size()) - 1);
    QVERIFY(store_holds(one_by_one, expected.records));
    QVERIFY(store_holds(together, expected.records));
    QCOMPARE(together.error_rows(), one_by_one.error_rows());
    QCOMPARE(together.first_time_ns(), one_by_one.first_time_ns());
    QCOMPARE(together.contexts().sessions.size(), expected.table.sessions.size());
    QCOMPARE(together.timeline().seconds().size(), one_by_one.timeline().seconds().size());
    for (const auto& [second, s] : one_by_one.timeline().seconds()) {
      const auto& t = together.timeline().seconds().at(second);
      QVERIFY(t.counts == s.counts);
      QCOMPARE(t.first_row, s.first_row);
    }
  }
};

QTEST_MAIN(LoadingTests)
#include "loading_tests.moc"

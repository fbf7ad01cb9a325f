// Model tests: the message list and the field tree under QAbstractItemModelTester, with
// appends in batches and resets; the loader thread feeding the store; cancellation.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "bgp/message_decoder.h"
#include "buffer/region.h"
#include "capture_loader.h"
#include "field_tree_model.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "gen/sample_capture.h"
#include "index/capture_indexer.h"
#include "index/source_file.h"
#include "message_list_model.h"
#include "selection.h"
#include "test_support.h"

using namespace bgplens;

namespace {

// Collects batches as the indexer makes them, to replay them into a store.
class CollectingSink final : public IndexSink {
 public:
  void on_batch(IndexBatch&& batch) override { batches.push_back(std::move(batch)); }
  std::vector<IndexBatch> batches;
};

std::shared_ptr<ByteStore> sample_store() {
  return std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(gen::make_sample_capture()));
}

// Indexes `bytes` and fills `store` with every batch, as the loader would.
bool fill(MessageStore& store, const std::shared_ptr<ByteStore>& bytes) {
  CollectingSink sink;
  if (!index_capture(bytes, sink).has_value()) return false;
  store.reset(bytes);
  for (IndexBatch& b : sink.batches)
    store.append(std::move(b));
  return true;
}

// A capture with one UPDATE of 1500 IPv4 prefixes (an extended message), to exercise item
// ranges in the field tree.
std::vector<std::uint8_t> big_update_capture() {
  gen::PcapWriter pcap;
  gen::TcpConversation tcp(pcap, gen::endpoint("10.0.0.1", 179), gen::endpoint("10.0.0.2", 50000));
  tcp.handshake(1'000'000'000);
  std::vector<gen::Prefix> nlri;
  for (int i = 0; i < 1500; ++i) {
    gen::Prefix p;
    p.address = {10, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i), 0};
    p.length = 24;
    nlri.push_back(p);
  }
  tcp.send(
      0,
      gen::update({{},
                   {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("10.0.0.1")},
                   nlri}),
      2'000'000'000);
  return pcap.bytes();
}

}  // namespace

class ModelTests : public QObject {
  Q_OBJECT

 private slots:
  void messageListUnderTesterWithBatchedAppends() {
    MessageStore store;
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto bytes = sample_store();
    CollectingSink sink;
    IndexOptions options;
    options.batch_records = 16;  // many small batches: many appends
    QVERIFY(index_capture(bytes, sink, {}, options).has_value());
    QVERIFY(sink.batches.size() > 3);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    store.reset(bytes);
    std::size_t expected = 0;
    for (IndexBatch& b : sink.batches) {
      const std::size_t n = b.records.size();
      store.append(std::move(b));
      expected += n;
      QCOMPARE(static_cast<std::size_t>(model.rowCount()), expected);
    }
    // One rowsInserted per non-empty batch, covering exactly the batch's rows.
    int first = 0;
    for (const QList<QVariant>& args : inserted) {
      QCOMPARE(args.at(1).toInt(), first);
      QVERIFY(args.at(2).toInt() >= first);
      first = args.at(2).toInt() + 1;
    }
    QCOMPARE(static_cast<std::size_t>(first), expected);

    // Cell text: the first row is R2's OPEN over IPv4.
    QCOMPARE(model.data(model.index(0, MessageListModel::Type)).toString(), QStringLiteral("OPEN"));
    QCOMPARE(model.data(model.index(0, MessageListModel::Endpoints)).toString(),
             QStringLiteral("192.0.2.2:40123 → 192.0.2.1:179"));
    QVERIFY(model.data(model.index(0, MessageListModel::Summary))
                .toString()
                .startsWith(QStringLiteral("OPEN AS 4200000002")));
    QCOMPARE(model.data(model.index(0, MessageListModel::Time)).toString(),
             QStringLiteral("0.000000"));

    // The malformed UPDATE of the sample is flagged as an error row.
    int errors = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
      if (model.data(model.index(r, 0), MessageListModel::SeverityRole).toInt() ==
          static_cast<int>(Severity::Error))
        ++errors;
    }
    QCOMPARE(errors, 1);

    store.reset(nullptr);
    QCOMPARE(model.rowCount(), 0);
  }

  void fieldTreeUnderTesterForEveryMessageOfTheSample() {
    MessageStore store;
    QVERIFY(fill(store, sample_store()));
    MessageDetail detail(&store);
    FieldTreeModel model(&detail);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (std::size_t row = 0; row < store.size(); ++row) {
      detail.show(static_cast<qint64>(row));
      QVERIFY(model.rowCount() > 0);
      // parent(index(r, c, p)) == p all the way down.
      std::vector<QModelIndex> stack{QModelIndex()};
      while (!stack.empty()) {
        const QModelIndex p = stack.back();
        stack.pop_back();
        for (int r = 0; r < model.rowCount(p); ++r) {
          const QModelIndex c = model.index(r, 0, p);
          QCOMPARE(model.parent(c), p);
          QCOMPARE(model.index_of(model.node_of(c)), c);
          stack.push_back(c);
        }
      }
    }
  }

  void aBgpMessageInBmpNestsInItsBmpMessageAndItsFrame() {
    // A Peer Up (row 1) carries the router's sent OPEN (row 2) at its byte 68: after the common
    // and per-peer headers (6 + 42), the local address (16) and the two ports (RFC 7854 §4.10).
    auto bytes = open_source_file(test::shared_dir() +
                                  "/captures/traffic-reproducer/pcaps__bmp-traffic.pcap");
    QVERIFY(bytes.has_value());
    MessageStore store;
    QVERIFY(fill(store, *bytes));
    MessageDetail detail(&store);
    detail.show(2);
    const auto& sources = detail.sources();
    QCOMPARE(sources.size(), std::size_t{3});
    QCOMPARE(sources[0].label, std::string("BGP message (51 bytes)"));
    QCOMPARE(sources[1].label, std::string("BMP message (164 bytes)"));
    QCOMPARE(sources[1].mirrors.at(0).local_offset, 68u);
    QCOMPARE(sources[2].frame, std::uint64_t{2});
    const FieldTree* tree = detail.tree();
    QCOMPARE(tree->node(tree->child(FieldTree::kRoot, 0)).field, FieldId::Frame);
    const std::uint32_t bmp = tree->child(FieldTree::kRoot, 1);
    QCOMPARE(tree->node(bmp).field, FieldId::BmpMessage);
    QCOMPARE(detail.range_of(bmp), (ByteRange{sources[1].base, 164}));
    QVERIFY(tree->value(bmp).find("row 1, its bytes 68–118 are this BGP message") !=
            std::string_view::npos);
  }

  void longListsAreGroupedInRanges() {
    MessageStore store;
    QVERIFY(fill(store,
                 std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(big_update_capture()))));
    QCOMPARE(store.size(), std::size_t{1});
    MessageDetail detail(&store);
    FieldTreeModel model(&detail);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    detail.show(0);
    const FieldTree* tree = detail.tree();
    const auto nlri = tree->find_first(FieldId::UpdateNlri);
    QVERIFY(nlri.has_value());
    // 1500 prefixes: three ranges of at most 512, after the ADD-PATH decision note (the
    // capture has no OPENs, so path identifiers were guessed from the bytes).
    QCOMPARE(tree->child_count(*nlri), 4u);
    const QModelIndex nlri_index = model.index_of(*nlri);
    QCOMPARE(model.rowCount(nlri_index), 4);
    QCOMPARE(model.data(model.index(0, FieldTreeModel::Field, nlri_index)).toString(),
             QStringLiteral("Error"));
    QVERIFY(model.data(model.index(0, FieldTreeModel::Value, nlri_index))
                .toString()
                .startsWith(QStringLiteral("ADD-PATH assumed absent")));
    const QModelIndex last_range = model.index(3, 0, nlri_index);
    QCOMPARE(model.data(last_range).toString(), QStringLiteral("Items"));
    QCOMPARE(model.data(model.index(3, FieldTreeModel::Value, nlri_index)).toString(),
             QStringLiteral("items 1024–1499"));
    QCOMPARE(model.rowCount(last_range), 1500 - 1024);
  }

  void loaderFillsTheStoreFromItsThreadAndReportsProgress() {
    MessageStore store;
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaptureLoader loader(&store);
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QSignalSpy progress(&loader, &CaptureLoader::progress);
    QVERIFY(loader.open_bytes(QStringLiteral("sample"), gen::make_sample_capture()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(),
             progress.last().at(1).toLongLong());  // all bytes read
    QCOMPARE(store.size(), std::size_t{150});
    QCOMPARE(model.rowCount(), 150);
  }

  void missingFileFailsWithAMessage() {
    MessageStore store;
    CaptureLoader loader(&store);
    QSignalSpy failed(&loader, &CaptureLoader::failed);
    QVERIFY(!loader.open(QStringLiteral("/nonexistent/file.pcap")));
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("No such file")));
  }

  void selectionFollowsFieldsAndBytes() {
    MessageStore store;
    QVERIFY(fill(store, sample_store()));
    MessageDetail detail(&store);
    Selection selection(&detail);
    QSignalSpy fields(&selection, &Selection::field_changed);
    selection.select_message(0);  // the first OPEN
    QCOMPARE(selection.message(), qint64{0});
    const auto hold = detail.tree()->find_first(FieldId::OpenHoldTime);
    QVERIFY(hold.has_value());
    selection.select_field(*hold);
    QCOMPARE(selection.range(), (ByteRange{22, 2}));
    selection.select_byte(25);  // inside the BGP Identifier
    QCOMPARE(detail.tree()->node(selection.field()).field, FieldId::OpenBgpId);
    QCOMPARE(selection.range(), (ByteRange{24, 4}));
    QVERIFY(fields.size() >= 3);
  }
};

QTEST_GUILESS_MAIN(ModelTests)
#include "model_tests.moc"

// The window as a user drives it, offscreen: open a capture, pick a message, pick a field in
// the tree and see its bytes lit in the hex view; click a byte and see its field selected.
#include <QHeaderView>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>

#include "context_override_editor.h"
#include "decode_hex_dialog.h"
#include "fields/field_registry.h"
#include "gen/bulk_capture.h"
#include "hex_view.h"
#include "main_window.h"
#include "rate_chart.h"
#include "session_context_dialog.h"
#include "session_detail_pane.h"
#include "sessions_panel.h"
#include "test_support.h"

using namespace bgplens;

namespace {

QModelIndex find_field(FieldTreeModel* model, FieldId id, const QModelIndex& parent = {}) {
  for (int r = 0; r < model->rowCount(parent); ++r) {
    const QModelIndex i = model->index(r, 0, parent);
    const auto node = model->node_of(i);
    if (model->data(i, FieldTreeModel::FilterKeyRole).toString() ==
        QString::fromUtf8(field_info(id).key.data(),
                          static_cast<qsizetype>(field_info(id).key.size()))) {
      return i;
    }
    (void)node;
    const QModelIndex below = find_field(model, id, i);
    if (below.isValid()) return below;
  }
  return {};
}

}  // namespace

class GuiTests : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<MainWindow> window_;

  void load(const QString& path) {
    window_ = std::make_unique<MainWindow>();
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QSignalSpy finished(window_->loader(), &CaptureLoader::finished);
    QVERIFY(window_->open_file(path));
    QVERIFY(finished.wait(20000));
  }

 private slots:
  void aMessageIsShownWithinTheFrameThatCarriedIt() {
    load(QString::fromStdString(
        test::shared_dir() +
        "/captures/daemons/bird-gobgp-unicast-labeled-vpn-flowspec-refresh.pcap"));
    QTableView* list = window_->message_view();
    const QModelIndex row = list->model()->index(4, 0);
    list->scrollTo(row);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
    FieldTreeModel* fields = window_->field_model();
    QTreeView* tree = window_->field_view();
    HexView* hex = window_->hex_view();

    // The frame comes first and closed; the message below it open. The hex view has a tab for
    // each: the message shown first.
    const QModelIndex frame = fields->index(0, 0);
    QCOMPARE(fields->data(frame, FieldTreeModel::FilterKeyRole).toString(),
             QStringLiteral("frame"));
    QVERIFY(!tree->isExpanded(frame));
    QVERIFY(tree->isExpanded(find_field(fields, FieldId::Message)));
    QCOMPARE(hex->tabs()->count(), 2);
    QVERIFY(hex->tabs()->tabText(1).startsWith(QStringLiteral("Frame ")));
    QCOMPARE(hex->source(), std::size_t{0});

    // The TCP source port: the frame's tab comes up with bytes 34–35 lit (Ethernet 14, IPv4 20).
    const QModelIndex port = find_field(fields, FieldId::TcpSourcePort);
    QVERIFY(port.isValid());
    for (QModelIndex p = port.parent(); p.isValid(); p = p.parent())
      tree->expand(p);
    tree->scrollTo(port);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(port).center());
    QCOMPARE(hex->source(), std::size_t{1});
    QCOMPARE(hex->highlighted(), (ByteRange{34, 2}));
    QCOMPARE(
        fields->data(fields->index(port.row(), FieldTreeModel::Bytes, port.parent())).toString(),
        QStringLiteral("34–35"));

    // Where the frame holds the message.
    const QModelIndex carried = find_field(fields, FieldId::FrameMessageBytes);
    QVERIFY(carried.isValid());
    const std::uint32_t payload = fields->data(carried, FieldTreeModel::OffsetRole).toUInt() -
                                  window_->detail()->sources()[1].base;
    QVERIFY(payload >= 54);

    // A message field goes back to the message's tab...
    const QModelIndex length = find_field(fields, FieldId::Length);
    tree->scrollTo(length);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(length).center());
    QCOMPARE(hex->source(), std::size_t{0});
    QCOMPARE(hex->highlighted(), (ByteRange{16, 2}));
    // ...unless the user chose the frame's tab: then it is lit within the frame.
    hex->tabs()->setCurrentIndex(1);
    QCOMPARE(hex->source(), std::size_t{1});
    QCOMPARE(hex->highlighted(), (ByteRange{payload + 16, 2}));
    const QModelIndex marker = find_field(fields, FieldId::Marker);
    tree->scrollTo(marker);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(marker).center());
    QCOMPARE(hex->source(), std::size_t{1});
    QCOMPARE(hex->highlighted(), (ByteRange{payload, 16}));

    // A click on the message's Type byte within the frame selects the message's Type field.
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, hex->hex_cell_center(payload + 18));
    QCOMPARE(fields->data(tree->currentIndex(), FieldTreeModel::FilterKeyRole).toString(),
             QStringLiteral("bgp.type"));
    QCOMPARE(hex->highlighted(), (ByteRange{payload + 18, 1}));

    // Back on the message's tab, the same field is lit in the message's own offsets.
    hex->tabs()->setCurrentIndex(0);
    QCOMPARE(hex->source(), std::size_t{0});
    QCOMPARE(hex->highlighted(), (ByteRange{18, 1}));
  }

  void treeFieldHighlightsItsBytesAndAByteSelectsItsField() {
    // A real capture from the shared data: BIRD and GoBGP.
    load(QString::fromStdString(
        test::shared_dir() +
        "/captures/daemons/bird-gobgp-unicast-labeled-vpn-flowspec-refresh.pcap"));
    QTableView* list = window_->message_view();
    // The first UPDATE that announces IPv4 routes in its body.
    QModelIndex update;
    for (int r = 0; r < list->model()->rowCount() && !update.isValid(); ++r) {
      const QString summary =
          list->model()->data(list->model()->index(r, MessageListModel::Summary)).toString();
      if (summary.startsWith(QStringLiteral("UPDATE +")) &&
          !summary.startsWith(QStringLiteral("UPDATE +0")) &&
          summary.endsWith(QStringLiteral("ipv4"))) {
        update = list->model()->index(r, 0);
      }
    }
    QVERIFY(update.isValid());
    // The user clicks the row.
    list->scrollTo(update);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(update).center());
    QCOMPARE(window_->selection()->message(), static_cast<qint64>(update.row()));

    // Then clicks ORIGIN's value field in the tree.
    FieldTreeModel* fields = window_->field_model();
    QTreeView* tree = window_->field_view();
    const QModelIndex origin = find_field(fields, FieldId::Origin);
    QVERIFY(origin.isValid());
    for (QModelIndex p = origin.parent(); p.isValid(); p = p.parent())
      tree->expand(p);
    tree->scrollTo(origin);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(origin).center());
    const std::uint32_t origin_offset = fields->data(origin, FieldTreeModel::OffsetRole).toUInt();
    QCOMPARE(window_->hex_view()->highlighted(), (ByteRange{origin_offset, 1}));
    QVERIFY(window_->hex_view()->is_visible(origin_offset));

    // Now a click on the first byte of the NEXT_HOP address in the hex view.
    const QModelIndex next_hop = find_field(fields, FieldId::NextHop);
    QVERIFY(next_hop.isValid());
    const std::uint32_t nh = fields->data(next_hop, FieldTreeModel::OffsetRole).toUInt();
    HexView* hex = window_->hex_view();
    QTest::mouseClick(hex->viewport(), Qt::LeftButton, {}, hex->hex_cell_center(nh + 1));
    QCOMPARE(tree->currentIndex(), next_hop);
    QCOMPARE(hex->highlighted(), (ByteRange{nh, 4}));
    QCOMPARE(hex->cursor(), nh + 1);

    // Keyboard in the hex view: Left twice leaves NEXT_HOP for its length byte.
    hex->setFocus();
    QTest::keyClick(hex, Qt::Key_Left);
    QCOMPARE(tree->currentIndex(), next_hop);
    QTest::keyClick(hex, Qt::Key_Left);
    QCOMPARE(fields->data(tree->currentIndex(), FieldTreeModel::FilterKeyRole).toString(),
             QStringLiteral("bgp.attr.length"));
    QCOMPARE(hex->highlighted(), (ByteRange{nh - 1, 1}));

    // Keyboard in the list: Down selects the next message.
    list->setFocus();
    const qint64 before = window_->selection()->message();
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(window_->selection()->message(), before + 1);

    // Keyboard in the tree: Down moves to the next field and its bytes light up.
    tree->setFocus();
    const QModelIndex marker = find_field(fields, FieldId::Marker);
    tree->setCurrentIndex(marker);
    QTest::keyClick(tree, Qt::Key_Down);
    QCOMPARE(fields->data(tree->currentIndex(), FieldTreeModel::FilterKeyRole).toString(),
             QStringLiteral("bgp.length"));
    QCOMPARE(hex->highlighted(), (ByteRange{16, 2}));
  }

  void chartClickSelectsTheFirstMessageOfThatSecond() {
    load(QString::fromStdString(test::source_dir() + "/resources/samples/sample.pcap"));
    RateChart* chart = window_->rate_chart();
    chart->refresh();
    QVERIFY(chart->series(1)->count() > 0);  // UPDATE
    // Second 20 of the sample is the route refresh: its first message is the ROUTE-REFRESH.
    const auto row = chart->row_for_x(20.0);
    QVERIFY(row.has_value());
    QSignalSpy clicked(chart, &RateChart::row_clicked);
    const QPointF scene =
        chart->chart()->mapToScene(chart->chart()->mapToPosition(QPointF(20.0, 0.5)));
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, chart->mapFromScene(scene));
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.first().at(0).toLongLong(), static_cast<qint64>(*row));
    QCOMPARE(window_->selection()->message(), static_cast<qint64>(*row));
    const auto record = window_->store()->record(static_cast<std::size_t>(*row));
    QCOMPARE(record.time_ns / 1'000'000'000 - window_->store()->timeline().seconds().begin()->first,
             std::int64_t{20});
  }

  void dropOpensTheFileAndRecentFilesRemembersIt() {
    QStandardPaths::setTestModeEnabled(true);  // QSettings go to a test location
    QSettings().remove(QStringLiteral("recentFiles"));
    window_ = std::make_unique<MainWindow>();
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    const QString path =
        QString::fromStdString(test::source_dir() + "/resources/samples/sample.pcap");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QSignalSpy finished(window_->loader(), &CaptureLoader::finished);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window_.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window_.get(), &drop);
    QVERIFY(finished.wait(20000));
    QCOMPARE(window_->store()->size(), std::size_t{150});
    QVERIFY(window_->windowTitle().contains(QStringLiteral("sample.pcap")));
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    QCOMPARE(recent.value(0), QFileInfo(path).absoluteFilePath());
    // The recent-files menu offers it.
    bool offered = false;
    for (QAction* a : window_->findChildren<QAction*>())
      offered = offered || a->toolTip() == QFileInfo(path).absoluteFilePath();
    QVERIFY(offered);
  }

  void cancelStopsLoadingAndKeepsTheRows() {
    window_ = std::make_unique<MainWindow>();
    QSignalSpy finished(window_->loader(), &CaptureLoader::finished);
    gen::BulkSpec spec;
    spec.updates_per_session = 300000;
    QVERIFY(window_->loader()->open_bytes(QStringLiteral("bulk"), gen::make_bulk_capture(spec)));
    window_->loader()->cancel();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(window_->store()->size() < 300000u);
  }

  void theBundledSampleOpensFromTheMenuAndTheFirstMessageIsShown() {
    window_ = std::make_unique<MainWindow>();
    QSignalSpy finished(window_->loader(), &CaptureLoader::finished);
    QVERIFY(window_->open_sample());
    QVERIFY(finished.wait(20000));
    QCOMPARE(window_->store()->size(), std::size_t{150});
    QCOMPARE(window_->selection()->message(), qint64{0});
    QVERIFY(window_->field_model()->rowCount() > 0);
    QVERIFY(QFile::exists(QStringLiteral(":/icons/bgplens.svg")));
  }

  void decodeHexShowsAPastedMessage() {
    window_ = std::make_unique<MainWindow>();
    window_->show();
    window_->show_decode_hex();
    DecodeHexDialog* dialog = window_->decode_hex_dialog();
    QVERIFY(dialog != nullptr);
    // An UPDATE announcing 10.1.0.0/16 with ORIGIN IGP, AS_PATH 65001, NEXT_HOP 192.0.2.1.
    dialog->hex_edit()->setPlainText(QStringLiteral(
        "ffffffffffffffffffffffffffffffff 002e 02 0000 0014 40010100 400206020100 00fde9 "
        "400304c0000201 10 0a01"));
    // Decoded as 2-octet AS numbers, the 4-octet AS_PATH is malformed: shown with errors.
    dialog->context_editor()->as4_box()->setCurrentIndex(2);
    QVERIFY(dialog->decode());
    QVERIFY(!window_->detail()->decoded()->problems.empty());
    // As 4-octet, it is right.
    dialog->context_editor()->as4_box()->setCurrentIndex(1);
    QVERIFY(dialog->decode());
    const DecodedMessage* d = window_->detail()->decoded();
    QVERIFY(d != nullptr);
    QCOMPARE(d->type, std::uint8_t{2});
    QVERIFY(d->problems.empty());
    QCOMPARE(d->update.announced, 1u);
    QVERIFY(window_->field_model()->rowCount() > 0);
    QCOMPARE(window_->hex_view()->highlighted(), ByteRange{});
    // Garbage is refused with a reason, and the shown message stays.
    dialog->hex_edit()->setPlainText(QStringLiteral("ff zz"));
    QVERIFY(!dialog->decode());
    QCOMPARE(window_->detail()->decoded()->update.announced, 1u);
  }

  void sessionOverrideRedecodesEveryMessageOfTheSession() {
    // No OPENs in this capture: ADD-PATH is guessed from the bytes until the user says.
    load(QString::fromStdString(test::shared_dir() + "/captures/tcpdump/bgp-addpath.pcap"));
    window_->select_row(0);
    auto* model = window_->message_view()->model();
    const QString guessed = model->data(model->index(0, MessageListModel::Summary)).toString();
    QVERIFY(guessed.startsWith(QStringLiteral("UPDATE +")));
    SessionContextDialog dialog(window_->store(), 0);
    dialog.editor()->add_path_check()->setChecked(true);
    dialog.editor()->add_path_edit()->setText(QStringLiteral("1/1, ipv6-unicast"));
    QVERIFY(dialog.apply());
    const ContextOverride* o =
        window_->store()->session_override(*window_->store()->session_id_of(0));
    QVERIFY(o && o->add_path && o->add_path->size() == 2);
    // The tree of the shown message now says who decided.
    const FieldTree* tree = window_->detail()->tree();
    const auto ctx = tree->find_first(FieldId::ContextAddPath);
    QVERIFY(ctx.has_value());
    QVERIFY(std::string(tree->value(*ctx)).find("set by user") != std::string::npos);
    // Forcing no path identifiers makes the same bytes read differently.
    dialog.editor()->add_path_edit()->setText(QString());
    QVERIFY(dialog.apply());
    const QString forced = model->data(model->index(0, MessageListModel::Summary)).toString();
    QVERIFY(forced != guessed);
    // A typo is refused.
    dialog.editor()->add_path_edit()->setText(QStringLiteral("ipv9-nothing"));
    QVERIFY(!dialog.editor()->value().has_value());
  }

  void selectingASessionListsOnlyItsMessages() {
    // Four sessions: two route reflector clients (one stopped until its hold timer expired)
    // and two reconnection attempts.
    load(QString::fromStdString(test::shared_dir() +
                                "/captures/daemons/exabgp-gobgprr-exabgp-ibgp-rr-holdtimer.pcap"));
    SessionsPanel* panel = window_->sessions_panel();
    QVERIFY(panel->isVisible());
    SessionListModel* sessions = panel->model();
    QCOMPARE(sessions->session_count(), 4);
    auto session_with = [&](const QString& endpoint) -> qint64 {
      for (int r = 1; r < sessions->rowCount(); ++r) {
        const QModelIndex i = sessions->index(r, SessionListModel::Endpoints);
        if (sessions->data(i).toString().contains(endpoint)) return sessions->session_of(i);
      }
      return -1;
    };
    const qint64 client2 = session_with(QStringLiteral("127.0.0.4:46719"));
    QVERIFY(client2 >= 0);

    // Click its row: the list shows its 16 messages only.
    QTreeView* tree = panel->view();
    const QModelIndex row = sessions->index_of(client2, SessionListModel::Endpoints);
    tree->scrollTo(row);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(row).center());
    QCOMPARE(panel->session(), client2);
    QAbstractItemModel* list = window_->message_view()->model();
    QCOMPARE(list->rowCount(), 16);
    for (int r = 0; r < list->rowCount(); ++r) {
      QVERIFY(list->data(list->index(r, MessageListModel::Endpoints))
                  .toString()
                  .contains(QStringLiteral("127.0.0.4:46719")));
    }
    // The selection, the field tree and the hex view follow the store row behind a view row.
    window_->message_view()->setCurrentIndex(list->index(3, MessageListModel::Summary));
    const qint64 shown = window_->message_filter()->store_row(3);
    QCOMPARE(window_->selection()->message(), shown);
    QCOMPARE(window_->detail()->row(), shown);
    QCOMPARE(list->data(list->index(3, MessageListModel::Number)).toLongLong(), shown);
    QVERIFY(window_->field_model()->rowCount() > 0);
    QCOMPARE(window_->detail()->bytes().size(), window_->store()->message_bytes(shown).size());
    QVERIFY(panel->detail()->opens_table()->rowCount() > 4);

    // client1: one hold-timer finding; double-clicking it shows the message before the silence.
    const qint64 client1 = session_with(QStringLiteral("127.0.0.3:37385"));
    QVERIFY(panel->select_session(client1));
    QCOMPARE(list->rowCount(), 27);
    QCOMPARE(sessions->data(sessions->index_of(client1, SessionListModel::Findings)).toInt(), 1);
    SessionDetailPane* detail = panel->detail();
    detail->tabs()->setCurrentIndex(3);  // Hold timer
    QCOMPARE(detail->findings_table()->rowCount(), 1);
    QTableWidget* findings = detail->findings_table();
    const QRect cell = findings->visualItemRect(findings->item(0, 1));
    QTest::mouseClick(findings->viewport(), Qt::LeftButton, {},
                      cell.center());  // sets the pressed item
    QTest::mouseDClick(findings->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(window_->selection()->message(), qint64{32});
    QCOMPARE(list->rowCount(), 27);  // still client1's messages

    const QString dir = qEnvironmentVariable("BGPLENS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
      QVERIFY(window_->grab().save(dir + QStringLiteral("/sessions-hold-timer.png")));
      detail->tabs()->setCurrentIndex(0);  // Summary
      QVERIFY(detail->grab().save(dir + QStringLiteral("/sessions-summary.png")));
      detail->tabs()->setCurrentIndex(1);  // OPENs
      QVERIFY(window_->grab().save(dir + QStringLiteral("/sessions.png")));
    }

    // A message of another session (from the chart, say): all sessions again. Message 11 is
    // the reflector's OPEN to client2.
    window_->select_row(11);
    QCOMPARE(panel->session(), qint64{-1});
    QCOMPARE(list->rowCount(), static_cast<int>(window_->store()->size()));
    QCOMPARE(window_->selection()->message(), qint64{11});
    QCOMPARE(window_->message_view()->currentIndex().row(), 11);
    QVERIFY(!detail->tabs()->isTabEnabled(1));  // no OPENs for all sessions
  }

  void screenshotIsNotEmpty() {
    load(QString::fromStdString(test::source_dir() + "/resources/samples/sample.pcap"));
    window_->select_row(40);
    const QImage shot = window_->grab().toImage();
    QVERIFY(shot.width() > 800);
    QVERIFY(!window_->hex_view()->grab().toImage().isNull());
    // With BGPLENS_SCREENSHOT_DIR set, the window and the dialogs are saved for review.
    const QString dir = qEnvironmentVariable("BGPLENS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
      QVERIFY(shot.save(dir + QStringLiteral("/window.png")));
      SessionContextDialog session(window_->store(), 40, window_.get());
      session.show();
      QVERIFY(session.grab().save(dir + QStringLiteral("/session-context.png")));
      window_->show_decode_hex();
      window_->decode_hex_dialog()->hex_edit()->setPlainText(
          QStringLiteral("ffffffffffffffffffffffffffffffff 0017 02 0000 0000"));
      window_->decode_hex_dialog()->decode();
      QVERIFY(window_->decode_hex_dialog()->grab().save(dir + QStringLiteral("/decode-hex.png")));
    }
  }
};

QTEST_MAIN(GuiTests)
#include "gui_tests.moc"

// A live session in the whole window (offscreen): a scripted peer on loopback connects to the
// window's passive speaker, floods it with UPDATEs and then misbehaves. The rows arrive in the
// same store and list as a file's, the status area follows the session, the event loop keeps
// turning during the flood, and the peer's garbage ends in our NOTIFICATION, shown as a row.
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <atomic>
#include <thread>

#include "connect_peer_dialog.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "live_controller.h"
#include "live_status_bar.h"
#include "main_window.h"
#include "parser/live_hostile_peer.h"

using namespace bgplens;
using namespace bgplens::live::testing;

namespace {

LiveSessionRequest passive_request() {
  LiveSessionRequest r;
  r.speaker = test_config();
  r.fsm.passive = true;
  r.connection.listen_at = live::Endpoint{"127.0.0.1", 0};
  r.connection.close_linger = std::chrono::milliseconds(200);
  return r;
}

// The longest gap between ticks of a 5 ms timer while `busy` runs the event loop.
class StallProbe {
 public:
  StallProbe() {
    timer_.setInterval(5);
    QObject::connect(&timer_, &QTimer::timeout, [this] {
      const qint64 now = clock_.nsecsElapsed();
      if (last_ > 0) longest_ = std::max(longest_, now - last_);
      last_ = now;
    });
    clock_.start();
    timer_.start();
  }
  double longest_ms() const { return static_cast<double>(longest_) / 1e6; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = 0;
  qint64 longest_ = 0;
};

ByteVector numbered_update(std::uint32_t n) {
  const std::string prefix = std::to_string(10 + (n >> 16)) + "." + std::to_string((n >> 8) & 255) +
                             "." + std::to_string(n & 255) + ".0/24";
  return simple_update(prefix);
}

}  // namespace

class WindowLiveTests : public QObject {
  Q_OBJECT

 private slots:
  void floodThenDisconnect();
  void garbageEndsInOurNotification();
  void startErrorIsShown();
};

void WindowLiveTests::floodThenDisconnect() {
  MainWindow window;
  window.resize(1300, 860);
  window.show();
  LiveController* live = window.live();
  QCOMPARE(live->start(passive_request()), QString());
  const std::uint16_t port = live->session()->listening_port();
  QVERIFY(port != 0);
  QVERIFY(live->status_bar()->isVisible());

  constexpr std::uint32_t kUpdates = 20000;
  std::atomic<bool> flooded{false};
  std::atomic<bool> closed{false};
  std::string peer_error;
  std::thread peer_thread([&] {
    ScriptedPeer peer = ScriptedPeer::connect_to(port);
    if (!peer.ok() || !peer.handshake()) {
      peer_error = "handshake: " + peer.error();
      return;
    }
    ByteVector flood;
    for (std::uint32_t i = 0; i < kUpdates; ++i) {
      const ByteVector u = numbered_update(i);
      flood.insert(flood.end(), u.begin(), u.end());
    }
    if (!peer.send(flood)) peer_error = "flood: " + peer.error();
    flooded = true;
    // The peer stays until the test has looked at the window (then we disconnect).
    while (!closed.load())
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    peer.read_until_closed();
  });
  // A failing check returns early: the peer is let go and its thread joined all the same.
  struct JoinPeer {
    std::atomic<bool>& closed;
    std::thread& thread;
    ~JoinPeer() {
      closed = true;
      if (thread.joinable()) thread.join();
    }
  } join_peer{closed, peer_thread};
  StallProbe probe;
  QTRY_VERIFY_WITH_TIMEOUT(flooded.load(), 30000);
  QTRY_COMPARE_WITH_TIMEOUT(live->session()->status().prefixes_received, std::uint64_t{kUpdates},
                            30000);
  const double stall_ms = probe.longest_ms();
  qInfo("longest event-loop stall during a %u-UPDATE flood: %.1f ms", kUpdates, stall_ms);
  // Responsiveness, not speed: the loop turned throughout (input and painting went on).
  QVERIFY2(stall_ms < 1500, qPrintable(QStringLiteral("stall %1 ms").arg(stall_ms)));
  QTRY_VERIFY_WITH_TIMEOUT(window.store()->size() >= 4 + kUpdates, 30000);
  // The status area follows the session's reports a few times a second.
  QTRY_COMPARE(live->status_bar()->state_badge()->text(), QStringLiteral("Established"));
  QVERIFY(live->status_bar()->disconnect_button()->isEnabled());
  if (const char* dir = std::getenv("BGPLENS_SCREENSHOT_DIR")) {
    window.select_row(4);
    QTest::qWait(300);
    window.grab().save(QString::fromUtf8(dir) + QStringLiteral("/live_session.png"));
  }
  // Disconnect while the peer is there: our Cease is the last row, and the status area says
  // the source stopped.
  live->session()->stop();
  closed = true;
  peer_thread.join();
  QVERIFY2(peer_error.empty(), peer_error.c_str());
  QTRY_VERIFY(!live->status_bar()->disconnect_button()->isEnabled());
  QTRY_VERIFY_WITH_TIMEOUT(!window.loader()->loading(), 5000);
  const MessageRecord last = window.store()->record(window.store()->size() - 1);
  QCOMPARE(int(last.type), 3);
  const Bytes b = window.store()->message_bytes(window.store()->size() - 1);
  QVERIFY(b.size() >= 21);
  QCOMPARE(int(b[19]), 6);  // Cease
  QCOMPARE(int(b[20]), 2);  // Administrative Shutdown (RFC 4486 §4)

  // Save Messages As…: the rows the list shows, as MRT, reopen as the same messages.
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("session.mrt"));
  QString note;
  QCOMPARE(live->save_rows(path, window.shown_rows(), note), QString());
  QVERIFY(note.startsWith(QString::number(window.store()->size())));
  auto reopened = open_source_file(path.toStdString());
  QVERIFY(reopened.has_value());
  RecordCollector rows;
  QVERIFY(index_source(*reopened, rows).has_value());
  QCOMPARE(rows.records.size(), window.store()->size());
  for (std::size_t i = 0; i < rows.records.size(); i += 997) {
    const Bytes saved = window.store()->message_bytes(i);
    const MessageRecord& r = rows.records[i];
    // An MRT row is its whole BGP4MP_ET record: the message is its last bytes.
    const Bytes record = (*reopened)->view(r.address, r.length);
    QVERIFY(record.size() > saved.size());
    QVERIFY(std::equal(saved.begin(), saved.end(), record.end() - saved.size()));
  }
  // Saving over the file that is open is refused: the rows point into it.
  QVERIFY(window.open_file(path));
  QTRY_VERIFY_WITH_TIMEOUT(!window.loader()->loading(), 10000);
  QVERIFY(live->save_rows(path, window.shown_rows(), note).contains(QStringLiteral("open now")));
}

void WindowLiveTests::garbageEndsInOurNotification() {
  MainWindow window;
  window.show();
  LiveController* live = window.live();
  QCOMPARE(live->start(passive_request()), QString());
  std::atomic<bool> done{false};
  std::string peer_error;
  ByteVector bad = gen::keepalive();
  bad[5] = 0x00;  // RFC 4271 §6.1: a marker that is not all ones
  // (A jthread: joined even when a check below returns early; the peer gives up by itself.)
  std::jthread peer_thread([&] {
    ScriptedPeer peer = ScriptedPeer::connect_to(live->session()->listening_port());
    if (!peer.ok() || !peer.handshake()) {
      peer_error = "handshake: " + peer.error();
    } else if (!peer.send(bad)) {
      peer_error = "send: " + peer.error();
    } else if (!peer.read_until_closed().closed) {
      peer_error = "we did not close the connection";
    }
    done = true;
  });
  QTRY_VERIFY_WITH_TIMEOUT(done.load(), 10000);
  peer_thread.join();
  QVERIFY2(peer_error.empty(), peer_error.c_str());
  // The session ended for good (no reconnection asked): the source stops by itself.
  QTRY_VERIFY_WITH_TIMEOUT(!live->session()->running(), 5000);
  QTRY_VERIFY_WITH_TIMEOUT(!window.loader()->loading(), 5000);
  const LiveStatus status = live->session()->status();
  QCOMPARE(status.state, QStringLiteral("Idle"));
  QVERIFY2(status.last_error.contains(QStringLiteral("marker")) ||
               status.last_error.contains(QStringLiteral("Header")),
           qPrintable(status.last_error));
  QVERIFY(!live->status_bar()->error_label()->text().isEmpty());
  // The bad bytes are a row of what the peer sent, and our NOTIFICATION 1/1 the last row.
  MessageStore& store = *window.store();
  bool bad_row = false;
  for (std::size_t row = 0; row < store.size(); ++row) {
    const Bytes b = store.message_bytes(row);
    bad_row |= std::vector<std::uint8_t>(b.begin(), b.end()) == bad;
  }
  QVERIFY(bad_row);
  const Bytes last = store.message_bytes(store.size() - 1);
  QVERIFY(last.size() >= 21);
  QCOMPARE(int(last[18]), 3);
  QCOMPARE(int(last[19]), 1);  // Message Header Error
  QCOMPARE(int(last[20]), 1);  // Connection Not Synchronized
}

void WindowLiveTests::startErrorIsShown() {
  MainWindow window;
  window.show();
  // Listening where another socket listens already: a clear error in the status area.
  std::string error;
  const auto at = live::resolve(live::Endpoint{"127.0.0.1", 0}, true, error);
  live::UniqueFd taken = live::open_listener(*at, error);
  QVERIFY(taken);
  LiveSessionRequest r = passive_request();
  r.connection.listen_at.port = live::bound_port(taken.get());
  const QString message = window.live()->start(r);
  QVERIFY(message.contains(QStringLiteral("in use")));
  QVERIFY(window.live()->status_bar()->isVisible());
  QVERIFY(
      window.live()->status_bar()->error_label()->toolTip().contains(QStringLiteral("in use")) ||
      window.live()->status_bar()->error_label()->text().contains(QStringLiteral("in use")));
  QVERIFY(!window.live()->session()->running());
}

QTEST_MAIN(WindowLiveTests)
#include "window_live_tests.moc"

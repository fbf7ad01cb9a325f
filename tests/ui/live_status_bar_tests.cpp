// The status area of a live source, offscreen: its texts, badge and buttons for a few states
// of a BGP session, a BMP station and a capture, and the uptime that moves on by itself.
//
// With BGPLENS_SCREENSHOT_DIR set, the status bars are also saved there as PNGs.
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include "live_status_bar.h"
#include "live_ui_test_support.h"

using namespace bgplens;
using namespace bgplens::live_ui_test;

class LiveStatusBarTests : public QObject {
  Q_OBJECT

 private slots:
  void durationText() {
    QCOMPARE(LiveStatusBar::duration_text(0), QStringLiteral("0:00:00"));
    QCOMPARE(LiveStatusBar::duration_text(133), QStringLiteral("0:02:13"));
    QCOMPARE(LiveStatusBar::duration_text(36005), QStringLiteral("10:00:05"));
    QCOMPARE(LiveStatusBar::duration_text(86400 + 3661), QStringLiteral("1d 1:01:01"));
    QCOMPARE(LiveStatusBar::duration_text(-5), QStringLiteral("0:00:00"));  // a clock step back
  }

  void statusBarOfAnEstablishedSession() {
    LiveStatusBar bar;
    QDateTime now = established().state_since.addSecs(133);
    bar.set_clock([&now] { return now; });
    bar.set_status(established());
    QCOMPARE(bar.title_label()->text(), QStringLiteral("Connect to 192.0.2.1:179"));
    QCOMPARE(bar.state_badge()->text(), QStringLiteral("Established"));
    QCOMPARE(bar.badge_tone(), QStringLiteral("ok"));
    QCOMPARE(bar.uptime_label()->text(), QStringLiteral("for 0:02:13"));
    const QLocale locale;
    const QString counters = bar.counters_label()->text();
    QVERIFY2(counters.contains(locale.toString(1234567)), qPrintable(counters));
    QVERIFY(counters.contains(QStringLiteral("Sent 12")));
    QVERIFY(counters.contains(locale.toString(1000000)));
    QVERIFY(counters.contains(QStringLiteral("Withdrawn 3")));
    QVERIFY(bar.error_label()->text().isEmpty());
    // Narrow windows: the texts give way (elided), the bar does not set the window's width.
    QVERIFY2(bar.minimumSizeHint().width() < 650 &&
                 bar.minimumSizeHint().width() < bar.sizeHint().width() - 300,
             qPrintable(QStringLiteral("%1 of %2")
                            .arg(bar.minimumSizeHint().width())
                            .arg(bar.sizeHint().width())));
    QVERIFY(!bar.refresh_button()->isHidden());
    QVERIFY(bar.refresh_button()->isEnabled());
    QVERIFY(bar.disconnect_button()->isEnabled());
    QCOMPARE(bar.disconnect_button()->text(), QStringLiteral("Disconnect"));

    // Time passes: the clock the bar reads moves, and the uptime with it.
    now = now.addSecs(1);
    bar.refresh_times();
    QCOMPARE(bar.uptime_label()->text(), QStringLiteral("for 0:02:14"));

    QSignalSpy refresh(&bar, &LiveStatusBar::refresh_requested);
    QSignalSpy disconnect(&bar, &LiveStatusBar::disconnect_requested);
    QTest::mouseClick(bar.refresh_button(), Qt::LeftButton);
    QTest::mouseClick(bar.disconnect_button(), Qt::LeftButton);
    QCOMPARE(refresh.size(), 1);
    QCOMPARE(disconnect.size(), 1);

    // A peer that did not offer route refresh.
    LiveStatus s = established();
    s.can_refresh = false;
    bar.set_status(s);
    QVERIFY(!bar.refresh_button()->isEnabled());
  }

  void statusBarStatesAndErrors() {
    LiveStatusBar bar;
    QDateTime now(QDate(2026, 11, 22), QTime(15, 0, 0), Qt::UTC);
    bar.set_clock([&now] { return now; });
    LiveStatus s = established();
    s.can_refresh = false;
    for (const char* state : {"OpenSent", "OpenConfirm"}) {
      s.state = QString::fromLatin1(state);
      bar.set_status(s);
      QCOMPARE(bar.badge_tone(), QStringLiteral("pending"));
      QCOMPARE(bar.state_badge()->text(), s.state);
    }
    for (const char* state : {"Idle", "Connect", "Active"}) {
      s.state = QString::fromLatin1(state);
      bar.set_status(s);
      QCOMPARE(bar.badge_tone(), QStringLiteral("idle"));
    }
    // A recent error turns the badge red; after a while it is only history.
    s.last_error = QStringLiteral(
        "Hold timer expired: no KEEPALIVE or UPDATE from the peer for "
        "90 seconds (RFC 4271 §6.5); sent NOTIFICATION 4/0 Hold Timer "
        "Expired");
    s.last_error_time = now.addSecs(-5);
    bar.set_status(s);
    QCOMPARE(bar.badge_tone(), QStringLiteral("error"));
    QCOMPARE(bar.error_label()->text(), s.last_error);
    QVERIFY(bar.error_label()->toolTip().contains(s.last_error));
    now = now.addSecs(LiveStatusBar::kRecentErrorSeconds);
    bar.refresh_times();
    QCOMPARE(bar.badge_tone(), QStringLiteral("idle"));
    QCOMPARE(bar.error_label()->text(), s.last_error);  // still shown

    // Stopped: nothing to disconnect or refresh.
    s.running = false;
    bar.set_status(s);
    QVERIFY(!bar.disconnect_button()->isEnabled());
    QVERIFY(!bar.refresh_button()->isEnabled());
    QCOMPARE(bar.uptime_label()->text(), QStringLiteral("stopped"));
  }

  void statusBarOfBmpAndCapture() {
    LiveStatusBar bar;
    LiveStatus s;
    s.kind = LiveKind::BmpStation;
    s.running = true;
    s.title = QStringLiteral("BMP on 0.0.0.0:11019");
    s.state = QStringLiteral("2 routers");
    s.state_since = QDateTime::currentDateTimeUtc();
    s.messages_received = 42;
    bar.set_status(s);
    QCOMPARE(bar.state_badge()->text(), QStringLiteral("2 routers"));
    QVERIFY(bar.refresh_button()->isHidden());
    QVERIFY(bar.disconnect_button()->isEnabled());
    QCOMPARE(bar.disconnect_button()->text(), QStringLiteral("Stop"));
    QVERIFY(bar.counters_label()->text().contains(QStringLiteral("Messages 42")));
    QVERIFY(!bar.counters_label()->text().contains(QStringLiteral("Sent")));

    s.kind = LiveKind::InterfaceCapture;
    s.title = QStringLiteral("eth0 (tcp port 179)");
    s.state = QStringLiteral("capturing");
    bar.set_status(s);
    QCOMPARE(bar.title_label()->text(), QStringLiteral("Capturing on eth0 (tcp port 179)"));
    QVERIFY(bar.refresh_button()->isHidden());
    QVERIFY(bar.state_badge()->isHidden());
  }

  // The timer, on the real clock: the uptime text moves on by itself.
  void uptimeTicks() {
    LiveStatusBar bar;
    LiveStatus s = established();
    s.state_since = QDateTime::currentDateTimeUtc().addSecs(-10);
    bar.set_status(s);
    const QString first = bar.uptime_label()->text();
    QVERIFY(first.startsWith(QLatin1String("for 0:00:1")));
    QTRY_VERIFY_WITH_TIMEOUT(bar.uptime_label()->text() != first, 3000);
  }

  void screenshots() {
    // Pictures to look at, not a check: only when asked for.
    if (qEnvironmentVariableIsEmpty("BGPLENS_SCREENSHOT_DIR")) return;
    QWidget host;
    auto* layout = new QVBoxLayout(&host);
    auto* bgp = new LiveStatusBar(&host);
    auto* failed = new LiveStatusBar(&host);
    auto* bmp = new LiveStatusBar(&host);
    auto* capture = new LiveStatusBar(&host);
    for (LiveStatusBar* b : {bgp, failed, bmp, capture})
      layout->addWidget(b);
    host.resize(1100, host.sizeHint().height());
    LiveStatus s = established();
    s.state_since = QDateTime::currentDateTimeUtc().addSecs(-133);
    bgp->set_status(s);
    s.state = QStringLiteral("Idle");
    s.state_since = QDateTime::currentDateTimeUtc().addSecs(-4);
    s.can_refresh = false;
    s.last_error = QStringLiteral(
        "Hold timer expired: no KEEPALIVE or UPDATE from the peer for "
        "90 seconds (RFC 4271 §6.5); sent NOTIFICATION 4/0 Hold Timer "
        "Expired; reconnecting in 5 s");
    s.last_error_time = QDateTime::currentDateTimeUtc().addSecs(-4);
    failed->set_status(s);
    LiveStatus b;
    b.kind = LiveKind::BmpStation;
    b.running = true;
    b.title = QStringLiteral("BMP on 0.0.0.0:11019");
    b.state = QStringLiteral("2 routers");
    b.state_since = QDateTime::currentDateTimeUtc().addSecs(-3725);
    b.messages_received = 5120;
    b.prefixes_received = 40000;
    bmp->set_status(b);
    b.kind = LiveKind::InterfaceCapture;
    b.title = QStringLiteral("eth0 (tcp port 179)");
    b.state = QStringLiteral("capturing");
    capture->set_status(b);
    screenshot(&host, QStringLiteral("status_bars"));
    host.resize(620, host.height());
    screenshot(&host, QStringLiteral("status_bars_narrow"));
  }
};

int run_live_status_bar_tests(int argc, char** argv) {
  LiveStatusBarTests tests;
  return QTest::qExec(&tests, argc, argv);
}

#include "live_status_bar_tests.moc"

// The live dialogs (Connect to peer…, Listen for BMP…, Capture interface…) as a user fills
// them, offscreen: each bad field keeps OK disabled and says why under itself, and what the
// dialog returns is what was typed.
//
// With BGPLENS_SCREENSHOT_DIR set, each dialog is also saved there as a PNG.
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "bgp/nlri/family_table.h"
#include "bmp_listen_dialog.h"
#include "capture_interface_dialog.h"
#include "connect_peer_dialog.h"
#include "family_choice.h"
#include "live_ui_test_support.h"

using namespace bgplens;
using namespace bgplens::live_ui_test;

class LiveDialogsTests : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BGPLensTests"));
    QCoreApplication::setApplicationName(QStringLiteral("live_dialogs_tests"));
  }
  // Each test starts from the defaults, not from what an earlier one accepted.
  void init() { QSettings().remove(QStringLiteral("live")); }

  void connectDefaultsNeedOnlyThePeer() {
    ConnectPeerDialog d;
    QVERIFY(child<QRadioButton>(&d, "active")->isChecked());
    QVERIFY(!d.is_valid());
    QVERIFY(!ok_button(&d)->isEnabled());
    QCOMPARE(d.problems().size(), 1);
    QVERIFY(!note(&d, "peerError").isEmpty());
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    QVERIFY2(d.is_valid(), qPrintable(d.problems().join(QLatin1Char('\n'))));
    QVERIFY(ok_button(&d)->isEnabled());
    QVERIFY(note(&d, "peerError").isEmpty());
    const LiveSessionRequest r = d.request();
    QVERIFY(!r.fsm.passive);
    QCOMPARE(r.connection.peer.host, std::string("192.0.2.2"));
    QCOMPARE(r.connection.peer.port, 179);
    QCOMPARE(r.speaker.local_as, 65000u);
    QCOMPARE(r.speaker.bgp_id, 0xC0000201u);  // 192.0.2.1
    QCOMPARE(r.speaker.hold_time, 90);
    QVERIFY(r.speaker.families == live::default_live_families());
    QVERIFY(r.speaker.add_path_receive.empty());
    QVERIFY(r.speaker.route_refresh);
    QVERIFY(!r.speaker.peer_as);
    QVERIFY(r.record_path.isEmpty());
    // Every family the decoder supports is listed once.
    auto* choice = child<FamilyChoice>(&d, "families");
    QCOMPARE(choice->tree()->topLevelItemCount(),
             static_cast<int>(FamilyChoice::supported().size()));
    for (const char* name :
         {"ipv4-unicast", "ipv6-unicast", "ipv4-vpn", "l2vpn-evpn", "ipv4-flowspec"})
      QVERIFY2(choice->row_of(family(name)) >= 0, name);
  }

  void badLocalAsIsRefusedWithItsReason() {
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    auto* as = child<QLineEdit>(&d, "localAs");
    const struct {
      const char* text;
      const char* reason;  // a part of the note
    } bad[] = {{"abc", "1 to 4294967295"},
               {"4294967296", "1 to 4294967295"},
               {"-1", "1 to 4294967295"},
               {"0", "RFC 7607"},
               {"23456", "AS_TRANS"}};
    for (const auto& b : bad) {
      as->setText(QString::fromLatin1(b.text));
      QVERIFY2(!d.is_valid(), b.text);
      QVERIFY2(!ok_button(&d)->isEnabled(), b.text);
      QVERIFY2(note(&d, "localAsError").contains(QLatin1String(b.reason)),
               qPrintable(note(&d, "localAsError")));
      QCOMPARE(d.problems().size(), 1);  // only the AS: nothing else is blamed for it
    }
    QVERIFY(note(&d, "localAsError").contains(QLatin1String("RFC 6793")));
    as->setText(QStringLiteral("4294967295"));
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().speaker.local_as, 4294967295u);
    QVERIFY(note(&d, "localAsError").isEmpty());
    // The peer AS is optional, but 0 is not an AS.
    child<QLineEdit>(&d, "peerAs")->setText(QStringLiteral("0"));
    QVERIFY(!d.is_valid());
    QVERIFY(note(&d, "peerAsError").contains(QLatin1String("RFC 7607")));
    child<QLineEdit>(&d, "peerAs")->setText(QStringLiteral("64496"));
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().speaker.peer_as.value_or(0), 64496u);
  }

  void badRouterIdIsRefused() {
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    auto* id = child<QLineEdit>(&d, "routerId");
    for (const char* text : {"1.2.3", "256.1.1.1", "10.0.0.1.5", "", "a.b.c.d", "0.0.0.0"}) {
      id->setText(QString::fromLatin1(text));
      QVERIFY2(!d.is_valid(), text);
      QVERIFY2(!note(&d, "routerIdError").isEmpty(), text);
    }
    QVERIFY(note(&d, "routerIdError").contains(QLatin1String("RFC 6286")));  // 0.0.0.0
    id->setText(QStringLiteral("10.20.30.40"));
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().speaker.bgp_id, 0x0A141E28u);
  }

  void holdTimeOneOrTwoIsRefused() {
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    auto* hold = child<QSpinBox>(&d, "holdTime");
    for (int bad : {1, 2}) {
      hold->setValue(bad);
      QVERIFY(!d.is_valid());
      QVERIFY(note(&d, "holdTimeError").contains(QLatin1String("RFC 4271")));
    }
    for (int good : {0, 3, 65535}) {
      hold->setValue(good);
      QVERIFY(d.is_valid());
      QCOMPARE(d.request().speaker.hold_time, good);
    }
  }

  // ADD-PATH is negotiated per family (RFC 7911 §4): asking for it on a family not offered
  // is refused under the family list, and offering the family clears it.
  void addPathNeedsTheFamilyOffered() {
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    check(&d, "ipv4-vpn", FamilyChoice::AddPathColumn, true);
    QVERIFY(!d.is_valid());
    QVERIFY(!ok_button(&d)->isEnabled());
    QVERIFY2(note(&d, "familiesError").contains(QLatin1String("ipv4-vpn")),
             qPrintable(note(&d, "familiesError")));
    QVERIFY(note(&d, "familiesError").contains(QLatin1String("RFC 7911")));
    check(&d, "ipv4-vpn", FamilyChoice::OfferColumn, true);
    QVERIFY(d.is_valid());
    const LiveSessionRequest r = d.request();
    QVERIFY(r.speaker.families ==
            (std::vector<Family>{kIpv4Unicast, kIpv6Unicast, family("ipv4-vpn")}));
    QVERIFY(r.speaker.add_path_receive == std::vector<Family>{family("ipv4-vpn")});
    // No family at all is refused too.
    for (const char* f : {"ipv4-unicast", "ipv6-unicast", "ipv4-vpn"})
      check(&d, f, FamilyChoice::OfferColumn, false);
    check(&d, "ipv4-vpn", FamilyChoice::AddPathColumn, false);
    QVERIFY(!d.is_valid());
    QVERIFY(!note(&d, "familiesError").isEmpty());
  }

  void capabilityRulesAreShownWhereTheyBelong() {
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    child<QCheckBox>(&d, "routeRefresh")->setChecked(false);
    child<QCheckBox>(&d, "enhancedRouteRefresh")->setChecked(true);
    QVERIFY(!d.is_valid());
    QVERIFY(note(&d, "refreshError").contains(QLatin1String("RFC 7313")));
    child<QCheckBox>(&d, "routeRefresh")->setChecked(true);
    QVERIFY(d.is_valid());
    child<QCheckBox>(&d, "roleStrict")->setChecked(true);
    QVERIFY(!d.is_valid());
    QVERIFY(note(&d, "roleError").contains(QLatin1String("RFC 9234")));
    child<QComboBox>(&d, "role")->setCurrentText(QStringLiteral("rs-client"));
    QVERIFY(d.is_valid());
    child<QCheckBox>(&d, "gracefulRestart")->setChecked(true);
    child<QSpinBox>(&d, "restartTime")->setValue(4096);
    QVERIFY(!d.is_valid());
    QVERIFY(note(&d, "restartTimeError").contains(QLatin1String("4095")));
    child<QSpinBox>(&d, "restartTime")->setValue(4095);
    QVERIFY(d.is_valid());
    // Too many capabilities for one OPEN: every family with ADD-PATH.
    for (const Family f : FamilyChoice::supported()) {
      const std::string name = family_name(f);
      check(&d, name.c_str(), FamilyChoice::OfferColumn, true);
      check(&d, name.c_str(), FamilyChoice::AddPathColumn, true);
    }
    QVERIFY(!d.is_valid());
    const QString all = d.problems().join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("255")), qPrintable(all));
  }

  void badAddressesAreRefused() {
    ConnectPeerDialog d;
    auto* peer = child<QLineEdit>(&d, "peer");
    for (const char* text :
         {"192.0.2.1:99999", "[2001:db8::1", "192.0.2.1:", ":179", "192.0.2.1:0", "bad host:179"}) {
      peer->setText(QString::fromLatin1(text));
      QVERIFY2(!d.is_valid(), text);
      QVERIFY2(!note(&d, "peerError").isEmpty(), text);
    }
    peer->setText(QStringLiteral("[2001:db8::1]:1179"));
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().connection.peer.host, std::string("2001:db8::1"));
    QCOMPARE(d.request().connection.peer.port, 1179);
    peer->setText(QStringLiteral("router.example"));
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().connection.peer.port, 179);

    // Passive: the peer field no longer matters; the listening address and the accepted peer
    // do (the latter without a port).
    peer->clear();
    child<QRadioButton>(&d, "passive")->setChecked(true);
    QVERIFY(d.is_valid());
    QVERIFY(!peer->isEnabled());
    QCOMPARE(ok_button(&d)->text(), QStringLiteral("Listen"));
    const LiveSessionRequest r = d.request();
    QVERIFY(r.fsm.passive);
    QCOMPARE(r.connection.listen_at.host, std::string("127.0.0.1"));
    QCOMPARE(r.connection.listen_at.port, 179);
    QVERIFY(r.connection.peer.host.empty());
    child<QLineEdit>(&d, "listen")->setText(QStringLiteral("127.0.0.1:70000"));
    QVERIFY(!d.is_valid());
    QVERIFY(!note(&d, "listenError").isEmpty());
    child<QLineEdit>(&d, "listen")->setText(QStringLiteral("[::1]:1790"));
    QVERIFY(d.is_valid());
    child<QLineEdit>(&d, "acceptFrom")->setText(QStringLiteral("192.0.2.7:179"));
    QVERIFY(!d.is_valid());
    QVERIFY(note(&d, "acceptFromError").contains(QLatin1String("port")));
    child<QLineEdit>(&d, "acceptFrom")->setText(QStringLiteral("192.0.2.7"));
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().connection.peer.host, std::string("192.0.2.7"));
    QCOMPARE(d.request().connection.listen_at.host, std::string("::1"));
    QCOMPARE(d.request().connection.listen_at.port, 1790);
  }

  void recordPathMustBeMrtOrPcapng() {
    QTemporaryDir dir;
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    auto* path = child<QLineEdit>(&d, "recordPath");
    for (const QString& bad : {dir.filePath(QStringLiteral("session.txt")),
                               dir.filePath(QStringLiteral("no/such/folder/s.mrt")), dir.path()}) {
      path->setText(bad);
      QVERIFY2(!d.is_valid(), qPrintable(bad));
      QVERIFY(!note(&d, "recordPathError").isEmpty());
    }
    for (const QString& good : {dir.filePath(QStringLiteral("s.mrt")),
                                dir.filePath(QStringLiteral("s.PCAPNG")), QString()}) {
      path->setText(good);
      QVERIFY2(d.is_valid(), qPrintable(good));
      QCOMPARE(d.request().record_path, good);
    }
  }

  // Everything typed comes back in request(); set_request() fills the same fields; an accepted
  // request is what the next dialog starts with (but not the TCP-MD5 password).
  void requestIsWhatWasEnteredAndIsRemembered() {
    QTemporaryDir dir;
    const QString record = dir.filePath(QStringLiteral("s.pcapng"));
    ConnectPeerDialog d;
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.9:1179"));
    child<QLineEdit>(&d, "localAs")->setText(QStringLiteral("4200000001"));
    child<QLineEdit>(&d, "peerAs")->setText(QStringLiteral("65001"));
    child<QLineEdit>(&d, "routerId")->setText(QStringLiteral("198.51.100.1"));
    child<QSpinBox>(&d, "holdTime")->setValue(30);
    check(&d, "ipv6-unicast", FamilyChoice::OfferColumn, false);
    check(&d, "l2vpn-evpn", FamilyChoice::OfferColumn, true);
    check(&d, "ipv4-flowspec", FamilyChoice::OfferColumn, true);
    check(&d, "ipv4-unicast", FamilyChoice::AddPathColumn, true);
    child<QCheckBox>(&d, "extendedMessage")->setChecked(true);
    child<QCheckBox>(&d, "gracefulRestart")->setChecked(true);
    child<QSpinBox>(&d, "restartTime")->setValue(300);
    child<QCheckBox>(&d, "enhancedRouteRefresh")->setChecked(true);
    child<QComboBox>(&d, "role")->setCurrentText(QStringLiteral("customer"));
    child<QCheckBox>(&d, "roleStrict")->setChecked(true);
    child<QLineEdit>(&d, "md5")->setText(QStringLiteral("s3cret"));
    child<QCheckBox>(&d, "reconnect")->setChecked(true);
    child<QSpinBox>(&d, "backoffInitial")->setValue(2);
    child<QSpinBox>(&d, "backoffMax")->setValue(60);
    child<QLineEdit>(&d, "recordPath")->setText(record);
    QVERIFY2(d.is_valid(), qPrintable(d.problems().join(QLatin1Char('\n'))));

    const auto verify = [&](const LiveSessionRequest& r, bool with_password) {
      QVERIFY(!r.fsm.passive);
      QCOMPARE(r.connection.peer.host, std::string("192.0.2.9"));
      QCOMPARE(r.connection.peer.port, 1179);
      QCOMPARE(r.speaker.local_as, 4200000001u);
      QCOMPARE(r.speaker.peer_as.value_or(0), 65001u);
      QCOMPARE(r.speaker.bgp_id, 0xC6336401u);
      QCOMPARE(r.speaker.hold_time, 30);
      // In the decoder's table order, whatever order they were ticked in.
      QVERIFY(r.speaker.families ==
              (std::vector<Family>{kIpv4Unicast, family("ipv4-flowspec"), family("l2vpn-evpn")}));
      QVERIFY(r.speaker.add_path_receive == std::vector<Family>{kIpv4Unicast});
      QVERIFY(r.speaker.extended_message);
      QCOMPARE(r.speaker.graceful_restart_time.value_or(0), 300);
      QVERIFY(r.speaker.route_refresh);
      QVERIFY(r.speaker.enhanced_route_refresh);
      QVERIFY(r.speaker.role == live::BgpRole::Customer);
      QVERIFY(r.speaker.role_strict);
      QCOMPARE(r.connection.md5_password, std::string(with_password ? "s3cret" : ""));
      QVERIFY(r.fsm.reconnect);
      QCOMPARE(r.fsm.backoff_initial.count(), 2000);
      QCOMPARE(r.fsm.backoff_max.count(), 60000);
      QCOMPARE(r.record_path, record);
      QVERIFY(live::validate(r.speaker).empty());
    };
    verify(d.request(), true);

    ConnectPeerDialog copy;
    copy.set_request(d.request());
    QVERIFY(copy.is_valid());
    verify(copy.request(), true);

    child<QSpinBox>(&d, "backoffMax")->setValue(1);  // shorter than the first wait
    QVERIFY(!d.is_valid());
    QVERIFY(!note(&d, "backoffError").isEmpty());
    child<QSpinBox>(&d, "backoffMax")->setValue(60);

    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    ConnectPeerDialog next;
    QVERIFY(next.is_valid());
    verify(next.request(), false);
  }

  void invalidConnectDialogDoesNotAccept() {
    ConnectPeerDialog d;
    QSignalSpy accepted(&d, &QDialog::accepted);
    d.accept();  // peer empty
    QCOMPARE(accepted.size(), 0);
    child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
    d.accept();
    QCOMPARE(accepted.size(), 1);
  }

  void bmpListenDialog() {
    QTemporaryDir dir;
    BmpListenDialog d;
    QVERIFY(d.is_valid());
    QCOMPARE(child<QLineEdit>(&d, "address")->text(), QStringLiteral("127.0.0.1:11019"));
    QCOMPARE(d.request().listen_at.host, std::string("127.0.0.1"));
    QCOMPARE(d.request().listen_at.port, 11019);
    auto* address = child<QLineEdit>(&d, "address");
    for (const char* bad : {"", "0.0.0.0:65536", "[::1", ":11019"}) {
      address->setText(QString::fromLatin1(bad));
      QVERIFY2(!d.is_valid(), bad);
      QVERIFY2(!ok_button(&d)->isEnabled(), bad);
      QVERIFY2(!note(&d, "addressError").isEmpty(), bad);
    }
    address->setText(QStringLiteral("::"));  // bare IPv6: the default port
    QVERIFY(d.is_valid());
    QCOMPARE(d.request().listen_at.host, std::string("::"));
    QCOMPARE(d.request().listen_at.port, 11019);
    address->setText(QStringLiteral("0.0.0.0:5000"));
    child<QLineEdit>(&d, "recordPath")->setText(dir.filePath(QStringLiteral("bmp.txt")));
    QVERIFY(!d.is_valid());
    QVERIFY(!note(&d, "recordPathError").isEmpty());
    child<QLineEdit>(&d, "recordPath")->setText(dir.filePath(QStringLiteral("bmp.mrt")));
    QVERIFY(d.is_valid());
    const BmpListenRequest r = d.request();
    QCOMPARE(r.listen_at.host, std::string("0.0.0.0"));
    QCOMPARE(r.listen_at.port, 5000);
    QCOMPARE(r.record_path, dir.filePath(QStringLiteral("bmp.mrt")));
    d.accept();
    BmpListenDialog next;
    QCOMPARE(next.request().listen_at.port, 5000);
    QCOMPARE(next.request().record_path, r.record_path);
  }

  void captureInterfaceDialog() {
    std::vector<InterfaceEntry> list = {
        {QStringLiteral("lo"), QString(), {QStringLiteral("127.0.0.1")}, true},
        {QStringLiteral("eth1"), QStringLiteral("uplink"), {}, false},
        {QStringLiteral("eth0"),
         QString(),
         {QStringLiteral("192.0.2.1"), QStringLiteral("2001:db8::1")},
         true},
    };
    CaptureInterfaceDialog d(list);
    QVERIFY(d.is_valid());
    CaptureRequest r = d.request();
    QCOMPARE(r.interface, QStringLiteral("lo"));  // the first that is up
    QCOMPARE(r.filter, QStringLiteral("tcp port 179"));
    QCOMPARE(r.snaplen, 262144);
    QVERIFY(!r.promiscuous);
    auto* combo = child<QComboBox>(&d, "interface");
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemText(2), QStringLiteral("eth0 — 192.0.2.1, 2001:db8::1"));
    QVERIFY(combo->itemText(1).contains(QLatin1String("down")));
    combo->setCurrentIndex(1);
    QVERIFY(d.is_valid());  // down is allowed, but said
    QVERIFY(note(&d, "interfaceNote").contains(QLatin1String("eth1 is down")));
    QVERIFY(note(&d, "interfaceError").isEmpty());
    combo->setCurrentIndex(2);
    QVERIFY(note(&d, "interfaceNote").isEmpty());
    child<QLineEdit>(&d, "filter")->setText(QStringLiteral("  "));
    QVERIFY(!d.is_valid());
    QVERIFY(!ok_button(&d)->isEnabled());
    QVERIFY(!note(&d, "filterError").isEmpty());
    child<QLineEdit>(&d, "filter")->setText(QStringLiteral("tcp port 179 and host 192.0.2.2"));
    child<QSpinBox>(&d, "snaplen")->setValue(1500);
    child<QCheckBox>(&d, "promiscuous")->setChecked(true);
    QVERIFY(d.is_valid());
    r = d.request();
    QCOMPARE(r.interface, QStringLiteral("eth0"));
    QCOMPARE(r.filter, QStringLiteral("tcp port 179 and host 192.0.2.2"));
    QCOMPARE(r.snaplen, 1500);
    QVERIFY(r.promiscuous);
    d.accept();
    CaptureInterfaceDialog next(list);
    QCOMPARE(next.request().interface, QStringLiteral("eth0"));
    QCOMPARE(next.request().snaplen, 1500);

    // Nothing listed: the name is typed.
    CaptureInterfaceDialog typed(std::vector<InterfaceEntry>{});
    auto* edit = child<QComboBox>(&typed, "interface");
    QVERIFY(edit->isEditable());
    edit->setEditText(QString());
    QVERIFY(!typed.is_valid());
    edit->setEditText(QStringLiteral("any"));
    QVERIFY(typed.is_valid());
    QCOMPARE(typed.request().interface, QStringLiteral("any"));
  }

  void screenshots() {
    // Pictures to look at, not a check: only when asked for.
    if (qEnvironmentVariableIsEmpty("BGPLENS_SCREENSHOT_DIR")) return;
    {
      ConnectPeerDialog d;
      child<QLineEdit>(&d, "peer")->setText(QStringLiteral("192.0.2.2"));
      screenshot(&d, QStringLiteral("connect_valid"));
      child<QLineEdit>(&d, "localAs")->setText(QStringLiteral("23456"));
      child<QSpinBox>(&d, "holdTime")->setValue(2);
      check(&d, "ipv4-vpn", FamilyChoice::AddPathColumn, true);
      child<QLineEdit>(&d, "routerId")->setText(QStringLiteral("10.0.0"));
      screenshot(&d, QStringLiteral("connect_invalid"));
      child<QRadioButton>(&d, "passive")->setChecked(true);
      screenshot(&d, QStringLiteral("connect_passive"));
    }
    {
      BmpListenDialog d;
      screenshot(&d, QStringLiteral("bmp"));
      child<QLineEdit>(&d, "address")->setText(QStringLiteral("0.0.0.0:99999"));
      screenshot(&d, QStringLiteral("bmp_invalid"));
    }
    {
      CaptureInterfaceDialog d(
          {{QStringLiteral("lo"), QString(), {QStringLiteral("127.0.0.1")}, true},
           {QStringLiteral("eth1"), QStringLiteral("uplink"), {}, false}});
      child<QComboBox>(&d, "interface")->setCurrentIndex(1);
      screenshot(&d, QStringLiteral("capture"));
    }
  }
};

int run_live_dialogs_tests(int argc, char** argv) {
  LiveDialogsTests tests;
  return QTest::qExec(&tests, argc, argv);
}

#include "live_dialogs_tests.moc"

// Shared by the live UI tests (tests/ui/live_*.cpp, one executable): finding a dialog's
// parts by object name, ticking a family, the screenshots taken when BGPLENS_SCREENSHOT_DIR is
// set, and the status of an established session.
#pragma once

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

#include "bgp/nlri/family_table.h"
#include "family_choice.h"
#include "live_status.h"

namespace bgplens::live_ui_test {

constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

inline Family family(const char* name) {
  return *parse_family(name);
}

template <typename W>
W* child(QWidget* parent, const char* name) {
  W* w = parent->findChild<W*>(QString::fromLatin1(name));
  if (!w) qFatal("no child %s", name);
  return w;
}

inline QPushButton* ok_button(QDialog* d) {
  return d->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

// The note under a field, or empty when it is hidden (isVisibleTo: the dialog is not shown).
inline QString note(QDialog* d, const char* name) {
  auto* label = child<QLabel>(d, name);
  return label->isVisibleTo(d) ? label->text() : QString();
}

inline void check(QWidget* d, const char* family_name, int column, bool on) {
  auto* choice = child<FamilyChoice>(d, "families");
  const int row = choice->row_of(family(family_name));
  QVERIFY(row >= 0);
  choice->tree()->topLevelItem(row)->setCheckState(column, on ? Qt::Checked : Qt::Unchecked);
}

inline void screenshot(QWidget* w, const QString& name) {
  const QString dir = qEnvironmentVariable("BGPLENS_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  w->show();
  QVERIFY(QTest::qWaitForWindowExposed(w));
  QVERIFY(w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

inline LiveStatus established() {
  LiveStatus s;
  s.kind = LiveKind::BgpSession;
  s.running = true;
  s.title = QStringLiteral("Connect to 192.0.2.1:179");
  s.state = QStringLiteral("Established");
  s.state_since = QDateTime(QDate(2026, 11, 22), QTime(14, 0, 0), Qt::UTC);
  s.messages_received = 1234567;
  s.messages_sent = 12;
  s.prefixes_received = 1000000;
  s.withdrawals_received = 3;
  s.can_refresh = true;
  return s;
}

}  // namespace bgplens::live_ui_test

// Each test class of the executable, run in turn by live_ui_main.cpp.
int run_live_dialogs_tests(int argc, char** argv);
int run_live_status_bar_tests(int argc, char** argv);

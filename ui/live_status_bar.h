// The status area of a live source (a BGP session, a BMP station, an interface capture): what
// it is, its state as a coloured badge and how long it has been in it, the message and prefix
// counts, the last error, and the actions "Request refresh" and "Disconnect".
#pragma once

#include <QDateTime>
#include <QFrame>
#include <functional>

#include "live_status.h"

class QLabel;
class QPushButton;
class QTimer;

namespace bgplens {

class LiveStatusBar : public QFrame {
  Q_OBJECT

 public:
  // How long an error keeps the badge red.
  static constexpr qint64 kRecentErrorSeconds = 30;

  explicit LiveStatusBar(QWidget* parent = nullptr);

  void set_status(const LiveStatus& status);
  const LiveStatus& status() const { return status_; }
  // The clock the uptime is measured with (tests set their own); the default is the system's.
  void set_clock(std::function<QDateTime()> now);
  // Recomputes the time-dependent texts (the timer does this every second).
  void refresh_times();

  // "0:02:13", "12:00:05", "3d 4:05:06".
  static QString duration_text(qint64 seconds);

  // The parts, for tests and for the window's own layout decisions.
  QLabel* title_label() const { return title_; }
  QLabel* state_badge() const { return badge_; }
  QLabel* uptime_label() const { return uptime_; }
  QLabel* counters_label() const { return counters_; }
  QLabel* error_label() const { return error_; }
  QPushButton* refresh_button() const { return refresh_; }
  QPushButton* disconnect_button() const { return disconnect_; }
  // The badge's colour class: "ok", "pending", "idle", "error" or "neutral".
  QString badge_tone() const { return tone_; }

 signals:
  void disconnect_requested();
  void refresh_requested();

 private:
  void update_badge();

  LiveStatus status_;
  std::function<QDateTime()> now_;
  QTimer* timer_;
  QLabel* title_;
  QLabel* badge_;
  QLabel* uptime_;
  QLabel* counters_;
  QLabel* error_;
  QPushButton* refresh_;
  QPushButton* disconnect_;
  QString tone_;
};

}  // namespace bgplens

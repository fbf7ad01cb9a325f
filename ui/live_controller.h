// The window's live side: the Live menu (Connect to Peer…, Listen for BMP…, Capture
// Interface…, Disconnect, Request Refresh), the status area that shows the running source, and
// File → Save Messages As… (the rows the list shows, as MRT or pcapng). It owns the
// LiveSession; the rows arrive through the window's CaptureLoader like a file's.
#pragma once

#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <vector>

#include "live_session.h"

class QAction;
class QMenu;
class QWidget;

namespace bgplens {

class LiveStatusBar;
class MessageStore;
struct LiveSessionRequest;
struct BmpListenRequest;
struct CaptureRequest;

class LiveController : public QObject {
  Q_OBJECT

 public:
  // `shown_rows` gives the store rows the list shows now (for Save Messages As…).
  LiveController(CaptureLoader* loader, MessageStore* store, QWidget* window,
                 std::function<std::vector<std::uint64_t>()> shown_rows);

  // The status area (hidden until a live source starts); the window places it.
  LiveStatusBar* status_bar() const { return status_bar_; }
  LiveSession* session() const { return session_; }
  // Adds the Live menu's actions to `live` and Save Messages As… to `file`.
  void add_actions(QMenu* live, QMenu* file);

  // Start a source as the dialogs would; an error is returned (and shown in the status area).
  QString start(const LiveSessionRequest& request);
  QString start(const BmpListenRequest& request);
  QString start(const CaptureRequest& request);
  void stop() { session_->stop(); }

  // Records `rows` of the store to `path` (.mrt or .pcapng); empty, or why it failed. Sets
  // `note` to what was left out ("3 rows are not BGP messages and were not saved").
  QString save_rows(const QString& path, const std::vector<std::uint64_t>& rows, QString& note);

 signals:
  // Once a second while a source runs (the window redraws what depends on time).
  void tick();

 private:
  void connect_dialog();
  void bmp_dialog();
  void capture_dialog();
  void save_dialog();
  void show_status(const LiveStatus& status);
  void show_start_error(const QString& error);

  CaptureLoader* loader_;
  MessageStore* store_;
  QWidget* window_;
  std::function<std::vector<std::uint64_t>()> shown_rows_;
  LiveSession* session_;
  LiveStatusBar* status_bar_;
  QAction* disconnect_ = nullptr;
  QAction* refresh_ = nullptr;
  int ticks_ = 0;
};

}  // namespace bgplens

// The main window: the rate chart on top, the message list, and below it the field tree and
// the hex view, all following one Selection; the sessions panel in a dock. The list shows the
// messages of the session chosen in the sessions panel (all of them by default).
#pragma once

#include <QMainWindow>

#include "capture_loader.h"
#include "field_tree_model.h"
#include "message_list_model.h"
#include "selection.h"
#include "session_filter_model.h"
#include "session_index.h"

class QDockWidget;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTreeView;

namespace bgplens {

class DecodeHexDialog;
class HexView;
class LiveController;
class RateChart;
class RecentFiles;
class SessionsPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  bool open_file(const QString& path);
  bool open_sample();

  // For tests and scripted screenshots.
  MessageStore* store() { return &store_; }
  CaptureLoader* loader() { return loader_; }
  Selection* selection() { return selection_; }
  QTableView* message_view() { return list_view_; }
  QTreeView* field_view() { return tree_view_; }
  HexView* hex_view() { return hex_view_; }
  RateChart* rate_chart() { return chart_; }
  FieldTreeModel* field_model() { return tree_model_; }
  SessionIndex* sessions() { return sessions_; }
  SessionsPanel* sessions_panel() { return sessions_panel_; }
  QDockWidget* sessions_dock() { return sessions_dock_; }
  // The model of message_view(): the list, filtered to the selected session.
  SessionFilterModel* message_filter() { return filter_; }
  // Selects message `row` (a store row). When the list shows one session and the message is
  // of another, the list goes back to all sessions.
  void select_row(qint64 row);
  // Shows the sessions panel and selects `session` (-1: all sessions); false when the session
  // is not listed.
  bool show_sessions(qint64 session = -1);
  // Selects the first field of the shown message with this filter key (bgp.attr.as_path).
  bool select_field_by_key(const QString& key);
  // Decode → Decode Hex… and Decode → Session Decoding Context… (modal).
  void show_decode_hex();
  void show_session_context();
  DecodeHexDialog* decode_hex_dialog() { return decode_hex_; }
  MessageDetail* detail() { return detail_; }
  LiveController* live() { return live_; }
  // The store rows the list shows now, in list order.
  std::vector<std::uint64_t> shown_rows() const;

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void build_menus();
  void build_views();
  void connect_selection();
  void show_field(std::uint32_t node);
  void show_session_messages(qint64 session);
  void update_status();

  MessageStore store_;
  CaptureLoader* loader_;
  MessageDetail* detail_;
  Selection* selection_;
  MessageListModel* list_model_;
  FieldTreeModel* tree_model_;
  SessionIndex* sessions_;
  SessionFilterModel* filter_;
  SessionsPanel* sessions_panel_ = nullptr;
  QDockWidget* sessions_dock_ = nullptr;
  QTableView* list_view_ = nullptr;
  QTreeView* tree_view_ = nullptr;
  HexView* hex_view_ = nullptr;
  RateChart* chart_ = nullptr;
  RecentFiles* recent_ = nullptr;
  LiveController* live_ = nullptr;
  DecodeHexDialog* decode_hex_ = nullptr;
  QLabel* status_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QString source_name_;
  QString load_summary_;
  bool syncing_tree_ = false;
};

}  // namespace bgplens

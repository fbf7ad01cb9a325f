// The sessions panel: every session of the capture in a tree (BMP peers under their BMP
// connection) beside the selected session's detail. Selecting a session asks the main window
// to list only its messages; "All sessions" lists every message again.
#pragma once

#include <QTimer>
#include <QWidget>

#include "session_list_model.h"

class QTreeView;

namespace bgplens {

class SessionDetailPane;

class SessionsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SessionsPanel(SessionIndex* index, QWidget* parent = nullptr);

  QTreeView* view() const { return view_; }
  SessionListModel* model() const { return model_; }
  SessionDetailPane* detail() const { return detail_; }
  // The selected session; -1 for "All sessions".
  qint64 session() const;
  // Selects a session's row (-1: "All sessions"); false when it is not listed.
  bool select_session(qint64 session);

 signals:
  void session_selected(qint64 session);
  // A message the detail pane points at (an OPEN, a hold-timer finding), as a store row.
  void row_requested(qint64 store_row);

 private:
  void fit_columns();

  SessionIndex* index_;
  // The detail follows the batches of a loading capture a few times a second: it rebuilds
  // its tables, up to a thousand hold-timer findings, each time.
  QTimer refresh_timer_;
  SessionListModel* model_;
  QTreeView* view_;
  SessionDetailPane* detail_;
};

}  // namespace bgplens

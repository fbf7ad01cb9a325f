// The selected session in detail, under a one-line title: a summary (its ends, times, longest
// silences and how it ended), its two OPENs side by side with what the session uses
// highlighted, its messages by type and direction, and its hold-timer findings.
// Double-clicking an OPEN or a finding asks for that message in the list.
#pragma once

#include <QWidget>

#include "session_index.h"

class QLabel;
class QTabWidget;
class QTableWidget;

namespace bgplens {

class SessionDetailPane : public QWidget {
  Q_OBJECT

 public:
  explicit SessionDetailPane(SessionIndex* index, QWidget* parent = nullptr);

  // Shows `session`, or an overview of the capture with -1.
  void show_session(qint64 session);
  qint64 session() const { return session_; }
  // Reads the shown session again (new rows arrived).
  void refresh() { show_session(session_); }

  QLabel* title() const { return title_; }
  QLabel* summary() const { return summary_; }
  QTabWidget* tabs() const { return tabs_; }
  QTableWidget* opens_table() const { return opens_; }
  QTableWidget* counts_table() const { return counts_; }
  QTableWidget* findings_table() const { return findings_; }

 signals:
  void row_requested(qint64 store_row);

 private:
  QString title_text(std::uint32_t session) const;
  QString summary_text(std::uint32_t session) const;
  void fill_opens(std::uint32_t session);
  void fill_counts(std::uint32_t session);
  void fill_findings(std::uint32_t session);
  void clear_tables();

  SessionIndex* index_;
  qint64 session_ = -1;
  QLabel* title_;
  QLabel* summary_;
  QTabWidget* tabs_;
  QTableWidget* opens_;
  QTableWidget* counts_;
  QTableWidget* findings_;
  QLabel* findings_note_;
  std::vector<qint64> finding_rows_;  // per findings table row: the message to show
  int chosen_tab_ = 0;
};

}  // namespace bgplens

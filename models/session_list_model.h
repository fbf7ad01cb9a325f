// The sessions of the capture as a tree: an "All sessions" row, then one row per TCP session
// (BGP or BMP), with the peers a BMP connection monitors as its children. Text comes from the
// SessionIndex's aggregates; nothing is decoded per row except a session's NOTIFICATION.
// TCP connections that carry no BGP (no message, neither port 179) are left out.
#pragma once

#include <QAbstractItemModel>
#include <QTimer>
#include <optional>
#include <vector>

#include "session_index.h"
#include "session_report.h"

namespace bgplens {

class SessionListModel : public QAbstractItemModel {
  Q_OBJECT

 public:
  // What tells sessions apart and what went wrong first; the rest further right.
  enum Column {
    Session,
    Endpoints,
    As,
    Messages,
    Findings,
    Ended,
    HoldTime,
    RouterId,
    First,
    Last,
    ColumnCount
  };
  enum Role { SessionRole = Qt::UserRole + 1 };  // qint64 session id, -1 for "All sessions"

  explicit SessionListModel(SessionIndex* index, QObject* parent = nullptr);

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // The row of a session (-1: "All sessions"); invalid when the session is not listed.
  QModelIndex index_of(qint64 session, int column = 0) const;
  qint64 session_of(const QModelIndex& index) const;
  // Sessions listed (the "All sessions" row not counted).
  int session_count() const { return shown_count_; }

 private:
  struct Cached {
    session_report::End end;
    std::uint64_t findings = 0;
  };
  void update();
  bool listed(std::uint32_t session) const;
  void insert(std::uint32_t session);
  // Nested under its BMP connection (kNone: a top-level row).
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t nest_parent(std::uint32_t session) const;
  const Cached& cached(std::uint32_t session) const;
  QVariant display(std::uint32_t session, int column) const;
  QVariant all_sessions(int column) const;

  // Redraws the rows shown (their counts and times move on with every batch).
  void redraw();

  SessionIndex* index_;
  // While a capture loads, batches come many times a second: the rows shown are redrawn a
  // few times a second, not after each batch (text is read fresh whenever they are drawn).
  QTimer redraw_timer_;
  std::vector<std::uint32_t> top_;                    // top-level sessions, by id
  std::vector<std::vector<std::uint32_t>> children_;  // monitored peers, by id
  std::vector<std::uint32_t> parent_;                 // per session: nest parent or kNone
  std::vector<std::uint8_t> shown_;
  int shown_count_ = 0;
  // End text and finding counts of drawn rows; both change as the capture end moves on.
  mutable std::vector<std::optional<Cached>> cache_;
};

}  // namespace bgplens

// The message list restricted to one session (a BMP connection with the peers it monitors),
// or all of it. View rows map to list rows through a sorted vector of store rows taken from
// the SessionIndex, so choosing a session copies its row numbers once, a row maps in O(1)
// (and back by binary search), and a batch only looks at its own new rows: no per-row
// filterAcceptsRow over millions of rows as a QSortFilterProxyModel would do.
#pragma once

#include <QAbstractProxyModel>
#include <optional>
#include <vector>

#include "session_index.h"

namespace bgplens {

class SessionFilterModel : public QAbstractProxyModel {
  Q_OBJECT

 public:
  explicit SessionFilterModel(const SessionIndex* sessions, QObject* parent = nullptr);

  // The source must have one row per store row (MessageListModel).
  void setSourceModel(QAbstractItemModel* source) override;

  // Shows only `session` (and a BMP connection's peers); -1 shows every row.
  void set_session(qint64 session);
  qint64 session() const { return session_; }
  bool filtered() const { return session_ >= 0; }

  // The store row of a view row, and the view row of a store row (-1 when filtered out).
  qint64 store_row(int view_row) const;
  int view_row(qint64 store_row) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  bool hasChildren(const QModelIndex& parent = {}) const override;
  QModelIndex sibling(int row, int column, const QModelIndex& index) const override;
  // Column headers straight from the source: QAbstractProxyModel's would map row 0 first.
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  QModelIndex mapToSource(const QModelIndex& proxy) const override;
  QModelIndex mapFromSource(const QModelIndex& source) const override;

 signals:
  void session_changed(qint64 session);

 private:
  bool accepts(std::uint32_t session) const;
  void source_inserted(int first, int last);
  void source_data_changed(const QModelIndex& top_left, const QModelIndex& bottom_right,
                           const QList<int>& roles);

  const SessionIndex* sessions_;
  qint64 session_ = -1;
  std::vector<std::uint32_t> rows_;  // store rows shown, ascending (when filtered)
  std::vector<QMetaObject::Connection> connections_;
};

}  // namespace bgplens

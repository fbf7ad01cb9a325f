#include "session_filter_model.h"

#include <algorithm>

namespace bgplens {

SessionFilterModel::SessionFilterModel(const SessionIndex* sessions, QObject* parent)
    : QAbstractProxyModel(parent), sessions_(sessions) {}

void SessionFilterModel::setSourceModel(QAbstractItemModel* source) {
  beginResetModel();
  for (const QMetaObject::Connection& c : connections_)
    disconnect(c);
  connections_.clear();
  QAbstractProxyModel::setSourceModel(source);
  session_ = -1;
  rows_.clear();
  if (source) {
    connections_ = {
        connect(source, &QAbstractItemModel::modelAboutToBeReset, this,
                [this] { beginResetModel(); }),
        connect(source, &QAbstractItemModel::modelReset, this,
                [this] {
                  // A new capture: its sessions are not the old ones.
                  const bool was_filtered = filtered();
                  session_ = -1;
                  rows_.clear();
                  rows_.shrink_to_fit();
                  endResetModel();
                  if (was_filtered) emit session_changed(-1);
                }),
        connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this,
                [this](const QModelIndex& parent, int first, int last) {
                  if (!parent.isValid() && !filtered()) beginInsertRows({}, first, last);
                }),
        connect(source, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex& parent, int first, int last) {
                  if (parent.isValid()) return;
                  if (filtered()) {
                    source_inserted(first, last);
                  } else {
                    endInsertRows();
                  }
                }),
        connect(source, &QAbstractItemModel::dataChanged, this,
                &SessionFilterModel::source_data_changed),
        connect(source, &QAbstractItemModel::headerDataChanged, this,
                [this](Qt::Orientation orientation, int first, int last) {
                  if (orientation == Qt::Horizontal)
                    emit headerDataChanged(orientation, first, last);
                }),
    };
  }
  endResetModel();
}

bool SessionFilterModel::accepts(std::uint32_t session) const {
  if (session == session_) return true;
  const auto& sessions = sessions_->store().contexts().sessions;
  return session < sessions.size() && sessions[session].kind == SessionKind::BmpPeer &&
         sessions[session].parent == session_;
}

void SessionFilterModel::source_inserted(int first, int last) {
  // Only the batch's own rows are looked at; a session's rows only ever grow at the end.
  const MessageStore& store = sessions_->store();
  std::vector<std::uint32_t> added;
  for (int r = first; r <= last; ++r) {
    const std::optional<std::uint32_t> s = store.session_id_of(static_cast<std::size_t>(r));
    if (s && accepts(*s)) added.push_back(static_cast<std::uint32_t>(r));
  }
  if (added.empty()) return;
  const auto at = static_cast<int>(rows_.size());
  beginInsertRows({}, at, at + static_cast<int>(added.size()) - 1);
  rows_.insert(rows_.end(), added.begin(), added.end());
  endInsertRows();
}

void SessionFilterModel::source_data_changed(const QModelIndex& top_left,
                                             const QModelIndex& bottom_right,
                                             const QList<int>& roles) {
  if (!filtered()) {
    emit dataChanged(index(top_left.row(), top_left.column()),
                     index(bottom_right.row(), bottom_right.column()), roles);
    return;
  }
  // Rows are sorted: a range of store rows is a range of view rows.
  const auto lo =
      std::lower_bound(rows_.begin(), rows_.end(), static_cast<std::uint32_t>(top_left.row()));
  const auto hi = std::upper_bound(lo, rows_.end(), static_cast<std::uint32_t>(bottom_right.row()));
  if (lo == hi) return;
  emit dataChanged(index(static_cast<int>(lo - rows_.begin()), top_left.column()),
                   index(static_cast<int>(hi - rows_.begin()) - 1, bottom_right.column()), roles);
}

void SessionFilterModel::set_session(qint64 session) {
  if (session < 0) session = -1;
  if (session == session_) return;
  beginResetModel();
  session_ = session;
  rows_ = session >= 0 ? sessions_->rows_of(static_cast<std::uint32_t>(session))
                       : std::vector<std::uint32_t>{};
  // While a capture loads, the store holds rows the list has not inserted yet: they come
  // with its next insertion (source_inserted), not twice.
  const auto listed = static_cast<std::uint32_t>(sourceModel() ? sourceModel()->rowCount() : 0);
  rows_.erase(std::lower_bound(rows_.begin(), rows_.end(), listed), rows_.end());
  endResetModel();
  emit session_changed(session_);
}

qint64 SessionFilterModel::store_row(int view_row) const {
  if (view_row < 0 || view_row >= rowCount()) return -1;
  return filtered() ? static_cast<qint64>(rows_[static_cast<std::size_t>(view_row)]) : view_row;
}

int SessionFilterModel::view_row(qint64 store_row) const {
  if (store_row < 0) return -1;
  if (!filtered()) return store_row < rowCount() ? static_cast<int>(store_row) : -1;
  const auto it =
      std::lower_bound(rows_.begin(), rows_.end(), static_cast<std::uint64_t>(store_row),
                       [](std::uint32_t a, std::uint64_t b) { return a < b; });
  if (it == rows_.end() || *it != static_cast<std::uint64_t>(store_row)) return -1;
  return static_cast<int>(it - rows_.begin());
}

QModelIndex SessionFilterModel::index(int row, int column, const QModelIndex& parent) const {
  if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
    return {};
  return createIndex(row, column);
}

QModelIndex SessionFilterModel::parent(const QModelIndex&) const {
  return {};
}

int SessionFilterModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !sourceModel()) return 0;
  return filtered() ? static_cast<int>(rows_.size()) : sourceModel()->rowCount();
}

int SessionFilterModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid() || !sourceModel()) return 0;
  return sourceModel()->columnCount();
}

bool SessionFilterModel::hasChildren(const QModelIndex& parent) const {
  return !parent.isValid() && rowCount() > 0;
}

QModelIndex SessionFilterModel::sibling(int row, int column, const QModelIndex&) const {
  return index(row, column);
}

QVariant SessionFilterModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (!sourceModel()) return {};
  if (orientation == Qt::Horizontal) return sourceModel()->headerData(section, orientation, role);
  const qint64 row = store_row(section);
  return row < 0 ? QVariant() : sourceModel()->headerData(static_cast<int>(row), orientation, role);
}

QModelIndex SessionFilterModel::mapToSource(const QModelIndex& proxy) const {
  if (!proxy.isValid() || !sourceModel()) return {};
  const qint64 row = store_row(proxy.row());
  return row < 0 ? QModelIndex() : sourceModel()->index(static_cast<int>(row), proxy.column());
}

QModelIndex SessionFilterModel::mapFromSource(const QModelIndex& source) const {
  if (!source.isValid()) return {};
  const int row = view_row(source.row());
  return row < 0 ? QModelIndex() : index(row, source.column());
}

}  // namespace bgplens

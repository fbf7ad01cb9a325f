#include "session_list_model.h"

#include <QBrush>
#include <algorithm>

#include "severity_colors.h"

namespace bgplens {
namespace {

constexpr std::uint16_t kBgpPort = 179;
constexpr quintptr kAllId = 0;  // internal id of "All sessions"; a session's is its id + 1

}  // namespace

SessionListModel::SessionListModel(SessionIndex* index, QObject* parent)
    : QAbstractItemModel(parent), index_(index) {
  redraw_timer_.setSingleShot(true);
  redraw_timer_.setInterval(250);
  connect(&redraw_timer_, &QTimer::timeout, this, &SessionListModel::redraw);
  connect(index_, &SessionIndex::aboutToReset, this, [this] {
    redraw_timer_.stop();
    beginResetModel();
  });
  connect(index_, &SessionIndex::wasReset, this, [this] {
    top_.clear();
    children_.clear();
    parent_.clear();
    shown_.clear();
    shown_count_ = 0;
    cache_.clear();
    endResetModel();
  });
  connect(index_, &SessionIndex::updated, this, &SessionListModel::update);
}

bool SessionListModel::listed(std::uint32_t session) const {
  const SessionInfo& info = index_->info(session);
  // The indexer opens a session for every TCP connection; one that never carried a BGP
  // message and is not on port 179 was other traffic.
  return index_->stats(session).row_count() > 0 || info.kind != SessionKind::Bgp ||
         info.a.port == kBgpPort || info.b.port == kBgpPort;
}

std::uint32_t SessionListModel::nest_parent(std::uint32_t session) const {
  const SessionInfo& info = index_->info(session);
  if (info.kind != SessionKind::BmpPeer || info.parent >= index_->size()) return kNone;
  return index_->info(info.parent).kind == SessionKind::Bmp ? info.parent : kNone;
}

void SessionListModel::insert(std::uint32_t session) {
  const std::uint32_t p = nest_parent(session);
  if (p != kNone && !shown_[p]) insert(p);  // a BMP connection comes before its peers
  std::vector<std::uint32_t>& list = p == kNone ? top_ : children_[p];
  const auto at = std::lower_bound(list.begin(), list.end(), session);
  const int row = static_cast<int>(at - list.begin()) + (p == kNone ? 1 : 0);
  beginInsertRows(p == kNone ? QModelIndex() : index_of(p), row, row);
  list.insert(at, session);
  parent_[session] = p;
  shown_[session] = 1;
  ++shown_count_;
  endInsertRows();
}

void SessionListModel::update() {
  const std::uint32_t n = index_->size();
  children_.resize(n);
  parent_.resize(n, kNone);
  shown_.resize(n, 0);
  cache_.assign(n, std::nullopt);
  std::vector<std::uint32_t> touched = index_->touched();
  std::sort(touched.begin(), touched.end());
  for (const std::uint32_t s : touched) {
    if (!shown_[s] && listed(s)) insert(s);
  }
  // Times, counts and the capture's end move on with every batch. Redrawing the tree's text
  // after each one was a sixth of all painting while a 1 GB capture loaded.
  if (!redraw_timer_.isActive()) redraw_timer_.start();
}

void SessionListModel::redraw() {
  // Every row shown (the view asks only for the rows on screen).
  emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  // Monitored peers too: their end follows their BMP connection's.
  for (const std::uint32_t s : top_) {
    const std::vector<std::uint32_t>& peers = children_[s];
    if (!peers.empty())
      emit dataChanged(index_of(peers.front()), index_of(peers.back(), ColumnCount - 1));
  }
}

QModelIndex SessionListModel::index(int row, int column, const QModelIndex& parent) const {
  if (row < 0 || column < 0 || column >= ColumnCount) return {};
  if (!parent.isValid()) {
    if (row == 0) return createIndex(0, column, kAllId);
    if (static_cast<std::size_t>(row - 1) >= top_.size()) return {};
    return createIndex(row, column, quintptr{top_[static_cast<std::size_t>(row - 1)]} + 1);
  }
  if (parent.internalId() == kAllId || parent.column() != 0) return {};
  const auto& list = children_[parent.internalId() - 1];
  if (static_cast<std::size_t>(row) >= list.size()) return {};
  return createIndex(row, column, quintptr{list[static_cast<std::size_t>(row)]} + 1);
}

QModelIndex SessionListModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == kAllId) return {};
  const std::uint32_t p = parent_[child.internalId() - 1];
  return p == kNone ? QModelIndex() : index_of(p);
}

int SessionListModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return 1 + static_cast<int>(top_.size());
  if (parent.column() != 0 || parent.internalId() == kAllId) return 0;
  return static_cast<int>(children_[parent.internalId() - 1].size());
}

int SessionListModel::columnCount(const QModelIndex&) const {
  return ColumnCount;
}

QModelIndex SessionListModel::index_of(qint64 session, int column) const {
  if (session < 0) return createIndex(0, column, kAllId);
  const auto s = static_cast<std::uint32_t>(session);
  if (s >= shown_.size() || !shown_[s]) return {};
  const std::uint32_t p = parent_[s];
  const std::vector<std::uint32_t>& list = p == kNone ? top_ : children_[p];
  const auto row = std::lower_bound(list.begin(), list.end(), s) - list.begin();
  return createIndex(static_cast<int>(row) + (p == kNone ? 1 : 0), column, quintptr{s} + 1);
}

qint64 SessionListModel::session_of(const QModelIndex& index) const {
  if (!index.isValid() || index.internalId() == kAllId) return -1;
  return static_cast<qint64>(index.internalId() - 1);
}

const SessionListModel::Cached& SessionListModel::cached(std::uint32_t session) const {
  std::optional<Cached>& c = cache_[session];
  if (!c) {
    c = Cached{session_report::session_end(*index_, session),
               session_report::hold_timer_finding_count(*index_, session)};
  }
  return *c;
}

QVariant SessionListModel::all_sessions(int column) const {
  const MessageStore& store = index_->store();
  switch (column) {
    case Session:
      return tr("All sessions");
    case Endpoints:
      return shown_count_ == 1 ? tr("1 session") : tr("%1 sessions").arg(shown_count_);
    case Messages:
      return static_cast<qulonglong>(store.size());
    case First:
      return store.size() > 0 ? session_report::relative_time(store, store.first_time_ns())
                              : QString();
    case Last:
      return store.size() > 0 ? session_report::relative_time(store, index_->capture_end_ns())
                              : QString();
  }
  return {};
}

QVariant SessionListModel::display(std::uint32_t session, int column) const {
  using namespace session_report;
  const SessionInfo& info = index_->info(session);
  const SessionStats& s = index_->stats(session);
  switch (column) {
    case Session:
      if (info.bmp_peer) {
        return QStringLiteral("%1 %2 (%3)")
            .arg(session)
            .arg(kind_name(info.kind), bmp_peer_label(*info.bmp_peer));
      }
      return QStringLiteral("%1 %2").arg(session).arg(kind_name(info.kind));
    case Endpoints:
      return endpoints_text(info);
    case As: {
      // A TABLE_DUMP_V2 peer index names the collector's BGP ID but not its AS.
      QString collector = as_text(*index_, session, 1);
      if (collector.isEmpty() && info.mrt_peer) collector = tr("collector");
      return pair_text(as_text(*index_, session, 0), collector);
    }
    case RouterId:
      return pair_text(router_id_text(*index_, session, 0), router_id_text(*index_, session, 1));
    case HoldTime:
      return hold_time_text(s);
    case Messages:
      return static_cast<qulonglong>(s.row_count());
    case First:
      return s.row_count() > 0 ? relative_time(index_->store(), s.first_time_ns) : QString();
    case Last:
      return s.row_count() > 0 ? relative_time(index_->store(), s.last_time_ns) : QString();
    case Ended:
      return cached(session).end.text;
    case Findings: {
      const std::uint64_t n = cached(session).findings;
      return n > 0 ? QVariant(static_cast<qulonglong>(n)) : QVariant(QString());
    }
  }
  return {};
}

QVariant SessionListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const qint64 session = session_of(index);
  const int column = index.column();
  switch (role) {
    case Qt::DisplayRole:
      return session < 0 ? all_sessions(column)
                         : display(static_cast<std::uint32_t>(session), column);
    case Qt::ToolTipRole:
      if (session < 0) return {};
      if (column == Ended)
        return cached(static_cast<std::uint32_t>(session)).end.details.join(QLatin1Char('\n'));
      if (column == Findings) return tr("Times a sender was silent for longer than the hold time");
      if (column == Session && index_->info(static_cast<std::uint32_t>(session)).bmp_peer) {
        return session_report::bmp_peer_text(
            *index_->info(static_cast<std::uint32_t>(session)).bmp_peer);
      }
      return display(static_cast<std::uint32_t>(session), column);
    case Qt::TextAlignmentRole:
      if (column == Messages || column == First || column == Last || column == Findings ||
          column == HoldTime) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      }
      return {};
    case Qt::ForegroundRole: {
      if (session < 0) return {};
      const Cached& c = cached(static_cast<std::uint32_t>(session));
      if (column == Findings && c.findings > 0) return QBrush(severity_color(Severity::Error));
      if (column == Ended && c.end.reason == session_report::End::Reason::Rst)
        return QBrush(severity_color(Severity::Warning));
      return {};
    }
    case SessionRole:
      return session;
  }
  return {};
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section == Endpoints)
    return tr("A is the endpoint that sent the first TCP segment seen; for a BMP peer, the peer");
  if (role == Qt::ToolTipRole && section == Findings)
    return tr("Hold-timer findings: times a sender was silent for longer than the hold time");
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Session:
      return tr("Session");
    case Endpoints:
      return tr("Endpoints (A ↔ B)");
    case As:
      return tr("AS");
    case RouterId:
      return tr("BGP identifier");
    case HoldTime:
      return tr("Hold time");
    case Messages:
      return tr("Messages");
    case First:
      return tr("First (s)");
    case Last:
      return tr("Last (s)");
    case Ended:
      return tr("Ended");
    case Findings:
      return tr("Findings");
  }
  return {};
}

}  // namespace bgplens

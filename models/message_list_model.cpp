#include "message_list_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include "index/record_decoder.h"
#include "severity_colors.h"

namespace bgplens {

MessageListModel::MessageListModel(MessageStore* store, QObject* parent)
    : QAbstractTableModel(parent), store_(store) {
  insert_timer_.setSingleShot(true);
  insert_timer_.setInterval(100);
  connect(&insert_timer_, &QTimer::timeout, this, &MessageListModel::insert_new_rows);
  connect(store_, &MessageStore::aboutToReset, this, [this] {
    insert_timer_.stop();
    beginResetModel();
  });
  connect(store_, &MessageStore::wasReset, this, [this] {
    cache_.clear();
    rows_ = 0;
    endResetModel();
  });
  connect(store_, &MessageStore::appended, this, [this] {
    // The first rows at once (they are what the user waits for), the rest in the timer's beat
    // or when many are waiting.
    if (!store_->loading() || rows_ == 0 ||
        store_->size() - static_cast<std::size_t>(rows_) >= kMaxWaitingRows) {
      insert_new_rows();
    } else if (!insert_timer_.isActive()) {
      insert_timer_.start();
    }
  });
  connect(store_, &MessageStore::loadingChanged, this, [this](bool loading) {
    if (!loading) insert_new_rows();
  });
  connect(store_, &MessageStore::decoding_changed, this, [this] {
    cache_.clear();
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
  });
}

void MessageListModel::insert_new_rows() {
  insert_timer_.stop();
  const auto rows = static_cast<int>(store_->size());
  if (rows <= rows_) return;
  beginInsertRows({}, rows_, rows - 1);
  rows_ = rows;
  endInsertRows();
}

int MessageListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : rows_;
}

int MessageListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

void MessageListModel::set_absolute_time(bool absolute) {
  absolute_time_ = absolute;
  if (rowCount() > 0) emit dataChanged(index(0, Time), index(rowCount() - 1, Time));
}

const MessageListModel::RowText& MessageListModel::row_text(int row) const {
  auto it = cache_.find(row);
  if (it != cache_.end()) return *it;
  if (cache_.size() > 4096) cache_.clear();  // only what is on screen matters
  const DecodedMessage d = store_->decode(static_cast<std::size_t>(row), Depth::Summary);
  RowText t;
  t.summary =
      QString::fromStdString(record_summary(store_->record(static_cast<std::size_t>(row)), d));
  t.severity = d.worst();
  return *cache_.insert(row, t);
}

static QString time_text(std::int64_t ns, std::int64_t origin, bool absolute) {
  if (absolute) {
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC);
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
           QStringLiteral("%1").arg((ns / 1000) % 1000, 3, 10, QLatin1Char('0'));
  }
  const double rel = static_cast<double>(ns - origin) / 1e9;
  return QString::number(rel, 'f', 6);
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto row = static_cast<std::size_t>(index.row());
  const MessageRecord r = store_->record(row);
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Number:
          return static_cast<qulonglong>(row);
        case Time:
          return time_text(r.time_ns, store_->first_time_ns(), absolute_time_);
        case Endpoints: {
          const SessionInfo* s = store_->session_of(r);
          return s ? QString::fromStdString(s->direction_text(store_->direction_of(r))) : QString();
        }
        case Type:
          return QString::fromStdString(record_type_name(r));
        case Length:
          return static_cast<uint>(r.length);
        case Summary:
          return row_text(index.row()).summary;
      }
      return {};
    case Qt::ToolTipRole:
      if (index.column() == Time) {
        if (r.kind == FramedKind::Mrt || r.kind == FramedKind::MrtDamage)
          return time_text(r.time_ns, 0, true) +
                 QStringLiteral(" UTC, MRT record at byte %1").arg(r.address);
        return time_text(r.time_ns, 0, true) + QStringLiteral(" UTC, frame %1").arg(r.frame);
      }
      if (index.column() == Summary) return row_text(index.row()).summary;
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() == Number || index.column() == Length || index.column() == Time) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      }
      return {};
    case Qt::ForegroundRole: {
      const Severity s = row_text(index.row()).severity;
      // Stream bytes that are not messages are greyed; BMP messages read like BGP ones.
      if (r.kind == FramedKind::Unparsed || r.kind == FramedKind::Gap)
        return QBrush(QColor(110, 110, 110));
      return s >= Severity::Warning ? QVariant(QBrush(severity_color(s))) : QVariant();
    }
    case Qt::BackgroundRole: {
      const Severity s = row_text(index.row()).severity;
      return s >= Severity::Warning ? QVariant(QBrush(severity_tint(s))) : QVariant();
    }
    case SeverityRole:
      return static_cast<int>(row_text(index.row()).severity);
    case RowRole:
      return static_cast<qulonglong>(row);
  }
  return {};
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Number:
      return tr("#");
    case Time:
      return absolute_time_ ? tr("Time (UTC)") : tr("Time (s)");
    case Endpoints:
      return tr("Source → Destination");
    case Type:
      return tr("Type");
    case Length:
      return tr("Length");
    case Summary:
      return tr("Summary");
  }
  return {};
}

}  // namespace bgplens

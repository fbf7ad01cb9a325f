#include "field_tree_model.h"

#include <QBrush>
#include <QFont>

#include "fields/field_registry.h"
#include "severity_colors.h"

namespace bgplens {

FieldTreeModel::FieldTreeModel(MessageDetail* detail, QObject* parent)
    : QAbstractItemModel(parent), detail_(detail) {
  // The detail replaces its whole tree on every selection: a reset, not a diff.
  connect(detail_, &MessageDetail::changed, this, [this] {
    beginResetModel();
    endResetModel();
  });
}

QModelIndex FieldTreeModel::index(int row, int column, const QModelIndex& parent) const {
  const FieldTree* t = tree();
  if (!t || row < 0 || column < 0 || column >= ColumnCount) return {};
  const std::uint32_t p =
      parent.isValid() ? static_cast<std::uint32_t>(parent.internalId()) : FieldTree::kRoot;
  if (parent.isValid() && parent.column() != 0) return {};
  if (p >= t->size() || static_cast<std::uint32_t>(row) >= t->child_count(p)) return {};
  return createIndex(row, column,
                     static_cast<quintptr>(t->child(p, static_cast<std::uint32_t>(row))));
}

QModelIndex FieldTreeModel::parent(const QModelIndex& child) const {
  const FieldTree* t = tree();
  if (!t || !child.isValid()) return {};
  const auto n = static_cast<std::uint32_t>(child.internalId());
  if (n == 0 || n >= t->size()) return {};
  const std::int32_t p = t->node(n).parent;
  if (p <= 0) return {};
  const auto pi = static_cast<std::uint32_t>(p);
  return createIndex(static_cast<int>(t->node(pi).row), 0, static_cast<quintptr>(pi));
}

int FieldTreeModel::rowCount(const QModelIndex& parent) const {
  const FieldTree* t = tree();
  if (!t || t->size() == 0) return 0;
  if (parent.isValid() && parent.column() != 0) return 0;
  const std::uint32_t p =
      parent.isValid() ? static_cast<std::uint32_t>(parent.internalId()) : FieldTree::kRoot;
  return p < t->size() ? static_cast<int>(t->child_count(p)) : 0;
}

int FieldTreeModel::columnCount(const QModelIndex&) const {
  return ColumnCount;
}

QModelIndex FieldTreeModel::index_of(std::uint32_t node) const {
  const FieldTree* t = tree();
  if (!t || node == 0 || node >= t->size()) return {};
  return createIndex(static_cast<int>(t->node(node).row), 0, static_cast<quintptr>(node));
}

std::uint32_t FieldTreeModel::node_of(const QModelIndex& index) const {
  return index.isValid() ? static_cast<std::uint32_t>(index.internalId()) : FieldTree::kRoot;
}

const ByteSource& FieldTreeModel::source_of(const FieldNode& node) const {
  return detail_->sources()[detail_->source_at(node.offset)];
}

QVariant FieldTreeModel::data(const QModelIndex& index, int role) const {
  const FieldTree* t = tree();
  if (!t || !index.isValid()) return {};
  const auto n = static_cast<std::uint32_t>(index.internalId());
  if (n >= t->size()) return {};
  const FieldNode& node = t->node(n);
  const FieldInfo& info = field_info(node.field);
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case Field:
          return QString::fromUtf8(info.name.data(), static_cast<qsizetype>(info.name.size()));
        case Value: {
          const std::string_view v = t->value(n);
          return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
        }
        case Bytes: {
          if (node.length == 0) return QString();
          // Counted from the start of the node's own source: the message, or its frame.
          const std::uint32_t at = node.offset - source_of(node).base;
          return node.length == 1 ? QString::number(at)
                                  : QStringLiteral("%1–%2").arg(at).arg(at + node.length - 1);
        }
      }
      return {};
    case Qt::ToolTipRole: {
      QString tip =
          QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
              .arg(QString::fromUtf8(info.name.data(), static_cast<qsizetype>(info.name.size()))
                       .toHtmlEscaped(),
                   QString::fromUtf8(info.key.data(), static_cast<qsizetype>(info.key.size())),
                   QString::fromUtf8(info.description.data(),
                                     static_cast<qsizetype>(info.description.size()))
                       .toHtmlEscaped());
      if (!info.rfc.empty())
        tip +=
            QStringLiteral("<br><i>%1</i>")
                .arg(QString::fromUtf8(info.rfc.data(), static_cast<qsizetype>(info.rfc.size())));
      if (node.length > 0) {
        const ByteSource& source = source_of(node);
        const std::uint32_t at = node.offset - source.base;
        tip += QStringLiteral("<br>bytes %1–%2 (%3)")
                   .arg(at)
                   .arg(at + node.length - 1)
                   .arg(node.length);
        if (source.frame != 0) tip += QStringLiteral(" of frame %1").arg(source.frame);
      }
      if (node.mask != 0) tip += QStringLiteral(", bit mask 0x%1").arg(node.mask, 0, 16);
      return tip;
    }
    case Qt::ForegroundRole:
      if (node.severity != Severity::None) return QBrush(severity_color(node.severity));
      if (node.length == 0 && node.field != FieldId::ErrorNode) return QBrush(QColor(90, 90, 90));
      return {};
    case Qt::BackgroundRole:
      // A collapsed node that hides a problem is tinted, so problems are never out of sight.
      if (node.worst_below >= Severity::Warning) return QBrush(severity_tint(node.worst_below));
      return {};
    case Qt::FontRole:
      if (index.column() == Bytes) {
        QFont f;
        f.setFamily(QStringLiteral("monospace"));
        f.setStyleHint(QFont::Monospace);
        return f;
      }
      return {};
    case NodeRole:
      return static_cast<uint>(n);
    case OffsetRole:
      return static_cast<uint>(node.offset);
    case LengthRole:
      return static_cast<uint>(node.length);
    case MaskRole:
      return static_cast<uint>(node.mask);
    case SeverityRole:
      return static_cast<int>(node.severity);
    case FilterKeyRole:
      return QString::fromUtf8(info.key.data(), static_cast<qsizetype>(info.key.size()));
  }
  return {};
}

QVariant FieldTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Field:
      return tr("Field");
    case Value:
      return tr("Value");
    case Bytes:
      return tr("Bytes");
  }
  return {};
}

}  // namespace bgplens

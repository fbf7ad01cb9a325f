// The field tree of the selected message as a Qt item model. The model indexes nodes by their
// position in the FieldTree's contiguous storage, so index() and parent() are O(1).
#pragma once

#include <QAbstractItemModel>

#include "message_detail.h"

namespace bgplens {

class FieldTreeModel : public QAbstractItemModel {
  Q_OBJECT

 public:
  enum Column { Field, Value, Bytes, ColumnCount };
  enum Role {
    NodeRole = Qt::UserRole + 1,
    OffsetRole,
    LengthRole,
    MaskRole,
    SeverityRole,
    FilterKeyRole
  };

  explicit FieldTreeModel(MessageDetail* detail, QObject* parent = nullptr);

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // The index of a tree node (column 0), or an invalid index for the root.
  QModelIndex index_of(std::uint32_t node) const;
  std::uint32_t node_of(const QModelIndex& index) const;

 private:
  const FieldTree* tree() const { return detail_->tree(); }
  // The byte source (message or frame) that holds the node's bytes.
  const ByteSource& source_of(const FieldNode& node) const;
  MessageDetail* detail_;
};

}  // namespace bgplens

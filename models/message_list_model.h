// The message list: one row per record of the MessageStore. Cell text is formatted on demand
// from the 32-byte record and a summary decode of the visible rows (cached).
#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include "message_store.h"

namespace bgplens {

class MessageListModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Number, Time, Endpoints, Type, Length, Summary, ColumnCount };
  enum Role { SeverityRole = Qt::UserRole + 1, RowRole };

  explicit MessageListModel(MessageStore* store, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // Times relative to the first message (default) or absolute.
  void set_absolute_time(bool absolute);

 private:
  struct RowText {
    QString summary;
    Severity severity = Severity::None;
  };
  const RowText& row_text(int row) const;

  MessageStore* store_;
  bool absolute_time_ = false;
  mutable QHash<int, RowText> cache_;  // summaries of recently shown rows
};

}  // namespace bgplens

// The message list: one row per record of the MessageStore. Cell text is formatted on demand
// from the 32-byte record and a summary decode of the visible rows (cached).
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

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
  // Inserts the store's rows not listed yet.
  void insert_new_rows();

  MessageStore* store_;
  // Rows listed: the store's, but while it loads they are inserted ten times a second, or as
  // soon as kMaxWaitingRows wait. Each insertion makes a QTableView lay out and repaint all it
  // shows, and its vertical header walks all its sections (millions) to lay out: after every
  // append, that was over half of the GUI thread's time while a 1 GB capture loaded. The header
  // also fills 8 bytes of fresh memory per row inserted, so inserting too many rows at once is
  // a stall of its own (70 ms seen for the rows of one 100 ms beat, page faults mostly).
  static constexpr std::size_t kMaxWaitingRows = std::size_t{1} << 18;
  int rows_ = 0;
  QTimer insert_timer_;
  bool absolute_time_ = false;
  mutable QHash<int, RowText> cache_;  // summaries of recently shown rows
};

}  // namespace bgplens

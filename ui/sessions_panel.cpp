#include "sessions_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QTreeView>

#include "session_detail_pane.h"

namespace bgplens {

SessionsPanel::SessionsPanel(SessionIndex* index, QWidget* parent)
    : QWidget(parent), index_(index) {
  model_ = new SessionListModel(index_, this);
  view_ = new QTreeView(this);
  view_->setModel(model_);
  view_->setUniformRowHeights(true);
  view_->setAlternatingRowColors(true);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setWordWrap(false);
  // Only BMP connections have children; they are expanded as their peers appear.
  view_->setRootIsDecorated(false);
  view_->setIndentation(14);
  view_->header()->setStretchLastSection(false);
  view_->header()->setSectionResizeMode(QHeaderView::Interactive);

  detail_ = new SessionDetailPane(index_, this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(view_);
  split->addWidget(detail_);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            const qint64 s = current.isValid() ? model_->session_of(current) : -1;
            refresh_timer_.stop();  // shown fresh now
            detail_->show_session(s);
            emit session_selected(s);
          });
  connect(model_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& under) {
    if (under.isValid()) view_->expand(under);
    fit_columns();
  });
  // A new capture: start from "All sessions" again.
  connect(model_, &QAbstractItemModel::modelReset, this, [this] { select_session(-1); });
  refresh_timer_.setSingleShot(true);
  refresh_timer_.setInterval(250);
  connect(&refresh_timer_, &QTimer::timeout, detail_, &SessionDetailPane::refresh);
  connect(index_, &SessionIndex::updated, this, [this] {
    if (!refresh_timer_.isActive()) refresh_timer_.start();
  });
  connect(detail_, &SessionDetailPane::row_requested, this, &SessionsPanel::row_requested);
  select_session(-1);
}

void SessionsPanel::fit_columns() {
  // To the texts shown (the header counts the rows it measures), but no column wider than
  // about 45 characters: the tooltips and the detail pane have the whole text.
  const int widest = 45 * view_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
  for (int c = 0; c < SessionListModel::ColumnCount; ++c) {
    view_->resizeColumnToContents(c);
    if (view_->columnWidth(c) > widest) view_->setColumnWidth(c, widest);
  }
}

qint64 SessionsPanel::session() const {
  const QModelIndex current = view_->currentIndex();
  return current.isValid() ? model_->session_of(current) : -1;
}

bool SessionsPanel::select_session(qint64 session) {
  const QModelIndex index = model_->index_of(session);
  if (!index.isValid()) return false;
  view_->setCurrentIndex(index);
  view_->scrollTo(index);
  return true;
}

}  // namespace bgplens

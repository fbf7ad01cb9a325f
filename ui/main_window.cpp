#include "main_window.h"

#include <QApplication>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "decode_hex_dialog.h"
#include "fields/field_registry.h"
#include "hex_view.h"
#include "live_controller.h"
#include "live_status_bar.h"
#include "rate_chart.h"
#include "recent_files.h"
#include "session_context_dialog.h"
#include "sessions_panel.h"

// The resources live in the static bgplens_ui library, whose initializer the linker would
// drop: register them explicitly (outside any namespace, as Q_INIT_RESOURCE requires).
static void init_resources() {
  Q_INIT_RESOURCE(resources);
}

namespace bgplens {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  init_resources();
  loader_ = new CaptureLoader(&store_, this);
  detail_ = new MessageDetail(&store_, this);
  selection_ = new Selection(detail_, this);
  list_model_ = new MessageListModel(&store_, this);
  sessions_ = new SessionIndex(&store_, this);
  filter_ = new SessionFilterModel(sessions_, this);
  filter_->setSourceModel(list_model_);
  tree_model_ = new FieldTreeModel(detail_, this);
  live_ = new LiveController(loader_, &store_, this, [this] { return shown_rows(); });
  setWindowTitle(tr("BGP Lens"));
  setAcceptDrops(true);
  build_views();
  build_menus();
  connect_selection();
  resize(1280, 860);
}

MainWindow::~MainWindow() {
  live_->stop();
  loader_->cancel();
  loader_->wait();
  // The store is a member and goes before the child widgets, which may still ask their
  // models for rows while they are hidden and deleted: detach them from the store's models.
  list_view_->setModel(nullptr);
  sessions_panel_->view()->setModel(nullptr);
}

void MainWindow::build_views() {
  chart_ = new RateChart(&store_);
  list_view_ = new QTableView;
  list_view_->setModel(filter_);
  list_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_view_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_view_->setAlternatingRowColors(true);
  list_view_->setWordWrap(false);
  list_view_->verticalHeader()->hide();
  // Fixed row heights keep scrolling through millions of rows cheap.
  list_view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  list_view_->verticalHeader()->setDefaultSectionSize(list_view_->fontMetrics().height() + 6);
  list_view_->horizontalHeader()->setStretchLastSection(true);
  list_view_->setColumnWidth(MessageListModel::Number, 70);
  list_view_->setColumnWidth(MessageListModel::Time, 110);
  list_view_->setColumnWidth(MessageListModel::Endpoints, 330);
  list_view_->setColumnWidth(MessageListModel::Type, 120);
  list_view_->setColumnWidth(MessageListModel::Length, 70);

  tree_view_ = new QTreeView;
  tree_view_->setModel(tree_model_);
  tree_view_->setUniformRowHeights(true);
  tree_view_->setAlternatingRowColors(true);
  tree_view_->header()->setStretchLastSection(false);
  tree_view_->header()->setSectionResizeMode(FieldTreeModel::Value, QHeaderView::Stretch);
  tree_view_->setColumnWidth(FieldTreeModel::Field, 260);
  tree_view_->setColumnWidth(FieldTreeModel::Bytes, 80);

  hex_view_ = new HexView(detail_, selection_);

  auto* bottom = new QSplitter(Qt::Horizontal);
  bottom->addWidget(tree_view_);
  bottom->addWidget(hex_view_);
  bottom->setStretchFactor(0, 3);
  bottom->setStretchFactor(1, 2);
  auto* main = new QSplitter(Qt::Vertical);
  main->addWidget(chart_);
  main->addWidget(list_view_);
  main->addWidget(bottom);
  main->setStretchFactor(0, 1);
  main->setStretchFactor(1, 3);
  main->setStretchFactor(2, 3);
  main->setSizes({150, 300, 240});
  // A live source's status area sits above everything it fills.
  auto* central = new QWidget;
  auto* column = new QVBoxLayout(central);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  column->addWidget(live_->status_bar());
  column->addWidget(main, 1);
  setCentralWidget(central);
  connect(live_, &LiveController::tick, this, [this] {
    chart_->refresh();
    update_status();
  });

  sessions_panel_ = new SessionsPanel(sessions_);
  sessions_dock_ = new QDockWidget(tr("Sessions"), this);
  sessions_dock_->setObjectName(QStringLiteral("sessions"));
  sessions_dock_->setWidget(sessions_panel_);
  addDockWidget(Qt::BottomDockWidgetArea, sessions_dock_);
  resizeDocks({sessions_dock_}, {280}, Qt::Vertical);
  connect(sessions_panel_, &SessionsPanel::session_selected, this,
          &MainWindow::show_session_messages);
  connect(sessions_panel_, &SessionsPanel::row_requested, this, &MainWindow::select_row);
  connect(filter_, &SessionFilterModel::session_changed, this, [this] { update_status(); });

  status_ = new QLabel(tr("Open a capture with File → Open, or drop one here."));
  progress_ = new QProgressBar;
  progress_->setMaximumWidth(220);
  progress_->setFormat(tr("%p% read"));
  progress_->hide();
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->hide();
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  connect(cancel_, &QPushButton::clicked, loader_, &CaptureLoader::cancel);

  connect(loader_, &CaptureLoader::started, this, [this](const QString& name, qint64 total) {
    source_name_ = name;
    load_summary_.clear();
    setWindowTitle(tr("BGP Lens — %1").arg(name));
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setToolTip(tr("%1 bytes").arg(total));
    // A live source has no end to show progress towards: the status area stands for it.
    progress_->setVisible(!loader_->live());
    cancel_->setVisible(!loader_->live());
    update_status();
  });
  connect(loader_, &CaptureLoader::progress, this, [this](qint64 done, qint64 total) {
    if (loader_->live()) return;
    // A file still being decompressed has no known size yet: the bar shows activity only.
    if (total > 0) {
      progress_->setRange(0, 1000);
      progress_->setValue(static_cast<int>(std::min(done, total) * 1000 / total));
    } else {
      progress_->setRange(0, 0);
    }
    update_status();
  });
  connect(loader_, &CaptureLoader::finished, this, [this](bool cancelled, const QString& summary) {
    progress_->hide();
    cancel_->hide();
    load_summary_ = cancelled ? tr("loading cancelled; %1 kept").arg(summary) : summary;
    chart_->refresh();
    update_status();
    if (selection_->message() < 0 && store_.size() > 0) select_row(0);
  });
  connect(loader_, &CaptureLoader::failed, this, [this](const QString& message) {
    status_->setText(message);
    QMessageBox::warning(this, tr("Cannot open"), message);
  });
  connect(chart_, &RateChart::row_clicked, this, &MainWindow::select_row);
}

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open capture"), QString(), tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
    if (!path.isEmpty()) open_file(path);
  });
  open->setShortcut(QKeySequence::Open);
  recent_ = new RecentFiles(file->addMenu(tr("Open &Recent")), this);
  connect(recent_, &RecentFiles::open_requested, this, &MainWindow::open_file);
  file->addAction(tr("Open &Sample Capture"), this, &MainWindow::open_sample);
  file->addSeparator();
  QMenu* live = menuBar()->addMenu(tr("&Live"));
  live_->add_actions(live, file);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* absolute = view->addAction(tr("&Absolute Time (UTC)"));
  absolute->setCheckable(true);
  connect(absolute, &QAction::toggled, list_model_, &MessageListModel::set_absolute_time);
  QAction* sessions = sessions_dock_->toggleViewAction();
  sessions->setText(tr("&Sessions"));
  sessions->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  view->addAction(sessions);
  view->addAction(tr("&Expand All Fields"), tree_view_, &QTreeView::expandAll);
  view->addAction(tr("&Collapse All Fields"), tree_view_, &QTreeView::collapseAll);

  QMenu* decode = menuBar()->addMenu(tr("&Decode"));
  QAction* hex = decode->addAction(tr("Decode &Hex…"), this, &MainWindow::show_decode_hex);
  hex->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
  QAction* session =
      decode->addAction(tr("Session Decoding &Context…"), this, &MainWindow::show_session_context);
  session->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  session->setEnabled(false);
  connect(selection_, &Selection::message_changed, session,
          [session](qint64 row) { session->setEnabled(row >= 0); });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About BGP Lens"), this, [this] {
    QMessageBox::about(this, tr("About BGP Lens"),
                       tr("<b>BGP Lens</b> %1<br>An inspector for BGP captures: every message, "
                          "every field, every byte.")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::connect_selection() {
  connect(list_view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            selection_->select_message(current.isValid() ? filter_->store_row(current.row()) : -1);
          });
  connect(tree_model_, &QAbstractItemModel::modelReset, this, [this] {
    // Open the message node so the header and body fields are in sight; the frames that
    // carried it stay closed above it, as in Wireshark.
    for (int r = 0; r < tree_model_->rowCount(); ++r) {
      const QModelIndex top = tree_model_->index(r, 0);
      if (tree_model_->data(top, FieldTreeModel::LengthRole).toUInt() > 0 &&
          tree_model_->data(top, FieldTreeModel::FilterKeyRole).toString() !=
              QLatin1String("frame"))
        tree_view_->expand(top);
    }
  });
  connect(tree_view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) {
            if (syncing_tree_) return;
            selection_->select_field(tree_model_->node_of(current));
          });
  connect(selection_, &Selection::field_changed, this,
          [this](std::uint32_t node) { show_field(node); });
}

void MainWindow::show_field(std::uint32_t node) {
  const QModelIndex index = tree_model_->index_of(node);
  if (tree_view_->currentIndex() == index) return;
  // Following a click in the hex view: expand the path to the field and select it.
  syncing_tree_ = true;
  for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
    tree_view_->expand(p);
  tree_view_->setCurrentIndex(index);
  tree_view_->scrollTo(index);
  syncing_tree_ = false;
}

void MainWindow::show_decode_hex() {
  if (!decode_hex_) decode_hex_ = new DecodeHexDialog(detail_, this);
  list_view_->clearSelection();
  decode_hex_->show();
  decode_hex_->raise();
}

void MainWindow::show_session_context() {
  const qint64 row = selection_->message();
  if (row < 0) return;
  SessionContextDialog dialog(&store_, static_cast<std::size_t>(row), this);
  dialog.exec();
}

bool MainWindow::select_field_by_key(const QString& key) {
  const FieldTree* tree = detail_->tree();
  if (!tree) return false;
  for (std::uint32_t i = 1; i < tree->size(); ++i) {
    const std::string_view k = field_info(tree->node(i).field).key;
    if (QLatin1String(k.data(), static_cast<qsizetype>(k.size())) == key) {
      selection_->select_field(i);
      return true;
    }
  }
  return false;
}

void MainWindow::select_row(qint64 row) {
  if (row < 0 || row >= static_cast<qint64>(store_.size())) return;
  if (filter_->view_row(row) < 0) {
    // The message is of another session: list every message again.
    sessions_panel_->select_session(-1);
    filter_->set_session(-1);
  }
  const QModelIndex index = filter_->index(filter_->view_row(row), 0);
  list_view_->setCurrentIndex(index);
  list_view_->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void MainWindow::show_session_messages(qint64 session) {
  const qint64 shown = selection_->message();
  filter_->set_session(session);
  // Keep the shown message when the session has it; else show the session's first message.
  int row = filter_->view_row(shown);
  if (row < 0 && filter_->rowCount() > 0) row = 0;
  if (row < 0) {
    selection_->select_message(-1);
    return;
  }
  const QModelIndex index = filter_->index(row, 0);
  list_view_->setCurrentIndex(index);
  list_view_->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

bool MainWindow::show_sessions(qint64 session) {
  sessions_dock_->show();
  sessions_dock_->raise();
  return sessions_panel_->select_session(session);
}

void MainWindow::update_status() {
  QString text = tr("%1: %2 messages, %3 sessions")
                     .arg(source_name_)
                     .arg(store_.size())
                     .arg(sessions_panel_->model()->session_count());
  if (store_.error_rows() > 0) text += tr(", %1 stream problems").arg(store_.error_rows());
  if (filter_->filtered()) {
    text += tr(" — listing session %1 only: %2 messages")
                .arg(filter_->session())
                .arg(filter_->rowCount());
  }
  if (!load_summary_.isEmpty()) text += QStringLiteral(" — ") + load_summary_;
  status_->setText(text);
}

bool MainWindow::open_file(const QString& path) {
  live_->stop();  // its rows stay until the file replaces them
  if (!loader_->open(path)) return false;
  recent_->add(path);
  return true;
}

std::vector<std::uint64_t> MainWindow::shown_rows() const {
  std::vector<std::uint64_t> rows(static_cast<std::size_t>(filter_->rowCount()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    rows[i] = static_cast<std::uint64_t>(filter_->store_row(static_cast<int>(i)));
  return rows;
}

bool MainWindow::open_sample() {
  live_->stop();
  QFile f(QStringLiteral(":/samples/sample.pcap"));
  if (!f.open(QIODevice::ReadOnly)) return false;
  const QByteArray sample = f.readAll();
  return loader_->open_bytes(QStringLiteral("sample.pcap"),
                             std::vector<std::uint8_t>(sample.begin(), sample.end()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.first().isLocalFile()) {
    open_file(urls.first().toLocalFile());
    event->acceptProposedAction();
  }
}

}  // namespace bgplens

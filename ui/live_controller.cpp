#include "live_controller.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <filesystem>

#include "bmp_listen_dialog.h"
#include "capture_interface_dialog.h"
#include "connect_peer_dialog.h"
#include "live/interface_capture.h"
#include "live_status_bar.h"
#include "message_store.h"
#include "record/index_recorder.h"

namespace bgplens {

LiveController::LiveController(CaptureLoader* loader, MessageStore* store, QWidget* window,
                               std::function<std::vector<std::uint64_t>()> shown_rows)
    : QObject(window),
      loader_(loader),
      store_(store),
      window_(window),
      shown_rows_(std::move(shown_rows)),
      session_(new LiveSession(loader, this)),
      status_bar_(new LiveStatusBar) {
  status_bar_->hide();
  connect(session_, &LiveSession::statusChanged, this, &LiveController::show_status);
  connect(status_bar_, &LiveStatusBar::disconnect_requested, session_, &LiveSession::stop);
  connect(status_bar_, &LiveStatusBar::refresh_requested, session_, &LiveSession::request_refresh);
}

void LiveController::add_actions(QMenu* live, QMenu* file) {
  live->addAction(tr("&Connect to Peer…"), this, &LiveController::connect_dialog)
      ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
  live->addAction(tr("Listen for &BMP…"), this, &LiveController::bmp_dialog);
  live->addAction(tr("Capture &Interface…"), this, &LiveController::capture_dialog);
  live->addSeparator();
  refresh_ = live->addAction(tr("&Request Refresh"), session_, &LiveSession::request_refresh);
  refresh_->setEnabled(false);
  disconnect_ = live->addAction(tr("&Disconnect"), session_, &LiveSession::stop);
  disconnect_->setEnabled(false);
  file->addAction(tr("Save Messages &As…"), this, &LiveController::save_dialog)
      ->setShortcut(QKeySequence::SaveAs);
}

void LiveController::show_start_error(const QString& error) {
  LiveStatus failed = session_->status();
  failed.running = false;
  failed.last_error = error;
  failed.last_error_time = QDateTime::currentDateTime();
  status_bar_->set_status(failed);
  status_bar_->show();
}

QString LiveController::start(const LiveSessionRequest& request) {
  const QString error =
      session_->start_bgp(request.speaker, request.fsm, request.connection, request.record_path);
  if (!error.isEmpty()) show_start_error(error);
  return error;
}

QString LiveController::start(const BmpListenRequest& request) {
  live::BmpStationOptions options;
  options.listen_at = request.listen_at;
  const QString error = session_->start_bmp(options, request.record_path);
  if (!error.isEmpty()) show_start_error(error);
  return error;
}

QString LiveController::start(const CaptureRequest& request) {
  live::CaptureOptions options;
  options.interface = request.interface.toStdString();
  options.filter = request.filter.toStdString();
  options.snaplen = request.snaplen;
  options.promiscuous = request.promiscuous;
  const QString error = session_->start_capture(options);
  if (!error.isEmpty()) show_start_error(error);
  return error;
}

void LiveController::connect_dialog() {
  ConnectPeerDialog dialog(window_);
  if (dialog.exec() != QDialog::Accepted) return;
  if (const QString error = start(dialog.request()); !error.isEmpty())
    QMessageBox::warning(window_, tr("Cannot start the session"), error);
}

void LiveController::bmp_dialog() {
  BmpListenDialog dialog(window_);
  if (dialog.exec() != QDialog::Accepted) return;
  if (const QString error = start(dialog.request()); !error.isEmpty())
    QMessageBox::warning(window_, tr("Cannot listen for BMP"), error);
}

void LiveController::capture_dialog() {
  std::string list_error;
  std::vector<InterfaceEntry> entries;
  for (const live::InterfaceInfo& i : live::list_interfaces(list_error)) {
    InterfaceEntry e;
    e.name = QString::fromStdString(i.name);
    e.description = QString::fromStdString(i.description);
    for (const std::string& a : i.addresses)
      e.addresses << QString::fromStdString(a);
    e.up = i.up;
    entries.push_back(std::move(e));
  }
  CaptureInterfaceDialog dialog(std::move(entries), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  if (const QString error = start(dialog.request()); !error.isEmpty())
    QMessageBox::warning(window_, tr("Cannot capture"), error);
}

void LiveController::show_status(const LiveStatus& status) {
  status_bar_->set_status(status);
  status_bar_->show();
  disconnect_->setEnabled(status.running);
  refresh_->setEnabled(status.can_refresh);
  if (status.running && ++ticks_ % 4 == 0) emit tick();
}

QString LiveController::save_rows(const QString& path, const std::vector<std::uint64_t>& rows,
                                  QString& note) {
  // Writing over the open file would cut the bytes the rows point into.
  std::error_code ec;
  if (!loader_->path().isEmpty() &&
      std::filesystem::equivalent(path.toStdString(), loader_->path().toStdString(), ec))
    return tr("%1 is the file open now: save to another file").arg(path);
  auto recorder = record::IndexRecorder::create(path.toStdString());
  if (!recorder) return QString::fromStdString(recorder.error());
  const auto bytes = store_->bytes();
  if (!bytes) return tr("nothing is open");
  const record::IndexRows index{
      *bytes, store_->contexts(),
      [this](std::uint64_t row) { return store_->record(static_cast<std::size_t>(row)); },
      store_->size()};
  const bool ok = record::record_rows(*recorder, index, rows) && recorder->close();
  if (!ok) return QString::fromStdString(recorder->error());
  const std::uint64_t saved = recorder->stats().messages;
  const std::uint64_t left = rows.size() - std::min<std::uint64_t>(rows.size(), saved);
  note = tr("%1 messages saved to %2").arg(saved).arg(path);
  if (left > 0) note += tr("; %1 rows are not BGP messages and were not saved").arg(left);
  return {};
}

void LiveController::save_dialog() {
  const std::vector<std::uint64_t> rows = shown_rows_();
  if (rows.empty()) {
    QMessageBox::information(window_, tr("Save messages"), tr("The list shows no messages."));
    return;
  }
  QString filter;
  const QString path =
      QFileDialog::getSaveFileName(window_, tr("Save %1 messages").arg(rows.size()), QString(),
                                   tr("MRT BGP4MP_ET (*.mrt);;pcapng (*.pcapng)"), &filter);
  if (path.isEmpty()) return;
  QString target = path;
  if (!record::format_from_path(target.toStdString()))
    target += filter.contains(QLatin1String("pcapng")) ? QStringLiteral(".pcapng")
                                                       : QStringLiteral(".mrt");
  QString note;
  if (const QString error = save_rows(target, rows, note); !error.isEmpty()) {
    QMessageBox::warning(window_, tr("Cannot save"), error);
    return;
  }
  QMessageBox::information(window_, tr("Saved"), note);
}

}  // namespace bgplens

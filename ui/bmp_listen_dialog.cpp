#include "bmp_listen_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "live_form.h"

namespace bgplens {

BmpListenDialog::BmpListenDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Listen for BMP"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Routers configured to export BMP (RFC 7854) to this address "
                              "connect to BGP Lens; several may be connected at once."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  layout->addLayout(form);

  address_ = new QLineEdit(this);
  address_->setObjectName(QStringLiteral("address"));
  address_->setPlaceholderText(QStringLiteral("127.0.0.1:11019"));
  address_error_ = live_form::error_label(this, QStringLiteral("addressError"));
  auto* address_box = new QVBoxLayout;
  address_box->setSpacing(2);
  address_box->addWidget(address_);
  address_box->addWidget(address_error_);
  form->addRow(tr("Listen on:"), address_box);

  record_path_ = new QLineEdit(this);
  record_path_->setObjectName(QStringLiteral("recordPath"));
  record_path_error_ = live_form::error_label(this, QStringLiteral("recordPathError"));
  auto* record_box = new QVBoxLayout;
  record_box->setSpacing(2);
  record_box->addWidget(live_form::record_path_row(record_path_, this));
  record_box->addWidget(record_path_error_);
  form->addRow(tr("Record to:"), record_box);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  ok_->setText(tr("Listen"));
  connect(buttons, &QDialogButtonBox::accepted, this, &BmpListenDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addStretch(1);
  layout->addWidget(buttons);

  connect(address_, &QLineEdit::textChanged, this, &BmpListenDialog::revalidate);
  connect(record_path_, &QLineEdit::textChanged, this, &BmpListenDialog::revalidate);
  set_request(saved_request());
  resize(520, sizeHint().height());
}

BmpListenRequest BmpListenDialog::request() const {
  BmpListenRequest r;
  QString ignored;
  if (auto e = live_form::parse_address(address_->text(), kDefaultPort, ignored)) r.listen_at = *e;
  r.record_path = record_path_->text().trimmed();
  return r;
}

void BmpListenDialog::set_request(const BmpListenRequest& r) {
  address_->setText(QString::fromStdString(live::endpoint_text(r.listen_at)));
  record_path_->setText(r.record_path);
  revalidate();
}

void BmpListenDialog::revalidate() {
  problems_.clear();
  QString why;
  live_form::parse_address(address_->text(), kDefaultPort, why);
  live_form::mark(address_, address_error_, why);
  if (!why.isEmpty()) problems_ << why;
  why = live_form::record_path_problem(record_path_->text());
  live_form::mark(record_path_, record_path_error_, why);
  if (!why.isEmpty()) problems_ << why;
  ok_->setEnabled(problems_.isEmpty());
  live_form::fit_height(this);
}

BmpListenRequest BmpListenDialog::saved_request() {
  QSettings s;
  BmpListenRequest r;
  QString ignored;
  if (auto e = live_form::parse_address(s.value(QStringLiteral("live/bmp/listen")).toString(),
                                        kDefaultPort, ignored))
    r.listen_at = *e;
  r.record_path = s.value(QStringLiteral("live/bmp/record_path")).toString();
  return r;
}

void BmpListenDialog::save_request(const BmpListenRequest& r) {
  QSettings s;
  s.setValue(QStringLiteral("live/bmp/listen"),
             QString::fromStdString(live::endpoint_text(r.listen_at)));
  s.setValue(QStringLiteral("live/bmp/record_path"), r.record_path);
}

void BmpListenDialog::accept() {
  revalidate();
  if (!is_valid()) return;
  save_request(request());
  QDialog::accept();
}

}  // namespace bgplens

#include "capture_interface_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "live_form.h"

namespace bgplens {

namespace {

QVBoxLayout* with_error(QWidget* field, QLabel* error) {
  auto* box = new QVBoxLayout;
  box->setSpacing(2);
  box->addWidget(field);
  box->addWidget(error);
  return box;
}

}  // namespace

QString CaptureInterfaceDialog::entry_text(const InterfaceEntry& e) {
  QString text = e.name;
  if (!e.description.isEmpty() && e.description != e.name)
    text += QStringLiteral(" (%1)").arg(e.description);
  if (!e.addresses.isEmpty())
    text += QStringLiteral(" — ") + e.addresses.join(QStringLiteral(", "));
  if (!e.up) text += tr(" [down]");
  return text;
}

CaptureInterfaceDialog::CaptureInterfaceDialog(std::vector<InterfaceEntry> interfaces,
                                               QWidget* parent)
    : QDialog(parent), interfaces_(std::move(interfaces)) {
  setWindowTitle(tr("Capture Interface"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  layout->addLayout(form);

  interface_ = new QComboBox(this);
  interface_->setObjectName(QStringLiteral("interface"));
  for (const InterfaceEntry& e : interfaces_)
    interface_->addItem(entry_text(e), e.name);
  // Nothing listed (no permission to list, or no libpcap): the name is typed in.
  interface_->setEditable(interfaces_.empty());
  if (interfaces_.empty())
    interface_->lineEdit()->setPlaceholderText(tr("interface name, e.g. eth0"));
  interface_error_ = live_form::error_label(this, QStringLiteral("interfaceError"));
  interface_note_ = new QLabel(this);
  interface_note_->setObjectName(QStringLiteral("interfaceNote"));
  interface_note_->setVisible(false);
  live_form::make_hint(interface_note_);
  auto* interface_box = with_error(interface_, interface_error_);
  interface_box->addWidget(interface_note_);
  form->addRow(tr("Interface:"), interface_box);

  filter_ = new QLineEdit(this);
  filter_->setObjectName(QStringLiteral("filter"));
  filter_->setToolTip(
      tr("A BPF filter in tcpdump's syntax (pcap-filter(7)); libpcap checks it "
         "when the capture starts."));
  filter_error_ = live_form::error_label(this, QStringLiteral("filterError"));
  form->addRow(tr("Filter:"), with_error(filter_, filter_error_));

  snaplen_ = new QSpinBox(this);
  snaplen_->setObjectName(QStringLiteral("snaplen"));
  // Below 128 octets not even the IP and TCP headers and a BGP header fit.
  snaplen_->setRange(128, 262144);
  snaplen_->setSuffix(tr(" bytes"));
  snaplen_->setToolTip(
      tr("How much of each packet is kept: a BGP message cut short cannot be "
         "decoded, so keep whole packets unless memory is tight."));
  form->addRow(tr("Snapshot length:"), snaplen_);
  promiscuous_ =
      new QCheckBox(tr("Promiscuous mode (see traffic not addressed to this host)"), this);
  promiscuous_->setObjectName(QStringLiteral("promiscuous"));
  form->addRow(QString(), promiscuous_);

  auto* note = new QLabel(tr("Capturing needs the capture permission (root, or CAP_NET_RAW "
                             "and CAP_NET_ADMIN on BGP Lens)."),
                          this);
  note->setWordWrap(true);
  live_form::make_hint(note);
  layout->addWidget(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  ok_ = buttons->button(QDialogButtonBox::Ok);
  ok_->setText(tr("Capture"));
  connect(buttons, &QDialogButtonBox::accepted, this, &CaptureInterfaceDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addStretch(1);
  layout->addWidget(buttons);

  connect(interface_, &QComboBox::currentIndexChanged, this, &CaptureInterfaceDialog::revalidate);
  connect(interface_, &QComboBox::editTextChanged, this, &CaptureInterfaceDialog::revalidate);
  connect(filter_, &QLineEdit::textChanged, this, &CaptureInterfaceDialog::revalidate);
  set_request(saved_request());
  resize(560, sizeHint().height());
}

CaptureRequest CaptureInterfaceDialog::request() const {
  CaptureRequest r;
  r.interface = interfaces_.empty() ? interface_->currentText().trimmed()
                                    : interface_->currentData().toString();
  r.filter = filter_->text().trimmed();
  r.snaplen = snaplen_->value();
  r.promiscuous = promiscuous_->isChecked();
  return r;
}

void CaptureInterfaceDialog::set_request(const CaptureRequest& r) {
  if (interfaces_.empty()) {
    interface_->setEditText(r.interface);
  } else {
    // The named interface when listed; else the first one that is up.
    int index = interface_->findData(r.interface);
    for (std::size_t i = 0; index < 0 && i < interfaces_.size(); ++i) {
      if (interfaces_[i].up) index = static_cast<int>(i);
    }
    interface_->setCurrentIndex(std::max(index, 0));
  }
  filter_->setText(r.filter);
  snaplen_->setValue(r.snaplen);
  promiscuous_->setChecked(r.promiscuous);
  revalidate();
}

void CaptureInterfaceDialog::revalidate() {
  problems_.clear();
  const CaptureRequest r = request();
  QString why;
  if (r.interface.isEmpty()) why = tr("Name the interface to capture on.");
  live_form::mark(interface_, interface_error_, why);
  if (!why.isEmpty()) problems_ << why;
  // A down interface is allowed (it may come up), but said.
  const int index = interface_->currentIndex();
  const bool down = why.isEmpty() && !interfaces_.empty() && index >= 0 &&
                    !interfaces_[static_cast<std::size_t>(index)].up;
  interface_note_->setText(
      down ? tr("%1 is down: nothing arrives until it comes up.").arg(r.interface) : QString());
  interface_note_->setVisible(down);
  why = r.filter.isEmpty() ? tr("A filter is needed, such as tcp port 179: everything else is "
                                "not BGP.")
                           : QString();
  live_form::mark(filter_, filter_error_, why);
  if (!why.isEmpty()) problems_ << why;
  ok_->setEnabled(problems_.isEmpty());
  live_form::fit_height(this);
}

CaptureRequest CaptureInterfaceDialog::saved_request() {
  QSettings s;
  CaptureRequest r;
  r.interface = s.value(QStringLiteral("live/capture/interface")).toString();
  r.filter = s.value(QStringLiteral("live/capture/filter"), r.filter).toString();
  r.snaplen = s.value(QStringLiteral("live/capture/snaplen"), r.snaplen).toInt();
  r.promiscuous = s.value(QStringLiteral("live/capture/promiscuous"), r.promiscuous).toBool();
  return r;
}

void CaptureInterfaceDialog::save_request(const CaptureRequest& r) {
  QSettings s;
  s.setValue(QStringLiteral("live/capture/interface"), r.interface);
  s.setValue(QStringLiteral("live/capture/filter"), r.filter);
  s.setValue(QStringLiteral("live/capture/snaplen"), r.snaplen);
  s.setValue(QStringLiteral("live/capture/promiscuous"), r.promiscuous);
}

void CaptureInterfaceDialog::accept() {
  revalidate();
  if (!is_valid()) return;
  save_request(request());
  QDialog::accept();
}

}  // namespace bgplens

#include "decode_hex_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "context_override_editor.h"
#include "message_detail.h"
#include "util/hex.h"

namespace bgplens {

DecodeHexDialog::DecodeHexDialog(MessageDetail* detail, QWidget* parent)
    : QDialog(parent), detail_(detail) {
  setWindowTitle(tr("Decode Hex"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(
      tr("A BGP message in hex, marker included (spaces and line breaks are ignored):"), this));
  hex_ = new QPlainTextEdit(this);
  hex_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  hex_->setPlaceholderText(QStringLiteral("ffffffffffffffffffffffffffffffff 0017 02 0000 0000"));
  layout->addWidget(hex_, 1);
  context_ = new ContextOverrideEditor(this);
  layout->addWidget(context_);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* go = buttons->addButton(tr("Decode"), QDialogButtonBox::ApplyRole);
  go->setDefault(true);
  connect(go, &QPushButton::clicked, this, &DecodeHexDialog::decode);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(640, 420);
}

bool DecodeHexDialog::decode() {
  std::string error;
  const auto bytes = parse_hex(hex_->toPlainText().toStdString(), error);
  const auto settings = context_->value();
  if (!bytes || bytes->empty()) {
    status_->setText(bytes ? tr("Nothing to decode.")
                           : tr("Not hex: %1").arg(QString::fromStdString(error)));
    return false;
  }
  if (!settings) {
    status_->setText(context_->error());
    return false;
  }
  // No session around a pasted message: what the settings leave open is decided from the bytes.
  detail_->show_bytes(*bytes, apply_override(PeerContext{}, *settings));
  status_->setText(tr("Decoded %1 bytes: see the field tree and the bytes in the main window.")
                       .arg(bytes->size()));
  return true;
}

}  // namespace bgplens

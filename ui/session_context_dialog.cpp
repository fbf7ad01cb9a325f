#include "session_context_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "bgp/names/names.h"
#include "context_override_editor.h"

namespace bgplens {
namespace {

QString describe(const PeerContext& c) {
  QStringList lines;
  lines << QObject::tr("AS numbers: %1-octet — %2")
               .arg(c.as4 ? 4 : 2)
               .arg(QString::fromStdString(c.source_text(c.as4_from)));
  QStringList families;
  for (const Family& f : c.add_path)
    families << QString::fromStdString(names::family_short(f));
  lines << QObject::tr("ADD-PATH: %1 — %2")
               .arg(families.isEmpty() ? QObject::tr("none") : families.join(QStringLiteral(", ")))
               .arg(QString::fromStdString(c.source_text(c.add_path_from)));
  lines << QObject::tr("Messages up to %1 bytes — %2")
               .arg(c.extended_message ? 65535 : 4096)
               .arg(QString::fromStdString(c.source_text(c.extended_message_from)));
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

SessionContextDialog::SessionContextDialog(MessageStore* store, std::size_t row, QWidget* parent)
    : QDialog(parent), store_(store) {
  setWindowTitle(tr("Session Decoding Context"));
  auto* layout = new QVBoxLayout(this);
  const MessageRecord r = store->record(row);
  const SessionInfo* session = store->session_of(r);
  session_ = store->session_id_of(row).value_or(0);
  const PeerContext* ctx = r.context < store->contexts().contexts.size()
                               ? &store->contexts().contexts[r.context]
                               : nullptr;
  auto* heading = new QLabel(this);
  heading->setTextFormat(Qt::PlainText);
  heading->setText(
      session ? tr("Session %1: %2")
                    .arg(session_)
                    .arg(QString::fromStdString(session->direction_text(store->direction_of(r))))
              : tr("Session %1").arg(session_));
  layout->addWidget(heading);
  // The latest context of each direction — what the session's OPENs settled, or what is left
  // to guess — and the context the selected message was decoded with.
  const auto& contexts = store->contexts().contexts;
  QStringList texts;
  for (std::uint8_t d = 0; d < 2; ++d) {
    for (std::size_t i = contexts.size(); i-- > 0;) {
      if (contexts[i].session != session_ || contexts[i].direction != d) continue;
      const QString label =
          session ? QString::fromStdString(session->direction_text(d)) : tr("direction %1").arg(d);
      texts << tr("%1:\n%2").arg(label, describe(contexts[i]));
      break;
    }
  }
  if (ctx != nullptr) texts << tr("Message %1 was decoded with:\n%2").arg(row).arg(describe(*ctx));
  auto* current = new QLabel(texts.join(QStringLiteral("\n\n")), this);
  current->setTextFormat(Qt::PlainText);
  current->setWordWrap(true);
  layout->addWidget(current);
  layout->addWidget(new QLabel(tr("Decode every message of this session with:"), this));
  editor_ = new ContextOverrideEditor(this);
  if (const ContextOverride* o = store->session_override(session_)) editor_->set_value(*o);
  layout->addWidget(editor_);
  auto* buttons = new QDialogButtonBox(
      QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Reset, this);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (apply()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this,
          [this] { editor_->set_value(ContextOverride{}); });
  layout->addWidget(buttons);
}

bool SessionContextDialog::apply() {
  const auto value = editor_->value();
  if (!value) {
    QMessageBox::warning(this, windowTitle(), editor_->error());
    return false;
  }
  store_->set_session_override(session_, *value);
  return true;
}

}  // namespace bgplens

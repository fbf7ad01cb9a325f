#include "live_form.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

namespace bgplens {

namespace live_form {

QLabel* error_label(QWidget* parent, const QString& object_name) {
  auto* label = new QLabel(parent);
  label->setObjectName(object_name);
  label->setWordWrap(true);
  label->setTextFormat(Qt::PlainText);
  QPalette p = label->palette();
  p.setColor(QPalette::WindowText, QColor(0xb7, 0x1c, 0x1c));
  label->setPalette(p);
  label->setVisible(false);
  return label;
}

void mark(QWidget* field, QLabel* label, const QString& why) {
  label->setText(why);
  label->setVisible(!why.isEmpty());
  field->setToolTip(why);
  // A pale red base for the field itself, so that the eye finds it before reading the note.
  QPalette p = QApplication::palette(field);
  if (!why.isEmpty()) p.setColor(QPalette::Base, QColor(0xfd, 0xe8, 0xe8));
  field->setPalette(p);
}

std::optional<live::Endpoint> parse_address(const QString& text, quint16 default_port,
                                            QString& why) {
  const QString trimmed = text.trimmed();
  why.clear();
  if (trimmed.isEmpty()) {
    why = QObject::tr("Enter an address: HOST or HOST:PORT.");
    return std::nullopt;
  }
  auto e = live::parse_endpoint(trimmed.toStdString(), default_port);
  if (!e || trimmed.contains(QRegularExpression(QStringLiteral("\\s")))) {
    why = QObject::tr(
              "\"%1\" is not HOST or HOST:PORT with a port from 0 to 65535 (an IPv6 "
              "address with a port goes in brackets: [2001:db8::1]:179).")
              .arg(trimmed);
    return std::nullopt;
  }
  return e;
}

QString record_path_problem(const QString& path) {
  const QString trimmed = path.trimmed();
  if (trimmed.isEmpty()) return {};
  const QFileInfo info(trimmed);
  const QString suffix = info.suffix().toLower();
  if (suffix != QLatin1String("mrt") && suffix != QLatin1String("pcapng"))
    return QObject::tr("A recording is MRT (.mrt) or pcapng (.pcapng): end the name with one.");
  if (info.isDir()) return QObject::tr("%1 is a folder.").arg(trimmed);
  if (!info.absoluteDir().exists())
    return QObject::tr("The folder %1 does not exist.").arg(info.absolutePath());
  return {};
}

void make_hint(QLabel* label) {
  QPalette p = label->palette();
  p.setColor(QPalette::WindowText, QColor(0x5f, 0x63, 0x68));
  label->setPalette(p);
}

void fit_height(QWidget* window) {
  QLayout* layout = window->layout();
  if (!layout) return;
  layout->activate();
  const int need = layout->hasHeightForWidth() ? layout->totalHeightForWidth(window->width())
                                               : layout->totalSizeHint().height();
  if (need > window->height()) window->resize(window->width(), need);
}

QWidget* record_path_row(QLineEdit* edit, QWidget* parent) {
  auto* row = new QWidget(parent);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  edit->setPlaceholderText(QObject::tr("not recorded"));
  edit->setClearButtonEnabled(true);
  layout->addWidget(edit, 1);
  auto* browse = new QPushButton(QObject::tr("Browse…"), row);
  layout->addWidget(browse);
  QObject::connect(browse, &QPushButton::clicked, edit, [edit] {
    const QString path =
        QFileDialog::getSaveFileName(edit->window(), QObject::tr("Record to"), edit->text(),
                                     QObject::tr("MRT BGP4MP_ET (*.mrt);;pcapng (*.pcapng)"));
    if (!path.isEmpty()) edit->setText(path);
  });
  return row;
}

}  // namespace live_form

}  // namespace bgplens

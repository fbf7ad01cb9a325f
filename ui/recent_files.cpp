#include "recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace bgplens {
namespace {
const QString kKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), menu_(menu) {
  rebuild();
}

QStringList RecentFiles::files() const {
  return QSettings().value(kKey).toStringList();
}

void RecentFiles::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList list = files();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > kMax)
    list.removeLast();
  QSettings().setValue(kKey, list);
  rebuild();
}

void RecentFiles::rebuild() {
  menu_->clear();
  const QStringList list = files();
  for (int i = 0; i < list.size(); ++i) {
    const QString path = list[i];
    QAction* a = menu_->addAction(
        QStringLiteral("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName()));
    a->setToolTip(path);
    a->setStatusTip(path);
    connect(a, &QAction::triggered, this, [this, path] { emit open_requested(path); });
  }
  if (list.isEmpty()) {
    menu_->addAction(tr("(none)"))->setEnabled(false);
  } else {
    menu_->addSeparator();
    connect(menu_->addAction(tr("Clear")), &QAction::triggered, this, [this] {
      QSettings().remove(kKey);
      rebuild();
    });
  }
}

}  // namespace bgplens

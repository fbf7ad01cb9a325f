// The File → Open Recent menu, kept in QSettings.
#pragma once

#include <QMenu>
#include <QObject>
#include <QStringList>

namespace bgplens {

class RecentFiles : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMax = 10;
  explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);
  void add(const QString& path);
  QStringList files() const;

 signals:
  void open_requested(const QString& path);

 private:
  void rebuild();
  QMenu* menu_;
};

}  // namespace bgplens

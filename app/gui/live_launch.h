// The GUI's live options: start a live source at launch (--connect, --listen, --bmp), take a
// screenshot of it after a while (--live-screenshot), or measure what receiving a table costs
// (--measure-live: CPU time of the whole process, models and widgets included, per prefix).
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

namespace bgplens {

class MainWindow;

class LiveLaunch {
 public:
  LiveLaunch();
  void add_options(QCommandLineParser& parser) const;
  // Whether the command line asks for a live source.
  bool requested(const QCommandLineParser& parser) const;
  // Starts it in `window`, and arranges the screenshot or the measurement. Empty, or why it
  // could not start (a usage error or the source's own error).
  QString start(const QCommandLineParser& parser, MainWindow& window) const;

 private:
  QCommandLineOption connect_;
  QCommandLineOption listen_;
  QCommandLineOption bmp_;
  QCommandLineOption speaker_;
  QCommandLineOption md5_;
  QCommandLineOption record_;
  QCommandLineOption screenshot_;
  QCommandLineOption measure_;
  QCommandLineOption measure_timeout_;
};

}  // namespace bgplens

// bgplens: the GUI. `bgplens [FILE]` opens FILE, or the bundled sample capture.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include "main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("BGP Lens"));
  QApplication::setOrganizationName(QStringLiteral("BGPLens"));
  QApplication::setApplicationVersion(QStringLiteral(BGPLENS_VERSION));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bgplens.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Inspect BGP in pcap/pcapng captures."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("file"),
                               QStringLiteral("Capture to open (default: the sample)."));
  QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QStringLiteral("Load, select message N, save a screenshot to PATH and quit."),
      QStringLiteral("N:PATH"));
  parser.addOption(screenshot);
  QCommandLineOption field(
      QStringLiteral("select-field"),
      QStringLiteral("With --screenshot: select this field (filter key) first."),
      QStringLiteral("KEY"));
  parser.addOption(field);
  parser.process(app);

  bgplens::MainWindow window;
  window.show();
  const QStringList files = parser.positionalArguments();
  if (files.isEmpty()) {
    window.open_sample();
  } else {
    window.open_file(files.first());
  }
  if (parser.isSet(screenshot)) {
    // Scripted screenshots for the README and for reviewing the GUI without a display.
    const QString spec = parser.value(screenshot);
    const qint64 row = spec.section(QLatin1Char(':'), 0, 0).toLongLong();
    const QString path = spec.section(QLatin1Char(':'), 1);
    const QString key = parser.value(field);
    QObject::connect(window.loader(), &bgplens::CaptureLoader::finished, &window,
                     [&window, row, path, key] {
                       window.select_row(row);
                       if (!key.isEmpty()) window.select_field_by_key(key);
                       QTimer::singleShot(400, &window, [&window, path] {
                         window.grab().save(path);
                         QApplication::quit();
                       });
                     });
  }
  return app.exec();
}

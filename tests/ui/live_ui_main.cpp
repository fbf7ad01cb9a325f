// The live UI tests' executable: each test class in turn (Qt Test runs one class per
// qExec; one QTEST_MAIN per executable would not allow two files).
#include <QApplication>

#include "live_ui_test_support.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  int failed = run_live_dialogs_tests(argc, argv);
  failed += run_live_status_bar_tests(argc, argv);
  return failed;
}

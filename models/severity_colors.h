// The colours every view uses for problems, so a red row, a red tree node and hatched red
// bytes all mean the same thing.
#pragma once

#include <QColor>

#include "tree/field_tree.h"

namespace bgplens {

inline QColor severity_color(Severity s) {
  switch (s) {
    case Severity::Error:
      return QColor(190, 20, 20);
    case Severity::Warning:
      return QColor(170, 100, 0);
    case Severity::Note:
      return QColor(40, 90, 170);
    case Severity::None:
      break;
  }
  return QColor(0, 0, 0);
}

inline QColor severity_tint(Severity s) {
  switch (s) {
    case Severity::Error:
      return QColor(255, 225, 225);
    case Severity::Warning:
      return QColor(255, 240, 205);
    case Severity::Note:
      return QColor(228, 238, 255);
    case Severity::None:
      break;
  }
  return QColor(255, 255, 255);
}

}  // namespace bgplens

// The address families a live session offers, as a checkable list: one row per family the
// decoder supports (its command-line name and IANA description), a column to offer it in the
// OPEN (Multiprotocol, RFC 4760 §8) and a column to ask for ADD-PATH receive on it (RFC 7911 §4).
#pragma once

#include <QWidget>
#include <vector>

#include "bgp/family.h"

class QTreeWidget;
class QTreeWidgetItem;

namespace bgplens {

class FamilyChoice : public QWidget {
  Q_OBJECT

 public:
  enum Column { NameColumn = 0, OfferColumn = 1, AddPathColumn = 2 };

  explicit FamilyChoice(QWidget* parent = nullptr);

  // Every family the decoder has an NLRI decoder for, in the decoder's table order.
  static std::vector<Family> supported();

  // Checks exactly these (families the decoder does not know are ignored).
  void set_families(const std::vector<Family>& offered, const std::vector<Family>& add_path);
  // The checked families, in table order.
  std::vector<Family> offered() const;
  std::vector<Family> add_path_receive() const;

  // For tests and the dialog's error marking: the list itself, and the row of `f` (-1 if none).
  QTreeWidget* tree() const { return tree_; }
  int row_of(Family f) const;

 signals:
  void changed();

 private:
  std::vector<Family> checked(int column) const;

  QTreeWidget* tree_;
  std::vector<Family> families_;  // one per row
};

}  // namespace bgplens

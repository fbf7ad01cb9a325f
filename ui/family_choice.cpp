#include "family_choice.h"

#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "bgp/names/names.h"
#include "bgp/nlri/family_table.h"

namespace bgplens {

namespace {

bool contains(const std::vector<Family>& list, Family f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

}  // namespace

std::vector<Family> FamilyChoice::supported() {
  std::vector<Family> all;
  for (auto group : {prefix_families(), labeled_families(), flowspec_families(), evpn_families(),
                     bgpls_families()}) {
    for (const FamilySpec& spec : group)
      all.push_back(spec.family);
  }
  return all;
}

FamilyChoice::FamilyChoice(QWidget* parent) : QWidget(parent), families_(supported()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  tree_ = new QTreeWidget(this);
  tree_->setRootIsDecorated(false);
  tree_->setUniformRowHeights(true);
  tree_->setHeaderLabels({tr("Family"), tr("Offer"), tr("ADD-PATH receive")});
  tree_->header()->setStretchLastSection(false);
  tree_->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
  tree_->header()->setSectionResizeMode(OfferColumn, QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(AddPathColumn, QHeaderView::ResizeToContents);
  for (const Family f : families_) {
    auto* item = new QTreeWidgetItem(tree_);
    item->setText(NameColumn, QString::fromStdString(family_name(f)));
    item->setToolTip(NameColumn, QString::fromStdString(names::family(f)));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(OfferColumn, Qt::Unchecked);
    item->setCheckState(AddPathColumn, Qt::Unchecked);
    item->setToolTip(
        OfferColumn,
        tr("Offer %1 in the OPEN (Multiprotocol, RFC 4760)").arg(item->text(NameColumn)));
    item->setToolTip(AddPathColumn, tr("Ask to receive several paths per prefix for %1 "
                                       "(ADD-PATH, RFC 7911); the family must be offered too")
                                        .arg(item->text(NameColumn)));
  }
  connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
    if (column == OfferColumn || column == AddPathColumn) emit changed();
  });
  layout->addWidget(tree_);
}

void FamilyChoice::set_families(const std::vector<Family>& offered,
                                const std::vector<Family>& add_path) {
  const QSignalBlocker block(tree_);
  for (int row = 0; row < static_cast<int>(families_.size()); ++row) {
    QTreeWidgetItem* item = tree_->topLevelItem(row);
    const Family f = families_[static_cast<std::size_t>(row)];
    item->setCheckState(OfferColumn, contains(offered, f) ? Qt::Checked : Qt::Unchecked);
    item->setCheckState(AddPathColumn, contains(add_path, f) ? Qt::Checked : Qt::Unchecked);
  }
  emit changed();
}

std::vector<Family> FamilyChoice::checked(int column) const {
  std::vector<Family> out;
  for (int row = 0; row < static_cast<int>(families_.size()); ++row) {
    if (tree_->topLevelItem(row)->checkState(column) == Qt::Checked)
      out.push_back(families_[static_cast<std::size_t>(row)]);
  }
  return out;
}

std::vector<Family> FamilyChoice::offered() const {
  return checked(OfferColumn);
}
std::vector<Family> FamilyChoice::add_path_receive() const {
  return checked(AddPathColumn);
}

int FamilyChoice::row_of(Family f) const {
  const auto it = std::find(families_.begin(), families_.end(), f);
  return it == families_.end() ? -1 : static_cast<int>(it - families_.begin());
}

}  // namespace bgplens

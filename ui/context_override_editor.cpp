#include "context_override_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

#include "bgp/nlri/family_table.h"

namespace bgplens {
namespace {

// "1/1, ipv6-unicast" → families; false (and the bad item in `bad`) when one does not parse.
bool parse_families(const QString& text, std::vector<Family>& out, QString& bad) {
  for (const QString& item :
       text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
    const auto f = parse_family(item.toStdString());
    if (!f) {
      bad = item;
      return false;
    }
    out.push_back(*f);
  }
  return true;
}

QString families_text(const std::vector<Family>& families) {
  QStringList parts;
  for (const Family& f : families)
    parts << QString::fromStdString(family_name(f));
  return parts.join(QStringLiteral(", "));
}

QComboBox* tri_state(QWidget* parent, const QString& on, const QString& off) {
  auto* box = new QComboBox(parent);
  box->addItem(QObject::tr("as the OPENs say (or guessed)"));
  box->addItem(on);
  box->addItem(off);
  return box;
}

}  // namespace

ContextOverrideEditor::ContextOverrideEditor(QWidget* parent) : QWidget(parent) {
  auto* form = new QFormLayout(this);
  as4_ = tri_state(this, tr("4-octet (RFC 6793)"), tr("2-octet"));
  form->addRow(tr("AS numbers:"), as4_);
  extended_message_ = tri_state(this, tr("up to 65535 bytes (RFC 8654)"), tr("up to 4096 bytes"));
  form->addRow(tr("Message size:"), extended_message_);
  add_path_on_ = new QCheckBox(tr("force:"), this);
  add_path_ = new QLineEdit(this);
  add_path_->setPlaceholderText(
      tr("families with path identifiers, e.g. 1/1, ipv6-unicast (empty: none)"));
  auto* add_path_row = new QHBoxLayout;
  add_path_row->addWidget(add_path_on_);
  add_path_row->addWidget(add_path_, 1);
  form->addRow(tr("ADD-PATH (RFC 7911):"), add_path_row);
  next_hop_on_ = new QCheckBox(tr("force:"), this);
  next_hop_ = new QLineEdit(this);
  next_hop_->setPlaceholderText(tr("IPv4 families with IPv6 next hops, e.g. 1/1"));
  auto* next_hop_row = new QHBoxLayout;
  next_hop_row->addWidget(next_hop_on_);
  next_hop_row->addWidget(next_hop_, 1);
  form->addRow(tr("Extended next hop (RFC 8950):"), next_hop_row);
  problem_ = new QLabel(this);
  problem_->setStyleSheet(QStringLiteral("color: #b71c1c"));
  form->addRow(problem_);
  add_path_->setEnabled(false);
  next_hop_->setEnabled(false);
  connect(add_path_on_, &QCheckBox::toggled, add_path_, &QLineEdit::setEnabled);
  connect(next_hop_on_, &QCheckBox::toggled, next_hop_, &QLineEdit::setEnabled);
  for (QComboBox* box : {as4_, extended_message_}) {
    connect(box, &QComboBox::currentIndexChanged, this, &ContextOverrideEditor::changed);
  }
  for (QCheckBox* box : {add_path_on_, next_hop_on_})
    connect(box, &QCheckBox::toggled, this, &ContextOverrideEditor::changed);
  for (QLineEdit* edit : {add_path_, next_hop_}) {
    connect(edit, &QLineEdit::textChanged, this, [this] {
      value();
      problem_->setText(error_);
      emit changed();
    });
  }
}

void ContextOverrideEditor::set_value(const ContextOverride& v) {
  as4_->setCurrentIndex(v.as4 ? (*v.as4 ? 1 : 2) : 0);
  extended_message_->setCurrentIndex(v.extended_message ? (*v.extended_message ? 1 : 2) : 0);
  add_path_on_->setChecked(v.add_path.has_value());
  add_path_->setText(v.add_path ? families_text(*v.add_path) : QString());
  next_hop_on_->setChecked(v.extended_next_hop.has_value());
  std::vector<Family> hops;
  if (v.extended_next_hop) {
    for (const ExtendedNextHopOffer& e : *v.extended_next_hop)
      hops.push_back(e.nlri);
  }
  next_hop_->setText(families_text(hops));
}

std::optional<ContextOverride> ContextOverrideEditor::value() const {
  ContextOverride v;
  error_.clear();
  if (as4_->currentIndex() > 0) v.as4 = as4_->currentIndex() == 1;
  if (extended_message_->currentIndex() > 0)
    v.extended_message = extended_message_->currentIndex() == 1;
  QString bad;
  if (add_path_on_->isChecked()) {
    std::vector<Family> families;
    if (!parse_families(add_path_->text(), families, bad)) {
      error_ = tr("'%1' is not a family (AFI/SAFI such as 1/1, or a name such as ipv4-unicast)")
                   .arg(bad);
      return std::nullopt;
    }
    v.add_path = std::move(families);
  }
  if (next_hop_on_->isChecked()) {
    std::vector<Family> families;
    if (!parse_families(next_hop_->text(), families, bad)) {
      error_ = tr("'%1' is not a family (AFI/SAFI such as 1/1, or a name such as ipv4-unicast)")
                   .arg(bad);
      return std::nullopt;
    }
    std::vector<ExtendedNextHopOffer> hops;
    for (const Family& f : families)
      hops.push_back({f, static_cast<std::uint16_t>(f.afi == 2 ? 1 : 2)});
    v.extended_next_hop = std::move(hops);
  }
  return v;
}

}  // namespace bgplens

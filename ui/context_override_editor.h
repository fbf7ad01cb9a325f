// Edits the decoding settings a user can force: AS number size, ADD-PATH families, extended
// messages, extended next hop families (what bgplens-cli takes as --as4, --addpath,
// --extended-message, --extended-nexthop).
#pragma once

#include <QWidget>

#include "bgp/peer_context.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QCheckBox;

namespace bgplens {

class ContextOverrideEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ContextOverrideEditor(QWidget* parent = nullptr);

  void set_value(const ContextOverride& value);
  // The settings, or nullopt (with error() saying why) when a family list does not parse.
  std::optional<ContextOverride> value() const;
  QString error() const { return error_; }

  // For tests: the widgets.
  QComboBox* as4_box() const { return as4_; }
  QCheckBox* add_path_check() const { return add_path_on_; }
  QLineEdit* add_path_edit() const { return add_path_; }

 signals:
  void changed();

 private:
  QComboBox* as4_;
  QComboBox* extended_message_;
  QCheckBox* add_path_on_;
  QLineEdit* add_path_;
  QCheckBox* next_hop_on_;
  QLineEdit* next_hop_;
  QLabel* problem_;
  mutable QString error_;
};

}  // namespace bgplens

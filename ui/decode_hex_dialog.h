// Decode hex…: paste a raw BGP message (marker included) and see its tree and bytes in the main
// window, decoded with the settings chosen here.
#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace bgplens {

class ContextOverrideEditor;
class MessageDetail;

class DecodeHexDialog : public QDialog {
  Q_OBJECT

 public:
  DecodeHexDialog(MessageDetail* detail, QWidget* parent = nullptr);

  QPlainTextEdit* hex_edit() const { return hex_; }
  ContextOverrideEditor* context_editor() const { return context_; }
  // Decodes the text now; false (with the reason shown) when it is not a message in hex.
  bool decode();

 private:
  MessageDetail* detail_;
  QPlainTextEdit* hex_;
  ContextOverrideEditor* context_;
  QLabel* status_;
};

}  // namespace bgplens

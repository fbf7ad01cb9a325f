// Session → Decoding Context…: what the session's OPENs negotiated (or what was guessed, and
// why), and the user's settings that override it for every message of the session.
#pragma once

#include <QDialog>

#include "message_store.h"

namespace bgplens {

class ContextOverrideEditor;

class SessionContextDialog : public QDialog {
  Q_OBJECT

 public:
  // For the session of the message in `row`.
  SessionContextDialog(MessageStore* store, std::size_t row, QWidget* parent = nullptr);

  ContextOverrideEditor* editor() const { return editor_; }
  // Stores the editor's settings for the session; false when they do not parse.
  bool apply();

 private:
  MessageStore* store_;
  std::uint32_t session_ = 0;
  ContextOverrideEditor* editor_;
};

}  // namespace bgplens

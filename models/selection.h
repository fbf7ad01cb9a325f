// The one selection all views share: which message, which field of it, which bytes, and the
// byte range under the mouse. Views set it and follow it; none keeps a selection of its own.
#pragma once

#include <QObject>

#include "message_detail.h"

namespace bgplens {

class Selection : public QObject {
  Q_OBJECT

 public:
  explicit Selection(MessageDetail* detail, QObject* parent = nullptr);

  qint64 message() const { return detail_->row(); }
  // The selected field node (0 = none) and its bytes.
  std::uint32_t field() const { return field_; }
  ByteRange range() const { return range_; }
  ByteRange hover() const { return hover_; }

  void select_message(qint64 row);
  void select_field(std::uint32_t node);
  // Selects the deepest field containing byte `offset` of the message.
  void select_byte(std::uint32_t offset);
  void set_hover(ByteRange range);

 signals:
  void message_changed(qint64 row);
  void field_changed(std::uint32_t node, bgplens::ByteRange range);
  void hover_changed(bgplens::ByteRange range);

 private:
  MessageDetail* detail_;
  std::uint32_t field_ = 0;
  ByteRange range_;
  ByteRange hover_;
};

}  // namespace bgplens

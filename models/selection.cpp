#include "selection.h"

namespace bgplens {

Selection::Selection(MessageDetail* detail, QObject* parent) : QObject(parent), detail_(detail) {
  connect(detail_, &MessageDetail::changed, this, [this] {
    field_ = 0;
    range_ = {};
    hover_ = {};
    emit message_changed(detail_->row());
    emit field_changed(0, range_);
  });
}

void Selection::select_message(qint64 row) {
  if (row == detail_->row() && !detail_->empty()) return;
  detail_->show(row);  // emits changed → message_changed
}

void Selection::select_field(std::uint32_t node) {
  const ByteRange r = detail_->range_of(node);
  if (node == field_ && r == range_) return;
  field_ = node;
  range_ = r;
  emit field_changed(field_, range_);
}

void Selection::select_byte(std::uint32_t offset) {
  if (const auto node = detail_->field_at(offset)) select_field(*node);
}

void Selection::set_hover(ByteRange range) {
  if (range == hover_) return;
  hover_ = range;
  emit hover_changed(hover_);
}

}  // namespace bgplens

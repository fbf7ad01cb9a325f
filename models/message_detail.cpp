#include "message_detail.h"

#include "bgp/message_decoder.h"

namespace bgplens {

MessageDetail::MessageDetail(MessageStore* store, QObject* parent)
    : QObject(parent), store_(store) {
  connect(store_, &MessageStore::aboutToReset, this, [this] { show(-1); });
  // New decoding settings: decode the shown message again.
  connect(store_, &MessageStore::decoding_changed, this, [this] {
    if (row_ >= 0) show(row_);
  });
}

void MessageDetail::show(qint64 row) {
  row_ = row;
  own_bytes_.clear();
  if (row < 0 || static_cast<std::size_t>(row) >= store_->size()) {
    row_ = -1;
    decoded_.reset();
    keep_alive_.reset();
    bytes_ = {};
  } else {
    keep_alive_ = store_->bytes();
    bytes_ = store_->message_bytes(static_cast<std::size_t>(row));
    decoded_ = std::make_shared<DecodedMessage>(
        store_->decode(static_cast<std::size_t>(row), Depth::Tree));
  }
  emit changed();
}

void MessageDetail::show_bytes(std::vector<std::uint8_t> bytes, const PeerContext& context) {
  row_ = -1;
  keep_alive_.reset();
  own_bytes_ = std::move(bytes);
  bytes_ = own_bytes_;
  decoded_ = std::make_shared<DecodedMessage>(decode_message(bytes_, context, Depth::Tree));
  emit changed();
}

ByteRange MessageDetail::range_of(std::uint32_t node) const {
  const FieldTree* t = tree();
  if (!t || node == 0 || node >= t->size()) return {};
  return {t->node(node).offset, t->node(node).length};
}

std::optional<std::uint32_t> MessageDetail::field_at(std::uint32_t offset) const {
  const FieldTree* t = tree();
  return t ? t->deepest_at(offset) : std::nullopt;
}

}  // namespace bgplens

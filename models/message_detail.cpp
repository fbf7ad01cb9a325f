#include "message_detail.h"

#include "bgp/message_decoder.h"

namespace bgplens {
namespace {

std::string_view message_name(const MessageRecord& r) {
  switch (r.kind) {
    case FramedKind::Bmp:
      return "BMP message";
    case FramedKind::Unparsed:
      return "unparsed stream bytes";
    default:
      return "BGP message";
  }
}

}  // namespace

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
    nested_ = {};
  } else {
    const auto index = static_cast<std::size_t>(row);
    keep_alive_ = store_->bytes();
    bytes_ = store_->message_bytes(index);
    decoded_ = std::make_shared<DecodedMessage>(store_->decode(index, Depth::Tree));
    const MessageRecord& r = store_->record(index);
    std::vector<FrameSlice> slices;
    if (!bytes_.empty()) slices = frames_of(*keep_alive_, r.address, r.length);
    nested_ = nest_in_frames(decoded_->tree, bytes_, message_name(r), slices);
  }
  emit changed();
}

void MessageDetail::show_bytes(std::vector<std::uint8_t> bytes, const PeerContext& context) {
  row_ = -1;
  keep_alive_.reset();
  own_bytes_ = std::move(bytes);
  bytes_ = own_bytes_;
  decoded_ = std::make_shared<DecodedMessage>(decode_message(bytes_, context, Depth::Tree));
  nested_ = nest_in_frames(decoded_->tree, bytes_, "BGP message", {});
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

namespace bgplens {

std::size_t MessageDetail::source_at(std::uint32_t offset) const {
  for (std::size_t i = 0; i < nested_.sources.size(); ++i) {
    const ByteSource& s = nested_.sources[i];
    if (offset >= s.base && offset - s.base < s.bytes.size()) return i;
  }
  return 0;
}

}  // namespace bgplens

#include "message_detail.h"

#include "bgp/message_decoder.h"
#include "util/text.h"

namespace bgplens {
namespace {

std::string_view message_name(const MessageRecord& r) {
  switch (r.kind) {
    case FramedKind::Bmp:
      return "BMP message";
    case FramedKind::Unparsed:
      return "unparsed stream bytes";
    case FramedKind::Mrt:
      return "MRT record";
    case FramedKind::MrtDamage:
      return "damaged MRT bytes";
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
    const MessageRecord r = store_->record(index);
    std::vector<FrameSlice> slices;
    if (!bytes_.empty()) slices = frames_of(*keep_alive_, r.address, r.length);
    const std::optional<EnclosingMessage> bmp = enclosing_bmp(index);
    nested_ =
        nest_in_frames(decoded_->tree, bytes_, message_name(r), slices, bmp ? &*bmp : nullptr);
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

std::optional<EnclosingMessage> MessageDetail::enclosing_bmp(std::size_t row) const {
  const MessageRecord r = store_->record(row);
  if (!(r.flags & framed_flag::kViaBmp)) return std::nullopt;
  // The BMP message's row comes before the rows of the BGP messages inside it, and a BMP
  // message holds a bounded number of them (Route Monitoring: one; Peer Up: two OPENs).
  constexpr std::size_t kLookBack = 8;
  for (std::size_t back = 1; back <= kLookBack && back <= row; ++back) {
    const MessageRecord b = store_->record(row - back);
    if (b.kind != FramedKind::Bmp || b.address > r.address ||
        r.address + r.length > b.address + b.length)
      continue;
    const DecodedMessage d = store_->decode(row - back, Depth::Summary);
    const auto at = static_cast<std::uint32_t>(r.address - b.address);
    return EnclosingMessage{text::cat("BMP message (", text::byte_count(b.length), ")"),
                            text::cat(d.row_summary, "; row ", std::to_string(row - back),
                                      ", its bytes ", std::to_string(at), "–",
                                      std::to_string(at + r.length - 1), " are this BGP message"),
                            store_->message_bytes(row - back), at};
  }
  return std::nullopt;
}

std::size_t MessageDetail::source_at(std::uint32_t offset) const {
  for (std::size_t i = 0; i < nested_.sources.size(); ++i) {
    const ByteSource& s = nested_.sources[i];
    if (offset >= s.base && offset - s.base < s.bytes.size()) return i;
  }
  return 0;
}

}  // namespace bgplens

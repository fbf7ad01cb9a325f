// The selected message, decoded in full: its bytes and its field tree, with the frames that
// carried it ahead of the message's own nodes. Built on demand when the selection changes; only
// one exists at a time.
//
// Offsets: the tree's byte offsets count from the message's first byte; each frame occupies its
// own range after the message (see ByteSource), so one number names any byte of the message or
// of its frames.
#pragma once

#include <QObject>
#include <memory>
#include <optional>

#include "bgp/decoded_message.h"
#include "index/message_frames.h"
#include "message_store.h"

namespace bgplens {

struct ByteRange {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  bool empty() const { return length == 0; }
  bool contains(std::uint32_t at) const { return at >= offset && at - offset < length; }
  bool operator==(const ByteRange&) const = default;
};

class MessageDetail : public QObject {
  Q_OBJECT

 public:
  explicit MessageDetail(MessageStore* store, QObject* parent = nullptr);

  // Decodes `row` (or clears with -1).
  void show(qint64 row);
  // Shows a message that is not in the store (Decode hex…): the detail keeps the bytes.
  void show_bytes(std::vector<std::uint8_t> bytes, const PeerContext& context);
  qint64 row() const { return row_; }
  bool empty() const { return !decoded_; }
  const DecodedMessage* decoded() const { return decoded_.get(); }
  const FieldTree* tree() const { return decoded_ ? &nested_.tree : nullptr; }
  // The message's bytes (source 0).
  Bytes bytes() const { return bytes_; }
  // The message, then each frame that carried it.
  const std::vector<ByteSource>& sources() const { return nested_.sources; }
  // The source holding byte `offset`; 0 when none does.
  std::size_t source_at(std::uint32_t offset) const;

  ByteRange range_of(std::uint32_t node) const;
  // The deepest field at byte `offset`, if any.
  std::optional<std::uint32_t> field_at(std::uint32_t offset) const;

 signals:
  void changed();

 private:
  // The BMP message that carries the BGP message of `row`, if it has one.
  std::optional<EnclosingMessage> enclosing_bmp(std::size_t row) const;

  MessageStore* store_;
  qint64 row_ = -1;
  std::shared_ptr<const DecodedMessage> decoded_;
  NestedMessage nested_;
  std::shared_ptr<const ByteStore> keep_alive_;  // the bytes_ view points into it
  std::vector<std::uint8_t> own_bytes_;          // for show_bytes()
  Bytes bytes_;
};

}  // namespace bgplens

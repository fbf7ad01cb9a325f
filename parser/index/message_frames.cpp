#include "index/message_frames.h"

#include "capture/frame_locator.h"
#include "capture/frame_tree.h"
#include "util/text.h"

namespace bgplens {

std::vector<FrameSlice> frames_of(const ByteStore& store, ByteAddress address,
                                  std::uint32_t length) {
  std::vector<FrameSlice> slices;
  std::uint32_t message_offset = 0;
  for (SourcePiece piece : store.sources().resolve(address, length)) {
    // A piece may run across frames only if it was merged across adjacent copies; take each
    // frame's share in turn.
    while (piece.length > 0) {
      std::optional<Packet> frame;
      if (piece.address != kMadeHere) frame = find_frame_holding(store, piece.address);
      if (!frame) {
        message_offset += piece.length;
        break;
      }
      const auto frame_offset = static_cast<std::uint32_t>(piece.address - frame->address);
      const auto take = static_cast<std::uint32_t>(
          std::min<std::uint64_t>(piece.length, frame->data.size() - frame_offset));
      const bool continues = !slices.empty() && slices.back().packet.frame == frame->frame &&
                             slices.back().frame_offset + slices.back().length == frame_offset &&
                             slices.back().message_offset + slices.back().length == message_offset;
      if (continues)
        slices.back().length += take;
      else
        slices.push_back(FrameSlice{*frame, frame_offset, message_offset, take});
      piece.address += take;
      piece.length -= take;
      message_offset += take;
    }
  }
  return slices;
}

NestedMessage nest_in_frames(const FieldTree& message_tree, Bytes message,
                             std::string_view message_name, const std::vector<FrameSlice>& slices,
                             const EnclosingMessage* enclosing) {
  NestedMessage out;
  const auto length = static_cast<std::uint32_t>(message.size());
  std::string label(message_name);
  if (slices.size() > 1)
    label = text::cat(label, ", reassembled from ", std::to_string(slices.size()), " frames");
  out.sources.push_back(ByteSource{
      text::cat(label, " (", text::byte_count(length), ")"), 0, message, 0, {{0, 0, length}}});
  // Offsets: the message, then the enclosing message, then each frame, each in its own range;
  // the sources (hex view tabs) go from the innermost out. The tree's top level goes from the
  // outermost in: frames, the enclosing message, the message's own nodes.
  std::uint32_t base = length;
  std::uint32_t enclosing_base = 0;
  if (enclosing) {
    enclosing_base = base;
    out.sources.push_back(ByteSource{
        enclosing->label, base, enclosing->bytes, 0, {{enclosing->message_at, 0, length}}});
    base += static_cast<std::uint32_t>(enclosing->bytes.size());
  }
  FieldTreeBuilder b(length);
  for (const FrameSlice& s : slices) {
    b.set_base(base);
    add_frame_nodes(
        b, s.packet,
        FrameCarriage{s.frame_offset, s.message_offset, s.length, length, message_name});
    out.sources.push_back(ByteSource{text::cat("Frame ", std::to_string(s.packet.frame), " (",
                                               text::byte_count(s.packet.data.size()), ")"),
                                     base,
                                     s.packet.data,
                                     s.packet.frame,
                                     {{s.frame_offset, s.message_offset, s.length}}});
    base += static_cast<std::uint32_t>(s.packet.data.size());
  }
  if (enclosing) {
    b.set_base(enclosing_base);
    b.leaf(FieldId::BmpMessage, 0, static_cast<std::uint32_t>(enclosing->bytes.size()),
           enclosing->description);
  }
  b.set_base(0);
  b.graft(message_tree);
  out.tree = b.finish();
  return out;
}

}  // namespace bgplens

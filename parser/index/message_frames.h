// A message shown within the frames that carried it: nested byte ranges from the frame, through
// the reassembled stream (and the BMP message around a BGP message), to the message's fields.
//
// The frames are found from the store's SourceMap: the bytes of a copied message (one that
// spanned TCP segments, or lay in an IP datagram made whole from fragments) lead back to the
// segments they came from, and each base address to the frame that holds it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "buffer/byte_store.h"
#include "capture/packet.h"
#include "tree/field_tree.h"

namespace bgplens {

struct FrameSlice {
  Packet packet;
  std::uint32_t frame_offset = 0;  // where the bytes lie in the frame's captured bytes
  std::uint32_t message_offset = 0;
  std::uint32_t length = 0;
};

// The frames whose captured bytes hold [address, address + length) of the store, in message
// order. Bytes that came from no frame (a rebuilt IP header, bytes libpcap had to copy, bytes
// received live) have no slice.
std::vector<FrameSlice> frames_of(const ByteStore& store, ByteAddress address,
                                  std::uint32_t length);

// Message bytes that a byte source holds too: message bytes [message_offset, + length) are its
// bytes [local_offset, + length).
struct MirroredBytes {
  std::uint32_t local_offset = 0;
  std::uint32_t message_offset = 0;
  std::uint32_t length = 0;
};

// Bytes the hex view can show. A tree node's offset selects the source whose range
// [base, base + bytes.size()) holds it.
struct ByteSource {
  std::string label;
  std::uint32_t base = 0;
  Bytes bytes;
  std::uint64_t frame = 0;  // 0 for the message itself
  std::vector<MirroredBytes> mirrors;
};

struct NestedMessage {
  FieldTree tree;
  std::vector<ByteSource> sources;  // [0] is the message
};

// The message that carries this one (a BMP message around a BGP message, RFC 7854 §4.6).
struct EnclosingMessage {
  std::string label;        // "BMP message (120 bytes)"
  std::string description;  // the value of its node
  Bytes bytes;
  std::uint32_t message_at = 0;  // where the carried message starts in it
};

// The message's tree, with a collapsed "Frame N" node ahead of it for each frame that carried
// it, and one for the enclosing message if any. Source 0 is the message; the enclosing message
// and each frame are sources placed after it in offset space.
NestedMessage nest_in_frames(const FieldTree& message_tree, Bytes message,
                             std::string_view message_name, const std::vector<FrameSlice>& slices,
                             const EnclosingMessage* enclosing = nullptr);

}  // namespace bgplens

// The field nodes of one captured frame, for showing a message within the frame that carried
// it: what the capture file says about the frame, each header the frame decoder passed on the
// way to TCP (link layer, VLAN tags, MPLS labels, IPv4 or IPv6 with its extension headers, TCP
// with its options), and the payload with the part of it that belongs to the selected message.
//
// The layers come from decode_frame(), the same walk the indexer uses, so the tree cannot
// disagree with how the message was found. Offsets count from the frame's first captured byte;
// the builder's base puts them where the caller wants them.
#pragma once

#include <cstdint>
#include <string_view>

#include "capture/packet.h"
#include "tree/field_tree.h"

namespace bgplens {

struct FrameCarriage {
  // The part of the frame's captured bytes that holds message bytes, and which ones.
  std::uint32_t frame_offset = 0;
  std::uint32_t message_offset = 0;
  std::uint32_t length = 0;
  std::uint32_t message_length = 0;
  std::string_view message_name = "BGP message";
};

// Adds a "Frame N" node with everything below it to `b`; returns the node.
std::uint32_t add_frame_nodes(FieldTreeBuilder& b, const Packet& packet,
                              const FrameCarriage& carriage);

// "2016-05-24 05:02:43.908499 UTC" (nanoseconds when the capture has them).
std::string utc_text(std::int64_t time_ns);

}  // namespace bgplens

// In-order delivery of one direction of a TCP connection. Segments arrive as views into the
// ByteStore; out-of-order ones are held (as views, so holding costs no copy) until the hole
// before them fills. Retransmitted bytes are delivered once. A hole that never fills becomes a
// gap event, so the consumer can say "missing N bytes" and resynchronise. A retransmission
// whose bytes differ from the copy delivered first is a conflict event: the first copy stands.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "buffer/byte_store.h"

namespace bgplens {

struct StreamChunk {
  ByteAddress address = 0;
  Bytes bytes;
  std::int64_t time_ns = 0;
  std::uint64_t frame = 0;
};

enum class GapReason : std::uint8_t {
  Missing,    // segments absent from the capture
  Truncated,  // the capture cut the frame short (snaplen)
};

class StreamConsumer {
 public:
  virtual ~StreamConsumer() = default;
  virtual void on_data(const StreamChunk& chunk) = 0;
  virtual void on_gap(std::uint64_t missing, GapReason reason, std::int64_t time_ns,
                      std::uint64_t frame) = 0;
  // Stream bytes [offset, offset + length) came in two copies that differ where both were
  // captured; the copy delivered (or to be delivered) is the first one, and stands (RFC 9293
  // §3.10.7.4 leaves the choice to the receiver). Offsets count every byte of the stream from
  // the first one delivered, gaps included. The bytes were delivered already, or are the next
  // ones to be.
  virtual void on_conflict(std::uint64_t offset, std::uint64_t length, std::uint64_t frame) {
    (void)offset;
    (void)length;
    (void)frame;
  }
};

class StreamReassembler {
 public:
  // Segments held waiting for a hole to fill before the hole is given up on.
  static constexpr std::size_t kMaxHeld = 2048;
  // Segments of this direction that may pass while a hole waits for a retransmission.
  static constexpr std::uint32_t kMaxHoleAge = 64;
  // Chunks delivered most recently, remembered (as views) to compare retransmissions with.
  // A retransmission comes within a window of data; 64 chunks of a full MSS cover 92 KB.
  static constexpr std::size_t kRecentChunks = 64;

  // `captured` may be shorter than `wire_length` when the capture truncated the frame.
  void add(std::uint32_t seq, bool syn, ByteAddress address, Bytes captured,
           std::uint32_t wire_length, std::int64_t time_ns, std::uint64_t frame,
           StreamConsumer& consumer);
  // The peer acknowledged everything before `ack`: bytes held back by a hole below `ack` were
  // received by the peer, so the hole is bytes the capture missed. Give up on it now.
  void acknowledged(std::uint32_t ack, StreamConsumer& consumer);
  // Gives up a hole that has waited longer than the reordering window of capture time or
  // frames: a retransmission that late is not coming, and holding on would put messages out
  // of capture order.
  void expire(std::int64_t now_ns, std::uint64_t frame, StreamConsumer& consumer);
  bool holding() const { return !held_.empty(); }
  static constexpr std::int64_t kReorderWindowNs = 1'000'000'000;
  static constexpr std::uint64_t kReorderWindowFrames = 1024;
  // End of capture: deliver what is held, with gaps where holes remain.
  void finish(StreamConsumer& consumer);
  bool started() const { return started_; }
  std::uint64_t retransmitted_bytes() const { return retransmitted_; }

 private:
  struct Held {
    ByteAddress address;
    Bytes captured;
    std::uint32_t wire_length;
    std::int64_t time_ns;
    std::uint64_t frame;
    // Bytes [conflict_from, conflict_to) of this segment came again, held at the same offset,
    // with different content.
    std::uint32_t conflict_from = 0;
    std::uint32_t conflict_to = 0;
  };
  struct Delivered {
    std::uint64_t offset;  // in the stream
    Bytes bytes;
  };
  void hold(std::uint64_t offset, Held segment);
  void deliver(std::uint32_t seq, const Held& segment, StreamConsumer& consumer);
  // Compares bytes that start at stream offset `offset` (negative: before the stream began)
  // with the chunks delivered recently, and reports where they differ.
  void compare_with_delivered(std::int64_t offset, Bytes bytes, std::uint64_t frame,
                              StreamConsumer& consumer) const;
  void drain(StreamConsumer& consumer);
  void give_up_first_hole(StreamConsumer& consumer);

  bool started_ = false;
  // A SYN carried data: some capture generators number that data from the SYN's own sequence
  // number instead of the next one; the following segment tells which.
  bool syn_with_data_ = false;
  std::uint32_t next_ = 0;
  std::uint64_t retransmitted_ = 0;
  // Keyed by distance from next_ at insertion time would break on wrap; keyed by absolute
  // 64-bit stream offset instead.
  std::uint64_t base_offset_ = 0;  // stream offset of next_
  std::map<std::uint64_t, Held> held_;
  std::uint32_t hole_age_ = 0;
  std::int64_t hole_time_ = 0;  // when the first segment was held
  std::uint64_t hole_frame_ = 0;
  std::vector<Delivered> recent_;  // a ring of kRecentChunks, filled as data goes by
  std::size_t recent_next_ = 0;
};

}  // namespace bgplens

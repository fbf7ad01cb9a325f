// In-order delivery of one direction of a TCP connection. Segments arrive as views into the
// ByteStore; out-of-order ones are held (as views, so holding costs no copy) until the hole
// before them fills. Retransmitted bytes are delivered once. A hole that never fills becomes a
// gap event, so the consumer can say "missing N bytes" and resynchronise.
#pragma once

#include <cstdint>
#include <map>

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
};

class StreamReassembler {
 public:
  // Segments held waiting for a hole to fill before the hole is given up on.
  static constexpr std::size_t kMaxHeld = 2048;
  // Segments of this direction that may pass while a hole waits for a retransmission.
  static constexpr std::uint32_t kMaxHoleAge = 64;

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
  };
  void deliver(std::uint32_t seq, const Held& segment, StreamConsumer& consumer);
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
};

}  // namespace bgplens

#include "capture/stream_reassembler.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace bgplens {
namespace {

// Where two copies of the same bytes differ, among the bytes both captured: [first, last + 1).
std::optional<std::pair<std::uint32_t, std::uint32_t>> differing(Bytes a, Bytes b) {
  const std::size_t n = std::min(a.size(), b.size());
  const auto front =
      std::mismatch(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin());
  if (front.first == a.begin() + static_cast<std::ptrdiff_t>(n)) return std::nullopt;
  std::size_t last = n;
  while (last > 0 && a[last - 1] == b[last - 1])
    --last;
  return std::pair{static_cast<std::uint32_t>(front.first - a.begin()),
                   static_cast<std::uint32_t>(last)};
}

}  // namespace

void StreamReassembler::add(std::uint32_t seq, bool syn, ByteAddress address, Bytes captured,
                            std::uint32_t wire_length, std::int64_t time_ns, std::uint64_t frame,
                            StreamConsumer& consumer) {
  if (syn) {
    // The SYN occupies one sequence number; data starts after it (RFC 9293 §3.4).
    if (!started_) {
      started_ = true;
      next_ = seq + 1;
    }
    seq += 1;
    syn_with_data_ = wire_length > 0;
  } else if (syn_with_data_) {
    syn_with_data_ = false;
    if (static_cast<std::int32_t>(seq - next_) == -1 && held_.empty()) {
      // The data after a SYN-with-data continues one byte early: the generator did not count
      // the SYN. Follow its numbering rather than drop a byte as a retransmission.
      next_ -= 1;
    }
  }
  if (wire_length == 0) return;
  if (!started_) {
    // The capture began mid-connection: the first data seen defines the start.
    started_ = true;
    next_ = seq;
  }
  const auto diff = static_cast<std::int32_t>(seq - next_);
  const std::int64_t offset = static_cast<std::int64_t>(base_offset_) + diff;
  // Wholly from before the start of what we track. A segment that begins earlier but reaches
  // into the stream is delivered below, its tail only.
  if (offset + static_cast<std::int64_t>(wire_length) <= 0) return;
  const Held segment{address, captured, wire_length, time_ns, frame};
  if (diff <= 0) {
    deliver(seq, segment, consumer);
    drain(consumer);
    if (held_.empty()) hole_age_ = 0;
    return;
  }
  if (held_.empty()) {
    hole_time_ = time_ns;
    hole_frame_ = frame;
  }
  hold(static_cast<std::uint64_t>(offset), segment);
  if (held_.size() > kMaxHeld || ++hole_age_ > kMaxHoleAge) give_up_first_hole(consumer);
}

void StreamReassembler::hold(std::uint64_t offset, Held segment) {
  for (;;) {
    auto [it, inserted] = held_.emplace(offset, segment);
    if (inserted) return;
    // Two copies that start at the same byte: the first one held wins. Where they differ is
    // reported when the first is delivered.
    Held& first = it->second;
    if (const auto diff = differing(first.captured, segment.captured)) {
      const bool had = first.conflict_to > first.conflict_from;
      first.conflict_from = had ? std::min(first.conflict_from, diff->first) : diff->first;
      first.conflict_to = had ? std::max(first.conflict_to, diff->second) : diff->second;
    } else if (segment.captured.size() > first.captured.size() &&
               first.captured.size() < first.wire_length) {
      // The same bytes, and the later copy holds more of them than the capture kept of the
      // first: use it for the bytes the first lacks.
      first.address = segment.address;
      first.captured =
          segment.captured.first(std::min<std::size_t>(segment.captured.size(), first.wire_length));
    }
    if (segment.wire_length <= first.wire_length) return;
    // The later copy is longer: its tail is new, and is held after the first.
    const std::uint32_t skip = first.wire_length;
    segment.address += skip;
    segment.captured =
        segment.captured.subspan(std::min<std::size_t>(skip, segment.captured.size()));
    segment.wire_length -= skip;
    segment.conflict_from = segment.conflict_to = 0;
    offset += skip;
  }
}

void StreamReassembler::compare_with_delivered(std::int64_t offset, Bytes bytes,
                                               std::uint64_t frame,
                                               StreamConsumer& consumer) const {
  std::uint64_t lo = UINT64_MAX;
  std::uint64_t hi = 0;
  const std::int64_t end = offset + static_cast<std::int64_t>(bytes.size());
  for (const Delivered& d : recent_) {
    const auto d_begin = static_cast<std::int64_t>(d.offset);
    const std::int64_t from = std::max(offset, d_begin);
    const std::int64_t to = std::min(end, d_begin + static_cast<std::int64_t>(d.bytes.size()));
    if (from >= to) continue;
    const auto diff = differing(bytes.subspan(static_cast<std::size_t>(from - offset)),
                                d.bytes.subspan(static_cast<std::size_t>(from - d_begin),
                                                static_cast<std::size_t>(to - from)));
    if (!diff) continue;
    lo = std::min(lo, static_cast<std::uint64_t>(from) + diff->first);
    hi = std::max(hi, static_cast<std::uint64_t>(from) + diff->second);
  }
  if (hi > lo) consumer.on_conflict(lo, hi - lo, frame);
}

void StreamReassembler::deliver(std::uint32_t seq, const Held& s, StreamConsumer& consumer) {
  // Bytes before next_ were delivered already (a retransmission or an overlap): the first copy
  // wins and only the new tail goes on. Where the copies differ, the consumer is told.
  const auto behind = static_cast<std::int64_t>(static_cast<std::int32_t>(next_ - seq));
  const std::int64_t start = static_cast<std::int64_t>(base_offset_) - behind;
  if (behind > 0) {
    const std::size_t overlap =
        static_cast<std::size_t>(std::min<std::int64_t>(behind, s.wire_length));
    compare_with_delivered(start, s.captured.first(std::min(overlap, s.captured.size())), s.frame,
                           consumer);
  }
  if (behind >= s.wire_length) {
    retransmitted_ += s.wire_length;
    return;
  }
  const auto skip = static_cast<std::uint32_t>(std::max<std::int64_t>(behind, 0));
  retransmitted_ += skip;
  const std::uint32_t wire = s.wire_length - skip;
  if (s.conflict_to > std::max(s.conflict_from, skip)) {
    // A copy held at the same offset differed from this one (see hold()); told before the
    // bytes go on, so that the consumer can mark the row they land in.
    const std::uint32_t from = std::max(s.conflict_from, skip);
    consumer.on_conflict(static_cast<std::uint64_t>(start + from), s.conflict_to - from, s.frame);
  }
  if (skip < s.captured.size()) {
    const Bytes fresh = s.captured.subspan(skip);
    consumer.on_data(StreamChunk{s.address + skip, fresh, s.time_ns, s.frame});
    const Delivered d{base_offset_, fresh};
    if (recent_.size() < kRecentChunks) {
      recent_.push_back(d);
    } else {
      recent_[recent_next_] = d;
      recent_next_ = (recent_next_ + 1) % kRecentChunks;
    }
  }
  const std::uint32_t present =
      skip < s.captured.size() ? static_cast<std::uint32_t>(s.captured.size() - skip) : 0;
  if (present < wire) consumer.on_gap(wire - present, GapReason::Truncated, s.time_ns, s.frame);
  next_ += wire;
  base_offset_ += wire;
}

void StreamReassembler::drain(StreamConsumer& consumer) {
  while (!held_.empty()) {
    auto it = held_.begin();
    if (it->first > base_offset_) return;
    const std::uint64_t offset = it->first;
    const Held s = it->second;
    held_.erase(it);
    const std::uint32_t seq = next_ - static_cast<std::uint32_t>(base_offset_ - offset);
    deliver(seq, s, consumer);
  }
}

void StreamReassembler::expire(std::int64_t now_ns, std::uint64_t frame, StreamConsumer& consumer) {
  while (!held_.empty() &&
         (now_ns - hole_time_ > kReorderWindowNs || frame - hole_frame_ > kReorderWindowFrames)) {
    give_up_first_hole(consumer);
    if (!held_.empty()) {
      // The next hole starts waiting now.
      hole_time_ = held_.begin()->second.time_ns;
      hole_frame_ = held_.begin()->second.frame;
    }
  }
}

void StreamReassembler::acknowledged(std::uint32_t ack, StreamConsumer& consumer) {
  while (!held_.empty() && static_cast<std::int32_t>(ack - next_) > 0) {
    const std::uint64_t acked = static_cast<std::uint32_t>(ack - next_);
    const std::uint64_t hole = held_.begin()->first - base_offset_;
    if (acked >= hole) {
      give_up_first_hole(consumer);
      continue;
    }
    // Only the acknowledged part of the hole is certainly lost to the capture; the rest may
    // still come as a retransmission.
    const Held& first = held_.begin()->second;
    consumer.on_gap(acked, GapReason::Missing, first.time_ns, first.frame);
    next_ += static_cast<std::uint32_t>(acked);
    base_offset_ += acked;
  }
}

void StreamReassembler::give_up_first_hole(StreamConsumer& consumer) {
  hole_age_ = 0;
  if (held_.empty()) return;
  auto it = held_.begin();
  const std::uint64_t missing = it->first - base_offset_;
  consumer.on_gap(missing, GapReason::Missing, it->second.time_ns, it->second.frame);
  next_ += static_cast<std::uint32_t>(missing);
  base_offset_ += missing;
  drain(consumer);
}

void StreamReassembler::finish(StreamConsumer& consumer) {
  while (!held_.empty())
    give_up_first_hole(consumer);
}

}  // namespace bgplens

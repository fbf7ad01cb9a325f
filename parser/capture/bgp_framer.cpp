#include "capture/bgp_framer.h"

#include <algorithm>

#include "bgp/decoded_message.h"
#include "bgp/message_decoder.h"
#include "bmp/bmp_wire.h"

namespace bgplens {
namespace {

// Whether `bytes` could be the beginning of a BGP header: 0xFF bytes as far as the marker
// goes, and, once present, a length of at least 19 and a type from 1 to 5.
bool header_prefix_plausible(Bytes bytes) {
  const std::size_t marker = std::min<std::size_t>(bytes.size(), 16);
  for (std::size_t i = 0; i < marker; ++i) {
    if (bytes[i] != 0xFF) return false;
  }
  if (bytes.size() >= 18 && load_be16(bytes.data() + 16) < kHeaderLength) return false;
  if (bytes.size() >= 19 && (bytes[18] < 1 || bytes[18] > 5)) return false;
  return true;
}

// At a message boundary the stream is in step, so a header whose marker is damaged but whose
// length and type are sound is still a message (the decoder reports the marker, RFC 4271
// §6.1); bytes with more damage than that are not treated as a header.
bool damaged_header_in_step(Bytes header) {
  int wrong = 0;
  for (std::size_t i = 0; i < 16; ++i)
    wrong += header[i] != 0xFF;
  return wrong <= 4 && load_be16(header.data() + 16) >= kHeaderLength && header[18] >= 1 &&
         header[18] <= 5;
}

bool bgp_strict_header(Bytes header) {
  return is_marker(header.data()) || damaged_header_in_step(header);
}

std::uint32_t bgp_length(Bytes header) {
  return load_be16(header.data() + 16);
}

// In step, a BMP header with a sound version and length is a message whatever its type: the
// length frames it, and types beyond RFC 7854's (vendor drafts such as 100) are shown, not
// skipped as damage.
bool bmp_header_whole(Bytes header) {
  return bmp::plausible_header(header.first(5));
}

std::uint32_t bmp_length(Bytes header) {
  return load_be32(header.data() + 1);
}

}  // namespace

const FramingRule& bgp_framing() {
  static const FramingRule rule{static_cast<std::uint32_t>(kHeaderLength),
                                0xFF,
                                0xFF,
                                FramedKind::Message,
                                header_prefix_plausible,
                                bgp_strict_header,
                                bgp_length};
  return rule;
}

const FramingRule& bmp_framing() {
  static const FramingRule rule{
      bmp::kCommonHeaderLength, bmp::kVersion,    bmp::kVersion4, FramedKind::Bmp,
      bmp::plausible_header,    bmp_header_whole, bmp_length};
  return rule;
}

std::size_t MessageFramer::find_candidate(Bytes bytes, std::size_t from) const {
  for (std::size_t i = from; i < bytes.size(); ++i) {
    if (bytes[i] != rule_.first_byte && bytes[i] != rule_.first_byte_alt) continue;
    const Bytes rest =
        bytes.subspan(i, std::min<std::size_t>(bytes.size() - i, rule_.header_length));
    if (rule_.plausible_prefix(rest)) return i;
  }
  return bytes.size();
}

std::uint8_t MessageFramer::conflict_flag(std::uint64_t end) {
  // Flag the row if the conflict starts before the row ends: inside it, or in rows emitted
  // before it (which can no longer be changed).
  if (!conflict_ || conflict_begin_ >= end) return 0;
  if (conflict_end_ <= end) conflict_ = false;
  return framed_flag::kOverlapConflict;
}

void MessageFramer::on_conflict(std::uint64_t offset, std::uint64_t length, std::uint64_t) {
  if (length == 0) return;
  if (conflict_) {
    conflict_begin_ = std::min(conflict_begin_, offset);
    conflict_end_ = std::max(conflict_end_, offset + length);
  } else {
    conflict_ = true;
    conflict_begin_ = offset;
    conflict_end_ = offset + length;
  }
}

void MessageFramer::pend(const StreamChunk& c, std::size_t from, std::size_t count, bool restart) {
  const Bytes b = c.bytes.subspan(from, count);
  if (restart) {
    pending_.assign(b.begin(), b.end());
    pending_sources_.clear();
  } else {
    pending_.insert(pending_.end(), b.begin(), b.end());
  }
  if (count == 0) return;
  const SourcePiece piece{c.address + from, static_cast<std::uint32_t>(count)};
  if (!pending_sources_.empty() &&
      pending_sources_.back().address + pending_sources_.back().length == piece.address) {
    pending_sources_.back().length += piece.length;
  } else {
    pending_sources_.push_back(piece);
  }
}

std::vector<SourcePiece> MessageFramer::take_pending_sources(std::size_t count) {
  std::vector<SourcePiece> taken;
  std::size_t whole = 0;  // pieces taken entirely
  for (SourcePiece& p : pending_sources_) {
    if (count == 0) break;
    if (p.length <= count) {
      taken.push_back(p);
      count -= p.length;
      ++whole;
      continue;
    }
    taken.push_back({p.address, static_cast<std::uint32_t>(count)});
    p.address += count;
    p.length -= static_cast<std::uint32_t>(count);
    count = 0;
  }
  pending_sources_.erase(pending_sources_.begin(),
                         pending_sources_.begin() + static_cast<std::ptrdiff_t>(whole));
  return taken;
}

void MessageFramer::clear_pending() {
  pending_.clear();
  pending_sources_.clear();
}

void MessageFramer::emit_view(FramedKind kind, ByteAddress address, std::uint32_t length,
                              const StreamChunk& c, std::uint8_t flags) {
  flags |= conflict_flag(chunk_offset_ + (address - c.address) + length);
  consumer_.on_framed(FramedMessage{kind, flags, address, length, c.time_ns, c.frame});
}

void MessageFramer::emit_pending(std::size_t count, FramedKind kind, std::uint8_t flags) {
  count = std::min(count, pending_.size());
  if (count == 0) return;
  flags |= conflict_flag(pending_start_ + count);
  const ByteAddress at = store_.append(Bytes(pending_.data(), count));
  store_.sources().note_copy(at, take_pending_sources(count));
  consumer_.on_framed(FramedMessage{kind, static_cast<std::uint8_t>(flags | framed_flag::kCopied),
                                    at, static_cast<std::uint32_t>(count), last_time_,
                                    last_frame_});
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
  pending_start_ += count;
}

void MessageFramer::reject_pending_header() {
  // The pending bytes do not start a message. Keep from the next position that still could.
  std::size_t keep = pending_.size();
  for (std::size_t k = 1; k < pending_.size(); ++k) {
    if (rule_.plausible_prefix(Bytes(pending_.data() + k, pending_.size() - k))) {
      keep = k;
      break;
    }
  }
  emit_pending(keep, FramedKind::Unparsed, 0);
  resync_ = true;
  tentative_ = !pending_.empty();
  need_ = 0;
}

void MessageFramer::on_data(const StreamChunk& c) {
  const Bytes b = c.bytes;
  const std::size_t n = b.size();
  last_time_ = c.time_ns;
  last_frame_ = c.frame;
  chunk_offset_ = consumed_;
  consumed_ += n;
  std::size_t pos = 0;
  while (pos < n) {
    if (!pending_.empty()) {
      if (need_ == 0) {
        const std::size_t take = std::min(rule_.header_length - pending_.size(), n - pos);
        pend(c, pos, take, false);
        pos += take;
        if (pending_.size() < rule_.header_length) {
          if (tentative_ && !rule_.plausible_prefix(pending_)) reject_pending_header();
          continue;
        }
        const Bytes header(pending_.data(), rule_.header_length);
        const std::uint32_t length = rule_.length(header);
        const bool header_ok = tentative_ ? rule_.plausible_prefix(header) : rule_.in_step(header);
        if (!header_ok) {
          reject_pending_header();
          continue;
        }
        if (length < rule_.header_length) {
          // A header whose length cannot be right: show it, then look for the next marker.
          emit_pending(rule_.header_length, rule_.kind, pending_flags_);
          pending_flags_ = 0;
          resync_ = true;
          continue;
        }
        need_ = length;
        tentative_ = false;
        resync_ = false;
      }
      const std::size_t take = std::min<std::size_t>(need_ - pending_.size(), n - pos);
      pend(c, pos, take, false);
      pos += take;
      if (pending_.size() == need_) {
        emit_pending(need_, rule_.kind, pending_flags_);
        pending_flags_ = 0;
        need_ = 0;
      }
      continue;
    }

    if (resync_) {
      const std::size_t i = find_candidate(b, pos);
      if (i > pos)
        emit_view(FramedKind::Unparsed, c.address + pos, static_cast<std::uint32_t>(i - pos), c);
      if (i >= n) return;
      if (n - i >= rule_.header_length) {
        resync_ = false;  // a whole plausible header: frame from here
        pos = i;
        continue;
      }
      pend(c, i, n - i, true);
      pending_start_ = chunk_offset_ + i;
      tentative_ = true;
      return;
    }

    // At a message boundary.
    const std::size_t rem = n - pos;
    const Bytes here = b.subspan(pos);
    if (rem < rule_.header_length) {
      // Not enough for a header: wait for the rest; it is judged once complete.
      pend(c, pos, rem, true);
      pending_start_ = chunk_offset_ + pos;
      tentative_ = false;
      return;
    }
    if (!rule_.in_step(here.first(rule_.header_length))) {
      resync_ = true;
      continue;
    }
    const std::uint32_t length = rule_.length(here);
    if (length < rule_.header_length) {
      emit_view(rule_.kind, c.address + pos, rule_.header_length, c);
      pos += rule_.header_length;
      resync_ = true;
      continue;
    }
    if (rem >= length) {
      emit_view(rule_.kind, c.address + pos, length, c);
      pos += length;
      continue;
    }
    pend(c, pos, rem, true);
    pending_start_ = chunk_offset_ + pos;
    need_ = length;
    return;
  }
}

void MessageFramer::on_gap(std::uint64_t missing, GapReason reason, std::int64_t time_ns,
                           std::uint64_t frame) {
  last_time_ = time_ns;
  last_frame_ = frame;
  consumed_ += missing;
  const std::uint8_t flag =
      reason == GapReason::Truncated ? framed_flag::kTruncated : framed_flag::kCutByGap;
  if (!pending_.empty()) {
    if (tentative_ || need_ == 0) {
      // Not enough of a header to call it a message.
      emit_pending(pending_.size(), tentative_ ? FramedKind::Unparsed : rule_.kind, flag);
    } else {
      emit_pending(pending_.size(), rule_.kind, static_cast<std::uint8_t>(pending_flags_ | flag));
    }
    clear_pending();
  }
  need_ = 0;
  tentative_ = false;
  pending_flags_ = 0;
  resync_ = true;
  consumer_.on_framed(FramedMessage{
      FramedKind::Gap, flag, 0,
      static_cast<std::uint32_t>(std::min<std::uint64_t>(missing, UINT32_MAX)), time_ns, frame});
}

void MessageFramer::finish() {
  if (pending_.empty()) return;
  emit_pending(pending_.size(), tentative_ ? FramedKind::Unparsed : rule_.kind,
               framed_flag::kTruncated);
  clear_pending();
  need_ = 0;
  tentative_ = false;
}

}  // namespace bgplens

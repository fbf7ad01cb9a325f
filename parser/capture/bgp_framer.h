// Cuts one direction's reassembled byte stream into messages: BGP messages (RFC 4271 §4.1: a
// 16-byte marker, a 2-byte length, a type) or BMP messages (RFC 7854 §4.1: a version, a 4-byte
// length, a type). A FramingRule says how the protocol's header looks; the framing is the same.
//
// A message that lies inside one TCP segment is emitted as a view into the capture file. A
// message that spans segments is the one case where bytes are copied: its pieces are gathered
// and appended once to the ByteStore's arena (see `pending_`).
//
// Bytes that do not frame — no marker where a message should start, a length under 19, data
// after a gap in the capture — are emitted as "unparsed" runs, and framing resumes at the next
// plausible header. Nothing is dropped silently.
//
// When the reassembler reports that retransmitted bytes differed from the first copy, the row
// holding those bytes is flagged kOverlapConflict — or, when it was emitted already, the next
// row with bytes (rows are immutable once emitted).
#pragma once

#include <cstdint>
#include <vector>

#include "buffer/byte_store.h"
#include "capture/stream_reassembler.h"

namespace bgplens {

enum class FramedKind : std::uint8_t {
  Message,    // starts with a BGP header (it may still be malformed or cut short)
  Unparsed,   // stream bytes that are not part of any message
  Gap,        // bytes the capture does not hold; `length` counts them, there is no data
  Bmp,        // a BMP message (RFC 7854 §4.1); the BGP messages inside it follow as their own rows
  Mrt,        // an MRT record, or one RIB entry of it (see mrt/mrt_indexer.h)
  MrtDamage,  // bytes of an MRT file that are not part of any record
};

namespace framed_flag {
inline constexpr std::uint8_t kCopied = 0x01;     // spans segments: assembled in the arena
inline constexpr std::uint8_t kTruncated = 0x02;  // the capture cut it short (snaplen or end)
inline constexpr std::uint8_t kCutByGap = 0x04;   // segments inside it are missing
inline constexpr std::uint8_t kViaBmp = 0x08;     // a BGP message carried inside a BMP message
// Retransmitted or overlapping TCP segments carried different bytes for part of this row; the
// first copy was kept (RFC 9293 §3.10.7.4 leaves the choice to the receiver).
inline constexpr std::uint8_t kOverlapConflict = 0x10;
}  // namespace framed_flag

struct FramedMessage {
  FramedKind kind = FramedKind::Message;
  std::uint8_t flags = 0;
  ByteAddress address = 0;
  std::uint32_t length = 0;
  std::int64_t time_ns = 0;
  std::uint64_t frame = 0;
};

class FramedConsumer {
 public:
  virtual ~FramedConsumer() = default;
  virtual void on_framed(const FramedMessage& message) = 0;
};

// How one protocol's messages start and how long they are.
struct FramingRule {
  std::uint32_t header_length;  // bytes needed to know a message's length
  // Every header starts with one of these (a quick test when resynchronising).
  std::uint8_t first_byte;
  std::uint8_t first_byte_alt;
  FramedKind kind;  // what a framed message is
  // Whether `bytes` (possibly fewer than a header) could begin a header: used to resynchronise.
  bool (*plausible_prefix)(Bytes bytes);
  // Whether a whole header found where a message must start (the stream in step) is taken as
  // one: more lenient than plausible_prefix where a protocol allows a damaged header.
  bool (*in_step)(Bytes header);
  // The length the header declares (the whole message, header included).
  std::uint32_t (*length)(Bytes header);
};

const FramingRule& bgp_framing();
const FramingRule& bmp_framing();

class MessageFramer final : public StreamConsumer {
 public:
  MessageFramer(ByteStore& store, FramedConsumer& consumer, const FramingRule& rule = bgp_framing())
      : store_(store), consumer_(consumer), rule_(rule) {}

  void on_data(const StreamChunk& chunk) override;
  void on_gap(std::uint64_t missing, GapReason reason, std::int64_t time_ns,
              std::uint64_t frame) override;
  void on_conflict(std::uint64_t offset, std::uint64_t length, std::uint64_t frame) override;
  // End of the stream: a message still in progress is emitted as truncated.
  void finish();

 private:
  void emit_view(FramedKind kind, ByteAddress address, std::uint32_t length, const StreamChunk& c,
                 std::uint8_t flags = 0);
  void emit_pending(std::size_t count, FramedKind kind, std::uint8_t flags);
  // Takes `count` bytes of chunk `c` from `from` into pending_ (after what it holds, or in
  // place of it), remembering where they came from.
  void pend(const StreamChunk& c, std::size_t from, std::size_t count, bool restart);
  // The origins of the first `count` pending bytes, removed from pending_sources_.
  std::vector<SourcePiece> take_pending_sources(std::size_t count);
  void clear_pending();
  // Handles a pending header that turned out not to start a message.
  void reject_pending_header();
  std::size_t find_candidate(Bytes bytes, std::size_t from) const;
  // kOverlapConflict when the row of stream bytes ending at `end` is one to carry a reported
  // conflict; a conflict is done with once a row reaches past its last byte.
  std::uint8_t conflict_flag(std::uint64_t end);

  ByteStore& store_;
  FramedConsumer& consumer_;
  const FramingRule& rule_;
  // The one place bytes are copied: a message whose bytes arrive in more than one segment is
  // gathered here, then appended to the arena in one piece.
  std::vector<std::uint8_t> pending_;
  std::vector<SourcePiece> pending_sources_;  // where pending_'s bytes are in the store
  std::uint32_t need_ = 0;  // the pending message's length, once its header is complete
  bool tentative_ = false;  // pending bytes are a header candidate found while resynchronising
  bool resync_ = false;     // looking for the next marker
  std::uint8_t pending_flags_ = 0;
  std::int64_t last_time_ = 0;
  std::uint64_t last_frame_ = 0;
  // Stream offsets, counted as the reassembler counts them (data and gaps).
  std::uint64_t consumed_ = 0;       // bytes handed over so far
  std::uint64_t chunk_offset_ = 0;   // of the first byte of the chunk being framed
  std::uint64_t pending_start_ = 0;  // of pending_[0]
  // A conflict not yet flagged on a row: the span of the bytes concerned.
  bool conflict_ = false;
  std::uint64_t conflict_begin_ = 0;
  std::uint64_t conflict_end_ = 0;
};

}  // namespace bgplens

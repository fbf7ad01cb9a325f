// Cutting an MRT file into records (RFC 6396 §2–3), with resynchronisation after damage.
//
// MRT has no magic number and no record marker: a record is a 12-octet header (16 for the
// _ET types) and as many octets as its Length field says. One wrong length and every header
// after it is misread, so a record is taken only when what follows it also looks like a
// header (or the file ends there). When it does not, the walker looks for the next place
// where two headers in a row make sense and reports the bytes in between as damaged: nothing
// is skipped silently, and a damaged stretch costs the records inside it, not the rest of the
// file.
//
// The walker works over a prefix of the file that may grow (a file being decompressed on
// another thread): with `complete == false` it asks for more bytes rather than guess.
#pragma once

#include <cstdint>
#include <string>

#include "util/bytes.h"

namespace bgplens::mrt {

struct RecordHeader {
  std::uint32_t seconds = 0;
  std::uint16_t type = 0;
  std::uint16_t subtype = 0;
  std::uint32_t length = 0;        // as declared: the microsecond field of _ET types included
  std::uint32_t microseconds = 0;  // _ET types only
  bool extended = false;           // a _ET type: 16-octet header

  std::uint32_t header_length() const { return extended ? 16 : 12; }
  // Where the message (the part after the header) starts, relative to the record, and how
  // long the header says it is.
  std::uint32_t body_offset() const { return header_length(); }
  std::uint32_t body_length() const { return extended ? (length >= 4 ? length - 4 : 0) : length; }
  std::int64_t time_ns() const {
    return std::int64_t{seconds} * 1'000'000'000 + std::int64_t{microseconds} * 1000;
  }
};

// Reads the header at the start of `bytes` (at least 12 octets; 16 for _ET types, else the
// microseconds stay 0). Returns false when fewer octets than the header needs are given.
bool read_header(Bytes bytes, RecordHeader& out);

// Whether `head` (the first bytes of a file, decompressed) starts like MRT: a known type and
// subtype with a sane length, and — when the bytes reach it — a second one right after.
bool looks_like_mrt(Bytes head);

// What the walker found next.
struct Piece {
  enum class Kind : std::uint8_t {
    Record,    // a record, possibly cut short by the end of the file (`truncated`)
    Damage,    // bytes that are not part of any record
    NeedMore,  // only when not complete: call again with more bytes
    End,       // nothing left
  };
  Kind kind = Kind::End;
  std::uint64_t offset = 0;  // where the record or damaged stretch starts in the file
  std::uint64_t length = 0;  // bytes held: header + body, or the damaged bytes
  std::uint64_t want = 0;    // NeedMore: how much of the file the walker wants to see
  RecordHeader header;       // Record only
  bool truncated = false;    // Record: the file ends before the record does
  // TABLE_DUMP from early RIS collectors (rrc00, 2000): the Length field is 4 octets short and
  // the record holds several entries back to back (only the first with view and sequence
  // number). `length` covers all of them; this says how many octets the header leaves out.
  std::uint32_t undeclared = 0;
  std::string problem;  // Damage, truncated or undeclared: what is wrong, in one sentence
};

class RecordWalker {
 public:
  // The next piece of `file` (the whole file, or the part of it available so far when
  // `complete` is false) after the previous one.
  Piece next(Bytes file, bool complete);
  // Where the next piece starts.
  std::uint64_t position() const { return position_; }

 private:
  bool plausible_at(Bytes file, std::uint64_t offset, bool strict) const;
  std::uint64_t position_ = 0;
  std::uint64_t resync_from_ = 0;  // resumes a search for a resync point after NeedMore
  std::uint32_t last_seconds_ = 0;
  bool have_time_ = false;
};

}  // namespace bgplens::mrt

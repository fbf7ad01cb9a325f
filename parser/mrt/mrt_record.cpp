#include "mrt/mrt_record.h"

#include <algorithm>

#include "mrt/mrt_format.h"
#include "mrt/mrt_layout.h"
#include "util/text.h"

namespace bgplens::mrt {
namespace {

// A resynchronisation point must agree in time with the records around it: collectors'
// clocks drift and files are cut at arbitrary times, but a week covers every real file while
// random bytes almost never land in it.
constexpr std::uint32_t kTimeWindow = 7 * 24 * 3600;

}  // namespace

bool read_header(Bytes bytes, RecordHeader& out) {
  if (bytes.size() < kHeaderLength) return false;
  out.seconds = load_be32(bytes.data());
  out.type = load_be16(bytes.data() + 4);
  out.subtype = load_be16(bytes.data() + 6);
  out.length = load_be32(bytes.data() + 8);
  out.extended = is_extended_time(out.type);
  out.microseconds = 0;
  if (out.extended) {
    if (bytes.size() < kEtHeaderLength) return false;
    out.microseconds = load_be32(bytes.data() + 12);
  }
  return true;
}

bool looks_like_mrt(Bytes head) {
  RecordHeader h;
  if (!read_header(head, h) || !known_type(h.type, h.subtype)) return false;
  if (h.extended && (h.length < 4 || h.microseconds >= 1'000'000)) return false;
  // One record can be large (a RIB record of a well-connected prefix), but not absurdly so.
  if (h.length > (std::uint32_t{64} << 20)) return false;
  const std::uint64_t next = std::uint64_t{kHeaderLength} + h.length;
  // The second header is where the first record's length says, or a few octets further for
  // the early RIS bulk TABLE_DUMP records (see Piece::undeclared).
  const std::uint64_t slack = h.type == type::kTableDump ? 8 : 0;
  for (std::uint64_t at = next; at <= next + slack; ++at) {
    if (head.size() < at + kHeaderLength) return true;  // the head says no more
    RecordHeader second;
    if (read_header(head.subspan(at), second) && known_type(second.type, second.subtype))
      return true;
  }
  return false;
}

// Whether a record header that makes sense starts at `offset`. `strict` also asks for the
// time to be close to the last record's and, for _ET types, for a valid microsecond count.
bool RecordWalker::plausible_at(Bytes file, std::uint64_t offset, bool strict) const {
  RecordHeader h;
  if (offset > file.size() || !read_header(file.subspan(offset), h)) return false;
  if (!known_type(h.type, h.subtype)) return false;
  if (h.extended && (h.length < 4 || h.microseconds >= 1'000'000)) return false;
  if (strict && have_time_) {
    const std::uint32_t d =
        h.seconds > last_seconds_ ? h.seconds - last_seconds_ : last_seconds_ - h.seconds;
    if (d > kTimeWindow) return false;
  }
  return true;
}

Piece RecordWalker::next(Bytes file, bool complete) {
  Piece piece;
  const std::uint64_t size = file.size();
  const std::uint64_t at = position_;
  if (at >= size) {
    piece.kind = complete ? Piece::Kind::End : Piece::Kind::NeedMore;
    piece.want = at + kHeaderLength;
    return piece;
  }
  auto need_more = [&](std::uint64_t want) {
    piece.kind = Piece::Kind::NeedMore;
    piece.want = want;
    return piece;
  };
  auto damage = [&](std::uint64_t end, std::string why) {
    piece.kind = Piece::Kind::Damage;
    piece.offset = at;
    piece.length = end - at;
    piece.problem = std::move(why);
    position_ = end;
    resync_from_ = end;
    return piece;
  };
  // The next place after `from` where a header makes sense and the record it starts either
  // ends the file or is followed by another header that makes sense. `size` when none.
  auto resync = [&](std::uint64_t from) -> std::uint64_t {
    for (std::uint64_t p = std::max(from, resync_from_); p + kHeaderLength <= size; ++p) {
      if (!plausible_at(file, p, true)) continue;
      const std::uint64_t end = p + kHeaderLength + load_be32(file.data() + p + 8);
      if (end == size || plausible_at(file, end, true)) return p;
      if (end > size && !complete) {
        resync_from_ = p;
        return UINT64_MAX;  // cannot tell yet
      }
    }
    if (!complete) resync_from_ = size >= kHeaderLength ? size - kHeaderLength + 1 : 0;
    return complete ? size : UINT64_MAX;
  };

  RecordHeader h;
  const Bytes rest = file.subspan(at);
  const bool header_held = read_header(rest, h);
  if (!header_held) {
    if (!complete) return need_more(at + kEtHeaderLength);
    if (rest.size() >= 6 && known_type(load_be16(rest.data() + 4), 0)) {
      // Fall through below as a record cut short inside its header.
    } else {
      return damage(size, text::cat(text::byte_count(rest.size()),
                                    " at the end of the file are too few for an MRT record "
                                    "header (12 octets)"));
    }
  }
  if (header_held && known_type(h.type, h.subtype)) {
    const std::uint64_t end = at + kHeaderLength + std::uint64_t{h.length};
    auto accept = [&](std::uint64_t held_end) {
      piece.kind = Piece::Kind::Record;
      piece.offset = at;
      piece.length = held_end - at;
      piece.header = h;
      position_ = held_end;
      resync_from_ = held_end;
      last_seconds_ = h.seconds;
      have_time_ = true;
      return piece;
    };
    if (h.extended && h.length < 4) {
      return damage(at + std::min<std::uint64_t>(rest.size(), kEtHeaderLength),
                    text::cat("record length ", std::to_string(h.length),
                              " is less than the 4 octets of the microsecond timestamp a ",
                              std::string(type_name(h.type)), " record starts with"));
    }
    if (end <= size) {
      if (end == size) {
        if (!complete) return need_more(end + kEtHeaderLength);
        return accept(end);
      }
      if (size - end < kEtHeaderLength && !complete) return need_more(end + kEtHeaderLength);
      if (plausible_at(file, end, false)) return accept(end);
      if (h.type == type::kTableDump) {
        // The early RIS bulk form: more entries than the length declares (see Piece).
        const std::uint32_t fixed = td1_entry_fixed(h.subtype);
        std::uint64_t q = at + kHeaderLength + 4;  // view and sequence number
        while (q + fixed <= size && q < end)
          q += fixed + load_be16(file.data() + q + fixed - 2);
        if (q > end && q - end <= 8 && (q == size || plausible_at(file, q, true))) {
          accept(q);
          piece.undeclared = static_cast<std::uint32_t>(q - end);
          piece.problem = text::cat(
              "the record holds ", text::byte_count(q - end),
              " more than its length field says: TABLE_DUMP entries written back to back by an "
              "early RIS collector; all of them are read");
          return piece;
        }
      }
      const std::uint64_t p = resync(at + 1);
      if (p == UINT64_MAX) return need_more(size + 1);
      if (p < end) {
        return damage(p, text::cat("a record header here declares ", std::to_string(h.length),
                                   " octets, but what follows them is not a record header, "
                                   "while a valid record starts ",
                                   text::byte_count(p - at), " further on"));
      }
      return accept(end);  // the record is sound; the bytes after it are damaged
    }
    if (!complete) return need_more(end + kEtHeaderLength);
    const std::uint64_t p = resync(at + 1);
    if (p < size) {
      return damage(p, text::cat("record length ", std::to_string(h.length), " exceeds the ",
                                 text::byte_count(size - at - kHeaderLength),
                                 " left in the file, and a valid record starts ",
                                 text::byte_count(p - at), " further on"));
    }
    accept(size);
    piece.truncated = true;
    piece.problem = text::cat("the file ends inside this record: its length field says ",
                              std::to_string(h.length), " octets, ",
                              text::byte_count(size - at - kHeaderLength), " are there");
    return piece;
  }
  if (!header_held) {
    piece.kind = Piece::Kind::Record;
    piece.offset = at;
    piece.length = size - at;
    piece.truncated = true;
    piece.header.type = load_be16(rest.data() + 4);
    piece.problem =
        text::cat("the file ends inside a record header: ", text::byte_count(rest.size()),
                  " of 12 are there");
    position_ = size;
    return piece;
  }
  const std::uint64_t p = resync(at + 1);
  if (p == UINT64_MAX) return need_more(size + 1);
  return damage(p, text::cat("no MRT record starts here (type ", std::to_string(h.type),
                             " subtype ", std::to_string(h.subtype),
                             " is not a known record type); reading resumes at the next "
                             "plausible record header"));
}

}  // namespace bgplens::mrt

#include "record/index_rows.h"

#include <string>

#include "bgp/decoded_message.h"
#include "mrt/mrt_format.h"
#include "mrt/mrt_layout.h"
#include "mrt/mrt_record.h"
#include "util/text.h"

namespace bgplens::record {
namespace {

RowContent skip(RowSkip why) {
  RowContent c;
  c.skip = why;
  return c;
}

// A whole BGP message: the marker (RFC 4271 §4.1: all ones) and a length field that covers
// exactly the bytes held.
bool whole_message(Bytes m) {
  if (m.size() < kHeaderLength || load_be16(m.data() + 16) != m.size()) return false;
  for (std::size_t i = 0; i < 16; ++i) {
    if (m[i] != 0xFF) return false;
  }
  return true;
}

RowContent message(Bytes m) {
  if (!whole_message(m)) return skip(RowSkip::Incomplete);
  RowContent c;
  c.kind = RowContent::Kind::Message;
  c.message = m;
  return c;
}

// RFC 6396 §4.4: a BGP4MP (or BGP4MP_ET) MESSAGE record's BGP message, or STATE_CHANGE's two
// states. Old Zebra's short forms (mrt/mrt_layout.h) leave out the interface index, family and
// addresses.
RowContent bgp4mp(const MessageRecord& r, Bytes record) {
  mrt::RecordHeader h;
  if (!mrt::read_header(record, h) || !mrt::is_bgp4mp(h.type)) return skip(RowSkip::MrtOther);
  const std::uint32_t body = h.header_length();
  if (record.size() < body) return skip(RowSkip::Incomplete);
  const Bytes fields = record.subspan(body);
  if (r.detail == mrt_row::kStateChange) {
    // Both forms end with the old and the new state (§4.4.1).
    if (!mrt::bgp4mp_is_state_change(h.subtype) || fields.size() < 8 ||
        fields.size() != h.body_length())
      return skip(RowSkip::Incomplete);
    RowContent c;
    c.kind = RowContent::Kind::StateChange;
    c.state.time_ns = r.time_ns;
    c.state.old_state = load_be16(fields.data() + fields.size() - 4);
    c.state.new_state = load_be16(fields.data() + fields.size() - 2);
    return c;
  }
  if (!mrt::bgp4mp_is_message(h.subtype)) return skip(RowSkip::MrtOther);
  const std::size_t as = mrt::bgp4mp_as4(h.subtype) ? 4 : 2;
  std::size_t at = 2 * as;
  if (!mrt::bgp4mp_zebra_short(fields, h.subtype)) {
    // Interface index, AFI, then the peer's and the local address of the AFI's size.
    if (fields.size() < at + 4) return skip(RowSkip::Incomplete);
    const std::uint16_t afi = load_be16(fields.data() + at + 2);
    if (afi != 1 && afi != 2) return skip(RowSkip::MrtOther);
    at += 4 + 2 * (afi == 1 ? 4 : 16);
  }
  if (fields.size() < at) return skip(RowSkip::Incomplete);
  return message(fields.subspan(at));
}

}  // namespace

std::string_view row_skip_name(RowSkip why, bool plural) {
  switch (why) {
    case RowSkip::Unparsed:
      return plural ? "runs of unparsed stream bytes" : "run of unparsed stream bytes";
    case RowSkip::Gap:
      return plural ? "gaps in the capture" : "gap in the capture";
    case RowSkip::Incomplete:
      return plural ? "incomplete messages" : "incomplete message";
    case RowSkip::BmpMessage:
      return plural ? "BMP messages" : "BMP message";
    case RowSkip::RibEntry:
      return plural ? "RIB entries" : "RIB entry";
    case RowSkip::MrtOther:
      return plural ? "other MRT records" : "other MRT record";
    case RowSkip::MrtDamage:
      return plural ? "damaged stretches of the MRT file" : "damaged stretch of the MRT file";
    case RowSkip::StateChange:
      return plural ? "state changes (pcapng has no frames for them)"
                    : "state change (pcapng has no frame for it)";
    case RowSkip::Unrecordable:
      return plural ? "messages without a session the format can describe"
                    : "message without a session the format can describe";
  }
  return {};
}

RowContent row_content(const MessageRecord& r, Bytes bytes) {
  switch (r.kind) {
    case FramedKind::Message:
      // Also a BGP message inside BMP (framed_flag::kViaBmp): the row points at it alone.
      if (r.flags & (framed_flag::kTruncated | framed_flag::kCutByGap))
        return skip(RowSkip::Incomplete);
      return message(bytes);
    case FramedKind::Unparsed:
      return skip(RowSkip::Unparsed);
    case FramedKind::Gap:
      return skip(RowSkip::Gap);
    case FramedKind::Bmp:
      return skip(RowSkip::BmpMessage);
    case FramedKind::MrtDamage:
      return skip(RowSkip::MrtDamage);
    case FramedKind::Mrt:
      break;
  }
  switch (r.detail) {
    case mrt_row::kRibEntry:
    case mrt_row::kTableDump:
      return skip(RowSkip::RibEntry);
    case mrt_row::kMessage:
    case mrt_row::kStateChange:
      if (r.flags & framed_flag::kTruncated) return skip(RowSkip::Incomplete);
      return bgp4mp(r, bytes);
    default:
      return skip(RowSkip::MrtOther);
  }
}

std::uint64_t SkipCounts::total() const {
  std::uint64_t n = 0;
  for (std::uint64_t c : by_reason)
    n += c;
  return n;
}

std::string SkipCounts::text() const {
  const std::uint64_t n = total();
  if (n == 0) return {};
  std::string out =
      text::cat(std::to_string(n), n == 1 ? " row was not saved: " : " rows were not saved: ");
  bool first = true;
  for (std::size_t i = 0; i < by_reason.size(); ++i) {
    if (by_reason[i] == 0) continue;
    if (!first) out += ", ";
    first = false;
    out += text::cat(std::to_string(by_reason[i]), " ",
                     row_skip_name(static_cast<RowSkip>(i), by_reason[i] != 1));
  }
  return out;
}

}  // namespace bgplens::record

#include "mrt/mrt_decoder.h"

#include <algorithm>

#include "bgp/body_decoders.h"
#include "bgp/names/names.h"
#include "bgp/update_state.h"
#include "capture/frame_tree.h"
#include "mrt/mrt_decoder_parts.h"
#include "mrt/mrt_format.h"
#include "util/text.h"

namespace bgplens {
namespace mrt_parts {

bool need(Walk& w, const RecordSpan& r, std::uint32_t at, std::uint32_t n, std::string_view what) {
  if (at <= r.end && n <= r.end - at) return true;
  const std::uint32_t left = at < r.end ? r.end - at : 0;
  w.error(std::min(at, r.end), left,
          text::cat(what, " needs ", text::byte_count(n), ", but only ", bytes_left(left),
                    " in the record"));
  return false;
}

std::string address_leaf(Walk& w, FieldId id, std::uint32_t at, std::uint32_t size, bool always) {
  std::string t;
  if (w.has_tree() || always) t = size == 4 ? text::ipv4(w.at(at)) : text::ipv6(w.at(at));
  w.leaf(id, at, size, t);
  return t;
}

std::string seconds_text(std::uint32_t seconds) {
  return text::cat(utc_text(std::int64_t{seconds} * 1'000'000'000), " (", std::to_string(seconds),
                   ")");
}

std::string as_path_text(Walk& w, std::uint32_t begin, std::uint32_t end, bool as4) {
  // RFC 4271 §4.3: flags, type code, 1 or 2 length octets (Extended Length bit 0x10).
  std::uint32_t at = begin;
  while (at + 3 <= end) {
    const std::uint8_t flags = w.u8(at);
    const std::uint8_t code = w.u8(at + 1);
    const bool extended = (flags & 0x10) != 0;
    if (extended && at + 4 > end) break;
    const std::uint32_t length = extended ? w.u16(at + 2) : w.u8(at + 2);
    const std::uint32_t value = at + (extended ? 4 : 3);
    if (length > end - value) break;
    if (code == 2) {
      // RFC 4271 §4.3 (b), RFC 5065 §3: segment type, count, AS numbers.
      std::string out;
      const std::uint32_t size = as4 ? 4 : 2;
      std::uint32_t s = value;
      while (s + 2 <= value + length) {
        const std::uint8_t type = w.u8(s);
        const std::uint32_t count = w.u8(s + 1);
        if (count * size > value + length - s - 2) break;
        const char* open = type == 1 ? "{" : type == 3 ? "(" : type == 4 ? "[" : "";
        const char* close = type == 1 ? "}" : type == 3 ? ")" : type == 4 ? "]" : "";
        const char* sep = (type == 1 || type == 4) ? "," : " ";
        if (!out.empty()) out += ' ';
        out += open;
        for (std::uint32_t i = 0; i < count; ++i) {
          if (i) out += sep;
          const std::uint32_t p = s + 2 + i * size;
          out += std::to_string(as4 ? w.u32(p) : w.u16(p));
        }
        out += close;
        s += 2 + count * size;
      }
      return out;
    }
    at = value + length;
  }
  return {};
}

void add_rib_prefix(Walk& w, Family family, std::uint32_t offset, std::uint32_t length,
                    std::uint32_t prefix_offset, std::uint8_t prefix_length,
                    std::uint32_t address_size, std::optional<std::uint32_t> path_id) {
  DecodedMessage& out = w.out();
  out.update.announced += 1;
  out.update.add_family(family);
  if (!w.detail()) return;
  NlriEntry e;
  e.action = NlriAction::Announce;
  e.plain_prefix = true;
  e.prefix_length = prefix_length;
  e.family = family;
  e.offset = offset;
  e.length = length;
  e.prefix_offset = prefix_offset;
  e.path_id = path_id;
  if (w.wants_text()) {
    const std::uint32_t held = std::min<std::uint32_t>(address_size, (prefix_length + 7) / 8);
    e.text = text::prefix(w.slice(prefix_offset, held), address_size, prefix_length);
  }
  out.nlri.push_back(std::move(e));
}

void rib_attributes(Walk& w, std::uint32_t begin, std::uint32_t end, bool as4, Family family) {
  UpdateState state;
  state.as4 = as4;
  state.as4_from = Provenance::MrtRecord;
  state.mrt_rib_family = family;
  const std::uint32_t node = w.open(FieldId::MrtRibEntryAttributes, begin, end - begin);
  // An MP_REACH_NLRI written whole carries NLRI of the UPDATE the collector received: they
  // stay in the tree, but the entry's route is the record's prefix alone (add_rib_prefix).
  DecodedMessage& out = w.out();
  const std::size_t nlri_before = out.nlri.size();
  const UpdateCounts counts_before = out.update;
  const std::uint32_t n = decode_path_attributes(w, begin, end, state);
  out.nlri.resize(nlri_before);
  out.update = counts_before;
  w.set_value(node, [&] { return std::to_string(n) + (n == 1 ? " attribute" : " attributes"); });
  w.close();
}

}  // namespace mrt_parts

void decode_mrt_walk(Walk& w, const MrtRow& row) {
  using namespace mrt_parts;
  const std::uint32_t held = static_cast<std::uint32_t>(w.bytes().size());
  RecordSpan r;
  r.end = held;
  if (!mrt::read_header(w.bytes(), r.header)) {
    w.leaf(FieldId::MrtBody, 0, held, [&] { return text::hex_spaced(w.bytes(), 24); });
    w.error(0, held,
            text::cat("the file ends inside this record's header: ", text::byte_count(held), " of ",
                      std::to_string(held >= 6 && mrt::is_extended_time(w.u16(4)) ? 16 : 12),
                      " are there"));
    w.out().row_summary = "MRT record cut short";
    return;
  }
  const mrt::RecordHeader& h = r.header;
  r.body = h.header_length();
  const std::uint32_t node = w.open(FieldId::MrtRecord, 0, held);
  w.leaf(FieldId::MrtTimestamp, 0, 4, [&] { return seconds_text(h.seconds); });
  w.leaf(FieldId::MrtType, 4, 2,
         [&] { return names::with_number(mrt::type_name(h.type), h.type); });
  w.leaf(FieldId::MrtSubtype, 6, 2,
         [&] { return names::with_number(mrt::subtype_name(h.type, h.subtype), h.subtype); });
  w.leaf_uint(FieldId::MrtLength, 8, 4, h.length);
  if (h.extended) w.leaf_uint(FieldId::MrtMicroseconds, 12, 4, h.microseconds);
  const std::uint64_t declared = std::uint64_t{mrt::kHeaderLength} + h.length;
  if (row.truncated || declared > held) {
    w.error(held, 0,
            text::cat("the file ends inside this record: its length field says ",
                      std::to_string(h.length), " octets, ",
                      text::byte_count(held - mrt::kHeaderLength), " are there"));
  } else if (declared < held) {
    w.warning(static_cast<std::uint32_t>(declared), static_cast<std::uint32_t>(held - declared),
              text::cat("the record holds ", text::byte_count(held - declared),
                        " more than its length field says: TABLE_DUMP entries written back to "
                        "back by an early RIS collector; all of them are read"));
  }
  if (h.extended && h.microseconds >= 1'000'000) {
    w.warning(12, 4, "microseconds " + std::to_string(h.microseconds) + " exceed 999999");
  }
  switch (h.type) {
    case mrt::type::kTableDump:
      decode_table_dump(w, r, row);
      break;
    case mrt::type::kTableDumpV2:
      decode_table_dump_v2(w, r, row);
      break;
    case mrt::type::kBgp4mp:
    case mrt::type::kBgp4mpEt:
      decode_bgp4mp(w, r);
      break;
    case mrt::type::kBgp:
    case mrt::type::kBgp4plus:
    case mrt::type::kBgp4plus01:
      decode_old_bgp(w, r);
      break;
    default:
      if (r.body < held) {
        w.leaf(FieldId::MrtBody, r.body, held - r.body,
               [&] { return text::byte_count(held - r.body); });
      }
      w.out().row_summary =
          text::cat(mrt::type_name(h.type).empty() ? "MRT type " + std::to_string(h.type)
                                                   : std::string(mrt::type_name(h.type)),
                    ": ", text::byte_count(h.length), " not decoded");
      break;
  }
  w.set_value(node, w.out().row_summary);
  w.close();
}

}  // namespace bgplens

// ORF entries of a ROUTE-REFRESH message: RFC 5291 §4, Address Prefix ORF RFC 5292 §3.
#include <algorithm>

#include "bgp/body_decoders.h"
#include "bgp/capabilities/capability_table.h"
#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {
namespace {

std::string_view action_name(unsigned action) {
  switch (action) {
    case 0:
      return "ADD";
    case 1:
      return "REMOVE";
    case 2:
      return "REMOVE-ALL";
  }
  return {};
}

std::string_view when_name(std::uint8_t when) {
  switch (when) {
    case 1:
      return "IMMEDIATE";
    case 2:
      return "DEFER";
  }
  return {};
}

// The prefix of an Address Prefix ORF entry in the request's address family.
std::string orf_prefix_text(Walk& w, std::uint32_t at, std::uint8_t bits, std::uint16_t afi) {
  const std::uint32_t n = (bits + 7u) / 8u;
  if (afi == afi::kIpv4 && bits <= 32) return text::prefix(w.slice(at, n), 4, bits);
  if (afi == afi::kIpv6 && bits <= 128) return text::prefix(w.slice(at, n), 16, bits);
  return (n ? text::hex(w.slice(at, n)) : std::string("(none)")) + "/" + std::to_string(bits);
}

// One Address Prefix ORF entry (RFC 5291 §4 common part, RFC 5292 §3 type-specific part) at
// p. Returns its length, or 0 when the entries cannot be followed past it (the problem is
// then reported).
std::uint32_t decode_prefix_entry(Walk& w, std::uint32_t p, std::uint32_t end, std::uint16_t afi) {
  const std::uint8_t common = w.u8(p);
  const unsigned action = common >> 6;
  const bool deny = (common & 0x20) != 0;
  std::uint32_t need = 1;  // REMOVE-ALL is the common part alone (RFC 5291 §4)
  if (action < 2) {
    if (end - p < 8) {
      w.error(p, end - p,
              "Address Prefix ORF entry needs at least 8 bytes (Action/Match, Sequence, Minlen, "
              "Maxlen, Length), " +
                  bytes_left(end - p) + " (RFC 5292 §3)");
      return 0;
    }
    const std::uint8_t bits = w.u8(p + 7);
    need = 8u + (bits + 7u) / 8u;
    if (need > end - p) {
      w.error(p, end - p,
              "prefix length " + std::to_string(bits) + " needs " + text::byte_count(need - 8) +
                  " of prefix, " + bytes_left(end - p - 8) + " (RFC 5292 §3)");
      return 0;
    }
  }
  const std::uint32_t node = w.open(FieldId::RrOrfEntry, p, need);
  w.leaf(
      FieldId::RrOrfAction, p, 1, [&] { return names::with_number(action_name(action), action); },
      0xC0);
  w.leaf(FieldId::RrOrfMatch, p, 1, deny ? "DENY (1)" : "PERMIT (0)", 0x20);
  w.leaf_uint(FieldId::RrOrfReserved, p, 1, common & 0x1Fu, 0x1F);
  if (action == 3) {
    // FRR and Quagga write REMOVE-ALL as 0xC0 (their REMOVE as 0x80), against RFC 5291 §4.
    w.warning(p, 1,
              "Action 3 is not defined (RFC 5291 §4: 0 ADD, 1 REMOVE, 2 REMOVE-ALL); FRR and "
              "Quagga send 0xC0 to mean REMOVE-ALL. The entries are not followed further");
    w.set_value(node, "action 3 (undefined)");
    w.close();
    return 0;
  }
  if (action == 2) {
    w.set_value(node, deny ? "remove-all deny" : "remove-all");
    w.close();
    return 1;
  }
  const std::uint32_t sequence = w.u32(p + 1);
  const std::uint8_t minlen = w.u8(p + 5);
  const std::uint8_t maxlen = w.u8(p + 6);
  const std::uint8_t bits = w.u8(p + 7);
  w.leaf_uint(FieldId::RrOrfSequence, p + 1, 4, sequence);
  w.leaf_uint(FieldId::RrOrfMinlen, p + 5, 1, minlen);
  w.leaf_uint(FieldId::RrOrfMaxlen, p + 6, 1, maxlen);
  w.leaf_uint(FieldId::RrOrfPrefixLength, p + 7, 1, bits);
  w.leaf(FieldId::RrOrfPrefix, p + 8, need - 8,
         [&] { return orf_prefix_text(w, p + 8, bits, afi); });
  const unsigned max_bits = afi == afi::kIpv4 ? 32 : afi == afi::kIpv6 ? 128 : 255;
  if (bits > max_bits) {
    w.error(p + 7, 1,
            "prefix length " + std::to_string(bits) + " exceeds " + std::to_string(max_bits) +
                " bits (RFC 5292 §3)");
  }
  w.set_value(node, [&] {
    std::string s = action == 1 ? "remove seq " : "seq ";
    s += std::to_string(sequence) + (deny ? " deny " : " permit ") +
         orf_prefix_text(w, p + 8, bits, afi);
    if (minlen) s += " ge " + std::to_string(minlen);
    if (maxlen) s += " le " + std::to_string(maxlen);
    return s;
  });
  w.close();
  return need;
}

// The entries of one ORF type at [p, end). Returns how many entries were decoded.
std::uint32_t decode_prefix_entries(Walk& w, std::uint32_t p, std::uint32_t end,
                                    std::uint16_t afi) {
  std::uint32_t count = 0;
  while (p < end) {
    const bool undefined_action = w.u8(p) >> 6 == 3;
    const std::uint32_t used = decode_prefix_entry(w, p, end, afi);
    if (used > 0) {
      ++count;
      p += used;
      continue;
    }
    if (undefined_action) {
      // The entry's octet was shown; what follows cannot be delimited.
      ++count;
      if (p + 1 < end) {
        w.leaf(FieldId::RrOrfValue, p + 1, end - p - 1,
               [&] { return text::hex_spaced(w.slice(p + 1, end - p - 1), 48); });
      }
    }
    break;
  }
  return count;
}

}  // namespace

// RFC 5291 §4: When-to-refresh (1), then per ORF type: ORF Type (1), Length of ORFs (2), the
// entries.
void decode_orf_entries(Walk& w, std::uint32_t begin, std::uint32_t end, std::uint16_t afi) {
  const std::uint8_t when = w.u8(begin);
  w.leaf(FieldId::RrOrfWhen, begin, 1, [&] { return names::with_number(when_name(when), when); });
  if (when_name(when).empty()) {
    w.warning(begin, 1,
              "When-to-refresh " + std::to_string(when) +
                  " is neither 1 (IMMEDIATE) nor 2 (DEFER) (RFC 5291 §4)");
  }
  std::uint32_t p = begin + 1;
  while (p < end) {
    if (end - p < 3) {
      w.error(p, end - p,
              "ORF header needs 3 bytes (ORF Type, Length of ORFs), " + bytes_left(end - p) +
                  " (RFC 5291 §4)");
      return;
    }
    const std::uint8_t type = w.u8(p);
    const std::uint16_t length = w.u16(p + 1);
    const std::uint32_t avail = end - p - 3;
    const std::uint32_t shown = std::min<std::uint32_t>(length, avail);
    const std::string_view type_name = orf_type_name(type);
    const std::uint32_t node = w.open(FieldId::RrOrfGroup, p, 3 + shown);
    w.leaf(FieldId::RrOrfType, p, 1, [&] { return names::with_number(type_name, type); });
    w.leaf_uint(FieldId::RrOrfLength, p + 1, 2, length);
    if (length > avail) {
      w.error(p + 3, avail,
              "Length of ORFs " + std::to_string(length) + " exceeds " + bytes_left(avail) +
                  " in the message (RFC 5291 §4)");
      if (avail > 0) {
        w.leaf(FieldId::RrOrfValue, p + 3, avail,
               [&] { return text::hex_spaced(w.slice(p + 3, avail), 48); });
      }
      w.set_value(node, [&] { return names::with_number(type_name, type); });
      w.close();
      return;
    }
    const std::uint32_t entries_end = p + 3 + length;
    if (type == 64 || type == 128) {
      // Cisco's pre-standard type 128 has the RFC 5292 entry layout (packetlife's capture).
      const std::uint32_t count = decode_prefix_entries(w, p + 3, entries_end, afi);
      w.set_value(node, [&] {
        return names::with_number(type_name, type) + ": " + std::to_string(count) +
               (count == 1 ? " entry" : " entries");
      });
    } else {
      if (length > 0) {
        w.leaf(FieldId::RrOrfValue, p + 3, length,
               [&] { return text::hex_spaced(w.slice(p + 3, length), 48); });
      }
      w.set_value(node, [&] {
        return names::with_number(type_name, type) + ": " + text::byte_count(length);
      });
    }
    w.close();
    p = entries_end;
  }
}

}  // namespace bgplens

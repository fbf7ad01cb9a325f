// What the BGP-LS decoders share: the scope TLVs are read in (an NLRI or the BGP-LS
// Attribute, which decides what a malformed TLV costs, RFC 9552 §8.2.2), the TLV node walk, and
// small value helpers (addresses, flags, IS-IS identifiers, bandwidths).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "bgp/nlri/bgpls_names.h"
#include "bgp/nlri/bgpls_tlv.h"
#include "bgp/walk.h"
#include "util/text.h"

namespace bgplens::bgpls {

// Sub-TLVs nest (SR Capabilities > SID/Label, Range > Prefix-SID, L2 Bundle Member > link
// attributes); deeper TLVs are shown raw.
inline constexpr unsigned kMaxDepth = 4;

struct Scope {
  Walk& w;
  std::uint8_t protocol = 0;    // Protocol-ID of the NLRI the TLVs describe; 0 when unknown
  std::uint16_t nlri_type = 0;  // NLRI Type (1–6); 0 in the attribute
  bool in_attribute = false;    // the BGP-LS Attribute, or else one NLRI
  bool want_text = false;       // value texts are wanted (tree, or NLRI texts at Depth::Detail)
  unsigned depth = 0;           // sub-TLV nesting
  bool malformed = false;       // an error was recorded in this scope

  // Records a malformed part with the consequence RFC 9552 §8.2.2 gives it: an NLRI is
  // discarded alone ("NLRI discard"), the attribute is discarded ("attribute discard").
  void error(std::uint32_t offset, std::uint32_t length, const std::string& message);
};

// Decodes one TLV's value (nodes under the open TLV node) and returns its text, empty unless
// the scope wants text.
using ValueDecoder = std::string (*)(Scope&, const Tlv16&);

// "Node Name (1026)", or "TLV 1300" for a code the registry table does not name.
std::string tlv_label(std::uint16_t code);
// "RFC 9552 §5.3.1.3", or "RFC 9552 §5.1" for unnamed codes.
std::string_view tlv_rfc(std::uint16_t code);

// Records "<name> length 5 is not <expected> (<rfc>)" unless `ok`; returns `ok`.
bool check_length(Scope& s, const Tlv16& tlv, bool ok, std::string_view expected);

// The value as one raw node; returns its hex text.
std::string raw_value(Scope& s, const Tlv16& tlv);
std::string raw_bytes(Scope& s, std::uint32_t offset, std::uint32_t length);

// Leaves that return their text (formatted only when wanted).
std::string ipv4_leaf(Scope& s, FieldId id, std::uint32_t offset);
std::string ipv6_leaf(Scope& s, FieldId id, std::uint32_t offset);
std::string uint_leaf(Scope& s, FieldId id, std::uint32_t offset, std::uint32_t length,
                      std::uint64_t value, std::uint32_t mask = 0);

// One defined bit of a flags field.
struct FlagBit {
  std::uint32_t mask;
  std::string_view letter;
  std::string_view meaning;
};
// A Flags node over [offset, offset + length) (1 to 4 octets) with a child per defined bit;
// returns "0x30 V L". An empty `bits` means the flags' meaning is not known here.
std::string flags_node(Scope& s, std::uint32_t offset, std::uint32_t length,
                       std::span<const FlagBit> bits);

// "1921.6825.2240" for a 6-octet IS-IS System-ID.
std::string system_id_text(const std::uint8_t* p);
// An IS-IS area address: "49.0001", "49.0000.0000.ff98.0000".
std::string isis_area_text(Bytes area);
// A bandwidth in bytes per second (IEEE 754 single precision) with its bit rate.
std::string bandwidth_text(std::uint32_t ieee_bits);

// Reads the TLVs in [begin, end): each becomes an LsTlv node with its type and length leaves,
// and `decode(tlv)` adds the value's nodes and returns its text. A TLV that overruns the
// range, or a tail too short for a TLV header, is an error in the scope; the walk then stops
// (no later TLV can be located) and returns false.
template <class Decode>
bool walk_tlvs(Scope& s, std::uint32_t begin, std::uint32_t end, Decode&& decode) {
  Walk& w = s.w;
  TlvCursor cursor(w.bytes(), begin, end);
  Tlv16 tlv;
  for (;;) {
    switch (cursor.next(tlv)) {
      case TlvStep::End:
        return true;
      case TlvStep::ShortHeader:
        s.error(cursor.pos(), cursor.left(),
                text::byte_count(cursor.left()) +
                    " left after the last TLV, too few for a TLV's type and length (RFC 9552 "
                    "§5.1)");
        return false;
      case TlvStep::Overrun:
        s.error(tlv.offset, cursor.left(),
                tlv_label(tlv.type) + " length " + std::to_string(tlv.length) + " exceeds " +
                    bytes_left(cursor.left() - 4) + " (RFC 9552 §5.1)");
        return false;
      case TlvStep::Ok:
        break;
    }
    const std::uint32_t node = w.open(FieldId::LsTlv, tlv.offset, tlv.size());
    w.leaf(FieldId::LsTlvType, tlv.offset, 2, [&] { return tlv_label(tlv.type); });
    w.leaf_uint(FieldId::LsTlvLength, tlv.offset + 2, 2, tlv.length);
    const std::string text = decode(tlv);
    w.set_value(node, [&] {
      std::string v = tlv_label(tlv.type);
      if (!text.empty()) v.append(": ").append(text);
      return v;
    });
    w.close();
  }
}

}  // namespace bgplens::bgpls

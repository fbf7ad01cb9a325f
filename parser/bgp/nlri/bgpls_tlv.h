// A cursor over TLVs with a 2-octet type and a 2-octet length (RFC 9552 §5.1, Figure 4): the
// layout of BGP-LS NLRI descriptors and of the BGP-LS Attribute, also used by the sub-TLVs of
// the Tunnel Encapsulation attribute (RFC 9012 §2) and the BGP Prefix-SID (RFC 8669 §3). It
// only frames: the caller decides what an overrun means for its field and what to show.
#pragma once

#include <cstdint>

#include "util/bytes.h"

namespace bgplens {

// One TLV header. Offsets count in the same bytes the cursor was given (the message).
struct Tlv16 {
  std::uint32_t offset = 0;  // of the type field
  std::uint16_t type = 0;
  std::uint16_t length = 0;  // of the value
  std::uint32_t value_offset() const { return offset + 4; }
  std::uint32_t end() const { return offset + 4 + length; }
  std::uint32_t size() const { return 4u + length; }
};

enum class TlvStep : std::uint8_t {
  Ok,           // a whole TLV was read and the cursor moved past it
  End,          // no bytes left
  ShortHeader,  // 1 to 3 bytes left: not enough for a type and a length
  Overrun,      // the header was read, but its length exceeds the bytes left; cursor unmoved
};

class TlvCursor {
 public:
  // TLVs in [begin, end) of `bytes`; the caller checked that end <= bytes.size().
  TlvCursor(Bytes bytes, std::uint32_t begin, std::uint32_t end)
      : bytes_(bytes), pos_(begin), end_(end) {}

  TlvStep next(Tlv16& tlv) {
    if (pos_ >= end_) return TlvStep::End;
    if (end_ - pos_ < 4) return TlvStep::ShortHeader;
    tlv.offset = pos_;
    tlv.type = load_be16(bytes_.data() + pos_);
    tlv.length = load_be16(bytes_.data() + pos_ + 2);
    if (tlv.length > end_ - pos_ - 4) return TlvStep::Overrun;
    pos_ += 4u + tlv.length;
    return TlvStep::Ok;
  }

  std::uint32_t pos() const { return pos_; }
  std::uint32_t end() const { return end_; }
  std::uint32_t left() const { return end_ - pos_; }

 private:
  Bytes bytes_;
  std::uint32_t pos_;
  std::uint32_t end_;
};

}  // namespace bgplens

// Appends big-endian values to a byte vector: the building block of the message generator.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "util/bytes.h"

namespace bgplens::gen {

using ByteVector = std::vector<std::uint8_t>;

class ByteWriter {
 public:
  ByteWriter& u8(std::uint8_t v) {
    out_.push_back(v);
    return *this;
  }
  ByteWriter& u16(std::uint16_t v) {
    return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v));
  }
  ByteWriter& u32(std::uint32_t v) {
    return u16(static_cast<std::uint16_t>(v >> 16)).u16(static_cast<std::uint16_t>(v));
  }
  ByteWriter& bytes(Bytes b) {
    out_.insert(out_.end(), b.begin(), b.end());
    return *this;
  }
  ByteWriter& bytes(std::initializer_list<std::uint8_t> b) {
    out_.insert(out_.end(), b.begin(), b.end());
    return *this;
  }
  ByteWriter& le16(std::uint16_t v) {
    return u8(static_cast<std::uint8_t>(v)).u8(static_cast<std::uint8_t>(v >> 8));
  }
  ByteWriter& le32(std::uint32_t v) {
    return le16(static_cast<std::uint16_t>(v)).le16(static_cast<std::uint16_t>(v >> 16));
  }
  std::size_t size() const { return out_.size(); }
  ByteVector& data() { return out_; }
  ByteVector take() { return std::move(out_); }
  // Overwrites a 16-bit value at `at` (for lengths known only at the end).
  void patch16(std::size_t at, std::uint16_t v) {
    out_[at] = static_cast<std::uint8_t>(v >> 8);
    out_[at + 1] = static_cast<std::uint8_t>(v);
  }

 private:
  ByteVector out_;
};

}  // namespace bgplens::gen

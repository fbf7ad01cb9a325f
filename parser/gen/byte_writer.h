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
  // Out of line on purpose: inlined into callers, GCC 12 at -O3 reports false
  // -Wstringop-overflow warnings on the vector growth.
  ByteWriter& u8(std::uint8_t v);
  ByteWriter& u16(std::uint16_t v);
  ByteWriter& u32(std::uint32_t v);
  ByteWriter& bytes(Bytes b);
  ByteWriter& bytes(std::initializer_list<std::uint8_t> b);
  ByteWriter& le16(std::uint16_t v);
  ByteWriter& le32(std::uint32_t v);
  std::size_t size() const { return out_.size(); }
  ByteVector& data() { return out_; }
  ByteVector take() { return std::move(out_); }
  // Overwrites a 16-bit value at `at` (for lengths known only at the end).
  void patch16(std::size_t at, std::uint16_t v);

 private:
  ByteVector out_;
};

}  // namespace bgplens::gen

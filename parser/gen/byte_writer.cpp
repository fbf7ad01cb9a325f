#include "gen/byte_writer.h"

namespace bgplens::gen {

ByteWriter& ByteWriter::u8(std::uint8_t v) {
  out_.push_back(v);
  return *this;
}

ByteWriter& ByteWriter::u16(std::uint16_t v) {
  return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v));
}

ByteWriter& ByteWriter::u32(std::uint32_t v) {
  return u16(static_cast<std::uint16_t>(v >> 16)).u16(static_cast<std::uint16_t>(v));
}

ByteWriter& ByteWriter::bytes(Bytes b) {
  out_.insert(out_.end(), b.begin(), b.end());
  return *this;
}

ByteWriter& ByteWriter::bytes(std::initializer_list<std::uint8_t> b) {
  out_.insert(out_.end(), b.begin(), b.end());
  return *this;
}

ByteWriter& ByteWriter::le16(std::uint16_t v) {
  return u8(static_cast<std::uint8_t>(v)).u8(static_cast<std::uint8_t>(v >> 8));
}

ByteWriter& ByteWriter::le32(std::uint32_t v) {
  return le16(static_cast<std::uint16_t>(v)).le16(static_cast<std::uint16_t>(v >> 16));
}

void ByteWriter::patch16(std::size_t at, std::uint16_t v) {
  out_[at] = static_cast<std::uint8_t>(v >> 8);
  out_[at + 1] = static_cast<std::uint8_t>(v);
}

}  // namespace bgplens::gen

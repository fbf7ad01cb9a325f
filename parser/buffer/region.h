// The immutable base region of a ByteStore: a memory-mapped file or bytes the store owns
// (a decompressed file, bytes handed over by a test).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "util/bytes.h"
#include "util/expected.h"

namespace bgplens {

class Region {
 public:
  virtual ~Region() = default;
  virtual Bytes bytes() const = 0;
};

// Read-only private mapping of a whole file. An empty file maps to an empty span.
class MappedFile final : public Region {
 public:
  static Expected<std::shared_ptr<MappedFile>> open(const std::string& path);
  ~MappedFile() override;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  Bytes bytes() const override { return {data_, size_}; }

 private:
  MappedFile(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  const std::uint8_t* data_;
  std::size_t size_;
};

class OwnedRegion final : public Region {
 public:
  explicit OwnedRegion(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}
  Bytes bytes() const override { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace bgplens

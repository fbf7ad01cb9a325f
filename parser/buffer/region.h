// The base region of a ByteStore: a memory-mapped file, bytes the store owns (bytes handed over
// by a test or a drop), or a file being decompressed on a thread of its own
// (StreamingRegion, streaming_region.h).
//
// A region's bytes never move: its first byte stays where it is while the region lives, so a
// span into it stays valid. A region still being filled holds a prefix that only grows; the
// size is published with release semantics after the bytes are written, so a reader that
// loads it (acquire) may read every byte below it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "util/bytes.h"
#include "util/expected.h"

namespace bgplens {

class Region {
 public:
  virtual ~Region() = default;
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;

  const std::uint8_t* data() const { return data_; }
  // Bytes held now.
  std::uint64_t size() const { return size_.load(std::memory_order_acquire); }
  Bytes bytes() const { return {data_, static_cast<std::size_t>(size())}; }
  // The counter size() reads, for a ByteStore that checks it on every view.
  const std::atomic<std::uint64_t>& size_counter() const { return size_; }
  // The most bytes the region can ever hold: the address space it has.
  std::uint64_t capacity() const { return capacity_; }

  // No more bytes will come.
  virtual bool complete() const { return true; }
  // Blocks until at least `want` bytes are held, the region is complete, or `stop` is
  // requested; returns size().
  virtual std::uint64_t wait(std::uint64_t /*want*/, std::stop_token /*stop*/) const {
    return size();
  }
  // Why the region ended before its data did (a truncated or damaged stream), one sentence;
  // empty when nothing is wrong or the region is still being filled.
  virtual std::string problem() const { return {}; }

 protected:
  Region() = default;
  // A region of fixed size: all of it held from the start.
  void hold_fixed(const std::uint8_t* data, std::uint64_t size) {
    data_ = data;
    capacity_ = size;
    size_.store(size, std::memory_order_release);
  }
  // A region that grows into `capacity` bytes at `data`, none held yet.
  void reserve(std::uint8_t* data, std::uint64_t capacity) {
    data_ = data;
    capacity_ = capacity;
  }
  std::atomic<std::uint64_t> size_{0};

 private:
  const std::uint8_t* data_ = nullptr;
  std::uint64_t capacity_ = 0;
};

// Read-only private mapping of a whole file. An empty file maps to an empty span.
class MappedFile final : public Region {
 public:
  static Expected<std::shared_ptr<MappedFile>> open(const std::string& path);
  ~MappedFile() override;

 private:
  MappedFile(const std::uint8_t* data, std::size_t size) { hold_fixed(data, size); }
};

class OwnedRegion final : public Region {
 public:
  explicit OwnedRegion(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {
    hold_fixed(bytes_.data(), bytes_.size());
  }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace bgplens

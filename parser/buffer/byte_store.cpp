#include "buffer/byte_store.h"

#include <algorithm>
#include <cstring>

namespace bgplens {

namespace {
const std::atomic<std::uint64_t> kNoBase{0};
}  // namespace

ByteStore::ByteStore(std::shared_ptr<const Region> base)
    : base_(std::move(base)), base_held_(base_ ? &base_->size_counter() : &kNoBase) {
  if (base_) base_data_ = base_->data();
  // Arena addresses start at the next slot boundary above all the room the base may take, so
  // that no arena address can be mistaken for a base address, even as the base grows.
  const std::uint64_t capacity = base_ ? base_->capacity() : 0;
  arena_origin_ = (capacity / kSlotSpan + 1) * kSlotSpan;
}

Bytes ByteStore::view(ByteAddress address, std::size_t length) const {
  const std::uint64_t held = base_size();
  if (address < held) {
    if (length > held - address) return {};
    return {base_data_ + address, length};
  }
  if (address < arena_origin_) return {};
  const std::uint64_t slot = (address - arena_origin_) / kSlotSpan;
  const std::uint64_t offset = (address - arena_origin_) % kSlotSpan;
  std::shared_lock lock(mutex_);
  if (slot >= chunks_.size()) return {};
  const Chunk& chunk = chunks_[slot];
  if (offset > chunk.used || length > chunk.used - offset) return {};
  return {chunk.data.get() + offset, length};
}

ByteAddress ByteStore::append(std::span<const Bytes> parts) {
  std::size_t total = 0;
  for (const Bytes& part : parts)
    total += part.size();
  std::unique_lock lock(mutex_);
  if (chunks_.empty() || chunks_.back().capacity - chunks_.back().used < total) {
    Chunk chunk;
    chunk.capacity = std::max(kChunkCapacity, total);
    chunk.data = std::make_unique<std::uint8_t[]>(chunk.capacity);
    chunks_.push_back(std::move(chunk));
  }
  Chunk& chunk = chunks_.back();
  const ByteAddress address =
      arena_origin_ + (chunks_.size() - 1) * kSlotSpan + static_cast<std::uint64_t>(chunk.used);
  for (const Bytes& part : parts) {
    if (!part.empty()) std::memcpy(chunk.data.get() + chunk.used, part.data(), part.size());
    chunk.used += part.size();
  }
  arena_used_ += total;
  return address;
}

ByteAddress ByteStore::append_from(std::span<const SourcePiece> pieces) {
  std::vector<Bytes> parts;
  parts.reserve(pieces.size());
  for (const SourcePiece& p : pieces)
    parts.push_back(view(p.address, p.length));
  const ByteAddress address = append(parts);
  sources_.note_copy(address, pieces);
  return address;
}

std::optional<ByteAddress> ByteStore::base_address_of(const std::uint8_t* byte) const {
  // Compared as integers: pointers into different objects have no order in C++.
  const auto at = reinterpret_cast<std::uintptr_t>(byte);
  const auto begin = reinterpret_cast<std::uintptr_t>(base_data_);
  const std::uint64_t held = base_size();
  if (held == 0 || at < begin || at - begin >= held) return std::nullopt;
  return at - begin;
}

bool ByteStore::base_complete() const {
  return !base_ || base_->complete();
}

std::uint64_t ByteStore::wait_base(std::uint64_t want, std::stop_token stop) const {
  return base_ ? base_->wait(want, std::move(stop)) : 0;
}

std::string ByteStore::base_problem() const {
  return base_ ? base_->problem() : std::string();
}

std::uint64_t ByteStore::arena_bytes() const {
  std::shared_lock lock(mutex_);
  return arena_used_;
}

}  // namespace bgplens

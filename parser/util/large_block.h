// Memory for large tables (millions of routes): blocks of 2 MiB and more come straight from the
// kernel, aligned to 2 MiB and marked for transparent huge pages (Linux madvise; elsewhere plain
// pages). A table built once then held touches tens of MiB: with 4 KiB pages that is thousands
// of page faults and TLB misses on every random lookup; with huge pages, a few dozen.
#pragma once

#include <cstddef>

namespace bgplens {

inline constexpr std::size_t kLargeBlock = std::size_t{2} << 20;

// Smaller requests go to operator new. Throws std::bad_alloc when the memory is not there.
void* allocate_large(std::size_t bytes);
void release_large(void* p, std::size_t bytes) noexcept;

// What a block of `bytes` takes: rounded up to whole 2 MiB pages once it is large.
inline std::size_t large_block_footprint(std::size_t bytes) {
  return bytes >= kLargeBlock ? (bytes + kLargeBlock - 1) / kLargeBlock * kLargeBlock : bytes;
}

// A std::allocator for the big arrays of a table.
template <class T>
struct LargeBlockAllocator {
  using value_type = T;
  LargeBlockAllocator() = default;
  template <class U>
  LargeBlockAllocator(const LargeBlockAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_large(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { release_large(p, n * sizeof(T)); }
  friend bool operator==(const LargeBlockAllocator&, const LargeBlockAllocator&) { return true; }
};

// Deleter for a block from allocate_large.
struct LargeBlockDeleter {
  std::size_t bytes = 0;
  void operator()(void* p) const noexcept { release_large(p, bytes); }
};

}  // namespace bgplens

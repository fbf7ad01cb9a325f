#include "util/large_block.h"

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace bgplens {
void* allocate_large(std::size_t bytes) {
#if defined(__linux__)
  if (bytes >= kLargeBlock) {
    // Over-map by one block, then unmap what lies outside the aligned run, so that the kernel
    // can back the whole run with 2 MiB pages.
    const std::size_t length = large_block_footprint(bytes);
    void* raw = mmap(nullptr, length + kLargeBlock, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kLargeBlock - 1) / kLargeBlock * kLargeBlock;
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t tail = start + length + kLargeBlock - (aligned + length);
    if (tail > 0) munmap(reinterpret_cast<void*>(aligned + length), tail);
    void* p = reinterpret_cast<void*>(aligned);
    madvise(p, length, MADV_HUGEPAGE);  // advice only: without THP the pages stay 4 KiB
    return p;
  }
#endif
  return ::operator new(bytes);
}

void release_large(void* p, std::size_t bytes) noexcept {
  if (p == nullptr) return;
#if defined(__linux__)
  if (bytes >= kLargeBlock) {
    munmap(p, large_block_footprint(bytes));
    return;
  }
#endif
  ::operator delete(p);
}

}  // namespace bgplens

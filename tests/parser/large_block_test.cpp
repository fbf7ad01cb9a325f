// Huge-page blocks for large tables (util/large_block.h).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "util/large_block.h"

namespace bgplens {
namespace {

TEST(LargeBlock, LargeBlocksAreAlignedToTwoMebibytesAndUsable) {
  const std::size_t bytes = 5 * kLargeBlock + 123;
  void* p = allocate_large(bytes);
  ASSERT_NE(p, nullptr);
#if defined(__linux__)
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % kLargeBlock, 0u);
#endif
  std::memset(p, 0xA5, bytes);  // every byte is writable (the sanitizers would say otherwise)
  EXPECT_EQ(static_cast<unsigned char*>(p)[bytes - 1], 0xA5);
  release_large(p, bytes);
  EXPECT_EQ(large_block_footprint(bytes), 6 * kLargeBlock);
}

TEST(LargeBlock, SmallBlocksComeFromTheHeapAndKeepTheirSize) {
  void* p = allocate_large(100);
  ASSERT_NE(p, nullptr);
  std::memset(p, 1, 100);
  release_large(p, 100);
  EXPECT_EQ(large_block_footprint(100), 100u);
  release_large(nullptr, 100);  // a no-op, as for operator delete
}

TEST(LargeBlock, VectorsGrowAcrossTheThreshold) {
  std::vector<std::uint64_t, LargeBlockAllocator<std::uint64_t>> v;
  for (std::uint64_t i = 0; i < 1'000'000; ++i)  // 8 MB: several reallocations, some large
    v.push_back(i * 3);
  std::uint64_t sum = 0;
  for (const std::uint64_t x : v)
    sum += x;
  EXPECT_EQ(sum, 3 * (999'999ull * 1'000'000ull / 2));
}

}  // namespace
}  // namespace bgplens

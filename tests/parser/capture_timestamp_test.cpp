// Capture timestamps converted to nanoseconds (capture/timestamp.h): exact where 64-bit
// nanoseconds hold the time, clamped where they do not (the fuzzer found a pcapng timestamp
// whose conversion overflowed).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "capture/timestamp.h"

namespace bgplens {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(CaptureTimestamp, SecondsAndNanosecondsAreExactInRange) {
  EXPECT_EQ(nanoseconds_since_epoch(1'795'290'009, 760'510'000), 1'795'290'009'760'510'000);
  EXPECT_EQ(nanoseconds_since_epoch(0, 0), 0);
  EXPECT_EQ(nanoseconds_since_epoch(-1, 500'000'000), -500'000'000);
}

TEST(CaptureTimestamp, SecondsBeyondTheYear2262AreClamped) {
  EXPECT_EQ(nanoseconds_since_epoch(506'040'687'107, 0), kMax);
  EXPECT_EQ(nanoseconds_since_epoch(9'223'372'036, 854'775'808), kMax);  // one past the max
  EXPECT_EQ(nanoseconds_since_epoch(9'223'372'036, 854'775'807), kMax);  // the max itself
  EXPECT_EQ(nanoseconds_since_epoch(-506'040'687'107, 0), kMin);
}

TEST(CaptureTimestamp, TicksInEveryResolution) {
  // Microseconds (the pcapng default), nanoseconds, and 2^-30 s units.
  EXPECT_EQ(ticks_to_nanoseconds(1'795'290'009'760'510, 1'000'000, 0), 1'795'290'009'760'510'000);
  EXPECT_EQ(ticks_to_nanoseconds(1'795'290'009'760'510'123, 1'000'000'000, 0),
            1'795'290'009'760'510'123);
  EXPECT_EQ(ticks_to_nanoseconds((std::uint64_t{5} << 30) + (1u << 29), 1u << 30, 0),
            5'500'000'000);
  // Units of 10^-19 s: the fraction needs more than 64 bits on the way.
  EXPECT_EQ(ticks_to_nanoseconds(15'000'000'000'000'000'000u, 10'000'000'000'000'000'000u, 0),
            1'500'000'000);
  // An if_tsoffset moves the time by whole seconds.
  EXPECT_EQ(ticks_to_nanoseconds(2'000'000, 1'000'000, 100), 102'000'000'000);
  EXPECT_EQ(ticks_to_nanoseconds(2'000'000, 1'000'000, -3), -1'000'000'000);
}

TEST(CaptureTimestamp, AbsurdTicksAndOffsetsAreClamped) {
  EXPECT_EQ(ticks_to_nanoseconds(std::numeric_limits<std::uint64_t>::max(), 1, 0), kMax);
  EXPECT_EQ(ticks_to_nanoseconds(std::numeric_limits<std::uint64_t>::max(), 1'000'000, 0), kMax);
  EXPECT_EQ(ticks_to_nanoseconds(1'000'000, 1'000'000, kMax), kMax);
  EXPECT_EQ(ticks_to_nanoseconds(0, 1'000'000, kMin), kMin);
  // A resolution of 0 (invalid) is read as the default microseconds.
  EXPECT_EQ(ticks_to_nanoseconds(1'000'000, 0, 0), 1'000'000'000);
}

}  // namespace
}  // namespace bgplens

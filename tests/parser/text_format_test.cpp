// The text forms every decoder prints through (util/text.h): addresses and prefixes, checked
// digit by digit since they are formatted by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "util/text.h"

namespace bgplens {
namespace {

TEST(TextFormat, Ipv4AddressesAtEveryDigitCount) {
  const std::array<std::uint8_t, 4> zero{0, 0, 0, 0};
  const std::array<std::uint8_t, 4> mixed{9, 10, 99, 100};
  const std::array<std::uint8_t, 4> top{255, 255, 255, 255};
  const std::array<std::uint8_t, 4> doc{192, 0, 2, 1};
  EXPECT_EQ(text::ipv4(zero.data()), "0.0.0.0");
  EXPECT_EQ(text::ipv4(mixed.data()), "9.10.99.100");
  EXPECT_EQ(text::ipv4(top.data()), "255.255.255.255");
  EXPECT_EQ(text::ipv4(doc.data()), "192.0.2.1");
  EXPECT_EQ(text::ipv4_value(0x0A0B0C0D), "10.11.12.13");
}

TEST(TextFormat, PrefixesPadTheirBytesAndPrintTheLength) {
  const std::array<std::uint8_t, 3> v4{10, 1, 128};
  EXPECT_EQ(text::prefix(Bytes(v4.data(), 3), 4, 17), "10.1.128.0/17");
  EXPECT_EQ(text::prefix(Bytes(), 4, 0), "0.0.0.0/0");
  const std::array<std::uint8_t, 4> v6{0x20, 0x01, 0x0d, 0xb8};
  EXPECT_EQ(text::prefix(Bytes(v6.data(), 4), 16, 32), "2001:db8::/32");
  const std::array<std::uint8_t, 16> full{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                          0,    0,    0,    0,    0, 0, 0, 1};
  EXPECT_EQ(text::prefix(Bytes(full.data(), 16), 16, 128), "2001:db8::1/128");
}

}  // namespace
}  // namespace bgplens

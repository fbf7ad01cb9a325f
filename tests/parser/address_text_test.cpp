// IPv6 text is formatted by hand (util/text.h) and must stay exactly what inet_ntop prints,
// the form the reference decodings hold: checked against inet_ntop itself for every pattern of
// zero and non-zero groups, the IPv4-compatible and -mapped forms, and random addresses.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>

#include "capture/ip_address.h"
#include "util/text.h"

namespace bgplens {
namespace {

std::string inet_ntop6(const std::array<std::uint8_t, 16>& bytes) {
  char buf[INET6_ADDRSTRLEN];
  return inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf) ? buf : "?";
}

std::array<std::uint8_t, 16> from_groups(const std::array<std::uint16_t, 8>& groups) {
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < 8; ++i) {
    bytes[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i]);
  }
  return bytes;
}

TEST(AddressText, Ipv6AsInetNtopForEveryPatternOfZeroGroups) {
  // Group values of every hex digit count, and 0xffff for the IPv4-mapped form.
  const std::uint16_t values[] = {1, 0xa, 0x1f, 0x2bc, 0xffff, 0x8000};
  for (unsigned zeros = 0; zeros < 256; ++zeros) {
    for (std::size_t v = 0; v < std::size(values); ++v) {
      std::array<std::uint16_t, 8> groups{};
      for (std::size_t i = 0; i < 8; ++i) {
        groups[i] = (zeros >> i & 1) ? 0 : values[(v + i) % std::size(values)];
      }
      const auto bytes = from_groups(groups);
      ASSERT_EQ(text::ipv6(bytes.data()), inet_ntop6(bytes)) << zeros << " " << v;
    }
  }
}

TEST(AddressText, Ipv6EmbeddedIpv4Forms) {
  for (const auto& groups : std::array<std::array<std::uint16_t, 8>, 7>{{
           {0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201},  // IPv4-mapped
           {0, 0, 0, 0, 0, 0, 0xc000, 0x0201},       // IPv4-compatible
           {0, 0, 0, 0, 0, 0, 0, 1},                 // ::1, not ::0.0.0.1
           {0, 0, 0, 0, 0, 0, 1, 0},
           {0, 0, 0, 0, 0, 0xfffe, 0xc000, 0x0201},
           {0, 0, 0, 0, 0xffff, 0, 0xc000, 0x0201},
           {0, 0, 0, 0, 0, 0, 0, 0},
       }}) {
    const auto bytes = from_groups(groups);
    EXPECT_EQ(text::ipv6(bytes.data()), inet_ntop6(bytes));
  }
  EXPECT_EQ(text::ipv6(from_groups({0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201}).data()),
            "::ffff:192.0.2.1");
}

TEST(AddressText, Ipv6AsInetNtopForRandomAddresses) {
  std::mt19937 random(11);
  for (int n = 0; n < 200000; ++n) {
    std::array<std::uint16_t, 8> groups{};
    for (auto& g : groups) {
      // Zero half the time, so that runs of zeros of every length and place come up.
      g = random() % 2 ? 0 : static_cast<std::uint16_t>(random() >> (random() % 16));
    }
    const auto bytes = from_groups(groups);
    ASSERT_EQ(text::ipv6(bytes.data()), inet_ntop6(bytes));
  }
}

TEST(AddressText, PrefixesAndEndpoints) {
  const std::array<std::uint8_t, 16> full{0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78,
                                          0x9a, 0xbc, 0xde, 0xf0, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(text::prefix(Bytes(full.data(), 16), 16, 128),
            "2001:db8:1234:5678:9abc:def0:ffff:ffff/128");
  EXPECT_EQ(text::prefix(Bytes(full.data(), 16), 4, 32), "32.1.13.184/32");
  EXPECT_EQ(text::prefix(Bytes(full.data(), 4), 4, 255), "32.1.13.184/255");

  Endpoint v4;
  v4.address.version = 4;
  v4.address.bytes = {203, 0, 113, 255};
  v4.port = 65535;
  EXPECT_EQ(v4.text(), "203.0.113.255:65535");
  v4.port = 0;
  EXPECT_EQ(v4.text(), "203.0.113.255:0");
  Endpoint v6;
  v6.address.version = 6;
  v6.address.bytes = full;
  v6.port = 179;
  EXPECT_EQ(v6.text(), "2001:db8:1234:5678:9abc:def0:ffff:ffff:179");
  EXPECT_EQ(v6.address.text(), "2001:db8:1234:5678:9abc:def0:ffff:ffff");
}

}  // namespace
}  // namespace bgplens

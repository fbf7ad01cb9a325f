// Bad input never crashes the BGP-LS decoders: seeded mutations (bytes changed, lengths
// bumped, the message cut short) of UPDATEs holding every NLRI type and many attribute TLVs
// decode at every depth with the same problems and a well-formed tree (decode_checked checks
// both, under the sanitizers in the Debug build).
#include <gtest/gtest.h>

#include <random>

#include "bgp/message_decoder.h"
#include "parser/bgpls_test_messages.h"
#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using namespace test::ls;

ByteVector sample_nlri() {
  const ByteVector local = tlv(256, cat({tlv(512, be32(1)), tlv(515, {0, 0, 0, 0, 0, 1})}));
  const ByteVector remote = tlv(257, tlv(515, {0, 0, 0, 0, 0, 2, 1}));
  return cat({
      nlri(1, cat({head(2, 0), local})),
      nlri(2, cat({head(2, 0), local, remote, tlv(258, cat({be32(1), be32(2)})),
                   tlv(259, {10, 0, 0, 1}), tlv(260, {10, 0, 0, 2}), tlv(263, {0, 2})})),
      nlri(3, cat({head(2, 0), local, tlv(264, {1}), tlv(265, {24, 10, 1, 2})})),
      nlri(6, cat({head(2, 0), local, tlv(518, gen::ipv6("fc00::1"))})),
  });
}

ByteVector sample_attribute() {
  return cat({
      tlv(1024, {0x80}),
      tlv(1034, cat({{0x80, 0, 0, 0, 8}, tlv(1161, {0, 0, 16})})),
      tlv(1091, ByteVector(32, 0x4c)),
      tlv(1095, {0, 0, 10}),
      tlv(1099, {0x30, 0, 0, 0, 0, 0, 16}),
      tlv(1100, {0x30, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 16}),
      tlv(1106, cat({{0, 5, 0, 0, 0, 0}, gen::ipv6("fc00::5"), tlv(1252, {32, 16, 16, 0})})),
      tlv(1115, {0, 0, 0, 1, 0, 0, 0, 2}),
      tlv(1122, cat({{1, 0, 0, 0, 0x10}, tlv(1095, {1})})),
      tlv(1159, cat({{0, 0, 0, 4}, tlv(1158, {0, 0, 0, 0, 0, 0, 16})})),
      tlv(1172, cat({be32(3), tlv(1095, {1})})),
      tlv(1251, cat({{0, 0, 0, 0}, be32(1), be32(2)})),
  });
}

TEST(BgplsMutations, DecodeWithoutCrashingAndAgreeAtEveryDepth) {
  const ByteVector original = ls_update(sample_attribute(), sample_nlri());
  const DecodedMessage clean = test::decode_checked(original, test::negotiated(true));
  ASSERT_TRUE(clean.problems.empty()) << clean.problems.at(0).message;
  ASSERT_EQ(clean.nlri.size(), 4u);

  std::mt19937 rng(9552);
  for (int round = 0; round < 800; ++round) {
    ByteVector m = original;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      // Past the 19-octet header, so that most mutations reach the BGP-LS decoders.
      const std::size_t at = 19 + rng() % (m.size() - 19);
      switch (rng() % 3) {
        case 0:
          m[at] = static_cast<std::uint8_t>(rng());
          break;
        case 1:
          m[at] = static_cast<std::uint8_t>(m[at] + 1 + rng() % 3);
          break;
        default:
          m[at] = static_cast<std::uint8_t>(m[at] - 1 - rng() % 3);
          break;
      }
    }
    if (rng() % 4 == 0) m.resize(19 + rng() % (m.size() - 19));
    SCOPED_TRACE("round " + std::to_string(round));
    test::decode_checked(m, test::negotiated(true));
  }
}

}  // namespace
}  // namespace bgplens

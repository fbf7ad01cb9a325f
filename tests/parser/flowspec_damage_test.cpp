// Damaged Flow Specification NLRI: valid rules of every family with bytes overwritten or the
// field cut short decode without crashing (the sanitizers watch the reads), with the same
// problems at every depth and every node inside its parent (decode_checked's checks).
#include <gtest/gtest.h>

#include <random>

#include "bgp/names/names.h"

#include "parser/flowspec_test_messages.h"

namespace bgplens {
namespace {

using gen::ByteVector;

struct Sample {
  Family family;
  ByteVector nlri;
};

std::vector<Sample> samples() {
  using test::concat;
  return {
      {test::kFlow4,
       {0x1d, 0x01, 0x18, 0x0a, 0x00, 0x00, 0x02, 0x10, 0x14, 0x00, 0x03, 0x01, 0x06, 0x81, 0x11,
        0x05, 0x13, 0x00, 0x50, 0xd5, 0x00, 0x5a, 0x09, 0x01, 0x02, 0xc3, 0x01, 0x0c, 0x81, 0x02}},
      {test::kFlow6,
       {0x1b, 0x01, 0x20, 0x00, 0x20, 0x01, 0x0d, 0xb8, 0x02, 0x68, 0x40, 0x12, 0x34, 0x56,
        0x78, 0x9a, 0x03, 0x81, 0x06, 0x0c, 0x81, 0x02, 0x0d, 0xa1, 0x00, 0x00, 0x07, 0xdd}},
      {test::kFlowVpn6, concat({{0x12},
                                test::rd_65000_100(),
                                {0x01, 0x40, 0x08, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00}})},
      {test::kFlowL2vpn, concat({{0x17},
                                 test::rd_65000_100(),
                                 {0x0e, 0x91, 0x08, 0x00, 0x0f, 0x06, 0xaa, 0xbb, 0xcc, 0xdd, 0xee,
                                  0xff, 0x15, 0x81, 0x64}})},
  };
}

TEST(FlowspecDamage, OverwrittenAndCutRulesDecodeConsistently) {
  std::mt19937 random(8955);
  for (const Sample& s : samples()) {
    // The sample itself is valid.
    const DecodedMessage clean =
        test::decode_checked(test::flow_update(s.family, s.nlri), test::negotiated(true));
    EXPECT_TRUE(clean.problems.empty()) << names::family(s.family);
    for (int round = 0; round < 150; ++round) {
      ByteVector nlri = s.nlri;
      const int edits = 1 + static_cast<int>(random() % 3);
      for (int e = 0; e < edits; ++e)
        nlri[random() % nlri.size()] = static_cast<std::uint8_t>(random());
      if (round % 4 == 0) nlri.resize(1 + random() % nlri.size());
      const PeerContext context = round % 2 == 0 ? test::negotiated(true) : PeerContext::unknown();
      const DecodedMessage d = test::decode_checked(test::flow_update(s.family, nlri), context);
      for (const NlriEntry& e : d.nlri)
        EXPECT_FALSE(e.text.empty());
    }
  }
}

}  // namespace
}  // namespace bgplens

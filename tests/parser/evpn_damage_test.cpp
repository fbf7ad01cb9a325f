// Damaged EVPN NLRI never crash and always decode consistently: valid routes of every type,
// with and without path identifiers, get bytes changed, inserted, deleted or cut off, and each
// message is decoded under the sanitizers at every depth with decode_checked's checks (same
// problems and counts at each depth, nodes inside their parents, an error node per problem,
// NLRI entries matching the route nodes), with and without ADD-PATH, negotiated or guessed.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;

ByteVector cat(std::initializer_list<ByteVector> parts) {
  ByteVector out;
  for (const ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

const ByteVector kRd{0, 0, 0xfd, 0xe8, 0, 0, 0, 1};
const ByteVector kEsi{3, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0, 0, 0x64};
const ByteVector kTag{0, 0, 0, 100};
const ByteVector kOrig{32, 10, 0, 0, 1};
const ByteVector kSg{32, 10, 1, 1, 1, 32, 232, 1, 1, 1};

// One valid route of each type 1–11 (RFC 7432 §7, RFC 9136, RFC 9251 §9, RFC 9572 §3).
std::vector<ByteVector> valid_routes() {
  const ByteVector imet = cat({{3, 17}, kRd, kTag, kOrig});
  return {
      cat({{1, 25}, kRd, kEsi, kTag, {0, 6, 0x41}}),
      cat({{2, 40}, kRd, kEsi, kTag, {48, 1, 2, 3, 4, 5, 6}, kOrig, {0, 6, 0x40}, {0, 0x27, 0x1a}}),
      imet,
      cat({{4, 23}, kRd, kEsi, kOrig}),
      cat({{5, 34}, kRd, kEsi, kTag, {24, 10, 0, 0, 0}, {0, 0, 0, 0}, {0, 0x13, 0x88}}),
      cat({{6, 29}, kRd, kTag, kSg, kOrig, {0x0c}}),
      cat({{7, 39}, kRd, kEsi, kTag, kSg, kOrig, {0x02}}),
      cat({{8, 44}, kRd, kEsi, kTag, kSg, kOrig, {0, 0, 0, 0}, {10}, {0x01}}),
      cat({{9, 20}, kRd, kTag, {0, 2, 0xfd, 0xe8, 0, 0, 0, 1}}),
      cat({{10, 27}, kRd, kTag, kSg, kOrig}),
      cat({{11, 24}, imet, kOrig}),
  };
}

ByteVector message(const ByteVector& nlri, bool withdraw) {
  if (withdraw) return gen::update({{}, {gen::attribute(0x90, 15, cat({{0, 25, 70}, nlri}))}, {}});
  return gen::update({{},
                      {gen::origin(0), gen::as_path({}, false),
                       gen::attribute(0x90, 14, cat({{0, 25, 70, 4, 192, 0, 2, 1, 0}, nlri}))},
                      {}});
}

TEST(EvpnDamage, DamagedRoutesDecodeConsistentlyUnderEveryContext) {
  const std::vector<ByteVector> routes = valid_routes();
  const Family evpn{afi::kL2vpn, 70};
  const PeerContext contexts[] = {test::negotiated(true), test::negotiated(true, {evpn}),
                                  PeerContext::unknown()};
  std::mt19937 rng(7432);
  const auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  for (int i = 0; i < 400; ++i) {
    const bool ids = below(2) == 0;
    ByteVector nlri;
    for (std::size_t n = 1 + below(3); n > 0; --n) {
      if (ids) nlri.insert(nlri.end(), {0, 0, 0, static_cast<std::uint8_t>(below(256))});
      const ByteVector& r = routes[below(routes.size())];
      nlri.insert(nlri.end(), r.begin(), r.end());
    }
    for (std::size_t k = below(4); k > 0 && !nlri.empty(); --k) {
      const std::size_t at = below(nlri.size());
      switch (below(4)) {
        case 0:
          nlri[at] = static_cast<std::uint8_t>(rng());
          break;
        case 1:
          nlri.erase(nlri.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 2:
          nlri.insert(nlri.begin() + static_cast<std::ptrdiff_t>(at),
                      static_cast<std::uint8_t>(rng()));
          break;
        default:
          nlri.resize(at);
          break;
      }
    }
    const ByteVector m = message(nlri, below(3) == 0);
    for (const PeerContext& c : contexts) {
      SCOPED_TRACE("message " + std::to_string(i));
      test::decode_checked(m, c);
    }
  }
}

}  // namespace
}  // namespace bgplens

// UPDATEs around one NLRI field of any family, for the NLRI decoder tests, with fixed offsets:
//
// reach_update(): ORIGIN at 23 (4 bytes), an empty AS_PATH at 27 (40 02 00), MP_REACH_NLRI at
// 30 (flags 30, code 31, length 32; AFI 33–34, SAFI 35, next hop length 36, the next hop
// 192.0.2.1 at 37–40, reserved 41): the NLRI begin at 42.
// unreach_update(): MP_UNREACH_NLRI at 23 (flags 23, code 24, length 25; AFI 26–27, SAFI 28):
// the withdrawn routes begin at 29.
#pragma once

#include <cstdint>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "gen/message_builder.h"

namespace bgplens::test {

inline constexpr std::uint32_t kReachNlri = 42;
inline constexpr std::uint32_t kUnreachNlri = 29;

inline gen::ByteVector family_header(Family f) {
  return {static_cast<std::uint8_t>(f.afi >> 8), static_cast<std::uint8_t>(f.afi), f.safi};
}

inline gen::ByteVector reach_update(Family f, const gen::ByteVector& nlri) {
  gen::ByteVector value = family_header(f);
  value.insert(value.end(), {4, 192, 0, 2, 1, 0});
  value.insert(value.end(), nlri.begin(), nlri.end());
  return gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::attribute(0x80, 14, value)}, {}});
}

inline gen::ByteVector unreach_update(Family f, const gen::ByteVector& nlri) {
  gen::ByteVector value = family_header(f);
  value.insert(value.end(), nlri.begin(), nlri.end());
  return gen::update({{}, {gen::attribute(0x80, 15, value)}, {}});
}

// The nodes of whole NLRI (one per NLRI, of any family), in order.
inline std::vector<std::uint32_t> nlri_nodes(const FieldTree& t) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    if (is_nlri_entry(t.node(i).field)) out.push_back(i);
  }
  return out;
}

// A session context without ADD-PATH whose receiver takes `labels` labels for `f` (RFC 8277
// §2.1, the Multiple Labels capability).
inline PeerContext with_multiple_labels(PeerContext c, Family f, std::uint8_t labels) {
  c.multiple_labels.push_back({f, labels});
  c.multiple_labels_from = Provenance::Negotiated;
  return c;
}

}  // namespace bgplens::test

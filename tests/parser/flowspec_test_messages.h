// UPDATEs around one Flow Specification NLRI field, for the flowspec tests. flow_update():
// ORIGIN at 23, an empty AS_PATH at 27, MP_REACH_NLRI at 30 (flags 30, code 31, length 32; AFI
// 33-34, SAFI 35, next hop length 0 at 36, reserved 37): the rules begin at 38 (39 when the
// attribute needs the extended length). For withdrawals, nlri_test_messages.h's
// unreach_update() puts them at 29.
#pragma once

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "parser/decode_helpers.h"
#include "parser/nlri_test_messages.h"
#include "util/text.h"

namespace bgplens::test {

inline constexpr std::uint32_t kFlowNlri = 38;
inline constexpr Family kFlow4{1, 133};
inline constexpr Family kFlow6{2, 133};
inline constexpr Family kFlowVpn4{1, 134};
inline constexpr Family kFlowVpn6{2, 134};
inline constexpr Family kFlowL2vpn{25, 134};

inline gen::ByteVector flow_update(Family f, const gen::ByteVector& nlri) {
  gen::ByteVector value = family_header(f);
  value.insert(value.end(), {0, 0});  // next hop length 0 (RFC 8955 §6), reserved
  value.insert(value.end(), nlri.begin(), nlri.end());
  return gen::update(
      {{}, {gen::origin(0), gen::as_path({}, false), gen::attribute(0x80, 14, value)}, {}});
}

// Route Distinguisher 65000:100 (type 0).
inline gen::ByteVector rd_65000_100() {
  return {0x00, 0x00, 0xfd, 0xe8, 0x00, 0x00, 0x00, 0x64};
}

inline gen::ByteVector concat(std::initializer_list<gen::ByteVector> parts) {
  gen::ByteVector out;
  for (const gen::ByteVector& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

// The text of the only rule of `nlri`, decoded in a session without ADD-PATH.
inline std::string only_rule_text(Family f, const gen::ByteVector& nlri) {
  const DecodedMessage d = decode_checked(flow_update(f, nlri), negotiated(true));
  if (d.nlri.size() == 1) return d.nlri[0].text;
  return text::cat("(", std::to_string(d.nlri.size()), " rules)");
}

}  // namespace bgplens::test

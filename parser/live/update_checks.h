// What a received UPDATE's decode problems mean for the session (RFC 7606). Most malformed
// UPDATEs are handled without a reset — treat-as-withdraw, attribute discard, AFI/SAFI disable
// (RFC 7606 §2) — and are only reported; the errors RFC 7606 §4 and §5 keep as session resets
// get a NOTIFICATION 3/x (RFC 4271 §6.3).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "live/session_events.h"

namespace bgplens::live {

struct UpdateVerdict {
  std::optional<Notification> reset;  // the NOTIFICATION to send, for a session reset
  std::string reset_text;
  // Problems handled without a reset, one line each: "treat-as-withdraw: …".
  std::vector<std::string> tolerated;
};

// `decoded` is the decoder's result for the UPDATE `message` (any depth from Summary).
UpdateVerdict judge_update(Bytes message, const DecodedMessage& decoded);

// The path attribute (flags, type, length, value) that contains `offset`, if `offset` lies in
// the UPDATE's path attribute list and the list is well formed up to there.
std::optional<Bytes> attribute_at(Bytes message, std::uint32_t offset);

}  // namespace bgplens::live

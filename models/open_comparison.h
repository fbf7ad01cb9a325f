// The two OPENs of a session side by side: the header values, then every capability either
// OPEN advertised, and what the session uses. What changes how messages read (4-octet AS,
// ADD-PATH, Extended Message, Multiple Labels, Extended Next Hop) comes from the parser's
// negotiate() through the session's latest decode contexts; for the rest, a capability is in
// use when both speakers advertised it (RFC 5492 §3).
#pragma once

#include <QString>
#include <array>
#include <vector>

#include "session_index.h"

namespace bgplens {

struct CapabilityRow {
  QString name;                 // "ADD-PATH IPv4 unicast (1/1)"
  std::array<QString, 2> sent;  // what the OPEN of side A and of side B say; "" when absent
  QString effect;               // what the session uses
  bool in_effect = false;       // a capability the session uses (highlighted)
};

// Empty when the capture has neither OPEN of the session.
std::vector<CapabilityRow> compare_opens(const SessionIndex& index, std::uint32_t session);

}  // namespace bgplens

// Sessions (TCP connections carrying BGP) and the decode contexts of their directions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "capture/ip_address.h"

namespace bgplens {

struct SessionInfo {
  std::uint32_t id = 0;
  Endpoint a;  // the endpoint that sent the first segment seen
  Endpoint b;
  std::int64_t first_time_ns = 0;
  // "10.0.0.1:179 → 10.0.0.2:50179" for direction 0 (a → b) or 1.
  std::string direction_text(std::uint8_t direction) const;
  const Endpoint& source(std::uint8_t direction) const { return direction == 0 ? a : b; }
  const Endpoint& destination(std::uint8_t direction) const { return direction == 0 ? b : a; }
};

// Append-only: a message record refers to a context by index, and contexts never change, so
// a record decodes the same way whenever it is decoded. A new OPEN adds new contexts.
struct ContextTable {
  std::vector<PeerContext> contexts;
  std::vector<SessionInfo> sessions;
};

}  // namespace bgplens

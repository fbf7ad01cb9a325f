// Fuzz inputs carry the session context in their first two bytes, so that every decoding path
// that depends on it (2- or 4-octet AS numbers, ADD-PATH per family, extended messages,
// multiple labels, extended next hop, heuristics) is exercised.
#pragma once

#include <cstdint>

#include "bgp/peer_context.h"

namespace bgplens::fuzz {

inline constexpr std::size_t kContextBytes = 2;

PeerContext context_from(std::uint8_t a, std::uint8_t b);
// The two bytes that make context_from() give `ctx` back (as far as they can say it).
void context_bytes(const PeerContext& ctx, std::uint8_t& a, std::uint8_t& b);

}  // namespace bgplens::fuzz

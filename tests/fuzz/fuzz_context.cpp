#include "fuzz_context.h"

#include <array>

namespace bgplens::fuzz {
namespace {

// The families whose ADD-PATH bit is in the second byte.
constexpr std::array<Family, 8> kFamilies{
    {{1, 1}, {2, 1}, {1, 4}, {2, 4}, {1, 128}, {2, 128}, {25, 70}, {1, 133}}};

}  // namespace

PeerContext context_from(std::uint8_t a, std::uint8_t b) {
  PeerContext c;
  c.open_sent = 0;
  c.open_received = 1;
  // Bits 0-1: where the context comes from; heuristics when 3.
  const Provenance from = (a & 3) == 3   ? Provenance::Heuristic
                          : (a & 3) == 2 ? Provenance::OneOpen
                                         : Provenance::Negotiated;
  if (from == Provenance::Heuristic) c.open_sent.reset(), c.open_received.reset();
  if (from == Provenance::OneOpen) c.open_received.reset();
  c.as4 = (a & 4) != 0;
  c.as4_from = from;
  c.extended_message = (a & 8) != 0;
  c.extended_message_from = from;
  c.add_path_from = from;
  for (std::size_t i = 0; i < kFamilies.size(); ++i) {
    if (b & (1u << i)) c.add_path.push_back(kFamilies[i]);
  }
  if (a & 0x10) c.multiple_labels = {{{1, 4}, 3}, {{2, 4}, 2}, {{1, 128}, 3}};
  c.multiple_labels_from = from;
  if (a & 0x20) c.extended_next_hop = {{{1, 1}, 2}, {{1, 128}, 2}};
  c.extended_next_hop_from = from;
  return c;
}

void context_bytes(const PeerContext& ctx, std::uint8_t& a, std::uint8_t& b) {
  a = ctx.as4_from == Provenance::Heuristic ? 3 : ctx.as4_from == Provenance::OneOpen ? 2 : 0;
  if (ctx.as4) a |= 4;
  if (ctx.extended_message) a |= 8;
  if (!ctx.multiple_labels.empty()) a |= 0x10;
  if (!ctx.extended_next_hop.empty()) a |= 0x20;
  b = 0;
  for (std::size_t i = 0; i < kFamilies.size(); ++i) {
    if (ctx.has_add_path(kFamilies[i])) b |= static_cast<std::uint8_t>(1u << i);
  }
}

}  // namespace bgplens::fuzz

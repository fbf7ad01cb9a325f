// libFuzzer target: one BGP message with a session context (fuzz_context.h), decoded at every
// depth. Beyond the sanitizers it checks what must hold for any input: the depths agree on
// counts and problems, every node lies inside the message and inside its parent.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bgp/message_decoder.h"
#include "fuzz_context.h"

using namespace bgplens;

namespace {

// Aborts (which libFuzzer reports as a crash) naming the invariant that failed.
// (__builtin_LINE: clang 14 with libstdc++ 12 has no std::source_location.)
void check(bool condition, int line = __builtin_LINE()) {
  if (condition) return;
  std::fprintf(stderr, "fuzz_message.cpp:%d: invariant failed\n", line);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < fuzz::kContextBytes) return 0;
  const PeerContext ctx = fuzz::context_from(data[0], data[1]);
  // The message in a buffer of its exact size, so that any read past it is caught.
  const std::vector<std::uint8_t> message(data + fuzz::kContextBytes, data + size);
  const DecodedMessage summary = decode_message(message, ctx, Depth::Summary);
  const DecodedMessage detail = decode_message(message, ctx, Depth::Detail);
  const DecodedMessage tree = decode_message(message, ctx, Depth::Tree);
  check(summary.problems.size() == tree.problems.size());
  check(detail.problems.size() == tree.problems.size());
  check(summary.update.announced == tree.update.announced);
  check(summary.update.withdrawn == tree.update.withdrawn);
  check(detail.nlri.size() <= message.size());
  const FieldTree& t = tree.tree;
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    const FieldNode& n = t.node(i);
    check(n.offset <= message.size() && n.length <= message.size() - n.offset);
    const FieldNode& p = t.node(static_cast<std::uint32_t>(n.parent));
    if (n.length > 0 && n.parent > 0 && p.length > 0) {
      check(n.offset >= p.offset && n.offset + n.length <= p.offset + p.length);
    }
    (void)t.value(i);
  }
  for (const DecodeProblem& p : tree.problems)
    check(p.offset <= message.size());
  return 0;
}

// ExaBGP's decoding corpus (../shared/exabgp-qa/cases.jsonl): every raw message decodes under
// the sanitizers without a crash, with the context the case assumes, and the walk is
// consistent: the same problems at every depth, every node's bytes inside its parent's.
// (exabgp_expected_test.cpp compares the decoded NLRI and attribute values with ExaBGP's JSON.)
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "exabgp_case.h"

namespace bgplens::test {
namespace {

void check_nesting(const FieldTree& t, const std::string& name) {
  for (std::uint32_t i = 1; i < t.size(); ++i) {
    const FieldNode& n = t.node(i);
    const FieldNode& p = t.node(static_cast<std::uint32_t>(n.parent));
    if (n.length == 0 || n.parent == 0 || p.length == 0) continue;
    EXPECT_GE(n.offset, p.offset) << name << " node " << i;
    EXPECT_LE(n.offset + n.length, p.offset + p.length) << name << " node " << i;
  }
}

TEST(ExabgpCorpus, EveryMessageDecodesConsistently) {
  const std::vector<ExabgpCase> cases = load_exabgp_cases();
  ASSERT_FALSE(cases.empty()) << "missing " << exabgp_cases_path();
  int decoded = 0;
  for (const ExabgpCase& c : cases) {
    if (!c.has_message()) continue;  // the one bare NLRI of the corpus has no message around it
    const std::string& name = c.name;
    const std::vector<std::uint8_t>& bytes = c.bytes;
    const PeerContext ctx = context_of(c.context());
    const DecodedMessage tree = decode_message(bytes, ctx, Depth::Tree);
    const DecodedMessage summary = decode_message(bytes, ctx, Depth::Summary);
    EXPECT_EQ(tree.type, bytes[18]) << name;
    EXPECT_EQ(tree.declared_length, bytes.size()) << name;
    EXPECT_EQ(tree.problems.size(), summary.problems.size()) << name;
    EXPECT_EQ(tree.update.announced, summary.update.announced) << name;
    EXPECT_EQ(tree.update.withdrawn, summary.update.withdrawn) << name;
    check_nesting(tree.tree, name);
    ++decoded;
  }
  EXPECT_GT(decoded, 400);
}

}  // namespace
}  // namespace bgplens::test

// Helpers shared by the parser tests: decode with every consistency check applied, build
// negotiated contexts, find and check nodes and problems. Defined in decode_helpers.cpp.
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "util/bytes.h"

namespace bgplens::test {

DecodedMessage decode_checked(Bytes bytes, const PeerContext& context);
PeerContext negotiated(bool as4, std::vector<Family> add_path = {}, bool extended_message = false);
std::uint32_t message_node(const FieldTree& t);
std::vector<std::uint32_t> children(const FieldTree& t, std::uint32_t parent, FieldId id);
std::uint32_t only(const FieldTree& t, std::uint32_t parent, FieldId id);
void expect_node(const FieldTree& t, std::uint32_t node, FieldId id, std::uint32_t offset,
                 std::uint32_t length, std::string_view value, std::uint32_t mask = 0);
void expect_problem(const DecodeProblem& p, std::uint32_t offset, std::uint32_t length,
                    Severity severity, Treatment treatment, std::string_view text);
// Nodes lie inside their parents, masks fit, severities propagate.
::testing::AssertionResult tree_well_formed(const FieldTree& tree);
// Every problem has its error node and every error node is a problem.
::testing::AssertionResult problems_have_nodes(const DecodedMessage& m);
// Summary, Detail and Tree decodings of one message agree; the tree is well formed.
::testing::AssertionResult depths_agree(const DecodedMessage& summary, const DecodedMessage& detail,
                                        const DecodedMessage& tree);
// The Detail NLRI list matches the tree's Prefix nodes.
::testing::AssertionResult nlri_match_tree(const DecodedMessage& detail, const FieldTree& tree);

}  // namespace bgplens::test

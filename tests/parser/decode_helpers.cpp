// The shared parser-test helpers (decode_helpers.h) and the invariant checks they apply.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "test_support.h"

#include "parser/decode_helpers.h"

namespace bgplens::test {

// A context as both OPENs of a session settle it (RFC 6793 §3, RFC 7911 §4, RFC 8654 §3).
PeerContext negotiated(bool as4, std::vector<Family> add_path, bool extended_message) {
  PeerContext c;
  c.as4 = as4;
  c.as4_from = Provenance::Negotiated;
  c.add_path = std::move(add_path);
  c.add_path_from = Provenance::Negotiated;
  c.extended_message = extended_message;
  c.extended_message_from = Provenance::Negotiated;
  c.open_sent = 1;
  c.open_received = 2;
  return c;
}

// The top-level Message node (an UPDATE has its Decoding context node before it).
std::uint32_t message_node(const FieldTree& t) {
  for (std::uint32_t r = 0; r < t.child_count(FieldTree::kRoot); ++r) {
    const std::uint32_t c = t.child(FieldTree::kRoot, r);
    if (t.node(c).field == FieldId::Message) return c;
  }
  ADD_FAILURE() << "no Message node";
  return 0;
}

// The children of `parent` with field `id`, in order.
std::vector<std::uint32_t> children(const FieldTree& t, std::uint32_t parent, FieldId id) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t r = 0; r < t.child_count(parent); ++r) {
    if (t.node(t.child(parent, r)).field == id) out.push_back(t.child(parent, r));
  }
  return out;
}

// The one child of `parent` with field `id`; a failure when there is not exactly one.
std::uint32_t only(const FieldTree& t, std::uint32_t parent, FieldId id) {
  const auto all = children(t, parent, id);
  EXPECT_EQ(all.size(), 1u) << field_info(id).key << " under " << t.path_text(parent);
  return all.empty() ? 0 : all.front();
}

// Checks a node's field, byte range, value text and bit mask.
void expect_node(const FieldTree& t, std::uint32_t node, FieldId id, std::uint32_t offset,
                 std::uint32_t length, std::string_view value, std::uint32_t mask) {
  SCOPED_TRACE(t.path_text(node));
  EXPECT_EQ(t.node(node).field, id) << field_info(t.node(node).field).key;
  EXPECT_EQ(t.node(node).offset, offset);
  EXPECT_EQ(t.node(node).length, length);
  EXPECT_EQ(t.value(node), value);
  EXPECT_EQ(t.node(node).mask, mask);
}

// Checks a problem's byte range, severity and treatment, and that its message says `text`.
void expect_problem(const DecodeProblem& p, std::uint32_t offset, std::uint32_t length,
                    Severity severity, Treatment treatment, std::string_view text) {
  EXPECT_EQ(p.offset, offset) << p.message;
  EXPECT_EQ(p.length, length) << p.message;
  EXPECT_EQ(p.severity, severity) << p.message;
  EXPECT_EQ(p.treatment, treatment) << p.message;
  EXPECT_NE(p.message.find(text), std::string::npos) << p.message;
}

// Structural invariants of a field tree: parent/child tables agree, every node with bytes lies
// inside its parent's byte range (zero-length info nodes may sit anywhere), masks fit the
// node's bytes, and worst_below covers the node's own severity.
::testing::AssertionResult tree_well_formed(const FieldTree& tree) {
  if (tree.size() == 0) return ::testing::AssertionFailure() << "empty tree (no root)";
  const FieldNode& root = tree.node(FieldTree::kRoot);
  if (root.offset != 0 || root.parent != -1)
    return ::testing::AssertionFailure() << "root is not at offset 0 without a parent";
  for (std::uint32_t i = 1; i < tree.size(); ++i) {
    const FieldNode& n = tree.node(i);
    const std::string where = "node " + std::to_string(i) + " (" +
                              std::string(field_info(n.field).key) + " at " +
                              std::to_string(n.offset) + "+" + std::to_string(n.length) + ")";
    if (n.parent < 0 || static_cast<std::size_t>(n.parent) >= tree.size() ||
        static_cast<std::uint32_t>(n.parent) == i) {
      return ::testing::AssertionFailure() << where << " has a bad parent " << n.parent;
    }
    const auto parent_index = static_cast<std::uint32_t>(n.parent);
    if (n.row >= tree.child_count(parent_index) || tree.child(parent_index, n.row) != i)
      return ::testing::AssertionFailure() << where << " is not its parent's child " << n.row;
    const FieldNode& p = tree.node(parent_index);
    if (n.length > 0) {
      const std::uint64_t end = std::uint64_t{n.offset} + n.length;
      const std::uint64_t parent_end = std::uint64_t{p.offset} + p.length;
      if (n.offset < p.offset || end > parent_end) {
        return ::testing::AssertionFailure()
               << where << " lies outside its parent " << tree.path_text(parent_index) << " at "
               << p.offset << "+" << p.length;
      }
    }
    if (n.mask != 0 && n.length < 4 && (n.mask >> (8 * n.length)) != 0)
      return ::testing::AssertionFailure() << where << " has mask " << n.mask << " wider than it";
    if (n.worst_below < n.severity)
      return ::testing::AssertionFailure() << where << " has worst_below under its severity";
    for (std::uint32_t r = 0; r < tree.child_count(i); ++r) {
      if (tree.node(tree.child(i, r)).parent != static_cast<std::int32_t>(i))
        return ::testing::AssertionFailure() << where << " lists a child that is not its own";
    }
  }
  return ::testing::AssertionSuccess();
}

// Every problem of a Depth::Tree decoding has an error node with its byte range and severity,
// and every warning or error node is a problem.
::testing::AssertionResult problems_have_nodes(const DecodedMessage& m) {
  std::multiset<std::tuple<std::uint32_t, std::uint32_t, Severity>> nodes;
  for (std::uint32_t i = 1; i < m.tree.size(); ++i) {
    const FieldNode& n = m.tree.node(i);
    if (n.field == FieldId::ErrorNode && n.severity >= Severity::Warning)
      nodes.emplace(n.offset, n.length, n.severity);
  }
  for (const DecodeProblem& p : m.problems) {
    auto it = nodes.find({p.offset, p.length, p.severity});
    if (it == nodes.end()) {
      return ::testing::AssertionFailure() << "problem without an error node: " << p.message
                                           << " at " << p.offset << "+" << p.length;
    }
    nodes.erase(it);
  }
  if (!nodes.empty()) {
    return ::testing::AssertionFailure()
           << nodes.size() << " error nodes without a problem, first at "
           << std::get<0>(*nodes.begin());
  }
  return ::testing::AssertionSuccess();
}

namespace {

::testing::AssertionResult same_open(const std::optional<OpenValues>& a,
                                     const std::optional<OpenValues>& b) {
  if (a.has_value() != b.has_value()) return ::testing::AssertionFailure() << "OPEN presence";
  if (!a) return ::testing::AssertionSuccess();
  const bool add_path_equal =
      std::equal(a->add_path.begin(), a->add_path.end(), b->add_path.begin(), b->add_path.end(),
                 [](const AddPathOffer& x, const AddPathOffer& y) {
                   return x.family == y.family && x.send_receive == y.send_receive;
                 });
  if (a->version != b->version || a->my_as != b->my_as || a->hold_time != b->hold_time ||
      a->bgp_id != b->bgp_id || a->as4 != b->as4 || a->capabilities_seen != b->capabilities_seen ||
      a->multiprotocol != b->multiprotocol || !add_path_equal ||
      a->route_refresh != b->route_refresh || a->extended_message != b->extended_message ||
      a->graceful_restart != b->graceful_restart) {
    return ::testing::AssertionFailure() << "OPEN values differ";
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult same_summary(const DecodedMessage& a, const DecodedMessage& b) {
  if (a.type != b.type || a.declared_length != b.declared_length ||
      a.available_length != b.available_length) {
    return ::testing::AssertionFailure() << "header values differ";
  }
  const UpdateCounts& u = a.update;
  const UpdateCounts& v = b.update;
  if (u.announced != v.announced || u.withdrawn != v.withdrawn ||
      u.family_count != v.family_count || u.end_of_rib != v.end_of_rib ||
      !std::equal(u.families.begin(), u.families.begin() + u.family_count, v.families.begin())) {
    return ::testing::AssertionFailure()
           << "UPDATE counts differ: +" << u.announced << "/-" << u.withdrawn << " vs +"
           << v.announced << "/-" << v.withdrawn;
  }
  if (auto r = same_open(a.open, b.open); !r) return r;
  if (a.notification != b.notification || a.refresh_family != b.refresh_family)
    return ::testing::AssertionFailure() << "NOTIFICATION or ROUTE-REFRESH values differ";
  if (a.problems.size() != b.problems.size())
    return ::testing::AssertionFailure()
           << a.problems.size() << " problems vs " << b.problems.size();
  for (std::size_t i = 0; i < a.problems.size(); ++i) {
    const DecodeProblem& p = a.problems[i];
    const DecodeProblem& q = b.problems[i];
    if (p.offset != q.offset || p.length != q.length || p.severity != q.severity ||
        p.treatment != q.treatment || p.message != q.message) {
      return ::testing::AssertionFailure()
             << "problem " << i << " differs: " << p.message << " vs " << q.message;
    }
  }
  return ::testing::AssertionSuccess();
}

bool same_ranges(const std::vector<ItemRange>& a, const std::vector<ItemRange>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.code == y.code && x.offset == y.offset && x.length == y.length;
  });
}

::testing::AssertionResult same_items(const DecodedMessage& a, const DecodedMessage& b) {
  if (!same_ranges(a.capabilities, b.capabilities))
    return ::testing::AssertionFailure() << "capability ranges differ";
  if (!same_ranges(a.attributes, b.attributes))
    return ::testing::AssertionFailure() << "attribute ranges differ";
  if (a.nlri.size() != b.nlri.size())
    return ::testing::AssertionFailure() << a.nlri.size() << " NLRI vs " << b.nlri.size();
  for (std::size_t i = 0; i < a.nlri.size(); ++i) {
    const NlriEntry& x = a.nlri[i];
    const NlriEntry& y = b.nlri[i];
    if (x.action != y.action || x.family != y.family || x.offset != y.offset ||
        x.length != y.length || x.path_id != y.path_id || x.plain_prefix != y.plain_prefix ||
        x.text != y.text) {
      return ::testing::AssertionFailure() << "NLRI " << i << " differs: " << x.text;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

// The NLRI nodes of the tree, in pre-order, are the NLRI entries of the Detail decoding.
::testing::AssertionResult nlri_match_tree(const DecodedMessage& detail, const FieldTree& tree) {
  std::size_t k = 0;
  for (std::uint32_t i = 1; i < tree.size(); ++i) {
    const FieldNode& n = tree.node(i);
    if (!is_nlri_entry(n.field)) continue;
    if (k >= detail.nlri.size())
      return ::testing::AssertionFailure() << "more NLRI nodes than NLRI entries";
    const NlriEntry& e = detail.nlri[k++];
    if (n.offset != e.offset || n.length != e.length) {
      return ::testing::AssertionFailure() << "Prefix node at " << n.offset << "+" << n.length
                                           << " vs NLRI entry at " << e.offset << "+" << e.length;
    }
    const std::string expected =
        e.path_id ? e.text + " path " + std::to_string(*e.path_id) : e.text;
    if (tree.value(i) != expected)
      return ::testing::AssertionFailure()
             << "Prefix node '" << tree.value(i) << "' vs " << expected;
  }
  if (k != detail.nlri.size())
    return ::testing::AssertionFailure() << "fewer Prefix nodes than NLRI entries";
  return ::testing::AssertionSuccess();
}

// The Summary, Detail and Tree decodings of one message agree with one another and the tree
// is well formed.
::testing::AssertionResult depths_agree(const DecodedMessage& summary, const DecodedMessage& detail,
                                        const DecodedMessage& tree) {
  if (auto r = same_summary(summary, detail); !r) return r << " (Summary vs Detail)";
  if (auto r = same_summary(detail, tree); !r) return r << " (Detail vs Tree)";
  if (!summary.capabilities.empty() || !summary.attributes.empty() || !summary.nlri.empty())
    return ::testing::AssertionFailure() << "Depth::Summary filled item lists";
  if (summary.tree.size() != 0 || detail.tree.size() != 0)
    return ::testing::AssertionFailure() << "a tree was built below Depth::Tree";
  if (auto r = same_items(detail, tree); !r) return r << " (Detail vs Tree)";
  if (auto r = tree_well_formed(tree.tree); !r) return r;
  if (auto r = problems_have_nodes(tree); !r) return r;
  return nlri_match_tree(detail, tree.tree);
}

// Decodes `bytes` at every depth, checks that the decodings agree and the tree is well
// formed, and returns the Depth::Tree decoding.
DecodedMessage decode_checked(Bytes bytes, const PeerContext& context) {
  // An exactly sized copy, so that the sanitizer sees any read past the message's end.
  const std::vector<std::uint8_t> exact(bytes.begin(), bytes.end());
  const Bytes message(exact);
  const DecodedMessage summary = decode_message(message, context, Depth::Summary);
  const DecodedMessage detail = decode_message(message, context, Depth::Detail);
  DecodedMessage tree = decode_message(message, context, Depth::Tree);
  EXPECT_TRUE(depths_agree(summary, detail, tree));
  return tree;
}

}  // namespace bgplens::test

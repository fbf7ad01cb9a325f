// Invariants every decoding must satisfy, whatever the message: the three depths agree, the
// item lists agree with the field tree, every node lies inside its parent, every problem has
// its error node. The checkers here are shared with the other parser test files (which
// declare them) and are applied below to the messages of every capture in the shared data.
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

namespace bgplens::test {

// Helpers shared by the parser test files, which declare the ones they use (there is no
// shared test header for the parser tests).
DecodedMessage decode_checked(Bytes bytes, const PeerContext& context);
PeerContext negotiated(bool as4, std::vector<Family> add_path = {}, bool extended_message = false);
std::uint32_t message_node(const FieldTree& t);
std::vector<std::uint32_t> children(const FieldTree& t, std::uint32_t parent, FieldId id);
std::uint32_t only(const FieldTree& t, std::uint32_t parent, FieldId id);
void expect_node(const FieldTree& t, std::uint32_t node, FieldId id, std::uint32_t offset,
                 std::uint32_t length, std::string_view value, std::uint32_t mask = 0);
void expect_problem(const DecodeProblem& p, std::uint32_t offset, std::uint32_t length,
                    Severity severity, Treatment treatment, std::string_view text);
::testing::AssertionResult nlri_match_tree(const DecodedMessage& detail, const FieldTree& tree);

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

// The Prefix nodes of the tree, in pre-order, are the NLRI entries of the Detail decoding.
::testing::AssertionResult nlri_match_tree(const DecodedMessage& detail, const FieldTree& tree) {
  std::size_t k = 0;
  for (std::uint32_t i = 1; i < tree.size(); ++i) {
    const FieldNode& n = tree.node(i);
    if (n.field != FieldId::Prefix) continue;
    if (k >= detail.nlri.size())
      return ::testing::AssertionFailure() << "more Prefix nodes than NLRI entries";
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

namespace bgplens {
namespace {

using test::decode_checked;
using test::negotiated;

// A handful of messages of every type, well formed and not, that the depth checks run over.
std::vector<gen::ByteVector> sample_messages() {
  using namespace gen;
  std::vector<ByteVector> out;
  OpenSpec spec;
  spec.as4 = 4200000001u;
  spec.add_path = {{kIpv4Unicast, 3}};
  spec.graceful_restart = GracefulRestart{300, true, false, {kIpv4Unicast}};
  spec.extra_capabilities = {{200, {1, 2, 3}}};
  out.push_back(open(spec));
  out.push_back(update({{prefix("10.9.0.0/16", 4)},
                        {origin(0), as_path({{2, {4200000001u, 65001}}}, true),
                         next_hop("192.0.2.1"), med(5), communities({0xFFFFFF01})},
                        {prefix("10.0.0.0/24", 1), prefix("10.0.1.0/24", 2)}}));
  out.push_back(update({{},
                        {origin(2), as_path({}, true),
                         mp_reach({afi::kIpv6, safi::kUnicast}, gen::ipv6("2001:db8::1"),
                                  {prefix("2001:db8:1::/48")})},
                        {}}));
  out.push_back(update({{}, {mp_unreach({afi::kIpv6, safi::kUnicast}, {})}, {}}));
  out.push_back(update({}));
  const ByteVector shutdown_text{3, 'b', 'y', 'e'};
  out.push_back(notification(6, 2, shutdown_text));
  out.push_back(route_refresh(kIpv4Unicast, 1));
  out.push_back(keepalive());
  // Malformed: an attribute overrunning the list, a prefix too long, a truncated message.
  ByteVector bad = update({{}, {origin(0), communities({1, 2})}, {prefix("10.0.0.0/8", 9)}});
  bad[23 + 4 + 2] = 40;
  out.push_back(bad);
  ByteVector long_prefix = update({{}, {}, {prefix("10.0.0.0/8", 1)}});
  long_prefix[23 + 4] = 40;
  out.push_back(long_prefix);
  ByteVector cut = open(spec);
  cut.resize(cut.size() - 7);
  out.push_back(cut);
  return out;
}

TEST(DecodeConsistency, AllDepthsAgreeForBuiltMessagesInBothContexts) {
  for (const gen::ByteVector& m : sample_messages()) {
    SCOPED_TRACE(testing::Message()
                 << "message of " << m.size() << " bytes, type " << int(m.size() > 18 ? m[18] : 0));
    decode_checked(m, negotiated(true, {kIpv4Unicast}));
    decode_checked(m, negotiated(false));
    decode_checked(m, PeerContext{});
  }
}

TEST(DecodeConsistency, DetailNlriAreTheTreePrefixNodes) {
  // Negotiated ADD-PATH: 4-byte path id, length byte, address bytes per NLRI.
  const gen::ByteVector m =
      gen::update({{gen::prefix("192.168.0.0/16", 9)},
                   {gen::origin(0), gen::as_path({{2, {65001}}}, true), gen::next_hop("192.0.2.1")},
                   {gen::prefix("10.0.0.0/24", 1)}});
  const PeerContext ctx = negotiated(true, {kIpv4Unicast});
  const DecodedMessage detail = decode_message(m, ctx, Depth::Detail);
  const DecodedMessage tree = decode_message(m, ctx, Depth::Tree);
  // Withdrawn: 4 (path id) + 1 + 2 bytes at 21; attributes ORIGIN 4, AS_PATH 3 + 6 (one
  // 4-byte AS), NEXT_HOP 7 = 20 bytes from 30; NLRI: 4 + 1 + 3 bytes at 50.
  ASSERT_EQ(detail.nlri.size(), 2u);
  EXPECT_EQ(detail.nlri[0].action, NlriAction::Withdraw);
  EXPECT_EQ(detail.nlri[0].offset, 21u);
  EXPECT_EQ(detail.nlri[0].length, 7u);
  EXPECT_EQ(detail.nlri[0].path_id, 9u);
  EXPECT_EQ(detail.nlri[1].action, NlriAction::Announce);
  EXPECT_EQ(detail.nlri[1].offset, 50u);
  EXPECT_EQ(detail.nlri[1].length, 8u);
  EXPECT_EQ(detail.nlri[1].path_id, 1u);
  EXPECT_EQ(m.size(), 58u);
  EXPECT_TRUE(test::nlri_match_tree(detail, tree.tree));
}

TEST(DecodeConsistency, DeepestNodeAtAPrefixByteIsItsLengthOrAddressLeaf) {
  const gen::ByteVector m = gen::update(
      {{},
       {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("192.0.2.1")},
       {gen::prefix("10.1.2.0/24")}});
  // Attributes 4 + 7 + 7 = 18 bytes from 23; the NLRI 18 0a 01 02 at 41..44.
  ASSERT_EQ(m.size(), 45u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  const FieldTree& t = d.tree;
  const auto len = t.deepest_at(41);
  ASSERT_TRUE(len.has_value());
  EXPECT_EQ(t.node(*len).field, FieldId::PrefixLength);
  EXPECT_EQ(t.value(*len), "24");
  for (std::uint32_t at : {42u, 43u, 44u}) {
    const auto bytes = t.deepest_at(at);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(t.node(*bytes).field, FieldId::PrefixBytes);
    EXPECT_EQ(t.node(*bytes).offset, 42u);
    EXPECT_EQ(t.node(*bytes).length, 3u);
    EXPECT_EQ(t.value(*bytes), "0a 01 02");
    const auto path = t.path_to(*bytes);
    ASSERT_EQ(path.size(), 4u);  // Message › NLRI › Prefix › Prefix bytes
    EXPECT_EQ(t.node(path[0]).field, FieldId::Message);
    EXPECT_EQ(t.node(path[1]).field, FieldId::UpdateNlri);
    EXPECT_EQ(t.node(path[2]).field, FieldId::Prefix);
    EXPECT_EQ(t.value(path[2]), "10.1.2.0/24");
  }
  // A byte past the message is in no node.
  EXPECT_FALSE(t.deepest_at(45).has_value());
  // The header's length field.
  const auto length = t.deepest_at(17);
  ASSERT_TRUE(length.has_value());
  EXPECT_EQ(t.node(*length).field, FieldId::Length);
}

TEST(DecodeConsistency, LongListsAreGroupedInRangesThatStayInsideTheirParent) {
  // 600 prefixes under one NLRI node: more than kMaxFlatChildren (512), so the tree groups
  // them in two ranges of items 0–511 and 512–599.
  std::vector<gen::Prefix> many;
  for (int i = 0; i < 600; ++i) {
    gen::Prefix p;
    p.address = {10, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i), 0};
    p.length = 24;
    many.push_back(p);
  }
  const gen::ByteVector m = gen::update(
      {{},
       {gen::origin(0), gen::as_path({{2, {65001}}}, false), gen::next_hop("192.0.2.1")},
       many});
  ASSERT_EQ(m.size(), 41u + 600u * 4u);
  const DecodedMessage d = decode_checked(m, negotiated(false));
  EXPECT_EQ(d.update.announced, 600u);
  const auto nlri = d.tree.find_first(FieldId::UpdateNlri);
  ASSERT_TRUE(nlri.has_value());
  ASSERT_EQ(d.tree.child_count(*nlri), 2u);
  const std::uint32_t first = d.tree.child(*nlri, 0);
  const std::uint32_t second = d.tree.child(*nlri, 1);
  EXPECT_EQ(d.tree.node(first).field, FieldId::ItemRange);
  EXPECT_EQ(d.tree.node(first).offset, 41u);
  EXPECT_EQ(d.tree.node(first).length, 512u * 4u);
  EXPECT_EQ(d.tree.child_count(first), 512u);
  EXPECT_EQ(d.tree.node(second).offset, 41u + 512u * 4u);
  EXPECT_EQ(d.tree.node(second).length, 88u * 4u);
  EXPECT_EQ(d.tree.child_count(second), 88u);
}

// Every message of every capture in the shared data, decoded through the index as the
// application does it.
struct CollectingSink final : IndexSink {
  ContextTable table;
  std::vector<MessageRecord> records;
  void on_batch(IndexBatch&& batch) override {
    for (PeerContext& c : batch.new_contexts)
      table.contexts.push_back(std::move(c));
    for (SessionInfo& s : batch.new_sessions)
      table.sessions.push_back(std::move(s));
    records.insert(records.end(), batch.records.begin(), batch.records.end());
  }
};

TEST(DecodeConsistency, EveryMessageOfEverySharedCaptureIsConsistent) {
  const std::filesystem::path dir = std::filesystem::path(test::shared_dir()) / "captures";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " is not there";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t captures = 0;
  std::size_t messages = 0;
  for (const auto& file : files) {
    auto store = open_source_file(file.string());
    if (!store) continue;  // the reference decodings and READMEs
    ++captures;
    CollectingSink sink;
    const auto stats = index_capture(*store, sink);
    ASSERT_TRUE(stats.has_value()) << file << ": " << stats.error();
    int failures = 0;
    for (std::size_t i = 0; i < sink.records.size() && failures < 3; ++i) {
      const MessageRecord& r = sink.records[i];
      const DecodedMessage s = decode_record(**store, sink.table, r, Depth::Summary);
      const DecodedMessage d = decode_record(**store, sink.table, r, Depth::Detail);
      const DecodedMessage t = decode_record(**store, sink.table, r, Depth::Tree);
      const auto ok = test::depths_agree(s, d, t);
      if (!ok) ++failures;
      EXPECT_TRUE(ok) << file << " record " << i << " (frame " << r.frame << ")";
      if (r.kind == FramedKind::Message) ++messages;
    }
  }
  EXPECT_GT(captures, 100u);
  EXPECT_GT(messages, 10000u);
}

}  // namespace
}  // namespace bgplens

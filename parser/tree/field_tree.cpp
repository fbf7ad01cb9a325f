#include "tree/field_tree.h"

#include <algorithm>

namespace bgplens {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::None:
      return "none";
    case Severity::Note:
      return "note";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "none";
}

std::optional<std::uint32_t> FieldTree::deepest_at(std::uint32_t offset) const {
  if (nodes_.empty()) return std::nullopt;
  std::uint32_t current = kRoot;
  std::optional<std::uint32_t> found;
  for (;;) {
    std::optional<std::uint32_t> next;
    const FieldNode& n = nodes_[current];
    for (std::uint32_t r = 0; r < n.child_count; ++r) {
      const std::uint32_t c = children_[n.first_child + r];
      const FieldNode& cn = nodes_[c];
      if (cn.length == 0 || offset < cn.offset || offset - cn.offset >= cn.length) continue;
      // Among overlapping siblings prefer the tighter one: it says more about the byte.
      if (!next || cn.length < nodes_[*next].length) next = c;
    }
    if (!next) return found;
    found = next;
    current = *next;
  }
}

std::vector<std::uint32_t> FieldTree::path_to(std::uint32_t i) const {
  std::vector<std::uint32_t> path;
  for (std::int32_t n = static_cast<std::int32_t>(i); n > 0;
       n = nodes_[static_cast<std::size_t>(n)].parent) {
    path.push_back(static_cast<std::uint32_t>(n));
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::string FieldTree::path_text(std::uint32_t i) const {
  std::string out;
  for (std::uint32_t n : path_to(i)) {
    if (!out.empty()) out += " › ";
    out += field_info(nodes_[n].field).name;
  }
  return out;
}

std::optional<std::uint32_t> FieldTree::find_first(FieldId id) const {
  for (std::uint32_t i = 1; i < nodes_.size(); ++i) {
    if (nodes_[i].field == id) return i;
  }
  return std::nullopt;
}

FieldTreeBuilder::FieldTreeBuilder(std::uint32_t message_length) {
  FieldNode root;
  root.length = message_length;
  tree_.nodes_.push_back(root);
  stack_.push_back(FieldTree::kRoot);
}

std::uint32_t FieldTreeBuilder::add(FieldId id, std::uint32_t offset, std::uint32_t length) {
  FieldNode n;
  n.field = id;
  n.offset = base_ + offset;
  n.length = length;
  n.parent = static_cast<std::int32_t>(stack_.back());
  n.depth = static_cast<std::uint8_t>(std::min<std::size_t>(stack_.size(), 255));
  tree_.nodes_.push_back(n);
  return static_cast<std::uint32_t>(tree_.nodes_.size() - 1);
}

std::uint32_t FieldTreeBuilder::open(FieldId id, std::uint32_t offset, std::uint32_t length) {
  const std::uint32_t i = add(id, offset, length);
  stack_.push_back(i);
  return i;
}

void FieldTreeBuilder::close() {
  if (stack_.size() > 1) stack_.pop_back();
}

void FieldTreeBuilder::close_to(std::size_t depth) {
  while (stack_.size() > depth && stack_.size() > 1)
    stack_.pop_back();
}

std::uint32_t FieldTreeBuilder::leaf(FieldId id, std::uint32_t offset, std::uint32_t length,
                                     std::string_view value, std::uint32_t mask,
                                     Severity severity) {
  const std::uint32_t i = add(id, offset, length);
  FieldNode& n = tree_.nodes_[i];
  n.mask = mask;
  n.severity = severity;
  set_value(i, value);
  return i;
}

std::uint32_t FieldTreeBuilder::leaf_under(std::uint32_t parent, FieldId id, std::uint32_t offset,
                                           std::uint32_t length, std::string_view value,
                                           Severity severity) {
  stack_.push_back(parent);
  const std::uint32_t i = leaf(id, offset, length, value, 0, severity);
  stack_.pop_back();
  return i;
}

void FieldTreeBuilder::graft(const FieldTree& tree) {
  if (!tree.empty()) graft_below(tree, FieldTree::kRoot);
}

void FieldTreeBuilder::graft_below(const FieldTree& tree, std::uint32_t node) {
  for (std::uint32_t r = 0; r < tree.child_count(node); ++r) {
    const std::uint32_t c = tree.child(node, r);
    const FieldNode& n = tree.node(c);
    const std::uint32_t copy = open(n.field, n.offset, n.length);
    FieldNode& m = tree_.nodes_[copy];
    m.mask = n.mask;
    m.severity = n.severity;
    set_value(copy, tree.value(c));
    graft_below(tree, c);
    close();
  }
}

void FieldTreeBuilder::set_value(std::uint32_t node, std::string_view value) {
  FieldNode& n = tree_.nodes_[node];
  n.value_begin = static_cast<std::uint32_t>(tree_.text_.size());
  n.value_size = static_cast<std::uint32_t>(value.size());
  tree_.text_.append(value);
}

void FieldTreeBuilder::append_value(std::uint32_t node, std::string_view more) {
  FieldNode& n = tree_.nodes_[node];
  if (n.value_begin + n.value_size == tree_.text_.size()) {
    tree_.text_.append(more);  // still the last value written: extend in place
    n.value_size += static_cast<std::uint32_t>(more.size());
    return;
  }
  std::string joined(tree_.text_.substr(n.value_begin, n.value_size));
  joined.append(more);
  set_value(node, joined);
}

void FieldTreeBuilder::set_length(std::uint32_t node, std::uint32_t length) {
  tree_.nodes_[node].length = length;
}

void FieldTreeBuilder::set_severity(std::uint32_t node, Severity severity) {
  tree_.nodes_[node].severity = severity;
}

FieldTree FieldTreeBuilder::finish() {
  auto& nodes = tree_.nodes_;
  const auto original = static_cast<std::uint32_t>(nodes.size());

  // Children in pre-order are already in document order; gather them per parent.
  std::vector<std::vector<std::uint32_t>> kids(original);
  for (std::uint32_t i = 1; i < original; ++i) {
    kids[static_cast<std::size_t>(nodes[i].parent)].push_back(i);
  }

  // Very long lists (thousands of NLRI) are shown in ranges so no view ever holds 100k rows
  // under one parent. Zero-length annotations (notes, decisions) stay direct children, ahead
  // of the ranges; only items with bytes are grouped. Range nodes are appended at the end.
  for (std::uint32_t p = 0; p < original; ++p) {
    if (kids[p].size() <= kMaxFlatChildren) continue;
    std::vector<std::uint32_t> annotations;
    std::vector<std::uint32_t> items;
    for (std::uint32_t k : kids[p])
      (nodes[k].length == 0 ? annotations : items).push_back(k);
    if (items.size() <= kMaxFlatChildren) continue;
    std::vector<std::uint32_t> children = annotations;
    for (std::size_t begin = 0; begin < items.size(); begin += kMaxFlatChildren) {
      const std::size_t end = std::min(items.size(), begin + kMaxFlatChildren);
      FieldNode r;
      r.field = FieldId::ItemRange;
      r.parent = static_cast<std::int32_t>(p);
      // The range covers its members' bytes: from the lowest start to the highest end, since
      // an error about the whole list may follow the items it concerns with an earlier offset.
      std::uint32_t low = nodes[items[begin]].offset;
      std::uint32_t high = low;
      for (std::size_t k = begin; k < end; ++k) {
        low = std::min(low, nodes[items[k]].offset);
        high = std::max(high, nodes[items[k]].offset + nodes[items[k]].length);
      }
      r.offset = low;
      r.length = high - low;
      nodes.push_back(r);
      const auto ri = static_cast<std::uint32_t>(nodes.size() - 1);
      set_value(ri, "items " + std::to_string(begin) + "–" + std::to_string(end - 1));
      std::vector<std::uint32_t> members(items.begin() + static_cast<std::ptrdiff_t>(begin),
                                         items.begin() + static_cast<std::ptrdiff_t>(end));
      for (std::uint32_t m : members)
        nodes[m].parent = static_cast<std::int32_t>(ri);
      kids.push_back(std::move(members));
      children.push_back(ri);
    }
    kids[p] = std::move(children);
  }

  tree_.children_.clear();
  tree_.children_.reserve(nodes.size());
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    nodes[i].first_child = static_cast<std::uint32_t>(tree_.children_.size());
    nodes[i].child_count = static_cast<std::uint32_t>(kids[i].size());
    for (std::uint32_t r = 0; r < kids[i].size(); ++r) {
      nodes[kids[i][r]].row = r;
      tree_.children_.push_back(kids[i][r]);
    }
  }
  // Depth can change under range nodes; recompute top-down (parents precede children except
  // for range nodes, which are handled by iterating until stable in one extra pass).
  for (int pass = 0; pass < 2; ++pass) {
    for (std::uint32_t i = 1; i < nodes.size(); ++i) {
      const auto p = static_cast<std::size_t>(nodes[i].parent);
      nodes[i].depth = static_cast<std::uint8_t>(std::min(nodes[p].depth + 1, 255));
    }
  }
  // Worst severity below each node, for tinting collapsed rows that hide an error.
  for (std::uint32_t i = static_cast<std::uint32_t>(nodes.size()); i-- > 0;) {
    nodes[i].worst_below = std::max(nodes[i].worst_below, nodes[i].severity);
  }
  std::vector<std::uint32_t> order(nodes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return nodes[a].depth > nodes[b].depth; });
  for (std::uint32_t i : order) {
    if (i == 0) continue;
    auto& parent = nodes[static_cast<std::size_t>(nodes[i].parent)];
    parent.worst_below = std::max(parent.worst_below, nodes[i].worst_below);
  }
  stack_.assign(1, FieldTree::kRoot);
  return std::move(tree_);
}

}  // namespace bgplens

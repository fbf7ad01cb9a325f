// The field tree of one message: contiguous node storage in pre-order, with a children table so
// that "child number r of node n" and "parent of n" are O(1) — what a Qt item model needs.
//
// Offsets count from the first byte of the message's marker. Node 0 is an invisible root that
// covers the whole message; everything the user sees hangs below it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fields/field_registry.h"

namespace bgplens {

enum class Severity : std::uint8_t { None, Note, Warning, Error };

std::string_view severity_name(Severity s);

struct FieldNode {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t mask = 0;  // bits of the field's bytes (big-endian) that belong to it; 0 = all
  std::int32_t parent = -1;
  std::uint32_t row = 0;  // position among the parent's children
  std::uint32_t first_child = 0;
  std::uint32_t child_count = 0;
  std::uint32_t value_begin = 0;
  std::uint32_t value_size = 0;
  FieldId field = FieldId::Message;
  Severity severity = Severity::None;
  Severity worst_below = Severity::None;  // the highest severity in this node's subtree
  std::uint8_t depth = 0;
};

class FieldTree {
 public:
  static constexpr std::uint32_t kRoot = 0;

  std::size_t size() const { return nodes_.size(); }
  bool empty() const { return nodes_.size() <= 1; }
  const FieldNode& node(std::uint32_t i) const { return nodes_[i]; }
  std::string_view value(std::uint32_t i) const {
    return std::string_view(text_).substr(nodes_[i].value_begin, nodes_[i].value_size);
  }
  std::uint32_t child_count(std::uint32_t i) const { return nodes_[i].child_count; }
  std::uint32_t child(std::uint32_t i, std::uint32_t row) const {
    return children_[nodes_[i].first_child + row];
  }
  // The deepest node whose byte range contains `offset`; nullopt when none does.
  std::optional<std::uint32_t> deepest_at(std::uint32_t offset) const;
  // Root-exclusive path from the top level down to `i`.
  std::vector<std::uint32_t> path_to(std::uint32_t i) const;
  // "UPDATE Message › Path Attributes › ORIGIN" style.
  std::string path_text(std::uint32_t i) const;
  // The first node with this field id in pre-order, if any.
  std::optional<std::uint32_t> find_first(FieldId id) const;

 private:
  friend class FieldTreeBuilder;
  std::vector<FieldNode> nodes_;
  std::vector<std::uint32_t> children_;
  std::string text_;
};

// Records nodes while a decoder walks a message. open()/close() nest; leaf() adds a childless
// node under the innermost open node. finish() builds the children table.
class FieldTreeBuilder {
 public:
  explicit FieldTreeBuilder(std::uint32_t message_length);

  std::uint32_t open(FieldId id, std::uint32_t offset, std::uint32_t length);
  void close();
  std::uint32_t leaf(FieldId id, std::uint32_t offset, std::uint32_t length, std::string_view value,
                     std::uint32_t mask = 0, Severity severity = Severity::None);
  // Adds a childless node under `parent` (which may already be closed).
  std::uint32_t leaf_under(std::uint32_t parent, FieldId id, std::uint32_t offset,
                           std::uint32_t length, std::string_view value, Severity severity);
  void set_value(std::uint32_t node, std::string_view value);
  void append_value(std::uint32_t node, std::string_view more);
  void set_length(std::uint32_t node, std::uint32_t length);
  void set_severity(std::uint32_t node, Severity severity);
  std::uint32_t current() const { return stack_.back(); }
  std::size_t depth() const { return stack_.size(); }
  // Closes nodes until only `depth` remain open (for unwinding after an error).
  void close_to(std::size_t depth);
  // Offsets given from now on count from `base` (a message nested in another, such as a BGP
  // message inside a BMP message, is decoded with its own offsets). Returns the previous base.
  std::uint32_t set_base(std::uint32_t base) { return std::exchange(base_, base); }
  // Adds every node of `tree` below its root under the innermost open node, offsets moved by
  // the current base (a message's tree placed beside its frames' trees).
  void graft(const FieldTree& tree);

  FieldTree finish();

  // Longest child list shown flat; longer lists are grouped into ranges of this size.
  static constexpr std::uint32_t kMaxFlatChildren = 512;

 private:
  std::uint32_t add(FieldId id, std::uint32_t offset, std::uint32_t length);
  void graft_below(const FieldTree& tree, std::uint32_t node);
  FieldTree tree_;
  std::vector<std::uint32_t> stack_;
  std::uint32_t base_ = 0;
};

}  // namespace bgplens

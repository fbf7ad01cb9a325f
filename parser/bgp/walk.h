// The one decode walk. Every decoder receives a Walk: the message bytes, the session context,
// the result being filled, and — only when the caller asked for Depth::Tree — a tree builder.
// Without a builder the tree calls cost a branch, and value text is never formatted: that is
// the fast path used for indexing. With one, the same code records every node, so values and
// byte ranges cannot drift apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "bgp/decoded_message.h"
#include "bgp/peer_context.h"
#include "tree/field_tree.h"
#include "util/bytes.h"

namespace bgplens {

class Walk {
 public:
  Walk(Bytes message, const PeerContext& ctx, Depth depth, DecodedMessage& out,
       FieldTreeBuilder* tree)
      : bytes_(message), ctx_(ctx), depth_(depth), out_(out), tree_(tree) {}

  Bytes bytes() const { return bytes_; }
  // The bytes [offset, offset + length); callers have checked the range.
  Bytes slice(std::uint32_t offset, std::uint32_t length) const {
    return bytes_.subspan(offset, length);
  }
  const std::uint8_t* at(std::uint32_t offset) const { return bytes_.data() + offset; }
  std::uint8_t u8(std::uint32_t offset) const { return bytes_[offset]; }
  std::uint16_t u16(std::uint32_t offset) const { return load_be16(at(offset)); }
  std::uint32_t u32(std::uint32_t offset) const { return load_be32(at(offset)); }

  const PeerContext& context() const { return ctx_; }
  Depth depth() const { return depth_; }
  DecodedMessage& out() { return out_; }
  // Item lists (capabilities, attributes, NLRI entries) are wanted.
  bool detail() const { return depth_ >= Depth::Routes; }
  // NLRI entries want their text too (Depth::Routes lists them without it, for speed).
  bool wants_text() const { return depth_ >= Depth::Detail; }
  bool has_tree() const { return tree_ != nullptr; }
  FieldTreeBuilder* tree() { return tree_; }

  // The "Decoding context" node of this message, if the tree has one (UPDATEs).
  std::uint32_t context_node() const { return context_node_; }
  void set_context_node(std::uint32_t node) { context_node_ = node; }

  // Opens a node that following nodes nest under; returns its index (0 without a tree).
  std::uint32_t open(FieldId id, std::uint32_t offset, std::uint32_t length) {
    return tree_ ? tree_->open(id, offset, length) : 0;
  }
  void close() {
    if (tree_) tree_->close();
  }

  // Adds a childless node. `text` is a string or a callable returning one; a callable is only
  // invoked when a tree is being built.
  template <class Text>
  std::uint32_t leaf(FieldId id, std::uint32_t offset, std::uint32_t length, Text&& text,
                     std::uint32_t mask = 0) {
    if (!tree_) return 0;
    if constexpr (std::is_invocable_v<Text>) {
      return tree_->leaf(id, offset, length, std::string_view(std::string(text())), mask);
    } else {
      return tree_->leaf(id, offset, length, std::string_view(text), mask);
    }
  }
  std::uint32_t leaf_uint(FieldId id, std::uint32_t offset, std::uint32_t length,
                          std::uint64_t value, std::uint32_t mask = 0) {
    if (!tree_) return 0;
    return tree_->leaf(id, offset, length, std::to_string(value), mask);
  }

  // Sets the value text of a node opened earlier (index from open()).
  template <class Text>
  void set_value(std::uint32_t node, Text&& text) {
    if (!tree_) return;
    if constexpr (std::is_invocable_v<Text>) {
      tree_->set_value(node, std::string(text()));
    } else {
      tree_->set_value(node, std::string_view(text));
    }
  }
  void set_length(std::uint32_t node, std::uint32_t length) {
    if (tree_) tree_->set_length(node, length);
  }

  // Records a problem and, with a tree, an error node over the offending bytes under the
  // innermost open node.
  void problem(Severity severity, std::uint32_t offset, std::uint32_t length, std::string message,
               Treatment treatment = Treatment::None);
  void error(std::uint32_t offset, std::uint32_t length, std::string message,
             Treatment treatment = Treatment::None) {
    problem(Severity::Error, offset, length, std::move(message), treatment);
  }
  void warning(std::uint32_t offset, std::uint32_t length, std::string message,
               Treatment treatment = Treatment::None) {
    problem(Severity::Warning, offset, length, std::move(message), treatment);
  }
  // A decision the bytes alone do not settle ("assumed (heuristic)"). Tree-only.
  void note(std::uint32_t offset, std::uint32_t length, std::string_view message);

 private:
  Bytes bytes_;
  const PeerContext& ctx_;
  Depth depth_;
  DecodedMessage& out_;
  FieldTreeBuilder* tree_;
  std::uint32_t context_node_ = 0;
};

// Opens a node for the lifetime of the scope.
class NodeScope {
 public:
  NodeScope(Walk& walk, FieldId id, std::uint32_t offset, std::uint32_t length)
      : walk_(walk), node_(walk.open(id, offset, length)) {}
  ~NodeScope() { walk_.close(); }
  NodeScope(const NodeScope&) = delete;
  NodeScope& operator=(const NodeScope&) = delete;
  std::uint32_t node() const { return node_; }

 private:
  Walk& walk_;
  std::uint32_t node_;
};

// "the 12 bytes left" style phrases used in error messages.
std::string bytes_left(std::uint32_t n);

}  // namespace bgplens

// Helpers of the route attribute tests (route_attributes_*test.cpp): UPDATEs carrying given
// attributes, decoded with every consistency check, and the attribute nodes found in them.
//
// Layout of an UPDATE without withdrawn routes or NLRI: 19 Withdrawn Routes Length = 0,
// 21 Total Path Attribute Length, 23 the first attribute's flags, 24 its type code, 25 its
// length (one octet), 26 its value.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "gen/message_builder.h"
#include "parser/decode_helpers.h"

namespace bgplens::test {

inline gen::ByteVector from_hex(std::string_view hex) {
  gen::ByteVector out;
  std::string digits;
  for (const char c : hex) {
    if (c != ' ') digits += c;
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

// One attribute `code` with `flags` and the value in hex.
inline gen::ByteVector attr(std::uint8_t flags, std::uint8_t code, std::string_view value_hex) {
  return gen::attribute(flags, code, from_hex(value_hex));
}

inline gen::ByteVector update_with(std::vector<gen::ByteVector> attributes,
                                   std::vector<gen::Prefix> nlri = {}) {
  return gen::update({{}, std::move(attributes), std::move(nlri)});
}

struct Decoded {
  DecodedMessage message;
  std::vector<std::uint32_t> attributes;  // the UPDATE's own attribute nodes, in order
  const FieldTree& tree() const { return message.tree; }
  std::uint32_t attribute(std::size_t i = 0) const {
    return i < attributes.size() ? attributes[i] : 0;
  }
  const std::vector<DecodeProblem>& problems() const { return message.problems; }
};

// Decodes with every consistency check (decode_helpers.h) on a session with `as4`.
inline Decoded decode_update(const gen::ByteVector& message, bool as4 = true) {
  Decoded d{decode_checked(message, negotiated(as4)), {}};
  const FieldTree& t = d.message.tree;
  if (const auto attrs = t.find_first(FieldId::UpdateAttrs)) {
    d.attributes = children(t, *attrs, FieldId::Attr);
  } else {
    ADD_FAILURE() << "no path attributes";
  }
  return d;
}

// The one child of `parent` with field `id`, checked like expect_node.
inline std::uint32_t expect_child(const FieldTree& t, std::uint32_t parent, FieldId id,
                                  std::uint32_t offset, std::uint32_t length,
                                  std::string_view value, std::uint32_t mask = 0) {
  const std::uint32_t node = only(t, parent, id);
  if (node != 0) expect_node(t, node, id, offset, length, value, mask);
  return node;
}

}  // namespace bgplens::test

// Helpers of the extended community tests (extended_communities_*test.cpp): an UPDATE whose only
// path attribute is EXTENDED_COMMUNITIES (16) or the IPv6 Address Specific Extended Community
// (25), and checks of one community's nodes.
//
// The UPDATE's layout: 19 Withdrawn Routes Length = 0, 21 Total Path Attribute Length,
// 23 attribute flags, 24 type code, 25 length (one octet; two with Extended Length), then the
// value: the first community at 26, the next at 34 (or 46 for 20-octet communities), ...
// No NLRI, so no well-known attribute is required (RFC 4271 §6.3 asks for them only with routes).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "gen/message_builder.h"
#include "parser/decode_helpers.h"

namespace bgplens::test {

inline gen::ByteVector hex_bytes(std::string_view hex) {
  gen::ByteVector out;
  std::string digits;
  for (const char c : hex) {
    if (c != ' ') digits += c;
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

// An UPDATE carrying one attribute `code` with `value`, written with `flags`.
inline gen::ByteVector ext_update(std::string_view value_hex, std::uint8_t code = 16,
                                  std::uint8_t flags = 0xC0) {
  const gen::ByteVector value = hex_bytes(value_hex);
  return gen::update({{}, {gen::attribute(flags, code, value)}, {}});
}

struct DecodedCommunities {
  DecodedMessage message;
  std::uint32_t attribute = 0;
  std::vector<std::uint32_t> communities;
  const FieldTree& tree() const { return message.tree; }
};

// Decodes with every consistency check (decode_helpers.h) and finds the attribute and its
// community nodes.
inline DecodedCommunities decode_communities(const gen::ByteVector& message,
                                             FieldId id = FieldId::ExtCommunity) {
  DecodedCommunities d{decode_checked(message, negotiated(true)), 0, {}};
  const FieldTree& t = d.message.tree;
  const auto attrs = t.find_first(FieldId::UpdateAttrs);
  if (!attrs) {
    ADD_FAILURE() << "no path attributes";
    return d;
  }
  d.attribute = only(t, *attrs, FieldId::Attr);
  d.communities = children(t, d.attribute, id);
  return d;
}

// A community's node over `length` octets at `at` with `text`, its Type node (with the I and T
// flag bits) and its Sub-Type node.
inline void expect_community(const FieldTree& t, std::uint32_t node, std::uint32_t at,
                             std::uint32_t length, std::string_view text,
                             std::string_view type_text, std::string_view sub_type_text,
                             FieldId id = FieldId::ExtCommunity) {
  SCOPED_TRACE(std::string(text));
  expect_node(t, node, id, at, length, text);
  const std::uint32_t type = only(t, node, FieldId::ExtCommType);
  expect_node(t, type, FieldId::ExtCommType, at, 1, type_text);
  const std::string_view hex = type_text.substr(0, 4);
  const unsigned type_value = static_cast<unsigned>(std::stoul(std::string(hex), nullptr, 16));
  expect_node(
      t, only(t, type, FieldId::ExtCommTypeIana), FieldId::ExtCommTypeIana, at, 1,
      (type_value & 0x80) ? "1 (Standards Action or experimental)" : "0 (first come, first served)",
      0x80);
  expect_node(t, only(t, type, FieldId::ExtCommTypeTransitive), FieldId::ExtCommTypeTransitive, at,
              1, (type_value & 0x40) ? "1 (non-transitive)" : "0 (transitive across ASes)", 0x40);
  expect_node(t, only(t, node, FieldId::ExtCommSubType), FieldId::ExtCommSubType, at + 1, 1,
              sub_type_text);
}

// The one child `id` of `node` has these bytes, text and mask.
inline void expect_field(const FieldTree& t, std::uint32_t node, FieldId id, std::uint32_t offset,
                         std::uint32_t length, std::string_view value, std::uint32_t mask = 0) {
  expect_node(t, only(t, node, id), id, offset, length, value, mask);
}

}  // namespace bgplens::test

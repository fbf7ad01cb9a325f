// The BGP message header (RFC 4271 §4.1): marker, length, type, and the header errors of
// RFC 4271 §6.1 and RFC 8654 (Extended Message).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using test::decode_checked;
using test::message_node;
using ByteVector = gen::ByteVector;

PeerContext negotiated_extended(bool extended_message) {
  return test::negotiated(false, {}, extended_message);
}

// The first child of `parent` with field `id`.
std::optional<std::uint32_t> child(const FieldTree& t, std::uint32_t parent, FieldId id) {
  const auto all = test::children(t, parent, id);
  if (all.empty()) return std::nullopt;
  return all.front();
}

void expect_range(const FieldTree& t, std::uint32_t node, std::uint32_t offset,
                  std::uint32_t length) {
  EXPECT_EQ(t.node(node).offset, offset) << t.path_text(node);
  EXPECT_EQ(t.node(node).length, length) << t.path_text(node);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

TEST(MessageHeader, MarkerLengthAndTypeNodesCoverTheirBytes) {
  const ByteVector m = gen::keepalive();
  ASSERT_EQ(m.size(), 19u);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(d.type, msg_type::kKeepalive);
  EXPECT_EQ(d.declared_length, 19u);
  EXPECT_EQ(d.available_length, 19u);
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t msg = message_node(t);
  expect_range(t, msg, 0, 19);
  // The message node is named by its type (and may summarise the message after it).
  EXPECT_EQ(t.value(msg).substr(0, 9), "KEEPALIVE");
  ASSERT_EQ(t.child_count(msg), 3u);
  const std::uint32_t marker = t.child(msg, 0);
  const std::uint32_t length = t.child(msg, 1);
  const std::uint32_t type = t.child(msg, 2);
  EXPECT_EQ(t.node(marker).field, FieldId::Marker);
  expect_range(t, marker, 0, 16);
  EXPECT_EQ(t.value(marker), std::string(32, 'f'));
  EXPECT_EQ(t.node(length).field, FieldId::Length);
  expect_range(t, length, 16, 2);
  EXPECT_EQ(t.value(length), "19");
  EXPECT_EQ(t.node(type).field, FieldId::Type);
  expect_range(t, type, 18, 1);
  EXPECT_EQ(t.value(type), "KEEPALIVE (4)");
  EXPECT_TRUE(is_marker(m.data()));
  EXPECT_TRUE(plausible_header(m));
}

TEST(MessageHeader, UpdateHasAZeroLengthContextNodeBeforeTheMessage) {
  const DecodedMessage d = decode_checked(gen::update({}), PeerContext{});
  const FieldTree& t = d.tree;
  ASSERT_EQ(t.child_count(FieldTree::kRoot), 2u);
  const std::uint32_t ctx = t.child(FieldTree::kRoot, 0);
  EXPECT_EQ(t.node(ctx).field, FieldId::Context);
  expect_range(t, ctx, 0, 0);
  EXPECT_EQ(t.node(t.child(FieldTree::kRoot, 1)).field, FieldId::Message);
  // AS size, ADD-PATH, Extended Message, Multiple Labels and Extended Next Hop, each with where
  // it came from.
  ASSERT_EQ(t.child_count(ctx), 5u);
  EXPECT_EQ(t.node(t.child(ctx, 0)).field, FieldId::ContextAs4);
  EXPECT_EQ(t.node(t.child(ctx, 1)).field, FieldId::ContextAddPath);
  EXPECT_EQ(t.node(t.child(ctx, 2)).field, FieldId::ContextExtendedMessage);
  EXPECT_EQ(t.value(t.child(ctx, 2)),
            "up to 4096 bytes — assumed (heuristic): no OPEN of this session in the capture");
  EXPECT_EQ(t.node(t.child(ctx, 3)).field, FieldId::ContextMultipleLabels);
  EXPECT_EQ(t.value(t.child(ctx, 3)),
            "one label per route — assumed (heuristic): no OPEN of this session in the capture");
  EXPECT_EQ(t.node(t.child(ctx, 4)).field, FieldId::ContextExtendedNextHop);
  EXPECT_EQ(t.value(t.child(ctx, 4)),
            "none — assumed (heuristic): no OPEN of this session in the capture");
}

TEST(MessageHeader, BadMarkerIsAnErrorOverTheMarkerWithSessionReset) {
  ByteVector m = gen::keepalive();
  m[5] = 0x00;
  EXPECT_FALSE(is_marker(m.data()));
  EXPECT_FALSE(plausible_header(m));
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  const DecodeProblem& p = d.problems[0];
  EXPECT_EQ(p.offset, 0u);
  EXPECT_EQ(p.length, 16u);
  EXPECT_EQ(p.severity, Severity::Error);
  EXPECT_EQ(p.treatment, Treatment::SessionReset);
  EXPECT_NE(p.message.find("1/1 Connection Not Synchronized"), std::string::npos) << p.message;
  const FieldTree& t = d.tree;
  const std::uint32_t msg = message_node(t);
  const auto err = child(t, msg, FieldId::ErrorNode);
  ASSERT_TRUE(err.has_value());
  expect_range(t, *err, 0, 16);
  EXPECT_EQ(t.node(*err).severity, Severity::Error);
  EXPECT_TRUE(starts_with(t.value(*err), p.message));
  EXPECT_NE(t.value(*err).find("RFC 7606: session reset."), std::string::npos);
  EXPECT_EQ(t.node(msg).worst_below, Severity::Error);
  EXPECT_EQ(d.worst(), Severity::Error);
  // The marker node still shows the bytes.
  const auto marker = child(t, msg, FieldId::Marker);
  ASSERT_TRUE(marker.has_value());
  EXPECT_EQ(t.value(*marker), "ffffffffff00ffffffffffffffffffff");
}

TEST(MessageHeader, LengthBelowNineteenIsAnErrorOnTheLengthField) {
  const ByteVector m = gen::message(msg_type::kKeepalive, {}, 18);
  ASSERT_EQ(m.size(), 19u);
  EXPECT_FALSE(plausible_header(m));
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(d.declared_length, 18u);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 16u);
  EXPECT_EQ(d.problems[0].length, 2u);
  EXPECT_EQ(d.problems[0].treatment, Treatment::SessionReset);
  EXPECT_NE(d.problems[0].message.find("below the 19-byte minimum"), std::string::npos);
  // Only the header is taken as the message.
  expect_range(d.tree, message_node(d.tree), 0, 19);
}

TEST(MessageHeader, LengthBelowNineteenNeverDecodesABody) {
  // A length under the header size says nothing about the body: whatever the type, only the
  // header is decoded, even when the buffer holds nothing after it.
  for (std::uint8_t type = 1; type <= 5; ++type) {
    SCOPED_TRACE(int(type));
    const ByteVector m = gen::message(type, {}, 3);
    const DecodedMessage d = decode_checked(m, PeerContext{});
    ASSERT_EQ(d.problems.size(), 1u);
    EXPECT_EQ(d.problems[0].offset, 16u);
    EXPECT_EQ(d.problems[0].length, 2u);
    EXPECT_FALSE(d.open.has_value());
    EXPECT_FALSE(d.notification.has_value());
    EXPECT_FALSE(d.refresh_family.has_value());
  }
}

TEST(MessageHeader, LengthUnderTheTypeMinimumIsBadMessageLength) {
  // NOTIFICATION needs 21 bytes (RFC 4271 §4.5); 20 leaves one byte nothing accounts for.
  const std::uint8_t body[] = {6};
  const ByteVector m = gen::message(msg_type::kNotification, body);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_FALSE(d.notification.has_value());
  ASSERT_EQ(d.problems.size(), 2u);
  EXPECT_EQ(d.problems[0].offset, 16u);
  EXPECT_EQ(d.problems[0].length, 2u);
  EXPECT_EQ(d.problems[0].treatment, Treatment::SessionReset);
  EXPECT_NE(d.problems[0].message.find("below the 21-byte minimum of NOTIFICATION"),
            std::string::npos)
      << d.problems[0].message;
  EXPECT_EQ(d.problems[1].offset, 19u);
  EXPECT_EQ(d.problems[1].length, 1u);
  const auto trailing = child(d.tree, message_node(d.tree), FieldId::TrailingBytes);
  ASSERT_TRUE(trailing.has_value());
  expect_range(d.tree, *trailing, 19, 1);
  EXPECT_EQ(d.tree.value(*trailing), "06");
}

ByteVector long_notification(std::size_t total) {
  const ByteVector data(total - 21, 0x41);
  return gen::notification(6, 0, data);
}

TEST(MessageHeader, OverLongMessageIsAnErrorWhenExtendedMessageWasNotNegotiated) {
  const ByteVector m = long_notification(5000);
  ASSERT_EQ(m.size(), 5000u);
  const DecodedMessage d = decode_checked(m, negotiated_extended(false));
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 16u);
  EXPECT_EQ(d.problems[0].length, 2u);
  EXPECT_EQ(d.problems[0].severity, Severity::Error);
  EXPECT_EQ(d.problems[0].treatment, Treatment::SessionReset);
  EXPECT_NE(d.problems[0].message.find("length 5000 exceeds 4096"), std::string::npos);
  // The body is decoded all the same.
  ASSERT_TRUE(d.notification.has_value());
  const auto data = d.tree.find_first(FieldId::NotifData);
  ASSERT_TRUE(data.has_value());
  expect_range(d.tree, *data, 21, 4979);
}

TEST(MessageHeader, OverLongMessageIsFineWithExtendedMessage) {
  const DecodedMessage d = decode_checked(long_notification(5000), negotiated_extended(true));
  EXPECT_TRUE(d.problems.empty());
  // 65535 is the RFC 8654 maximum and fits the 2-byte length.
  const DecodedMessage max = decode_checked(long_notification(65535), negotiated_extended(true));
  EXPECT_TRUE(max.problems.empty());
  EXPECT_EQ(max.declared_length, 65535u);
}

TEST(MessageHeader, OverLongMessageIsOnlyAWarningWithoutTheOpens) {
  const DecodedMessage d = decode_checked(long_notification(4097), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 16u);
  EXPECT_EQ(d.problems[0].length, 2u);
  EXPECT_EQ(d.problems[0].severity, Severity::Warning);
  EXPECT_EQ(d.problems[0].treatment, Treatment::None);
  // Exactly 4096 is allowed everywhere (RFC 4271 §4.1).
  EXPECT_TRUE(decode_checked(long_notification(4096), negotiated_extended(false)).problems.empty());
  // One OPEN without the capability settles it: an error.
  PeerContext one_open;
  one_open.extended_message_from = Provenance::OneOpen;
  one_open.open_sent = 1;
  const DecodedMessage e = decode_checked(long_notification(4097), one_open);
  ASSERT_EQ(e.problems.size(), 1u);
  EXPECT_EQ(e.problems[0].severity, Severity::Error);
}

TEST(MessageHeader, TruncatedMessageIsAZeroLengthErrorWhereTheCaptureEnds) {
  const std::uint8_t text[] = {'a', 'b', 'c', 'd'};
  ByteVector m = gen::notification(6, 2, text);
  ASSERT_EQ(m.size(), 25u);
  m.resize(23);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(d.declared_length, 25u);
  EXPECT_EQ(d.available_length, 23u);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 23u);
  EXPECT_EQ(d.problems[0].length, 0u);
  EXPECT_EQ(d.problems[0].severity, Severity::Error);
  EXPECT_EQ(d.problems[0].message,
            "capture truncated: the message declares 25 bytes, the capture holds 23");
  expect_range(d.tree, message_node(d.tree), 0, 23);
  const auto data = d.tree.find_first(FieldId::NotifData);
  ASSERT_TRUE(data.has_value());
  expect_range(d.tree, *data, 21, 2);
}

TEST(MessageHeader, TruncatedBeforeTheFixedBodyDecodesNoBody) {
  // Each type's fixed body part cut short by the capture: the bytes that are there are the
  // only ones read (the sanitizer build checks that), and the truncation is the one problem.
  const std::vector<ByteVector> messages = {
      gen::open(gen::OpenSpec{}), gen::update({{}, {gen::origin(0)}, {}}), gen::notification(6, 2),
      gen::route_refresh(kIpv4Unicast)};
  for (const ByteVector& full : messages) {
    for (std::size_t keep = 19; keep < std::min<std::size_t>(23, full.size()); ++keep) {
      SCOPED_TRACE(testing::Message() << "type " << int(full[18]) << ", " << keep << " bytes");
      const ByteVector m(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(keep));
      const DecodedMessage d = decode_checked(m, PeerContext{});
      EXPECT_EQ(d.type, full[18]);
      ASSERT_EQ(d.problems.size(), 1u);
      EXPECT_EQ(d.problems[0].offset, keep);
      EXPECT_EQ(d.problems[0].length, 0u);
      EXPECT_NE(d.problems[0].message.find("capture truncated"), std::string::npos);
    }
  }
}

TEST(MessageHeader, IncompleteHeader) {
  const ByteVector m(10, 0xFF);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(d.type, 0);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].offset, 0u);
  EXPECT_EQ(d.problems[0].length, 10u);
  EXPECT_EQ(d.problems[0].message,
            "capture ends after 10 of the 19 header bytes (capture truncated)");
  const std::uint32_t msg = message_node(d.tree);
  expect_range(d.tree, msg, 0, 10);
  EXPECT_EQ(d.tree.value(msg), "incomplete header");
  const auto marker = child(d.tree, msg, FieldId::Marker);
  ASSERT_TRUE(marker.has_value());
  expect_range(d.tree, *marker, 0, 10);
  EXPECT_FALSE(plausible_header(m));
}

TEST(MessageHeader, UnknownTypeIsBadMessageTypeAndTheBodyIsTrailing) {
  const std::uint8_t body[] = {1, 2, 3};
  const ByteVector m = gen::message(9, body);
  EXPECT_FALSE(plausible_header(m));
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_EQ(d.type, 9);
  ASSERT_EQ(d.problems.size(), 2u);
  EXPECT_EQ(d.problems[0].offset, 18u);
  EXPECT_EQ(d.problems[0].length, 1u);
  EXPECT_EQ(d.problems[0].treatment, Treatment::SessionReset);
  EXPECT_NE(d.problems[0].message.find("1/3 Bad Message Type"), std::string::npos);
  EXPECT_EQ(d.problems[1].offset, 19u);
  EXPECT_EQ(d.problems[1].length, 3u);
  const std::uint32_t msg = message_node(d.tree);
  EXPECT_EQ(d.tree.value(msg), "unknown type 9");
  const auto type = child(d.tree, msg, FieldId::Type);
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(d.tree.value(*type), "unassigned (9)");
  const auto trailing = child(d.tree, msg, FieldId::TrailingBytes);
  ASSERT_TRUE(trailing.has_value());
  expect_range(d.tree, *trailing, 19, 3);
  EXPECT_EQ(d.tree.value(*trailing), "01 02 03");
}

TEST(MessageHeader, KeepaliveWithTrailingBytesIsBadMessageLength) {
  const std::uint8_t body[] = {0xAA, 0xBB};
  const ByteVector m = gen::message(msg_type::kKeepalive, body);
  ASSERT_EQ(m.size(), 21u);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_EQ(d.problems.size(), 2u);
  // The two bytes, then the length field that is wrong for a KEEPALIVE (RFC 4271 §4.4).
  EXPECT_EQ(d.problems[0].offset, 19u);
  EXPECT_EQ(d.problems[0].length, 2u);
  EXPECT_EQ(d.problems[0].severity, Severity::Error);
  EXPECT_EQ(d.problems[0].message,
            "2 bytes after the KEEPALIVE header that the message does "
            "not account for");
  EXPECT_EQ(d.problems[1].offset, 16u);
  EXPECT_EQ(d.problems[1].length, 2u);
  EXPECT_EQ(d.problems[1].treatment, Treatment::SessionReset);
  const auto trailing = child(d.tree, message_node(d.tree), FieldId::TrailingBytes);
  ASSERT_TRUE(trailing.has_value());
  expect_range(d.tree, *trailing, 19, 2);
  EXPECT_EQ(d.tree.value(*trailing), "aa bb");
}

TEST(MessageHeader, PlausibleHeaderNeedsMarkerLengthAndKnownType) {
  EXPECT_TRUE(plausible_header(gen::update({})));
  EXPECT_FALSE(plausible_header(ByteVector(18, 0xFF)));
  const std::uint8_t nothing[1] = {0};
  EXPECT_FALSE(plausible_header(gen::message(0, Bytes(nothing, 0))));
  EXPECT_FALSE(plausible_header(gen::message(6, Bytes(nothing, 0))));
  EXPECT_TRUE(plausible_header(gen::message(5, Bytes(nothing, 0))));
}

}  // namespace
}  // namespace bgplens

// NOTIFICATION data decoded by code and subcode (RFC 4271 §6, RFC 4486 §4, RFC 5492 §3,
// RFC 7313 §5, RFC 8538 §3, RFC 9003 §2), by raw bytes and through the index on shared captures.
//
// Layout: Error Code 19, Error Subcode 20, Data from 21.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"

#include "parser/decode_helpers.h"
#include "test_support.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::children;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::only;

DecodedMessage notif(std::uint8_t code, std::uint8_t subcode, const ByteVector& data) {
  return decode_checked(gen::notification(code, subcode, data), PeerContext{});
}

std::uint32_t data_node(const DecodedMessage& d) {
  const auto node = d.tree.find_first(FieldId::NotifData);
  EXPECT_TRUE(node.has_value());
  return node.value_or(0);
}

// The notes (tree-only remarks) under `parent`, in order.
std::vector<std::string> notes(const FieldTree& t, std::uint32_t parent) {
  std::vector<std::string> out;
  for (std::uint32_t n : children(t, parent, FieldId::ErrorNode)) {
    if (t.node(n).severity == Severity::Note) out.emplace_back(t.value(n));
  }
  return out;
}

ByteVector with_text(std::uint8_t length, const std::string& text) {
  ByteVector v(text.size() + 1);
  v[0] = length;
  std::copy(text.begin(), text.end(), v.begin() + 1);
  return v;
}

TEST(NotificationData, MessageHeaderErrors) {
  DecodedMessage d = notif(1, 2, {0x10, 0x01});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifBadLength), FieldId::NotifBadLength,
              21, 2, "4097");
  d = notif(1, 3, {7});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifBadType), FieldId::NotifBadType, 21,
              1, "unassigned (7)");
  // The wrong size keeps the raw view, with a warning.
  d = notif(1, 2, {0x10});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 1, Severity::Warning, Treatment::None,
                 "the data of 1/2 Bad Message Length should be the 2-octet Length field "
                 "(RFC 4271 §6.1), not 1 byte");
  expect_node(d.tree, data_node(d), FieldId::NotifData, 21, 1, "10");
}

TEST(NotificationData, OpenErrors) {
  DecodedMessage d = notif(2, 1, {0, 4});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifVersion), FieldId::NotifVersion, 21,
              2, "4");
  // Bad Peer AS: 2 octets, 4 octets, text (ExaBGP), other bytes raw. Never a problem: RFC 4271
  // defines no data for it.
  d = notif(2, 2, {0xFE, 0xB0});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifPeerAs), FieldId::NotifPeerAs, 21, 2,
              "65200 (2-octet)");
  d = notif(2, 2, {0xFA, 0x56, 0xEA, 0x04});
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifPeerAs), FieldId::NotifPeerAs, 21, 4,
              "4200000004 (4-octet)");
  const std::string why = "ASN in OPEN (23456) did not match";
  d = notif(2, 2, ByteVector(why.begin(), why.end()));
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifText), FieldId::NotifText, 21, 33,
              "\"" + why + "\"");
  EXPECT_EQ(notes(d.tree, data_node(d)),
            std::vector<std::string>{"RFC 4271 §6.2 defines no data for Bad Peer AS: free text"});
  d = notif(2, 2, {1, 2, 3});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(notes(d.tree, data_node(d)).size(), 1u);
  // Role Mismatch (RFC 9234 §4.2) has no data.
  d = notif(2, 11, {3});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(
      notes(d.tree, data_node(d)),
      std::vector<std::string>{"RFC 9234 §4.2 defines no data for 2/11 Role Mismatch: shown raw"});
}

TEST(NotificationData, UnsupportedCapabilityListsTheCapabilities) {
  // RFC 5492 §3: 2/7 carries the capabilities: BGP Role 3 at 21, a Multiple Labels value with a
  // bad length at 24 (a note, not a problem: it is the peer's capability), ADD-PATH at 29.
  const DecodedMessage d = notif(2, 7, {9, 1, 3, 8, 3, 0, 1, 4, 69, 4, 0, 1, 1, 3});
  EXPECT_TRUE(d.problems.empty());
  ASSERT_FALSE(d.open.has_value());
  const FieldTree& t = d.tree;
  const auto caps = children(t, data_node(d), FieldId::Capability);
  ASSERT_EQ(caps.size(), 3u);
  expect_node(t, caps[0], FieldId::Capability, 21, 3, "BGP Role: Customer");
  expect_node(t, caps[1], FieldId::Capability, 24, 5, "Multiple Labels (8)");
  EXPECT_EQ(t.node(only(t, caps[1], FieldId::ErrorNode)).severity, Severity::Note);
  expect_node(t, caps[2], FieldId::Capability, 29, 6, "ADD-PATH: ipv4 Send/Receive");
  // At the summary depth nothing is decoded and nothing is recorded.
  const DecodedMessage summary =
      decode_message(gen::notification(2, 7, ByteVector{9, 1, 3}), PeerContext{}, Depth::Summary);
  EXPECT_TRUE(summary.problems.empty());
}

TEST(NotificationData, UpdateErrorsQuoteTheAttribute) {
  // 3/4 Attribute Flags Error with ORIGIN sent as optional (flags 0xC0): the attribute decoded
  // at 21–24, its flags error shown as a note.
  DecodedMessage d = notif(3, 4, {0xC0, 1, 1, 2});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t attr = only(t, data_node(d), FieldId::Attr);
  expect_node(t, attr, FieldId::Attr, 21, 4, "ORIGIN: INCOMPLETE");
  const std::uint32_t err = only(t, attr, FieldId::ErrorNode);
  EXPECT_EQ(t.node(err).severity, Severity::Note);
  EXPECT_EQ(t.node(err).offset, 21u);
  EXPECT_TRUE(d.attributes.empty());
  // 3/9 with a COMMUNITIES attribute; 3/3 names the missing attribute; 3/10 has no data.
  d = notif(3, 9, {0xC0, 8, 4, 0xFF, 0xFF, 0xFF, 0x01});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::Attr), FieldId::Attr, 21, 7,
              "COMMUNITIES: NO_EXPORT");
  d = notif(3, 3, {2});
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifMissingAttr),
              FieldId::NotifMissingAttr, 21, 1, "AS_PATH (2)");
  d = notif(3, 10, {1});
  EXPECT_EQ(notes(d.tree, data_node(d)).size(), 1u);
  // Too short to be an attribute.
  d = notif(3, 5, {0x40, 1});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 2, Severity::Warning, Treatment::None,
                 "should be the erroneous attribute");
}

TEST(NotificationData, PrefixLimit) {
  DecodedMessage d = notif(6, 1, {0, 2, 1, 0, 0, 0x03, 0xE8});
  EXPECT_TRUE(d.problems.empty());
  const std::uint32_t data = data_node(d);
  expect_node(d.tree, only(d.tree, data, FieldId::NotifAfi), FieldId::NotifAfi, 21, 2, "IPv6 (2)");
  expect_node(d.tree, only(d.tree, data, FieldId::NotifSafi), FieldId::NotifSafi, 23, 1,
              "Unicast (1)");
  expect_node(d.tree, only(d.tree, data, FieldId::NotifUpperBound), FieldId::NotifUpperBound, 24, 4,
              "1000");
  d = notif(6, 1, {0, 2, 1});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 3, Severity::Warning, Treatment::None, "RFC 4486 §4");
}

TEST(NotificationData, ShutdownCommunication) {
  DecodedMessage d = notif(6, 2, with_text(11, "maintenance"));
  EXPECT_TRUE(d.problems.empty());
  std::uint32_t data = data_node(d);
  expect_node(d.tree, only(d.tree, data, FieldId::NotifShutdownLength),
              FieldId::NotifShutdownLength, 21, 1, "11");
  expect_node(d.tree, only(d.tree, data, FieldId::NotifShutdownText), FieldId::NotifShutdownText,
              22, 11, "\"maintenance\"");
  // UTF-8 passes through; a length of 0 is an empty communication.
  d = notif(6, 4, with_text(7, "Grüße"));
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifShutdownText),
              FieldId::NotifShutdownText, 22, 7, "\"Grüße\"");
  d = notif(6, 4, {0});
  EXPECT_TRUE(d.problems.empty());
  // Over RFC 8203's 128 octets: fine under RFC 9003, with a note.
  d = notif(6, 2, with_text(200, std::string(200, 'x')));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(notes(d.tree, data_node(d)).size(), 1u);
}

TEST(NotificationData, ShutdownCommunicationErrors) {
  // tcpdump's bgp-shutdown-msg-variations: length 64 with 10 bytes; length 10 with 9 more.
  DecodedMessage d = notif(6, 4, with_text(64, "0123456789"));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 11, Severity::Error, Treatment::None,
                 "Shutdown Communication length 64 exceeds the 10 bytes left of the data "
                 "(RFC 9003 §2)");
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifShutdownText),
              FieldId::NotifShutdownText, 22, 10, "\"0123456789\"");
  d = notif(6, 4, with_text(10, "0123456789ExtraData"));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 32, 9, Severity::Error, Treatment::None,
                 "9 bytes after the Shutdown Communication");
  // Invalid UTF-8: an error, the bytes escaped.
  d = notif(6, 2, {3, 'a', 0xFF, 'b'});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 22, 3, Severity::Error, Treatment::None, "not valid UTF-8");
  expect_node(d.tree, only(d.tree, data_node(d), FieldId::NotifShutdownText),
              FieldId::NotifShutdownText, 22, 3, "\"a\\xffb\"");
  expect_node(d.tree, data_node(d), FieldId::NotifData, 21, 4, "03 61 ff 62");
}

TEST(NotificationData, HardResetNestsTheCeaseReason) {
  // RFC 8538 §3: 6/9 around 6/2 with "bye".
  DecodedMessage d = notif(6, 9, {6, 2, 3, 'b', 'y', 'e'});
  EXPECT_TRUE(d.problems.empty());
  const FieldTree& t = d.tree;
  const std::uint32_t inner = only(t, data_node(d), FieldId::NotifHardReset);
  expect_node(t, inner, FieldId::NotifHardReset, 21, 6, "Cease / Administrative Shutdown (6/2)");
  expect_node(t, only(t, inner, FieldId::NotifCode), FieldId::NotifCode, 21, 1, "Cease (6)");
  expect_node(t, only(t, inner, FieldId::NotifSubcode), FieldId::NotifSubcode, 22, 1,
              "Administrative Shutdown (2)");
  const std::uint32_t inner_data = only(t, inner, FieldId::NotifData);
  expect_node(t, only(t, inner_data, FieldId::NotifShutdownText), FieldId::NotifShutdownText, 24, 3,
              "\"bye\"");
  // The message's own code stays 6/9.
  EXPECT_EQ(d.notification, (std::array<std::uint8_t, 2>{6, 9}));
  // A bad inner communication is this message's problem.
  d = notif(6, 9, {6, 4, 9, 'x'});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 23, 2, Severity::Error, Treatment::None,
                 "Shutdown Communication length 9 exceeds");
}

TEST(NotificationData, HardResetErrorsAndDepthLimit) {
  // tcpdump's bgp-malformed-hard-reset: no data at all.
  DecodedMessage d = notif(6, 9, {});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 0, Severity::Error, Treatment::None,
                 "a Hard Reset's data must start with the Error Code and Subcode of the cease "
                 "reason (RFC 8538 §3); it has 0 bytes");
  d = notif(6, 9, {6});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 1, Severity::Error, Treatment::None, "it has 1 byte");
  // Hard Reset in Hard Reset, five deep: four nested levels are decoded, the fifth is not.
  d = notif(6, 9, {6, 9, 6, 9, 6, 9, 6, 9, 6, 9, 6, 3});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 29, 4, Severity::Warning, Treatment::None,
                 "Hard Reset nested more than 4 deep");
  std::size_t levels = 0;
  for (std::uint32_t i = 1; i < d.tree.size(); ++i)
    levels += d.tree.node(i).field == FieldId::NotifHardReset;
  EXPECT_EQ(levels, 4u);
}

TEST(NotificationData, RouteRefreshErrorQuotesTheMessage) {
  // RFC 7313 §5: 7/1 with an EoRR that carries a byte too many, at 21–44.
  ByteVector data(16, 0xFF);
  data.insert(data.end(), {0, 24, 5, 0, 1, 2, 1, 0xAA});
  DecodedMessage d = notif(7, 1, data);
  EXPECT_TRUE(d.problems.empty());
  EXPECT_FALSE(d.refresh_family.has_value());
  const FieldTree& t = d.tree;
  const std::uint32_t quoted = only(t, data_node(d), FieldId::NotifQuotedMessage);
  expect_node(t, quoted, FieldId::NotifQuotedMessage, 21, 24, "ROUTE-REFRESH ipv4");
  expect_node(t, only(t, quoted, FieldId::Length), FieldId::Length, 37, 2, "24");
  expect_node(t, only(t, quoted, FieldId::RrSubtype), FieldId::RrSubtype, 42, 1,
              "End of Route Refresh (EoRR) (2)");
  const std::uint32_t orf = only(t, quoted, FieldId::RrOrf);
  EXPECT_EQ(t.node(only(t, orf, FieldId::ErrorNode)).severity, Severity::Note);
  // tcpdump's bgp_notification_rr_msg_error: two bytes are no message.
  d = notif(7, 1, {0xFE, 0xB0});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 21, 2, Severity::Warning, Treatment::None,
                 "should be the complete ROUTE-REFRESH message");
}

TEST(NotificationData, DataCutByTheCaptureIsShownRaw) {
  // A 6/2 whose length octet says 11 with only 4 bytes captured: the truncation is the one
  // problem, the data is not held to the Shutdown Communication layout.
  ByteVector m = gen::notification(6, 2, with_text(11, "maintenance"));
  m.resize(25);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0].message,
            "capture truncated: the message declares 33 bytes, the capture holds 25");
  EXPECT_FALSE(d.tree.find_first(FieldId::NotifShutdownLength).has_value());
  EXPECT_EQ(notes(d.tree, data_node(d)),
            std::vector<std::string>{"the capture cut this data short: shown raw"});
}

TEST(NotificationData, InvalidUtf8IsNotShownAsText) {
  // The raw view adds text only for printable, valid UTF-8.
  const DecodedMessage d = notif(4, 0, {0xFE, 0xB0});
  expect_node(d.tree, data_node(d), FieldId::NotifData, 21, 2, "fe b0");
}

TEST(NotificationData, DamagedDataDecodesConsistently) {
  // Every byte of each layout overwritten with 0x00, 0x80 and 0xFF, and every shorter capture:
  // decode_checked holds each result to the consistency rules (depths agree, nodes nest,
  // problems have nodes); the sanitizer build checks the reads.
  ByteVector rr(16, 0xFF);
  rr.insert(rr.end(), {0, 28, 5, 0, 1, 0, 1, 1, 64, 0, 1, 0x80});
  const std::vector<std::pair<std::uint8_t, ByteVector>> seeds = {
      {6, {6, 9, 6, 2, 3, 'a', 'b', 'c'}},
      {2, {9, 1, 3, 71, 7, 0, 1, 1, 0x80, 0, 0, 9}},
      {3, {0xC0, 1, 1, 2}},
      {7, rr},
  };
  const std::uint8_t subcodes[] = {9, 7, 4, 1};
  for (std::size_t s = 0; s < seeds.size(); ++s) {
    const ByteVector m = gen::notification(seeds[s].first, subcodes[s], seeds[s].second);
    for (std::size_t i = 19; i < m.size(); ++i) {
      for (std::uint8_t v : {0x00, 0x80, 0xFF}) {
        ByteVector x = m;
        x[i] = v;
        decode_checked(x, PeerContext{});
      }
    }
    for (std::size_t n = 21; n < m.size(); ++n)
      decode_checked(ByteVector(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n)),
                     PeerContext{});
  }
}

// The shared tcpdump captures, indexed as the application does.
std::vector<DecodedMessage> notifications_in(const std::string& relative) {
  std::vector<DecodedMessage> out;
  const std::filesystem::path path = std::filesystem::path(test::shared_dir()) / relative;
  auto store = open_source_file(path.string());
  EXPECT_TRUE(store.has_value()) << path;
  if (!store) return out;
  RecordCollector sink;
  EXPECT_TRUE(index_capture(*store, sink).has_value());
  for (const MessageRecord& r : sink.records) {
    DecodedMessage m = decode_record(**store, sink.table, r, Depth::Tree);
    if (m.type == msg_type::kNotification) out.push_back(std::move(m));
  }
  return out;
}

TEST(NotificationData, SharedCaptures) {
  auto m = notifications_in("captures/tcpdump/bgp-cease-hard-reset.pcap");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(m[0].problems.empty());
  expect_node(m[0].tree, *m[0].tree.find_first(FieldId::NotifHardReset), FieldId::NotifHardReset,
              21, 2, "Cease / Peer De-configured (6/3)");

  m = notifications_in("captures/tcpdump/bgp-shutdown-communication.pcapng");
  ASSERT_EQ(m.size(), 1u);
  expect_node(m[0].tree, *m[0].tree.find_first(FieldId::NotifShutdownText),
              FieldId::NotifShutdownText, 22, 52,
              "\"This is a test of the shutdown communication system.\"");

  m = notifications_in("captures/tcpdump/bgp-shutdown-msg-variations.pcap");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].problems.size(), 1u);  // trailing "ExtraData"
  EXPECT_TRUE(m[1].problems.empty());   // empty communication
  EXPECT_EQ(m[2].problems.size(), 1u);  // length 64, 10 bytes

  m = notifications_in("captures/daemons/frr-exabgp-open-bad-peer-as-notification.pcap");
  ASSERT_EQ(m.size(), 11u);
  for (const DecodedMessage& n : m) {
    EXPECT_TRUE(n.problems.empty());
    EXPECT_TRUE(n.tree.find_first(FieldId::NotifText).has_value());
  }
}

}  // namespace
}  // namespace bgplens

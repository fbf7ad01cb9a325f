// NOTIFICATION (RFC 4271 §4.5, codes and subcodes from the IANA registries) and ROUTE-REFRESH
// (RFC 2918 §3, enhanced route refresh RFC 7313 §3.2, ORF entries RFC 5291 §4).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::message_node;
using test::only;

// Code 19, subcode 20, data from 21.
void expect_notification(const ByteVector& m, std::string_view code, std::string_view subcode) {
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_TRUE(d.notification.has_value());
  EXPECT_EQ((*d.notification)[0], m[19]);
  EXPECT_EQ((*d.notification)[1], m[20]);
  const std::uint32_t msg = message_node(d.tree);
  EXPECT_EQ(d.tree.value(msg).substr(0, 12), "NOTIFICATION");
  expect_node(d.tree, only(d.tree, msg, FieldId::NotifCode), FieldId::NotifCode, 19, 1, code);
  expect_node(d.tree, only(d.tree, msg, FieldId::NotifSubcode), FieldId::NotifSubcode, 20, 1,
              subcode);
}

TEST(Notification, CodesAndSubcodesAreNamed) {
  expect_notification(gen::notification(6, 2), "Cease (6)", "Administrative Shutdown (2)");
  expect_notification(gen::notification(3, 11), "UPDATE Message Error (3)",
                      "Malformed AS_PATH (11)");
  expect_notification(gen::notification(1, 1), "Message Header Error (1)",
                      "Connection Not Synchronized (1)");
  expect_notification(gen::notification(2, 7), "OPEN Message Error (2)",
                      "Unsupported Capability (7)");
  expect_notification(gen::notification(6, 9), "Cease (6)", "Hard Reset (9)");  // RFC 8538
  expect_notification(gen::notification(7, 1), "ROUTE-REFRESH Message Error (7)",
                      "Invalid Message Length (1)");
  expect_notification(gen::notification(4, 0), "Hold Timer Expired (4)", "Unspecific (0)");
  expect_notification(gen::notification(8, 0), "Send Hold Timer Expired (8)", "Unspecific (0)");
  // A subcode the code does not define.
  expect_notification(gen::notification(6, 99), "Cease (6)", "unassigned (99)");
}

TEST(Notification, UnassignedCodeIsAWarning) {
  const ByteVector m = gen::notification(9, 1);
  expect_notification(m, "unassigned (9)", "unassigned (1)");
  const DecodedMessage d = decode_checked(m, PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 19, 1, Severity::Warning, Treatment::None,
                 "error code 9 is not assigned by IANA");
}

TEST(Notification, DataIsShownInHexAndAsTextWhenPrintable) {
  // RFC 8203/9003 shutdown communication: a length byte, then UTF-8 text.
  const std::string text = "maintenance";
  ByteVector data{static_cast<std::uint8_t>(text.size())};
  data.insert(data.end(), text.begin(), text.end());
  const DecodedMessage d = decode_checked(gen::notification(6, 2, data), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  const auto node = d.tree.find_first(FieldId::NotifData);
  ASSERT_TRUE(node.has_value());
  // The length byte 0x0b is a control character: hex only.
  expect_node(d.tree, *node, FieldId::NotifData, 21, 12, "0b 6d 61 69 6e 74 65 6e 61 6e 63 65");

  const std::string bye = "bye";
  const DecodedMessage p =
      decode_checked(gen::notification(6, 4, ByteVector(bye.begin(), bye.end())), PeerContext{});
  expect_node(p.tree, *p.tree.find_first(FieldId::NotifData), FieldId::NotifData, 21, 3,
              "62 79 65  \"bye\"");
  // No data, no node.
  EXPECT_FALSE(decode_checked(gen::notification(6, 4), PeerContext{})
                   .tree.find_first(FieldId::NotifData)
                   .has_value());
}

// AFI 19–20, subtype 21, SAFI 22.
void expect_refresh(const ByteVector& m, std::string_view afi, std::string_view subtype,
                    std::string_view safi) {
  const DecodedMessage d = decode_checked(m, PeerContext{});
  const std::uint32_t msg = message_node(d.tree);
  EXPECT_EQ(d.tree.value(msg).substr(0, 13), "ROUTE-REFRESH");
  expect_node(d.tree, only(d.tree, msg, FieldId::RrAfi), FieldId::RrAfi, 19, 2, afi);
  expect_node(d.tree, only(d.tree, msg, FieldId::RrSubtype), FieldId::RrSubtype, 21, 1, subtype);
  expect_node(d.tree, only(d.tree, msg, FieldId::RrSafi), FieldId::RrSafi, 22, 1, safi);
}

TEST(RouteRefresh, NormalRequest) {
  const ByteVector m = gen::route_refresh(kIpv4Unicast);
  ASSERT_EQ(m.size(), 23u);
  expect_refresh(m, "IPv4 (1)", "Normal route refresh request (0)", "Unicast (1)");
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.refresh_family, kIpv4Unicast);
}

TEST(RouteRefresh, BeginningAndEndOfRouteRefresh) {
  const Family v6{afi::kIpv6, safi::kUnicast};
  expect_refresh(gen::route_refresh(v6, 1), "IPv6 (2)", "Beginning of Route Refresh (BoRR) (1)",
                 "Unicast (1)");
  expect_refresh(gen::route_refresh(v6, 2), "IPv6 (2)", "End of Route Refresh (EoRR) (2)",
                 "Unicast (1)");
  const DecodedMessage d = decode_checked(gen::route_refresh(v6, 2), PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.refresh_family, v6);
}

TEST(RouteRefresh, OrfEntriesAfterANormalRequest) {
  // RFC 5291 §4: When-to-refresh (1 = IMMEDIATE), ORF type 64, length 0.
  const ByteVector body{0, 1, 0, 1, 1, 64, 0, 0};
  const ByteVector m = gen::message(msg_type::kRouteRefresh, body);
  const DecodedMessage d = decode_checked(m, PeerContext{});
  EXPECT_TRUE(d.problems.empty());
  expect_node(d.tree, *d.tree.find_first(FieldId::RrOrf), FieldId::RrOrf, 23, 4, "01 40 00 00");
}

TEST(RouteRefresh, BytesAfterBorrOrEorrAreAnError) {
  // RFC 7313 §5: BoRR and EoRR are exactly 4 bytes of body.
  const ByteVector body{0, 1, 2, 1, 0xAA, 0xBB};
  const DecodedMessage d =
      decode_checked(gen::message(msg_type::kRouteRefresh, body), PeerContext{});
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(
      d.problems[0], 23, 2, Severity::Error, Treatment::None,
      "this EoRR message carries 2 bytes after its 4-byte body, which it must not (RFC 7313 "
      "§5: NOTIFICATION 7/1 Invalid Message Length)");
  expect_node(d.tree, *d.tree.find_first(FieldId::RrOrf), FieldId::RrOrf, 23, 2, "aa bb");
}

}  // namespace
}  // namespace bgplens

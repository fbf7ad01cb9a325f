// SR Policy NLRI (RFC 9830 §2.1): IPv4 and IPv6 endpoints, withdrawal, and the length errors.
// The IPv4 route is ExaBGP's bgp-sr-policy-1. Offsets: see nlri_test_messages.h.
#include <gtest/gtest.h>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"

#include "parser/decode_helpers.h"
#include "parser/nlri_test_messages.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::decode_checked;
using test::expect_node;
using test::expect_problem;
using test::negotiated;
using test::nlri_nodes;
using test::only;
using test::reach_update;
using test::unreach_update;

constexpr Family kSrPolicy4{1, 73};
constexpr Family kSrPolicy6{2, 73};

const ByteVector kPolicy4 = {0x60, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x00, 0x64, 0x0a, 0x00, 0x00, 0x01};

TEST(SrPolicyNlri, Ipv4Endpoint) {
  const DecodedMessage d = decode_checked(reach_update(kSrPolicy4, kPolicy4), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.announced, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "color 100 endpoint 10.0.0.1 distinguisher 0");
  EXPECT_EQ(d.nlri[0].offset, 42u);
  EXPECT_EQ(d.nlri[0].length, 13u);
  const FieldTree& t = d.tree;
  const std::uint32_t p = nlri_nodes(t).at(0);
  expect_node(t, p, FieldId::SrPolicyNlri, 42, 13, "color 100 endpoint 10.0.0.1 distinguisher 0");
  expect_node(t, only(t, p, FieldId::SrPolicyLength), FieldId::SrPolicyLength, 42, 1, "96");
  expect_node(t, only(t, p, FieldId::SrPolicyDistinguisher), FieldId::SrPolicyDistinguisher, 43, 4,
              "0");
  expect_node(t, only(t, p, FieldId::SrPolicyColor), FieldId::SrPolicyColor, 47, 4, "100");
  expect_node(t, only(t, p, FieldId::SrPolicyEndpoint), FieldId::SrPolicyEndpoint, 51, 4,
              "10.0.0.1");
}

TEST(SrPolicyNlri, Ipv6EndpointWithdrawn) {
  ByteVector nlri = {0xc0, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0xc8};
  const ByteVector endpoint = gen::ipv6("2001:db8::1");
  nlri.insert(nlri.end(), endpoint.begin(), endpoint.end());
  const DecodedMessage d = decode_checked(unreach_update(kSrPolicy6, nlri), negotiated(true));
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.update.withdrawn, 1u);
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].text, "color 200 endpoint 2001:db8::1 distinguisher 7");
  EXPECT_EQ(d.nlri[0].offset, 29u);
  EXPECT_EQ(d.nlri[0].length, 25u);
  expect_node(d.tree, only(d.tree, nlri_nodes(d.tree).at(0), FieldId::SrPolicyEndpoint),
              FieldId::SrPolicyEndpoint, 38, 16, "2001:db8::1");
}

TEST(SrPolicyNlri, LengthOtherThanTheAfisIsAnError) {
  ByteVector nlri = kPolicy4;
  nlri[0] = 0xc0;  // 192 bits in AFI 1
  const DecodedMessage d = decode_checked(reach_update(kSrPolicy4, nlri), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 1, Severity::Error, Treatment::AfiSafiDisable,
                 "length 192 bits; an SR Policy NLRI of AFI 1 has 96 (RFC 9830 §2.1, "
                 "RFC 7606 §5.3)");
  EXPECT_TRUE(d.nlri.empty());
}

TEST(SrPolicyNlri, TruncatedNlri) {
  const DecodedMessage d =
      decode_checked(reach_update(kSrPolicy4, {0x60, 0x00, 0x00, 0x00, 0x00}), negotiated(true));
  ASSERT_EQ(d.problems.size(), 1u);
  expect_problem(d.problems[0], 42, 5, Severity::Error, Treatment::AfiSafiDisable,
                 "length 96 bits needs 12 bytes, 4 bytes left (RFC 7606 §5.3)");
}

TEST(SrPolicyNlri, NegotiatedAddPath) {
  ByteVector nlri = {0x00, 0x00, 0x00, 0x02};
  nlri.insert(nlri.end(), kPolicy4.begin(), kPolicy4.end());
  const DecodedMessage d =
      decode_checked(reach_update(kSrPolicy4, nlri), negotiated(true, {kSrPolicy4}));
  EXPECT_TRUE(d.problems.empty());
  ASSERT_EQ(d.nlri.size(), 1u);
  EXPECT_EQ(d.nlri[0].path_id, 2u);
  EXPECT_EQ(d.nlri[0].length, 17u);
  expect_node(d.tree, nlri_nodes(d.tree).at(0), FieldId::SrPolicyNlri, 42, 17,
              "color 100 endpoint 10.0.0.1 distinguisher 0 path 2");
}

}  // namespace
}  // namespace bgplens

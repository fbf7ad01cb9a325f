// RouteTable (rib/route_table.h): the routes of decoded UPDATEs held as 16-byte rows, each
// distinct attribute set stored once.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "rib/route_table.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

using gen::ByteVector;
using test::negotiated;

ByteVector announce(std::uint32_t local_pref, const std::vector<std::string>& prefixes) {
  std::vector<gen::Prefix> nlri;
  for (const std::string& p : prefixes)
    nlri.push_back(gen::prefix(p));
  return gen::update({{},
                      {gen::origin(0), gen::as_path({{2, {65001, 65002}}}, true),
                       gen::next_hop("192.0.2.1"), gen::local_pref(local_pref)},
                      nlri});
}

ByteVector concat_bytes(const ByteVector& a, const ByteVector& b) {
  ByteVector out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

void add(RouteTable& table, const ByteVector& m) {
  const DecodedMessage d = decode_message(m, negotiated(true), Depth::Routes);
  ASSERT_TRUE(d.problems.empty());
  table.add(m, d);
}

TEST(RouteTable, EqualAttributesAreStoredOnce) {
  RouteTable table;
  const ByteVector first = announce(100, {"10.0.0.0/8", "192.168.1.0/24"});
  add(table, first);
  add(table, announce(100, {"172.16.0.0/12"}));
  add(table, announce(200, {"10.1.0.0/16"}));
  ASSERT_EQ(table.size(), 4u);
  EXPECT_EQ(table.attribute_set_count(), 2u);
  const RouteTable::Route& a = table.route(0);
  const RouteTable::Route& b = table.route(2);
  const RouteTable::Route& c = table.route(3);
  EXPECT_EQ(a.attributes, table.route(1).attributes);
  EXPECT_EQ(a.attributes, b.attributes);
  EXPECT_NE(a.attributes, c.attributes);
  // The set is the attributes' bytes as on the wire: from the first attribute to the NLRI.
  const Bytes set = table.attribute_set(a.attributes);
  const std::size_t attrs_length = load_be16(first.data() + 21);
  ASSERT_EQ(set.size(), attrs_length);
  EXPECT_TRUE(std::equal(set.begin(), set.end(), first.begin() + 23));
  // Prefixes keep their bytes and lengths.
  EXPECT_EQ(a.prefix_bits, 8);
  EXPECT_EQ(table.prefix(a).size(), 1u);
  EXPECT_EQ(table.prefix(a)[0], 10);
  EXPECT_EQ(table.route(1).prefix_bits, 24);
  EXPECT_EQ(table.prefix(table.route(1)).size(), 3u);
  EXPECT_EQ(table.family(a), kIpv4Unicast);
  EXPECT_EQ(a.action, NlriAction::Announce);
  EXPECT_EQ(a.has_path_id, 0);
}

TEST(RouteTable, WithdrawalsHaveNoAttributeSet) {
  RouteTable table;
  const ByteVector m = gen::update({{gen::prefix("10.0.0.0/8")}, {}, {}});
  add(table, m);
  ASSERT_EQ(table.size(), 1u);
  EXPECT_EQ(table.route(0).action, NlriAction::Withdraw);
  EXPECT_EQ(table.route(0).attributes, 0u);
  EXPECT_EQ(table.attribute_set_count(), 0u);
  EXPECT_TRUE(table.attribute_set(0).empty());
}

TEST(RouteTable, TheSetLeavesOutMpReach) {
  // IPv6 routes in MP_REACH_NLRI between ORIGIN and LOCAL_PREF: the set is ORIGIN, AS_PATH and
  // LOCAL_PREF without the MP_REACH_NLRI between them, so the same path with other prefixes
  // shares it.
  const auto v6 = [](const std::string& prefix) {
    return gen::update({{},
                        {gen::origin(0),
                         gen::mp_reach(Family{afi::kIpv6, safi::kUnicast}, gen::ipv6("2001:db8::1"),
                                       {gen::prefix(prefix)}),
                         gen::as_path({{2, {65001}}}, true), gen::local_pref(100)},
                        {}});
  };
  RouteTable table;
  const ByteVector first = v6("2001:db8:1::/48");
  add(table, first);
  add(table, v6("2001:db8:2::/48"));
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table.attribute_set_count(), 1u);
  EXPECT_EQ(table.route(0).attributes, table.route(1).attributes);
  const Bytes set = table.attribute_set(table.route(0).attributes);
  const ByteVector origin = gen::origin(0);
  const ByteVector rest = concat_bytes(gen::as_path({{2, {65001}}}, true), gen::local_pref(100));
  ASSERT_EQ(set.size(), origin.size() + rest.size());
  EXPECT_TRUE(std::equal(origin.begin(), origin.end(), set.begin()));
  EXPECT_TRUE(std::equal(rest.begin(), rest.end(), set.begin() + origin.size()));
  EXPECT_EQ(table.family(table.route(0)), (Family{afi::kIpv6, safi::kUnicast}));
  EXPECT_EQ(table.route(0).prefix_bits, 48);
}

TEST(RouteTable, ManyDistinctSetsSurviveTheIndexGrowing) {
  // 3000 sets: the index starts at 1024 slots and doubles at half load, several times.
  RouteTable table;
  for (std::uint32_t i = 0; i < 3000; ++i)
    add(table, announce(i, {"10.0.0.0/8"}));
  // The same 3000 again: every one is found, none added.
  for (std::uint32_t i = 0; i < 3000; ++i)
    add(table, announce(i, {"10.0.0.0/8"}));
  ASSERT_EQ(table.size(), 6000u);
  EXPECT_EQ(table.attribute_set_count(), 3000u);
  for (std::uint32_t i = 0; i < 3000; ++i)
    EXPECT_EQ(table.route(i).attributes, table.route(3000 + i).attributes) << i;
  EXPECT_GT(table.memory_bytes(), 6000u * sizeof(RouteTable::Route));
}

}  // namespace
}  // namespace bgplens

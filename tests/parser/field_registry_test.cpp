#include <gtest/gtest.h>

#include <set>
#include <string>

#include "fields/field_registry.h"

namespace bgplens {
namespace {

TEST(FieldRegistry, EveryFieldHasAUniqueKeyANameAndAnExplanation) {
  std::set<std::string> keys;
  for (std::size_t i = 0; i < field_count(); ++i) {
    const FieldInfo& f = field_info(static_cast<FieldId>(i));
    EXPECT_EQ(static_cast<std::size_t>(f.id), i);
    EXPECT_FALSE(f.name.empty()) << f.key;
    EXPECT_FALSE(f.description.empty()) << f.key;
    // Keys name their protocol first, as display filters will: BGP, BMP, MRT, and the frame
    // layers below them.
    static const std::set<std::string> roots = {"bgp",  "bmp", "mrt",  "frame", "eth",  "vlan",
                                                "mpls", "sll", "link", "ip",    "ipv6", "tcp"};
    const std::string root(f.key.substr(0, f.key.find('.')));
    EXPECT_TRUE(roots.count(root)) << f.key;
    EXPECT_TRUE(keys.insert(std::string(f.key)).second) << "duplicate key " << f.key;
  }
}

TEST(FieldRegistry, FindsFieldsByFilterKey) {
  const FieldInfo* origin = find_field("bgp.attr.origin");
  ASSERT_NE(origin, nullptr);
  EXPECT_EQ(origin->id, FieldId::Origin);
  EXPECT_EQ(origin->name, "ORIGIN");
  EXPECT_NE(origin->rfc.find("RFC 4271"), std::string_view::npos);
  EXPECT_EQ(find_field("bgp.no.such.field"), nullptr);
}

}  // namespace
}  // namespace bgplens

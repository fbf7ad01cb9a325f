// The EXTENDED_COMMUNITIES attribute (16, RFC 4360 §2) and the IPv6 Address Specific Extended
// Community attribute (25, RFC 5701 §2): lists of 8- and 20-octet communities. The length
// rules and their treatment are those of RFC 7606 §7.14 and §7.15.
#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens {
namespace {

// The attribute summary lists this many community texts, then a count of the rest.
constexpr std::size_t kSummaryItems = 16;

struct CommunityList {
  const char* attribute;  // "EXTENDED_COMMUNITIES"
  std::uint32_t size;     // 8 or 20 octets per community
  const char* rule;       // "RFC 7606 §7.14"
  std::string (*decode)(Walk&, std::uint32_t);
};

// RFC 7606 §7.14 / §7.15: the attribute is malformed when its length is not a non-zero multiple
// of the community size; the UPDATE is then treated as withdrawn. Unknown types and sub-types
// are never an error. Without RFC 7606 the length error is NOTIFICATION 3/5 (RFC 4271 §6.3).
void decode_list(Walk& w, const AttributeView& a, const CommunityList& list) {
  const std::uint32_t whole = a.value_length / list.size * list.size;
  const std::uint32_t rest = a.value_length - whole;
  if (a.value_length == 0) {
    // Nothing to point at in the value: the error covers the Length field.
    const std::uint32_t length_at = a.offset + 2;
    w.error(length_at, a.value_offset - length_at,
            std::string(list.attribute) + " length 0 is not a non-zero multiple of " +
                std::to_string(list.size) + " (" + list.rule +
                ": treat-as-withdraw; NOTIFICATION 3/5 Attribute Length Error)",
            Treatment::TreatAsWithdraw);
  }
  std::string summary;
  std::size_t listed = 0;
  if (w.has_tree()) {
    for (std::uint32_t p = a.value_offset; p < a.value_offset + whole; p += list.size) {
      const std::string text = list.decode(w, p);
      if (listed++ < kSummaryItems) {
        summary += summary.empty() ? text : ", " + text;
      }
    }
  }
  if (rest != 0) {
    // The communities before the stray octets are shown; the attribute as a whole is malformed.
    w.error(a.value_offset + whole, rest,
            std::string(list.attribute) + " length " + std::to_string(a.value_length) +
                " is not a multiple of " + std::to_string(list.size) + ": " +
                text::byte_count(rest) + " after the last whole community (" + list.rule +
                ": treat-as-withdraw; NOTIFICATION 3/5 Attribute Length Error)",
            Treatment::TreatAsWithdraw);
  }
  attr_summary(w, a, [&] {
    if (listed > kSummaryItems) summary += ", … (" + std::to_string(listed) + " in all)";
    return summary.empty() ? std::string("none") : summary;
  });
}

}  // namespace

void decode_attr_ext_communities(Walk& w, const AttributeView& a, UpdateState&) {
  decode_list(w, a, {"EXTENDED_COMMUNITIES", 8, "RFC 7606 §7.14", extcomm::decode_community});
}

void decode_attr_ipv6_ext_communities(Walk& w, const AttributeView& a, UpdateState&) {
  decode_list(w, a,
              {"IPv6 Address Specific Extended Community", 20, "RFC 7606 §7.15",
               extcomm::decode_ipv6_community});
}

}  // namespace bgplens

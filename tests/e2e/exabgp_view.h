// An "ExaBGP view" of our decoding of one UPDATE: the JSON ExaBGP prints for it under
// neighbor.message.update — {"attribute": {...}, "announce": {family: {next hop: [NLRI...]}},
// "withdraw": {family: [NLRI...]}} — built from our field tree and the message bytes only, so
// that exabgp_expected_test.cpp can compare it with ExaBGP's expected JSON key by key.
//
// Values come from our tree nodes (found by field id) or from the bytes at a node's offset;
// where ExaBGP gives raw hex (EVPN, MCAST-VPN and MUP routes, unknown attributes and TLVs), the
// view gives the bytes of our node, so the comparison is byte-exact. Numbers may be JSON numbers
// or strings: the comparison reads both as their decimal text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "reference_compare.h"

namespace bgplens::test::exa {

// One decoded message with its bytes, and the lookups the views make in its tree.
class Decoded {
 public:
  Decoded(const DecodedMessage& m, const std::vector<std::uint8_t>& bytes) : m_(m), bytes_(bytes) {}

  const DecodedMessage& message() const { return m_; }
  const FieldNode& node(std::uint32_t n) const { return m_.tree.node(n); }
  FieldId field(std::uint32_t n) const { return m_.tree.node(n).field; }
  std::string text(std::uint32_t n) const { return std::string(m_.tree.value(n)); }

  // Direct children of `n` (all, or those with field `id`), in order.
  std::vector<std::uint32_t> children(std::uint32_t n) const;
  std::vector<std::uint32_t> children(std::uint32_t n, FieldId id) const;
  std::optional<std::uint32_t> child(std::uint32_t n, FieldId id) const;
  // Nodes with field `id` anywhere below `n`, in pre-order.
  std::vector<std::uint32_t> below(std::uint32_t n, FieldId id) const;
  std::optional<std::uint32_t> first_below(std::uint32_t n, FieldId id) const;

  // The value text up to the first blank: "IGP (0)" → "IGP", "12345 (32 bits)" → "12345".
  std::string head(std::uint32_t n) const;
  // The first decimal number of the value text ("label 16000" → 16000); nullopt when none.
  std::optional<std::uint64_t> number(std::uint32_t n) const;
  // The number in the last parentheses of the value text: "Link (2)" → 2.
  std::optional<std::uint64_t> code(std::uint32_t n) const;

  // The message bytes [offset, offset + length), as upper-case hex or a big-endian number.
  std::string hex(std::uint32_t offset, std::uint32_t length) const;
  std::uint64_t uint(std::uint32_t offset, std::uint32_t length) const;
  std::uint8_t byte(std::uint32_t offset) const { return bytes_[offset]; }
  std::string node_hex(std::uint32_t n) const { return hex(node(n).offset, node(n).length); }
  std::uint64_t node_uint(std::uint32_t n) const { return uint(node(n).offset, node(n).length); }
  // The bytes as one (arbitrarily large) unsigned decimal number.
  std::string decimal(std::uint32_t offset, std::uint32_t length) const;

  // The tree node of an NLRI entry (same offset and length), if the tree has one.
  std::optional<std::uint32_t> nlri_node(const NlriEntry& e) const;

 private:
  const DecodedMessage& m_;
  const std::vector<std::uint8_t>& bytes_;
};

// The update's view: {"attribute": ..., "announce": ..., "withdraw": ...} (keys only when present).
Json update_view(const DecodedMessage& m, const std::vector<std::uint8_t>& bytes);

// An IPv4 address from 4 bytes of a number, as ExaBGP shows path identifiers: 10 → "0.0.0.10".
std::string dotted(std::uint32_t v);
// An upper-case name in ExaBGP's style: "AS_SEQUENCE" → "as-sequence", "IGP" → "igp".
std::string lower_dashed(std::string s);

// The ExaBGP object of one NLRI, by family group (exabgp_view_<group>.cpp). `node` is the
// NLRI's tree node.
Json prefix_nlri(const Decoded& d, const NlriEntry& e,
                 std::uint32_t node);  // unicast, labeled, VPN
Json flow_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);
Json vpls_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);
Json sr_policy_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);
Json evpn_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);
Json mvpn_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);
Json mup_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);
Json bgpls_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node);

// The labels below an NLRI node as ExaBGP lists them: [[label, raw 24 bits]] (`with_raw`) or
// [[label]] (EVPN).
Json labels(const Decoded& d, std::uint32_t node, bool with_raw);

// The "attribute" object (exabgp_view_attributes.cpp). ExaBGP lists NEXT_HOP as an attribute
// only when the update withdraws routes (`withdraws`); announced routes carry it as their key.
Json attributes_view(const Decoded& d, bool withdraws);
Json prefix_sid_view(const Decoded& d, std::uint32_t attr);
Json tunnel_encap_view(const Decoded& d, std::uint32_t attr);
// The BGP-LS attribute (exabgp_view_bgpls.cpp).
Json bgpls_attribute_view(const Decoded& d, std::uint32_t attr);

// --- Comparing the view with ExaBGP's JSON (exabgp_view_compare.cpp) ----------------------------

// Rewrites ExaBGP's renderings that differ from ours in form only, in its
// neighbor.message.update: protocol and ICMP type names of FlowSpec terms become numbers
// ("=tcp" → "=6"), EVPN MACs lower case, the zero ESI "-" becomes "0", MUP's empty source
// address "b''" (a Python bytes literal) becomes "". Returns how often each rule applied.
std::map<std::string, int> normalise_exabgp(Json& update);

// Keys of ExaBGP's JSON that carry no value of the message (its own labels and texts), or that
// another test compares; key → why it is left out.
const std::map<std::string, std::string>& ignored_nlri_keys();
const std::map<std::string, std::string>& ignored_attribute_keys();

struct Difference {
  std::string path;    // "announce/ipv4 unicast/10.0.0.1/0/nlri"
  std::string exabgp;  // the values as text; "<absent>" for a key one side lacks
  std::string ours;
  std::string category;  // the family or attribute
  std::string nlri;      // the path of the NLRI it is in (empty for attributes)
};

struct Tally {
  int nlri = 0;       // NLRI compared
  int nlri_same = 0;  // of which every value agrees
  int values = 0;     // values compared (scalars, next hops, list lengths, keys)
  int same = 0;       // of which agree
};

struct Comparison {
  std::vector<Difference> differences;
  std::map<std::string, Tally> families;    // "ipv4 unicast" → NLRI, their values, next hops
  std::map<std::string, Tally> attributes;  // "origin" → values
  std::map<std::string, Tally> messages;    // "open" → values of a message other than UPDATE
  std::map<std::string, int> ignored;       // keys left out → how often
};

// Compares ExaBGP's (normalised) update with our view, key by key, and adds to `out`. Numbers
// and strings compare by their decimal text; an NLRI ExaBGP could not parse ("parsed": false)
// is compared only on the keys ExaBGP gives.
void compare_update(const Json& exabgp, const Json& ours, Comparison& out);
// The same for any other JSON value (an OPEN's), counted under messages[category].
void compare_values(const Json& exabgp, const Json& ours, const std::string& category,
                    Comparison& out);

}  // namespace bgplens::test::exa

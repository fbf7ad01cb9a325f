// Our decoding against ExaBGP's expected JSON (../shared/exabgp-qa/cases.jsonl, issue #3):
// 1. every message of the corpus decodes without problems of severity Warning or Error, except
//    where the bytes really are malformed (kMalformed: our message, and the RFC rule);
// 2. for every UPDATE with expected JSON, the announced and withdrawn NLRI per family (with
//    their next hops) and the attribute values equal ExaBGP's, read from an "ExaBGP view" of our
//    tree (exabgp_view.h); the OPEN with expected JSON is compared on its values too;
// 3. where ExaBGP and we disagree and we follow the RFC, the disagreement is listed
//    (kDisagreements). Unlisted differences fail, and so do listed ones that no longer occur.
// Extended communities are left to extended_communities_exabgp_test.cpp. The one case of bare
// NLRI bytes (decoding/bgp-ls-1, no message around it) is skipped.
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <string>

#include "bgp/message_decoder.h"
#include "exabgp_case.h"
#include "exabgp_view.h"

namespace bgplens::test {
namespace {

// Problems we report on purpose: the bytes break the rule quoted.
struct Malformed {
  const char* name;
  const char* message;  // our DecodeProblem::message, exactly
  const char* rule;
};
const std::vector<Malformed> kMalformed{
    {"decoding/bgp-evpn-1",
     "Multicast Leave Synch route: the Flags octet needs 1 byte, 0 bytes left of the route's 38 "
     "(RFC 9251 §9.3). The route length octet still frames the next route.",
     "RFC 9251 §9.3: a Multicast Leave Synch route is RD (8), ESI (10), Ethernet Tag (4), source "
     "length and source, group length and group, originator length and originator, Leave Group "
     "Synchronization # (4), Maximum Response Time (1) and Flags (1): 39 octets with no source "
     "and an IPv4 group and originator. Its length octet says 38, so the Flags octet is missing "
     "(ExaBGP does not decode route type 8: \"parsed\": false, raw only)."},
    {"encoding/conf-flow/007",
     "pattern not encoded as RFC 8956 §3.1 says (the bits from the offset to the length, shifted "
     "to the first octet: 1 byte for length 128 and offset 120): the NLRI parses only with the "
     "whole prefix's 16 bytes from address bit 0, as GoBGP 3.10, ExaBGP and Ryu write it "
     "(tshark 4.0 reads it so); decoded that way (RFC 8955 §4.2: the NLRI is malformed)",
     "RFC 8956 §3.1: an IPv6 prefix component carries only the bits from Offset to Length (8 "
     "bits, 1 octet, for source-ipv6 ::1/128 offset 120); ExaBGP wrote all 16 octets. We read "
     "it as ExaBGP wrote it, so the values still compare equal."},
    {"encoding/conf-generic-attribute/002",
     "unrecognized well-known attribute 153 (NOTIFICATION 3/2 Unrecognized Well-known Attribute)",
     "RFC 4271 §4.3, §5 and §6.3: flags 0x60 leave the Optional bit 0, so type 153 (unassigned) "
     "claims to be well-known; all well-known attributes must be recognized, and one that is not "
     "is an UPDATE error (Unrecognized Well-known Attribute). ExaBGP keeps it raw."},
    {"encoding/conf-generic-attribute/003",
     "unrecognized well-known attribute 153 (NOTIFICATION 3/2 Unrecognized Well-known Attribute)",
     "RFC 4271 §4.3, §5 and §6.3: as for 002, with flags 0x70 (Extended Length set)."}};

// Values where ExaBGP's JSON and our decoding disagree, and why ours stands (or "decoder bug:
// ..." where ours is wrong). None at present: once the renderings that differ in form only are
// normalised (exabgp_view_compare.cpp, exabgp_view_bgpls.cpp), every compared value agrees.
struct Disagreement {
  const char* name;
  const char* path;    // as compare_update writes it
  const char* exabgp;  // both values as compare_update writes them
  const char* ours;
  const char* reason;
};
const std::vector<Disagreement> kDisagreements{};

// The OPEN of decoding/bgp-open-sofware-version as ExaBGP shows it: version, ASN, hold time,
// router ID, and per capability code its values (multiprotocol families, asn4, software).
Json open_view(const exa::Decoded& d) {
  const OpenValues& open = *d.message().open;
  Json out = {{"version", open.version},
              {"asn", open.my_as},
              {"hold_time", open.hold_time},
              {"router_id", exa::dotted(open.bgp_id)}};
  Json caps = Json::object();
  for (const std::uint8_t code : open.capabilities_seen)
    caps[std::to_string(code)] = Json::object();
  for (const Family f : open.multiprotocol) {
    std::string name = exabgp_family_name(f);
    name[name.find(' ')] = '/';
    caps["1"]["families"].push_back(name);
  }
  if (open.as4) caps["65"]["asn4"] = *open.as4;
  if (const auto version = d.first_below(FieldTree::kRoot, FieldId::CapSwVersion)) {
    std::string text = d.text(*version);  // in quotes
    if (text.size() >= 2 && text.front() == '"') text = text.substr(1, text.size() - 2);
    caps["75"]["software"] = text;
  }
  out["capabilities"] = caps;
  return out;
}

struct Totals {
  int messages = 0;
  int expected = 0;
  int problems_listed = 0;
  exa::Comparison comparison;
  std::map<std::string, int> normalised;
  std::map<std::string, int> known;  // category → listed differences that occurred
};

void check_case(const ExabgpCase& c, Totals& totals, std::set<const void*>& seen) {
  const DecodedMessage m = decode_message(c.bytes, context_of(c.context()), Depth::Tree);
  ++totals.messages;
  // 1. problems
  for (const DecodeProblem& p : m.problems) {
    if (p.severity < Severity::Warning) continue;
    const Malformed* listed = nullptr;
    for (const Malformed& k : kMalformed) {
      if (c.name == k.name && p.message == k.message) listed = &k;
    }
    if (listed) {
      seen.insert(listed);
      ++totals.problems_listed;
    } else {
      ADD_FAILURE() << c.name << ": " << severity_name(p.severity) << " at " << p.offset << ": "
                    << p.message;
    }
  }
  // 2. values
  const Json* expected = c.expected();
  if (!expected || !expected->contains("neighbor")) return;
  const Json& neighbor = (*expected)["neighbor"];
  const exa::Decoded d(m, c.bytes);
  exa::Comparison one;
  if (neighbor.contains("open") && m.open) {
    Json exabgp = neighbor["open"];
    for (auto& [code, cap] : exabgp["capabilities"].items())
      cap.erase("name");  // ExaBGP's label of the capability code
    exa::compare_values(exabgp, open_view(d), "open", one);
  } else {
    if (!neighbor.contains("message") || !neighbor["message"].contains("update")) return;
    Json exabgp = neighbor["message"]["update"];
    for (const auto& [rule, count] : exa::normalise_exabgp(exabgp))
      totals.normalised[rule] += count;
    exa::compare_update(exabgp, exa::update_view(m, c.bytes), one);
  }
  ++totals.expected;
  // 3. differences
  for (const exa::Difference& diff : one.differences) {
    const Disagreement* listed = nullptr;
    for (const Disagreement& k : kDisagreements) {
      if (c.name == k.name && diff.path == k.path && diff.exabgp == k.exabgp && diff.ours == k.ours)
        listed = &k;
    }
    if (listed) {
      seen.insert(listed);
      ++totals.known[diff.category];
    } else {
      ADD_FAILURE() << c.name << ": " << diff.path << ": ExaBGP \"" << diff.exabgp << "\", ours \""
                    << diff.ours << "\"";
    }
  }
  // Merge the counts.
  exa::Comparison& all = totals.comparison;
  all.differences.insert(all.differences.end(), one.differences.begin(), one.differences.end());
  for (const auto& [k, t] : one.families) {
    exa::Tally& sum = all.families[k];
    sum.nlri += t.nlri, sum.nlri_same += t.nlri_same, sum.values += t.values, sum.same += t.same;
  }
  for (const auto& [k, t] : one.attributes) {
    exa::Tally& sum = all.attributes[k];
    sum.values += t.values, sum.same += t.same;
  }
  for (const auto& [k, t] : one.messages) {
    exa::Tally& sum = all.messages[k];
    sum.values += t.values, sum.same += t.same;
  }
  for (const auto& [k, n] : one.ignored)
    all.ignored[k] += n;
}

void print_table(const char* title, const std::map<std::string, exa::Tally>& rows,
                 const std::map<std::string, int>& known, bool nlri) {
  std::cout << title << (nlri ? "  NLRI  NLRI-same" : "") << "  values  same  listed\n";
  exa::Tally sum;
  int listed = 0;
  for (const auto& [name, t] : rows) {
    const int k = known.contains(name) ? known.at(name) : 0;
    std::cout << "  " << name;
    if (nlri) std::cout << "  " << t.nlri << "  " << t.nlri_same;
    std::cout << "  " << t.values << "  " << t.same << "  " << k << "\n";
    sum.nlri += t.nlri, sum.nlri_same += t.nlri_same, sum.values += t.values, sum.same += t.same;
    listed += k;
  }
  std::cout << "  all";
  if (nlri) std::cout << "  " << sum.nlri << "  " << sum.nlri_same;
  std::cout << "  " << sum.values << "  " << sum.same << "  " << listed << "\n";
}

TEST(ExabgpExpected, DecodingAgreesWithExabgp) {
  const std::vector<ExabgpCase> cases = load_exabgp_cases();
  ASSERT_FALSE(cases.empty()) << "missing " << exabgp_cases_path();
  Totals totals;
  std::set<const void*> seen;
  int skipped = 0;
  int comparable = 0;  // cases with an expected OPEN or UPDATE
  for (const ExabgpCase& c : cases) {
    if (!c.has_message()) {
      ++skipped;  // decoding/bgp-ls-1: bare BGP-LS NLRI bytes, no message to decode
      continue;
    }
    check_case(c, totals, seen);
    const Json* e = c.expected();
    if (e && e->contains("neighbor") &&
        ((*e)["neighbor"].contains("open") ||
         ((*e)["neighbor"].contains("message") && (*e)["neighbor"]["message"].contains("update"))))
      ++comparable;
  }
  // Every case whose expected JSON holds an OPEN or an UPDATE was compared (none dropped
  // because we decoded something else), and most cases have one. (Counts are not fixed: the
  // corpus may grow.)
  EXPECT_EQ(totals.expected, comparable);
  EXPECT_GT(totals.expected, totals.messages / 2);
  std::set<std::string> names;
  for (const ExabgpCase& c : cases)
    names.insert(c.name);
  // A listed entry whose case is in the corpus must still occur, so the lists stay honest.
  for (const Malformed& k : kMalformed) {
    EXPECT_TRUE(!names.contains(k.name) || seen.contains(&k))
        << "listed problem no longer reported: " << k.name << ": " << k.message;
  }
  for (const Disagreement& k : kDisagreements) {
    EXPECT_TRUE(!names.contains(k.name) || seen.contains(&k))
        << "listed disagreement no longer occurs: " << k.name << ": " << k.path;
  }
  // The report.
  const exa::Comparison& all = totals.comparison;
  std::cout << "messages decoded " << totals.messages << ", with expected JSON compared "
            << totals.expected << ", listed malformed-message problems " << totals.problems_listed
            << ", bare-NLRI cases skipped " << skipped << "\n";
  print_table("family", all.families, totals.known, true);
  print_table("attribute", all.attributes, totals.known, false);
  print_table("message", all.messages, totals.known, false);
  for (const auto& [rule, n] : totals.normalised)
    std::cout << "normalised " << n << "× " << rule << "\n";
  for (const auto& [key, n] : all.ignored)
    std::cout << "left out " << n << "× \"" << key << "\"\n";
  int nlri = 0, values = 0, same = 0;
  for (const auto& [k, t] : all.families)
    nlri += t.nlri, values += t.values, same += t.same;
  for (const auto& [k, t] : all.attributes)
    values += t.values, same += t.same;
  for (const auto& [k, t] : all.messages)
    values += t.values, same += t.same;
  RecordProperty("messages", totals.messages);
  RecordProperty("cases_compared", totals.expected);
  RecordProperty("nlri_compared", nlri);
  RecordProperty("values_compared", values);
  RecordProperty("values_same", same);
  RecordProperty("differences_listed", static_cast<int>(all.differences.size()));
}

}  // namespace
}  // namespace bgplens::test

// Comparing our ExaBGP view with ExaBGP's expected JSON: the rendering rules that are form only,
// the keys left out, and the key-by-key comparison with its counts.
#include <cctype>
#include <cmath>

#include "exabgp_view.h"

namespace bgplens::test::exa {
namespace {

// ExaBGP's names in FlowSpec terms (IANA protocol numbers, ICMP types, RFC 792).
const std::map<std::string, std::string>& term_names(const std::string& key) {
  static const std::map<std::string, std::string> protocols{
      {"icmp", "1"},  {"igmp", "2"},  {"tcp", "6"},   {"egp", "8"}, {"udp", "17"},
      {"rsvp", "46"}, {"gre", "47"},  {"esp", "50"},  {"ah", "51"}, {"ipv6-icmp", "58"},
      {"ospf", "89"}, {"pim", "103"}, {"sctp", "132"}};
  static const std::map<std::string, std::string> icmp_types{
      {"echo-reply", "0"},      {"unreachable", "3"},     {"source-quench", "4"},
      {"redirect", "5"},        {"echo-request", "8"},    {"router-advertisement", "9"},
      {"router-solicit", "10"}, {"time-exceeded", "11"},  {"parameter-problem", "12"},
      {"timestamp", "13"},      {"timestamp-reply", "14"}};
  static const std::map<std::string, std::string> none;
  if (key == "protocol" || key == "next-header") return protocols;
  if (key == "icmp-type") return icmp_types;
  return none;
}

// "=tcp" → "=6", "!=udp" → "!=17": every run of letters and dashes that is a name.
std::string numbered(const std::string& term, const std::map<std::string, std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < term.size();) {
    const auto is_name = [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) || c == '-';
    };
    if (!is_name(term[i])) {
      out += term[i++];
      continue;
    }
    std::size_t end = i;
    while (end < term.size() && is_name(term[end]))
      ++end;
    const std::string word = term.substr(i, end - i);
    const auto it = names.find(word);
    out += it == names.end() ? word : it->second;
    i = end;
  }
  return out;
}

void normalise_nlri(const std::string& family, Json& nlri, std::map<std::string, int>& rules) {
  if (!nlri.is_object()) return;
  if (family.ends_with("flow") || family.ends_with("flow-vpn")) {
    for (auto& [key, terms] : nlri.items()) {
      const auto& names = term_names(key);
      if (names.empty() || !terms.is_array()) continue;
      for (Json& term : terms) {
        const std::string n = numbered(term.get<std::string>(), names);
        if (n == term.get<std::string>()) continue;
        term = n;
        ++rules["FlowSpec " + key + " names as numbers"];
      }
    }
  }
  if (family == "l2vpn evpn") {
    if (nlri.contains("mac") && nlri["mac"].is_string()) {
      std::string mac = nlri["mac"].get<std::string>();
      for (char& c : mac)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (mac != nlri["mac"].get<std::string>()) ++rules["EVPN MAC in lower case"];
      nlri["mac"] = mac;
    }
    if (nlri.contains("esi") && nlri["esi"] == "-") {
      nlri["esi"] = "0";
      ++rules["EVPN zero ESI \"-\" as \"0\""];
    }
  }
  if (family.ends_with(" mup") && nlri.contains("source_ip") && nlri["source_ip"] == "b''") {
    nlri["source_ip"] = "";
    ++rules["MUP empty source address b'' as \"\""];
  }
}

std::string canonical(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  if (j.is_number_unsigned()) return std::to_string(j.get<std::uint64_t>());
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (v == std::floor(v) && std::fabs(v) < 1e18)
      return std::to_string(static_cast<std::int64_t>(v));
  }
  return j.dump();
}

struct Context {
  Comparison& out;
  Tally& tally;
  std::string category;
  std::string nlri;

  void differ(const std::string& path, const std::string& exabgp, const std::string& ours) {
    out.differences.push_back({path, exabgp, ours, category, nlri});
  }
};

void compare_value(const Json& exabgp, const Json& ours, const std::string& path, Context& c) {
  if (exabgp.is_object() || exabgp.is_array()) {
    if (exabgp.type() != ours.type()) {
      ++c.tally.values;
      c.differ(path, exabgp.dump(), ours.dump());
      return;
    }
  }
  if (exabgp.is_object()) {
    for (const auto& [key, value] : exabgp.items()) {
      if (ours.contains(key)) {
        compare_value(value, ours[key], path + "/" + key, c);
      } else {
        ++c.tally.values;
        c.differ(path + "/" + key, canonical(value), "<absent>");
      }
    }
    for (const auto& [key, value] : ours.items()) {
      if (exabgp.contains(key)) continue;
      ++c.tally.values;
      c.differ(path + "/" + key, "<absent>", canonical(value));
    }
    return;
  }
  if (exabgp.is_array()) {
    if (exabgp.size() != ours.size()) {
      ++c.tally.values;
      c.differ(path + "/length", std::to_string(exabgp.size()), std::to_string(ours.size()));
    }
    for (std::size_t i = 0; i < std::min(exabgp.size(), ours.size()); ++i)
      compare_value(exabgp[i], ours[i], path + "/" + std::to_string(i), c);
    return;
  }
  ++c.tally.values;
  if (!ours.is_object() && !ours.is_array() && canonical(exabgp) == canonical(ours)) {
    ++c.tally.same;
  } else {
    c.differ(path, canonical(exabgp), ours.is_string() ? ours.get<std::string>() : ours.dump());
  }
}

void compare_nlri(const Json& exabgp, const Json& ours, const std::string& path,
                  const std::string& family, Comparison& out) {
  Tally& tally = out.families[family];
  ++tally.nlri;
  const std::size_t before = out.differences.size();
  Context c{out, tally, family, path};
  const bool unparsed = exabgp.contains("parsed") && exabgp["parsed"] == false;
  for (const auto& [key, value] : exabgp.items()) {
    if (ignored_nlri_keys().contains(key)) {
      ++out.ignored[key];
    } else if (!ours.contains(key)) {
      ++tally.values;
      c.differ(path + "/" + key, canonical(value), "<absent>");
    } else {
      compare_value(value, ours[key], path + "/" + key, c);
    }
  }
  for (const auto& [key, value] : ours.items()) {
    if (unparsed || exabgp.contains(key)) continue;
    ++tally.values;
    c.differ(path + "/" + key, "<absent>", canonical(value));
  }
  if (out.differences.size() == before) ++tally.nlri_same;
}

// Two NLRI lists, element by element (both in wire order).
void compare_list(const Json& exabgp, const Json& ours, const std::string& path,
                  const std::string& family, Comparison& out) {
  Tally& tally = out.families[family];
  if (exabgp.size() != ours.size()) {
    ++tally.values;
    out.differences.push_back(
        {path + "/length", std::to_string(exabgp.size()), std::to_string(ours.size()), family, ""});
  }
  for (std::size_t i = 0; i < exabgp.size(); ++i) {
    if (i < ours.size()) {
      compare_nlri(exabgp[i], ours[i], path + "/" + std::to_string(i), family, out);
    } else {
      ++tally.nlri;
    }
  }
}

const Json& member(const Json& j, const std::string& key) {
  static const Json empty = Json::object();
  return j.is_object() && j.contains(key) ? j[key] : empty;
}

}  // namespace

std::map<std::string, int> normalise_exabgp(Json& update) {
  std::map<std::string, int> rules;
  if (update.contains("announce")) {
    for (auto& [family, hops] : update["announce"].items()) {
      for (auto& [hop, list] : hops.items()) {
        for (Json& nlri : list)
          normalise_nlri(family, nlri, rules);
      }
    }
  }
  if (update.contains("withdraw")) {
    for (auto& [family, list] : update["withdraw"].items()) {
      for (Json& nlri : list)
        normalise_nlri(family, nlri, rules);
    }
  }
  return rules;
}

const std::map<std::string, std::string>& ignored_nlri_keys() {
  static const std::map<std::string, std::string> keys{
      {"string", "FlowSpec: ExaBGP's configuration text of the same components"},
      {"name", "EVPN, MCAST-VPN, MUP: ExaBGP's label for the route type (\"code\" is compared)"},
      {"parsed", "EVPN, MCAST-VPN: whether ExaBGP has a decoder for the route type"},
      {"nexthop",
       "BGP-LS, API v4 encoder only: the announce key (the MP_REACH next hop, compared there) "
       "copied into each NLRI"}};
  return keys;
}

const std::map<std::string, std::string>& ignored_attribute_keys() {
  static const std::map<std::string, std::string> keys{
      {"extended-community", "octets and text compared by extended_communities_exabgp_test.cpp"},
      {"extended-community-ipv6",
       "octets and text compared by extended_communities_exabgp_test.cpp"}};
  return keys;
}

void compare_values(const Json& exabgp, const Json& ours, const std::string& category,
                    Comparison& out) {
  Context c{out, out.messages[category], category, ""};
  compare_value(exabgp, ours, category, c);
}

void compare_update(const Json& exabgp, const Json& ours, Comparison& out) {
  // announce: family → next hop → NLRI list.
  const Json& announce = member(exabgp, "announce");
  const Json& our_announce = member(ours, "announce");
  for (const auto& [family, hops] : announce.items()) {
    Tally& tally = out.families[family];
    const Json& our_hops = member(our_announce, family);
    for (const auto& [hop, list] : hops.items()) {
      const std::string path = "announce/" + family + "/" + hop;
      ++tally.values;
      if (!our_hops.contains(hop)) {
        out.differences.push_back({path, "next hop " + hop, "<absent>", family, ""});
        tally.nlri += static_cast<int>(list.size());
        continue;
      }
      ++tally.same;
      compare_list(list, our_hops[hop], path, family, out);
    }
    for (const auto& [hop, list] : our_hops.items()) {
      if (hops.contains(hop)) continue;
      ++tally.values;
      out.differences.push_back(
          {"announce/" + family + "/" + hop, "<absent>", "next hop " + hop, family, ""});
    }
  }
  for (const auto& [family, hops] : our_announce.items()) {
    if (announce.contains(family)) continue;
    ++out.families[family].values;
    out.differences.push_back({"announce/" + family, "<absent>", hops.dump(), family, ""});
  }
  // withdraw: family → NLRI list.
  const Json& withdraw = member(exabgp, "withdraw");
  const Json& our_withdraw = member(ours, "withdraw");
  for (const auto& [family, list] : withdraw.items()) {
    const std::string path = "withdraw/" + family;
    if (!our_withdraw.contains(family)) {
      ++out.families[family].values;
      out.families[family].nlri += static_cast<int>(list.size());
      out.differences.push_back({path, list.dump(), "<absent>", family, ""});
      continue;
    }
    compare_list(list, our_withdraw[family], path, family, out);
  }
  for (const auto& [family, list] : our_withdraw.items()) {
    if (withdraw.contains(family)) continue;
    ++out.families[family].values;
    out.differences.push_back({"withdraw/" + family, "<absent>", list.dump(), family, ""});
  }
  // attribute: name → value.
  const Json& attribute = member(exabgp, "attribute");
  const Json& our_attribute = member(ours, "attribute");
  for (const auto& [name, value] : attribute.items()) {
    if (ignored_attribute_keys().contains(name)) {
      ++out.ignored[name];
      continue;
    }
    Context c{out, out.attributes[name], name, ""};
    if (!our_attribute.contains(name)) {
      ++c.tally.values;
      c.differ("attribute/" + name, value.dump(), "<absent>");
    } else {
      compare_value(value, our_attribute[name], "attribute/" + name, c);
    }
  }
  for (const auto& [name, value] : our_attribute.items()) {
    if (attribute.contains(name)) continue;
    ++out.attributes[name].values;
    out.differences.push_back({"attribute/" + name, "<absent>", value.dump(), name, ""});
  }
}

}  // namespace bgplens::test::exa

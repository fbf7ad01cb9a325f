// ExaBGP's objects for BGP-LS (RFC 9552): the NLRI with its descriptors, and the BGP-LS
// attribute with one key per TLV ExaBGP decodes ("generic-lsid-<type>": ["0x<value>"] for the
// others, compared byte for byte).
#include <map>

#include "exabgp_view.h"

namespace bgplens::test::exa {
namespace {

std::uint32_t tlv_type(const Decoded& d, std::uint32_t tlv) {
  return static_cast<std::uint32_t>(d.uint(d.node(tlv).offset, 2));
}

Json number_of(const Decoded& d, std::optional<std::uint32_t> n) {
  if (!n) return Json("<absent>");
  const auto v = d.number(*n);
  return v ? Json(*v) : Json(d.text(*n));
}

std::string text_of(const Decoded& d, std::optional<std::uint32_t> n) {
  return n ? d.text(*n) : "<absent>";
}

// The last child of a TLV: its value after type and length.
std::optional<std::uint32_t> value_node(const Decoded& d, std::uint32_t tlv) {
  const std::vector<std::uint32_t> all = d.children(tlv);
  if (all.empty()) return std::nullopt;
  return all.back();
}

// The decimal number that starts `s` ("125000000 B/s" → 125000000), or the text itself.
Json leading_number(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") == 0) return Json(s);
  return Json(std::stoull(s));
}

std::string without_dots(std::string s) {
  std::erase(s, '.');
  return s;
}

// One Node Descriptor sub-TLV (RFC 9552 §5.2.1.4) as ExaBGP lists it. ExaBGP writes an IS-IS
// system ID (and pseudonode) as plain hex digits; we group them by four with dots.
Json descriptor(const Decoded& d, std::uint32_t sub, bool isis) {
  switch (tlv_type(d, sub)) {
    case 512:
      return {{"autonomous-system", number_of(d, d.child(sub, FieldId::LsAsNumber))}};
    case 513:
      return {{"bgp-ls-identifier", number_of(d, d.child(sub, FieldId::LsBgpLsId))}};
    case 514:
      return {{"ospf-area-id", text_of(d, d.child(sub, FieldId::LsOspfAreaId))}};
    case 515: {
      const auto id = d.child(sub, FieldId::LsIgpRouterId);
      if (!id) return {{"router-id", "<absent>"}};
      if (const auto dr = d.child(*id, FieldId::LsDrRouterId)) {
        return {{"router-id", d.text(*dr)},
                {"designated-router-id", text_of(d, d.child(*id, FieldId::LsDrInterface))}};
      }
      Json out = {{"router-id", isis ? without_dots(d.text(*id)) : d.text(*id)}};
      if (const auto psn = d.child(*id, FieldId::LsPseudonodeId)) out["psn"] = number_of(d, psn);
      return out;
    }
    default:
      return {{"tlv-" + std::to_string(tlv_type(d, sub)), d.node_hex(sub)}};
  }
}

// Protocol-IDs 1 and 2 are IS-IS (RFC 9552 §5.2).
Json descriptors(const Decoded& d, std::uint32_t tlv, bool isis) {
  Json out = Json::array();
  for (const std::uint32_t sub : d.children(tlv, FieldId::LsTlv))
    out.push_back(descriptor(d, sub, isis));
  return out;
}

}  // namespace

Json bgpls_nlri(const Decoded& d, const NlriEntry&, std::uint32_t node) {
  static const std::map<std::uint64_t, std::string> types{
      {1, "bgpls-node"}, {2, "bgpls-link"}, {3, "bgpls-prefix-v4"}, {4, "bgpls-prefix-v6"}};
  Json out = Json::object();
  const auto type_node = d.child(node, FieldId::LsNlriType);
  const std::uint64_t type = type_node ? d.node_uint(*type_node) : 0;
  out["ls-nlri-type"] = types.contains(type) ? types.at(type) : std::to_string(type);
  out["l3-routing-topology"] = number_of(d, d.child(node, FieldId::LsIdentifier));
  const auto protocol = d.child(node, FieldId::LsProtocolId);
  out["protocol-id"] = protocol ? d.node_uint(*protocol) : 0;
  const bool isis = protocol && (d.node_uint(*protocol) == 1 || d.node_uint(*protocol) == 2);
  if (type == 2) {
    for (const char* key :
         {"interface-addresses", "neighbor-addresses", "multi-topology-ids", "link-identifiers"})
      out[key] = Json::array();
  }
  for (const std::uint32_t tlv : d.children(node, FieldId::LsTlv)) {
    switch (tlv_type(d, tlv)) {
      case 256:
        out[type == 2 ? "local-node-descriptors" : "node-descriptors"] = descriptors(d, tlv, isis);
        break;
      case 257:
        out["remote-node-descriptors"] = descriptors(d, tlv, isis);
        break;
      case 258:
        out["link-identifiers"].push_back(
            {{"link-local-id", number_of(d, d.child(tlv, FieldId::LsLinkLocalId))},
             {"link-remote-id", number_of(d, d.child(tlv, FieldId::LsLinkRemoteId))}});
        break;
      case 259:
      case 261:
        out["interface-addresses"].push_back(text_of(d, value_node(d, tlv)));
        break;
      case 260:
      case 262:
        out["neighbor-addresses"].push_back(text_of(d, value_node(d, tlv)));
        break;
      case 263:
        for (const std::uint32_t mt : d.children(tlv, FieldId::LsMtId))
          out["multi-topology-ids"].push_back(number_of(d, mt));
        break;
      case 265:
        out["ip-reachability-tlv"] = text_of(d, d.child(tlv, FieldId::LsReachability));
        out["ip-reach-prefix"] = out["ip-reachability-tlv"];
        break;
      default:
        out["tlv-" + std::to_string(tlv_type(d, tlv))] = d.node_hex(tlv);
        break;
    }
  }
  return out;
}

namespace {

// Flags as ExaBGP lists them: its letters, each read from our flag node of that letter
// ("B (backup): 1"), and "RSV" for the bits none of its letters covers.
Json flags(const Decoded& d, std::uint32_t tlv, const std::vector<std::string>& letters) {
  const auto flags_node = d.child(tlv, FieldId::LsFlags);
  if (!flags_node) return Json("<absent>");
  const std::uint64_t value = d.node_uint(*flags_node);
  std::uint64_t named = 0;
  Json out = Json::object();
  for (const std::string& letter : letters) {
    out[letter] = "<absent>";
    for (const std::uint32_t f : d.children(*flags_node, FieldId::LsFlag)) {
      const std::string text = d.text(f);
      if (text.rfind(letter + " ", 0) != 0) continue;
      out[letter] = leading_number(text.substr(text.rfind(' ') + 1));
      named |= d.node(f).mask;
    }
  }
  out["RSV"] = value & ~named;
  return out;
}

Json srv6_sid(const Decoded& d, std::uint32_t tlv, bool lan) {
  Json out = Json::object();
  out["flags"] = flags(d, tlv, {"B", "S", "P"});
  const auto behavior = d.child(tlv, FieldId::LsSrv6Behavior);
  out["behavior"] = behavior ? d.node_uint(*behavior) : 0;
  const auto algorithm = d.child(tlv, FieldId::LsAlgorithm);
  out["algorithm"] = algorithm ? d.node_uint(*algorithm) : 0;
  out["weight"] = number_of(d, d.child(tlv, FieldId::LsWeight));
  if (lan) out["neighbor-id"] = without_dots(text_of(d, d.child(tlv, FieldId::LsNeighborId)));
  out["sid"] = text_of(d, d.child(tlv, FieldId::LsSrv6Sid));
  for (const std::uint32_t sub : d.children(tlv, FieldId::LsTlv)) {
    if (tlv_type(d, sub) != 1252) continue;
    out["srv6-sid-structure"] = {
        {"loc_block_len", number_of(d, d.child(sub, FieldId::LsSidStructureBlock))},
        {"loc_node_len", number_of(d, d.child(sub, FieldId::LsSidStructureNode))},
        {"func_len", number_of(d, d.child(sub, FieldId::LsSidStructureFunction))},
        {"arg_len", number_of(d, d.child(sub, FieldId::LsSidStructureArgument))}};
  }
  return out;
}

bool anomalous(const Decoded& d, std::uint32_t tlv) {
  const Json f = flags(d, tlv, {"A"});
  return f.is_object() && f["A"].is_number_unsigned() && f["A"].get<std::uint64_t>() != 0;
}

}  // namespace

Json bgpls_attribute_view(const Decoded& d, std::uint32_t attr) {
  Json out = Json::object();
  for (const std::uint32_t tlv : d.children(attr, FieldId::LsTlv)) {
    const std::uint32_t type = tlv_type(d, tlv);
    const auto value_of = [&](FieldId id) { return number_of(d, d.child(tlv, id)); };
    switch (type) {
      case 258:
        out["link-local-remote-identifiers"] = {{"local-id", value_of(FieldId::LsLinkLocalId)},
                                                {"remote-id", value_of(FieldId::LsLinkRemoteId)}};
        break;
      case 1024:
        out["node-flags"] = flags(d, tlv, {"O", "T", "E", "B", "R", "V"});
        break;
      case 1026:
        out["node-name"] = text_of(d, d.child(tlv, FieldId::LsNodeName));
        break;
      case 1027:  // ExaBGP: the area address as one decimal number
        if (const auto area = d.child(tlv, FieldId::LsIsisAreaId))
          out["area-ids"].push_back(d.decimal(d.node(*area).offset, d.node(*area).length));
        break;
      case 1028:
      case 1029:
        out["local-router-ids"].push_back(text_of(d, value_node(d, tlv)));
        break;
      case 1030:
      case 1031:
        out["remote-router-ids"].push_back(text_of(d, value_node(d, tlv)));
        break;
      case 1034:
        out["sr-capability-flags"] = flags(d, tlv, {"I", "V"});
        out["sids"].push_back({value_of(FieldId::LsRangeSize),
                               number_of(d, d.first_below(tlv, FieldId::LsSidLabel))});
        break;
      case 1035:
        out["sr-algorithms"] = Json::array();
        for (const std::uint32_t a : d.children(tlv, FieldId::LsAlgorithm))
          out["sr-algorithms"].push_back(d.node_uint(a));
        break;
      case 1088:
        if (const auto group = d.child(tlv, FieldId::LsAdminGroup))
          out["admin-group-mask"] = d.node_uint(*group);
        break;
      case 1089:
        out["maximum-link-bandwidth"] = value_of(FieldId::LsBandwidth);
        break;
      case 1090:
        out["maximum-reservable-link-bandwidth"] = value_of(FieldId::LsBandwidth);
        break;
      case 1091:
        out["unreserved-bandwidth"] = Json::array();
        for (const std::uint32_t b : d.children(tlv, FieldId::LsBandwidth)) {
          const std::string text = d.text(b);  // "priority 0: 125000000 B/s"
          const auto colon = text.find(": ");
          out["unreserved-bandwidth"].push_back(
              leading_number(colon == std::string::npos ? text : text.substr(colon + 2)));
        }
        break;
      case 1092:
        out["te-metric"] = value_of(FieldId::LsTeMetric);
        break;
      case 1095:
        out["igp-metric"] = value_of(FieldId::LsIgpMetric);
        break;
      case 1099:
        out["sr-adjs"].push_back({{"flags", flags(d, tlv, {"F", "B", "V", "L", "S", "P"})},
                                  {"sids", Json::array({value_of(FieldId::LsSid)})},
                                  {"weight", value_of(FieldId::LsWeight)},
                                  {"undecoded-sids", Json::array()}});
        break;
      case 1106:
        out["srv6-endx"].push_back(srv6_sid(d, tlv, false));
        break;
      case 1107:
        out["srv6-lan-endx-isis"].push_back(srv6_sid(d, tlv, true));
        break;
      case 1114:
        out["unidirectional-link-delay"] = {{"delay-us", value_of(FieldId::LsDelay)},
                                            {"anomalous", anomalous(d, tlv)}};
        break;
      case 1115: {
        const std::vector<std::uint32_t> delays = d.children(tlv, FieldId::LsDelay);
        out["minmax-unidirectional-link-delay"] = {
            {"min-delay-us",
             number_of(d, delays.empty() ? std::nullopt : std::optional(delays[0]))},
            {"max-delay-us",
             number_of(d, delays.size() < 2 ? std::nullopt : std::optional(delays[1]))},
            {"anomalous", anomalous(d, tlv)}};
        break;
      }
      case 1116:
        out["unidirectional-delay-variation"] = value_of(FieldId::LsDelay);
        break;
      case 1155:
        out["prefix-metric"] = value_of(FieldId::LsPrefixMetric);
        break;
      case 1170:
        out["sr-prefix-attribute-flags"] = flags(d, tlv, {"X", "R", "N"});
        break;
      default: {  // a TLV ExaBGP keeps raw: its value after type and length
        const FieldNode& n = d.node(tlv);
        out["generic-lsid-" + std::to_string(type)].push_back("0x" +
                                                              d.hex(n.offset + 4, n.length - 4));
        break;
      }
    }
  }
  return out;
}

}  // namespace bgplens::test::exa

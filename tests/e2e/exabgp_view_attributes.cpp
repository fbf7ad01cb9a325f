// ExaBGP's "attribute" object for our decoding: one key per path attribute, in ExaBGP's names
// and shapes. MP_REACH/MP_UNREACH are the "announce"/"withdraw" lists instead; the extended
// communities (types 16 and 25) are compared by extended_communities_exabgp_test.cpp; attributes
// ExaBGP does not know stay raw, as "attribute-0xTT-0xFF": "0x<value>".
#include <cstdio>

#include "exabgp_view.h"

namespace bgplens::test::exa {
namespace {

Json number_or_text(const Decoded& d, std::optional<std::uint32_t> n) {
  if (!n) return Json("<absent>");
  const auto v = d.number(*n);
  return v ? Json(*v) : Json(d.text(*n));
}

// {"0": {"element": "as-sequence", "value": [65001, ...]}, "1": ...}; ExaBGP omits an empty path.
Json as_path(const Decoded& d, std::uint32_t attr) {
  Json out = Json::object();
  int index = 0;
  for (const std::uint32_t segment : d.below(attr, FieldId::AsPathSegment)) {
    const auto type = d.child(segment, FieldId::AsPathSegmentType);
    Json asns = Json::array();
    for (const std::uint32_t asn : d.children(segment, FieldId::AsPathAsn))
      asns.push_back(number_or_text(d, asn));
    out[std::to_string(index++)] = {{"element", type ? lower_dashed(d.head(*type)) : "?"},
                                    {"value", asns}};
  }
  return out;
}

// [[30740, 0], ...] from our "30740:0"; from the node's 4 bytes when our text is a name.
Json communities(const Decoded& d, std::uint32_t attr) {
  Json out = Json::array();
  for (const std::uint32_t c : d.below(attr, FieldId::Community)) {
    const std::string text = d.head(c);
    const auto colon = text.find(':');
    if (colon != std::string::npos && text.find_first_not_of("0123456789:") == std::string::npos) {
      out.push_back({std::stoull(text.substr(0, colon)), std::stoull(text.substr(colon + 1))});
    } else {
      const std::uint32_t at = d.node(c).offset;
      out.push_back({d.uint(at, 2), d.uint(at + 2, 2)});
    }
  }
  return out;
}

Json large_communities(const Decoded& d, std::uint32_t attr) {
  Json out = Json::array();
  for (const std::uint32_t c : d.below(attr, FieldId::LargeCommunity)) {
    out.push_back({number_or_text(d, d.child(c, FieldId::LargeCommunityGlobal)),
                   number_or_text(d, d.child(c, FieldId::LargeCommunityLocal1)),
                   number_or_text(d, d.child(c, FieldId::LargeCommunityLocal2))});
  }
  return out;
}

// ExaBGP's key and value for an attribute it keeps raw: its type and flags, and its value bytes.
void generic(const Decoded& d, std::uint32_t attr, std::uint8_t type, std::uint8_t flags,
             Json& out) {
  char key[32];
  std::snprintf(key, sizeof key, "attribute-0x%02X-0x%02X", type, flags);
  const FieldNode& n = d.node(attr);
  const std::uint32_t header = (flags & 0x10) ? 4 : 3;
  out[key] = "0x" + d.hex(n.offset + header, n.length - header);
}

}  // namespace

Json attributes_view(const Decoded& d, bool withdraws) {
  Json out = Json::object();
  const auto attrs = d.first_below(FieldTree::kRoot, FieldId::UpdateAttrs);
  if (!attrs) return out;
  for (const std::uint32_t attr : d.children(*attrs, FieldId::Attr)) {
    const auto type_node = d.child(attr, FieldId::AttrType);
    const auto flags_node = d.child(attr, FieldId::AttrFlags);
    if (!type_node || !flags_node) continue;
    const std::uint8_t type = d.byte(d.node(*type_node).offset);
    const std::uint8_t flags = d.byte(d.node(*flags_node).offset);
    switch (type) {
      case 1:
        if (const auto origin = d.child(attr, FieldId::Origin))
          out["origin"] = lower_dashed(d.head(*origin));
        break;
      case 2:
        if (Json path = as_path(d, attr); !path.empty()) out["as-path"] = path;
        break;
      case 3:
        if (const auto hop = d.child(attr, FieldId::NextHop); hop && withdraws)
          out["next-hop"] = d.text(*hop);
        break;
      case 4:
        out["med"] = number_or_text(d, d.child(attr, FieldId::Med));
        break;
      case 5:
        out["local-preference"] = number_or_text(d, d.child(attr, FieldId::LocalPref));
        break;
      case 6:
        out["atomic-aggregate"] = d.child(attr, FieldId::AtomicAggregate).has_value();
        break;
      case 7: {
        const auto as = d.child(attr, FieldId::AggregatorAs);
        const auto address = d.child(attr, FieldId::AggregatorAddress);
        out["aggregator"] = (as ? d.head(*as) : "?") + ":" + (address ? d.text(*address) : "?");
        break;
      }
      case 8:
        out["community"] = communities(d, attr);
        break;
      case 9:
        if (const auto id = d.child(attr, FieldId::OriginatorId))
          out["originator-id"] = d.text(*id);
        break;
      case 10: {
        Json list = Json::array();
        for (const std::uint32_t id : d.below(attr, FieldId::ClusterId))
          list.push_back(d.text(id));
        out["cluster-list"] = list;
        break;
      }
      case 14:  // MP_REACH_NLRI and MP_UNREACH_NLRI: "announce" and "withdraw"
      case 15:
      case 16:  // extended communities: extended_communities_exabgp_test.cpp
      case 25:
        break;
      case 23:
        out["tunnel-encap"] = tunnel_encap_view(d, attr);
        break;
      case 29:
        out["bgp-ls"] = bgpls_attribute_view(d, attr);
        break;
      case 32:
        out["large-community"] = large_communities(d, attr);
        break;
      case 40:
        out["bgp-prefix-sid"] = prefix_sid_view(d, attr);
        break;
      default:
        generic(d, attr, type, flags, out);
        break;
    }
  }
  return out;
}

// RFC 8669 §3: {"sr-label-index": 777, "sr-srgbs": [[base, range], ...]}; RFC 9252 §2:
// {"l3-service": [{"sid", "flags", "endpoint_behavior", "structure": {...}}]} (and "l2-service").
Json prefix_sid_view(const Decoded& d, std::uint32_t attr) {
  Json out = Json::object();
  for (const std::uint32_t tlv : d.below(attr, FieldId::PrefixSidTlv)) {
    const auto type_node = d.child(tlv, FieldId::PrefixSidTlvType);
    const std::uint8_t type = type_node ? d.byte(d.node(*type_node).offset) : 0;
    if (type == 1) {
      out["sr-label-index"] = number_or_text(d, d.child(tlv, FieldId::PrefixSidLabelIndex));
    } else if (type == 3) {
      Json srgbs = Json::array();
      for (const std::uint32_t srgb : d.children(tlv, FieldId::PrefixSidSrgb)) {
        srgbs.push_back({number_or_text(d, d.child(srgb, FieldId::PrefixSidSrgbBase)),
                         number_or_text(d, d.child(srgb, FieldId::PrefixSidSrgbRange))});
      }
      out["sr-srgbs"] = srgbs;
    } else if (type == 5 || type == 6) {
      Json services = Json::array();
      for (const std::uint32_t sub : d.children(tlv, FieldId::Srv6SubTlv)) {
        Json one = Json::object();
        if (const auto sid = d.child(sub, FieldId::Srv6Sid)) one["sid"] = d.text(*sid);
        if (const auto f = d.child(sub, FieldId::Srv6SidFlags)) one["flags"] = d.node_uint(*f);
        if (const auto b = d.child(sub, FieldId::Srv6EndpointBehavior))
          one["endpoint_behavior"] = d.node_uint(*b);
        if (const auto structure = d.first_below(sub, FieldId::Srv6SubSubTlv)) {
          const auto value = [&](FieldId id) { return number_or_text(d, d.child(*structure, id)); };
          one["structure"] = {{"locator-block-length", value(FieldId::Srv6LocatorBlockLength)},
                              {"locator-node-length", value(FieldId::Srv6LocatorNodeLength)},
                              {"function-length", value(FieldId::Srv6FunctionLength)},
                              {"argument-length", value(FieldId::Srv6ArgumentLength)},
                              {"transposition-length", value(FieldId::Srv6TranspositionLength)},
                              {"transposition-offset", value(FieldId::Srv6TranspositionOffset)}};
        }
        services.push_back(one);
      }
      out[type == 5 ? "l3-service" : "l2-service"] = services;
    }
  }
  return out;
}

namespace {

// One segment of an SR Policy segment list (RFC 9830 §2.4.4.2): type A {"label", "tc", "s",
// "ttl"}, type B {"sid", "endpoint-behavior": {...}}.
Json segment(const Decoded& d, std::uint32_t seg) {
  const std::string text = d.text(seg);
  const std::string prefix = "Segment Type ";
  Json out = Json::object();
  out["type"] = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size(), 1) : text;
  if (const auto label = d.child(seg, FieldId::TunnelLabelEntry)) {
    const auto value = [&](FieldId id) { return number_or_text(d, d.child(*label, id)); };
    out["label"] = value(FieldId::TunnelLabelValue);
    out["tc"] = value(FieldId::TunnelLabelTc);
    const auto s = d.child(*label, FieldId::TunnelLabelBottom);
    out["s"] = s && d.number(*s).value_or(0) != 0;
    out["ttl"] = value(FieldId::TunnelLabelTtl);
  }
  if (const auto sid = d.child(seg, FieldId::SrPolicySrv6Sid)) out["sid"] = d.text(*sid);
  if (const auto behavior = d.child(seg, FieldId::Srv6EndpointBehavior)) {
    const auto value = [&](FieldId id) { return number_or_text(d, d.child(seg, id)); };
    out["endpoint-behavior"] = {{"behavior", d.node_uint(*behavior)},
                                {"lb-length", value(FieldId::Srv6LocatorBlockLength)},
                                {"ln-length", value(FieldId::Srv6LocatorNodeLength)},
                                {"fun-length", value(FieldId::Srv6FunctionLength)},
                                {"arg-length", value(FieldId::Srv6ArgumentLength)}};
  }
  return out;
}

std::string unquoted(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

}  // namespace

// RFC 9012 with the SR Policy tunnel (RFC 9830 §2.4): {"sr-policy": {"preference",
// "binding-sid": {"type": "mpls", "label"}, "srv6-binding-sid", "policy-name",
// "candidate-path-name", "segment-lists": [{"weight", "segments": [...]}]}}.
Json tunnel_encap_view(const Decoded& d, std::uint32_t attr) {
  Json out = Json::object();
  for (const std::uint32_t tlv : d.children(attr, FieldId::TunnelTlv)) {
    const auto type = d.child(tlv, FieldId::TunnelType);
    if (!type || d.node_uint(*type) != 15) continue;
    Json policy = Json::object();
    for (const std::uint32_t sub : d.children(tlv, FieldId::TunnelSubTlv)) {
      const auto sub_type = d.child(sub, FieldId::TunnelSubTlvType);
      switch (sub_type ? d.byte(d.node(*sub_type).offset) : 0) {
        case 12:
          policy["preference"] = number_or_text(d, d.child(sub, FieldId::SrPolicyPreference));
          break;
        case 13:
          if (const auto label = d.child(sub, FieldId::TunnelLabelEntry)) {
            policy["binding-sid"] = {
                {"type", "mpls"},
                {"label", number_or_text(d, d.child(*label, FieldId::TunnelLabelValue))}};
          }
          break;
        case 20:
          if (const auto sid = d.child(sub, FieldId::SrPolicySrv6Sid))
            policy["srv6-binding-sid"] = d.text(*sid);
          break;
        case 128: {
          Json list = {{"segments", Json::array()}};
          for (const std::uint32_t seg : d.children(sub, FieldId::SrPolicySegment)) {
            if (const auto weight = d.child(seg, FieldId::SrPolicyWeight)) {
              list["weight"] = number_or_text(d, weight);
            } else {
              list["segments"].push_back(segment(d, seg));
            }
          }
          policy["segment-lists"].push_back(list);
          break;
        }
        case 129:
        case 130:
          if (const auto name = d.child(sub, FieldId::SrPolicyName)) {
            const bool candidate = d.byte(d.node(*sub_type).offset) == 129;
            policy[candidate ? "candidate-path-name" : "policy-name"] = unquoted(d.text(*name));
          }
          break;
        default:
          break;
      }
    }
    out["sr-policy"] = policy;
  }
  return out;
}

}  // namespace bgplens::test::exa

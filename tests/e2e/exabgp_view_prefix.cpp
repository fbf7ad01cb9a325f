// ExaBGP's objects for prefix-shaped NLRI (unicast, labeled unicast "nlri-mpls", VPN
// "mpls-vpn"), VPLS and SR Policy NLRI.
#include "exabgp_view.h"

namespace bgplens::test::exa {

// {"nlri": "10.0.0.0/24", "path-information": "0.0.0.10", "label": [[20012, 320193]],
//  "rd": "100:100"}
Json prefix_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node) {
  Json out = Json::object();
  const auto labeled = d.child(node, FieldId::LabeledPrefix);
  out["nlri"] = labeled ? d.text(*labeled) : d.head(node);
  if (e.path_id) out["path-information"] = dotted(*e.path_id);
  if (e.family.safi == 4 || e.family.safi == 128) out["label"] = labels(d, node, true);
  if (e.family.safi == 128) {
    const auto rd = d.child(node, FieldId::Rd);
    out["rd"] = rd ? d.text(*rd) : "?";
  }
  return out;
}

namespace {

Json number_of(const Decoded& d, std::uint32_t node, FieldId id) {
  const auto n = d.child(node, id);
  if (!n) return Json("<absent>");
  const auto v = d.number(*n);
  return v ? Json(*v) : Json(d.text(*n));
}

}  // namespace

// RFC 4761 §3.2.2: {"rd": ..., "endpoint": VE ID, "base": label base, "offset": VE block
// offset, "size": VE block size}.
Json vpls_nlri(const Decoded& d, const NlriEntry&, std::uint32_t node) {
  Json out = Json::object();
  const auto rd = d.child(node, FieldId::Rd);
  out["rd"] = rd ? d.text(*rd) : "?";
  out["endpoint"] = number_of(d, node, FieldId::VplsVeId);
  out["base"] = number_of(d, node, FieldId::VplsLabelBase);
  out["offset"] = number_of(d, node, FieldId::VplsBlockOffset);
  out["size"] = number_of(d, node, FieldId::VplsBlockSize);
  return out;
}

// RFC 9830 §2.1: {"distinguisher": ..., "color": ..., "endpoint": "10.0.0.1"}.
Json sr_policy_nlri(const Decoded& d, const NlriEntry&, std::uint32_t node) {
  Json out = Json::object();
  out["distinguisher"] = number_of(d, node, FieldId::SrPolicyDistinguisher);
  out["color"] = number_of(d, node, FieldId::SrPolicyColor);
  const auto endpoint = d.child(node, FieldId::SrPolicyEndpoint);
  out["endpoint"] = endpoint ? d.text(*endpoint) : "?";
  return out;
}

}  // namespace bgplens::test::exa

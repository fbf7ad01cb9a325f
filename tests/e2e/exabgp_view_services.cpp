// ExaBGP's objects for EVPN (RFC 7432), MCAST-VPN (RFC 6514) and BGP-MUP
// (draft-ietf-bess-mup-safi) NLRI. ExaBGP gives each route's bytes as "raw" (compared with our
// NLRI's bytes) next to the fields it decodes.
#include "exabgp_view.h"

namespace bgplens::test::exa {
namespace {

// The NLRI's bytes without its path identifier (ExaBGP's "raw").
std::string raw(const Decoded& d, const NlriEntry& e) {
  const std::uint32_t skip = e.path_id ? 4 : 0;
  return d.hex(e.offset + skip, e.length - skip);
}

std::string text_of(const Decoded& d, std::uint32_t node, FieldId id) {
  const auto n = d.child(node, id);
  return n ? d.text(*n) : "<absent>";
}

Json number_of(const Decoded& d, std::uint32_t node, FieldId id) {
  const auto n = d.child(node, id);
  if (!n) return Json("<absent>");
  const auto v = d.number(*n);
  return v ? Json(*v) : Json(d.text(*n));
}

}  // namespace

// {"code": 2, "raw": ..., "rd": ..., "esi": ..., "ethernet-tag": ..., "mac": ...,
//  "label": [[label]], "ip": ...}: the fields of the route types ExaBGP decodes.
Json evpn_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node) {
  Json out = Json::object();
  const auto type = d.child(node, FieldId::EvpnRouteType);
  const std::uint8_t code = type ? d.byte(d.node(*type).offset) : 0;
  out["code"] = code;
  out["raw"] = raw(d, e);
  if (const auto rd = d.child(node, FieldId::Rd)) out["rd"] = d.text(*rd);
  if (const auto esi = d.child(node, FieldId::EvpnEsi)) out["esi"] = d.head(*esi);
  if (d.child(node, FieldId::EvpnEthernetTag))
    out["ethernet-tag"] = number_of(d, node, FieldId::EvpnEthernetTag);
  if (code == 2) {
    out["mac"] = text_of(d, node, FieldId::EvpnMac);
    if (const auto ip = d.child(node, FieldId::EvpnIp)) out["ip"] = d.text(*ip);
    Json labels = Json::array();
    for (const FieldId id : {FieldId::EvpnLabel1, FieldId::EvpnLabel2}) {
      const auto label = d.child(node, id);
      if (!label) continue;
      const auto value = d.child(*label, FieldId::LabelValue);
      labels.push_back(Json::array({value ? Json(*d.number(*value)) : Json("?")}));
    }
    out["label"] = labels;
  }
  return out;
}

// {"code": 6, "raw": ..., "rd": ..., "source-as": "65000", "source": ..., "group": ...}.
Json mvpn_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node) {
  Json out = Json::object();
  const auto type = d.child(node, FieldId::MvpnRouteType);
  out["code"] = type ? d.byte(d.node(*type).offset) : 0;
  out["raw"] = raw(d, e);
  if (const auto rd = d.first_below(node, FieldId::Rd)) out["rd"] = d.text(*rd);
  if (d.child(node, FieldId::MvpnSourceAs))
    out["source-as"] = number_of(d, node, FieldId::MvpnSourceAs);
  if (d.child(node, FieldId::MvpnSource)) out["source"] = text_of(d, node, FieldId::MvpnSource);
  if (d.child(node, FieldId::MvpnGroup)) out["group"] = text_of(d, node, FieldId::MvpnGroup);
  return out;
}

// {"arch": 1, "code": 3, "rd": ..., "raw": ...} and per route type: ISD (1) "prefix_ip_len",
// "prefix_ip"; DSD (2) "ip"; Type 1 ST (3) the prefix, "teid", "qfi", "endpoint_ip_len",
// "endpoint_ip", "source_ip_len", "source_ip"; Type 2 ST (4) "endpoint_len" (address and TEID
// bits), "endpoint_ip", "teid".
Json mup_nlri(const Decoded& d, const NlriEntry& e, std::uint32_t node) {
  Json out = Json::object();
  const auto arch = d.child(node, FieldId::MupArchitecture);
  const auto type = d.child(node, FieldId::MupRouteType);
  const std::uint64_t code = type ? d.node_uint(*type) : 0;
  out["arch"] = arch ? d.node_uint(*arch) : 0;
  out["code"] = code;
  out["raw"] = raw(d, e);
  if (const auto rd = d.child(node, FieldId::Rd)) out["rd"] = d.text(*rd);
  if (const auto prefix = d.child(node, FieldId::MupPrefix)) {
    const std::string text = d.text(*prefix);
    const auto slash = text.find('/');
    out["prefix_ip"] = text.substr(0, slash);
    out["prefix_ip_len"] = slash == std::string::npos ? "?" : text.substr(slash + 1);
  }
  if (d.child(node, FieldId::MupAddress)) out["ip"] = text_of(d, node, FieldId::MupAddress);
  if (code == 3) {
    out["teid"] = number_of(d, node, FieldId::MupTeid);
    out["qfi"] = number_of(d, node, FieldId::MupQfi);
    out["endpoint_ip_len"] = number_of(d, node, FieldId::MupEndpointLength);
    out["endpoint_ip"] = text_of(d, node, FieldId::MupEndpoint);
    // Without a source address (length 0) ExaBGP prints Python's empty bytes, "b''"; the
    // comparison reads that as "".
    const auto source_length = d.child(node, FieldId::MupSourceLength);
    out["source_ip_len"] = source_length ? number_of(d, node, FieldId::MupSourceLength) : Json(0);
    out["source_ip"] =
        d.child(node, FieldId::MupSource) ? text_of(d, node, FieldId::MupSource) : std::string();
  } else if (code == 4) {
    out["endpoint_len"] = number_of(d, node, FieldId::MupEndpointLength);
    out["endpoint_ip"] = text_of(d, node, FieldId::MupEndpoint);
    // An endpoint length of just the address has no TEID bits; ExaBGP prints TEID 0 then.
    out["teid"] = d.child(node, FieldId::MupTeid) ? number_of(d, node, FieldId::MupTeid) : Json(0);
  }
  return out;
}

}  // namespace bgplens::test::exa

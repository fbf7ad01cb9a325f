// The Flow Specification component table and the walk over one NLRI's components
// (RFC 8955 §4.2): components follow strict increasing type order, each at most once; an NLRI
// that breaks this, or holds a component type its family does not define, is malformed
// (§4.2), and error handling follows RFC 7606 (§10). An unknown type ends the walk: its
// length cannot be known.
#include <array>
#include <iterator>

#include "bgp/names/names.h"
#include "bgp/nlri/flowspec_components.h"
#include "bgp/nlri/nlri_common.h"

namespace bgplens::flowspec {
namespace {

using E = Encoding;
using S = Style;

// RFC 8955 §4.2.2: IPv4 (and, for types 3-12, the IP components of L2VPN rules).
constexpr std::array<ComponentSpec, 12> kIpv4 = {{
    {1, "dst", "Destination Prefix", E::Prefix, S::Decimal, "RFC 8955 §4.2.2.1"},
    {2, "src", "Source Prefix", E::Prefix, S::Decimal, "RFC 8955 §4.2.2.2"},
    {3, "proto", "IP Protocol", E::Numeric, S::Protocol, "RFC 8955 §4.2.2.3"},
    {4, "port", "Port", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.4"},
    {5, "dst-port", "Destination Port", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.5"},
    {6, "src-port", "Source Port", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.6"},
    {7, "icmp-type", "ICMP Type", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.7"},
    {8, "icmp-code", "ICMP Code", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.8"},
    {9, "tcp-flags", "TCP Flags", E::Bitmask, S::TcpFlags, "RFC 8955 §4.2.2.9"},
    {10, "packet-length", "Packet Length", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.10"},
    {11, "dscp", "DSCP", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.11"},
    {12, "fragment", "Fragment", E::Bitmask, S::Fragment, "RFC 8955 §4.2.2.12"},
}};

// RFC 8956 §3: types 4-6 and 9-11 keep their RFC 8955 definitions.
constexpr std::array<ComponentSpec, 13> kIpv6 = {{
    {1, "dst", "Destination IPv6 Prefix", E::Prefix, S::Decimal, "RFC 8956 §3.1"},
    {2, "src", "Source IPv6 Prefix", E::Prefix, S::Decimal, "RFC 8956 §3.2"},
    {3, "next-header", "Upper-Layer Protocol (Next Header)", E::Numeric, S::Protocol,
     "RFC 8956 §3.3"},
    {4, "port", "Port", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.4, RFC 8956 §3"},
    {5, "dst-port", "Destination Port", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.5, RFC 8956 §3"},
    {6, "src-port", "Source Port", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.6, RFC 8956 §3"},
    {7, "icmp-type", "ICMPv6 Type", E::Numeric, S::Decimal, "RFC 8956 §3.4"},
    {8, "icmp-code", "ICMPv6 Code", E::Numeric, S::Decimal, "RFC 8956 §3.5"},
    {9, "tcp-flags", "TCP Flags", E::Bitmask, S::TcpFlags, "RFC 8955 §4.2.2.9, RFC 8956 §3"},
    {10, "packet-length", "Packet Length", E::Numeric, S::Decimal,
     "RFC 8955 §4.2.2.10, RFC 8956 §3"},
    {11, "dscp", "DSCP (Traffic Class)", E::Numeric, S::Decimal, "RFC 8955 §4.2.2.11, RFC 8956 §3"},
    {12, "fragment", "Fragment", E::Bitmask, S::Fragment, "RFC 8956 §3.6"},
    {13, "flow-label", "Flow Label", E::Numeric, S::Decimal, "RFC 8956 §3.7"},
}};

// draft-ietf-idr-flowspec-l2vpn-12 §3 (the revision GoBGP 3.10 implements).
constexpr std::string_view kL2vpnRef = "draft-ietf-idr-flowspec-l2vpn-12 §3";
constexpr std::array<ComponentSpec, 11> kL2vpn = {{
    {14, "ether-type", "Ethernet Type", E::Numeric, S::EtherType, kL2vpnRef},
    {15, "src-mac", "Source MAC", E::Mac, S::Hex, kL2vpnRef},
    {16, "dst-mac", "Destination MAC", E::Mac, S::Hex, kL2vpnRef},
    {17, "dsap", "LLC DSAP", E::Numeric, S::Hex, kL2vpnRef},
    {18, "ssap", "LLC SSAP", E::Numeric, S::Hex, kL2vpnRef},
    {19, "llc-control", "LLC Control Field", E::Numeric, S::Hex, kL2vpnRef},
    {20, "snap", "SNAP", E::Numeric, S::Hex, kL2vpnRef},
    {21, "vid", "VLAN ID", E::Numeric, S::Decimal, kL2vpnRef},
    {22, "cos", "VLAN COS", E::Numeric, S::Decimal, kL2vpnRef},
    {23, "inner-vid", "Inner VLAN ID", E::Numeric, S::Decimal, kL2vpnRef},
    {24, "inner-cos", "Inner VLAN COS", E::Numeric, S::Decimal, kL2vpnRef},
}};

std::string_view space_rule(Space space) {
  switch (space) {
    case Space::Ipv4:
      return "RFC 8955 §4.2.2 defines 1-12 for IPv4";
    case Space::Ipv6:
      return "RFC 8956 §3 defines 1-13 for IPv6";
    case Space::L2vpn:
      break;
  }
  return "draft-ietf-idr-flowspec-l2vpn-12 §3 defines 14-24, with 3-12 of RFC 8955, for L2VPN";
}

}  // namespace

Space space_of(Family f) {
  if (f.afi == afi::kIpv6) return Space::Ipv6;
  if (f.afi == afi::kIpv4) return Space::Ipv4;
  return Space::L2vpn;
}

const ComponentSpec* component_spec(Space space, std::uint8_t type) {
  switch (space) {
    case Space::Ipv4:
      return type >= 1 && type <= kIpv4.size() ? &kIpv4[type - 1] : nullptr;
    case Space::Ipv6:
      return type >= 1 && type <= kIpv6.size() ? &kIpv6[type - 1] : nullptr;
    case Space::L2vpn:
      break;
  }
  if (type >= 3 && type <= 12) return &kIpv4[type - 1];
  return type >= 14 && type < 14 + kL2vpn.size() ? &kL2vpn[type - 14] : nullptr;
}

Framing frame_component(Bytes data, Space space, PrefixLayout layout) {
  if (data.empty()) return {};
  const ComponentSpec* spec = component_spec(space, data[0]);
  if (spec == nullptr) return {};
  const Bytes body = data.subspan(1);
  Framing f;
  switch (spec->encoding) {
    case Encoding::Prefix:
      f = frame_prefix(body, space, layout);
      break;
    case Encoding::Mac:
      f = frame_mac(body);
      break;
    case Encoding::Numeric:
    case Encoding::Bitmask:
      f = frame_operator_list(body, *spec, space);
      break;
  }
  if (f.size == 0) return {};
  return {1 + f.size, f.valid};
}

bool components_fit(Bytes data, Space space, PrefixLayout layout) {
  if (data.empty()) return false;
  std::size_t p = 0;
  unsigned previous = 0;
  while (p < data.size()) {
    const unsigned type = data[p];
    if (type <= previous) return false;
    const Framing f = frame_component(data.subspan(p), space, layout);
    if (f.size == 0 || !f.valid) return false;
    previous = type;
    p += f.size;
  }
  return true;
}

PrefixLayout choose_layout(Bytes data, Space space, bool* fits) {
  if (fits) *fits = true;
  if (components_fit(data, space, PrefixLayout::Rfc)) return PrefixLayout::Rfc;
  static constexpr PrefixLayout kIpv6Layouts[] = {
      PrefixLayout::WholePrefix, PrefixLayout::AddressOctets, PrefixLayout::PathIdInside};
  static constexpr PrefixLayout kIpv4Layouts[] = {PrefixLayout::PathIdInside};
  std::span<const PrefixLayout> others;
  if (space == Space::Ipv6) others = kIpv6Layouts;
  if (space == Space::Ipv4) others = kIpv4Layouts;
  for (const PrefixLayout layout : others) {
    if (components_fit(data, space, layout)) return layout;
  }
  if (fits) *fits = false;
  return PrefixLayout::Rfc;
}

std::string decode_components(Walk& w, std::uint32_t from, std::uint32_t to, Space space,
                              PrefixLayout layout, Treatment on_error, bool& malformed) {
  const bool want_text = nlri::wants_text(w);
  std::string text;
  std::uint32_t p = from;
  unsigned previous = 0;
  while (p < to) {
    const std::uint8_t type = w.u8(p);
    const ComponentSpec* spec = component_spec(space, type);
    if (spec == nullptr) {
      w.error(p, to - p,
              "unknown component type " + std::to_string(type) + " (" +
                  std::string(space_rule(space)) + "): its length is unknown, so the " +
                  std::to_string(to - p) +
                  " bytes left of the NLRI cannot be decoded (RFC 8955 §4.2: the NLRI is "
                  "malformed)",
              on_error);
      malformed = true;
      break;
    }
    const std::uint32_t node = w.open(FieldId::FlowspecComponent, p, to - p);
    w.leaf(FieldId::FlowspecType, p, 1, [&] { return names::with_number(spec->name, type); });
    if (type <= previous) {
      w.error(p, 1,
              "component type " + std::to_string(type) + " after type " + std::to_string(previous) +
                  ": components must appear in increasing type order, each at most once (RFC "
                  "8955 §4.2: the NLRI is malformed)",
              on_error);
      malformed = true;
    }
    const ComponentContext c{w, p, to, space, layout, on_error, want_text, malformed};
    ComponentBody body;
    switch (spec->encoding) {
      case Encoding::Prefix:
        body = decode_prefix_component(c, *spec);
        break;
      case Encoding::Mac:
        body = decode_mac_component(c, *spec);
        break;
      case Encoding::Numeric:
      case Encoding::Bitmask:
        body = decode_operator_component(c, *spec);
        break;
    }
    if (body.size == 0) {
      if (want_text) {
        const std::string component = std::string(spec->keyword) + " (truncated)";
        w.set_value(node, component);
        text += (text.empty() ? "" : " ") + component;
      }
      w.close();
      break;
    }
    w.set_length(node, static_cast<std::uint32_t>(body.size));
    if (want_text) {
      std::string component = std::string(spec->keyword) + " " + body.text;
      w.set_value(node, component);
      if (!text.empty()) text += ' ';
      text += component;
    }
    w.close();
    if (type > previous) previous = type;
    p += static_cast<std::uint32_t>(body.size);
  }
  return text;
}

}  // namespace bgplens::flowspec

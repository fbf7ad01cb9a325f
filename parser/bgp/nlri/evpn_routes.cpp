// EVPN route types 1–4 (RFC 7432 §7.1–§7.4) and 5 (RFC 9136 §3.1).
#include "bgp/nlri/evpn_route.h"
#include "util/text.h"

namespace bgplens::evpn {
namespace {

// RFC 7432 §7.2: MAC Address Length (1 octet, in bits) and MAC Address (6 octets). The field
// is 6 octets whatever the length says, so a wrong length leaves the route readable.
void mac_address(RouteReader& r) {
  if (!r.need(1, "MAC Address Length")) return;
  Walk& w = r.walk();
  const std::uint32_t at = r.pos();
  const std::uint32_t bits = w.u8(at);
  w.leaf_uint(FieldId::EvpnMacLength, at, 1, bits);
  if (bits != 48) {
    r.invalid(at, 1,
              "MAC address length " + std::to_string(bits) +
                  " bits; RFC 7432 §7.2 defines only 48 (other lengths are outside its scope)");
  }
  r.advance(1);
  if (!r.need(6, "MAC Address")) return;
  const std::string mac = r.want_text() ? colon_hex(w.slice(r.pos(), 6)) : std::string();
  w.leaf(FieldId::EvpnMac, r.pos(), 6, mac);
  r.add_text("MAC", mac);
  r.advance(6);
}

bool all_zero(Bytes bytes) {
  for (std::uint8_t b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

// Whether any bit after the first `bits` of `address` is set.
bool host_bits_set(Bytes address, std::uint32_t bits) {
  for (std::uint32_t i = bits; i < address.size() * 8; ++i) {
    if (address[i / 8] & (0x80 >> (i % 8))) return true;
  }
  return false;
}

}  // namespace

// RFC 7432 §7.1: RD (8), ESI (10), Ethernet Tag ID (4), MPLS Label (3): 25 octets.
void decode_ethernet_ad(RouteReader& r) {
  r.rd();
  r.esi();
  r.ethernet_tag();
  r.label(FieldId::EvpnLabel1, "label");
  r.finish();
}

// RFC 7432 §7.2: RD (8), ESI (10), Ethernet Tag ID (4), MAC Address Length (1), MAC Address
// (6), IP Address Length (1), IP Address (0, 4 or 16), MPLS Label1 (3), MPLS Label2 (0 or 3).
void decode_mac_ip(RouteReader& r) {
  r.rd();
  r.esi();
  r.ethernet_tag();
  mac_address(r);
  r.address(FieldId::EvpnIpLength, FieldId::EvpnIp, "IP", "IP Address", true, "RFC 7432 §7.2");
  r.label(FieldId::EvpnLabel1, "label");
  // The second label is there exactly when three octets remain (RFC 7432 §7.2, RFC 9135 §5.1).
  if (!r.failed() && r.left() == 3) r.label(FieldId::EvpnLabel2, "label2");
  r.finish();
}

// RFC 7432 §7.3: RD (8), Ethernet Tag ID (4), IP Address Length (1), Originating Router's IP
// Address (4 or 16).
void decode_inclusive_multicast(RouteReader& r) {
  r.rd();
  r.ethernet_tag();
  r.address(FieldId::EvpnOriginatorLength, FieldId::EvpnOriginator, "originator",
            "Originating Router's IP Address", false, "RFC 7432 §7.3");
  r.finish();
}

// RFC 7432 §7.4: RD (8), ESI (10), IP Address Length (1), Originating Router's IP Address
// (4 or 16).
void decode_ethernet_segment(RouteReader& r) {
  r.rd();
  r.esi();
  r.address(FieldId::EvpnOriginatorLength, FieldId::EvpnOriginator, "originator",
            "Originating Router's IP Address", false, "RFC 7432 §7.4");
  r.finish();
}

// RFC 9136 §3.1: RD (8), ESI (10), Ethernet Tag ID (4), IP Prefix Length (1), IP Prefix (4 or
// 16), GW IP Address (4 or 16), MPLS Label (3). The route length, 34 or 58, is the only thing
// that says whether the addresses are IPv4 or IPv6.
void decode_ip_prefix(RouteReader& r) {
  const std::uint32_t length = r.body_length();
  const std::uint32_t esi_at = r.pos() + 8;
  r.rd();
  r.esi();
  r.ethernet_tag();
  if (r.failed()) return;
  if (length != 34 && length != 58) {
    r.fail("IP Prefix route length " + std::to_string(length) +
           ": RFC 9136 §3.1 requires 34 (IPv4) or 58 (IPv6), so the sizes of the prefix and the "
           "gateway address are unknown");
    return;
  }
  Walk& w = r.walk();
  const std::uint32_t size = length == 34 ? 4 : 16;
  const std::uint32_t at = r.pos();
  const std::uint32_t bits = w.u8(at);
  w.leaf_uint(FieldId::EvpnIpPrefixLength, at, 1, bits);
  if (bits > size * 8) {
    r.invalid(at, 1,
              "IP prefix length " + std::to_string(bits) + " exceeds the " +
                  std::to_string(size * 8) + " bits of an " + (size == 4 ? "IPv4" : "IPv6") +
                  " prefix (RFC 9136 §3.1)");
  }
  r.advance(1);
  const auto address = [&](std::uint32_t p) {
    return size == 4 ? text::ipv4(w.at(p)) : text::ipv6(w.at(p));
  };
  const std::string prefix =
      r.want_text() ? text::prefix(w.slice(r.pos(), size), size, bits) : std::string();
  w.leaf(FieldId::EvpnIpPrefix, r.pos(), size, prefix);
  if (w.has_tree() && bits < size * 8 && host_bits_set(w.slice(r.pos(), size), bits)) {
    w.note(r.pos(), size, "bits past the prefix length are set; the prefix length governs");
  }
  r.add_text("prefix", prefix);
  r.advance(size);
  const std::uint32_t gateway_at = r.pos();
  const std::string gateway = r.want_text() ? address(gateway_at) : std::string();
  w.leaf(FieldId::EvpnGateway, gateway_at, size, gateway);
  r.add_text("gateway", gateway);
  r.advance(size);
  const std::uint32_t label_at = r.pos();
  r.label(FieldId::EvpnLabel1, "label");
  // RFC 9136 §3.1: a zero label needs an Overlay Index (a non-zero ESI or gateway address in
  // the NLRI, or a Router's MAC extended community), else the route is treated as withdrawn.
  if (w.has_tree() && load_be24(w.at(label_at)) == 0 && all_zero(w.slice(esi_at, 10)) &&
      all_zero(w.slice(gateway_at, size))) {
    w.note(label_at, 3,
           "label 0 with a zero ESI and gateway: unless a Router's MAC extended community gives "
           "an Overlay Index, receivers treat the route as withdrawn (RFC 9136 §3.1)");
  }
  r.finish();
}

}  // namespace bgplens::evpn

// PMSI_TUNNEL (RFC 6514 §5): the provider tunnel an MVPN or EVPN route's multicast traffic
// travels on.
#include "bgp/attributes/attr_route.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint8_t kFlagExtension = 0x80;  // RFC 7902 §3
constexpr std::uint8_t kFlagLeafInfo = 0x01;   // RFC 6514 §5

// IANA "P-Multicast Service Interface Tunnel (PMSI Tunnel) Tunnel Types".
std::string_view tunnel_type_name(std::uint8_t type) {
  switch (type) {
    case 0:
      return "No tunnel information present";
    case 1:
      return "RSVP-TE P2MP LSP";
    case 2:
      return "mLDP P2MP LSP";
    case 3:
      return "PIM-SSM Tree";
    case 4:
      return "PIM-SM Tree";
    case 5:
      return "BIDIR-PIM Tree";
    case 6:
      return "Ingress Replication";
    case 7:
      return "mLDP MP2MP LSP";
    case 8:
      return "Transport Tunnel";  // RFC 7524
    case 11:
      return "BIER";  // RFC 8556
  }
  return {};
}

std::string_view mldp_fec_name(std::uint8_t type) {
  switch (type) {
    case 6:
      return "P2MP";
    case 7:
      return "MP2MP upstream";
    case 8:
      return "MP2MP downstream";
  }
  return {};
}

struct Tunnel {
  Walk& w;
  const AttributeView& a;
  std::uint32_t at;   // first byte of the tunnel identifier
  std::uint32_t len;  // its length
  std::string summary;

  void bad_length(const char* what, const char* expected) {
    route_attr_error(w, a, at, len,
                     std::string(what) + " tunnel identifier of " + text::byte_count(len) +
                         " is not " + expected + " (RFC 6514 §5)");
  }
  // Address text, formatted only when a tree is built.
  std::string address(std::uint32_t offset, std::uint32_t length) const {
    return w.has_tree() ? address_text(w, offset, length) : std::string();
  }
  void raw() {
    if (len > 0) {
      w.leaf(FieldId::PmsiTunnelIdValue, at, len,
             [&] { return text::hex_spaced(w.slice(at, len), 48); });
    }
  }

  // Ingress Replication: the unicast address of the receiving endpoint.
  void ingress_replication() {
    if (len != 4 && len != 16) return bad_length("Ingress Replication", "4 or 16");
    summary = address(at, len);
    w.leaf(FieldId::PmsiEndpoint, at, len, summary);
  }

  // PIM-SSM, PIM-SM, BIDIR-PIM: <Sender Address, P-Multicast Group>.
  void pim() {
    if (len != 8 && len != 32) return bad_length("PIM", "8 (IPv4) or 32 (IPv6)");
    const std::uint32_t width = len / 2;
    const std::string sender = address(at, width);
    const std::string group = address(at + width, width);
    w.leaf(FieldId::PmsiSender, at, width, sender);
    w.leaf(FieldId::PmsiGroup, at + width, width, group);
    summary = "<" + sender + ", " + group + ">";
  }

  // RSVP-TE P2MP LSP: the SESSION object's <P2MP ID, Reserved, Tunnel ID, Extended Tunnel ID>
  // (RFC 4875 §19.1.1 for IPv4, 12 octets; §19.1.2 for IPv6, 24 octets).
  void rsvp_te() {
    if (len != 12 && len != 24) return bad_length("RSVP-TE P2MP", "12 (IPv4) or 24 (IPv6)");
    w.leaf(FieldId::PmsiRsvpP2mpId, at, 4, [&] { return text::ipv4(w.at(at)); });
    w.leaf_uint(FieldId::PmsiRsvpReserved, at + 4, 2, w.u16(at + 4));
    w.leaf_uint(FieldId::PmsiRsvpTunnelId, at + 6, 2, w.u16(at + 6));
    const std::string extended = address(at + 8, len - 8);
    w.leaf(FieldId::PmsiRsvpExtendedTunnelId, at + 8, len - 8, extended);
    if (w.has_tree()) {
      summary = "P2MP ID " + text::ipv4(w.at(at)) + ", tunnel " + std::to_string(w.u16(at + 6)) +
                ", extended tunnel ID " + extended;
    }
  }

  // mLDP: the P2MP or MP2MP FEC element (RFC 6388 §2.2, §3.2): type, address family, address
  // length, root node address, opaque length, opaque value elements (§2.3).
  void mldp() {
    const std::uint32_t end = at + len;
    if (len < 4) return bad_length("mLDP", "at least 4 (FEC header)");
    const std::uint8_t fec = w.u8(at);
    const std::uint16_t family = w.u16(at + 1);
    const std::uint8_t address_length = w.u8(at + 3);
    w.leaf(FieldId::PmsiMldpFecType, at, 1,
           [&] { return names::with_number(mldp_fec_name(fec), fec); });
    w.leaf(FieldId::PmsiMldpAfi, at + 1, 2,
           [&] { return names::with_number(names::afi(family), family); });
    w.leaf_uint(FieldId::PmsiMldpAddressLength, at + 3, 1, address_length);
    std::uint32_t p = at + 4;
    if (address_length > end - p) {
      route_attr_error(w, a, p, end - p,
                       "mLDP root address of " + text::byte_count(address_length) + " exceeds " +
                           bytes_left(end - p) + " (RFC 6388 §2.2)");
      return;
    }
    const bool known = address_length == 4 || address_length == 16;
    const std::string root = !w.has_tree() ? std::string()
                             : known       ? address_text(w, p, address_length)
                                           : text::hex(w.slice(p, address_length));
    if (address_length > 0) w.leaf(FieldId::PmsiMldpRoot, p, address_length, root);
    p += address_length;
    if (end - p < 2) {
      route_attr_error(w, a, p, end - p,
                       "mLDP opaque length needs 2 bytes, " + text::byte_count(end - p) +
                           " left (RFC 6388 §2.2)");
      return;
    }
    const std::uint16_t opaque_length = w.u16(p);
    w.leaf_uint(FieldId::PmsiMldpOpaqueLength, p, 2, opaque_length);
    p += 2;
    if (opaque_length > end - p) {
      route_attr_error(w, a, p, end - p,
                       "mLDP opaque value of " + text::byte_count(opaque_length) + " exceeds " +
                           bytes_left(end - p) + " (RFC 6388 §2.2)");
      return;
    }
    std::string lsp;
    opaque_elements(p, p + opaque_length, lsp);
    p += opaque_length;
    if (p < end) {
      route_attr_error(w, a, p, end - p,
                       text::byte_count(end - p) + " after the mLDP FEC element (RFC 6514 §5)");
    }
    if (w.has_tree()) {
      summary = std::string(mldp_fec_name(fec).empty() ? "FEC" : mldp_fec_name(fec)) + " root " +
                root + (lsp.empty() ? "" : ", LSP ID " + lsp);
    }
  }

  void opaque_elements(std::uint32_t p, std::uint32_t end, std::string& lsp) {
    while (p < end) {
      if (end - p < 3) {
        route_attr_error(w, a, p, end - p,
                         "mLDP opaque element header needs 3 bytes, " + text::byte_count(end - p) +
                             " left (RFC 6388 §2.3)");
        return;
      }
      const std::uint8_t type = w.u8(p);
      const std::uint16_t length = w.u16(p + 1);
      const std::uint32_t avail = end - p - 3;
      const std::uint32_t node =
          w.open(FieldId::PmsiMldpOpaque, p, 3 + std::min<std::uint32_t>(length, avail));
      w.leaf(FieldId::PmsiMldpOpaqueType, p, 1,
             [&] { return names::with_number(type == 1 ? "Generic LSP Identifier" : "", type); });
      w.leaf_uint(FieldId::PmsiMldpOpaqueValueLength, p + 1, 2, length);
      if (length > avail) {
        route_attr_error(w, a, p + 3, avail,
                         "mLDP opaque value of " + text::byte_count(length) + " exceeds " +
                             bytes_left(avail) + " (RFC 6388 §2.3)");
        w.close();
        return;
      }
      if (type == 1 && length == 4) {
        const std::uint32_t id = w.u32(p + 3);
        if (w.has_tree()) lsp = std::to_string(id);
        w.leaf_uint(FieldId::PmsiMldpLspId, p + 3, 4, id);
        w.set_value(node, [&] { return "Generic LSP Identifier " + lsp; });
      } else if (length > 0) {
        w.leaf(FieldId::PmsiMldpOpaqueValue, p + 3, length,
               [&] { return text::hex_spaced(w.slice(p + 3, length), 48); });
      }
      w.close();
      p += 3 + length;
    }
  }

  // BIER (RFC 8556 §2): <Sub-domain-id, BFR-id, BFR-prefix>.
  void bier() {
    if (len != 7 && len != 19) return bad_length("BIER", "7 (IPv4) or 19 (IPv6)");
    w.leaf_uint(FieldId::PmsiBierSubDomain, at, 1, w.u8(at));
    w.leaf_uint(FieldId::PmsiBierBfrId, at + 1, 2, w.u16(at + 1));
    const std::string prefix = address(at + 3, len - 3);
    w.leaf(FieldId::PmsiBierPrefix, at + 3, len - 3, prefix);
    if (w.has_tree()) {
      summary = "sub-domain " + std::to_string(w.u8(at)) + ", BFR-id " +
                std::to_string(w.u16(at + 1)) + ", BFR-prefix " + prefix;
    }
  }
};

}  // namespace

// RFC 6514 §5: Flags (1 octet), Tunnel Type (1), MPLS Label (3), Tunnel Identifier (the rest,
// laid out by tunnel type). RFC 7902 §3 adds the Extension flag: extensions follow the tunnel
// identifier, whose length then cannot be told from the attribute's.
void decode_attr_pmsi_tunnel(Walk& w, const AttributeView& a, UpdateState&) {
  if (a.value_length < 5) {
    route_attr_length_error(w, a, "at least 5 (flags, tunnel type, label)", "RFC 6514 §5");
    return;
  }
  const std::uint32_t v = a.value_offset;
  const std::uint8_t flags = w.u8(v);
  const std::uint8_t type = w.u8(v + 1);
  const std::uint32_t field = (std::uint32_t{w.u8(v + 2)} << 16) | w.u16(v + 3);

  const std::uint32_t flags_node = w.open(FieldId::PmsiFlags, v, 1);
  w.set_value(flags_node, [&] {
    std::string s = text::hex_number(flags, 2);
    if (flags & kFlagExtension) s += " Extension";
    if (flags & kFlagLeafInfo) s += " Leaf Information Required";
    return s;
  });
  w.leaf(FieldId::PmsiFlagExtension, v, 1, (flags & kFlagExtension) ? "1" : "0", kFlagExtension);
  w.leaf(
      FieldId::PmsiFlagOther, v, 1, [&] { return text::bits((flags >> 1) & 0x3F, 6); }, 0x7E);
  w.leaf(FieldId::PmsiFlagLeafInfo, v, 1, (flags & kFlagLeafInfo) ? "1" : "0", kFlagLeafInfo);
  w.close();
  w.leaf(FieldId::PmsiTunnelType, v + 1, 1,
         [&] { return names::with_number(tunnel_type_name(type), type); });
  // RFC 6514 §5: the label is the high-order 20 bits; RFC 8365 §5.1.3: for VXLAN the whole
  // 24 bits are the VNI. Which applies depends on the route's encapsulation: show both.
  w.leaf_uint(FieldId::PmsiLabel, v + 2, 3, field >> 4, 0xFFFFF0);
  w.leaf_uint(FieldId::PmsiVni, v + 2, 3, field);

  Tunnel t{w, a, v + 5, a.value_length - 5, {}};
  if (t.len > 0) {
    const std::uint32_t id_node = w.open(FieldId::PmsiTunnelId, t.at, t.len);
    if (flags & kFlagExtension) {
      w.note(t.at, t.len,
             "Extension flag set: extensions follow the tunnel identifier (RFC 7902), so its "
             "end is not known; shown raw");
      t.raw();
    } else {
      switch (type) {
        case 1:
          t.rsvp_te();
          break;
        case 2:
        case 7:
          t.mldp();
          break;
        case 3:
        case 4:
        case 5:
          t.pim();
          break;
        case 6:
          t.ingress_replication();
          break;
        case 11:
          t.bier();
          break;
        default:
          t.raw();
          break;
      }
    }
    if (!t.summary.empty()) w.set_value(id_node, t.summary);
    w.close();
  }
  attr_summary(w, a, [&] {
    std::string name(tunnel_type_name(type));
    std::string s = name.empty() ? "tunnel type " + std::to_string(type) : name;
    if (!t.summary.empty()) s += " " + t.summary;
    s += ", label " + std::to_string(field >> 4) + " (VNI " + std::to_string(field) + ")";
    if (flags & kFlagLeafInfo) s += ", leaf info required";
    return s;
  });
}

}  // namespace bgplens

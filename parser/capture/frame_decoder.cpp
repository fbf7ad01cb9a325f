#include "capture/frame_decoder.h"

#include <pcap/dlt.h>

#include <algorithm>
#include <cstring>

namespace bgplens {
namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800;
constexpr std::uint16_t kEtherIpv6 = 0x86DD;

struct NetworkLayer {
  std::uint32_t offset = 0;
  int version = 0;  // 4, 6, or 0 for "look at the first nibble"
};

void note(FrameLayers* layers, FrameLayerKind kind, std::uint32_t offset, std::uint32_t length,
          std::uint8_t code = 0) {
  if (layers) layers->push_back(FrameLayer{kind, offset, length, code});
}

// Follows Ethernet type `type`, whose payload starts at `payload`, through VLAN tags
// (802.1Q, 802.1ad QinQ) and MPLS label stacks (RFC 3032) to the IP header.
bool by_ethertype(Bytes f, std::uint16_t type, std::uint32_t payload, NetworkLayer& net,
                  FrameLayers* layers) {
  for (int guard = 0; guard < 16; ++guard) {
    if (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
      // A tag: 2 bytes of TCI, then the next type.
      if (f.size() < payload + 4) return false;
      note(layers, FrameLayerKind::VlanTag, payload, 4);
      type = load_be16(f.data() + payload + 2);
      payload += 4;
      continue;
    }
    if (type == 0x8847 || type == 0x8848) {
      // 4-byte label entries until the bottom-of-stack bit; IP follows, told apart by its
      // version nibble.
      for (int labels = 0; labels < 16; ++labels, payload += 4) {
        if (f.size() < payload + 4) return false;
        note(layers, FrameLayerKind::MplsLabel, payload, 4);
        if (f[payload + 2] & 0x01) {
          net = {payload + 4, 0};
          return true;
        }
      }
      return false;
    }
    if (type == kEtherIpv4)
      net = {payload, 4};
    else if (type == kEtherIpv6)
      net = {payload, 6};
    else
      return false;
    return true;
  }
  return false;
}

// The Ethernet type at `at`, its payload right after it.
bool ethertype_at(Bytes f, std::uint32_t at, NetworkLayer& net, FrameLayers* layers) {
  return f.size() >= at + 2 && by_ethertype(f, load_be16(f.data() + at), at + 2, net, layers);
}

// Frame Relay: a 2-byte address, then either RFC 2427 (control 0x03 and an NLPID) or the
// Cisco encapsulation (an Ethernet type).
bool frame_relay(Bytes f, NetworkLayer& net, FrameLayers* layers) {
  if (f.size() < 4) return false;
  if (f[2] == 0x03) {
    const std::uint8_t nlpid = f[3];
    if (nlpid == 0xCC)
      net = {4, 4};
    else if (nlpid == 0x8E)
      net = {4, 6};
    else if (nlpid == 0x80) {
      note(layers, FrameLayerKind::FrameRelay, 0, 9);  // SNAP: OUI, then the type
      return ethertype_at(f, 7, net, layers);
    } else {
      return false;
    }
    note(layers, FrameLayerKind::FrameRelay, 0, 4);
    return true;
  }
  note(layers, FrameLayerKind::FrameRelay, 0, 4);
  return ethertype_at(f, 2, net, layers);
}

// Finds the IP header for the link types BGP captures come in. Returns false for frames that
// do not carry IP.
bool link_layer(int link_type, Bytes f, NetworkLayer& net, bool& supported, FrameLayers* layers) {
  supported = true;
  switch (link_type) {
    case DLT_EN10MB:
      note(layers, FrameLayerKind::Ethernet, 0, 14);
      return ethertype_at(f, 12, net, layers);
    case DLT_LINUX_SLL:  // 16-byte cooked header, protocol in its last two bytes
      note(layers, FrameLayerKind::LinuxSll, 0, 16);
      return ethertype_at(f, 14, net, layers);
    case DLT_LINUX_SLL2:  // 20-byte cooked header, protocol first
      note(layers, FrameLayerKind::LinuxSll2, 0, 20);
      return f.size() >= 20 && by_ethertype(f, load_be16(f.data()), 20, net, layers);
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
      net = {0, 0};
      return true;
    case DLT_NULL:
    case DLT_LOOP: {
      // BSD loopback: a 4-byte address family, host order for NULL, network order for LOOP.
      if (f.size() < 4) return false;
      const std::uint32_t family =
          link_type == DLT_LOOP
              ? load_be32(f.data())
              : (load_le32(f.data()) < 256 ? load_le32(f.data()) : load_be32(f.data()));
      note(layers, FrameLayerKind::Loopback, 0, 4);
      if (family == 2)
        net = {4, 4};
      else if (family == 24 || family == 28 || family == 30 || family == 10)
        net = {4, 6};
      else
        return false;
      return true;
    }
    case DLT_PPP:
    case DLT_PPP_SERIAL: {
      // Optional HDLC-like address/control (FF 03), then the PPP protocol number.
      std::uint32_t p = 0;
      if (f.size() >= 2 && f[0] == 0xFF && f[1] == 0x03) p = 2;
      if (f.size() < p + 2) return false;
      const std::uint16_t proto = load_be16(f.data() + p);
      note(layers, FrameLayerKind::Ppp, 0, p + 2);
      if (proto == 0x0021)
        net = {p + 2, 4};
      else if (proto == 0x0057)
        net = {p + 2, 6};
      else
        return false;
      return true;
    }
    case DLT_C_HDLC:  // Cisco HDLC: address, control, then an Ethernet type
      note(layers, FrameLayerKind::CiscoHdlc, 0, 4);
      return ethertype_at(f, 2, net, layers);
    case DLT_FRELAY:
      return frame_relay(f, net, layers);
    case DLT_JUNIPER_ETHER: {
      // Juniper's capture header: "MGC", a flags byte, and with flag 0x80 a 2-byte length of
      // extension TLVs. With flag 0x02 (no L2) IP follows directly, else an Ethernet frame.
      if (f.size() < 4 || f[0] != 'M' || f[1] != 'G' || f[2] != 'C') return false;
      const std::uint8_t flags = f[3];
      std::uint32_t p = 4;
      if (flags & 0x80) {
        if (f.size() < 6) return false;
        p += 2 + load_be16(f.data() + 4);
      }
      note(layers, FrameLayerKind::Juniper, 0, p);
      if (flags & 0x02) {
        net = {p, 0};
        return true;
      }
      note(layers, FrameLayerKind::Ethernet, p, 14);
      return ethertype_at(f, p + 12, net, layers);
    }
    default:
      supported = false;
      return false;
  }
}

// The IPv4 header at `p` (RFC 791 §3.1). Leaves `p` at the payload and `ip_end` at its end.
FrameKind ipv4_layer(Bytes f, std::uint32_t& p, TcpSegment& out, std::string* problem,
                     FragmentInfo* fragment, std::uint8_t& protocol, std::uint32_t& ip_end,
                     FrameLayers* layers) {
  if (f.size() < p + 20 || (f[p] >> 4) != 4) return FrameKind::Malformed;
  const std::uint32_t ihl = (f[p] & 0x0F) * 4u;
  std::uint32_t total = load_be16(f.data() + p + 2);
  // TSO/GSO captures record 0 here for segments the NIC will split: trust the frame.
  if (total == 0) total = static_cast<std::uint32_t>(f.size() - p);
  if (ihl < 20 || total < ihl || f.size() < p + ihl) {
    if (problem) *problem = "IPv4 header inconsistent";
    return FrameKind::Malformed;
  }
  note(layers, FrameLayerKind::Ipv4, p, ihl);
  protocol = f[p + 9];
  out.src.address = {};
  out.dst.address = {};
  out.src.address.version = out.dst.address.version = 4;
  std::memcpy(out.src.address.bytes.data(), f.data() + p + 12, 4);
  std::memcpy(out.dst.address.bytes.data(), f.data() + p + 16, 4);
  ip_end = p + total;
  const std::uint16_t frag = load_be16(f.data() + p + 6);
  if ((frag & 0x2000) != 0 || (frag & 0x1FFF) != 0) {
    // More Fragments, or a fragment offset in 8-byte units (RFC 791 §3.1).
    if (fragment) {
      FragmentInfo& i = *fragment;
      i = FragmentInfo{};
      i.src = out.src.address;
      i.dst = out.dst.address;
      i.id = load_be16(f.data() + p + 4);
      i.protocol = protocol;
      i.version = 4;
      i.more = (frag & 0x2000) != 0;
      i.offset = (frag & 0x1FFFu) * 8u;
      i.header_offset = p;
      i.header_length = ihl;
      i.data_offset = p + ihl;
      i.data_length = total - ihl;
    }
    return FrameKind::Fragment;
  }
  p += ihl;
  return FrameKind::Tcp;
}

// The IPv6 header at `p` and the extension headers after it (RFC 8200 §4). Leaves `p` at the
// upper-layer header and `ip_end` at the end of the payload.
FrameKind ipv6_layer(Bytes f, std::uint32_t& p, TcpSegment& out, std::string* problem,
                     FragmentInfo* fragment, std::uint8_t& protocol, std::uint32_t& ip_end,
                     FrameLayers* layers) {
  if (f.size() < p + 40) return FrameKind::Malformed;
  note(layers, FrameLayerKind::Ipv6, p, 40);
  const std::uint32_t start = p;
  const std::uint32_t payload = load_be16(f.data() + p + 4);
  std::uint8_t next = f[p + 6];
  std::uint32_t next_at = p + 6;  // the field holding `next`
  out.src.address.version = out.dst.address.version = 6;
  std::memcpy(out.src.address.bytes.data(), f.data() + p + 8, 16);
  std::memcpy(out.dst.address.bytes.data(), f.data() + p + 24, 16);
  ip_end = p + 40 + payload;
  p += 40;
  for (int guard = 0; guard < 16 && skipped_ipv6_extension(next); ++guard) {
    if (f.size() < p + 2) return FrameKind::Malformed;
    const std::uint32_t len = next == 51 ? (f[p + 1] + 2u) * 4u : (f[p + 1] + 1u) * 8u;
    note(layers, FrameLayerKind::Ipv6Extension, p, len, next);
    next = f[p];
    next_at = p;
    p += len;
  }
  if (next == 44) {
    // Fragment header (RFC 8200 §4.5): next header, reserved, offset in 8-byte units with the
    // M flag in its lowest bit, identification.
    if (f.size() < p + 8 || ip_end < p + 8) {
      if (problem) *problem = "IPv6 Fragment header cut short";
      return FrameKind::Malformed;
    }
    note(layers, FrameLayerKind::Ipv6Fragment, p, 8);
    if (fragment) {
      FragmentInfo& i = *fragment;
      i = FragmentInfo{};
      i.src = out.src.address;
      i.dst = out.dst.address;
      i.id = load_be32(f.data() + p + 4);
      i.protocol = f[p];
      i.version = 6;
      i.more = (f[p + 3] & 0x01) != 0;
      i.offset = load_be16(f.data() + p + 2) & 0xFFF8u;
      i.header_offset = start;
      i.header_length = p - start;
      i.next_header_at = next_at - start;
      i.data_offset = p + 8;
      i.data_length = ip_end - (p + 8);
    }
    return FrameKind::Fragment;
  }
  protocol = next;
  return FrameKind::Tcp;
}

// From the IP header at `net` to the TCP payload.
FrameKind network_layer(Bytes f, NetworkLayer net, TcpSegment& out, std::string* problem,
                        FragmentInfo* fragment, FrameLayers* layers) {
  std::uint32_t p = net.offset;
  if (f.size() <= p) return FrameKind::Malformed;
  const int version = net.version != 0 ? net.version : f[p] >> 4;
  std::uint8_t protocol = 0;
  std::uint32_t ip_end = 0;  // end of the IP payload per the IP header (may exceed the capture)
  FrameKind kind = FrameKind::NotTcp;
  if (version == 4)
    kind = ipv4_layer(f, p, out, problem, fragment, protocol, ip_end, layers);
  else if (version == 6)
    kind = ipv6_layer(f, p, out, problem, fragment, protocol, ip_end, layers);
  if (kind == FrameKind::Fragment && fragment) {
    const std::uint64_t present =
        f.size() > fragment->data_offset ? f.size() - fragment->data_offset : 0;
    fragment->data_captured =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(present, fragment->data_length));
  }
  if (kind != FrameKind::Tcp) return kind;
  if (protocol != 6) return FrameKind::NotTcp;
  if (f.size() < p + 20 || ip_end < p + 20) {
    if (problem) *problem = "TCP header cut short";
    return FrameKind::Malformed;
  }
  const std::uint8_t* t = f.data() + p;
  out.src.port = load_be16(t);
  out.dst.port = load_be16(t + 2);
  out.seq = load_be32(t + 4);
  out.ack = load_be32(t + 8);
  const std::uint32_t data_offset = (t[12] >> 4) * 4u;
  out.flags = t[13];
  // Options (timestamps, SACK, the MD5 signature of RFC 2385 (kind 19), TCP-AO of RFC 5925
  // (kind 29)) are skipped whole by the data offset (RFC 9293 §3.1).
  if (data_offset < 20 || ip_end < p + data_offset) {
    if (problem) *problem = "TCP data offset inconsistent";
    return FrameKind::Malformed;
  }
  note(layers, FrameLayerKind::Tcp, p, data_offset);
  out.payload_offset = p + data_offset;
  out.payload_length = ip_end - out.payload_offset;
  const std::uint64_t present = f.size() > out.payload_offset ? f.size() - out.payload_offset : 0;
  out.payload_captured =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(present, out.payload_length));
  return FrameKind::Tcp;
}

}  // namespace

FrameKind decode_frame(int link_type, Bytes f, TcpSegment& out, std::string* problem,
                       FragmentInfo* fragment, FrameLayers* layers) {
  NetworkLayer net;
  bool supported = true;
  if (!link_layer(link_type, f, net, supported, layers)) {
    if (!supported && problem)
      *problem = "link type " + std::to_string(link_type) + " is not supported";
    return supported ? FrameKind::NotTcp : FrameKind::UnsupportedLink;
  }
  return network_layer(f, net, out, problem, fragment, layers);
}

// IPv6 extension headers that may come before TCP and are skipped by their length: hop-by-hop
// (0), routing (43), destination options (60) (RFC 8200 §4.3–4.6), Mobility (135, RFC 6275
// §6.1.1), HIP (139), shim6 (140) and the experimental 253 and 254 (RFC 6564 §4 uniform
// format). AH (51) counts its length in 4-byte units, minus 2 (RFC 4302 §2.2).
bool skipped_ipv6_extension(std::uint8_t next) {
  return next == 0 || next == 43 || next == 60 || next == 51 || next == 135 || next == 139 ||
         next == 140 || next == 253 || next == 254;
}

FrameKind decode_ip_datagram(Bytes datagram, TcpSegment& out, std::string* problem) {
  return network_layer(datagram, NetworkLayer{0, 0}, out, problem, nullptr, nullptr);
}

}  // namespace bgplens

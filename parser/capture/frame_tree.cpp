#include "capture/frame_tree.h"

#include <pcap/pcap.h>

#include <chrono>
#include <cstdio>

#include "bgp/names/names.h"
#include "capture/frame_decoder.h"
#include "util/text.h"

namespace bgplens {
namespace {

using text::cat;

// "IPv4 (0x0800)": EtherTypes are written in hex.
std::string ethertype_name(std::uint16_t type) {
  const std::string_view name = names::ether_type(type);
  return cat(name.empty() ? "unknown" : name, " (", text::hex_number(type, 4), ")");
}

// "TCP (6)", or the number alone for protocols the table does not name.
std::string ip_protocol_text(std::uint8_t p) {
  const std::string_view name = names::ip_protocol(p);
  return name.empty() ? std::to_string(p) : names::with_number(name, p);
}

std::string mac(const std::uint8_t* p, std::size_t n) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, i == 0 ? "%02x" : ":%02x", p[i]);
    out += buf;
  }
  return out;
}

std::string num(std::uint64_t v) {
  return std::to_string(v);
}

// Nodes of one frame, offsets from its first byte. Headers the capture cut short get an error
// node for the missing part instead of fields read past the end.
class FrameNodes {
 public:
  FrameNodes(FieldTreeBuilder& b, Bytes f) : b_(b), f_(f) {}

  bool whole(const FrameLayer& l) {
    if (l.offset + std::uint64_t{l.length} <= f_.size()) return true;
    const std::uint32_t have =
        l.offset < f_.size() ? static_cast<std::uint32_t>(f_.size() - l.offset) : 0;
    b_.leaf(FieldId::ErrorNode, l.offset, have,
            cat("header of ", num(l.length), " octets cut short by the capture: ", num(have),
                " captured"),
            0, Severity::Warning);
    return false;
  }

  void leaf(FieldId id, std::uint32_t at, std::uint32_t len, std::string_view value,
            std::uint32_t mask = 0) {
    b_.leaf(id, at, len, value, mask);
  }
  std::uint8_t u8(std::uint32_t at) const { return f_[at]; }
  std::uint16_t u16(std::uint32_t at) const { return load_be16(f_.data() + at); }
  std::uint32_t u32(std::uint32_t at) const { return load_be32(f_.data() + at); }

  void layer(const FrameLayer& l) {
    const std::uint32_t o = l.offset;
    switch (l.kind) {
      case FrameLayerKind::Ethernet:
        b_.open(FieldId::EthHeader, o, l.length);
        if (whole(l)) {
          b_.set_value(b_.current(), cat("from ", mac(&f_[o + 6], 6), " to ", mac(&f_[o], 6)));
          leaf(FieldId::EthDestination, o, 6, mac(&f_[o], 6));
          leaf(FieldId::EthSource, o + 6, 6, mac(&f_[o + 6], 6));
          leaf(FieldId::EthType, o + 12, 2, ethertype_name(u16(o + 12)));
        }
        break;
      case FrameLayerKind::VlanTag:
        b_.open(FieldId::VlanTag, o, 4);
        if (whole(l)) {
          const std::uint16_t tci = u16(o);
          b_.set_value(b_.current(), cat("VLAN ", num(tci & 0x0FFFu)));
          leaf(FieldId::VlanPriority, o, 2, num(tci >> 13), 0xE000);
          leaf(FieldId::VlanDei, o, 2, (tci & 0x1000) ? "set" : "not set", 0x1000);
          leaf(FieldId::VlanId, o, 2, num(tci & 0x0FFFu), 0x0FFF);
          leaf(FieldId::VlanType, o + 2, 2, ethertype_name(u16(o + 2)));
        }
        break;
      case FrameLayerKind::MplsLabel:
        b_.open(FieldId::MplsLabel, o, 4);
        if (whole(l)) {
          const std::uint32_t e = u32(o);
          b_.set_value(b_.current(), cat("label ", num(e >> 12)));
          leaf(FieldId::MplsLabelValue, o, 4, num(e >> 12), 0xFFFFF000);
          leaf(FieldId::MplsTrafficClass, o, 4, num((e >> 9) & 7u), 0x00000E00);
          leaf(FieldId::MplsBottom, o, 4, (e & 0x100) ? "set" : "not set", 0x00000100);
          leaf(FieldId::MplsTtl, o + 3, 1, num(e & 0xFFu));
        }
        break;
      case FrameLayerKind::LinuxSll:
        b_.open(FieldId::SllHeader, o, 16);
        if (whole(l)) {
          leaf(FieldId::SllPacketType, o, 2, num(u16(o)));
          leaf(FieldId::SllHardwareType, o + 2, 2, num(u16(o + 2)));
          leaf(FieldId::SllAddressLength, o + 4, 2, num(u16(o + 4)));
          leaf(FieldId::SllAddress, o + 6, 8,
               mac(&f_[o + 6], std::min<std::size_t>(u16(o + 4), 8)));
          leaf(FieldId::SllProtocol, o + 14, 2, ethertype_name(u16(o + 14)));
        }
        break;
      case FrameLayerKind::LinuxSll2:
        b_.open(FieldId::SllHeader, o, 20);
        if (whole(l)) {
          b_.set_value(b_.current(), "version 2");
          leaf(FieldId::SllProtocol, o, 2, ethertype_name(u16(o)));
          leaf(FieldId::SllInterface, o + 4, 4, num(u32(o + 4)));
          leaf(FieldId::SllHardwareType, o + 8, 2, num(u16(o + 8)));
          leaf(FieldId::SllPacketType, o + 10, 1, num(u8(o + 10)));
          leaf(FieldId::SllAddressLength, o + 11, 1, num(u8(o + 11)));
          leaf(FieldId::SllAddress, o + 12, 8,
               mac(&f_[o + 12], std::min<std::size_t>(u8(o + 11), 8)));
        }
        break;
      case FrameLayerKind::Loopback:
        b_.open(FieldId::LinkHeader, o, 4);
        b_.set_value(b_.current(), "BSD loopback");
        if (whole(l))
          leaf(FieldId::LinkProtocol, o, 4, cat("address family ", text::hex(f_.subspan(o, 4))));
        break;
      case FrameLayerKind::Ppp:
      case FrameLayerKind::CiscoHdlc:
        b_.open(FieldId::LinkHeader, o, l.length);
        b_.set_value(b_.current(), l.kind == FrameLayerKind::Ppp ? "PPP" : "Cisco HDLC");
        if (whole(l)) {
          if (l.length > 2)
            leaf(FieldId::LinkBytes, o, l.length - 2,
                 text::hex_spaced(f_.subspan(o, l.length - 2)));
          const std::uint16_t proto = u16(o + l.length - 2);
          leaf(FieldId::LinkProtocol, o + l.length - 2, 2,
               l.kind == FrameLayerKind::Ppp ? text::hex_number(proto, 4) : ethertype_name(proto));
        }
        break;
      case FrameLayerKind::FrameRelay:
      case FrameLayerKind::Juniper:
        b_.open(FieldId::LinkHeader, o, l.length);
        b_.set_value(b_.current(), l.kind == FrameLayerKind::FrameRelay ? "Frame Relay"
                                                                        : "Juniper capture header");
        if (whole(l))
          leaf(FieldId::LinkBytes, o, l.length, text::hex_spaced(f_.subspan(o, l.length)));
        break;
      case FrameLayerKind::Ipv4:
        b_.open(FieldId::Ipv4Header, o, l.length);
        if (whole(l)) ipv4(o, l.length);
        break;
      case FrameLayerKind::Ipv6:
        b_.open(FieldId::Ipv6Header, o, 40);
        if (whole(l)) ipv6(o);
        break;
      case FrameLayerKind::Ipv6Extension:
        b_.open(FieldId::Ipv6Extension, o, l.length);
        b_.set_value(b_.current(), ip_protocol_text(l.code));
        if (whole(l)) {
          leaf(FieldId::Ipv6ExtNext, o, 1, ip_protocol_text(u8(o)));
          leaf(FieldId::Ipv6ExtLength, o + 1, 1, num(u8(o + 1)));
          if (l.length > 2)
            leaf(FieldId::Ipv6ExtData, o + 2, l.length - 2,
                 text::hex(f_.subspan(o + 2, l.length - 2)));
        }
        break;
      case FrameLayerKind::Ipv6Fragment:
        b_.open(FieldId::Ipv6Fragment, o, 8);
        if (whole(l)) {
          leaf(FieldId::Ipv6ExtNext, o, 1, ip_protocol_text(u8(o)));
          leaf(FieldId::Ipv6FragmentOffset, o + 2, 2, num(u16(o + 2) >> 3), 0xFFF8);
          leaf(FieldId::Ipv6MoreFragments, o + 2, 2, (u16(o + 2) & 1) ? "set" : "not set", 0x0001);
          leaf(FieldId::Ipv6FragmentId, o + 4, 4, num(u32(o + 4)));
        }
        break;
      case FrameLayerKind::Tcp:
        b_.open(FieldId::TcpHeader, o, l.length);
        if (whole(l)) tcp(o, l.length);
        break;
    }
    b_.close();
  }

  void ipv4(std::uint32_t o, std::uint32_t ihl) {
    b_.set_value(b_.current(), cat(text::ipv4(&f_[o + 12]), " → ", text::ipv4(&f_[o + 16])));
    leaf(FieldId::IpVersion, o, 1, num(u8(o) >> 4), 0xF0);
    leaf(FieldId::IpHeaderLength, o, 1, cat(num(ihl), " octets (", num(u8(o) & 0x0Fu), ")"), 0x0F);
    leaf(FieldId::IpDscp, o + 1, 1, num(u8(o + 1) >> 2), 0xFC);
    leaf(FieldId::IpEcn, o + 1, 1, num(u8(o + 1) & 3u), 0x03);
    leaf(FieldId::IpTotalLength, o + 2, 2, num(u16(o + 2)));
    leaf(FieldId::IpIdentification, o + 4, 2, text::hex_number(u16(o + 4), 4));
    const std::uint16_t frag = u16(o + 6);
    leaf(FieldId::IpDontFragment, o + 6, 2, (frag & 0x4000) ? "set" : "not set", 0x4000);
    leaf(FieldId::IpMoreFragments, o + 6, 2, (frag & 0x2000) ? "set" : "not set", 0x2000);
    leaf(FieldId::IpFragmentOffset, o + 6, 2, num(frag & 0x1FFFu), 0x1FFF);
    leaf(FieldId::IpTtl, o + 8, 1, num(u8(o + 8)));
    leaf(FieldId::IpProtocol, o + 9, 1, ip_protocol_text(u8(o + 9)));
    leaf(FieldId::IpChecksum, o + 10, 2, text::hex_number(u16(o + 10), 4));
    leaf(FieldId::IpSource, o + 12, 4, text::ipv4(&f_[o + 12]));
    leaf(FieldId::IpDestination, o + 16, 4, text::ipv4(&f_[o + 16]));
    if (ihl > 20)
      leaf(FieldId::IpOptions, o + 20, ihl - 20, text::hex(f_.subspan(o + 20, ihl - 20)));
  }

  void ipv6(std::uint32_t o) {
    b_.set_value(b_.current(), cat(text::ipv6(&f_[o + 8]), " → ", text::ipv6(&f_[o + 24])));
    const std::uint32_t first = u32(o);
    leaf(FieldId::Ipv6Version, o, 4, num(first >> 28), 0xF0000000);
    leaf(FieldId::Ipv6TrafficClass, o, 4, text::hex_number((first >> 20) & 0xFFu, 2), 0x0FF00000);
    leaf(FieldId::Ipv6FlowLabel, o, 4, text::hex_number(first & 0xFFFFFu, 5), 0x000FFFFF);
    leaf(FieldId::Ipv6PayloadLength, o + 4, 2, num(u16(o + 4)));
    leaf(FieldId::Ipv6NextHeader, o + 6, 1, ip_protocol_text(u8(o + 6)));
    leaf(FieldId::Ipv6HopLimit, o + 7, 1, num(u8(o + 7)));
    leaf(FieldId::Ipv6Source, o + 8, 16, text::ipv6(&f_[o + 8]));
    leaf(FieldId::Ipv6Destination, o + 24, 16, text::ipv6(&f_[o + 24]));
  }

  void tcp(std::uint32_t o, std::uint32_t len) {
    const std::uint8_t flags = u8(o + 13);
    std::string flag_text;
    static constexpr std::string_view kFlagNames[8] = {"FIN", "SYN", "RST", "PSH",
                                                       "ACK", "URG", "ECE", "CWR"};
    for (int bit = 7; bit >= 0; --bit) {
      if (!(flags & (1u << bit))) continue;
      if (!flag_text.empty()) flag_text += ' ';
      flag_text += kFlagNames[bit];
    }
    b_.set_value(b_.current(), cat(num(u16(o)), " → ", num(u16(o + 2)), " [", flag_text, "]"));
    leaf(FieldId::TcpSourcePort, o, 2, num(u16(o)));
    leaf(FieldId::TcpDestinationPort, o + 2, 2, num(u16(o + 2)));
    leaf(FieldId::TcpSequence, o + 4, 4, num(u32(o + 4)));
    leaf(FieldId::TcpAcknowledgment, o + 8, 4, num(u32(o + 8)));
    leaf(FieldId::TcpHeaderLength, o + 12, 1, cat(num(len), " octets (", num(u8(o + 12) >> 4), ")"),
         0xF0);
    b_.open(FieldId::TcpFlags, o + 13, 1);
    b_.set_value(b_.current(), cat(text::hex_number(flags, 2), " ", flag_text));
    static constexpr FieldId kFlagFields[8] = {
        FieldId::TcpFlagFin, FieldId::TcpFlagSyn, FieldId::TcpFlagRst, FieldId::TcpFlagPsh,
        FieldId::TcpFlagAck, FieldId::TcpFlagUrg, FieldId::TcpFlagEce, FieldId::TcpFlagCwr};
    for (int bit = 7; bit >= 0; --bit) {
      leaf(kFlagFields[bit], o + 13, 1, (flags & (1u << bit)) ? "set" : "not set", 1u << bit);
    }
    b_.close();
    leaf(FieldId::TcpWindow, o + 14, 2, num(u16(o + 14)));
    leaf(FieldId::TcpChecksum, o + 16, 2, text::hex_number(u16(o + 16), 4));
    leaf(FieldId::TcpUrgentPointer, o + 18, 2, num(u16(o + 18)));
    if (len > 20) tcp_options(o + 20, o + len);
  }

  // RFC 9293 §3.2: kinds 0 (end) and 1 (no-operation) are one octet; the others carry a
  // length that counts the kind and length octets.
  void tcp_options(std::uint32_t p, std::uint32_t end) {
    b_.open(FieldId::TcpOptions, p, end - p);
    while (p < end) {
      const std::uint8_t kind = u8(p);
      if (kind == 0 || kind == 1) {
        b_.open(FieldId::TcpOption, p, 1);
        b_.set_value(b_.current(), kind == 0 ? "End of option list" : "No-operation");
        leaf(FieldId::TcpOptionKind, p, 1, num(kind));
        b_.close();
        ++p;
        if (kind == 0) break;
        continue;
      }
      const std::uint8_t len = p + 1 < end ? u8(p + 1) : 0;
      if (len < 2 || p + len > end) {
        b_.leaf(FieldId::ErrorNode, p, end - p,
                cat("option ", num(kind), " has length ", num(len), " but ", num(end - p),
                    " octets of options are left"),
                0, Severity::Warning);
        break;
      }
      b_.open(FieldId::TcpOption, p, len);
      const std::string value = option_text(kind, p + 2, len - 2u);
      b_.set_value(b_.current(), value);
      leaf(FieldId::TcpOptionKind, p, 1, num(kind));
      leaf(FieldId::TcpOptionLength, p + 1, 1, num(len));
      if (len > 2) leaf(FieldId::TcpOptionValue, p + 2, len - 2u, value);
      b_.close();
      p += len;
    }
    b_.close();
  }

  std::string option_text(std::uint8_t kind, std::uint32_t v, std::uint32_t n) const {
    switch (kind) {
      case 2:
        if (n == 2) return cat("Maximum segment size ", num(u16(v)));
        break;
      case 3:
        if (n == 1)
          return cat("Window scale ", num(u8(v)), " (×",
                     num(std::uint64_t{1} << std::min(u8(v), std::uint8_t{14})), ")");
        break;
      case 4:
        return "SACK permitted";
      case 5: {
        std::string out = "SACK";
        for (std::uint32_t i = 0; i + 8 <= n; i += 8)
          out += cat(" ", num(u32(v + i)), "–", num(u32(v + i + 4)));
        return out;
      }
      case 8:
        if (n == 8) return cat("Timestamps: value ", num(u32(v)), ", echo reply ", num(u32(v + 4)));
        break;
      case 19:
        return cat("MD5 signature (RFC 2385) ", text::hex(f_.subspan(v, n)));
      case 29:
        return cat("TCP-AO (RFC 5925) ", text::hex(f_.subspan(v, n)));
      default:
        break;
    }
    return cat("kind ", num(kind), " ", text::hex(f_.subspan(v, n)));
  }

 private:
  FieldTreeBuilder& b_;
  Bytes f_;
};

std::string link_type_text(int link_type) {
  const char* description = pcap_datalink_val_to_description(link_type);
  return names::with_number(description ? description : "", static_cast<std::uint64_t>(link_type));
}

}  // namespace

std::string utc_text(std::int64_t time_ns) {
  using namespace std::chrono;
  const sys_time<nanoseconds> t{nanoseconds(time_ns)};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss clock{floor<nanoseconds>(t - day)};
  const auto ns = static_cast<long long>(clock.subseconds().count());
  char buf[64];
  const bool micro = ns % 1000 == 0;
  std::snprintf(buf, sizeof buf,
                micro ? "%04d-%02u-%02u %02lld:%02lld:%02lld.%06lld UTC"
                      : "%04d-%02u-%02u %02lld:%02lld:%02lld.%09lld UTC",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(clock.hours().count()),
                static_cast<long long>(clock.minutes().count()),
                static_cast<long long>(clock.seconds().count()), micro ? ns / 1000 : ns);
  return buf;
}

std::uint32_t add_frame_nodes(FieldTreeBuilder& b, const Packet& packet,
                              const FrameCarriage& carriage) {
  const Bytes f = packet.data;
  const auto captured = static_cast<std::uint32_t>(f.size());
  const std::uint32_t frame = b.open(FieldId::Frame, 0, captured);
  b.set_value(
      frame,
      cat("Frame ", num(packet.frame), ": ", num(packet.wire_length), " bytes on the wire, ",
          num(captured), " captured; bytes ", num(carriage.message_offset), "–",
          num(carriage.message_offset + carriage.length - 1), " of the ", carriage.message_name));
  b.leaf(FieldId::FrameNumber, 0, 0, num(packet.frame));
  b.leaf(FieldId::FrameTime, 0, 0, utc_text(packet.time_ns));
  b.leaf(FieldId::FrameWireLength, 0, 0, text::byte_count(packet.wire_length));
  b.leaf(FieldId::FrameCapturedLength, 0, 0, text::byte_count(captured));
  b.leaf(FieldId::FrameLinkType, 0, 0, link_type_text(packet.link_type));
  FrameLayers layers;
  TcpSegment segment;
  FragmentInfo fragment;
  std::string problem;
  const FrameKind kind = decode_frame(packet.link_type, f, segment, &problem, &fragment, &layers);
  FrameNodes nodes(b, f);
  for (const FrameLayer& l : layers)
    nodes.layer(l);
  // What carries the message's bytes: the TCP payload, or for a datagram made whole from
  // fragments, this fragment's data (RFC 791 §3.2, RFC 8200 §4.5). It runs to the end of the
  // captured bytes and holds the message's share.
  const bool is_fragment = kind == FrameKind::Fragment;
  const std::uint32_t data_at = is_fragment ? fragment.data_offset : segment.payload_offset;
  const std::uint32_t data_captured =
      is_fragment ? fragment.data_captured : segment.payload_captured;
  const std::uint32_t payload =
      data_at != 0 && data_at <= carriage.frame_offset ? data_at : carriage.frame_offset;
  const std::uint32_t payload_end =
      std::max(carriage.frame_offset + carriage.length,
               std::min(captured, data_at != 0 ? data_at + data_captured : 0u));
  b.open(is_fragment ? FieldId::IpFragmentData : FieldId::TcpPayload, payload,
         payload_end - payload);
  b.set_value(b.current(), text::byte_count(payload_end - payload));
  b.leaf(FieldId::FrameMessageBytes, carriage.frame_offset, carriage.length,
         cat("bytes ", num(carriage.message_offset), "–",
             num(carriage.message_offset + carriage.length - 1), " of the ", carriage.message_name,
             " (", num(carriage.message_length), " bytes)"));
  b.close();
  b.close();
  return frame;
}

}  // namespace bgplens

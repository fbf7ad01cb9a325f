// From a captured frame to its TCP segment: link layer, IPv4/IPv6, TCP header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "capture/ip_address.h"
#include "util/bytes.h"

namespace bgplens {

namespace tcp_flag {
inline constexpr std::uint8_t kFin = 0x01;
inline constexpr std::uint8_t kSyn = 0x02;
inline constexpr std::uint8_t kRst = 0x04;
inline constexpr std::uint8_t kAck = 0x10;
}  // namespace tcp_flag

struct TcpSegment {
  Endpoint src;
  Endpoint dst;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint32_t payload_offset = 0;    // within the frame
  std::uint32_t payload_captured = 0;  // payload bytes present in the capture
  std::uint32_t payload_length = 0;    // payload bytes on the wire (IP length says so)
};

enum class FrameKind : std::uint8_t {
  Tcp,
  NotTcp,    // another protocol: nothing to do
  Fragment,  // an IPv4/IPv6 fragment: see FragmentInfo, and IpDefragmenter to reassemble it
  UnsupportedLink,
  Malformed,  // headers inconsistent or cut short
};

// What the IP layer says about a fragment (RFC 791 §3.1 and §3.2; RFC 8200 §4.5), with offsets
// into the frame so that its pieces can be held as views until the datagram is whole.
struct FragmentInfo {
  IpAddress src;
  IpAddress dst;
  std::uint32_t id = 0;       // Identification: 16 bits in IPv4, 32 bits in IPv6
  std::uint8_t protocol = 0;  // IPv4 Protocol; IPv6 the Fragment header's Next Header
  std::uint8_t version = 0;   // 4 or 6
  bool more = false;          // More Fragments
  std::uint32_t offset = 0;   // of this fragment's data in the original payload, in bytes
  // The part every fragment repeats: the IPv4 header, or the IPv6 header with the extension
  // headers before the Fragment header (the "unfragmentable part", RFC 8200 §4.5).
  std::uint32_t header_offset = 0;
  std::uint32_t header_length = 0;
  // IPv6: the Next Header field that names the Fragment header, from header_offset (6 when the
  // Fragment header follows the IPv6 header directly).
  std::uint32_t next_header_at = 0;
  std::uint32_t data_offset = 0;    // the fragment's data, within the frame
  std::uint32_t data_length = 0;    // data bytes on the wire (the IP lengths say so)
  std::uint32_t data_captured = 0;  // data bytes present in the capture
};

// The headers found on the way to TCP, in frame order: what the field tree of a frame shows.
enum class FrameLayerKind : std::uint8_t {
  Ethernet,
  VlanTag,  // 802.1Q or 802.1ad
  MplsLabel,
  LinuxSll,
  LinuxSll2,
  Loopback,
  Ppp,
  CiscoHdlc,
  FrameRelay,
  Juniper,
  Ipv4,
  Ipv6,
  Ipv6Extension,  // `code` is its Next Header value
  Ipv6Fragment,
  Tcp,
};

struct FrameLayer {
  FrameLayerKind kind;
  std::uint32_t offset = 0;  // within the frame
  std::uint32_t length = 0;  // may reach past the captured bytes when the capture cut it
  std::uint8_t code = 0;
};
using FrameLayers = std::vector<FrameLayer>;

// Decodes the headers of one frame of the given libpcap link type. For a fragment, `fragment`
// (when given) receives what the defragmenter needs; `layers` (when given) each header passed.
FrameKind decode_frame(int link_type, Bytes frame, TcpSegment& out, std::string* problem,
                       FragmentInfo* fragment = nullptr, FrameLayers* layers = nullptr);

// IPv6 extension headers skipped on the way to TCP (fragments aside): hop-by-hop, routing,
// destination options, AH, and the other headers of the RFC 6564 uniform format.
bool skipped_ipv6_extension(std::uint8_t next_header);

// Decodes an IP datagram with no link layer (a reassembled one: IpDefragmenter's output).
FrameKind decode_ip_datagram(Bytes datagram, TcpSegment& out, std::string* problem);

}  // namespace bgplens

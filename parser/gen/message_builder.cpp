#include "gen/message_builder.h"

#include <arpa/inet.h>

#include <stdexcept>

namespace bgplens::gen {

ByteVector ipv4(const std::string& text) {
  ByteVector out(4);
  if (inet_pton(AF_INET, text.c_str(), out.data()) != 1)
    throw std::invalid_argument("bad IPv4 address " + text);
  return out;
}

ByteVector ipv6(const std::string& text) {
  ByteVector out(16);
  if (inet_pton(AF_INET6, text.c_str(), out.data()) != 1)
    throw std::invalid_argument("bad IPv6 address " + text);
  return out;
}

Prefix prefix(const std::string& text, std::optional<std::uint32_t> path_id) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw std::invalid_argument("prefix without length: " + text);
  const std::string addr = text.substr(0, slash);
  Prefix p;
  p.length = static_cast<std::uint8_t>(std::stoi(text.substr(slash + 1)));
  const ByteVector bytes = addr.find(':') != std::string::npos ? ipv6(addr) : ipv4(addr);
  std::copy(bytes.begin(), bytes.end(), p.address.begin());
  p.path_id = path_id;
  return p;
}

std::vector<Family> default_families() {
  return {kIpv4Unicast};
}

ByteVector message(std::uint8_t type, Bytes body, std::optional<std::uint16_t> length_override) {
  ByteWriter w;
  for (int i = 0; i < 16; ++i)
    w.u8(0xFF);
  w.u16(length_override ? *length_override
                        : static_cast<std::uint16_t>(kHeaderLength + body.size()));
  w.u8(type);
  w.bytes(body);
  return w.take();
}

ByteVector keepalive() {
  return message(msg_type::kKeepalive, {});
}

ByteVector notification(std::uint8_t code, std::uint8_t subcode, Bytes data) {
  ByteWriter w;
  w.u8(code).u8(subcode).bytes(data);
  return message(msg_type::kNotification, w.data());
}

ByteVector route_refresh(Family family, std::uint8_t subtype) {
  ByteWriter w;
  w.u16(family.afi).u8(subtype).u8(family.safi);
  return message(msg_type::kRouteRefresh, w.data());
}

ByteVector capability(std::uint8_t code, Bytes value) {
  ByteWriter w;
  w.u8(code).u8(static_cast<std::uint8_t>(value.size())).bytes(value);
  return w.take();
}

ByteVector open(const OpenSpec& s) {
  ByteWriter caps;
  for (const Family& f : s.multiprotocol) {
    ByteWriter v;
    v.u16(f.afi).u8(0).u8(f.safi);
    caps.bytes(capability(1, v.data()));
  }
  if (s.route_refresh) caps.bytes(capability(2, {}));
  if (s.extended_message) caps.bytes(capability(6, {}));
  if (s.graceful_restart) {
    const GracefulRestart& gr = *s.graceful_restart;
    ByteWriter v;
    v.u16(static_cast<std::uint16_t>((gr.restarted ? 0x8000 : 0) | (gr.notification ? 0x4000 : 0) |
                                     (gr.restart_time & 0x0FFF)));
    for (const Family& f : gr.families)
      v.u16(f.afi).u8(f.safi).u8(0x80);
    caps.bytes(capability(64, v.data()));
  }
  if (s.as4) {
    ByteWriter v;
    v.u32(*s.as4);
    caps.bytes(capability(65, v.data()));
  }
  if (!s.add_path.empty()) {
    ByteWriter v;
    for (const AddPathOffer& o : s.add_path)
      v.u16(o.family.afi).u8(o.family.safi).u8(o.send_receive);
    caps.bytes(capability(69, v.data()));
  }
  if (s.enhanced_route_refresh) caps.bytes(capability(70, {}));
  for (const auto& [code, value] : s.extra_capabilities)
    caps.bytes(capability(code, value));

  ByteWriter body;
  body.u8(4).u16(s.my_as).u16(s.hold_time).u32(s.bgp_id);
  if (caps.size() == 0) {
    body.u8(0);
  } else {
    // One Capabilities parameter holding them all (RFC 5492 §4).
    body.u8(static_cast<std::uint8_t>(caps.size() + 2))
        .u8(2)
        .u8(static_cast<std::uint8_t>(caps.size()))
        .bytes(caps.data());
  }
  return message(msg_type::kOpen, body.data());
}

ByteVector attribute(std::uint8_t flags, std::uint8_t code, Bytes value) {
  ByteWriter w;
  if (value.size() > 255) flags |= 0x10;
  w.u8(flags).u8(code);
  if (flags & 0x10) {
    w.u16(static_cast<std::uint16_t>(value.size()));
  } else {
    w.u8(static_cast<std::uint8_t>(value.size()));
  }
  w.bytes(value);
  return w.take();
}

ByteVector origin(std::uint8_t value) {
  const std::uint8_t v[] = {value};
  return attribute(0x40, 1, v);
}

ByteVector as_path(const std::vector<Segment>& segments, bool four_octet, std::uint8_t code) {
  ByteWriter v;
  for (const Segment& s : segments) {
    v.u8(s.type).u8(static_cast<std::uint8_t>(s.ases.size()));
    for (std::uint32_t as : s.ases) {
      if (four_octet) {
        v.u32(as);
      } else {
        v.u16(static_cast<std::uint16_t>(as));
      }
    }
  }
  return attribute(code == 2 ? 0x40 : 0xC0, code, v.data());
}

ByteVector next_hop(const std::string& text) {
  return attribute(0x40, 3, ipv4(text));
}

ByteVector med(std::uint32_t value) {
  ByteWriter v;
  v.u32(value);
  return attribute(0x80, 4, v.data());
}

ByteVector local_pref(std::uint32_t value) {
  ByteWriter v;
  v.u32(value);
  return attribute(0x40, 5, v.data());
}

ByteVector atomic_aggregate() {
  return attribute(0x40, 6, {});
}

ByteVector aggregator(std::uint32_t as, const std::string& text, bool four_octet) {
  ByteWriter v;
  if (four_octet) {
    v.u32(as);
  } else {
    v.u16(static_cast<std::uint16_t>(as));
  }
  v.bytes(ipv4(text));
  return attribute(0xC0, 7, v.data());
}

ByteVector communities(const std::vector<std::uint32_t>& values) {
  ByteWriter v;
  for (std::uint32_t c : values)
    v.u32(c);
  return attribute(0xC0, 8, v.data());
}

ByteVector nlri(const std::vector<Prefix>& prefixes) {
  ByteWriter w;
  for (const Prefix& p : prefixes) {
    if (p.path_id) w.u32(*p.path_id);
    w.u8(p.length);
    w.bytes(Bytes(p.address.data(), (p.length + 7u) / 8u));
  }
  return w.take();
}

ByteVector mp_reach(Family family, Bytes hop, const std::vector<Prefix>& prefixes) {
  ByteWriter v;
  v.u16(family.afi).u8(family.safi).u8(static_cast<std::uint8_t>(hop.size())).bytes(hop).u8(0);
  v.bytes(nlri(prefixes));
  return attribute(0x80, 14, v.data());
}

ByteVector mp_unreach(Family family, const std::vector<Prefix>& withdrawn) {
  ByteWriter v;
  v.u16(family.afi).u8(family.safi).bytes(nlri(withdrawn));
  return attribute(0x80, 15, v.data());
}

ByteVector update(const UpdateSpec& s) {
  const ByteVector withdrawn = nlri(s.withdrawn);
  ByteWriter attrs;
  for (const ByteVector& a : s.attributes)
    attrs.bytes(a);
  ByteWriter body;
  body.u16(static_cast<std::uint16_t>(withdrawn.size())).bytes(withdrawn);
  body.u16(static_cast<std::uint16_t>(attrs.size())).bytes(attrs.data());
  body.bytes(nlri(s.nlri));
  return message(msg_type::kUpdate, body.data());
}

}  // namespace bgplens::gen

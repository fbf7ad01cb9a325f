// BMP messages (RFC 7854 §4) for tests, built by hand (the project's generators write BGP
// only): what a router sends a station.
#pragma once

#include <string>
#include <vector>

#include "gen/byte_writer.h"
#include "gen/message_builder.h"

namespace bgplens::test_bmp {

using gen::ByteVector;
using gen::ByteWriter;

// §4.1: version 3, length of the whole message, type.
inline ByteVector bmp_message(std::uint8_t type, Bytes body) {
  ByteWriter w;
  w.u8(3).u32(static_cast<std::uint32_t>(6 + body.size())).u8(type).bytes(body);
  return w.take();
}

// §4.3: Initiation with a sysName TLV (type 2).
inline ByteVector initiation(const std::string& sys_name) {
  ByteWriter w;
  w.u16(2).u16(static_cast<std::uint16_t>(sys_name.size()));
  w.bytes(Bytes(reinterpret_cast<const std::uint8_t*>(sys_name.data()), sys_name.size()));
  return bmp_message(4, w.data());
}

// §4.2: a global IPv4 peer (the address in the last four of sixteen octets).
inline void per_peer_header(ByteWriter& w, const std::string& peer, std::uint32_t as) {
  w.u8(0).u8(0).bytes(ByteVector(8, 0)).bytes(ByteVector(12, 0)).bytes(gen::ipv4(peer));
  w.u32(as).bytes(gen::ipv4(peer)).u32(1'700'000'000).u32(0);
}

// §4.10: Peer Up with the OPEN the router sent and the one it received.
inline ByteVector peer_up(const std::string& peer, std::uint32_t as) {
  ByteWriter w;
  per_peer_header(w, peer, as);
  w.bytes(ByteVector(12, 0)).bytes(gen::ipv4("192.0.2.254")).u16(179).u16(40000);
  gen::OpenSpec sent;
  sent.my_as = 65000;
  gen::OpenSpec received;
  received.my_as = static_cast<std::uint16_t>(as);
  w.bytes(gen::open(sent)).bytes(gen::open(received));
  return bmp_message(3, w.data());
}

// §4.6: Route Monitoring around an UPDATE of `count` (at most 800: RFC 4271's 4096 octets)
// host routes under 10.`second`.0.0/16.
inline ByteVector route_monitoring(const std::string& peer, std::uint32_t as, int second,
                                   int count) {
  gen::UpdateSpec u;
  // The per-peer header's A flag is clear: 4-octet AS_PATH (RFC 7854 §4.2).
  u.attributes = {gen::origin(0), gen::as_path({{2, {as}}}, true), gen::next_hop(peer)};
  for (int i = 0; i < count; ++i) {
    u.nlri.push_back(gen::prefix("10." + std::to_string(second) + "." + std::to_string(i / 200) +
                                 "." + std::to_string(i % 200) + "/32"));
  }
  ByteWriter w;
  per_peer_header(w, peer, as);
  w.bytes(gen::update(u));
  return bmp_message(0, w.data());
}

// §4.5: Termination, reason 0 (administratively closed).
inline ByteVector termination() {
  ByteWriter w;
  w.u16(1).u16(2).u16(0);
  return bmp_message(5, w.data());
}

// What router `n` sends: a whole BMP session, about 13 kilobytes.
inline std::vector<ByteVector> router_session(int n) {
  const std::string peer = "192.0.2." + std::to_string(n);
  const std::uint32_t as = 65000 + static_cast<std::uint32_t>(n);
  std::vector<ByteVector> messages{initiation("router-" + std::to_string(n)), peer_up(peer, as)};
  for (int k = 0; k < 4; ++k)
    messages.push_back(route_monitoring(peer, as, n * 10 + k, 500 + 100 * k));
  messages.push_back(termination());
  return messages;
}

}  // namespace bgplens::test_bmp

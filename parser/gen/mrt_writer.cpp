#include "gen/mrt_writer.h"

#include <stdexcept>

#include "mrt/mrt_format.h"

namespace bgplens::gen {
namespace {

namespace fmt = ::bgplens::mrt;

void patch32(ByteWriter& w, std::size_t at, std::uint32_t v) {
  w.patch16(at, static_cast<std::uint16_t>(v >> 16));
  w.patch16(at + 2, static_cast<std::uint16_t>(v));
}

std::uint16_t afi_of(const MrtAddress& a) {
  return a.v6 ? 2 : 1;
}

// The BGP4MP header common to messages and state changes (§4.4.1–4.4.4).
void bgp4mp_ends(ByteWriter& w, const Bgp4mpEnds& e, bool as4) {
  if (e.peer_ip.v6 != e.local_ip.v6)
    throw std::invalid_argument("BGP4MP: peer and local addresses of different families");
  if (as4) {
    w.u32(e.peer_as).u32(e.local_as);
  } else {
    w.u16(static_cast<std::uint16_t>(e.peer_as)).u16(static_cast<std::uint16_t>(e.local_as));
  }
  w.u16(e.interface_index).u16(afi_of(e.peer_ip)).bytes(e.peer_ip.view()).bytes(e.local_ip.view());
}

std::uint16_t bgp4mp_type(const MrtTime& t) {
  return t.microseconds ? fmt::type::kBgp4mpEt : fmt::type::kBgp4mp;
}

}  // namespace

MrtAddress mrt_address(const std::string& text) {
  MrtAddress a;
  a.v6 = text.find(':') != std::string::npos;
  const ByteVector b = a.v6 ? ipv6(text) : ipv4(text);
  std::copy(b.begin(), b.end(), a.bytes.begin());
  return a;
}

MrtAddress mrt_address_v4(std::uint32_t v) {
  MrtAddress a;
  for (int i = 0; i < 4; ++i)
    a.bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
  return a;
}

std::size_t begin_mrt_record(ByteWriter& w, MrtTime time, std::uint16_t type,
                             std::uint16_t subtype) {
  if (time.microseconds.has_value() != fmt::is_extended_time(type))
    throw std::invalid_argument("MRT: microseconds go with the _ET types only");
  const std::size_t start = w.size();
  w.u32(time.seconds).u16(type).u16(subtype).u32(0);
  if (time.microseconds) w.u32(*time.microseconds);
  return start;
}

void end_mrt_record(ByteWriter& w, std::size_t start) {
  // RFC 6396 §2: the length counts what follows the 12-octet header (for _ET types, the
  // microsecond field too, §3).
  patch32(w, start + 8, static_cast<std::uint32_t>(w.size() - start - fmt::kHeaderLength));
}

void peer_index_table(ByteWriter& w, std::uint32_t timestamp, std::uint32_t collector_id,
                      std::string_view view_name, std::span<const IndexedPeer> peers) {
  if (peers.size() > 0xFFFF) throw std::invalid_argument("PEER_INDEX_TABLE: too many peers");
  const std::size_t start =
      begin_mrt_record(w, {timestamp, {}}, fmt::type::kTableDumpV2, fmt::td2::kPeerIndexTable);
  w.u32(collector_id).u16(static_cast<std::uint16_t>(view_name.size()));
  w.bytes(Bytes(reinterpret_cast<const std::uint8_t*>(view_name.data()), view_name.size()));
  w.u16(static_cast<std::uint16_t>(peers.size()));
  for (const IndexedPeer& p : peers) {
    if (!p.as4 && p.as > 0xFFFF)
      throw std::invalid_argument("PEER_INDEX_TABLE: a 4-octet AS in a 2-octet field");
    // Peer Type: bit 0 (0x01) an IPv6 address, bit 1 (0x02) a 4-octet AS (§4.3.1).
    w.u8(static_cast<std::uint8_t>((p.ip.v6 ? 0x01 : 0) | (p.as4 ? 0x02 : 0)));
    w.u32(p.bgp_id).bytes(p.ip.view());
    if (p.as4) {
      w.u32(p.as);
    } else {
      w.u16(static_cast<std::uint16_t>(p.as));
    }
  }
  end_mrt_record(w, start);
}

ByteVector rib_mp_reach(Bytes next_hop) {
  ByteWriter v;
  v.u8(static_cast<std::uint8_t>(next_hop.size())).bytes(next_hop);
  return attribute(0x80, 14, v.data());
}

RibRecordWriter::RibRecordWriter(ByteWriter& w, std::uint32_t timestamp, std::uint32_t sequence,
                                 const Prefix& prefix, bool ipv6)
    : w_(w) {
  if (prefix.length > (ipv6 ? 128 : 32)) throw std::invalid_argument("RIB: prefix too long");
  start_ = begin_mrt_record(w, {timestamp, {}}, fmt::type::kTableDumpV2,
                            ipv6 ? fmt::td2::kRibIpv6Unicast : fmt::td2::kRibIpv4Unicast);
  // §4.3.2: sequence number, prefix length, the prefix's significant octets, entry count.
  w.u32(sequence).u8(prefix.length);
  w.bytes(Bytes(prefix.address.data(), (prefix.length + 7u) / 8u));
  count_at_ = w.size();
  w.u16(0);
}

void RibRecordWriter::entry(std::uint16_t peer_index, std::uint32_t originated,
                            std::span<const Bytes> attributes) {
  if (count_ == 0xFFFF) throw std::length_error("RIB: more than 65535 entries");
  std::size_t length = 0;
  for (Bytes a : attributes)
    length += a.size();
  if (length > 0xFFFF) throw std::length_error("RIB entry: attributes over 65535 octets");
  w_.u16(peer_index).u32(originated).u16(static_cast<std::uint16_t>(length));
  for (Bytes a : attributes)
    w_.bytes(a);
  ++count_;
}

void RibRecordWriter::finish() {
  w_.patch16(count_at_, count_);
  end_mrt_record(w_, start_);
}

void bgp4mp_message(ByteWriter& w, MrtTime time, const Bgp4mpEnds& ends, Bytes message, bool as4) {
  const std::size_t start = begin_mrt_record(
      w, time, bgp4mp_type(time), as4 ? fmt::bgp4mp::kMessageAs4 : fmt::bgp4mp::kMessage);
  bgp4mp_ends(w, ends, as4);
  w.bytes(message);
  end_mrt_record(w, start);
}

void bgp4mp_state_change(ByteWriter& w, MrtTime time, const Bgp4mpEnds& ends,
                         std::uint16_t old_state, std::uint16_t new_state, bool as4) {
  const std::size_t start = begin_mrt_record(
      w, time, bgp4mp_type(time), as4 ? fmt::bgp4mp::kStateChangeAs4 : fmt::bgp4mp::kStateChange);
  bgp4mp_ends(w, ends, as4);
  w.u16(old_state).u16(new_state);
  end_mrt_record(w, start);
}

}  // namespace bgplens::gen

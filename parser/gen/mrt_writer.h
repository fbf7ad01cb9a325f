// Encodes MRT records (RFC 6396) for the dump generator and the tests: the common header (and
// the _ET form), TABLE_DUMP_V2 PEER_INDEX_TABLE and RIB_IPV4/IPV6_UNICAST records, and BGP4MP
// messages and state changes. Path attributes and BGP messages come from message_builder.h;
// this file only adds the MRT framing around them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gen/byte_writer.h"
#include "gen/message_builder.h"

namespace bgplens::gen {

// An address of either family: 4 or 16 bytes.
struct MrtAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v6 = false;
  Bytes view() const { return {bytes.data(), v6 ? 16u : 4u}; }
};
MrtAddress mrt_address(const std::string& text);  // "192.0.2.1" or "2001:db8::1"
MrtAddress mrt_address_v4(std::uint32_t host_order);

// The record time: seconds, and microseconds for the _ET types (RFC 6396 §3).
struct MrtTime {
  std::uint32_t seconds = 0;
  std::optional<std::uint32_t> microseconds;
};

// Starts a record: writes the common header with a zero length and returns where the record
// began, for end_mrt_record to fill in the length. With microseconds the type must be an _ET
// type; the microsecond field is counted in the length (RFC 6396 §3).
std::size_t begin_mrt_record(ByteWriter& w, MrtTime time, std::uint16_t type,
                             std::uint16_t subtype);
// Sets the length field of the record begun at `start` to what was written since the header.
void end_mrt_record(ByteWriter& w, std::size_t start);

// One peer of a PEER_INDEX_TABLE (RFC 6396 §4.3.1). `as4` chooses the 4-octet AS field
// (Peer Type bit 1); a 2-octet field needs an AS below 65536.
struct IndexedPeer {
  std::uint32_t bgp_id = 0;
  MrtAddress ip;
  std::uint32_t as = 0;
  bool as4 = true;
};

// TABLE_DUMP_V2 PEER_INDEX_TABLE: collector BGP ID, view name, peer entries (§4.3.1).
void peer_index_table(ByteWriter& w, std::uint32_t timestamp, std::uint32_t collector_id,
                      std::string_view view_name, std::span<const IndexedPeer> peers);

// RFC 6396 §4.3.4: in a RIB entry, MP_REACH_NLRI holds only the next hop's length and the next
// hop (no AFI/SAFI, reserved octet or NLRI: the RIB record says the family and the prefix).
ByteVector rib_mp_reach(Bytes next_hop);

// A RIB_IPV4_UNICAST or RIB_IPV6_UNICAST record (§4.3.2) written entry by entry into `w`:
// construct, add entries, finish() (which fills in the entry count and the record length).
class RibRecordWriter {
 public:
  RibRecordWriter(ByteWriter& w, std::uint32_t timestamp, std::uint32_t sequence,
                  const Prefix& prefix, bool ipv6);
  // One RIB entry (§4.3.4): peer index, originated time, the attributes given as consecutive
  // pieces (already encoded, 4-octet AS numbers throughout).
  void entry(std::uint16_t peer_index, std::uint32_t originated, std::span<const Bytes> attributes);
  void entry(std::uint16_t peer_index, std::uint32_t originated, Bytes attributes) {
    entry(peer_index, originated, std::span<const Bytes>(&attributes, 1));
  }
  std::uint16_t entries() const { return count_; }
  void finish();

 private:
  ByteWriter& w_;
  std::size_t start_;
  std::size_t count_at_;
  std::uint16_t count_ = 0;
};

// The two ends of a BGP4MP record (§4.4): the peer the message came from and the collector.
// Both addresses must be of one family (the AFI field covers both).
struct Bgp4mpEnds {
  std::uint32_t peer_as = 0;
  std::uint32_t local_as = 0;
  std::uint16_t interface_index = 0;
  MrtAddress peer_ip;
  MrtAddress local_ip;
};

// BGP4MP(_ET) MESSAGE_AS4 (§4.4.3), or MESSAGE (§4.4.2) when !as4: `message` is the whole BGP
// message, marker included; with MESSAGE_AS4 its AS numbers must be 4 octets.
void bgp4mp_message(ByteWriter& w, MrtTime time, const Bgp4mpEnds& ends, Bytes message,
                    bool as4 = true);
// BGP4MP(_ET) STATE_CHANGE_AS4 (§4.4.4), or STATE_CHANGE (§4.4.1) when !as4. States are the
// FSM's numbers (1 Idle … 6 Established).
void bgp4mp_state_change(ByteWriter& w, MrtTime time, const Bgp4mpEnds& ends,
                         std::uint16_t old_state, std::uint16_t new_state, bool as4 = true);

}  // namespace bgplens::gen

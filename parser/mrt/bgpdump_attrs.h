// The path attributes of one UPDATE or RIB entry as bgpdump -m shows them, read straight from
// the bytes into a flat summary (no field tree, no allocation once the scratch buffers have
// grown), and the text of the fields after the prefix.
//
// bgpdump 1.6.2 (libbgpdump's process_attributes and its helpers) is followed exactly, because
// its output is the reference; where it deviates from the RFCs that is said at the place.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mrt/bgpdump_wire.h"

namespace bgplens::mrt::bgpdump {

// One MP_REACH_NLRI or MP_UNREACH_NLRI of a family bgpdump knows (AFI 1–2, SAFI 1–3).
struct MpFamily {
  std::uint8_t next_hop_length = 0;
  std::uint8_t next_hop[16];  // the global address; IPv4 in the first four octets, rest zero
  Reader nlri;                // the NLRI field (RFC 4760 §3–4), prefixes not yet read
};

// An MP_(UN)REACH_NLRI of any other family: bgpdump skips it, BGP Lens prints what it can.
struct OtherFamily {
  std::uint16_t afi = 0;
  std::uint8_t safi = 0;
  bool reach = false;
  Reader body;  // after AFI and SAFI: next hop length, next hop, reserved, NLRI (reach) or NLRI
};

struct Attrs {
  std::uint8_t asn_width = 4;  // of AS_PATH and AGGREGATOR: 2 or 4 octets
  // RFC 6793 §4.2.3 on a 2-octet session: AS_PATH and AS4_PATH are to be merged when printed.
  bool merge_as4_path = false;
  // One bit per attribute type code 1–32 seen and not truncated (bgpdump's attr->flag).
  std::uint32_t flags = 0;
  std::uint8_t origin = 0xff;  // 0xff: absent, printed INCOMPLETE like any value but 0 and 1
  std::uint8_t next_hop[4] = {0xff, 0xff, 0xff, 0xff};  // INADDR_NONE when absent
  std::uint32_t med = 0;
  std::uint32_t local_pref = 0;
  std::uint32_t aggregator_as = 0;
  std::uint8_t aggregator_address[4] = {0xff, 0xff, 0xff, 0xff};  // absent: not printed
  std::uint32_t as4_aggregator_as = 0;
  std::uint8_t as4_aggregator_address[4] = {0xff, 0xff, 0xff, 0xff};
  bool has_as_path = false;
  Reader as_path;
  Reader as4_path;
  Reader communities;
  Reader mp_reach_value;  // the last MP_REACH_NLRI attribute's value, for BGP Lens's extra lines
  // MP families by afi * 4 + safi (AFI 0–2, SAFI 0–3); a set bit says the entry is filled.
  std::uint16_t reach_mask = 0;
  std::uint16_t unreach_mask = 0;
  MpFamily reach[12];
  MpFamily unreach[12];
  static constexpr int kMaxOther = 4;
  int other_count = 0;
  OtherFamily other[kMaxOther];

  bool has(int type) const { return (flags >> (type - 1)) & 1; }
  const MpFamily* announced(int afi, int safi) const {
    return (reach_mask >> (afi * 4 + safi)) & 1 ? &reach[afi * 4 + safi] : nullptr;
  }
  const MpFamily* withdrawn(int afi, int safi) const {
    return (unreach_mask >> (afi * 4 + safi)) & 1 ? &unreach[afi * 4 + safi] : nullptr;
  }
};

// How the fields from the AS path on are laid out; bgpdump has a slightly different printf for
// each kind of line.
enum class NextHopKind : std::uint8_t {
  Attribute,   // NEXT_HOP attribute (IPv4 NLRI; TABLE_DUMP without an IPv6 MP_REACH)
  MpIpv4,      // MP_REACH IPv4: next hop by its length, LOCAL_PREF and MED with %d
  MpIpv6,      // MP_REACH IPv6: next hop by its length
  TableDump,   // TABLE_DUMP: IPv6 MP_REACH next hop as IPv6 whatever its length, else NEXT_HOP
  TableDump2,  // TABLE_DUMP_V2: IPv6 MP_REACH, then IPv4 MP_REACH by length, else NEXT_HOP
  Given,       // a next hop the caller found itself (BGP Lens's extra lines)
  OldBgp,      // MRT type 5: no '|' between MED and communities (bgpdump's printf)
};

class AttrFormatter {
 public:
  // Reads the attribute block at `s` (its 2-octet length first, as in a RIB entry and an
  // UPDATE) and leaves `s` after it. `asn_width` is 2 or 4. The prefixes in MP attributes are
  // left for next_prefix().
  void parse(Reader& s, int asn_width, Attrs& out);

  // Appends "AS path|origin|next hop|local pref|MED|communities|AG|aggregator|\n" for `a`
  // to `out`. `mp` is the MP family the line's prefix came from (MpIpv4, MpIpv6), `given`
  // the next hop text for Given.
  void tail(const Attrs& a, NextHopKind kind, const MpFamily* mp, std::string_view given,
            std::string& out);

 private:
  // The AS path as bgpdump prints it, at `out` (room for path_bound()); returns the end.
  char* put_as_path(char* out, const Attrs& a);
  // Merges AS_PATH and AS4_PATH into merged_ the way bgpdump does; false when it keeps AS_PATH.
  bool merge_as4(const Attrs& a);

  std::vector<std::uint8_t> merged_;  // scratch: the merged AS path (4-octet ASNs)
  std::vector<char> scratch_;         // scratch: texts scanned only for their ASN count
};

// Reads the prefix at the front of `nlri` (RFC 4271 §4.3: length in bits, then the octets
// that hold them) into `address` (zero-padded; octets past 16 dropped) and moves past it;
// false when the list is empty or its last prefix is cut short (bgpdump stops there, printing
// nothing for it). `path_id` gets the ADD-PATH identifier (RFC 7911 §3) when `add_path`.
// bgpdump prints at most this many prefixes of one list (its MAX_PREFIXES).
inline constexpr int kMaxPrefixes = 8192;
bool next_prefix(Reader& nlri, bool add_path, std::uint8_t (&address)[16], std::uint8_t& length,
                 std::uint32_t& path_id);

}  // namespace bgplens::mrt::bgpdump

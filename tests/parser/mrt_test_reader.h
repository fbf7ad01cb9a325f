// A small MRT reader for the generator's tests, written from RFC 6396 independently of the
// generator's encoder (gen/mrt_writer.h): records, PEER_INDEX_TABLE, RIB records and entries,
// BGP4MP messages and state changes, the path attributes the generator writes, and the lines
// `bgpdump -m` prints for them. It throws on anything malformed.
#pragma once

#include <arpa/inet.h>

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace bgplens::test::mrt {

using Span = std::span<const std::uint8_t>;

class Cursor {
 public:
  explicit Cursor(Span s) : s_(s) {}
  std::size_t left() const { return s_.size() - at_; }
  bool done() const { return at_ == s_.size(); }
  Span take(std::size_t n) {
    if (n > left()) throw std::runtime_error("MRT reader: short data");
    const Span r = s_.subspan(at_, n);
    at_ += n;
    return r;
  }
  std::uint8_t u8() { return take(1)[0]; }
  std::uint16_t u16() {
    const Span b = take(2);
    return static_cast<std::uint16_t>(b[0] << 8 | b[1]);
  }
  std::uint32_t u32() {
    const Span b = take(4);
    return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
  }

 private:
  Span s_;
  std::size_t at_ = 0;
};

inline std::string ip_text(Span b) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (b.size() == 4) {
    inet_ntop(AF_INET, b.data(), buf, sizeof buf);
  } else if (b.size() == 16) {
    inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
  } else {
    throw std::runtime_error("MRT reader: an address of " + std::to_string(b.size()) + " octets");
  }
  return buf;
}

// A prefix from NLRI-style bytes: the significant octets of an address of `width` octets.
struct Prefix {
  std::vector<std::uint8_t> address;  // 4 or 16 octets, zero-filled
  unsigned length = 0;
  std::string text() const { return ip_text(address) + "/" + std::to_string(length); }
};

inline Prefix read_prefix(Cursor& c, std::size_t width) {
  Prefix p;
  p.length = c.u8();
  if (p.length > width * 8) throw std::runtime_error("MRT reader: prefix too long");
  const Span b = c.take((p.length + 7) / 8);
  p.address.assign(width, 0);
  std::copy(b.begin(), b.end(), p.address.begin());
  return p;
}

inline std::vector<Prefix> read_prefixes(Span s, std::size_t width) {
  std::vector<Prefix> out;
  Cursor c(s);
  while (!c.done())
    out.push_back(read_prefix(c, width));
  return out;
}

// RFC 6396 §2–3.
struct Record {
  std::size_t offset = 0;
  std::uint32_t seconds = 0;
  std::optional<std::uint32_t> microseconds;
  std::uint16_t type = 0;
  std::uint16_t subtype = 0;
  Span body;  // after the header (and the microsecond field)
};

inline std::vector<Record> records(Span file) {
  std::vector<Record> out;
  Cursor c(file);
  while (!c.done()) {
    Record r;
    r.offset = file.size() - c.left();
    r.seconds = c.u32();
    r.type = c.u16();
    r.subtype = c.u16();
    const std::uint32_t length = c.u32();
    Cursor body(c.take(length));
    if (r.type == 17 || r.type == 33 || r.type == 49) r.microseconds = body.u32();
    r.body = body.take(body.left());
    out.push_back(r);
  }
  return out;
}

// RFC 6396 §4.3.1.
struct IndexPeer {
  std::uint8_t type = 0;
  std::uint32_t bgp_id = 0;
  std::string ip;
  std::uint32_t as = 0;
};
struct PeerIndex {
  std::uint32_t collector_id = 0;
  std::string view;
  std::vector<IndexPeer> peers;
};

inline PeerIndex peer_index(const Record& r) {
  if (r.type != 13 || r.subtype != 1) throw std::runtime_error("not a PEER_INDEX_TABLE");
  Cursor c(r.body);
  PeerIndex t;
  t.collector_id = c.u32();
  const Span view = c.take(c.u16());
  t.view.assign(view.begin(), view.end());
  for (std::uint16_t n = c.u16(); n > 0; --n) {
    IndexPeer p;
    p.type = c.u8();
    p.bgp_id = c.u32();
    p.ip = ip_text(c.take(p.type & 1 ? 16 : 4));
    p.as = p.type & 2 ? c.u32() : c.u16();
    t.peers.push_back(p);
  }
  if (!c.done()) throw std::runtime_error("PEER_INDEX_TABLE: trailing octets");
  return t;
}

// RFC 6396 §4.3.2 and §4.3.4.
struct RibEntry {
  std::uint16_t peer_index = 0;
  std::uint32_t originated = 0;
  Span attributes;
};
struct Rib {
  std::uint32_t sequence = 0;
  Prefix prefix;
  std::vector<RibEntry> entries;
};

inline Rib rib(const Record& r) {
  if (r.type != 13 || (r.subtype != 2 && r.subtype != 4)) throw std::runtime_error("not a RIB");
  Cursor c(r.body);
  Rib x;
  x.sequence = c.u32();
  x.prefix = read_prefix(c, r.subtype == 4 ? 16 : 4);
  for (std::uint16_t n = c.u16(); n > 0; --n) {
    RibEntry e;
    e.peer_index = c.u16();
    e.originated = c.u32();
    e.attributes = c.take(c.u16());
    x.entries.push_back(e);
  }
  if (!c.done()) throw std::runtime_error("RIB record: trailing octets");
  return x;
}

// Path attributes (RFC 4271 §4.3, 4-octet AS numbers as RFC 6396 §4.3.4 and §4.4.3 require).
struct Segment {
  std::uint8_t type = 0;
  std::vector<std::uint32_t> ases;
};
struct Attributes {
  std::vector<std::uint8_t> codes;  // in wire order
  std::optional<std::uint8_t> origin;
  std::vector<Segment> as_path;
  std::optional<std::string> next_hop;
  std::optional<std::uint32_t> med;
  std::optional<std::uint32_t> local_pref;
  bool atomic_aggregate = false;
  std::optional<std::pair<std::uint32_t, std::string>> aggregator;
  std::vector<std::uint32_t> communities;
  std::vector<std::uint32_t> large_communities;  // three values each
  // MP_REACH_NLRI: the next hop(s), and for the full form AFI/SAFI and NLRI.
  bool mp_reach = false;
  bool mp_reach_rib_form = false;  // RFC 6396 §4.3.4: next hop length and next hop only
  std::uint16_t mp_reach_afi = 0;
  std::uint8_t mp_reach_safi = 0;
  std::vector<std::uint8_t> mp_next_hop;
  std::vector<Prefix> mp_reach_nlri;
  bool mp_unreach = false;
  std::uint16_t mp_unreach_afi = 0;
  std::vector<Prefix> mp_unreach_nlri;
};

inline Attributes attributes(Span s, bool rib_form) {
  Attributes a;
  Cursor c(s);
  while (!c.done()) {
    const std::uint8_t flags = c.u8();
    const std::uint8_t code = c.u8();
    const std::size_t length = flags & 0x10 ? c.u16() : c.u8();
    Cursor v(c.take(length));
    a.codes.push_back(code);
    switch (code) {
      case 1:
        a.origin = v.u8();
        break;
      case 2:
        while (!v.done()) {
          Segment seg;
          seg.type = v.u8();
          for (std::uint8_t n = v.u8(); n > 0; --n)
            seg.ases.push_back(v.u32());
          a.as_path.push_back(seg);
        }
        break;
      case 3:
        a.next_hop = ip_text(v.take(4));
        break;
      case 4:
        a.med = v.u32();
        break;
      case 5:
        a.local_pref = v.u32();
        break;
      case 6:
        a.atomic_aggregate = true;
        break;
      case 7: {
        const std::uint32_t as = v.u32();
        a.aggregator = {as, ip_text(v.take(4))};
        break;
      }
      case 8:
        while (!v.done())
          a.communities.push_back(v.u32());
        break;
      case 14: {
        a.mp_reach = true;
        if (rib_form) {
          a.mp_reach_rib_form = true;
          const Span nh = v.take(v.u8());
          a.mp_next_hop.assign(nh.begin(), nh.end());
        } else {
          a.mp_reach_afi = v.u16();
          a.mp_reach_safi = v.u8();
          const Span nh = v.take(v.u8());
          a.mp_next_hop.assign(nh.begin(), nh.end());
          v.u8();  // reserved
          a.mp_reach_nlri = read_prefixes(v.take(v.left()), a.mp_reach_afi == 2 ? 16 : 4);
        }
        break;
      }
      case 15:
        a.mp_unreach = true;
        a.mp_unreach_afi = v.u16();
        v.u8();  // SAFI
        a.mp_unreach_nlri = read_prefixes(v.take(v.left()), a.mp_unreach_afi == 2 ? 16 : 4);
        break;
      case 32:
        while (!v.done())
          a.large_communities.push_back(v.u32());
        break;
      default:
        v.take(v.left());
        break;
    }
    if (!v.done()) throw std::runtime_error("attribute " + std::to_string(code) + ": extra octets");
  }
  return a;
}

// RFC 6396 §4.4.
struct Bgp4mp {
  std::uint32_t peer_as = 0;
  std::uint32_t local_as = 0;
  std::uint16_t afi = 0;
  std::string peer_ip;
  std::string local_ip;
  bool state_change = false;
  std::uint16_t old_state = 0;
  std::uint16_t new_state = 0;
  Span message;  // the whole BGP message
};

inline Bgp4mp bgp4mp(const Record& r) {
  if (r.type != 16 && r.type != 17) throw std::runtime_error("not BGP4MP");
  const bool as4 = r.subtype == 4 || r.subtype == 5;
  Cursor c(r.body);
  Bgp4mp b;
  b.peer_as = as4 ? c.u32() : c.u16();
  b.local_as = as4 ? c.u32() : c.u16();
  c.u16();  // interface index
  b.afi = c.u16();
  b.peer_ip = ip_text(c.take(b.afi == 2 ? 16 : 4));
  b.local_ip = ip_text(c.take(b.afi == 2 ? 16 : 4));
  b.state_change = r.subtype == 0 || r.subtype == 5;
  if (b.state_change) {
    b.old_state = c.u16();
    b.new_state = c.u16();
  } else {
    b.message = c.take(c.left());
  }
  if (!c.done()) throw std::runtime_error("BGP4MP: trailing octets");
  return b;
}

// A BGP UPDATE (RFC 4271 §4.3) from a whole message.
struct Update {
  std::vector<Prefix> withdrawn;
  Attributes attributes;
  std::vector<Prefix> nlri;
};

inline Update update(Span message) {
  Cursor c(message);
  const Span marker = c.take(16);
  for (std::uint8_t b : marker)
    if (b != 0xFF) throw std::runtime_error("BGP marker");
  if (c.u16() != message.size()) throw std::runtime_error("BGP length");
  if (c.u8() != 2) throw std::runtime_error("not an UPDATE");
  Update u;
  u.withdrawn = read_prefixes(c.take(c.u16()), 4);
  u.attributes = attributes(c.take(c.u16()), false);
  u.nlri = read_prefixes(c.take(c.left()), 4);
  return u;
}

// What `bgpdump -m` prints for these routes (its 1.6.2 formats).
inline std::string as_path_text(const std::vector<Segment>& path) {
  std::string out;
  for (const Segment& s : path) {
    if (!out.empty()) out += ' ';
    const bool set = s.type == 1;
    if (set) out += '{';
    for (std::size_t i = 0; i < s.ases.size(); ++i) {
      if (i) out += set ? "," : " ";
      out += std::to_string(s.ases[i]);
    }
    if (set) out += '}';
  }
  return out;
}

inline std::string communities_text(const std::vector<std::uint32_t>& cs) {
  std::string out;
  for (std::uint32_t c : cs) {
    if (!out.empty()) out += ' ';
    if (c == 0xFFFFFF01) {
      out += "no-export";
    } else if (c == 0xFFFFFF02) {
      out += "no-advertise";
    } else if (c == 0xFFFFFF03) {
      out += "local-AS";
    } else {
      out += std::to_string(c >> 16) + ":" + std::to_string(c & 0xFFFF);
    }
  }
  return out;
}

// The fields after the prefix: path, origin, next hop, local pref, MED, communities,
// atomic aggregate, aggregator, and the closing '|'.
inline std::string route_fields(const Attributes& a, const std::string& next_hop) {
  static const char* const kOrigins[] = {"IGP", "EGP", "INCOMPLETE"};
  std::string s = as_path_text(a.as_path) + "|" + kOrigins[std::min<int>(a.origin.value_or(2), 2)];
  s += "|" + next_hop + "|" + std::to_string(a.local_pref.value_or(0)) + "|" +
       std::to_string(a.med.value_or(0)) + "|" + communities_text(a.communities) + "|" +
       (a.atomic_aggregate ? "AG" : "NAG") + "|";
  if (a.aggregator) s += std::to_string(a.aggregator->first) + " " + a.aggregator->second;
  return s + "|";
}

// The global address of an MP_REACH next hop (bgpdump never prints the link-local one).
inline std::string mp_next_hop_text(const Attributes& a) {
  return ip_text(Span(a.mp_next_hop).subspan(0, a.mp_next_hop.size() >= 16 ? 16 : 4));
}

inline std::string time_text(const Record& r) {
  if (!r.microseconds) return std::to_string(r.seconds);
  char usec[8];
  std::snprintf(usec, sizeof usec, "%06u", static_cast<unsigned>(*r.microseconds));
  return std::to_string(r.seconds) + "." + usec;
}

}  // namespace bgplens::test::mrt

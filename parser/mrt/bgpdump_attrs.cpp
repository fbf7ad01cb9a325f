#include "mrt/bgpdump_attrs.h"

#include <algorithm>

namespace bgplens::mrt::bgpdump {
namespace {

// RFC 4271 §5.1, RFC 1997, RFC 4760, RFC 6793.
enum AttrType : int {
  kOrigin = 1,
  kAsPath = 2,
  kNextHop = 3,
  kMed = 4,
  kLocalPref = 5,
  kAtomicAggregate = 6,
  kAggregator = 7,
  kCommunities = 8,
  kMpReach = 14,
  kMpUnreach = 15,
  kAs4Path = 17,
  kAs4Aggregator = 18,
};
// RFC 4271 §4.3 (AS_SET, AS_SEQUENCE) and RFC 5065 §3 (the confederation segments).
enum SegmentType : std::uint8_t { kSet = 1, kSequence = 2, kConfedSequence = 3, kConfedSet = 4 };
constexpr std::uint32_t kAsTrans = 23456;  // RFC 6793 §2

// bgpdump builds the AS path text in an 8000-byte buffer and stops, adding "...", once an
// ASN takes it past 7900 characters.
constexpr std::size_t kPathCut = 7900;
// Community text lives in a BUFSIZ (8192) buffer: a name that does not fit is dropped, a
// number is cut to what fits (strlcat, snprintf).
constexpr std::size_t kCommunityBuffer = 8192;

char segment_start(std::uint8_t t) {
  switch (t) {
    case kSet:
      return '{';
    case kConfedSet:
      return '[';
    case kConfedSequence:
      return '(';
    default:
      return ' ';
  }
}
char segment_end(std::uint8_t t) {
  switch (t) {
    case kSet:
      return '}';
    case kConfedSet:
      return ']';
    case kConfedSequence:
      return ')';
    default:
      return ' ';
  }
}

// Room the text of an AS path of `n` octets can take: at most 3.5 characters per octet
// (a 2-octet ASN and its separator), and never much past the cut.
std::size_t path_bound(std::size_t n) {
  return std::min<std::size_t>(4 * n, kPathCut + 32) + 16;
}

// The AS path text, written at `out`, as libbgpdump's process_attr_aspath_string writes it,
// and its "count" (ASNs of sequences, one per set; reset to 0 on error), which decides
// AS4_PATH merging.
char* scan_path(char* out, const std::uint8_t* d, std::size_t n, int width, int& count) {
  // A segment type other than the four, or a segment running past the attribute, turns the
  // whole text into bgpdump's error string.
  auto error = [&] {
    count = 0;
    return put(out, "! Error !");
  };
  char* q = out;
  count = 0;
  bool space = false;
  std::uint8_t previous = kSequence;
  std::uint8_t last = 0;
  std::size_t i = 0;
  while (i < n) {
    if (i + 2 > n) return error();
    const std::uint8_t type = d[i];
    const std::size_t asns = d[i + 1];
    if (type < kSet || type > kConfedSet) return error();
    if (i + 2 + asns * static_cast<std::size_t>(width) > n) return error();
    if (previous != kSequence) *q++ = segment_end(previous);
    if (space) *q++ = ' ';
    if (type != kSequence) *q++ = segment_start(type);
    space = false;
    count += (type == kSequence || type == kConfedSequence) ? static_cast<int>(asns) : 1;
    const char separator = (type == kSet || type == kConfedSet) ? ',' : ' ';
    const std::uint8_t* a = d + i + 2;
    for (std::size_t k = 0; k < asns; ++k, a += width) {
      if (space) *q++ = separator;
      space = true;
      q = put_u32(q, width == 4 ? load_be32(a) : load_be16(a));
      if (static_cast<std::size_t>(q - out) > kPathCut) return put(q, "...");
    }
    previous = type;
    last = type;
    i += 2 + asns * static_cast<std::size_t>(width);
  }
  if (last != 0 && last != kSequence) *q++ = segment_end(last);
  return q;
}

// "a:b c:d no-export", from RFC 1997 communities (the three names bgpdump knows; 0xFFFFFF03
// NO_EXPORT_SUBCONFED prints as local-AS). Large (RFC 8092) and extended (RFC 4360)
// communities are not part of bgpdump's -m line.
char* put_communities(char* out, Reader c) {
  // Written as bgpdump builds it, each item after a space, then the first space dropped.
  char* q = out;
  const std::uint32_t n = c.left() / 4;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t v = c.u32();
    const std::size_t used = static_cast<std::size_t>(q - out);
    const char* name = nullptr;
    std::size_t name_length = 0;
    switch (v) {
      case 0xFFFFFF01:
        name = " no-export", name_length = 10;
        break;
      case 0xFFFFFF02:
        name = " no-advertise", name_length = 13;
        break;
      case 0xFFFFFF03:
        name = " local-AS", name_length = 9;
        break;
      default:
        break;
    }
    if (name) {
      if (used + name_length < kCommunityBuffer) q = put(q, name, name_length);
      continue;
    }
    char text[24];
    char* t = text;
    *t++ = ' ';
    t = put_u32(t, v >> 16);
    *t++ = ':';
    t = put_u32(t, v & 0xFFFF);
    const std::size_t room = kCommunityBuffer - 1 - used;
    q = put(q, text, std::min<std::size_t>(static_cast<std::size_t>(t - text), room));
  }
  if (q == out) return out;
  std::memmove(out, out + 1, static_cast<std::size_t>(q - out - 1));
  return q - 1;
}

void get_next_hop(Reader& v, MpFamily& mp) {
  // bgpdump 1.6.2 reads the next hop by its length alone (its get_nexthop, "the AFI is
  // irrelevant to the nexthop, since RFC5549"): 4 IPv4, 16 IPv6, 32 IPv6 and link-local (not
  // printed), anything else nothing at all — the SNPA count is then read from the next hop.
  mp.next_hop_length = v.u8();
  std::memset(mp.next_hop, 0, sizeof mp.next_hop);
  switch (mp.next_hop_length) {
    case 4:
      v.get(mp.next_hop, 4);
      break;
    case 16:
      v.get(mp.next_hop, 16);
      break;
    case 32:
      v.get(mp.next_hop, 16);
      v.skip(16);
      break;
    default:
      break;
  }
}

void mp_reach(Reader v, Attrs& a) {
  a.mp_reach_value = v;
  // RFC 6396 §4.3.4: in a RIB entry MP_REACH_NLRI holds only the next hop length and next hop.
  // bgpdump takes any attribute whose first byte is not 0 (an AFI below 256 starts with 0) for
  // that form and files it as IPv6 unicast.
  if (v.peek() != 0) {
    constexpr int kIndex = 2 * 4 + 1;
    if (!((a.reach_mask >> kIndex) & 1)) {
      get_next_hop(v, a.reach[kIndex]);
      a.reach[kIndex].nlri = Reader();
      a.reach_mask |= 1u << kIndex;
    }
    return;
  }
  const std::uint16_t afi = v.u16();
  const std::uint8_t safi = v.u8();
  if (afi > 2 || safi > 3) {
    if (a.other_count < Attrs::kMaxOther) a.other[a.other_count++] = {afi, safi, true, v};
    return;
  }
  const int index = afi * 4 + safi;
  if ((a.reach_mask >> index) & 1) return;  // a second one of the family is ignored
  MpFamily& mp = a.reach[index];
  get_next_hop(v, mp);
  // RFC 4760 §3 calls this octet Reserved; RFC 2858 had a count of SNPAs, which bgpdump skips.
  for (std::uint8_t snpa = v.u8(); snpa > 0; --snpa)
    v.skip(v.u8());
  mp.nlri = v.sub(v.left());
  a.reach_mask |= static_cast<std::uint16_t>(1u << index);
}

void mp_unreach(Reader v, Attrs& a) {
  const std::uint16_t afi = v.u16();
  const std::uint8_t safi = v.u8();
  if (afi > 2 || safi > 3) {
    if (a.other_count < Attrs::kMaxOther) a.other[a.other_count++] = {afi, safi, false, v};
    return;
  }
  const int index = afi * 4 + safi;
  if ((a.unreach_mask >> index) & 1) return;
  a.unreach[index].nlri = v.sub(v.left());
  a.unreach_mask |= static_cast<std::uint16_t>(1u << index);
}

}  // namespace

void AttrFormatter::parse(Reader& s, int asn_width, Attrs& a) {
  a.asn_width = static_cast<std::uint8_t>(asn_width);
  a.merge_as4_path = false;
  a.flags = 0;
  a.origin = 0xff;
  std::memset(a.next_hop, 0xff, 4);
  a.med = 0;
  a.local_pref = 0;
  a.aggregator_as = 0;
  std::memset(a.aggregator_address, 0xff, 4);
  a.as4_aggregator_as = 0;
  std::memset(a.as4_aggregator_address, 0xff, 4);
  a.has_as_path = false;
  a.reach_mask = 0;
  a.unreach_mask = 0;
  a.other_count = 0;

  Reader block = s.sub(s.u16());
  while (!block.empty()) {
    const std::uint8_t flags = block.u8();
    const std::uint8_t type = block.u8();
    // RFC 4271 §4.3: the Extended Length bit makes the length two octets.
    const std::uint32_t length = (flags & 0x10) ? block.u16() : block.u8();
    Reader v = block.sub(length);
    if (v.left() != length) break;  // cut short: bgpdump skips it (and it was the last one)
    if (type >= 1 && type <= 32) a.flags |= 1u << (type - 1);
    switch (type) {
      case kOrigin:
        a.origin = v.u8();
        break;
      case kAsPath:
        a.as_path = v;
        a.has_as_path = true;
        break;
      case kNextHop:
        v.get(a.next_hop, 4);
        break;
      case kMed:
        a.med = v.u32();
        break;
      case kLocalPref:
        a.local_pref = v.u32();
        break;
      case kAggregator:
        a.aggregator_as = v.asn(asn_width);
        v.get(a.aggregator_address, 4);
        break;
      case kCommunities:
        a.communities = v;
        break;
      case kMpReach:
        mp_reach(v, a);
        break;
      case kMpUnreach:
        mp_unreach(v, a);
        break;
      case kAs4Path:
        a.as4_path = v;
        break;
      case kAs4Aggregator:
        a.as4_aggregator_as = v.u32();
        v.get(a.as4_aggregator_address, 4);
        break;
      default:
        break;  // ORIGINATOR_ID, CLUSTER_LIST and the rest are not on the line
    }
  }
  // RFC 6793 §4.2.3, as bgpdump's process_asn32_trans does it, on 2-octet sessions only.
  if (asn_width != 2) return;
  if (a.has(kAggregator) && a.has(kAs4Aggregator)) {
    // bgpdump returns here when AGGREGATOR is not AS_TRANS, so AS4_PATH is then ignored too.
    if (a.aggregator_as != kAsTrans) return;
    a.aggregator_as = a.as4_aggregator_as;
    std::memcpy(a.aggregator_address, a.as4_aggregator_address, 4);
  }
  a.merge_as4_path = a.has(kAs4Path) && a.has_as_path;
}

bool AttrFormatter::merge_as4(const Attrs& a) {
  // Counts as bgpdump counts them (each set is one; confederation sequences count, though RFC
  // 6793 §4.2.3 says they should not): nothing is merged when AS4_PATH is the longer.
  const std::size_t n = a.as_path.left();
  const std::size_t n4 = a.as4_path.left();
  scratch_.resize(path_bound(std::max(n, n4)));
  int count = 0;
  int count4 = 0;
  scan_path(scratch_.data(), a.as_path.here(), n, 2, count);
  scan_path(scratch_.data(), a.as4_path.here(), n4, 4, count4);
  if (count < count4) return false;
  // bgpdump copies AS_PATH segments until it has count - count4 ASNs, trimming the last
  // sequence — but it never advances to the next segment (asn32_merge_paths), so it copies
  // the FIRST segment again and again: "1 2 | 3 4 5" with a one-ASN AS4_PATH becomes
  // "1 2 1 2 x". Reproduced, as the lines are bgpdump's.
  merged_.clear();
  const int want = count - count4;
  int have = 0;
  const std::uint8_t* first = a.as_path.here();
  while (have < want) {
    const std::uint8_t type = first[0];
    std::uint8_t asns = first[1];
    const std::size_t at = merged_.size();
    merged_.push_back(type);
    merged_.push_back(asns);
    for (std::uint8_t k = 0; k < asns; ++k) {
      const std::uint16_t v = load_be16(first + 2 + 2 * k);
      merged_.insert(merged_.end(),
                     {0, 0, static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
    }
    if (type == kSet || type == kConfedSet) {
      have += 1;
    } else {
      // bgpdump would loop for ever on an empty first sequence; BGP Lens stops.
      if (asns == 0) break;
      have += asns;
      if (have > want) {
        const int over = have - want;
        asns = static_cast<std::uint8_t>(asns - over);
        merged_[at + 1] = asns;
        merged_.resize(merged_.size() - static_cast<std::size_t>(over) * 4);
      }
    }
  }
  merged_.insert(merged_.end(), a.as4_path.here(), a.as4_path.here() + n4);
  return true;
}

char* AttrFormatter::put_as_path(char* out, const Attrs& a) {
  if (!a.has_as_path) return out;
  int count = 0;
  if (a.merge_as4_path && merge_as4(a))
    return scan_path(out, merged_.data(), merged_.size(), 4, count);
  return scan_path(out, a.as_path.here(), a.as_path.left(), a.asn_width, count);
}

void AttrFormatter::tail(const Attrs& a, NextHopKind kind, const MpFamily* mp,
                         std::string_view given, std::string& out) {
  const std::size_t path_bytes =
      a.merge_as4_path ? 2 * (a.as_path.left() + a.as4_path.left()) + 64 : a.as_path.left();
  const std::size_t bound = path_bound(path_bytes) +
                            std::min<std::size_t>(3 * a.communities.left(), kCommunityBuffer) +
                            given.size() + 160;
  const std::size_t start = out.size();
  out.resize(start + bound);
  char* p = out.data() + start;

  // A next hop as bgpdump prints an MP one: by its length; nothing for other lengths.
  auto put_mp_next_hop = [](char* q, const MpFamily& f) {
    if (f.next_hop_length == 4) return put_ipv4(q, f.next_hop);
    if (f.next_hop_length == 16 || f.next_hop_length == 32) return put_ipv6(q, f.next_hop);
    return q;
  };
  auto put_head = [&](char* q) {
    q = put_as_path(q, a);
    *q++ = '|';
    if (a.origin == 0) return put(q, "IGP|");
    if (a.origin == 1) return put(q, "EGP|");
    return put(q, "INCOMPLETE|");
  };
  const std::uint32_t lp = a.has(kLocalPref) ? a.local_pref : 0;
  const std::uint32_t med = a.has(kMed) ? a.med : 0;
  auto put_numbers = [&](char* q) {
    *q++ = '|';
    q = put_u32(q, lp);
    *q++ = '|';
    return put_u32(q, med);
  };

  switch (kind) {
    case NextHopKind::Attribute:
    case NextHopKind::OldBgp:
      p = put_numbers(put_ipv4(put_head(p), a.next_hop));
      if (kind == NextHopKind::Attribute) *p++ = '|';
      break;
    case NextHopKind::MpIpv4:
      p = put_head(p);
      if (mp->next_hop_length == 4 || mp->next_hop_length == 16 || mp->next_hop_length == 32) {
        p = put_mp_next_hop(p, *mp);
        *p++ = '|';
        p = put_i32(p, lp);
        *p++ = '|';
        p = put_i32(p, med);
        *p++ = '|';
      }
      break;
    case NextHopKind::MpIpv6:
      // bgpdump's printf of the IPv6 line starts at the AS path: for a next hop of another
      // length the AS path, origin, next hop, local pref and MED are all left out.
      if (mp->next_hop_length == 4 || mp->next_hop_length == 16 || mp->next_hop_length == 32) {
        p = put_numbers(put_mp_next_hop(put_head(p), *mp));
        *p++ = '|';
      }
      break;
    case NextHopKind::TableDump: {
      p = put_head(p);
      const MpFamily* v6 = a.has(kMpReach) ? a.announced(2, 1) : nullptr;
      p = v6 ? put_ipv6(p, v6->next_hop) : put_ipv4(p, a.next_hop);
      p = put_numbers(p);
      *p++ = '|';
      break;
    }
    case NextHopKind::TableDump2: {
      p = put_head(p);
      const MpFamily* f = nullptr;
      if (a.has(kMpReach)) f = a.announced(2, 1) ? a.announced(2, 1) : a.announced(1, 1);
      // For another length bgpdump prints a buffer it never filled; BGP Lens prints nothing.
      p = f ? put_mp_next_hop(p, *f) : put_ipv4(p, a.next_hop);
      p = put_numbers(p);
      *p++ = '|';
      break;
    }
    case NextHopKind::Given:
      p = put_numbers(put(put_head(p), given.data(), given.size()));
      *p++ = '|';
      break;
  }
  if (a.has(kCommunities)) p = put_communities(p, a.communities);
  *p++ = '|';
  p = a.has(kAtomicAggregate) ? put(p, "AG|") : put(p, "NAG|");
  static constexpr std::uint8_t kNone[4] = {0xff, 0xff, 0xff, 0xff};
  if (std::memcmp(a.aggregator_address, kNone, 4) != 0) {
    p = put_u32(p, a.aggregator_as);
    *p++ = ' ';
    p = put_ipv4(p, a.aggregator_address);
  }
  p = put(p, "|\n");
  out.resize(static_cast<std::size_t>(p - out.data()));
}

bool next_prefix(Reader& nlri, bool add_path, std::uint8_t (&address)[16], std::uint8_t& length,
                 std::uint32_t& path_id) {
  if (nlri.empty()) return false;
  path_id = add_path ? nlri.u32() : 0;  // RFC 7911 §3: the identifier comes first
  length = nlri.u8();
  const std::uint32_t bytes = (length + 7u) / 8u;
  // A prefix cut short ends the list: bgpdump keeps it aside ("incomplete") and -m prints
  // nothing for it.
  if (nlri.left() < bytes) {
    nlri.skip(nlri.left());
    return false;
  }
  if (bytes <= 16) {
    std::memset(address, 0, sizeof address);
    nlri.get(address, bytes);
    return true;
  }
  // bgpdump copies the prefix octets into a 24-byte struct {16-byte address; length; 3 bytes
  // of padding; 4-byte path id (host order)}, whatever their number: a prefix longer than 128
  // bits overwrites its own length and path id (a BIRD file's misread ADD-PATH NLRI of length
  // 253 prints as /0). Reproduced.
  std::uint8_t slot[24] = {};
  slot[16] = length;
  std::memcpy(slot + 20, &path_id, 4);
  const std::uint32_t kept = std::min<std::uint32_t>(bytes, sizeof slot);
  nlri.get(slot, kept);
  nlri.skip(bytes - kept);
  std::memcpy(address, slot, 16);
  length = slot[16];
  std::memcpy(&path_id, slot + 20, 4);
  return true;
}

}  // namespace bgplens::mrt::bgpdump

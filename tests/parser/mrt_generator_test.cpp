// The MRT dump generator (gen/mrt_dump.h) and its encoder (gen/mrt_writer.h), read back with
// the tests' own little MRT reader (mrt_test_reader.h): structure, counts, peer references,
// prefix order, what the attributes say, and that the content looks like a real table.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "buffer/decompressor.h"
#include "gen/file_sink.h"
#include "gen/mrt_dump.h"
#include "gen/mrt_writer.h"
#include "parser/mrt_test_reader.h"

namespace bgplens::test {
namespace {

namespace rd = mrt;

gen::MrtTableSpec small_table() {
  gen::MrtTableSpec s;
  s.ipv4_prefixes = 3000;
  s.ipv6_prefixes = 700;
  s.peers = 12;
  s.seed = 5;
  return s;
}

// An address of a prefix as one big-endian number of up to 128 bits (high, low).
std::pair<std::uint64_t, std::uint64_t> number(const rd::Prefix& p) {
  std::uint64_t hi = 0, lo = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const std::uint8_t b = i < p.address.size() ? p.address[i] : 0;
    (i < 8 ? hi : lo) = (i < 8 ? hi : lo) << 8 | b;
  }
  return {hi, lo};
}

// The last address of a prefix (same representation).
std::pair<std::uint64_t, std::uint64_t> last_address(const rd::Prefix& p) {
  auto [hi, lo] = number(p);
  const unsigned host = static_cast<unsigned>(p.address.size() * 8) - p.length;
  // Host bits counted in a 128-bit number whose top holds the address.
  const unsigned total = host + (p.address.size() == 4 ? 96 : 0);
  if (total >= 64) {
    lo = ~0ULL;
    hi |= total >= 128 ? ~0ULL : (total == 64 ? 0 : (1ULL << (total - 64)) - 1);
  } else {
    lo |= total == 0 ? 0 : (1ULL << total) - 1;
  }
  return {hi, lo};
}

std::uint32_t last_sequence_as(const rd::Attributes& a) {
  for (auto s = a.as_path.rbegin(); s != a.as_path.rend(); ++s)
    if (s->type == 2 && !s->ases.empty()) return s->ases.back();
  return 0;
}

TEST(MrtWriter, PeerIndexTableOctets) {
  // RFC 6396 §4.3.1, by hand: collector 10.0.0.1, view "v", a 2-octet-AS IPv4 peer and a
  // 4-octet-AS IPv6 peer.
  gen::ByteWriter w;
  const gen::IndexedPeer peers[] = {
      {0x01020304, gen::mrt_address("192.0.2.1"), 65001, false},
      {0x05060708, gen::mrt_address("2001:db8::1"), 4200000000u, true}};
  gen::peer_index_table(w, 1000, 0x0A000001, "v", peers);
  const gen::ByteVector expected = {
      0, 0, 0x03, 0xE8, 0, 13, 0, 1, 0, 0, 0, 45,  // header: time, type 13,
                                                   // subtype 1, length
      10, 0, 0, 1, 0, 1, 'v', 0, 2,                // collector id, view, peer count
      0x00, 1, 2, 3, 4, 192, 0, 2, 1, 0xFD, 0xE9,  // IPv4, 2-octet AS 65001
      0x03, 5, 6, 7, 8, 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  // IPv6
      0xFA, 0x56, 0xEA, 0x00};  // 4-octet AS 4200000000
  EXPECT_EQ(w.data(), expected);
}

TEST(MrtWriter, RibRecordAndBgp4mpOctets) {
  gen::ByteWriter w;
  gen::RibRecordWriter rec(w, 7, 3, gen::prefix("10.1.128.0/17"), false);
  const gen::ByteVector attrs = gen::origin(0);
  rec.entry(2, 6, attrs);
  rec.finish();
  const gen::ByteVector rib = {0, 0, 0, 7, 0,  13, 0, 2,   0,    0, 0, 22,  // header
                               0, 0, 0, 3, 17, 10, 1, 128, 0,    1,         // seq, /17, 3 octets, 1
                               0, 2, 0, 0, 0,  6,  0, 4,   0x40, 1, 1, 0};  // entry
  EXPECT_EQ(w.data(), rib);

  // BGP4MP_ET STATE_CHANGE_AS4 (§3, §4.4.4): the microseconds are counted in the length.
  gen::ByteWriter s;
  const gen::Bgp4mpEnds ends{65001, 12654, 0, gen::mrt_address("192.0.2.1"),
                             gen::mrt_address("192.0.2.2")};
  gen::bgp4mp_state_change(s, {9, 250}, ends, 6, 1);
  const gen::ByteVector state = {0,   0,   0, 9, 0,    17,   0, 5, 0,    0,    0, 28, 0, 0,
                                 0,   250, 0, 0, 0xFD, 0xE9, 0, 0, 0x31, 0x6E, 0, 0,  0, 1,
                                 192, 0,   2, 1, 192,  0,    2, 2, 0,    6,    0, 1};
  EXPECT_EQ(s.data(), state);
}

TEST(MrtGenerator, RibStructure) {
  const gen::MrtTableSpec spec = small_table();
  gen::MrtRibSummary sum;
  const gen::ByteVector file = gen::make_mrt_rib(spec, &sum);
  EXPECT_EQ(sum.bytes, file.size());
  const std::vector<rd::Record> recs = rd::records(file);
  ASSERT_EQ(recs.size(), sum.records);
  ASSERT_EQ(recs.size(), 1 + spec.ipv4_prefixes + spec.ipv6_prefixes);
  const rd::PeerIndex index = rd::peer_index(recs[0]);
  ASSERT_EQ(index.peers.size(), spec.peers);
  EXPECT_EQ(sum.peers, spec.peers);
  std::set<std::string> peer_addresses;
  for (const rd::IndexPeer& p : index.peers) {
    peer_addresses.insert(p.ip);
    // The AS field is 4 octets exactly when the AS needs it.
    EXPECT_EQ((p.type & 2) != 0, p.as > 0xFFFF) << p.ip;
  }
  EXPECT_EQ(peer_addresses.size(), index.peers.size()) << "peer addresses are unique";

  std::uint64_t entries[2] = {0, 0};
  std::uint64_t records[2] = {0, 0};
  std::optional<rd::Prefix> previous;
  for (std::size_t i = 1; i < recs.size(); ++i) {
    const rd::Record& r = recs[i];
    ASSERT_EQ(r.type, 13);
    EXPECT_EQ(r.seconds, spec.timestamp);
    const rd::Rib rib = rd::rib(r);
    const bool v6 = r.subtype == 4;
    // All IPv4 records first, then IPv6; sequence numbers count the RIB records from 0.
    EXPECT_EQ(v6, i > spec.ipv4_prefixes);
    EXPECT_EQ(rib.sequence, i - 1);
    ++records[v6];
    entries[v6] += rib.entries.size();
    ASSERT_FALSE(rib.entries.empty());
    // Sorted, unique, not overlapping, no host bits set.
    const auto last = last_address(rib.prefix);
    EXPECT_EQ(number(rib.prefix), number(rd::Prefix{rib.prefix.address, 0}));
    rd::Prefix masked = rib.prefix;
    for (std::size_t bit = masked.length; bit < masked.address.size() * 8; ++bit)
      masked.address[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
    EXPECT_EQ(masked.address, rib.prefix.address) << rib.prefix.text();
    if (previous && previous->address.size() == rib.prefix.address.size()) {
      EXPECT_LT(last_address(*previous), number(rib.prefix))
          << previous->text() << " then " << rib.prefix.text();
    }
    EXPECT_LE(number(rib.prefix), last);
    previous = rib.prefix;
    std::optional<std::uint32_t> origin;
    int last_peer = -1;
    for (const rd::RibEntry& e : rib.entries) {
      ASSERT_LT(e.peer_index, index.peers.size());
      EXPECT_GT(static_cast<int>(e.peer_index), last_peer) << "one entry per peer, in order";
      last_peer = e.peer_index;
      EXPECT_LE(e.originated, spec.timestamp);
      const rd::IndexPeer& peer = index.peers[e.peer_index];
      const rd::Attributes a = rd::attributes(e.attributes, true);
      EXPECT_TRUE(std::is_sorted(a.codes.begin(), a.codes.end())) << "attributes in type order";
      ASSERT_FALSE(a.as_path.empty());
      ASSERT_FALSE(a.as_path[0].ases.empty());
      EXPECT_EQ(a.as_path[0].ases[0], peer.as) << "the peer's AS comes first";
      // The origin is the prefix's, whichever peer tells.
      if (!origin) origin = last_sequence_as(a);
      EXPECT_EQ(last_sequence_as(a), *origin) << rib.prefix.text();
      ASSERT_TRUE(a.origin.has_value());
      if (v6) {
        // RFC 6396 §4.3.4: the next hop alone, 16 octets or 32 with a link-local one.
        EXPECT_TRUE(a.mp_reach);
        EXPECT_TRUE(a.mp_next_hop.size() == 16 || a.mp_next_hop.size() == 32);
        EXPECT_FALSE(a.next_hop.has_value());
        if (peer.ip.find(':') != std::string::npos) {
          EXPECT_EQ(rd::mp_next_hop_text(a), peer.ip);
        }
      } else {
        EXPECT_FALSE(a.mp_reach);
        ASSERT_TRUE(a.next_hop.has_value());
        if (peer.ip.find(':') == std::string::npos) {
          EXPECT_EQ(*a.next_hop, peer.ip);
        }
      }
    }
  }
  EXPECT_EQ(records[0], sum.ipv4_records);
  EXPECT_EQ(records[1], sum.ipv6_records);
  EXPECT_EQ(entries[0], sum.ipv4_entries);
  EXPECT_EQ(entries[1], sum.ipv6_entries);
}

TEST(MrtGenerator, RibLooksLikeARealTable) {
  gen::MrtTableSpec spec;
  spec.ipv4_prefixes = 16000;
  spec.ipv6_prefixes = 4000;
  spec.peers = 30;
  spec.seed = 11;
  gen::MrtRibSummary sum;
  const gen::ByteVector file = gen::make_mrt_rib(spec, &sum);
  const std::vector<rd::Record> recs = rd::records(file);
  const rd::PeerIndex index = rd::peer_index(recs[0]);
  std::map<unsigned, std::uint64_t> lengths[2];
  std::uint64_t entries = 0, with_communities = 0, with_large = 0, with_med = 0, with_set = 0;
  std::uint64_t igp = 0, prepended = 0, aggregator = 0, long_paths = 0, short_paths = 0;
  std::uint64_t same_origin_as_previous = 0;
  std::set<std::uint32_t> origins, peers_with_large;
  std::uint32_t previous_origin = 0;
  for (std::size_t i = 1; i < recs.size(); ++i) {
    const rd::Rib rib = rd::rib(recs[i]);
    ++lengths[recs[i].subtype == 4][rib.prefix.length];
    for (const rd::RibEntry& e : rib.entries) {
      const rd::Attributes a = rd::attributes(e.attributes, true);
      ++entries;
      with_communities += !a.communities.empty();
      if (!a.large_communities.empty()) {
        ++with_large;
        peers_with_large.insert(e.peer_index);
        // RFC 8092: the global administrator is the peer's AS.
        EXPECT_EQ(a.large_communities[0], index.peers[e.peer_index].as);
      }
      with_med += a.med.has_value();
      with_set += a.as_path.size() > 1 && a.as_path[1].type == 1;
      igp += a.origin == 0;
      aggregator += a.aggregator.has_value();
      const std::vector<std::uint32_t>& seq = a.as_path[0].ases;
      prepended += std::adjacent_find(seq.begin(), seq.end()) != seq.end();
      long_paths += seq.size() > 10;
      short_paths += seq.size() < 2;
    }
    const std::uint32_t o = last_sequence_as(rd::attributes(rib.entries[0].attributes, true));
    origins.insert(o);
    same_origin_as_previous += o == previous_origin;
    previous_origin = o;
  }
  const double n4 = static_cast<double>(spec.ipv4_prefixes);
  const double n6 = static_cast<double>(spec.ipv6_prefixes);
  // IPv4 mostly /24, then /22 and /23; IPv6 mostly /48, then /32.
  EXPECT_GT(lengths[0][24] / n4, 0.55);
  EXPECT_GT(lengths[0][22], lengths[0][21]);
  EXPECT_GT(lengths[0][23], lengths[0][19]);
  EXPECT_GT(lengths[0][16], 0u);
  EXPECT_GT(lengths[1][48] / n6, 0.35);
  EXPECT_GT(lengths[1][32] / n6, 0.05);
  EXPECT_GT(lengths[1][44], lengths[1][45]);
  // Entries per prefix as at RIS and RouteViews collectors (20–40 for IPv4 with 30 peers).
  EXPECT_GT(sum.ipv4_entries / n4, 18);
  EXPECT_LT(sum.ipv4_entries / n4, 24);
  EXPECT_GT(sum.ipv6_entries / n6, 10);
  const double e = static_cast<double>(entries);
  EXPECT_GT(with_communities / e, 0.3);
  EXPECT_LT(with_communities / e, 0.9);
  EXPECT_GT(with_large / e, 0.05);
  EXPECT_GE(peers_with_large.size(), 3u);
  EXPECT_GT(with_med / e, 0.05);
  EXPECT_LT(with_med / e, 0.5);
  EXPECT_GT(with_set, 0u);
  EXPECT_LT(with_set / e, 0.02);
  EXPECT_GT(aggregator, with_set);
  EXPECT_GT(igp / e, 0.85);
  EXPECT_GT(prepended / e, 0.03);
  EXPECT_LT(prepended / e, 0.3);
  EXPECT_LT(long_paths / e, 0.01);
  EXPECT_LT(short_paths / e, 0.01);
  // Many origins, neighbouring prefixes often of the same one.
  EXPECT_GT(origins.size(), 400u);
  EXPECT_GT(same_origin_as_previous / (n4 + n6), 0.3);
  EXPECT_EQ(sum.entries(), entries);
}

TEST(MrtGenerator, DeterministicFromTheSeed) {
  gen::MrtTableSpec spec = small_table();
  const gen::ByteVector a = gen::make_mrt_rib(spec);
  EXPECT_EQ(a, gen::make_mrt_rib(spec));
  spec.seed = 6;
  EXPECT_NE(a, gen::make_mrt_rib(spec));
  gen::MrtUpdatesSpec u;
  u.table = small_table();
  u.records = 500;
  const gen::ByteVector b = gen::make_mrt_updates(u);
  EXPECT_EQ(b, gen::make_mrt_updates(u));
}

TEST(MrtGenerator, OneFamilyAndFewPeers) {
  gen::MrtTableSpec spec;
  spec.ipv4_prefixes = 0;
  spec.ipv6_prefixes = 50;
  spec.peers = 1;  // an IPv4 session: it carries IPv6 too, or the table would be empty
  gen::MrtRibSummary sum;
  const gen::ByteVector file = gen::make_mrt_rib(spec, &sum);
  const std::vector<rd::Record> recs = rd::records(file);
  ASSERT_EQ(recs.size(), 51u);
  EXPECT_EQ(sum.ipv6_entries, 50u);
  for (std::size_t i = 1; i < recs.size(); ++i)
    EXPECT_EQ(recs[i].subtype, 4);
}

TEST(MrtGenerator, UpdateStream) {
  gen::MrtUpdatesSpec spec;
  spec.table = small_table();
  spec.records = 4000;
  gen::MrtUpdatesSummary sum;
  const gen::ByteVector file = gen::make_mrt_updates(spec, &sum);
  EXPECT_EQ(sum.bytes, file.size());
  // The peers and prefixes of the RIB these updates follow.
  const gen::ByteVector rib_file = gen::make_mrt_rib(spec.table);
  const std::vector<rd::Record> rib_records = rd::records(rib_file);
  std::set<std::pair<std::string, std::uint32_t>> peers;
  for (const rd::IndexPeer& p : rd::peer_index(rib_records[0]).peers)
    peers.insert({p.ip, p.as});
  std::set<std::string> prefixes;
  for (std::size_t i = 1; i < rib_records.size(); ++i)
    prefixes.insert(rd::rib(rib_records[i]).prefix.text());

  const std::vector<rd::Record> recs = rd::records(file);
  ASSERT_EQ(recs.size(), spec.records);
  std::uint64_t updates = 0, states = 0, eor = 0, a4 = 0, a6 = 0, w4 = 0, w6 = 0;
  std::uint32_t previous_time = 0;
  std::set<std::pair<std::uint16_t, std::uint16_t>> transitions;
  for (const rd::Record& r : recs) {
    ASSERT_EQ(r.type, 16);
    EXPECT_GE(r.seconds, previous_time) << "time increases";
    previous_time = r.seconds;
    EXPECT_GE(r.seconds, spec.table.timestamp);
    const rd::Bgp4mp b = rd::bgp4mp(r);
    EXPECT_TRUE(peers.count({b.peer_ip, b.peer_as})) << b.peer_ip << " AS" << b.peer_as;
    EXPECT_EQ(b.local_as, 12654u);
    if (b.state_change) {
      ASSERT_EQ(r.subtype, 5);
      ++states;
      EXPECT_NE(b.old_state, b.new_state);
      EXPECT_GE(b.old_state, 1);
      EXPECT_LE(b.new_state, 6);
      transitions.insert({b.old_state, b.new_state});
      continue;
    }
    ASSERT_EQ(r.subtype, 4);
    ++updates;
    ASSERT_LE(b.message.size(), 4096u);
    const rd::Update u = rd::update(b.message);
    const rd::Attributes& a = u.attributes;
    // IPv4 in the UPDATE's own fields, IPv6 in MP_REACH_NLRI / MP_UNREACH_NLRI only.
    for (const rd::Prefix& p : u.withdrawn)
      EXPECT_TRUE(prefixes.count(p.text())) << p.text();
    for (const rd::Prefix& p : u.nlri)
      EXPECT_TRUE(prefixes.count(p.text())) << p.text();
    for (const rd::Prefix& p : a.mp_reach_nlri)
      EXPECT_TRUE(prefixes.count(p.text())) << p.text();
    for (const rd::Prefix& p : a.mp_unreach_nlri)
      EXPECT_TRUE(prefixes.count(p.text())) << p.text();
    if (a.mp_reach) {
      EXPECT_EQ(a.mp_reach_afi, 2);
      EXPECT_EQ(a.mp_reach_safi, 1);
    }
    if (a.mp_unreach) {
      EXPECT_EQ(a.mp_unreach_afi, 2);
    }
    w4 += u.withdrawn.size();
    a4 += u.nlri.size();
    a6 += a.mp_reach_nlri.size();
    w6 += a.mp_unreach_nlri.size();
    const bool announces = !u.nlri.empty() || !a.mp_reach_nlri.empty();
    if (announces) {
      ASSERT_FALSE(a.as_path.empty());
      EXPECT_EQ(a.as_path[0].ases[0], b.peer_as);
      EXPECT_EQ(a.next_hop.has_value(), !u.nlri.empty());
      EXPECT_TRUE(std::is_sorted(a.codes.begin(), a.codes.end()));
    } else {
      EXPECT_TRUE(a.codes.empty() || a.codes == std::vector<std::uint8_t>{15});
    }
    eor += u.withdrawn.empty() && u.nlri.empty() && a.mp_reach_nlri.empty() &&
           a.mp_unreach_nlri.empty();
  }
  EXPECT_EQ(updates, sum.updates);
  EXPECT_EQ(states, sum.state_changes);
  EXPECT_EQ(eor, sum.end_of_rib);
  EXPECT_EQ(a4, sum.ipv4_announced);
  EXPECT_EQ(a6, sum.ipv6_announced);
  EXPECT_EQ(w4, sum.ipv4_withdrawn);
  EXPECT_EQ(w6, sum.ipv6_withdrawn);
  // A realistic mix: both families, more announcements than withdrawals, a session reset
  // through the FSM's states back to Established, and its End-of-RIB.
  EXPECT_GT(a4, 0u);
  EXPECT_GT(a6, 0u);
  EXPECT_GT(w4 + w6, 0u);
  EXPECT_GT(a4 + a6, w4 + w6);
  EXPECT_TRUE(transitions.count({6, 1}));
  EXPECT_TRUE(transitions.count({5, 6}));
  EXPECT_GT(eor, 0u);
  EXPECT_EQ(sum.first_time, recs.front().seconds);
  EXPECT_EQ(sum.last_time, recs.back().seconds);
}

TEST(MrtGenerator, ExtendedTimeUpdates) {
  gen::MrtUpdatesSpec spec;
  spec.table = small_table();
  spec.records = 300;
  spec.extended_time = true;
  const gen::ByteVector file = gen::make_mrt_updates(spec);
  const std::vector<rd::Record> recs = rd::records(file);
  ASSERT_EQ(recs.size(), 300u);
  std::pair<std::uint32_t, std::uint32_t> previous{0, 0};
  for (const rd::Record& r : recs) {
    EXPECT_EQ(r.type, 17);
    ASSERT_TRUE(r.microseconds.has_value());
    EXPECT_LT(*r.microseconds, 1'000'000u);
    const std::pair<std::uint32_t, std::uint32_t> t{r.seconds, *r.microseconds};
    EXPECT_LE(previous, t);
    previous = t;
  }
}

// The compressed files decompress (with the project's decompressor) to the plain one.
TEST(MrtGenerator, CompressedOutput) {
  gen::MrtTableSpec spec = small_table();
  const gen::ByteVector plain = gen::make_mrt_rib(spec);
  for (const Compression c : {Compression::None, Compression::Gzip, Compression::Bzip2}) {
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::tmpfile(), &std::fclose);
    ASSERT_TRUE(f);
    gen::FileSink sink(f.get(), c);
    gen::MrtRibSummary sum;
    ASSERT_TRUE(gen::write_mrt_rib(spec, sink.sink(), sum));
    ASSERT_TRUE(sink.finish()) << sink.error();
    EXPECT_EQ(sink.bytes_in(), plain.size());
    std::rewind(f.get());
    gen::ByteVector stored(sink.bytes_out());
    ASSERT_EQ(std::fread(stored.data(), 1, stored.size(), f.get()), stored.size());
    EXPECT_EQ(std::fgetc(f.get()), EOF);
    EXPECT_EQ(detect_compression(stored), c);
    if (c == Compression::None) {
      EXPECT_EQ(stored, plain);
      continue;
    }
    EXPECT_LT(stored.size(), plain.size() / 3) << compression_name(c);
    const auto out =
        decompress_all(c, stored, "test", 1ULL << 30, 0, [](Bytes) { return std::string(); });
    ASSERT_TRUE(out.has_value()) << compression_name(c);
    EXPECT_EQ(*out, plain) << compression_name(c);
  }
}

}  // namespace
}  // namespace bgplens::test

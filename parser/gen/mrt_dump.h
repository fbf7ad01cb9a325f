// Realistic MRT dumps (RFC 6396) for tests and benchmarks, streamed to a sink of any size.
//
// write_mrt_rib: a full-table TABLE_DUMP_V2 RIB dump as a route collector writes it: one
// PEER_INDEX_TABLE, then one RIB_IPV4_UNICAST record per IPv4 prefix and one RIB_IPV6_UNICAST
// per IPv6 prefix, in prefix order, each with the entries of the peers that have a route to it
// (about 21 per IPv4 prefix and 15 per IPv6 prefix with the default 30 peers). Prefixes,
// paths and attributes come from a synthetic Internet (gen/mrt_prefixes.h,
// gen/mrt_internet.h): realistic prefix lengths, AS paths through tier-1 and transit networks
// with a stable origin per prefix, prepending and a few AS_SETs, communities (standard and
// large) on some peers' routes, MED on some, aggregators.
//
// write_mrt_updates: what the same collector records afterwards: BGP4MP MESSAGE_AS4 records
// (IPv4 in the UPDATE's own fields, IPv6 in MP_REACH_NLRI / MP_UNREACH_NLRI) and
// STATE_CHANGE_AS4 records, time increasing: single-prefix changes, path hunting, an origin's
// prefixes moving together at every peer, withdrawals and their return, session resets with
// the FSM's states and the table sent again, ending in End-of-RIB.
//
// Both are deterministic from the seed; an update stream with the RIB's sizes and seed
// changes that RIB's prefixes.
#pragma once

#include <cstdint>

#include "gen/bulk_capture.h"  // ChunkSink

namespace bgplens::gen {

struct MrtTableSpec {
  std::uint64_t ipv4_prefixes = 1'000'000;
  std::uint64_t ipv6_prefixes = 230'000;
  std::uint32_t peers = 30;
  std::uint64_t seed = 1;
  std::uint32_t timestamp = 1704067200;  // the dump's time: 2024-01-01 00:00:00 UTC
};

struct MrtRibSummary {
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;  // all of them, the PEER_INDEX_TABLE included
  std::uint64_t ipv4_records = 0;
  std::uint64_t ipv6_records = 0;
  std::uint64_t ipv4_entries = 0;
  std::uint64_t ipv6_entries = 0;
  std::uint32_t peers = 0;
  std::uint32_t most_entries = 0;  // in one record
  std::uint64_t entries() const { return ipv4_entries + ipv6_entries; }
};

// Returns false when the sink refused a piece (about 1 MiB each).
bool write_mrt_rib(const MrtTableSpec& spec, const ChunkSink& sink, MrtRibSummary& summary);

struct MrtUpdatesSpec {
  MrtTableSpec table;               // the RIB the updates change (sizes, peers, seed)
  std::uint64_t records = 100'000;  // MRT records to write
  std::uint32_t start = 0;          // first timestamp; 0: the table's timestamp
  bool extended_time = false;       // BGP4MP_ET with microseconds (RFC 6396 §3)
};

struct MrtUpdatesSummary {
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;
  std::uint64_t updates = 0;         // MESSAGE_AS4 records (each one BGP UPDATE)
  std::uint64_t state_changes = 0;   // STATE_CHANGE_AS4 records
  std::uint64_t end_of_rib = 0;      // UPDATEs without routes (RFC 4724 §2)
  std::uint64_t ipv4_announced = 0;  // prefixes, counted once per UPDATE they are in
  std::uint64_t ipv6_announced = 0;
  std::uint64_t ipv4_withdrawn = 0;
  std::uint64_t ipv6_withdrawn = 0;
  std::uint32_t first_time = 0;
  std::uint32_t last_time = 0;
  std::uint64_t announced() const { return ipv4_announced + ipv6_announced; }
  std::uint64_t withdrawn() const { return ipv4_withdrawn + ipv6_withdrawn; }
};

bool write_mrt_updates(const MrtUpdatesSpec& spec, const ChunkSink& sink,
                       MrtUpdatesSummary& summary);

// The same dumps in memory (tests).
ByteVector make_mrt_rib(const MrtTableSpec& spec, MrtRibSummary* summary = nullptr);
ByteVector make_mrt_updates(const MrtUpdatesSpec& spec, MrtUpdatesSummary* summary = nullptr);

}  // namespace bgplens::gen

// Large synthetic captures for benchmarks and scale tests.
//
// make_bulk_capture: eBGP table transfers with realistic AS paths and communities, packed into
// full TCP segments, held in memory (the index benchmarks).
//
// write_session_capture: what a capture at a route collector looks like, streamed to a sink
// of any size: several peers, each connection with its SYN handshake, both OPENs and
// KEEPALIVEs, a table transfer (IPv4 and IPv6, End-of-RIB), then updates over time with
// KEEPALIVEs every 30 s, in MSS-sized segments so that many messages span segments, with the
// receiver's ACKs and occasional retransmissions (identical bytes); connections end with a
// NOTIFICATION, a FIN or a RST, and some peers reconnect. Deterministic from the seed.
#pragma once

#include <array>
#include <cstdint>
#include <functional>

#include "gen/byte_writer.h"

namespace bgplens::gen {

struct BulkSpec {
  std::uint32_t sessions = 1;
  std::uint32_t updates_per_session = 10000;
  std::uint32_t prefixes_per_update = 4;
  std::uint32_t keepalive_every = 1000;  // one KEEPALIVE per this many UPDATEs
  std::uint64_t seed = 1;
};

ByteVector make_bulk_capture(const BulkSpec& spec);

struct SessionCaptureSpec {
  std::uint32_t peers = 8;
  // Stop at about this file size, or this many BGP messages (whichever is set; with both,
  // whichever comes first). Each connection gets an equal share and closes when it is used.
  std::uint64_t target_bytes = 0;
  std::uint64_t target_messages = 0;
  // Prefixes of each table transfer a peer sends (the collector sends a twentieth as many);
  // 0 sizes the tables from the target, to about 40% of the messages.
  std::uint32_t table_prefixes = 0;
  std::uint32_t mss = 1448;
  std::uint32_t retransmit_per_mille = 2;  // data segments sent a second time
  std::uint64_t seed = 1;
};

struct SessionCaptureSummary {
  std::uint64_t bytes = 0;   // the whole file
  std::uint64_t frames = 0;  // pcap records
  std::uint64_t connections = 0;
  std::array<std::uint64_t, 6> messages{};  // by BGP message type (1..5)
  std::uint64_t spanning = 0;               // messages whose bytes lie in more than one segment
  std::uint64_t data_segments = 0;          // not counting retransmissions
  std::uint64_t retransmitted_segments = 0;
  std::uint64_t retransmitted_bytes = 0;
  std::uint64_t notification_ends = 0;  // connections closed after a NOTIFICATION
  std::uint64_t fin_ends = 0;           // closed with FIN and no NOTIFICATION
  std::uint64_t rst_ends = 0;           // reset
  std::uint64_t total_messages() const;
};

// Receives the capture in order, in pieces of about 1 MiB; returning false stops the writing
// (a write error).
using ChunkSink = std::function<bool(Bytes)>;

// Returns false when the sink refused a piece; `summary` describes what was generated.
bool write_session_capture(const SessionCaptureSpec& spec, const ChunkSink& sink,
                           SessionCaptureSummary& summary);

// The same capture in memory (tests).
ByteVector make_session_capture(const SessionCaptureSpec& spec,
                                SessionCaptureSummary* summary = nullptr);

}  // namespace bgplens::gen

// Writes classic pcap files of Ethernet/IP/TCP frames, with TCP conversations whose sequence
// numbers, segmentation and flags are right, so that libpcap, tshark and BGP Lens read them as
// real traffic. Used for the bundled sample capture, tests and benchmarks.
#pragma once

#include <cstdint>
#include <string>

#include "capture/ip_address.h"
#include "gen/byte_writer.h"

namespace bgplens::gen {

class PcapWriter {
 public:
  explicit PcapWriter(std::uint32_t snaplen = 262144);
  void frame(std::int64_t time_ns, Bytes frame, std::uint32_t wire_length = 0);
  const ByteVector& bytes() const { return data_; }
  bool save(const std::string& path) const;
  std::uint64_t frames() const { return frames_; }

 private:
  ByteWriter out_;
  ByteVector data_;
  std::uint32_t snaplen_;
  std::uint64_t frames_ = 0;
};

// The frames of both captures in one, ordered by timestamp (stable: `a` first on ties).
ByteVector merge_by_time(const PcapWriter& a, const PcapWriter& b);

Endpoint endpoint(const std::string& address, std::uint16_t port);

// One TCP connection between `a` and `b`; side 0 sends a → b, side 1 sends b → a.
class TcpConversation {
 public:
  TcpConversation(PcapWriter& writer, Endpoint a, Endpoint b, std::uint32_t isn_a = 1000,
                  std::uint32_t isn_b = 500000, std::uint32_t mss = 1448);

  void handshake(std::int64_t time_ns);
  // Sends `data` from `side` in segments of at most `segment` bytes (the MSS by default),
  // one frame each, `spacing_ns` apart. Returns the time after the last frame.
  std::int64_t send(int side, Bytes data, std::int64_t time_ns, std::uint32_t segment = 0,
                    std::int64_t spacing_ns = 20'000);
  // One frame with these bytes and this sequence offset from the side's next sequence number
  // (negative: a retransmission/overlap; positive: a later segment). Does not advance.
  void raw_segment(int side, Bytes data, std::int64_t time_ns, std::int32_t seq_delta,
                   std::uint8_t flags = 0x18);
  void ack(int side, std::int64_t time_ns);
  void fin(int side, std::int64_t time_ns);
  void rst(int side, std::int64_t time_ns);
  std::uint32_t next_seq(int side) const { return seq_[side]; }
  void skip(int side, std::uint32_t bytes) { seq_[side] += bytes; }

 private:
  void write_frame(int side, std::uint8_t flags, Bytes payload, std::int64_t time_ns,
                   std::uint32_t seq);
  PcapWriter& writer_;
  Endpoint ends_[2];
  std::uint32_t seq_[2];
  std::uint32_t mss_;
  std::uint16_t ip_id_ = 1;
};

}  // namespace bgplens::gen

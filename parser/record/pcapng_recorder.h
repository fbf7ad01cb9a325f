// Records BGP sessions as pcapng captures (draft-ietf-opsawg-pcapng: a Section Header Block,
// one Ethernet Interface Description Block, an Enhanced Packet Block per frame) of synthesised
// Ethernet/IP/TCP traffic that Wireshark and BGP Lens read as a real connection: a three-way
// handshake, each direction's messages in segments of at most the MSS with continuous sequence
// and acknowledgement numbers and valid checksums, the receiver's ACKs, and a FIN exchange
// when the recording ends normally. Frames are appended as messages come and flushed
// regularly.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "gen/byte_writer.h"
#include "gen/tcp_frames.h"
#include "record/record_file.h"
#include "record/recorded_message.h"
#include "util/expected.h"

namespace bgplens::record {

enum class TimestampResolution : std::uint8_t { Nanoseconds, Microseconds };

struct PcapngRecorderOptions {
  std::chrono::milliseconds flush_interval{1000};
  TimestampResolution resolution = TimestampResolution::Nanoseconds;
  // BGP octets per segment at most, announced in the SYNs. 0: what a 1500-octet MTU leaves
  // (1460 over IPv4, 1440 over IPv6).
  std::uint16_t mss = 0;
};

struct PcapngRecorderStats {
  std::uint64_t frames = 0;
  std::uint64_t messages = 0;
  std::uint64_t connections = 0;
};

class PcapngRecorder {
 public:
  // Creates the file and writes its Section Header and Interface Description blocks.
  static Expected<PcapngRecorder> create(const std::string& path,
                                         PcapngRecorderOptions options = {});

  // Each returns false when frames could not be written (error() says why); after a write
  // error every later call fails.
  //
  // The three-way handshake (RFC 9293 §3.5), the opener as `session.local_opened` says. A
  // message for a session not begun (or ended) begins it first, at session.connected_ns if set
  // and not after the message, else at the message's time.
  bool begin(const RecordedSession& session, std::int64_t time_ns);
  bool message(const RecordedSession& session, std::int64_t time_ns, Direction d, Bytes message);
  bool message(const RecordedSession& session, const RecordedMessage& m) {
    return message(session, m.time_ns, m.direction, m.view());
  }
  // The FIN exchange (RFC 9293 §3.6): `closer` sends FIN, the other end answers with its own,
  // the closer acknowledges it. Nothing for a session not begun.
  bool end(const RecordedSession& session, std::int64_t time_ns,
           Direction closer = Direction::Sent);
  // begin, every message (state changes have no frames), end: a whole recording.
  bool record(const Recording& recording);
  bool flush();
  // Ends every connection still open (the local speaker closing, at the latest time written),
  // then flushes and closes the file.
  bool close();

  const PcapngRecorderStats& stats() const { return stats_; }
  const std::string& error() const { return error_; }

 private:
  // One TCP connection. Index 0 is the local speaker's side, 1 the peer's.
  struct Connection {
    Endpoint ends[2];
    gen::Mac macs[2]{};
    std::uint32_t next_seq[2] = {0, 0};
    std::uint16_t ip_id[2] = {0, 0};
  };
  using Key = std::pair<Endpoint, Endpoint>;  // local, peer

  PcapngRecorder(RecordFile file, PcapngRecorderOptions options);
  Connection& connection(const RecordedSession& session);
  void open(const RecordedSession& session, Connection& c, std::int64_t time_ns);
  void finish(Connection& c, std::int64_t time_ns, int closer);
  std::uint16_t mss_for(const Endpoint& e) const;
  void frame(Connection& c, int side, std::int64_t time_ns, std::uint8_t flags, Bytes payload,
             std::uint16_t mss = 0);
  void send(Connection& c, int side, std::int64_t time_ns, Bytes data);
  bool put();
  bool fail(std::string why);

  RecordFile file_;
  PcapngRecorderOptions options_;
  std::map<Key, Connection> open_;
  std::uint64_t generation_ = 0;  // connections begun, for distinct initial sequence numbers
  std::int64_t latest_ns_ = 0;
  gen::ByteWriter blocks_;   // the blocks of the current event, written at once
  gen::ByteVector scratch_;  // the frame being built
  PcapngRecorderStats stats_;
  std::string error_;
};

}  // namespace bgplens::record

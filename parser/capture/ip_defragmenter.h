// IPv4 (RFC 791 §3.2, RFC 815) and IPv6 (RFC 8200 §4.5) fragment reassembly for the index pass.
//
// Fragments are held as views into the ByteStore (the mapped capture), so holding costs no copy;
// when a datagram is whole it is assembled once into the store's arena — the same one-time copy
// as for a BGP message that spans TCP segments — and its TCP segment is decoded like any other.
//
// Memory stays bounded however hostile the capture: a cap on datagrams waiting and on bytes
// held, a reassembly timeout in capture time, and a window of frames. What is given up on is
// counted, never silently dropped.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <vector>

#include "buffer/byte_store.h"
#include "capture/frame_decoder.h"

namespace bgplens {

class IpDefragmenter {
 public:
  struct Limits {
    // Datagrams waiting at once. Real fragmented traffic has a handful in flight; a capture
    // with thousands is a fragment flood, whose oldest datagrams are given up first.
    std::size_t max_datagrams = 1024;
    // Bytes held, counted as data plus kPieceOverhead per piece (so that empty or tiny
    // fragments cannot grow the piece lists without bound). Linux's ipfrag_high_thresh.
    std::uint64_t max_bytes = std::uint64_t{4} << 20;
    // Reassembly timeouts in capture time from the first fragment: 30 s for IPv4 (Linux's
    // ipfrag_time; RFC 791 §3.2 suggests a 15 s lower bound), 60 s for IPv6 (RFC 8200 §4.5).
    std::int64_t timeout_v4_ns = 30'000'000'000;
    std::int64_t timeout_v6_ns = 60'000'000'000;
    // Frames after the first fragment: captures whose timestamps stall or go backwards still
    // let go of datagrams that will not complete.
    std::uint64_t window_frames = 16384;
  };
  static constexpr std::uint64_t kPieceOverhead = 32;

  struct Stats {
    std::uint64_t reassembled = 0;  // datagrams made whole
    // Datagrams given up: timed out, evicted to stay within the limits, discarded for
    // overlapping IPv6 fragments (RFC 5722 §4), or still waiting at finish().
    std::uint64_t incomplete = 0;
    // Fragments that overlapped bytes held already, other than exact duplicates. IPv4: the first
    // copy wins; IPv6: the whole datagram is discarded (RFC 5722 §4).
    std::uint64_t overlaps = 0;
    std::uint64_t duplicates = 0;  // exact duplicates, dropped (RFC 8200 §4.5 allows it)
    // Fragments that cannot belong to a valid datagram: beyond 65535 bytes, past the end a last
    // fragment set, or disagreeing about where the datagram ends. Dropped.
    std::uint64_t invalid = 0;
  };

  // A reassembled datagram in the store's arena: IP header first, as a raw IP packet.
  struct Datagram {
    ByteAddress address = 0;
    Bytes bytes;
  };

  IpDefragmenter() = default;
  explicit IpDefragmenter(Limits limits) : limits_(limits) {}

  // Whether a datagram with this fragment's protocol can carry TCP: only those are worth
  // reassembling here (the index reads nothing else, and reassembly copies).
  static bool may_carry_tcp(const FragmentInfo& info);

  // Adds the fragment described by `info`, whose frame `frame` is a view into `store` that
  // stays valid while the store lives. Returns the datagram when this fragment completes it.
  // `time_ns` and `frame_number` drive the timeouts (expire() is called first).
  std::optional<Datagram> add(const FragmentInfo& info, Bytes frame, std::int64_t time_ns,
                              std::uint64_t frame_number, ByteStore& store);
  // Gives up datagrams older than the timeout or the frame window.
  void expire(std::int64_t now_ns, std::uint64_t frame_number);
  // End of the capture: whatever is still waiting is incomplete.
  void finish();

  // Datagrams waiting for more fragments (discarded ones kept to drop their late fragments
  // are not counted).
  std::size_t waiting() const;
  std::uint64_t held_bytes() const { return held_bytes_; }
  const Stats& stats() const { return stats_; }

 private:
  struct Key {
    std::uint8_t version = 0;
    std::uint8_t protocol = 0;  // IPv4 only: IPv6 identifies a datagram without it
    std::uint32_t id = 0;
    IpAddress src;
    IpAddress dst;
    auto operator<=>(const Key&) const = default;
  };
  struct Piece {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;  // on the wire
    Bytes captured;            // at most `length` bytes: the capture may have cut the frame
    std::uint32_t end() const { return offset + length; }
  };
  struct Pending {
    Key key;
    std::vector<Piece> pieces;  // sorted by offset, never overlapping
    std::uint64_t covered = 0;  // sum of piece lengths
    Bytes header;               // from the offset-zero fragment; empty until it comes
    std::uint32_t next_header_at = 0;
    std::uint8_t first_protocol = 0;   // IPv6: the offset-zero fragment's Next Header
    std::optional<std::uint32_t> end;  // data length, once the last fragment came
    std::uint64_t charged = 0;
    std::int64_t first_time = 0;
    std::uint64_t first_frame = 0;
    bool discarded = false;  // IPv6 overlap: late fragments are dropped until it expires
  };
  using Slot = std::list<Pending>::iterator;

  // Adds the fragment's bytes to `p`; false when the fragment was dropped.
  bool insert(Pending& p, const FragmentInfo& info, Bytes header, Bytes data);
  bool complete(const Pending& p) const;
  std::optional<Datagram> assemble(const Pending& p, ByteStore& store);
  void remove(Slot slot, bool count_incomplete);
  void enforce_limits();

  Limits limits_;
  Stats stats_;
  std::list<Pending> order_;  // by arrival of each datagram's first fragment
  std::map<Key, Slot> index_;
  std::uint64_t held_bytes_ = 0;
  std::size_t discarded_ = 0;  // entries of order_ that are discard markers
};

}  // namespace bgplens

// Where the bytes of a ByteStore came from, so that a field can be shown within the frame that
// carried it: the pieces each arena copy was assembled from (a message spanning TCP segments,
// a datagram made whole from IP fragments), and sparse marks that let the reader find any
// frame of the capture again without an entry per frame.
//
// Threading: the parser thread adds; any thread may look up. One mutex guards both tables;
// lookups happen once per selected message, so contention does not matter.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace bgplens {

using ByteAddress = std::uint64_t;

// `length` bytes that came from `address` in the same store, or were made by the program
// (kMadeHere: a rebuilt IP header) and came from no frame.
struct SourcePiece {
  ByteAddress address = 0;
  std::uint32_t length = 0;
  bool operator==(const SourcePiece&) const = default;
};
inline constexpr ByteAddress kMadeHere = ~ByteAddress{0};

// How one capture interface's frames are read: what libpcap or pcapng says about it.
struct CaptureInterface {
  int link_type = 0;                           // libpcap DLT_* value
  std::uint64_t units_per_second = 1'000'000;  // timestamp resolution
  std::int64_t offset_seconds = 0;             // pcapng if_tsoffset
  bool operator==(const CaptureInterface&) const = default;
};

// What a reader must know to go on reading from a record in the middle of a capture: the byte
// order and the interfaces (pcapng: those of the current section; classic pcap: one, whose
// resolution the file's magic gives).
struct CaptureSection {
  bool little = true;
  std::vector<CaptureInterface> interfaces;
  bool operator==(const CaptureSection&) const = default;
};

// Frame `frame` (1-based) starts at `record`: its pcap record header or pcapng block.
struct FrameMark {
  std::uint64_t frame = 0;
  ByteAddress record = 0;
  std::uint32_t section = 0;  // index of the CaptureSection in force
};

class SourceMap {
 public:
  // A mark every this many frames: finding a frame walks at most this many records.
  static constexpr std::uint64_t kFramesPerMark = 128;

  // The arena bytes at `copy` are `pieces`, back to back.
  void note_copy(ByteAddress copy, std::span<const SourcePiece> pieces);
  // [address, address + length), followed through copies down to bytes that were not copied
  // (base bytes, or arena bytes of no recorded origin). Adjacent pieces are merged.
  std::vector<SourcePiece> resolve(ByteAddress address, std::uint32_t length) const;

  void add_mark(FrameMark mark);
  // Registers a section state (or finds an equal one registered last) and returns its
  // index for FrameMark::section.
  std::uint32_t add_section(const CaptureSection& section);
  // The last mark at or before frame `frame`, or at or before address `address`.
  std::optional<FrameMark> mark_for_frame(std::uint64_t frame) const;
  std::optional<FrameMark> mark_for_address(ByteAddress address) const;
  std::optional<CaptureSection> section(std::uint32_t index) const;
  std::size_t mark_count() const;
  // What the tables hold, in bytes (their capacity): the cost of finding frames again.
  std::size_t memory_bytes() const;

 private:
  struct Copy {
    ByteAddress address;
    std::uint32_t length;
    std::uint32_t first_piece;
    std::uint32_t piece_count;
  };
  void resolve_locked(ByteAddress address, std::uint32_t length, int depth,
                      std::vector<SourcePiece>& out) const;

  mutable std::mutex mutex_;
  std::vector<Copy> copies_;  // in arena order (the arena only grows)
  std::vector<SourcePiece> pieces_;
  std::vector<FrameMark> marks_;  // in file order: frame numbers and addresses both increase
  std::vector<CaptureSection> sections_;
};

}  // namespace bgplens

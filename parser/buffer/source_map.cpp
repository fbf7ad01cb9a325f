#include "buffer/source_map.h"

#include <algorithm>

namespace bgplens {
namespace {

// Copies of copies are at most a message inside a datagram inside nothing deeper; the bound
// only guards against a corrupt table.
constexpr int kMaxDepth = 8;

void push_merged(std::vector<SourcePiece>& out, SourcePiece piece) {
  if (piece.length == 0) return;
  if (!out.empty() && out.back().address != kMadeHere && piece.address != kMadeHere &&
      out.back().address + out.back().length == piece.address) {
    out.back().length += piece.length;
    return;
  }
  out.push_back(piece);
}

}  // namespace

void SourceMap::note_copy(ByteAddress copy, std::span<const SourcePiece> pieces) {
  std::uint64_t total = 0;
  for (const SourcePiece& p : pieces)
    total += p.length;
  std::lock_guard lock(mutex_);
  copies_.push_back(Copy{copy, static_cast<std::uint32_t>(total),
                         static_cast<std::uint32_t>(pieces_.size()),
                         static_cast<std::uint32_t>(pieces.size())});
  pieces_.insert(pieces_.end(), pieces.begin(), pieces.end());
}

std::vector<SourcePiece> SourceMap::resolve(ByteAddress address, std::uint32_t length) const {
  std::vector<SourcePiece> out;
  std::lock_guard lock(mutex_);
  resolve_locked(address, length, 0, out);
  return out;
}

void SourceMap::resolve_locked(ByteAddress address, std::uint32_t length, int depth,
                               std::vector<SourcePiece>& out) const {
  if (length == 0) return;
  // The copy that starts at or before `address`, if `address` lies inside it.
  const auto after = std::upper_bound(copies_.begin(), copies_.end(), address,
                                      [](ByteAddress a, const Copy& c) { return a < c.address; });
  if (depth >= kMaxDepth || after == copies_.begin() || address == kMadeHere) {
    push_merged(out, {address, length});
    return;
  }
  const Copy& copy = *std::prev(after);
  if (address - copy.address >= copy.length) {
    push_merged(out, {address, length});
    return;
  }
  // Walk the copy's pieces, taking the part of each that [address, address + length) covers.
  std::uint64_t skip = address - copy.address;
  std::uint64_t left = length;
  for (std::uint32_t i = 0; i < copy.piece_count && left > 0; ++i) {
    const SourcePiece& p = pieces_[copy.first_piece + i];
    if (skip >= p.length) {
      skip -= p.length;
      continue;
    }
    const auto take = static_cast<std::uint32_t>(std::min<std::uint64_t>(p.length - skip, left));
    if (p.address == kMadeHere) {
      push_merged(out, {kMadeHere, take});
    } else {
      resolve_locked(p.address + skip, take, depth + 1, out);
    }
    left -= take;
    skip = 0;
  }
  // A range reaching past the copy's end continues after it.
  if (left > 0)
    resolve_locked(copy.address + copy.length, static_cast<std::uint32_t>(left), depth, out);
}

void SourceMap::add_mark(FrameMark mark) {
  std::lock_guard lock(mutex_);
  if (!marks_.empty() && (mark.frame <= marks_.back().frame || mark.record <= marks_.back().record))
    return;  // out of file order: the walk from the previous mark covers it
  marks_.push_back(mark);
}

std::uint32_t SourceMap::add_section(const CaptureSection& section) {
  std::lock_guard lock(mutex_);
  if (sections_.empty() || !(sections_.back() == section)) sections_.push_back(section);
  return static_cast<std::uint32_t>(sections_.size() - 1);
}

std::optional<FrameMark> SourceMap::mark_for_frame(std::uint64_t frame) const {
  std::lock_guard lock(mutex_);
  const auto after =
      std::upper_bound(marks_.begin(), marks_.end(), frame,
                       [](std::uint64_t f, const FrameMark& m) { return f < m.frame; });
  if (after == marks_.begin()) return std::nullopt;
  return *std::prev(after);
}

std::optional<FrameMark> SourceMap::mark_for_address(ByteAddress address) const {
  std::lock_guard lock(mutex_);
  const auto after =
      std::upper_bound(marks_.begin(), marks_.end(), address,
                       [](ByteAddress a, const FrameMark& m) { return a < m.record; });
  if (after == marks_.begin()) return std::nullopt;
  return *std::prev(after);
}

std::optional<CaptureSection> SourceMap::section(std::uint32_t index) const {
  std::lock_guard lock(mutex_);
  if (index >= sections_.size()) return std::nullopt;
  return sections_[index];
}

std::size_t SourceMap::memory_bytes() const {
  std::lock_guard lock(mutex_);
  std::size_t bytes = copies_.capacity() * sizeof(Copy) + pieces_.capacity() * sizeof(SourcePiece) +
                      marks_.capacity() * sizeof(FrameMark);
  for (const CaptureSection& s : sections_)
    bytes += sizeof s + s.interfaces.capacity() * sizeof(CaptureInterface);
  return bytes;
}

std::size_t SourceMap::mark_count() const {
  std::lock_guard lock(mutex_);
  return marks_.size();
}

}  // namespace bgplens

#include "capture/ip_defragmenter.h"

#include <algorithm>
#include <cstring>

namespace bgplens {
namespace {

// The largest datagram either version can describe: IPv4 Total Length counts the header
// (RFC 791 §3.1); IPv6 Payload Length counts the extension headers (RFC 8200 §3). A fragment
// reaching past it is the classic "ping of death" and is dropped.
constexpr std::uint64_t kMaxDatagram = 65535;

std::uint64_t max_data(const FragmentInfo& info) {
  const std::uint64_t fixed = info.version == 4 ? info.header_length : info.header_length - 40u;
  return fixed >= kMaxDatagram ? 0 : kMaxDatagram - fixed;
}

void store_be16(std::vector<std::uint8_t>& v, std::size_t at, std::uint32_t value) {
  v[at] = static_cast<std::uint8_t>(value >> 8);
  v[at + 1] = static_cast<std::uint8_t>(value);
}

// The IPv4 header checksum (RFC 791 §3.1), recomputed so the reassembled header is valid.
std::uint16_t header_checksum(const std::vector<std::uint8_t>& h) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    sum += load_be16(h.data() + i);
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

// Whether two copies agree wherever both were captured.
bool same_captured(Bytes a, Bytes b) {
  const std::size_t n = std::min(a.size(), b.size());
  return n == 0 || std::memcmp(a.data(), b.data(), n) == 0;
}

// Elapsed capture time, safe against clock steps in either direction.
std::uint64_t elapsed(std::int64_t now, std::int64_t since) {
  return now > since ? static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(since) : 0;
}

}  // namespace

bool IpDefragmenter::may_carry_tcp(const FragmentInfo& info) {
  if (info.version == 4) return info.protocol == 6;
  return info.protocol == 6 || skipped_ipv6_extension(info.protocol);
}

std::size_t IpDefragmenter::waiting() const {
  return order_.size() - discarded_;
}

std::optional<IpDefragmenter::Datagram> IpDefragmenter::add(const FragmentInfo& info, Bytes frame,
                                                            std::int64_t time_ns,
                                                            std::uint64_t frame_number,
                                                            ByteStore& store) {
  expire(time_ns, frame_number);
  if (info.header_offset + std::uint64_t{info.header_length} > frame.size() ||
      info.data_offset > frame.size() || (info.version == 6 && info.header_length < 40)) {
    ++stats_.invalid;
    return std::nullopt;
  }
  const Bytes header = frame.subspan(info.header_offset, info.header_length);
  const Bytes rest = frame.subspan(info.data_offset);
  const Bytes data = rest.first(std::min<std::size_t>(rest.size(), info.data_captured));

  if (info.offset == 0 && !info.more) {
    // An atomic fragment: a whole packet with a Fragment header, reassembled on its own and
    // never mixed with other fragments of the same identification (RFC 6946 §4).
    Pending p;
    p.key.version = info.version;
    p.header = header;
    p.next_header_at = info.next_header_at;
    p.first_protocol = info.protocol;
    p.end = info.data_length;
    p.pieces.push_back(Piece{0, info.data_length, data});
    auto d = info.data_length <= max_data(info) ? assemble(p, store) : std::nullopt;
    ++(d ? stats_.reassembled : stats_.invalid);
    return d;
  }

  Key key;
  key.version = info.version;
  key.protocol = info.version == 4 ? info.protocol : 0;
  key.id = info.id;
  key.src = info.src;
  key.dst = info.dst;
  auto found = index_.find(key);
  Slot slot;
  if (found != index_.end()) {
    slot = found->second;
  } else {
    order_.emplace_back();
    slot = std::prev(order_.end());
    slot->key = key;
    slot->first_time = time_ns;
    slot->first_frame = frame_number;
    index_.emplace(key, slot);
  }
  Pending& p = *slot;
  // A datagram discarded for overlap takes its fragments not yet received with it (RFC 5722 §4).
  if (p.discarded) return std::nullopt;
  if (!insert(p, info, header, data)) {
    if (!p.discarded && p.pieces.empty() && !p.end && p.header.empty()) remove(slot, false);
    return std::nullopt;
  }
  if (complete(p)) {
    auto d = assemble(p, store);
    ++(d ? stats_.reassembled : stats_.invalid);
    remove(slot, false);
    return d;
  }
  enforce_limits();
  return std::nullopt;
}

bool IpDefragmenter::insert(Pending& p, const FragmentInfo& info, Bytes header, Bytes data) {
  const std::uint32_t begin = info.offset;
  const std::uint64_t finish = std::uint64_t{begin} + info.data_length;
  if (finish > max_data(info) || (info.more && info.data_length == 0)) {
    ++stats_.invalid;
    return false;
  }
  if (!info.more) {
    // The last fragment says where the datagram ends; it must agree with what is held.
    if ((p.end && *p.end != finish) || (!p.pieces.empty() && p.pieces.back().end() > finish)) {
      ++stats_.invalid;
      return false;
    }
  } else if (p.end && finish > *p.end) {
    ++stats_.invalid;
    return false;
  }

  // The held pieces this fragment touches.
  const auto first = std::partition_point(p.pieces.begin(), p.pieces.end(),
                                          [&](const Piece& x) { return x.end() <= begin; });
  auto last = first;
  while (last != p.pieces.end() && last->offset < finish)
    ++last;
  if (first != last) {
    if (std::next(first) == last && first->offset == begin && first->end() == finish &&
        same_captured(first->captured, data)) {
      // The same fragment again (captured twice, or duplicated in the network): RFC 8200 §4.5
      // lets it be dropped rather than treated as an overlap. Keep whichever copy the capture
      // holds more of.
      ++stats_.duplicates;
      if (data.size() > first->captured.size()) {
        const std::uint64_t more = data.size() - first->captured.size();
        first->captured = data;
        p.charged += more;
        held_bytes_ += more;
      }
      return false;
    }
    ++stats_.overlaps;
    if (info.version == 6) {
      // RFC 5722 §4: an IPv6 datagram with overlapping fragments is discarded whole.
      held_bytes_ -= p.charged;
      p.charged = 0;
      p.pieces = {};
      p.covered = 0;
      p.discarded = true;
      ++discarded_;
      ++stats_.incomplete;
      return false;
    }
    // IPv4: the first copy wins; only the bytes not held yet are added below.
  }

  auto piece = [&](std::uint32_t from, std::uint32_t to) {
    const std::size_t skip = std::min<std::size_t>(from - begin, data.size());
    const std::size_t take = std::min<std::size_t>(to - from, data.size() - skip);
    return Piece{from, to - from, data.subspan(skip, take)};
  };
  std::vector<Piece> fresh;
  std::uint32_t cursor = begin;
  for (auto it = first; it != last; ++it) {
    if (it->offset > cursor) fresh.push_back(piece(cursor, it->offset));
    cursor = std::max(cursor, it->end());
  }
  if (cursor < finish) fresh.push_back(piece(cursor, static_cast<std::uint32_t>(finish)));
  for (const Piece& x : fresh) {
    p.covered += x.length;
    p.charged += x.captured.size() + kPieceOverhead;
    held_bytes_ += x.captured.size() + kPieceOverhead;
  }
  const auto from = first - p.pieces.begin();
  const auto at = last - p.pieces.begin();
  p.pieces.insert(last, fresh.begin(), fresh.end());
  // The fresh pieces fill holes between the touched ones: merge the two sorted runs.
  std::inplace_merge(p.pieces.begin() + from, p.pieces.begin() + at,
                     p.pieces.begin() + at + static_cast<std::ptrdiff_t>(fresh.size()),
                     [](const Piece& a, const Piece& b) { return a.offset < b.offset; });
  if (!info.more) p.end = static_cast<std::uint32_t>(finish);
  if (begin == 0 && p.header.empty()) {
    // The reassembled datagram takes its header from the offset-zero fragment (RFC 791 §3.2,
    // RFC 8200 §4.5).
    p.header = header;
    p.next_header_at = info.next_header_at;
    p.first_protocol = info.protocol;
  }
  return true;
}

bool IpDefragmenter::complete(const Pending& p) const {
  return !p.discarded && !p.header.empty() && p.end && p.covered == *p.end;
}

std::optional<IpDefragmenter::Datagram> IpDefragmenter::assemble(const Pending& p,
                                                                 ByteStore& store) {
  std::vector<std::uint8_t> head(p.header.begin(), p.header.end());
  const std::uint32_t data_length = p.end.value_or(0);
  if (p.key.version == 4) {
    const std::uint64_t total = head.size() + std::uint64_t{data_length};
    if (head.size() < 20 || total > kMaxDatagram) return std::nullopt;
    store_be16(head, 2, static_cast<std::uint32_t>(total));
    // A whole datagram: no More Fragments, offset 0; Don't Fragment stays as it was.
    store_be16(head, 6, load_be16(head.data() + 6) & 0x4000u);
    store_be16(head, 10, 0);
    store_be16(head, 10, header_checksum(head));
  } else {
    const std::uint64_t payload = head.size() - 40 + std::uint64_t{data_length};
    if (head.size() < 40 || payload > kMaxDatagram || p.next_header_at >= head.size())
      return std::nullopt;
    store_be16(head, 4, static_cast<std::uint32_t>(payload));
    // The Fragment header is gone: the header before it names what followed it in the
    // offset-zero fragment (RFC 8200 §4.5).
    head[p.next_header_at] = p.first_protocol;
  }
  std::vector<Bytes> parts;
  parts.reserve(p.pieces.size() + 1);
  parts.emplace_back(head);
  // Where each part came from, so a field can be shown within its fragment's frame; the
  // rebuilt header came from none.
  std::vector<SourcePiece> sources;
  sources.reserve(p.pieces.size() + 1);
  sources.push_back({kMadeHere, static_cast<std::uint32_t>(head.size())});
  std::size_t size = head.size();
  for (const Piece& x : p.pieces) {
    parts.push_back(x.captured);
    sources.push_back({store.base_address_of(x.captured.data()).value_or(kMadeHere),
                       static_cast<std::uint32_t>(x.captured.size())});
    size += x.captured.size();
    // Bytes after a piece the capture cut short would not follow on from it: the datagram ends
    // there, its IP length still saying how long it was, so the TCP layer reports the rest as
    // cut by the capture, as for a frame cut by the snap length.
    if (x.captured.size() < x.length) break;
  }
  const ByteAddress address = store.append(parts);
  store.sources().note_copy(address, sources);
  return Datagram{address, store.view(address, size)};
}

void IpDefragmenter::remove(Slot slot, bool count_incomplete) {
  held_bytes_ -= slot->charged;
  if (slot->discarded)
    --discarded_;
  else if (count_incomplete)
    ++stats_.incomplete;
  index_.erase(slot->key);
  order_.erase(slot);
}

void IpDefragmenter::enforce_limits() {
  // Oldest first: a datagram still waiting after many newer ones is the least likely to
  // complete (Linux evicts in the same order).
  while (!order_.empty() &&
         (order_.size() > limits_.max_datagrams || held_bytes_ > limits_.max_bytes)) {
    remove(order_.begin(), true);
  }
}

void IpDefragmenter::expire(std::int64_t now_ns, std::uint64_t frame_number) {
  while (!order_.empty()) {
    const Pending& p = order_.front();
    const std::int64_t timeout = p.key.version == 6 ? limits_.timeout_v6_ns : limits_.timeout_v4_ns;
    const bool timed_out = elapsed(now_ns, p.first_time) > static_cast<std::uint64_t>(timeout);
    const bool out_of_window =
        frame_number > p.first_frame && frame_number - p.first_frame > limits_.window_frames;
    if (!timed_out && !out_of_window) return;
    remove(order_.begin(), true);
  }
}

void IpDefragmenter::finish() {
  while (!order_.empty())
    remove(order_.begin(), true);
}

}  // namespace bgplens

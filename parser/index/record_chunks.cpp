#include "index/record_chunks.h"

namespace bgplens {
namespace {

// A compact chunk turns plain once at least this many of its rows have been seen and more
// than half of them start a run of their own: past that point the compact form (10 bytes a
// row plus 24 per head) would no longer be much smaller than 32 bytes a row.
constexpr std::size_t kDecideAfter = 256;

}  // namespace

RecordChunks::Head RecordChunks::Head::of(const MessageRecord& r) {
  return Head{r.address, r.time_ns, r.length, r.type, r.kind, r.flags, r.detail};
}

RecordChunks::Chunk::Chunk() {
  contexts.reserve(kChunkRows);
  frames.reserve(kChunkRows);
  head_of.reserve(kChunkRows);
}

MessageRecord RecordChunks::Chunk::at(std::size_t i) const {
  if (wide) return records[i];
  const Head& h = heads[head_of[i]];
  MessageRecord r;
  r.address = h.address;
  r.time_ns = h.time_ns;
  r.length = h.length;
  r.context = contexts[i];
  r.frame = frames[i];
  r.type = h.type;
  r.kind = h.kind;
  r.flags = h.flags;
  r.detail = h.detail;
  return r;
}

void RecordChunks::Chunk::push_back(const MessageRecord& r) {
  if (wide) {
    records.push_back(r);
    return;
  }
  const Head h = Head::of(r);
  if (heads.empty() || !(heads.back() == h)) heads.push_back(h);
  head_of.push_back(static_cast<std::uint16_t>(heads.size() - 1));
  contexts.push_back(r.context);
  frames.push_back(r.frame);
  if (head_of.size() >= kDecideAfter && heads.size() * 2 > head_of.size()) widen();
}

void RecordChunks::Chunk::widen() {
  std::vector<MessageRecord> plain;
  plain.reserve(kChunkRows);
  for (std::size_t i = 0; i < head_of.size(); ++i)
    plain.push_back(at(i));
  records = std::move(plain);
  wide = true;
  // Assigning new vectors, not `= {}` (which keeps the capacity), gives the memory back.
  heads = std::vector<Head>();
  contexts = std::vector<std::uint32_t>();
  frames = std::vector<std::uint32_t>();
  head_of = std::vector<std::uint16_t>();
}

void RecordChunks::Chunk::finish() {
  // A full compact chunk keeps what it holds: the heads' spare capacity goes.
  if (!wide) heads.shrink_to_fit();
}

void RecordChunks::push_back(const MessageRecord& r) {
  if ((size_ & (kChunkRows - 1)) == 0) {
    if (!chunks_.empty()) chunks_.back().finish();
    chunks_.emplace_back();
  }
  chunks_.back().push_back(r);
  ++size_;
}

void RecordChunks::clear() {
  chunks_.clear();
  chunks_.shrink_to_fit();
  size_ = 0;
}

std::size_t RecordChunks::memory_bytes() const {
  std::size_t bytes = chunks_.capacity() * sizeof(Chunk);
  for (const Chunk& c : chunks_) {
    bytes += c.heads.capacity() * sizeof(Head) + c.contexts.capacity() * sizeof(std::uint32_t) +
             c.frames.capacity() * sizeof(std::uint32_t) +
             c.head_of.capacity() * sizeof(std::uint16_t) +
             c.records.capacity() * sizeof(MessageRecord);
  }
  return bytes;
}

std::size_t RecordChunks::compact_chunks() const {
  std::size_t n = 0;
  for (const Chunk& c : chunks_)
    n += c.wide ? 0 : 1;
  return n;
}

}  // namespace bgplens

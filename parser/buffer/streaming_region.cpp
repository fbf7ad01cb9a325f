#include "buffer/streaming_region.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "buffer/bzip2_parallel.h"
#include "util/text.h"

namespace bgplens {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
// Output per step: the first steps small, so that the first bytes (the content check when the
// file is opened) are out soon; then larger, so that publishing costs nothing beside the
// decompression itself, but not so large that the reader, which decodes only what has been
// published, is left with a long tail after the decompressor ends (with 4 MiB steps `decode
// --format bgpdump` still had 10-18 ms of work left then; 1 MiB is about 2-4 ms of decoding).
constexpr std::uint64_t kFirstStep = 64 * 1024;
constexpr std::uint64_t kLargestStep = 1 * kMiB;
// The reservation is made writable in windows this large: one mprotect per window. Reserved
// but never written memory costs nothing; written memory is what the file decompresses to.
constexpr std::uint64_t kCommitWindow = 64 * kMiB;

std::uint64_t round_up(std::uint64_t n, std::uint64_t to) {
  return (n + to - 1) / to * to;
}

}  // namespace

std::uint64_t StreamingRegion::default_limit() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 2 * kGiB;  // unknown: the old fixed bound
  const std::uint64_t memory = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
  return memory >= kGiB ? memory / kGiB * kGiB : std::max(memory / kMiB, std::uint64_t{1}) * kMiB;
}

Expected<std::shared_ptr<StreamingRegion>> StreamingRegion::start(
    std::shared_ptr<const Region> compressed, Compression kind, std::string path,
    std::uint64_t limit) {
  if (kind == Compression::None || !compressed) return unexpected(path + ": not compressed data");
  // One byte more than the limit is reserved: producing it tells a file over the limit from
  // one that ends exactly there. PROT_NONE and MAP_NORESERVE: address space only, nothing
  // committed (even with strict overcommit) until commit() opens it window by window.
  //
  // No MADV_HUGEPAGE: with the kernel's THP defrag set to "madvise" (the default), a fault in
  // such a region compacts memory when no huge page is free, which on a busy machine took
  // 0.8-1.1 s of system time for 447 MB against a steady 0.2 s with 4 KiB pages.
  const long page = ::sysconf(_SC_PAGESIZE);
  const std::size_t length =
      round_up(limit + 1, page > 0 ? static_cast<std::uint64_t>(page) : 4096);
  void* p = ::mmap(nullptr, length, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    return unexpected(text::cat(path, ": cannot reserve ", size_text(limit),
                                " of address space to decompress it into: ", std::strerror(errno)));
  }
  return std::make_shared<StreamingRegion>(Key{}, std::move(compressed), kind, std::move(path),
                                           static_cast<std::uint8_t*>(p), length, limit);
}

StreamingRegion::StreamingRegion(Key, std::shared_ptr<const Region> compressed, Compression kind,
                                 std::string path, std::uint8_t* reserved,
                                 std::size_t reserved_length, std::uint64_t limit)
    : compressed_(std::move(compressed)),
      kind_(kind),
      path_(std::move(path)),
      reserved_(reserved),
      reserved_length_(reserved_length) {
  reserve(reserved, limit);
  producer_ = std::jthread([this](std::stop_token stop) { produce(std::move(stop)); });
}

StreamingRegion::~StreamingRegion() {
  // Joined here, not by the member's destructor, which would run after the unmapping.
  producer_.request_stop();
  if (producer_.joinable()) producer_.join();
  ::munmap(reserved_, reserved_length_);
}

std::uint64_t StreamingRegion::wait(std::uint64_t want, std::stop_token stop) const {
  // Sequentially consistent with publish(): either the producer sees this waiter, or this
  // waiter sees the producer's new size (see wake()).
  auto ready = [&] {
    return size_.load(std::memory_order_seq_cst) >= want ||
           complete_.load(std::memory_order_seq_cst);
  };
  if (!ready()) {
    std::unique_lock lock(mutex_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    changed_.wait(lock, stop, ready);
    waiters_.fetch_sub(1, std::memory_order_seq_cst);
  }
  return size();
}

std::string StreamingRegion::problem() const {
  // problem_ is written before complete_ is set and never after.
  return complete() ? problem_ : std::string();
}

bool StreamingRegion::commit(std::uint64_t end) {
  const std::uint64_t to = std::min<std::uint64_t>(round_up(end, kCommitWindow), reserved_length_);
  if (to <= committed_) return end <= committed_;
  if (::mprotect(reserved_ + committed_, to - committed_, PROT_READ | PROT_WRITE) != 0)
    return false;
  committed_ = to;
  return end <= committed_;
}

void StreamingRegion::publish(std::uint64_t size) {
  // The bytes below `size` are written before it is stored (release, and more: see wake()).
  size_.store(size, std::memory_order_seq_cst);
  wake();
}

void StreamingRegion::finish(std::string problem) {
  problem_ = std::move(problem);
  complete_.store(true, std::memory_order_seq_cst);
  wake();
}

void StreamingRegion::wake() const {
  // The store before this load and the waiter's increment before its check are both
  // sequentially consistent: a waiter that this load misses has not checked yet and will see
  // the new state. A waiter it sees holds the mutex until it sleeps, so taking the mutex here
  // first means the notification cannot fall between its check and its sleep.
  if (waiters_.load(std::memory_order_seq_cst) == 0) return;
  { std::lock_guard lock(mutex_); }
  changed_.notify_all();
}

void StreamingRegion::produce(std::stop_token stop) {
  const std::string kind(compression_name(kind_));
  const Bytes file = compressed_->bytes();
  const long page = ::sysconf(_SC_PAGESIZE);
  if (page > 0 &&
      reinterpret_cast<std::uintptr_t>(file.data()) % static_cast<unsigned long>(page) == 0)
    ::madvise(const_cast<std::uint8_t*>(file.data()), file.size(), MADV_SEQUENTIAL);  // a hint
  const std::uint64_t limit = capacity();
  std::uint64_t produced = 0;
  auto kept = [&] {
    return text::cat("; the ", std::to_string(produced),
                     " bytes decompressed before that are kept");
  };
  auto no_memory = [&] {
    finish(text::cat(path_, ": no memory to decompress more than ", std::to_string(produced),
                     " bytes of the ", kind, " stream (", std::strerror(errno), ")", kept()));
  };
  auto over_limit = [&] {
    finish(text::cat(path_, ": the ", kind, "-compressed file decompresses to more than ",
                     size_text(limit), ", more than BGP Lens holds in memory; the first ",
                     std::to_string(limit),
                     " bytes are read (decompress it and open the result to read it all)"));
  };
  auto cut = [&] {
    finish(text::cat(path_, ": the ", kind, " stream ends early after ",
                     std::to_string(file.size()), " compressed bytes", kept()));
  };
  auto damaged = [&](const std::string& error, std::uint64_t consumed) {
    finish(text::cat(path_, ": the ", kind, "-compressed data is damaged (", error,
                     "), found after ", std::to_string(consumed), " compressed bytes", kept()));
  };

  if (kind_ == Compression::Bzip2) {
    // libbz2 alone makes about 40 MB/s on one core, slower than the reader decodes: the blocks
    // are decoded on several threads (bzip2_parallel.h) and put in place here in order, each
    // published as it comes.
    auto deliver = [&](Bytes block) {
      const std::uint64_t take = std::min<std::uint64_t>(block.size(), limit - produced);
      if (!commit(produced + take)) {
        no_memory();
        return false;
      }
      if (take > 0) {
        std::memcpy(reserved_ + produced, block.data(), take);
        produced += take;
        publish(produced);
      }
      if (take < block.size()) {
        over_limit();
        return false;
      }
      return true;
    };
    const bzip2::Outcome outcome =
        bzip2::decompress_parallel(file, bzip2::default_workers(), deliver, stop);
    switch (outcome.kind) {
      case bzip2::Outcome::Kind::Done:
        return finish({});
      case bzip2::Outcome::Kind::Cut:
        return cut();
      case bzip2::Outcome::Kind::Damaged:
        return damaged(outcome.error, outcome.consumed);
      case bzip2::Outcome::Kind::Stopped:
        return finish(text::cat(path_, ": decompression stopped", kept()));
      case bzip2::Outcome::Kind::Refused:  // deliver() said why
        return;
      case bzip2::Outcome::Kind::Unsupported:  // nothing done: libbz2 on its own, below
        break;
    }
  }

  const auto decompressor = Decompressor::make(kind_);
  Bytes rest = file;
  std::uint64_t step = kFirstStep;
  while (!stop.stop_requested()) {
    const std::uint64_t end = std::min(produced + step, limit + 1);
    if (!commit(end)) return no_memory();
    std::span<std::uint8_t> room(reserved_ + produced, end - produced);
    const std::size_t in_before = rest.size();
    const std::size_t room_before = room.size();
    const Decompressor::Status status = decompressor->step(rest, room, true);
    const std::uint64_t made = room_before - room.size();
    produced += made;
    if (produced > limit) {
      produced = limit;
      publish(produced);
      return over_limit();
    }
    if (made > 0) publish(produced);
    step = std::min(step * 2, kLargestStep);
    const std::uint64_t consumed = file.size() - rest.size();
    if (status == Decompressor::Status::Error) return damaged(decompressor->error(), consumed);
    if (status == Decompressor::Status::StreamEnd) {
      // Another stream follows (pbzip2, `cat a.gz b.gz`), or the file ends; anything else after
      // the last stream (tape padding, say) is ignored, as gzip and bzip2 themselves do.
      if (rest.empty() || detect_compression(rest) != kind_ || !decompressor->restart())
        return finish({});
      continue;
    }
    // Every byte read, output room left, and no end of stream: the file was cut short.
    if (rest.empty() && !room.empty()) return cut();
    if (made == 0 && rest.size() == in_before) {
      return finish(text::cat(path_, ": the ", kind, " decompressor stopped making progress after ",
                              std::to_string(consumed), " compressed bytes", kept()));
    }
  }
  finish(text::cat(path_, ": decompression stopped", kept()));
}

}  // namespace bgplens

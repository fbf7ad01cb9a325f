#include "buffer/bzip2_parallel.h"

#include <bzlib.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "buffer/bzip2_blocks.h"
#include "buffer/decompressor.h"

namespace bgplens::bzip2 {
namespace {

// Magics are looked for this many bits (1 MiB of the file) at a time, as far as needed.
constexpr std::uint64_t kScanStep = std::uint64_t{8} << 20;
// Blocks decoded ahead of the one next in order, per worker: enough that no worker waits for
// the next to be put in order, few enough that the decoded blocks waiting stay small (a 900k
// block decompresses to a few MB).
constexpr std::size_t kAheadPerWorker = 3;

using Buffer = std::vector<std::uint8_t>;

// One block for a worker: [begin, end) in a stream of block-size digit `level`.
struct Task {
  Task(std::uint64_t b, std::uint64_t e, char l) : begin(b), end(e), level(l) {}
  const std::uint64_t begin;
  const std::uint64_t end;
  const char level;
  // Written by the worker before `done` is set, under the pool's mutex.
  Buffer out;
  BlockDecoder::Result result;
  bool done = false;
  bool dropped = false;  // no longer wanted: skipped if not started, its buffer reused if done
};

class Workers {
 public:
  Workers(Bytes file, unsigned count)
      : file_(file), most_spare_(std::size_t{count} * (kAheadPerWorker + 1)) {
    for (unsigned i = 0; i < count; ++i)
      threads_.emplace_back([this](std::stop_token stop) { work(stop); });
  }
  ~Workers() {
    // Stopped and joined before the members they use go; a block being decoded stops at its
    // decoder's next step.
    for (std::jthread& t : threads_)
      t.request_stop();
    threads_.clear();
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  void submit(std::shared_ptr<Task> task) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(task));
    }
    work_.notify_one();
  }
  // Waits until `task` is decoded; false when `stop` comes first.
  bool wait(const Task& task, const std::stop_token& stop) {
    std::unique_lock lock(mutex_);
    return done_.wait(lock, stop, [&] { return task.done; });
  }
  void drop(Task& task) {
    std::lock_guard lock(mutex_);
    task.dropped = true;
    if (task.done) keep(std::move(task.out));
  }
  Buffer spare() {
    std::lock_guard lock(mutex_);
    return take();
  }
  void recycle(Buffer buffer) {
    std::lock_guard lock(mutex_);
    keep(std::move(buffer));
  }

 private:
  void work(const std::stop_token& stop) {
    BlockDecoder decoder;
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!work_.wait(lock, stop, [&] { return !queue_.empty(); })) return;
      const std::shared_ptr<Task> task = std::move(queue_.front());
      queue_.pop_front();
      if (task->dropped) continue;
      Buffer out = take();
      lock.unlock();
      const BlockDecoder::Result result =
          decoder.decode(file_, task->level, task->begin, task->end, out, stop);
      lock.lock();
      if (task->dropped) {
        keep(std::move(out));
        continue;
      }
      task->out = std::move(out);
      task->result = result;
      task->done = true;
      done_.notify_all();
    }
  }
  // Output buffers go round, so that a block's output lands in memory already touched.
  Buffer take() {
    if (spare_.empty()) return {};
    Buffer b = std::move(spare_.back());
    spare_.pop_back();
    return b;
  }
  void keep(Buffer buffer) {
    if (spare_.size() < threads_.size() * (kAheadPerWorker + 1))
      spare_.push_back(std::move(buffer));
  }

  const Bytes file_;
  const std::size_t most_spare_;
  std::mutex mutex_;
  std::condition_variable_any work_;
  std::condition_variable_any done_;
  std::deque<std::shared_ptr<Task>> queue_;
  std::vector<Buffer> spare_;
  std::vector<std::jthread> threads_;  // last: they use everything above
};

bool stream_header(Bytes file, std::uint64_t at) {
  return at < file.size() && detect_compression(file.subspan(at)) == Compression::Bzip2;
}

class Walker {
 public:
  Walker(Bytes file, unsigned workers, const std::function<bool(Bytes)>& deliver,
         std::stop_token stop, std::span<const std::uint64_t> chance_marks)
      : file_(file),
        total_bits_(std::uint64_t{file.size()} * 8),
        deliver_(deliver),
        stop_(std::move(stop)),
        chance_(chance_marks.begin(), chance_marks.end()),
        most_ahead_(std::size_t{workers} * kAheadPerWorker),
        workers_(file, workers) {
    std::sort(chance_.begin(), chance_.end());
  }

  // Follows the file as libbz2 does, block after block and stream after stream.
  Outcome run() {
    std::uint64_t start = 0;  // the stream's first byte
    guess_ = 8 * (start + 4);
    guess_level_ = static_cast<char>(file_[start + 3]);
    look_ahead();
    for (;;) {
      const auto level = static_cast<char>(file_[start + 3]);
      std::uint64_t at = 8 * (start + 4);  // where libbz2 expects the next magic
      std::uint32_t combined = 0;
      for (;;) {
        if (stop_.stop_requested()) return {Outcome::Kind::Stopped, {}, 0};
        if (at + kMagicBits <= total_bits_ && read_bits(file_, at, kMagicBits) == kEndMagic) {
          if (at + kMagicBits + kCrcBits > total_bits_) return {Outcome::Kind::Cut, {}, 0};
          const std::uint64_t after = (at + kMagicBits + kCrcBits + 7) / 8;
          if (read_bits(file_, at + kMagicBits, kCrcBits) != combined)
            return {Outcome::Kind::Damaged, error_text(BZ_DATA_ERROR), after};
          // Another stream follows (pbzip2, `cat a.bz2 b.bz2`), or the file ends; anything
          // else after the last stream (tape padding, say) is ignored, as bzip2 does.
          if (!stream_header(file_, after)) return {Outcome::Kind::Done, {}, 0};
          start = after;
          break;
        }
        // A block at `at`, whose data ends at one of the magics after it: the nearest, unless
        // it turns out to lie inside the block.
        std::optional<std::uint64_t> end = mark_from(at + kMagicBits);
        for (;;) {
          const BlockDecoder::Result r = decode(at, end, level);
          if (r.status == BlockDecoder::Status::Stopped) return {Outcome::Kind::Stopped, {}, 0};
          if (r.status == BlockDecoder::Status::Ok) {
            combined = combine_crc(combined, r.crc);
            if (!hand_over(r)) return {Outcome::Kind::Refused, {}, 0};
            at = *end;
            break;
          }
          // Without an end, libbz2 read the file's own bytes to its end, as it would reading
          // the whole file; with one, a fault before the end is one there too. Anything else
          // read what stood in for the next magic.
          const bool found =
              end && r.status == BlockDecoder::Status::Damaged && r.consumed * 8 <= *end;
          if (!end || found) {
            if (!hand_over(r)) return {Outcome::Kind::Refused, {}, 0};
            if (r.status == BlockDecoder::Status::NeedsMore) return {Outcome::Kind::Cut, {}, 0};
            return {Outcome::Kind::Damaged, error_text(r.code), r.consumed};
          }
          recycle();
          end = mark_from(*end + 1);
        }
        look_ahead();
      }
    }
  }

 private:
  // The first magic starting at or after `bit`, scanning further as needed.
  std::optional<std::uint64_t> mark_from(std::uint64_t bit) {
    for (;;) {
      const auto it = std::lower_bound(marks_.begin(), marks_.end(), bit);
      if (it != marks_.end()) return *it;  // every magic before scanned_ is in marks_
      if (scanned_ >= total_bits_) return std::nullopt;
      const std::uint64_t to = std::min(total_bits_, scanned_ + kScanStep);
      found_.clear();
      find_marks(file_, scanned_, to, found_);
      const std::size_t before = marks_.size();
      for (const Mark& m : found_)
        marks_.push_back(m.bit);
      for (auto c = std::lower_bound(chance_.begin(), chance_.end(), scanned_);
           c != chance_.end() && *c < to; ++c)
        marks_.push_back(*c);
      std::sort(marks_.begin() + static_cast<std::ptrdiff_t>(before), marks_.end());
      marks_.erase(std::unique(marks_.begin(), marks_.end()), marks_.end());
      scanned_ = to;
    }
  }

  // Keeps the workers busy with the blocks after those handed out, guessing that each block
  // ends at the nearest magic after it (true but for magics that occur by chance).
  void look_ahead() {
    while (ahead_.size() < most_ahead_ && guess_) {
      const std::uint64_t at = *guess_;
      if (at + kMagicBits <= total_bits_ && read_bits(file_, at, kMagicBits) == kEndMagic) {
        const std::uint64_t after = (at + kMagicBits + kCrcBits + 7) / 8;
        if (!stream_header(file_, after)) {
          guess_.reset();
          return;
        }
        guess_ = 8 * (after + 4);
        guess_level_ = static_cast<char>(file_[after + 3]);
        continue;
      }
      const std::optional<std::uint64_t> end = mark_from(at + kMagicBits);
      if (!end) {
        guess_.reset();  // the last block of a cut file: decode() does it
        return;
      }
      ahead_.push_back(std::make_shared<Task>(at, *end, guess_level_));
      workers_.submit(ahead_.back());
      guess_ = end;
    }
  }

  void drop_ahead(std::uint64_t before) {
    while (!ahead_.empty() && ahead_.front()->begin < before) {
      workers_.drop(*ahead_.front());
      ahead_.pop_front();
    }
  }

  // Decodes [at, end) into current_: the worker's result if it was decoded ahead, else here.
  BlockDecoder::Result decode(std::uint64_t at, std::optional<std::uint64_t> end, char level) {
    drop_ahead(at);
    if (end && !ahead_.empty() && ahead_.front()->begin == at && ahead_.front()->end == *end &&
        ahead_.front()->level == level) {
      const std::shared_ptr<Task> task = std::move(ahead_.front());
      ahead_.pop_front();
      look_ahead();
      if (!workers_.wait(*task, stop_)) {
        workers_.drop(*task);
        return {};  // Stopped
      }
      current_ = std::move(task->out);
      return task->result;
    }
    // Not guessed: a block found not to end at the nearest magic, or the last of a cut file.
    // What was guessed inside it is of no use; what was guessed after it may be.
    drop_ahead(end.value_or(total_bits_ + 1));
    current_ = workers_.spare();
    const BlockDecoder::Result r = own_.decode(file_, level, at, end, current_, stop_);
    if (r.status == BlockDecoder::Status::Ok && (ahead_.empty() || ahead_.front()->begin != *end)) {
      drop_ahead(total_bits_ + 1);
      guess_ = end;
      guess_level_ = level;
    }
    return r;
  }

  bool hand_over(const BlockDecoder::Result& r) {
    const bool more = r.size == 0 || deliver_(Bytes(current_.data(), r.size));
    recycle();
    return more;
  }
  void recycle() { workers_.recycle(std::move(current_)); }

  const Bytes file_;
  const std::uint64_t total_bits_;
  const std::function<bool(Bytes)>& deliver_;
  const std::stop_token stop_;
  std::vector<std::uint64_t> chance_;
  const std::size_t most_ahead_;

  std::vector<std::uint64_t> marks_;  // every magic that starts before scanned_, in order
  std::uint64_t scanned_ = 0;
  std::vector<Mark> found_;

  std::optional<std::uint64_t> guess_;  // where the next block to decode ahead starts
  char guess_level_ = '9';
  std::deque<std::shared_ptr<Task>> ahead_;  // in the file's order
  BlockDecoder own_;
  Buffer current_;   // the output of the block decode() returned
  Workers workers_;  // last: its threads stop before the rest goes
};

}  // namespace

unsigned default_workers() {
  return std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
}

Outcome decompress_parallel(Bytes file, unsigned workers, const std::function<bool(Bytes)>& deliver,
                            std::stop_token stop, std::span<const std::uint64_t> chance_marks) {
  if (!stream_header(file, 0) || !BlockDecoder::available())
    return {Outcome::Kind::Unsupported, {}, 0};
  Walker walker(file, std::max(workers, 1u), deliver, std::move(stop), chance_marks);
  return walker.run();
}

}  // namespace bgplens::bzip2

// A base region filled by decompressing a file on a thread of its own, so that whoever reads
// the base (the MRT walker) works on the first bytes while the rest is still being
// decompressed.
//
// The region reserves address space for the most it may ever hold, once, and the producer
// writes into it in order: bytes never move, so spans into them stay valid while the region
// grows. Each step publishes how many bytes are ready (Region::size()) and wakes whoever
// waits for them. A truncated or damaged stream ends the region where the damage was found:
// everything decompressed before it is kept, and problem() says what happened and where.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "buffer/decompressor.h"
#include "buffer/region.h"
#include "util/expected.h"

namespace bgplens {

class StreamingRegion final : public Region {
  struct Key {};  // make_shared needs a public constructor; start() is the way in

 public:
  // The most a decompressed file may take by default: the machine's physical memory (rounded
  // down to a whole GiB). The bytes live in anonymous memory, so beyond that they could only
  // be swapped out or get the process killed; a file that large is better decompressed to
  // disk and mapped.
  static std::uint64_t default_limit();

  // Starts decompressing `compressed` (whose content is compressed as `kind`) into a region of
  // at most `limit` bytes. `path` names the file in problem(). Fails only when the address
  // space cannot be reserved or `kind` is None.
  static Expected<std::shared_ptr<StreamingRegion>> start(std::shared_ptr<const Region> compressed,
                                                          Compression kind, std::string path,
                                                          std::uint64_t limit = default_limit());

  StreamingRegion(Key, std::shared_ptr<const Region> compressed, Compression kind, std::string path,
                  std::uint8_t* reserved, std::size_t reserved_length, std::uint64_t limit);
  // Stops the producer (at its next step) and waits for it before the memory goes.
  ~StreamingRegion() override;

  bool complete() const override { return complete_.load(std::memory_order_acquire); }
  std::uint64_t wait(std::uint64_t want, std::stop_token stop) const override;
  std::string problem() const override;

 private:
  void produce(std::stop_token stop);
  // Makes the reservation writable up to `end` (in large windows); false when refused.
  bool commit(std::uint64_t end);
  void publish(std::uint64_t size);
  void finish(std::string problem);
  void wake() const;

  std::shared_ptr<const Region> compressed_;
  Compression kind_;
  std::string path_;
  std::uint8_t* reserved_;  // the mapping the bytes go to
  std::size_t reserved_length_;
  std::uint64_t committed_ = 0;  // producer only: bytes of reserved_ made writable
  std::string problem_;          // written once, before complete_ is set
  std::atomic<bool> complete_{false};
  // Waiters announce themselves, so that a step with nobody waiting takes no lock.
  mutable std::atomic<int> waiters_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable_any changed_;
  std::jthread producer_;  // last: starts once everything above is in place
};

}  // namespace bgplens

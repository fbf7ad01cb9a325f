// A live source's poll loop on a thread of its own (the BMP station, the interface capture):
// the loop is opened on the caller's thread, so that what keeps it from starting (a port in
// use, no permission) comes back to the caller, then runs on the thread until stop() wakes it.
// `Loop` has `std::string open()` (empty on success), `void run()` and `void wake()` (safe
// from another thread).
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <utility>

namespace bgplens::live {

template <class Loop>
class LoopThread {
 public:
  LoopThread() = default;
  ~LoopThread() { stop(); }
  LoopThread(const LoopThread&) = delete;
  LoopThread& operator=(const LoopThread&) = delete;

  // Makes the loop from `args`, opens it and starts the thread; empty, or why not. A loop is
  // started once: a second start() is refused.
  template <class... Args>
  std::string start(Args&&... args) {
    if (loop_) return "already started";
    loop_ = std::make_unique<Loop>(std::forward<Args>(args)...);
    if (std::string error = loop_->open(); !error.empty()) {
      loop_.reset();
      return error;
    }
    thread_ = std::thread([this] { loop_->run(); });
    return {};
  }
  // Wakes the loop and joins its thread; safe twice.
  void stop() {
    if (!thread_.joinable()) return;
    loop_->wake();
    thread_.join();
  }

 private:
  std::unique_ptr<Loop> loop_;
  std::thread thread_;
};

}  // namespace bgplens::live

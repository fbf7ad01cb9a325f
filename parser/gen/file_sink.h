// Where the generators' output goes: a file, compressed with gzip (RFC 1952) or bzip2 when
// asked. Compression runs on a thread of its own, so that generating the next pieces and
// compressing the last ones overlap (bzip2 is several times slower than the generators).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "buffer/decompressor.h"  // Compression
#include "gen/bulk_capture.h"     // ChunkSink

namespace bgplens::gen {

class FileSink {
 public:
  // `file` stays the caller's (not closed here). Compression::Xz is not offered.
  FileSink(std::FILE* file, Compression compression);
  ~FileSink();
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  // Takes a copy of the piece; false once anything failed.
  bool write(Bytes piece);
  // Ends the compressed stream and flushes the file; false if anything failed (error() says).
  bool finish();
  ChunkSink sink() {
    return [this](Bytes piece) { return write(piece); };
  }
  std::uint64_t bytes_in() const { return in_; }
  std::uint64_t bytes_out() const { return out_; }
  std::string error() const;

  class Encoder;  // gzip or bzip2 (file_sink.cpp)

 private:
  void work();
  bool put(Bytes b);
  void fail(std::string why);

  std::FILE* file_;
  std::unique_ptr<Encoder> encoder_;
  std::uint64_t in_ = 0;
  std::uint64_t out_ = 0;
  bool finished_ = false;
  // Shared with the compressing thread.
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::deque<ByteVector> queue_;
  bool closing_ = false;
  bool failed_ = false;
  std::string error_;
  std::thread worker_;
};

}  // namespace bgplens::gen

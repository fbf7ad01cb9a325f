// The file a recorder streams to: appended to as messages arrive (a live session may run for
// hours), flushed to the operating system at least every `flush_interval` so that a crash or a
// reader opening the file meanwhile loses at most that much, and closed with a final flush.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "util/bytes.h"
#include "util/expected.h"

namespace bgplens::record {

class RecordFile {
 public:
  // Creates (or truncates) `path`. A zero interval flushes after every write.
  static Expected<RecordFile> create(const std::string& path,
                                     std::chrono::milliseconds flush_interval);

  // Appends `bytes` whole; false once anything failed (error() says what).
  bool write(Bytes bytes);
  bool flush();
  // Flushes and closes; false if that or anything before failed. Later writes fail.
  bool close();
  bool is_open() const { return file_ != nullptr; }
  std::uint64_t bytes_written() const { return written_; }
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  RecordFile(std::unique_ptr<std::FILE, Closer> file, std::string path,
             std::chrono::milliseconds interval);
  bool fail(const char* what, int error_number);

  std::unique_ptr<std::FILE, Closer> file_;
  std::string path_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_flush_;
  std::uint64_t written_ = 0;
  std::string error_;
};

}  // namespace bgplens::record

// bgplens-cli subcommands. Each returns the process exit code.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace bgplens::cli {

using Args = std::vector<std::string>;

int run_decode(const Args& args);
int run_generate(const Args& args);
int run_stats(const Args& args);
int run_live(const Args& args);

// Exit codes shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitInput = 2;  // a missing, unreadable or unsupported input file
// live: the source could not start (port in use, no such interface, no permission), or a BGP
// session never reached Established.
inline constexpr int kExitLive = 3;

// Prints "bgplens-cli: <message>" on stderr.
void fail(const std::string& message);

// The warning for a file that could not be read to its end: a decompression problem names the
// file itself ("F: the bzip2 stream ends early after ..."); a capture reader's does not.
inline std::string read_warning(const std::string& path, const std::string& read_error) {
  if (read_error.starts_with(path + ": ")) return "warning: " + read_error;
  return "warning: " + path + ": the file ends early: " + read_error;
}

// Standard output through one buffer, written out in large pieces (decode's JSON lines and
// bgpdump lines alike).
class Output {
 public:
  Output() { buffer_.reserve(kFlushAt + 65536); }
  ~Output() { flush(); }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  std::string& buffer() { return buffer_; }
  void line_done() {
    buffer_ += '\n';
    flush_if_full();
  }
  // For writers that append whole lines themselves.
  void flush_if_full() {
    if (buffer_.size() >= kFlushAt) flush();
  }
  void flush() {
    if (!buffer_.empty()) std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  std::string buffer_;
};

// decode --format bgpdump FILE (bgpdump_command.cpp): the MRT dump as `bgpdump -m` lines.
int run_decode_bgpdump(const std::string& path, bool stats, Output& out);

}  // namespace bgplens::cli

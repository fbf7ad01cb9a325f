// Compressed sources, told apart by their content (never by the file name): gzip (RFC 1952),
// bzip2, xz. A Decompressor works in steps over caller-given input and output, so it can run
// whole (decompress_all) or, fed piece by piece, on a thread of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/bytes.h"
#include "util/expected.h"

namespace bgplens {

enum class Compression : std::uint8_t { None, Gzip, Bzip2, Xz };

// From the first bytes: gzip 1F 8B (RFC 1952 §2.3.1), bzip2 "BZh1".."BZh9", xz FD "7zXZ" 00.
Compression detect_compression(Bytes head);
std::string_view compression_name(Compression c);  // "gzip", "bzip2", "xz", "none"
// A memory size for a message: "2 GiB", "256 MiB", or a byte count.
std::string size_text(std::uint64_t bytes);

class Decompressor {
 public:
  enum class Status : std::uint8_t {
    Ok,         // progress made; call again with more input or more room
    StreamEnd,  // one compressed stream (gzip member, bzip2 stream) ended
    Error,      // the data is damaged: error() says how
  };
  static std::unique_ptr<Decompressor> make(Compression c);
  virtual ~Decompressor() = default;
  // Reads from the front of `in` and writes to the front of `out`; both are shortened by what
  // was consumed and produced. `last` says no input follows `in`.
  virtual Status step(Bytes& in, std::span<std::uint8_t>& out, bool last) = 0;
  // Prepares for another stream after StreamEnd (files of concatenated streams).
  virtual bool restart() = 0;
  virtual std::string error() const = 0;
};

// Decompresses `in` whole, stream after stream, into memory of at most `limit` bytes.
// `accept_head` sees the first `head_size` bytes out and may refuse them (returns an error
// text), so that a large file of another kind is refused without decompressing it. Errors are
// one line and name `path`.
Expected<std::vector<std::uint8_t>> decompress_all(
    Compression c, Bytes in, const std::string& path, std::uint64_t limit, std::size_t head_size,
    const std::function<std::string(Bytes head)>& accept_head);

}  // namespace bgplens

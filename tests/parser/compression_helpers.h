// Compressing test data with the libraries themselves (zlib, libbz2, liblzma), and temporary
// files for it, shared by the tests of compressed sources.
#pragma once

#include <gtest/gtest.h>

#include <bzlib.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "util/bytes.h"

namespace bgplens::test {

using CompressedBytes = std::vector<std::uint8_t>;

// `data` as one gzip member (RFC 1952), compressed by zlib.
inline CompressedBytes gzip(Bytes data, int level = Z_BEST_COMPRESSION) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  CompressedBytes out(deflateBound(&z, data.size()) + 32);
  z.next_in = const_cast<Bytef*>(data.data());
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// `data` as one bzip2 stream, compressed by libbz2.
inline CompressedBytes bzip2(Bytes data, int block_size = 9) {
  CompressedBytes out(data.size() + data.size() / 100 + 600);
  auto size = static_cast<unsigned>(out.size());
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(reinterpret_cast<char*>(out.data()), &size,
                                     const_cast<char*>(reinterpret_cast<const char*>(data.data())),
                                     static_cast<unsigned>(data.size()), block_size, 0, 0),
            BZ_OK);
  out.resize(size);
  return out;
}

// `data` as one .xz stream, compressed by liblzma.
inline CompressedBytes xz(Bytes data, std::uint32_t preset = 6) {
  CompressedBytes out(lzma_stream_buffer_bound(data.size()));
  std::size_t size = 0;
  EXPECT_EQ(lzma_easy_buffer_encode(preset, LZMA_CHECK_CRC64, nullptr, data.data(), data.size(),
                                    out.data(), &size, out.size()),
            LZMA_OK);
  out.resize(size);
  return out;
}

// What zlib itself gets out of `packed` (one gzip member, perhaps cut short or damaged), for
// comparing with what the code under test keeps.
inline CompressedBytes gunzip_prefix(Bytes packed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = const_cast<Bytef*>(packed.data());
  z.avail_in = static_cast<uInt>(packed.size());
  CompressedBytes out;
  std::vector<std::uint8_t> buffer(1 << 16);
  for (;;) {
    z.next_out = buffer.data();
    z.avail_out = static_cast<uInt>(buffer.size());
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.insert(out.end(), buffer.data(), buffer.data() + (buffer.size() - z.avail_out));
    if (rc != Z_OK) break;
  }
  inflateEnd(&z);
  return out;
}

// What libbz2 itself gets out of `packed` (one bzip2 stream, perhaps cut short).
inline CompressedBytes bunzip2_prefix(Bytes packed) {
  bz_stream b{};
  EXPECT_EQ(BZ2_bzDecompressInit(&b, 0, 0), BZ_OK);
  b.next_in = const_cast<char*>(reinterpret_cast<const char*>(packed.data()));
  b.avail_in = static_cast<unsigned>(packed.size());
  CompressedBytes out;
  std::vector<std::uint8_t> buffer(1 << 20);
  for (;;) {
    b.next_out = reinterpret_cast<char*>(buffer.data());
    b.avail_out = static_cast<unsigned>(buffer.size());
    const int rc = BZ2_bzDecompress(&b);
    const std::size_t made = buffer.size() - b.avail_out;
    out.insert(out.end(), buffer.data(), buffer.data() + made);
    if (rc != BZ_OK || (made == 0 && b.avail_in == 0)) break;
  }
  BZ2_bzDecompressEnd(&b);
  return out;
}

// A file in the temporary directory, removed when the test is done with it.
class TempFile {
 public:
  TempFile(const std::string& name, Bytes bytes)
      : path_(std::filesystem::temp_directory_path() /
              ("bgplens-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream out(path_, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace bgplens::test

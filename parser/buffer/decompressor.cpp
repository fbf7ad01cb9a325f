#include "buffer/decompressor.h"

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "util/text.h"

namespace bgplens {
namespace {

// zlib and libbz2 count in 32-bit unsigned ints: larger spans are handed over in pieces.
constexpr std::size_t kStep = std::size_t{1} << 30;

// What the three decompressors share: remembering why the data was refused.
class FailingDecompressor : public Decompressor {
 public:
  std::string error() const final { return error_; }

 protected:
  Status fail(std::string why) {
    error_ = std::move(why);
    return Status::Error;
  }

 private:
  std::string error_;
};

class GzipDecompressor final : public FailingDecompressor {
 public:
  GzipDecompressor() { ok_ = inflateInit2(&z_, 15 + 16) == Z_OK; }  // +16: gzip wrapper only
  ~GzipDecompressor() override {
    if (ok_) inflateEnd(&z_);
  }
  Status step(Bytes& in, std::span<std::uint8_t>& out, bool) override {
    if (!ok_) return fail("cannot start gzip decompression");
    const std::size_t give = std::min(in.size(), kStep);
    const std::size_t room = std::min(out.size(), kStep);
    z_.next_in = const_cast<Bytef*>(in.data());
    z_.avail_in = static_cast<uInt>(give);
    z_.next_out = out.data();
    z_.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&z_, Z_NO_FLUSH);
    in = in.subspan(give - z_.avail_in);
    out = out.subspan(room - z_.avail_out);
    if (rc == Z_STREAM_END) return Status::StreamEnd;
    if (rc == Z_OK || rc == Z_BUF_ERROR) return Status::Ok;
    return fail(z_.msg ? z_.msg : text::cat("zlib error ", std::to_string(rc)));
  }
  bool restart() override { return ok_ && inflateReset(&z_) == Z_OK; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

class Bzip2Decompressor final : public FailingDecompressor {
 public:
  Bzip2Decompressor() { ok_ = BZ2_bzDecompressInit(&b_, 0, 0) == BZ_OK; }
  ~Bzip2Decompressor() override {
    if (ok_) BZ2_bzDecompressEnd(&b_);
  }
  Status step(Bytes& in, std::span<std::uint8_t>& out, bool) override {
    if (!ok_) return fail("cannot start bzip2 decompression");
    const std::size_t give = std::min(in.size(), kStep);
    const std::size_t room = std::min(out.size(), kStep);
    b_.next_in = const_cast<char*>(reinterpret_cast<const char*>(in.data()));
    b_.avail_in = static_cast<unsigned>(give);
    b_.next_out = reinterpret_cast<char*>(out.data());
    b_.avail_out = static_cast<unsigned>(room);
    const int rc = BZ2_bzDecompress(&b_);
    in = in.subspan(give - b_.avail_in);
    out = out.subspan(room - b_.avail_out);
    if (rc == BZ_STREAM_END) return Status::StreamEnd;
    if (rc == BZ_OK) return Status::Ok;
    return fail(rc == BZ_DATA_ERROR || rc == BZ_DATA_ERROR_MAGIC
                    ? "bzip2 data error"
                    : text::cat("bzip2 error ", std::to_string(rc)));
  }
  bool restart() override {
    if (ok_) BZ2_bzDecompressEnd(&b_);
    b_ = bz_stream{};
    ok_ = BZ2_bzDecompressInit(&b_, 0, 0) == BZ_OK;
    return ok_;
  }

 private:
  bz_stream b_{};
  bool ok_ = false;
};

class XzDecompressor final : public FailingDecompressor {
 public:
  // LZMA_CONCATENATED: a file of several .xz streams decodes as one, as xz -d does.
  XzDecompressor() { ok_ = lzma_stream_decoder(&s_, UINT64_MAX, LZMA_CONCATENATED) == LZMA_OK; }
  ~XzDecompressor() override { lzma_end(&s_); }
  Status step(Bytes& in, std::span<std::uint8_t>& out, bool last) override {
    if (!ok_) return fail("cannot start xz decompression");
    s_.next_in = in.data();
    s_.avail_in = in.size();
    s_.next_out = out.data();
    s_.avail_out = out.size();
    const lzma_ret rc = lzma_code(&s_, last ? LZMA_FINISH : LZMA_RUN);
    in = in.subspan(in.size() - s_.avail_in);
    out = out.subspan(out.size() - s_.avail_out);
    if (rc == LZMA_STREAM_END) return Status::StreamEnd;
    if (rc == LZMA_OK || rc == LZMA_BUF_ERROR) return Status::Ok;
    return fail(rc == LZMA_DATA_ERROR     ? "xz data error"
                : rc == LZMA_FORMAT_ERROR ? "not xz data"
                : rc == LZMA_MEM_ERROR    ? "xz needs more memory than is available"
                                          : text::cat("xz error ", std::to_string(rc)));
  }
  bool restart() override { return false; }  // concatenated streams are one decode

 private:
  lzma_stream s_ = LZMA_STREAM_INIT;
  bool ok_ = false;
};

}  // namespace

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 30) && bytes % (std::uint64_t{1} << 30) == 0)
    return text::cat(std::to_string(bytes >> 30), " GiB");
  if (bytes >= (std::uint64_t{1} << 20) && bytes % (std::uint64_t{1} << 20) == 0)
    return text::cat(std::to_string(bytes >> 20), " MiB");
  return text::byte_count(bytes);
}

Compression detect_compression(Bytes b) {
  if (b.size() >= 2 && b[0] == 0x1F && b[1] == 0x8B) return Compression::Gzip;
  if (b.size() >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9')
    return Compression::Bzip2;
  static constexpr std::uint8_t kXz[6] = {0xFD, '7', 'z', 'X', 'Z', 0x00};
  if (b.size() >= 6 && std::memcmp(b.data(), kXz, 6) == 0) return Compression::Xz;
  return Compression::None;
}

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::Gzip:
      return "gzip";
    case Compression::Bzip2:
      return "bzip2";
    case Compression::Xz:
      return "xz";
    case Compression::None:
      break;
  }
  return "none";
}

std::unique_ptr<Decompressor> Decompressor::make(Compression c) {
  switch (c) {
    case Compression::Gzip:
      return std::make_unique<GzipDecompressor>();
    case Compression::Bzip2:
      return std::make_unique<Bzip2Decompressor>();
    case Compression::Xz:
      return std::make_unique<XzDecompressor>();
    case Compression::None:
      break;
  }
  return nullptr;
}

Expected<std::vector<std::uint8_t>> decompress_all(
    Compression c, Bytes in, const std::string& path, std::uint64_t limit, std::size_t head_size,
    const std::function<std::string(Bytes head)>& accept_head) {
  const std::string kind(compression_name(c));
  auto d = Decompressor::make(c);
  if (!d) return unexpected(text::cat(path, " is not ", kind, "-compressed"));
  std::vector<std::uint8_t> out(std::size_t{1} << 16);
  std::size_t produced = 0;
  bool head_checked = false;
  Bytes rest = in;
  for (;;) {
    if (out.size() == produced) {
      if (out.size() >= limit) {
        return unexpected(text::cat(path, ": the ", kind,
                                    "-compressed file decompresses to more than ", size_text(limit),
                                    ", more than BGP Lens holds in memory; "
                                    "decompress it and open the result"));
      }
      out.resize(std::min<std::uint64_t>(out.size() * 2, limit));
    }
    std::span<std::uint8_t> room(out.data() + produced, out.size() - produced);
    const std::size_t before = room.size();
    const Decompressor::Status status = d->step(rest, room, true);
    produced += before - room.size();
    if (!head_checked && produced >= head_size) {
      const std::string refusal = accept_head(Bytes(out.data(), head_size));
      if (!refusal.empty()) return unexpected(refusal);
      head_checked = true;
      // gzip's ISIZE, the last member's size modulo 2^32 (RFC 1952 §2.3.1), is right for the
      // usual single member under 4 GiB and a first guess otherwise. A truncated file ends in
      // arbitrary bytes, so the guess is held to what deflate can reach (1032:1 at most).
      if (c == Compression::Gzip && in.size() >= 18) {
        const std::uint64_t isize = load_le32(in.data() + in.size() - 4);
        const std::uint64_t guess = std::min({isize, in.size() * std::uint64_t{1032}, limit});
        if (guess > out.size()) out.resize(guess);
      }
    }
    if (status == Decompressor::Status::Error)
      return unexpected(
          text::cat(path, ": the ", kind, "-compressed data is damaged (", d->error(), ")"));
    if (status == Decompressor::Status::StreamEnd) {
      // Another stream follows, or the file ends (anything else after the last stream — tape
      // padding, say — is ignored, as gzip and bzip2 themselves do).
      if (rest.empty() || detect_compression(rest) != c || !d->restart()) break;
      continue;
    }
    if (rest.empty() && !room.empty()) {
      // Every byte read, output room left, and no end of stream: the file was cut short.
      return unexpected(text::cat(path, ": the ", kind,
                                  "-compressed data ends early (the file is "
                                  "truncated after ",
                                  std::to_string(produced),
                                  " bytes); what is there can be recovered with the ", kind,
                                  " tool"));
    }
  }
  if (!head_checked) {
    const std::string refusal = accept_head(Bytes(out.data(), std::min(produced, head_size)));
    if (!refusal.empty()) return unexpected(refusal);
  }
  out.resize(produced);
  if (out.capacity() - out.size() > out.size() / 8) out.shrink_to_fit();
  return out;
}

}  // namespace bgplens

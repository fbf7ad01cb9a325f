#include "gen/file_sink.h"

#include <bzlib.h>
#include <zlib.h>

#include <array>
#include <functional>
#include <stdexcept>

namespace bgplens::gen {

// Compresses what it is given, stepwise, and hands the output on.
class FileSink::Encoder {
 public:
  using Emit = std::function<bool(Bytes)>;
  virtual ~Encoder() = default;
  // Compresses `in`; with `last`, ends the stream.
  virtual bool encode(Bytes in, bool last, const Emit& emit) = 0;

 protected:
  std::array<std::uint8_t, 1 << 18> buf_{};
};

namespace {

class GzipEncoder final : public FileSink::Encoder {
 public:
  GzipEncoder() {
    // Level 6 (zlib's default, what gzip(1) does); 15 + 16: a gzip wrapper (RFC 1952).
    if (deflateInit2(&z_, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("cannot start gzip compression");
  }
  ~GzipEncoder() override { deflateEnd(&z_); }
  bool encode(Bytes in, bool last, const Emit& emit) override {
    z_.next_in = const_cast<Bytef*>(in.data());
    z_.avail_in = static_cast<uInt>(in.size());
    for (;;) {
      z_.next_out = buf_.data();
      z_.avail_out = static_cast<uInt>(buf_.size());
      const int rc = deflate(&z_, last ? Z_FINISH : Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) return false;
      if (!emit(Bytes(buf_.data(), buf_.size() - z_.avail_out))) return false;
      if (last ? rc == Z_STREAM_END : z_.avail_in == 0 && z_.avail_out != 0) return true;
    }
  }

 private:
  z_stream z_{};
};

class Bzip2Encoder final : public FileSink::Encoder {
 public:
  Bzip2Encoder() {
    // 900 kB blocks (bzip2(1)'s default, -9), default work factor.
    if (BZ2_bzCompressInit(&b_, 9, 0, 0) != BZ_OK)
      throw std::runtime_error("cannot start bzip2 compression");
  }
  ~Bzip2Encoder() override { BZ2_bzCompressEnd(&b_); }
  bool encode(Bytes in, bool last, const Emit& emit) override {
    b_.next_in = const_cast<char*>(reinterpret_cast<const char*>(in.data()));
    b_.avail_in = static_cast<unsigned>(in.size());
    for (;;) {
      b_.next_out = reinterpret_cast<char*>(buf_.data());
      b_.avail_out = static_cast<unsigned>(buf_.size());
      const int rc = BZ2_bzCompress(&b_, last ? BZ_FINISH : BZ_RUN);
      if (rc != BZ_RUN_OK && rc != BZ_FINISH_OK && rc != BZ_STREAM_END) return false;
      if (!emit(Bytes(buf_.data(), buf_.size() - b_.avail_out))) return false;
      if (last ? rc == BZ_STREAM_END : b_.avail_in == 0) return true;
    }
  }

 private:
  bz_stream b_{};
};

// Queued pieces ahead of the compressor at most: a few MiB.
constexpr std::size_t kQueued = 4;

}  // namespace

FileSink::FileSink(std::FILE* file, Compression compression) : file_(file) {
  switch (compression) {
    case Compression::None:
      return;
    case Compression::Gzip:
      encoder_ = std::make_unique<GzipEncoder>();
      break;
    case Compression::Bzip2:
      encoder_ = std::make_unique<Bzip2Encoder>();
      break;
    case Compression::Xz:
      throw std::invalid_argument("xz output is not offered");
  }
  worker_ = std::thread([this] { work(); });
}

FileSink::~FileSink() {
  if (worker_.joinable()) {
    {
      const std::lock_guard lock(m_);
      closing_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
}

bool FileSink::put(Bytes b) {
  if (b.empty()) return true;
  if (std::fwrite(b.data(), 1, b.size(), file_) != b.size()) return false;
  out_ += b.size();
  return true;
}

void FileSink::fail(std::string why) {
  const std::lock_guard lock(m_);
  if (!failed_) error_ = std::move(why);
  failed_ = true;
  cv_.notify_all();
}

std::string FileSink::error() const {
  const std::lock_guard lock(m_);
  return error_;
}

bool FileSink::write(Bytes piece) {
  in_ += piece.size();
  if (!encoder_) {
    if (put(piece)) return true;
    fail("cannot write the file");
    return false;
  }
  std::unique_lock lock(m_);
  cv_.wait(lock, [this] { return failed_ || queue_.size() < kQueued; });
  if (failed_) return false;
  queue_.emplace_back(piece.begin(), piece.end());
  cv_.notify_all();
  return true;
}

void FileSink::work() {
  const auto emit = [this](Bytes b) { return put(b); };
  for (;;) {
    ByteVector piece;
    bool last = false;
    {
      std::unique_lock lock(m_);
      cv_.wait(lock, [this] { return !queue_.empty() || closing_ || failed_; });
      if (failed_) return;
      if (!queue_.empty()) {
        piece = std::move(queue_.front());
        queue_.pop_front();
        cv_.notify_all();
      } else {
        last = true;  // closing, and everything queued is compressed
      }
    }
    if (!encoder_->encode(piece, last, emit)) return fail("cannot compress or write the file");
    if (last) return;
  }
}

bool FileSink::finish() {
  if (!finished_) {
    finished_ = true;
    if (worker_.joinable()) {
      {
        const std::lock_guard lock(m_);
        closing_ = true;
      }
      cv_.notify_all();
      worker_.join();
    }
    if (std::fflush(file_) != 0) fail("cannot write the file");
  }
  const std::lock_guard lock(m_);
  return !failed_;
}

}  // namespace bgplens::gen

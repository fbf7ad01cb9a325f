#include "index/source_file.h"

#include <zlib.h>

#include <algorithm>
#include <vector>

#include "capture/pcap_reader.h"

namespace bgplens {
namespace {

// A decompressed capture is held in memory (a plain one is only mapped), so it is bounded.
constexpr std::uint64_t kMaxDecompressed = std::uint64_t{2} << 30;
// zlib counts in 32-bit unsigned ints: input and output are handed over in pieces of this.
constexpr std::size_t kZlibStep = std::size_t{1} << 30;

// The gzip magic (RFC 1952 §2.3.1). Told from the content, not the name, as for pcap.
bool is_gzip(Bytes b) {
  return b.size() >= 2 && b[0] == 0x1F && b[1] == 0x8B;
}

class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&z_, 15 + 16) == Z_OK; }  // +16: gzip wrapper only
  ~Inflater() {
    if (ok_) inflateEnd(&z_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream& z() { return z_; }

 private:
  z_stream z_{};
  bool ok_ = false;
};

// Inflates every member of a gzip file (members may be concatenated, RFC 1952 §2.2). What
// it holds must start like a capture: that is checked as soon as 4 bytes are out, so that a
// large compressed file of another kind is refused without decompressing it.
Expected<std::vector<std::uint8_t>> gunzip(Bytes in, const std::string& path) {
  Inflater inflater;
  if (!inflater.ok()) return unexpected(path + ": cannot start gzip decompression");
  z_stream& z = inflater.z();
  std::vector<std::uint8_t> out(std::size_t{1} << 16);
  bool is_capture = false;
  std::size_t fed = 0;
  std::size_t produced = 0;
  for (;;) {
    if (z.avail_in == 0 && fed < in.size()) {
      const std::size_t step = std::min(in.size() - fed, kZlibStep);
      z.next_in = const_cast<Bytef*>(in.data() + fed);
      z.avail_in = static_cast<uInt>(step);
      fed += step;
    }
    if (out.size() == produced) {
      if (out.size() >= kMaxDecompressed) {
        return unexpected(path +
                          ": the gzip-compressed capture decompresses to more than 2 GiB, more "
                          "than BGP Lens holds in memory; decompress it (gunzip) and open the "
                          "result");
      }
      out.resize(std::min<std::uint64_t>(out.size() * 2, kMaxDecompressed));
    }
    const std::size_t room = std::min(out.size() - produced, kZlibStep);
    z.next_out = out.data() + produced;
    z.avail_out = static_cast<uInt>(room);
    const int rc = inflate(&z, Z_NO_FLUSH);
    produced += room - z.avail_out;
    if (!is_capture && produced >= 4) {
      if (!looks_like_capture(Bytes(out.data(), 4)))
        return unexpected(path + " is not a pcap or pcapng capture");
      is_capture = true;
      // ISIZE, the last member's size modulo 2^32 (RFC 1952 §2.3.1), is right for the usual
      // single member under 4 GiB and a first guess otherwise. A truncated file ends in
      // arbitrary bytes, so the guess is held to what deflate can reach (1032:1 at most).
      if (in.size() >= 18) {
        const std::uint64_t isize = load_le32(in.data() + in.size() - 4);
        const std::uint64_t guess =
            std::min({isize, in.size() * std::uint64_t{1032}, kMaxDecompressed});
        if (guess > out.size()) out.resize(guess);
      }
    }
    if (rc == Z_STREAM_END) {
      const std::size_t rest = z.avail_in + (in.size() - fed);
      const Bytes next = in.subspan(in.size() - rest);
      // Another member follows, or the file ends (anything else after the last member — tape
      // padding, say — is ignored, as gzip itself does).
      if (!is_gzip(next)) break;
      inflateReset(&z);
      continue;
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) {
      if (z.avail_in == 0 && fed == in.size() && z.avail_out > 0) {
        // Every byte read, output room left, and no end of stream: the file was cut short.
        return unexpected(path + ": the gzip-compressed data ends early (the file is truncated " +
                          "after " + std::to_string(produced) +
                          " bytes of capture); gzip -dc recovers what is there");
      }
      continue;
    }
    return unexpected(path + ": the gzip-compressed data is damaged (" +
                      std::string(z.msg ? z.msg : "zlib error " + std::to_string(rc)) + ")");
  }
  if (!is_capture) return unexpected(path + " is not a pcap or pcapng capture");
  out.resize(produced);
  if (out.capacity() - out.size() > out.size() / 8) out.shrink_to_fit();
  return out;
}

}  // namespace

Expected<std::shared_ptr<ByteStore>> open_source_file(const std::string& path) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return unexpected("cannot open " + mapped.error());
  if (is_gzip((*mapped)->bytes())) {
    // .pcap.gz and .pcapng.gz: the store owns the decompressed bytes; the mapping goes.
    auto bytes = gunzip((*mapped)->bytes(), path);
    if (!bytes) return unexpected(bytes.error());
    return std::make_shared<ByteStore>(std::make_shared<OwnedRegion>(std::move(*bytes)));
  }
  auto store = std::make_shared<ByteStore>(*mapped);
  if (!looks_like_capture(store->view(0, std::min<std::uint64_t>(store->base_size(), 4)))) {
    return unexpected(path + " is not a pcap or pcapng capture");
  }
  return store;
}

}  // namespace bgplens

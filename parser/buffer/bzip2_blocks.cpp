#include "buffer/bzip2_blocks.h"

#include <bzlib.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <new>

namespace bgplens::bzip2 {
namespace {

// --- Finding magics --------------------------------------------------------------------------
//
// A magic starting at bit 8i+s of the file fills byte i from bit s on, then whole bytes. The
// scan looks at each pair of bytes once: the two bytes a magic at one of the 8 shifts would
// fill first, a 16-bit key. A bit set of the 16 keys (8 shifts of 2 magics) rules out all but
// about one byte position in 4000, and only those are checked bit by bit.

struct Candidate {
  std::uint64_t magic;
  MarkKind kind;
  unsigned shift;  // the magic's first bit within its first byte
  std::uint16_t key;
};

constexpr Candidate candidate(std::uint64_t magic, MarkKind kind, unsigned shift) {
  // With shift 0 the first whole byte is the magic's first; otherwise the one after, which
  // holds the magic's bits from 8 - shift on.
  const unsigned skipped = shift == 0 ? 0 : 8 - shift;
  return {magic, kind, shift,
          static_cast<std::uint16_t>((magic >> (kMagicBits - skipped - 16)) & 0xFFFF)};
}

// In the order of the magic's first bit for one pair position j: shifts 1..7 start in byte
// j - 1, shift 0 in byte j.
constexpr std::array<Candidate, 16> make_candidates() {
  std::array<Candidate, 16> out{};
  std::size_t n = 0;
  for (unsigned shift : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 0u}) {
    out[n++] = candidate(kBlockMagic, MarkKind::Block, shift);
    out[n++] = candidate(kEndMagic, MarkKind::End, shift);
  }
  return out;
}
constexpr std::array<Candidate, 16> kCandidates = make_candidates();

constexpr std::array<std::uint64_t, 1024> make_filter() {
  std::array<std::uint64_t, 1024> bits{};
  for (const Candidate& c : kCandidates)
    bits[c.key >> 6] |= std::uint64_t{1} << (c.key & 63);
  return bits;
}
constexpr std::array<std::uint64_t, 1024> kFilter = make_filter();

// --- Building bit strings --------------------------------------------------------------------

class BitWriter {
 public:
  void clear() {
    bytes_.clear();
    bits_ = 0;
  }
  // The low `count` bits of `value`, most significant first.
  void put(std::uint64_t value, unsigned count) {
    for (unsigned i = count; i-- > 0;) {
      if (bits_ % 8 == 0) bytes_.push_back(0);
      if ((value >> i) & 1) bytes_.back() |= static_cast<std::uint8_t>(0x80 >> (bits_ % 8));
      ++bits_;
    }
  }
  // Bits [from, to) of `src`.
  void copy(Bytes src, std::uint64_t from, std::uint64_t to) {
    while (from < to) {
      const auto n = static_cast<unsigned>(std::min<std::uint64_t>(to - from, 32));
      put(read_bits(src, from, n), n);
      from += n;
    }
  }
  std::uint64_t bits() const { return bits_; }
  // Padded with zero bits to a whole byte.
  Bytes bytes() const { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::uint64_t bits_ = 0;
};

// --- Aligning blocks -------------------------------------------------------------------------
//
// A block that starts s bits into a byte (s = 1..7) is handed to libbz2 after the stream
// header (32 bits) and a complete tiny block whose length in bits is s modulo 8, so that it
// starts s bits into a byte there too. The tiny blocks are libbz2's own compression of short
// strings, tried until every length modulo 8 is covered (a few dozen tries), each checked by
// decompressing it.

struct Aligner {
  BitWriter block;     // the block's bits, from its magic to just before the end magic
  std::uint32_t crc;   // its CRC, as stored after its magic
  std::size_t output;  // bytes it decompresses to
};
using Aligners = std::array<std::optional<Aligner>, 8>;

// The aligner alone in a stream decompresses to `input`.
bool aligner_works(const Aligner& a, const std::vector<char>& input) {
  BitWriter stream;
  stream.put(0x425A6831, 32);  // "BZh1"
  stream.copy(a.block.bytes(), 0, a.block.bits());
  stream.put(kEndMagic, kMagicBits);
  stream.put(a.crc, kCrcBits);  // the combined CRC of a one-block stream is the block's
  const Bytes packed = stream.bytes();
  std::vector<char> out(input.size() + 1);
  auto size = static_cast<unsigned>(out.size());
  return BZ2_bzBuffToBuffDecompress(out.data(), &size,
                                    const_cast<char*>(reinterpret_cast<const char*>(packed.data())),
                                    static_cast<unsigned>(packed.size()), 0, 0) == BZ_OK &&
         size == input.size() && std::equal(input.begin(), input.end(), out.begin());
}

Aligners make_aligners() {
  Aligners table;
  unsigned missing = 7;
  std::uint32_t x = 12345;
  for (unsigned attempt = 0; attempt < 4096 && missing > 0; ++attempt) {
    std::vector<char> input(1 + attempt % 48);
    for (char& c : input) {
      x = x * 1664525u + 1013904223u;
      c = static_cast<char>('a' + (x >> 24) % (1 + attempt % 26));
    }
    std::vector<char> packed(input.size() + 600);
    auto size = static_cast<unsigned>(packed.size());
    if (BZ2_bzBuffToBuffCompress(packed.data(), &size, input.data(),
                                 static_cast<unsigned>(input.size()), 1, 0, 0) != BZ_OK)
      continue;
    const Bytes stream(reinterpret_cast<const std::uint8_t*>(packed.data()), size);
    if (read_bits(stream, 32, kMagicBits) != kBlockMagic) continue;
    std::vector<Mark> marks;
    find_marks(stream, 32 + kMagicBits, std::uint64_t{size} * 8, marks);
    const auto end = std::find_if(marks.begin(), marks.end(),
                                  [](const Mark& m) { return m.kind == MarkKind::End; });
    if (end == marks.end()) continue;
    const std::uint64_t length = end->bit - 32;
    const unsigned slot = length % 8;
    if (slot == 0 || table[slot]) continue;
    Aligner a{
        {}, static_cast<std::uint32_t>(read_bits(stream, 32 + kMagicBits, kCrcBits)), input.size()};
    a.block.copy(stream, 32, end->bit);
    if (!aligner_works(a, input)) continue;
    table[slot] = std::move(a);
    --missing;
  }
  return table;
}

const Aligners& aligners() {
  static const Aligners table = make_aligners();
  return table;
}

// Output handed to libbz2 per call: the stop token is looked at between calls.
constexpr std::size_t kOutputStep = std::size_t{1} << 20;
// libbz2 counts input in 32-bit unsigned ints.
constexpr std::size_t kInputStep = std::size_t{1} << 30;

}  // namespace

std::uint64_t read_bits(Bytes data, std::uint64_t bit, unsigned count) {
  const std::uint64_t byte = bit / 8;
  std::uint64_t window = 0;
  if (byte + 8 <= data.size()) {
    window = load_be64(data.data() + byte);
  } else {
    for (std::uint64_t i = byte; i < byte + 8; ++i)
      window = (window << 8) | (i < data.size() ? data[i] : 0);
  }
  return (window << (bit % 8)) >> (64 - count);
}

void find_marks(Bytes data, std::uint64_t from_bit, std::uint64_t to_bit, std::vector<Mark>& out) {
  const std::uint64_t total = std::uint64_t{data.size()} * 8;
  if (total < kMagicBits) return;
  to_bit = std::min(to_bit, total - kMagicBits + 1);
  if (from_bit >= to_bit) return;
  // j is the magic's first whole byte: its first bit is 8j (shift 0) or 8(j - 1) + shift.
  const std::uint64_t first = from_bit / 8;
  const std::uint64_t last = std::min<std::uint64_t>((to_bit - 1) / 8 + 1, data.size() - 2);
  const std::uint8_t* d = data.data();
  for (std::uint64_t j = first; j <= last; ++j) {
    const unsigned key = (unsigned{d[j]} << 8) | d[j + 1];
    if (((kFilter[key >> 6] >> (key & 63)) & 1) == 0) continue;
    for (const Candidate& c : kCandidates) {
      if (c.key != key || (c.shift != 0 && j == 0)) continue;
      const std::uint64_t bit = c.shift == 0 ? 8 * j : 8 * (j - 1) + c.shift;
      if (bit >= from_bit && bit < to_bit && read_bits(data, bit, kMagicBits) == c.magic)
        out.push_back({bit, c.kind});
    }
  }
}

std::string error_text(int code) {
  return code == BZ_DATA_ERROR || code == BZ_DATA_ERROR_MAGIC
             ? std::string("bzip2 data error")
             : "bzip2 error " + std::to_string(code);
}

// The memory libbz2 asks for, kept for the next block instead of being freed.
class BlockDecoder::Arena {
 public:
  static void* allocate(void* self, int n, int m) {
    return static_cast<Arena*>(self)->take(static_cast<std::size_t>(n) *
                                           static_cast<std::size_t>(m));
  }
  static void release(void* self, void* p) { static_cast<Arena*>(self)->give(p); }

 private:
  struct Chunk {
    std::unique_ptr<std::byte[]> memory;
    std::size_t size = 0;
    bool used = false;
  };

  void* take(std::size_t size) noexcept {
    for (Chunk& c : chunks_) {
      if (!c.used && c.size == size) {
        c.used = true;
        return c.memory.get();
      }
    }
    // libbz2 holds two or three pieces at once; more kept means streams of another block
    // size came before, whose pieces are no use now.
    if (chunks_.size() >= 4) std::erase_if(chunks_, [](const Chunk& c) { return !c.used; });
    try {
      chunks_.push_back({std::make_unique_for_overwrite<std::byte[]>(size), size, true});
    } catch (const std::bad_alloc&) {
      return nullptr;  // libbz2 says BZ_MEM_ERROR
    }
    return chunks_.back().memory.get();
  }
  void give(void* p) noexcept {
    for (Chunk& c : chunks_)
      if (c.memory.get() == p) c.used = false;
  }

  std::vector<Chunk> chunks_;
};

BlockDecoder::BlockDecoder() : arena_(std::make_unique<Arena>()) {}
BlockDecoder::~BlockDecoder() = default;

bool BlockDecoder::available() {
  const Aligners& table = aligners();
  return std::all_of(table.begin() + 1, table.end(), [](const auto& a) { return a.has_value(); });
}

BlockDecoder::Result BlockDecoder::decode(Bytes file, char level, std::uint64_t begin,
                                          std::optional<std::uint64_t> end,
                                          std::vector<std::uint8_t>& out,
                                          const std::stop_token& stop) {
  const unsigned offset = begin % 8;
  if (offset != 0 && !aligners()[offset]) return {Status::Damaged, 0, 0, 0, BZ_CONFIG_ERROR};
  const Aligner* aligner = offset == 0 ? nullptr : &*aligners()[offset];
  // The file's bytes from the first whole one after `begin` to the last whole one before
  // `end` go to libbz2 as they are; the bits before and after are copied into head and tail.
  const std::uint64_t body_begin = (begin + 7) / 8;
  const std::uint64_t body_end = end ? *end / 8 : file.size();
  if (end && *end < begin + kMagicBits) {
    // Too short to hold a block: libbz2 would read past `end` whatever the bits.
    return {Status::NeedsMore, 0, 0, *end / 8 + 1, 0};
  }
  BitWriter head;
  head.put(0x425A6800u | static_cast<std::uint8_t>(level), 32);  // "BZh" and the digit
  if (aligner) head.copy(aligner->block.bytes(), 0, aligner->block.bits());
  head.copy(file, begin, std::min(8 * body_begin, std::uint64_t{file.size()} * 8));
  BitWriter tail;
  if (end) {
    tail.copy(file, 8 * body_end, *end);
    tail.put(kEndMagic, kMagicBits);
    const auto block_crc = static_cast<std::uint32_t>(read_bits(file, begin + 48, kCrcBits));
    tail.put(combine_crc(aligner ? combine_crc(0, aligner->crc) : 0, block_crc), kCrcBits);
  }
  const std::array<Bytes, 3> pieces = {
      head.bytes(), file.subspan(body_begin, body_end - std::min(body_begin, body_end)),
      tail.bytes()};
  // Bytes libbz2 has read, counted in the file: the head's last byte is the file's byte
  // before body_begin (or, for a block starting on a byte, the head holds none of the file).
  const auto in_file = [&](std::uint64_t read) {
    return read + body_begin >= pieces[0].size() ? read + body_begin - pieces[0].size() : 0;
  };

  bz_stream s{};
  s.bzalloc = &Arena::allocate;
  s.bzfree = &Arena::release;
  s.opaque = arena_.get();
  if (const int rc = BZ2_bzDecompressInit(&s, 0, 0); rc != BZ_OK)
    return {Status::Damaged, 0, 0, in_file(0), rc};
  struct Ender {
    bz_stream& s;
    ~Ender() { BZ2_bzDecompressEnd(&s); }
  } ender{s};

  std::size_t piece = 0;
  std::size_t given = 0;  // bytes of pieces[piece] handed over
  auto feed = [&] {
    while (piece < pieces.size() && given == pieces[piece].size()) {
      ++piece;
      given = 0;
    }
    if (piece == pieces.size()) return false;
    const std::size_t n = std::min(pieces[piece].size() - given, kInputStep);
    s.next_in = const_cast<char*>(reinterpret_cast<const char*>(pieces[piece].data() + given));
    s.avail_in = static_cast<unsigned>(n);
    given += n;
    return true;
  };
  feed();
  std::array<char, 64> dropped{};  // the aligner's output
  const std::size_t drop = aligner ? aligner->output : 0;
  std::size_t skipped = 0;
  std::size_t made = 0;
  auto read = [&] { return (std::uint64_t{s.total_in_hi32} << 32) | s.total_in_lo32; };
  for (;;) {
    if (stop.stop_requested()) return {Status::Stopped, made, 0, in_file(read()), 0};
    if (skipped < drop) {
      s.next_out = dropped.data() + skipped;
      s.avail_out = static_cast<unsigned>(std::min(drop - skipped, dropped.size()));
    } else {
      if (made == out.size()) out.resize(std::max(out.size() * 2, kOutputStep));
      s.next_out = reinterpret_cast<char*>(out.data() + made);
      s.avail_out = static_cast<unsigned>(std::min(out.size() - made, kOutputStep));
    }
    const unsigned room = s.avail_out;
    const std::uint64_t read_before = read();
    const int rc = BZ2_bzDecompress(&s);
    const std::size_t wrote = room - s.avail_out;
    (skipped < drop ? skipped : made) += wrote;
    if (rc == BZ_STREAM_END) {
      // Without `end`, a stream end takes an end magic in the file after `begin` that ends
      // this block, which the caller has ruled out (none it found did); and libbz2's combined
      // CRC, which counts the aligner, would not match the file's anyway.
      if (!end) return {Status::Damaged, made, 0, in_file(read()), BZ_DATA_ERROR};
      return {Status::Ok, made, static_cast<std::uint32_t>(read_bits(file, begin + 48, kCrcBits)),
              in_file(read()), 0};
    }
    if (rc != BZ_OK) return {Status::Damaged, made, 0, in_file(read()), rc};
    if (s.avail_in == 0 && s.avail_out > 0) {
      if (!feed()) return {Status::NeedsMore, made, 0, in_file(read()), 0};
    } else if (wrote == 0 && read() == read_before) {
      return {Status::Damaged, made, 0, in_file(read()), BZ_SEQUENCE_ERROR};  // no progress
    }
  }
}

}  // namespace bgplens::bzip2

// bzip2 decompressed block by block on several threads (bzip2_blocks.h, bzip2_parallel.h, and
// StreamingRegion, which uses them) gives what libbz2 gives reading the file from start to
// end: the same bytes, and for a cut or damaged file the same bytes before the fault and the
// fault at the same place, worded as the sequential path words it. The reference is libbz2
// itself, called directly here. Compressed data is made by libbz2; the shared .bz2 files
// (some cut at 1 MB) are read in place.
#include <gtest/gtest.h>

#include <bzlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "buffer/bzip2_blocks.h"
#include "buffer/bzip2_parallel.h"
#include "buffer/region.h"
#include "buffer/streaming_region.h"

#include "parser/compression_helpers.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

using namespace std::chrono_literals;
using Data = std::vector<std::uint8_t>;
namespace bz = bgplens::bzip2;

// Text-like bytes with runs and some binary noise: compressible, but every block different.
Data varied(std::size_t size, std::uint32_t seed) {
  static const char* const kWords[] = {
      "TABLE_DUMP2|", "192.0.2.0/24|", "AS65001 ",   "2001:db8::/32",
      "|IGP|",        "withdraw ",     "65000:100 ", "\n"};
  Data out;
  out.reserve(size);
  std::uint32_t x = seed;
  auto next = [&] { return x = x * 1664525u + 1013904223u; };
  while (out.size() < size) {
    const std::uint32_t r = next();
    switch ((r >> 28) % 8) {
      case 5:  // a run, for bzip2's run-length stage
        out.insert(out.end(), 1 + (r >> 8) % 40, static_cast<std::uint8_t>(r >> 20));
        break;
      case 6:
      case 7:
        for (int i = 0; i < 6; ++i)
          out.push_back(static_cast<std::uint8_t>(next() >> 24));
        break;
      default:
        for (const char* c = kWords[(r >> 8) % std::size(kWords)]; *c; ++c)
          out.push_back(static_cast<std::uint8_t>(*c));
    }
  }
  out.resize(size);
  return out;
}

Data concat(std::initializer_list<Data> parts) {
  Data out;
  for (const Data& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::string kept(std::uint64_t n) {
  return "; the " + std::to_string(n) + " bytes decompressed before that are kept";
}

struct Decoded {
  Data bytes;
  std::string problem;
};

// libbz2 from the first byte to the last, stream after stream, worded as StreamingRegion does.
Decoded sequential(Bytes file, const std::string& path) {
  Decoded r;
  std::size_t at = 0;
  Data buffer(1 << 20);
  for (;;) {
    bz_stream b{};
    EXPECT_EQ(BZ2_bzDecompressInit(&b, 0, 0), BZ_OK);
    b.next_in = const_cast<char*>(reinterpret_cast<const char*>(file.data() + at));
    b.avail_in = static_cast<unsigned>(file.size() - at);
    int rc = BZ_OK;
    for (;;) {
      b.next_out = reinterpret_cast<char*>(buffer.data());
      b.avail_out = static_cast<unsigned>(buffer.size());
      rc = BZ2_bzDecompress(&b);
      r.bytes.insert(r.bytes.end(), buffer.data(), buffer.data() + (buffer.size() - b.avail_out));
      if (rc != BZ_OK || (b.avail_in == 0 && b.avail_out > 0)) break;
    }
    const std::size_t consumed = file.size() - b.avail_in;
    BZ2_bzDecompressEnd(&b);
    if (rc == BZ_STREAM_END) {
      at = consumed;
      const Bytes rest = file.subspan(at);
      if (rest.size() >= 4 && rest[0] == 'B' && rest[1] == 'Z' && rest[2] == 'h' &&
          rest[3] >= '1' && rest[3] <= '9')
        continue;
      return r;
    }
    if (rc == BZ_OK) {
      r.problem = path + ": the bzip2 stream ends early after " + std::to_string(file.size()) +
                  " compressed bytes" + kept(r.bytes.size());
    } else {
      r.problem =
          path + ": the bzip2-compressed data is damaged (" +
          (rc == BZ_DATA_ERROR || rc == BZ_DATA_ERROR_MAGIC ? std::string("bzip2 data error")
                                                            : "bzip2 error " + std::to_string(rc)) +
          "), found after " + std::to_string(consumed) + " compressed bytes" + kept(r.bytes.size());
    }
    return r;
  }
}

// What a StreamingRegion (so the parallel path) makes of it.
Decoded via_region(std::shared_ptr<const Region> file, const std::string& path,
                   std::uint64_t limit = StreamingRegion::default_limit()) {
  auto region = StreamingRegion::start(std::move(file), Compression::Bzip2, path, limit);
  EXPECT_TRUE(region.has_value()) << region.error();
  if (!region) return {};
  const std::uint64_t held = (*region)->wait(UINT64_MAX, {});
  EXPECT_TRUE((*region)->complete());
  return {Data((*region)->data(), (*region)->data() + held), (*region)->problem()};
}
Decoded via_region(const Data& file, std::uint64_t limit = StreamingRegion::default_limit()) {
  return via_region(std::make_shared<OwnedRegion>(file), "mem.bz2", limit);
}

// decompress_parallel directly, with its outcome worded as StreamingRegion words it.
struct Parallel {
  Decoded decoded;
  bz::Outcome::Kind kind = bz::Outcome::Kind::Unsupported;
  std::size_t deliveries = 0;
};
Parallel parallel(const Data& file, unsigned workers, std::span<const std::uint64_t> chance = {}) {
  Parallel p;
  const std::function<bool(Bytes)> deliver = [&](Bytes block) {
    p.decoded.bytes.insert(p.decoded.bytes.end(), block.begin(), block.end());
    ++p.deliveries;
    return true;
  };
  const bz::Outcome o = bz::decompress_parallel(file, workers, deliver, {}, chance);
  p.kind = o.kind;
  if (o.kind == bz::Outcome::Kind::Cut) {
    p.decoded.problem = "mem.bz2: the bzip2 stream ends early after " +
                        std::to_string(file.size()) + " compressed bytes" +
                        kept(p.decoded.bytes.size());
  } else if (o.kind == bz::Outcome::Kind::Damaged) {
    p.decoded.problem = "mem.bz2: the bzip2-compressed data is damaged (" + o.error +
                        "), found after " + std::to_string(o.consumed) + " compressed bytes" +
                        kept(p.decoded.bytes.size());
  }
  return p;
}

bool same(const Data& a, const Data& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// Compares the region's result on `file` with libbz2's, byte for byte and word for word.
void expect_like_libbz2(const Data& file, const std::string& what) {
  SCOPED_TRACE(what);
  const Decoded want = sequential(file, "mem.bz2");
  const Decoded got = via_region(file);
  EXPECT_EQ(got.bytes.size(), want.bytes.size());
  EXPECT_TRUE(same(got.bytes, want.bytes));
  EXPECT_EQ(got.problem, want.problem);
}

// Every magic in the file, bit by bit: the scanner's reference.
std::vector<bz::Mark> marks_bit_by_bit(Bytes data, std::uint64_t from, std::uint64_t to) {
  std::vector<bz::Mark> out;
  for (std::uint64_t bit = from; bit < to && bit + 48 <= data.size() * 8; ++bit) {
    const std::uint64_t v = bz::read_bits(data, bit, 48);
    if (v == bz::kBlockMagic) out.push_back({bit, bz::MarkKind::Block});
    if (v == bz::kEndMagic) out.push_back({bit, bz::MarkKind::End});
  }
  return out;
}

std::vector<bz::Mark> marks_of(Bytes data) {
  std::vector<bz::Mark> out;
  bz::find_marks(data, 0, data.size() * 8, out);
  return out;
}

// A level-1 stream of 1.6 MB of varied bytes: 16 blocks or so.
const Data& multi_block() {
  static const Data packed = bzip2(varied(1600 * 1000, 7), 1);
  return packed;
}

TEST(Bzip2Blocks, ReadBitsTakesBitsMostSignificantFirst) {
  const Data d = {0b10110011, 0b01010101, 0xFF};
  EXPECT_EQ(bz::read_bits(d, 0, 8), 0b10110011u);
  EXPECT_EQ(bz::read_bits(d, 3, 7), 0b1001101u);
  EXPECT_EQ(bz::read_bits(d, 12, 8), 0b01011111u);
  EXPECT_EQ(bz::read_bits(d, 20, 8), 0b11110000u);  // past the end: zeros
}

TEST(Bzip2Blocks, TheScannerFindsBothMagicsAtEveryShift) {
  // A hand-built bit stream: each magic at each shift 0..7 within a byte, between filler bits
  // of varying length.
  struct Writer {
    Data bytes;
    std::uint64_t bits = 0;
    void put(std::uint64_t v, unsigned n) {
      for (unsigned i = n; i-- > 0; ++bits) {
        if (bits % 8 == 0) bytes.push_back(0);
        if ((v >> i) & 1) bytes.back() |= static_cast<std::uint8_t>(0x80 >> (bits % 8));
      }
    }
  } w;
  std::vector<bz::Mark> planted;
  std::uint32_t x = 99;
  for (unsigned round = 0; round < 3; ++round) {
    for (unsigned shift = 0; shift < 8; ++shift) {
      for (const auto& [magic, kind] : {std::pair(bz::kBlockMagic, bz::MarkKind::Block),
                                        std::pair(bz::kEndMagic, bz::MarkKind::End)}) {
        // Filler up to the shift wanted, then some whole random bytes.
        x = x * 1664525u + 1013904223u;
        w.put(x >> 8, (shift + 8 - w.bits % 8) % 8);
        for (unsigned i = 0; i < round * 3 + 2; ++i) {
          x = x * 1664525u + 1013904223u;
          w.put(x >> 24, 8);
        }
        ASSERT_EQ(w.bits % 8, shift);
        planted.push_back({w.bits, kind});
        w.put(magic, 48);
      }
    }
  }
  w.put(0, 3);
  const std::vector<bz::Mark> reference = marks_bit_by_bit(w.bytes, 0, w.bits);
  ASSERT_EQ(reference, planted);  // the filler made none by chance
  EXPECT_EQ(marks_of(w.bytes), planted);
  // Ranges: a magic counts where its first bit is.
  for (const bz::Mark& m : planted) {
    std::vector<bz::Mark> one;
    bz::find_marks(w.bytes, m.bit, m.bit + 1, one);
    EXPECT_EQ(one, std::vector<bz::Mark>{m}) << m.bit;
    one.clear();
    bz::find_marks(w.bytes, m.bit + 1, m.bit + 48, one);
    EXPECT_TRUE(one.empty()) << m.bit;
  }
  // Cut inside the last magic: it is not found.
  const Data cut(w.bytes.begin(), w.bytes.end() - 2);
  EXPECT_EQ(marks_of(cut), std::vector<bz::Mark>(planted.begin(), planted.end() - 1));
}

TEST(Bzip2Blocks, TheScannerAgreesWithABitByBitSearchOnRealStreams) {
  const Data& packed = multi_block();
  const std::vector<bz::Mark> found = marks_of(packed);
  EXPECT_EQ(found, marks_bit_by_bit(packed, 0, packed.size() * 8));
  ASSERT_GE(found.size(), 10u);
  EXPECT_EQ(found.front(), (bz::Mark{32, bz::MarkKind::Block}));
  EXPECT_EQ(found.back().kind, bz::MarkKind::End);
  // Scanned in pieces, the same marks.
  std::vector<bz::Mark> pieces;
  for (std::uint64_t from = 0; from < packed.size() * 8; from += 77777)
    bz::find_marks(packed, from, from + 77777, pieces);
  EXPECT_EQ(pieces, found);
}

TEST(Bzip2Blocks, TheScanIsFast) {
  // 64 MB of bytes without magics, scanned as the producer does: well under a second even in
  // the sanitizer build (a 200 MB file costs the release build about 0.2 s).
  Data noise(64 << 20);
  std::uint64_t x = 5;
  for (auto& b : noise) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    b = static_cast<std::uint8_t>(x >> 56);
  }
  const auto before = std::chrono::steady_clock::now();
  std::vector<bz::Mark> out;
  bz::find_marks(noise, 0, noise.size() * 8, out);
  const auto took = std::chrono::steady_clock::now() - before;
  EXPECT_LT(took, 3s);
  EXPECT_LE(out.size(), 2u);  // by chance: 2^-48 per bit
}

TEST(Bzip2Blocks, EveryBlockOfAStreamDecodesOnItsOwnAtEveryShift) {
  ASSERT_TRUE(bz::BlockDecoder::available());
  bz::BlockDecoder decoder;
  Data out;
  std::set<unsigned> shifts;
  // Three streams of a dozen blocks and more: between them, blocks at every shift.
  for (std::uint32_t seed : {7u, 8u, 9u}) {
    SCOPED_TRACE(seed);
    const Data plain = varied(1600 * 1000, seed);
    const Data packed = seed == 7 ? multi_block() : bzip2(plain, 1);
    const std::vector<bz::Mark> marks = marks_of(packed);
    Data joined;
    std::uint32_t combined = 0;
    for (std::size_t i = 0; i + 1 < marks.size(); ++i) {
      ASSERT_EQ(marks[i].kind, bz::MarkKind::Block);
      const auto r = decoder.decode(packed, '1', marks[i].bit, marks[i + 1].bit, out, {});
      ASSERT_EQ(r.status, bz::BlockDecoder::Status::Ok) << i;
      EXPECT_EQ(r.crc, bz::read_bits(packed, marks[i].bit + 48, 32));
      combined = bz::combine_crc(combined, r.crc);
      joined.insert(joined.end(), out.begin(), out.begin() + static_cast<std::ptrdiff_t>(r.size));
      shifts.insert(marks[i].bit % 8);
    }
    EXPECT_TRUE(same(joined, plain));
    EXPECT_EQ(combined, bz::read_bits(packed, marks.back().bit + 48, 32));
  }
  // So each aligning block was used.
  EXPECT_EQ(shifts.size(), 8u);
}

TEST(Bzip2Blocks, AMultiBlockStreamComesOutAsLibbz2MakesIt) {
  const Data plain = varied(1600 * 1000, 7);
  for (unsigned workers : {1u, 2u, 3u, 8u}) {
    SCOPED_TRACE(workers);
    const Parallel p = parallel(multi_block(), workers);
    EXPECT_EQ(p.kind, bz::Outcome::Kind::Done);
    EXPECT_TRUE(same(p.decoded.bytes, plain));
    EXPECT_GE(p.deliveries, 10u);  // block by block, not libbz2 alone
  }
  expect_like_libbz2(multi_block(), "region");
}

TEST(Bzip2Blocks, StreamsBackToBackAndWhatFollowsThem) {
  const Data a = varied(350 * 1000, 1);
  const Data b = varied(120 * 1000, 2);
  const Data c = varied(1000 * 1000, 3);
  const Data streams =
      concat({bzip2(a, 1), bzip2(b, 9), bzip2(Bytes(a.data(), 0), 5), bzip2(c, 3)});
  const Decoded whole = via_region(streams);
  EXPECT_TRUE(same(whole.bytes, concat({a, b, c})));
  EXPECT_EQ(whole.problem, "");
  expect_like_libbz2(streams, "four streams");
  const Data random = varied(5000, 9);
  expect_like_libbz2(concat({streams, Data(512, 0)}), "tape padding");
  expect_like_libbz2(concat({streams, random}), "other bytes");
  expect_like_libbz2(concat({streams, {'B', 'Z', 'h'}}), "half a header");
  expect_like_libbz2(concat({streams, {'B', 'Z', 'h', '9'}}), "a header and nothing");
  expect_like_libbz2(concat({streams, {'B', 'Z', 'h', '9'}, random}), "a header and garbage");
  expect_like_libbz2(bzip2(Bytes(a.data(), 0), 9), "no block at all");
}

TEST(Bzip2Blocks, TheSharedFilesComeOutAsLibbz2MakesThem) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shared_dir()))
    if (entry.is_regular_file() && entry.path().extension() == ".bz2")
      files.push_back(entry.path());
  ASSERT_GE(files.size(), 5u) << shared_dir();
  std::sort(files.begin(), files.end());
  std::size_t cut = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    auto file = MappedFile::open(path.string());
    ASSERT_TRUE(file.has_value()) << file.error();
    const Decoded want = sequential((*file)->bytes(), path.string());
    const Decoded got = via_region(*file, path.string());
    EXPECT_EQ(got.bytes.size(), want.bytes.size());
    EXPECT_TRUE(same(got.bytes, want.bytes));
    EXPECT_EQ(got.problem, want.problem);
    if (!want.problem.empty()) ++cut;
  }
  EXPECT_GE(cut, 2u);  // the pyasn files cut at 1 MB
}

TEST(Bzip2Blocks, ADamagedByteKeepsWhatLibbz2KeepsAndIsFoundWhereItFindsIt) {
  const Data& packed = multi_block();
  const std::vector<bz::Mark> marks = marks_of(packed);
  std::vector<std::size_t> at = {packed.size() / 2, packed.size() / 3, 5,
                                 packed.size() - 1, packed.size() - 4, packed.size() - 8};
  // In block headers: the magic, the CRC, the start of the tables; and the end magic.
  for (std::size_t i = 1; i < marks.size(); i += 3)
    for (std::size_t off : {0u, 3u, 7u, 11u, 14u})
      if (marks[i].bit / 8 + off < packed.size()) at.push_back(marks[i].bit / 8 + off);
  for (std::size_t i = 0; i < 12; ++i)
    at.push_back(packed.size() * (2 * i + 1) / 25);
  std::size_t damaged = 0;
  for (std::size_t pos : at) {
    for (std::uint8_t flip : {std::uint8_t{0x55}, std::uint8_t{0x01}}) {
      Data broken = packed;
      broken[pos] ^= flip;
      const std::string what = "byte " + std::to_string(pos) + " ^ " + std::to_string(flip);
      expect_like_libbz2(broken, what);
      damaged += sequential(broken, "x").problem.find("damaged") != std::string::npos;
    }
  }
  EXPECT_GE(damaged, at.size());  // the reference did find the damage
}

TEST(Bzip2Blocks, ACutFileKeepsWhatLibbz2Keeps) {
  const Data& packed = multi_block();
  const std::vector<bz::Mark> marks = marks_of(packed);
  std::vector<std::size_t> at = {1,
                                 3,
                                 4,
                                 5,
                                 9,
                                 10,
                                 packed.size() - 1,
                                 packed.size() - 2,
                                 packed.size() - 5,
                                 packed.size() - 6,
                                 packed.size() - 10};
  for (std::size_t i = 1; i < 20; ++i)
    at.push_back(packed.size() * i / 20);
  for (std::size_t i = 1; i < marks.size(); i += 2)  // around block starts
    for (std::size_t off : {0u, 1u, 5u, 6u, 7u, 10u, 11u})
      if (marks[i].bit / 8 + off < packed.size()) at.push_back(marks[i].bit / 8 + off);
  for (std::size_t size : at) {
    const Data cut(packed.begin(), packed.begin() + static_cast<std::ptrdiff_t>(size));
    expect_like_libbz2(cut, "cut at " + std::to_string(size));
  }
  // The second of two streams cut.
  const Data two = concat({bzip2(varied(300 * 1000, 4), 1), packed});
  for (std::size_t size : {two.size() - packed.size() + 2, two.size() - packed.size() / 2})
    expect_like_libbz2(Data(two.begin(), two.begin() + static_cast<std::ptrdiff_t>(size)),
                       "second stream cut at " + std::to_string(size));
}

TEST(Bzip2Blocks, MagicsByChanceInsideBlocksAreLookedPast) {
  // A real magic by chance is too rare to make (2^-48 a bit): positions are handed in to be
  // taken as magics, inside blocks, in their headers, in the stream's end.
  const Data plain = varied(1600 * 1000, 7);
  const Data& packed = multi_block();
  const std::vector<bz::Mark> marks = marks_of(packed);
  std::vector<std::uint64_t> chance = {
      1, 20, 33, 40, 79, marks.back().bit + 50, marks.back().bit + 81};
  for (std::size_t i = 0; i + 1 < marks.size(); ++i) {
    const std::uint64_t b = marks[i].bit;
    const std::uint64_t span = marks[i + 1].bit - b;
    for (std::uint64_t off : {std::uint64_t{1}, std::uint64_t{47}, std::uint64_t{48},
                              std::uint64_t{80}, span / 3, span / 2 + i, span - 1})
      chance.push_back(b + off);
  }
  std::sort(chance.begin(), chance.end());
  for (unsigned workers : {1u, 2u, 3u}) {
    SCOPED_TRACE(workers);
    const Parallel p = parallel(packed, workers, chance);
    EXPECT_EQ(p.kind, bz::Outcome::Kind::Done);
    EXPECT_TRUE(same(p.decoded.bytes, plain));
    EXPECT_EQ(p.deliveries, marks.size() - 1);  // still block by block
  }
  // With damage or a cut as well, still what libbz2 makes of it.
  Data broken = packed;
  broken[packed.size() / 2] ^= 0x10;
  const Data cut(packed.begin(),
                 packed.begin() + static_cast<std::ptrdiff_t>(packed.size() * 2 / 3));
  for (const auto& [name, file] : {std::pair("damaged", broken), std::pair("cut", cut)}) {
    SCOPED_TRACE(name);
    const Decoded want = sequential(file, "mem.bz2");
    const Parallel p = parallel(file, 2, chance);
    EXPECT_TRUE(same(p.decoded.bytes, want.bytes));
    EXPECT_EQ(p.decoded.problem, want.problem);
  }
}

TEST(Bzip2Blocks, TheLimitHoldsInTheMiddleOfABlock) {
  const Data plain = varied(1600 * 1000, 7);
  const std::uint64_t limit = 250 * 1000 + 17;
  const Decoded got = via_region(multi_block(), limit);
  EXPECT_TRUE(same(got.bytes, Data(plain.begin(), plain.begin() + limit)));
  EXPECT_EQ(got.problem,
            "mem.bz2: the bzip2-compressed file decompresses to more than 250017 bytes, more than "
            "BGP Lens holds in memory; the first 250017 bytes are read (decompress it and open "
            "the result to read it all)");
  const Decoded exact = via_region(multi_block(), plain.size());
  EXPECT_TRUE(same(exact.bytes, plain));
  EXPECT_EQ(exact.problem, "");
}

TEST(Bzip2Blocks, DestroyingTheRegionStopsTheWorkersPromptly) {
  const Data packed = bzip2(varied(8 << 20, 11), 9);
  for (const auto wait : {0ms, 30ms}) {
    auto region = StreamingRegion::start(std::make_shared<OwnedRegion>(packed), Compression::Bzip2,
                                         "mem.bz2");
    ASSERT_TRUE(region.has_value()) << region.error();
    std::this_thread::sleep_for(wait);
    const auto before = std::chrono::steady_clock::now();
    EXPECT_FALSE((*region)->complete());
    region->reset();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
  }
}

}  // namespace
}  // namespace bgplens::test

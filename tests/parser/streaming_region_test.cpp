// A base region that grows while a thread decompresses a file into it: bytes arrive in order
// and equal what decompress_all makes of the same file; readers waiting for bytes are woken;
// a truncated or damaged stream keeps what came out before the fault and says where it was;
// the limit holds; the producer stops cleanly when the store goes while it runs (the
// sanitizer build makes that meaningful). Compressed data is made by the libraries
// themselves; the one real truncated file is read in place from the shared data.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "buffer/byte_store.h"
#include "buffer/decompressor.h"
#include "buffer/streaming_region.h"
#include "index/source_file.h"

#include "parser/compression_helpers.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

using namespace std::chrono_literals;
using Data = std::vector<std::uint8_t>;

// The shared bzip2 RIB dump cut at 1 MiB (a stream that ends early), read in place.
std::string cut_rib() {
  return shared_dir() + "/mrt/pyasn/rib.20140523.0600_firstMB.bz2";
}

// Bytes that compress well but not trivially: words from a small dictionary in an order a
// linear congruential generator picks.
Data sample_data(std::size_t size, std::uint32_t seed = 1) {
  static const char* const kWords[] = {"route ",       "prefix ",        "10.0.0.0/8 ", "AS65001 ",
                                       "withdraw ",    "2001:db8::/32 ", "update ",     "\n",
                                       "\x00\x01\xff", "peer "};
  Data out;
  out.reserve(size);
  std::uint32_t x = seed;
  while (out.size() < size) {
    x = x * 1664525u + 1013904223u;
    const std::string word = kWords[(x >> 24) % std::size(kWords)];
    for (char c : word) {
      if (out.size() == size) break;
      out.push_back(static_cast<std::uint8_t>(c));
    }
  }
  return out;
}

Data concat(const Data& a, const Data& b) {
  Data out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

std::shared_ptr<StreamingRegion> start(const Data& packed, Compression kind,
                                       std::uint64_t limit = StreamingRegion::default_limit()) {
  auto region =
      StreamingRegion::start(std::make_shared<OwnedRegion>(packed), kind, "mem.bin", limit);
  EXPECT_TRUE(region.has_value()) << region.error();
  return region ? *region : nullptr;
}

bool equal(Bytes a, Bytes b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

std::string kept(std::uint64_t n) {
  return "; the " + std::to_string(n) + " bytes decompressed before that are kept";
}

TEST(StreamingRegion, BytesArriveInOrderAndEqualDecompressAll) {
  const Data plain = sample_data(2 << 20);
  const Bytes p(plain);
  const std::size_t half = plain.size() / 2 + 7;
  struct Case {
    const char* name;
    Compression kind;
    Data packed;
  };
  const std::vector<Case> cases = {
      {"gzip", Compression::Gzip, gzip(p, 6)},
      {"bzip2", Compression::Bzip2, bzip2(p)},
      {"xz", Compression::Xz, xz(p, 1)},
      // Streams back to back (`cat a.gz b.gz`, pbzip2, xz of concatenated files).
      {"two gzip", Compression::Gzip, concat(gzip(p.first(half), 6), gzip(p.subspan(half), 6))},
      {"two bzip2", Compression::Bzip2, concat(bzip2(p.first(half)), bzip2(p.subspan(half)))},
      {"two xz", Compression::Xz, concat(xz(p.first(half), 1), xz(p.subspan(half), 1))},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto whole = decompress_all(c.kind, c.packed, "mem.bin", std::uint64_t{1} << 30, 0,
                                [](Bytes) { return std::string(); });
    ASSERT_TRUE(whole.has_value()) << whole.error();
    ASSERT_TRUE(equal(*whole, plain));
    const ByteStore store(start(c.packed, c.kind));
    // Read as the MRT walker does: whatever is out, then wait for more.
    std::uint64_t seen = 0;
    int rounds = 0;
    for (;;) {
      const std::uint64_t held = store.wait_base(seen + 1);
      ASSERT_GE(held, seen);
      ASSERT_LE(held, whole->size());
      ASSERT_TRUE(equal(store.view(seen, held - seen), Bytes(*whole).subspan(seen, held - seen)))
          << "bytes " << seen << " to " << held;
      seen = held;
      ++rounds;
      if (store.base_complete() && store.base_size() == seen) break;
    }
    EXPECT_EQ(seen, whole->size());
    EXPECT_EQ(store.base_problem(), "");
    EXPECT_GE(rounds, 1);
    EXPECT_TRUE(store.view(seen, 1).empty());  // nothing past the end
  }
}

TEST(StreamingRegion, ABaseLargerThanOneWritableWindow) {
  // The reservation is made writable 64 MiB at a time: 80 MiB cross a window boundary.
  Data plain(80u << 20);
  for (std::size_t i = 0; i < plain.size(); ++i)
    plain[i] = static_cast<std::uint8_t>((i * 7) ^ (i >> 13));
  const ByteStore store(start(gzip(plain, 1), Compression::Gzip));
  ASSERT_EQ(store.wait_base(UINT64_MAX), plain.size());
  EXPECT_EQ(store.base_problem(), "");
  EXPECT_TRUE(equal(store.view(0, plain.size()), plain));
}

TEST(StreamingRegion, WaitingReadersAreWoken) {
  const Data plain = sample_data(3 << 20, 7);
  const ByteStore store(start(bzip2(plain), Compression::Bzip2));
  std::stop_source give_up;  // ends the waits if a wake-up is lost, so the test fails, not hangs
  auto first =
      std::async(std::launch::async, [&] { return store.wait_base(1, give_up.get_token()); });
  auto all = std::async(std::launch::async, [&] {
    const std::uint64_t held = store.wait_base(UINT64_MAX, give_up.get_token());
    return std::pair(held, store.base_complete());
  });
  const bool woken = first.wait_for(60s) == std::future_status::ready &&
                     all.wait_for(60s) == std::future_status::ready;
  give_up.request_stop();
  EXPECT_TRUE(woken);
  EXPECT_GE(first.get(), 1u);
  const auto [held, complete] = all.get();
  EXPECT_EQ(held, plain.size());
  EXPECT_TRUE(complete);
}

TEST(StreamingRegion, AStopRequestEndsAWait) {
  // The cut RIB decompresses to 15 MB with libbz2, a few hundred milliseconds: a waiter for
  // all of it is stopped long before.
  auto file = MappedFile::open(cut_rib());
  ASSERT_TRUE(file.has_value()) << file.error();
  auto region = StreamingRegion::start(*file, Compression::Bzip2, cut_rib());
  ASSERT_TRUE(region.has_value()) << region.error();
  const ByteStore store(*region);
  std::stop_source stop;
  auto waiter = std::async(std::launch::async, [&] {
    const std::uint64_t held = store.wait_base(UINT64_MAX, stop.get_token());
    return std::pair(held, store.base_complete());
  });
  std::this_thread::sleep_for(10ms);
  stop.request_stop();
  ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready);
  const auto [held, complete] = waiter.get();
  EXPECT_FALSE(complete) << held << " bytes held";
}

TEST(StreamingRegion, ATruncatedBzip2KeepsWhatCameOut) {
  auto file = MappedFile::open(cut_rib());
  ASSERT_TRUE(file.has_value()) << file.error();
  // What libbz2 itself gets out of the cut file, every whole block before the cut.
  const Data want = bunzip2_prefix((*file)->bytes());
  ASSERT_GT(want.size(), 1u << 20);
  auto region = StreamingRegion::start(*file, Compression::Bzip2, cut_rib());
  ASSERT_TRUE(region.has_value()) << region.error();
  const ByteStore store(*region);
  EXPECT_EQ(store.wait_base(UINT64_MAX), want.size());
  EXPECT_TRUE(store.base_complete());
  EXPECT_TRUE(equal(store.view(0, want.size()), want));
  EXPECT_EQ(store.base_problem(), cut_rib() + ": the bzip2 stream ends early after " +
                                      std::to_string((*file)->size()) + " compressed bytes" +
                                      kept(want.size()));
}

TEST(StreamingRegion, ATruncatedGzipKeepsWhatCameOut) {
  const Data plain = sample_data(1 << 20, 3);
  const Data packed = gzip(plain, 6);
  const Data cut(packed.begin(),
                 packed.begin() + static_cast<std::ptrdiff_t>(packed.size() * 3 / 5));
  const Data want = gunzip_prefix(cut);
  ASSERT_GT(want.size(), 0u);
  ASSERT_LT(want.size(), plain.size());
  ASSERT_TRUE(equal(want, Bytes(plain).first(want.size())));
  const ByteStore store(start(cut, Compression::Gzip));
  EXPECT_EQ(store.wait_base(UINT64_MAX), want.size());
  EXPECT_TRUE(equal(store.view(0, want.size()), want));
  EXPECT_EQ(store.base_problem(), "mem.bin: the gzip stream ends early after " +
                                      std::to_string(cut.size()) + " compressed bytes" +
                                      kept(want.size()));
  // The second of two streams cut short: the first is kept whole, and the cut counts from the
  // start of the file.
  const Data two = concat(gzip(plain, 6), cut);
  const ByteStore both(start(two, Compression::Gzip));
  EXPECT_EQ(both.wait_base(UINT64_MAX), plain.size() + want.size());
  EXPECT_TRUE(equal(both.view(0, plain.size()), plain));
  EXPECT_EQ(both.base_problem(), "mem.bin: the gzip stream ends early after " +
                                     std::to_string(two.size()) + " compressed bytes" +
                                     kept(plain.size() + want.size()));
}

TEST(StreamingRegion, DamagedGzipKeepsWhatCameOutBeforeTheFault) {
  const Data plain = sample_data(1 << 20, 5);
  Data packed = gzip(plain, 6);
  packed[packed.size() / 2] ^= 0x55;
  const Data want = gunzip_prefix(packed);  // zlib's own output up to the fault
  const ByteStore store(start(packed, Compression::Gzip));
  EXPECT_EQ(store.wait_base(UINT64_MAX), want.size());
  EXPECT_TRUE(equal(store.view(0, want.size()), want));
  const std::string problem = store.base_problem();
  EXPECT_EQ(problem.rfind("mem.bin: the gzip-compressed data is damaged (", 0), 0u) << problem;
  EXPECT_NE(problem.find(" compressed bytes" + kept(want.size())), std::string::npos) << problem;
}

TEST(StreamingRegion, TheLimitIsEnforced) {
  const Data plain = sample_data(1 << 20, 9);
  const Data packed = gzip(plain, 6);
  {
    const ByteStore store(start(packed, Compression::Gzip, 256 * 1024));
    EXPECT_EQ(store.wait_base(UINT64_MAX), 256u * 1024);
    EXPECT_TRUE(store.base_complete());
    EXPECT_TRUE(equal(store.view(0, 256 * 1024), Bytes(plain).first(256 * 1024)));
    EXPECT_EQ(store.base_problem(),
              "mem.bin: the gzip-compressed file decompresses to more than 262144 bytes, more "
              "than BGP Lens holds in memory; the first 262144 bytes are read (decompress it and "
              "open the result to read it all)");
  }
  // Exactly at the limit is within it; one byte less is not.
  const ByteStore exact(start(packed, Compression::Gzip, plain.size()));
  EXPECT_EQ(exact.wait_base(UINT64_MAX), plain.size());
  EXPECT_EQ(exact.base_problem(), "");
  const ByteStore under(start(packed, Compression::Gzip, plain.size() - 1));
  EXPECT_EQ(under.wait_base(UINT64_MAX), plain.size() - 1);
  EXPECT_NE(under.base_problem().find("decompresses to more than"), std::string::npos);
}

TEST(StreamingRegion, DestroyingTheStoreWhileTheProducerRunsIsClean) {
  auto file = MappedFile::open(cut_rib());
  ASSERT_TRUE(file.has_value()) << file.error();
  for (const std::uint64_t wait_for :
       {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{4} << 20}) {
    SCOPED_TRACE(wait_for);
    auto region = StreamingRegion::start(*file, Compression::Bzip2, cut_rib());
    ASSERT_TRUE(region.has_value()) << region.error();
    auto store = std::make_shared<ByteStore>(std::move(*region));
    // A reader on another thread holds the store too; whichever lets go last destroys it.
    auto reader = std::async(std::launch::async, [store]() mutable {
      const std::uint64_t held = store->wait_base(1);
      const Bytes b = store->view(0, held);
      std::uint64_t sum = 0;
      for (std::uint8_t x : b)
        sum += x;
      store.reset();
      return sum;
    });
    store->wait_base(wait_for);
    const bool complete = store->base_complete();
    const auto before = std::chrono::steady_clock::now();
    store.reset();
    reader.get();
    const auto took = std::chrono::steady_clock::now() - before;
    EXPECT_FALSE(complete);
    // The producer stops at its next step (4 MiB of output at most).
    EXPECT_LT(took, 2s);
  }
}

TEST(StreamingRegion, TheArenaLiesAboveAllTheBaseMayTake) {
  const Data plain = sample_data(200 * 1024, 11);
  const std::uint64_t limit = std::uint64_t{5} << 30;
  ByteStore store(start(gzip(plain, 6), Compression::Gzip, limit));
  const std::uint8_t extra[] = {1, 2, 3};
  const ByteAddress at = store.append(extra);  // perhaps while the base still grows
  EXPECT_GE(at, limit);
  ASSERT_EQ(store.wait_base(UINT64_MAX), plain.size());
  EXPECT_TRUE(equal(store.view(at, 3), extra));
  EXPECT_TRUE(store.is_base(plain.size() - 1));
  EXPECT_FALSE(store.is_base(plain.size()));
  EXPECT_FALSE(store.is_base(at));
  EXPECT_TRUE(store.view(plain.size() - 1, 2).empty());
  const Bytes last = store.view(plain.size() - 1, 1);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(store.base_address_of(last.data()), plain.size() - 1);
  EXPECT_EQ(store.base_address_of(store.view(at, 1).data()), std::nullopt);
}

TEST(StreamingRegion, OpenSourceFileReturnsWhileTheBaseStillGrows) {
  auto store = open_source_file(cut_rib());
  ASSERT_TRUE(store.has_value()) << store.error();
  // Only the first bytes were waited for: libbz2 needs far longer for the other 15 MB.
  EXPECT_FALSE((*store)->base_complete());
  EXPECT_GT((*store)->base_size(), 0u);
  EXPECT_EQ(source_kind(**store), SourceKind::Mrt);
  const std::uint64_t held = (*store)->wait_base(UINT64_MAX);
  EXPECT_TRUE((*store)->base_complete());
  EXPECT_EQ((*store)->base_problem(), cut_rib() +
                                          ": the bzip2 stream ends early after 1048576 "
                                          "compressed bytes" +
                                          kept(held));
}

}  // namespace
}  // namespace bgplens::test

// The sample capture bundled with BGP Lens: generated deterministically, identical to the
// committed resources/samples/sample.pcap, and indexed as the generator describes it.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/sample_capture.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "test_support.h"

#include "parser/decode_helpers.h"

namespace bgplens {
namespace {

namespace fs = std::filesystem;

using CollectingSink = RecordCollector;

TEST(SampleCapture, GenerationIsDeterministic) {
  const gen::ByteVector first = gen::make_sample_capture();
  const gen::ByteVector second = gen::make_sample_capture();
  ASSERT_GT(first.size(), 24u);
  EXPECT_TRUE(first == second);
  // A classic little-endian pcap with microsecond timestamps and Ethernet frames.
  EXPECT_EQ(first[0], 0xD4);
  EXPECT_EQ(first[1], 0xC3);
  EXPECT_EQ(first[2], 0xB2);
  EXPECT_EQ(first[3], 0xA1);
  EXPECT_EQ(first[20], 1);  // LINKTYPE_ETHERNET
}

TEST(SampleCapture, EqualsTheCommittedFile) {
  const fs::path path = fs::path(test::source_dir()) / "resources" / "samples" / "sample.pcap";
  ASSERT_TRUE(fs::exists(path)) << path << " is missing";
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> file((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
  const gen::ByteVector generated = gen::make_sample_capture();
  ASSERT_EQ(file.size(), generated.size());
  EXPECT_TRUE(std::equal(file.begin(), file.end(), generated.begin(),
                         [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; }))
      << "regenerate it with: bgplens-cli generate sample " << path.string();
}

TEST(SampleCapture, IndexesAsDescribed) {
  const fs::path path =
      fs::temp_directory_path() / ("bgplens-sample-" + std::to_string(::getpid()) + ".pcap");
  {
    const gen::ByteVector bytes = gen::make_sample_capture();
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  auto store = open_source_file(path.string());
  fs::remove(path);
  ASSERT_TRUE(store.has_value()) << store.error();
  CollectingSink sink;
  const auto stats = index_capture(*store, sink);
  ASSERT_TRUE(stats.has_value());
  EXPECT_TRUE(stats->read_error.empty());
  EXPECT_EQ(stats->malformed_frames, 0u);
  EXPECT_GT(stats->copied_messages, 0u);  // messages split across segments

  // Two IPv4 and IPv6 sessions, the second reconnected: three TCP connections.
  ASSERT_EQ(sink.table.sessions.size(), 3u);
  std::size_t opens = 0;
  std::size_t notifications = 0;
  std::size_t overrun = 0;
  std::size_t end_of_rib = 0;
  for (const MessageRecord& r : sink.records) {
    // The generator writes whole, in-order streams: every row is a message.
    EXPECT_EQ(r.kind, FramedKind::Message);
    const DecodedMessage s = decode_record(**store, sink.table, r, Depth::Summary);
    const DecodedMessage d = decode_record(**store, sink.table, r, Depth::Detail);
    const DecodedMessage t = decode_record(**store, sink.table, r, Depth::Tree);
    EXPECT_TRUE(test::depths_agree(s, d, t)) << "frame " << r.frame;
    if (t.type == msg_type::kOpen) ++opens;
    if (t.type == msg_type::kNotification) {
      ++notifications;
      ASSERT_TRUE(t.notification.has_value());
      EXPECT_EQ((*t.notification)[0], 6);
      EXPECT_EQ((*t.notification)[1], 2);
    }
    if (t.update.end_of_rib) ++end_of_rib;
    for (const DecodeProblem& p : t.problems) {
      if (p.message.find("attribute length 40 exceeds the 8 bytes left") != std::string::npos) {
        ++overrun;
        EXPECT_EQ(p.treatment, Treatment::TreatAsWithdraw);
      }
    }
    // The one malformed UPDATE aside, the sample decodes without errors.
    for (const DecodeProblem& p : t.problems) {
      if (p.severity == Severity::Error) {
        EXPECT_NE(p.message.find("attribute length 40 exceeds"), std::string::npos)
            << p.message << " (frame " << r.frame << ")";
      }
    }
  }
  EXPECT_EQ(opens, 6u);  // two per connection
  EXPECT_EQ(notifications, 1u);
  EXPECT_EQ(overrun, 1u);
  // IPv4 and IPv6 End-of-RIB from each side of the first session.
  EXPECT_EQ(end_of_rib, 4u);
}

}  // namespace
}  // namespace bgplens

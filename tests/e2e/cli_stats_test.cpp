// bgplens-cli stats checked against what decode lists for the same file (the per-type counts
// of each direction must be the counts of decode's rows), and against what the synthetic
// capture generator knows it wrote.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>

#include "gen/bulk_capture.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

using nlohmann::json;

// What one direction (src → dst) holds: rows by "type N", "unparsed", "gap", "bmp".
using FlowCounts = std::map<std::pair<std::string, std::string>, std::map<std::string, int>>;

FlowCounts counts_from_decode(const std::string& jsonl) {
  FlowCounts out;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    const json j = json::parse(line);
    const std::string key = j.contains("kind") ? j["kind"].get<std::string>()
                                               : "type " + std::to_string(j["type"].get<int>());
    ++out[{j["src"].get<std::string>(), j["dst"].get<std::string>()}][key];
  }
  return out;
}

FlowCounts counts_from_stats(const json& stats) {
  FlowCounts out;
  for (const json& s : stats["sessions"]) {
    for (const json& d : s["directions"]) {
      auto& m = out[{d["src"].get<std::string>(), d["dst"].get<std::string>()}];
      const json& c = d["counts"];
      const std::pair<const char*, const char*> keys[] = {{"open", "type 1"},
                                                          {"update", "type 2"},
                                                          {"notification", "type 3"},
                                                          {"keepalive", "type 4"},
                                                          {"route_refresh", "type 5"},
                                                          {"unparsed", "unparsed"},
                                                          {"gap", "gap"},
                                                          {"bmp", "bmp"}};
      for (const auto& [name, key] : keys) {
        if (c[name].get<int>() > 0) m[key] += c[name].get<int>();
      }
      // "other" is every BGP type outside 1..5: decode names them by number.
      if (c["other"].get<int>() > 0) m["other"] += c["other"].get<int>();
    }
  }
  // Directions without rows (a refused connection) are listed by stats, never by decode.
  std::erase_if(out, [](const auto& flow) { return flow.second.empty(); });
  return out;
}

// decode's types outside 1..5 folded into "other", as stats counts them.
FlowCounts fold_other(FlowCounts in) {
  for (auto& [flow, m] : in) {
    for (auto it = m.begin(); it != m.end();) {
      const bool known = it->first.rfind("type ", 0) != 0 ||
                         (it->first.size() == 6 && it->first[5] >= '1' && it->first[5] <= '5');
      if (known) {
        ++it;
      } else {
        m["other"] += it->second;
        it = m.erase(it);
      }
    }
  }
  return in;
}

void expect_stats_match_decode(const std::string& file) {
  const CommandResult stats = run_command(cli_path() + " stats --json '" + file + "' 2>/dev/null");
  ASSERT_EQ(stats.exit_code, 0) << file;
  const json j = json::parse(stats.out);
  const CommandResult decode = run_command(cli_path() + " decode --all '" + file + "' 2>/dev/null");
  ASSERT_EQ(decode.exit_code, 0) << file;
  const FlowCounts from_decode = fold_other(counts_from_decode(decode.out));
  EXPECT_EQ(counts_from_stats(j), from_decode) << file;
  int rows = 0;
  for (const auto& [flow, m] : from_decode)
    for (const auto& [key, n] : m)
      rows += n;
  EXPECT_EQ(j["totals"]["rows"].get<int>(), rows) << file;
  EXPECT_EQ(j["capture"]["rows"].get<int>(), rows) << file;

  // The table's total line says the same as the JSON totals.
  const CommandResult table = run_command(cli_path() + " stats '" + file + "' 2>/dev/null");
  ASSERT_EQ(table.exit_code, 0);
  const auto at = table.out.find("\ntotal ");
  ASSERT_NE(at, std::string::npos) << table.out;
  std::istringstream total(table.out.substr(at + 7));
  int open = 0, update = 0, notification = 0, keepalive = 0, refresh = 0;
  total >> open >> update >> notification >> keepalive >> refresh;
  const json& t = j["totals"];
  EXPECT_EQ(
      std::make_tuple(open, update, notification, keepalive, refresh),
      std::make_tuple(t["open"].get<int>(), t["update"].get<int>(), t["notification"].get<int>(),
                      t["keepalive"].get<int>(), t["route_refresh"].get<int>()))
      << table.out;
}

class StatsOnSharedCapture : public ::testing::TestWithParam<std::string> {};

TEST_P(StatsOnSharedCapture, CountsAreDecodesRowsPerDirection) {
  expect_stats_match_decode(GetParam());
}

std::vector<std::string> daemon_captures() {
  std::vector<std::string> out;
  const std::filesystem::path dir = std::filesystem::path(shared_dir()) / "captures" / "daemons";
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".pcap" || ext == ".pcapng") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string capture_name(const ::testing::TestParamInfo<std::string>& param) {
  std::string name = std::filesystem::path(param.param).stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Daemons, StatsOnSharedCapture, ::testing::ValuesIn(daemon_captures()),
                         capture_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StatsOnSharedCapture);

// Every shared capture: stats' totals are decode's rows by type (BGP types, BMP types,
// unparsed, gap), and both refuse the same files. (Per direction only for BGP captures: for
// BGP carried in BMP, decode names the BMP connection's endpoints, stats the monitored peer.)
class StatsTotals : public ::testing::TestWithParam<std::string> {};

TEST_P(StatsTotals, AreDecodesRowsByType) {
  const std::string file = GetParam();
  const CommandResult stats = run_command(cli_path() + " stats --json '" + file + "' 2>/dev/null");
  const CommandResult decode = run_command(cli_path() + " decode --all '" + file + "' 2>/dev/null");
  ASSERT_EQ(stats.exit_code, decode.exit_code) << file;
  if (stats.exit_code != 0) return;
  std::map<std::string, std::uint64_t> from_decode;
  std::istringstream in(decode.out);
  std::string line;
  while (std::getline(in, line)) {
    const json j = json::parse(line);
    const int type = j["type"].get<int>();
    const std::string kind = j.contains("kind") ? j["kind"].get<std::string>() : "";
    if (kind == "bmp") {
      ++from_decode["bmp"];
      ++from_decode["bmp " + std::to_string(std::min(type, 7))];
    } else if (!kind.empty()) {
      ++from_decode[kind];
    } else {
      ++from_decode[type >= 1 && type <= 5 ? "type " + std::to_string(type) : "other"];
    }
  }
  const json t = json::parse(stats.out)["totals"];
  std::map<std::string, std::uint64_t> from_stats;
  const std::pair<const char*, const char*> keys[] = {{"open", "type 1"},
                                                      {"update", "type 2"},
                                                      {"notification", "type 3"},
                                                      {"keepalive", "type 4"},
                                                      {"route_refresh", "type 5"},
                                                      {"other", "other"},
                                                      {"unparsed", "unparsed"},
                                                      {"gap", "gap"},
                                                      {"bmp", "bmp"}};
  for (const auto& [name, key] : keys) {
    if (t[name].get<std::uint64_t>() > 0) from_stats[key] = t[name].get<std::uint64_t>();
  }
  // By BMP message type code (RFC 7854 §4.1); 7 stands for any later type.
  const char* bmp_types[] = {"route_monitoring", "statistics_report", "peer_down",       "peer_up",
                             "initiation",       "termination",       "route_mirroring", "other"};
  for (int code = 0; code < 8; ++code) {
    const auto n = t["bmp_types"][bmp_types[code]].get<std::uint64_t>();
    if (n > 0) from_stats["bmp " + std::to_string(code)] = n;
  }
  EXPECT_EQ(from_stats, from_decode) << file;
}

std::vector<std::string> shared_captures() {
  std::vector<std::string> out;
  const std::filesystem::path dir = std::filesystem::path(shared_dir()) / "captures";
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string ext = e.path().extension().string();
    if (ext == ".pcap" || ext == ".pcapng" || ext == ".cap") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string relative_name(const ::testing::TestParamInfo<std::string>& param) {
  const std::filesystem::path root = std::filesystem::path(shared_dir()) / "captures";
  std::string name = std::filesystem::relative(param.param, root).string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Shared, StatsTotals, ::testing::ValuesIn(shared_captures()),
                         relative_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(StatsTotals);

// A temporary file removed at the end of the test.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name)
      : path((std::filesystem::temp_directory_path() /
              (name + "-" + std::to_string(::getpid()) + ".pcap"))
                 .string()) {}
  ~TempFile() { std::filesystem::remove(path); }
};

TEST(CliStats, GeneratedCaptureHasWhatTheGeneratorWrote) {
  gen::SessionCaptureSpec spec;
  spec.peers = 4;
  spec.target_messages = 20000;
  spec.table_prefixes = 4000;
  spec.retransmit_per_mille = 20;
  spec.seed = 7;
  gen::SessionCaptureSummary sum;
  const TempFile file("bgplens-stats-gen");
  {
    std::ofstream out(file.path, std::ios::binary);
    ASSERT_TRUE(gen::write_session_capture(
        spec,
        [&out](Bytes piece) {
          out.write(reinterpret_cast<const char*>(piece.data()),
                    static_cast<std::streamsize>(piece.size()));
          return static_cast<bool>(out);
        },
        sum));
  }
  // The scenario has what it promises: reconnects, spanning messages, retransmissions,
  // NOTIFICATION endings, updates over time with KEEPALIVEs.
  EXPECT_GT(sum.connections, spec.peers);
  EXPECT_GT(sum.spanning, 0u);
  EXPECT_GT(sum.retransmitted_segments, 0u);
  EXPECT_GT(sum.notification_ends, 0u);
  EXPECT_GT(sum.messages[4], 2 * sum.connections);
  EXPECT_GT(sum.messages[5], 0u);
  EXPECT_NEAR(static_cast<double>(sum.total_messages()), 20000.0, 200.0);
  EXPECT_EQ(sum.bytes, std::filesystem::file_size(file.path));

  const CommandResult r = run_command(cli_path() + " stats --json '" + file.path + "'");
  ASSERT_EQ(r.exit_code, 0);
  const json j = json::parse(r.out);
  const json& t = j["totals"];
  EXPECT_EQ(t["open"].get<std::uint64_t>(), sum.messages[1]);
  EXPECT_EQ(t["update"].get<std::uint64_t>(), sum.messages[2]);
  EXPECT_EQ(t["notification"].get<std::uint64_t>(), sum.messages[3]);
  EXPECT_EQ(t["keepalive"].get<std::uint64_t>(), sum.messages[4]);
  EXPECT_EQ(t["route_refresh"].get<std::uint64_t>(), sum.messages[5]);
  EXPECT_EQ(t["other"].get<std::uint64_t>() + t["unparsed"].get<std::uint64_t>() +
                t["gap"].get<std::uint64_t>(),
            0u);
  EXPECT_EQ(t["spanning_segments"].get<std::uint64_t>(), sum.spanning);
  EXPECT_EQ(j["capture"]["frames"].get<std::uint64_t>(), sum.frames);
  EXPECT_EQ(j["capture"]["retransmitted_bytes"].get<std::uint64_t>(), sum.retransmitted_bytes);
  EXPECT_EQ(j["sessions"].size(), sum.connections);
  std::uint64_t fins = 0, rsts = 0;
  for (const json& s : j["sessions"]) {
    for (const json& d : s["directions"]) {
      if (d["end"].is_null()) continue;
      ++(d["end"]["kind"] == "fin" ? fins : rsts);
    }
  }
  // A FIN from each side, or one RST.
  EXPECT_EQ(fins, 2 * (sum.notification_ends + sum.fin_ends));
  EXPECT_EQ(rsts, sum.rst_ends);
  expect_stats_match_decode(file.path);
}

TEST(CliStats, GeneratorIsDeterministicAndStreams) {
  gen::SessionCaptureSpec spec;
  spec.peers = 3;
  spec.target_bytes = 3 << 20;
  std::size_t pieces = 0;
  std::size_t largest = 0;
  gen::ByteVector streamed;
  gen::SessionCaptureSummary sum;
  ASSERT_TRUE(gen::write_session_capture(
      spec,
      [&](Bytes piece) {
        ++pieces;
        largest = std::max(largest, piece.size());
        streamed.insert(streamed.end(), piece.begin(), piece.end());
        return true;
      },
      sum));
  EXPECT_GE(pieces, 3u);
  EXPECT_LT(largest, (1u << 20) + 65536);  // pieces, not the whole file
  EXPECT_NEAR(static_cast<double>(streamed.size()), 3 << 20, 0.05 * (3 << 20));
  EXPECT_EQ(gen::make_session_capture(spec), streamed);
  spec.seed = 2;
  EXPECT_NE(gen::make_session_capture(spec), streamed);
  // A sink that fails stops the writing.
  EXPECT_FALSE(gen::write_session_capture(
      spec, [](Bytes) { return false; }, sum));
}

TEST(CliStats, GenerateCaptureCommandWritesWhatItSays) {
  const TempFile file("bgplens-gen-cmd");
  const CommandResult r =
      run_command(cli_path() + " generate capture --messages 5000 --peers 2 '" + file.path + "'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(" messages (OPEN "), std::string::npos) << r.out;
  const json j = json::parse(run_command(cli_path() + " stats --json '" + file.path + "'").out);
  const std::string total =
      std::to_string(j["totals"]["open"].get<int>() + j["totals"]["update"].get<int>() +
                     j["totals"]["notification"].get<int>() + j["totals"]["keepalive"].get<int>() +
                     j["totals"]["route_refresh"].get<int>());
  EXPECT_NE(r.out.find(", " + total + " messages ("), std::string::npos) << r.out;
  EXPECT_EQ(run_command(cli_path() + " generate capture --bytes 12X out.pcap 2>&1").exit_code, 1);
  EXPECT_EQ(run_command(cli_path() + " generate capture --messages 0 out.pcap 2>&1").exit_code, 1);
}

TEST(CliStats, ExitCodesAsDecode) {
  const CommandResult missing = run_command(cli_path() + " stats /nonexistent/capture.pcap 2>&1");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.out.find("No such file or directory"), std::string::npos) << missing.out;
  EXPECT_EQ(std::count(missing.out.begin(), missing.out.end(), '\n'), 1) << missing.out;
  EXPECT_EQ(run_command(cli_path() + " stats 2>&1").exit_code, 1);
  EXPECT_EQ(run_command(cli_path() + " stats --frobnicate x.pcap 2>&1").exit_code, 1);
  EXPECT_EQ(run_command(cli_path() + " stats a.pcap b.pcap 2>&1").exit_code, 1);
}

}  // namespace
}  // namespace bgplens::test

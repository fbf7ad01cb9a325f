// Every MRT dump in ../shared/mrt printed by `bgplens-cli decode --format bgpdump` and compared
// line for line with NAME.bgpdump.txt.gz, bgpdump 1.6.2's `bgpdump -m` output. The files are
// found, not listed: a new dump is picked up, and a dump without a reference fails. Where the
// two differ, every differing line must be accounted for by mrt_known_differences.cpp (exact
// counts per pattern, with the reason and what BGP Lens shows instead), and a listed
// difference that no longer occurs fails too.
#include <gtest/gtest.h>

#include <fnmatch.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>
#include <unordered_map>

#include "mrt_files.h"
#include "mrt_known_differences.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

namespace fs = std::filesystem;

std::string gunzip_file(const std::string& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return out;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0)
    out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

// The differences between two line sequences, in order, as "extra: LINE" (ours only) and
// "missing: LINE" (reference only). Equal lines are paired greedily; at a mismatch the side
// whose next match is nearer is taken as inserted lines (a whole RIB record bgpdump skipped, a
// stretch bgpdump read as garbage), and a line found on neither side later is a changed line.
// Linear in the lines apart from the index built at the first mismatch.
std::vector<std::string> differences(const std::vector<std::string_view>& ours,
                                     const std::vector<std::string_view>& ref) {
  using Index = std::unordered_map<std::string_view, std::vector<std::size_t>>;
  std::vector<std::string> out;
  Index in_ours;
  Index in_ref;
  bool indexed = false;
  // The first position >= from at which `line` occurs, or SIZE_MAX.
  auto next_at = [](const Index& index, std::string_view line, std::size_t from) {
    const auto it = index.find(line);
    if (it == index.end()) return SIZE_MAX;
    const auto pos = std::lower_bound(it->second.begin(), it->second.end(), from);
    return pos == it->second.end() ? SIZE_MAX : *pos;
  };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < ours.size() || j < ref.size()) {
    if (i < ours.size() && j < ref.size() && ours[i] == ref[j]) {
      ++i;
      ++j;
      continue;
    }
    if (j == ref.size()) {
      out.push_back("extra: " + std::string(ours[i++]));
      continue;
    }
    if (i == ours.size()) {
      out.push_back("missing: " + std::string(ref[j++]));
      continue;
    }
    if (!indexed) {
      for (std::size_t k = 0; k < ours.size(); ++k)
        in_ours[ours[k]].push_back(k);
      for (std::size_t k = 0; k < ref.size(); ++k)
        in_ref[ref[k]].push_back(k);
      indexed = true;
    }
    const std::size_t p = next_at(in_ours, ref[j], i);
    const std::size_t q = next_at(in_ref, ours[i], j);
    if (p == SIZE_MAX && q == SIZE_MAX) {
      out.push_back("extra: " + std::string(ours[i++]));
      out.push_back("missing: " + std::string(ref[j++]));
    } else if (p != SIZE_MAX && (q == SIZE_MAX || p - i <= q - j)) {
      while (i < p)
        out.push_back("extra: " + std::string(ours[i++]));
    } else {
      while (j < q)
        out.push_back("missing: " + std::string(ref[j++]));
    }
  }
  return out;
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    const std::size_t bar = line.find('|', at);
    out.push_back(line.substr(at, bar - at));
    if (bar == std::string_view::npos) return out;
    at = bar + 1;
  }
}

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliRun run_bgpdump_format(const std::string& file) {
  char tmpl[] = "/tmp/bgplens-mrtref.XXXXXX";
  const int fd = ::mkstemp(tmpl);
  if (fd >= 0) ::close(fd);
  const CommandResult r =
      run_command(cli_path() + " decode --format bgpdump '" + file + "' 2>'" + tmpl + "'");
  CliRun run{r.exit_code, r.out, read_file(tmpl)};
  std::remove(tmpl);
  return run;
}

class MrtReference : public ::testing::TestWithParam<std::string> {};

TEST_P(MrtReference, AgreesWithBgpdumpExceptForListedReasons) {
  const std::string name = GetParam();
  const std::string file = (mrt_root() / name).string();
  const std::string reference_path = file + std::string(kReferenceSuffix);
  ASSERT_TRUE(fs::exists(reference_path)) << name << " has no " << kReferenceSuffix;
  const std::string reference = gunzip_file(reference_path);
  const CliRun run = run_bgpdump_format(file);
  ASSERT_EQ(run.exit_code, 0) << name << "\n" << run.err;
  const std::vector<std::string_view> ours = split_lines(run.out);
  const std::vector<std::string_view> ref = split_lines(reference);
  const std::vector<std::string> diff = differences(ours, ref);
  RecordProperty("lines", static_cast<int>(ours.size()));
  RecordProperty("reference_lines", static_cast<int>(ref.size()));
  RecordProperty("differences", static_cast<int>(diff.size()));
  if (std::getenv("BGPLENS_PRINT_DIFFERENCES")) {
    for (const std::string& d : diff)
      std::printf("DIFF\t%s\t%s\n", name.c_str(), d.c_str());
    std::printf("STDERR\t%s\t%s\n", name.c_str(), run.err.c_str());
  }

  const MrtKnownDifferences* known = mrt_known_differences(name);
  if (!known) {
    EXPECT_TRUE(diff.empty()) << name << ": " << diff.size() << " unexplained differences, first "
                              << diff.front();
    return;
  }
  // Each difference counts for the first pattern it matches.
  std::vector<std::size_t> matched(known->differences.size(), 0);
  std::size_t unexplained = 0;
  for (const std::string& d : diff) {
    const auto it = std::find_if(
        known->differences.begin(), known->differences.end(),
        [&](const MrtDifference& k) { return fnmatch(k.pattern.c_str(), d.c_str(), 0) == 0; });
    if (it == known->differences.end()) {
      if (++unexplained <= 5) ADD_FAILURE() << name << ": unexplained difference: " << d;
      continue;
    }
    ++matched[static_cast<std::size_t>(it - known->differences.begin())];
  }
  EXPECT_EQ(unexplained, 0u) << name << ": differences not in mrt_known_differences.cpp";
  for (std::size_t k = 0; k < known->differences.size(); ++k) {
    EXPECT_EQ(matched[k], known->differences[k].count)
        << name << ": listed difference \"" << known->differences[k].pattern << "\" occurs "
        << matched[k] << " times (listed: " << known->differences[k].count
        << "); reason: " << known->reason;
  }
  if (known->type5_withdrawals) {
    // "BGP|time|W|peer|AS|address/length": bgpdump's address must be the peer's, and ours
    // must say the same but for the address.
    std::multiset<std::string> ours_without_address;
    std::multiset<std::string> theirs_without_address;
    for (const std::string& d : diff) {
      const bool extra = d.starts_with("extra: ");
      const std::string line = d.substr(extra ? 7 : 9);
      const std::vector<std::string_view> f = split_fields(line);
      ASSERT_EQ(f.size(), 6u) << d;
      const std::string_view address = f[5].substr(0, f[5].find('/'));
      if (!extra) {
        EXPECT_EQ(address, f[3]) << name << ": " << d;
      }
      (extra ? ours_without_address : theirs_without_address)
          .insert(std::string(line).erase(line.size() - f[5].size(), address.size()));
    }
    EXPECT_EQ(ours_without_address, theirs_without_address) << name;
  }
  if (!known->same_routes_as.empty()) {
    // Fields from the prefix on (the sixth), as multisets.
    auto routes = [](const std::vector<std::string_view>& lines) {
      std::multiset<std::string> out;
      for (std::string_view line : lines) {
        std::size_t at = 0;
        for (int bars = 0; bars < 5 && at != std::string_view::npos; ++bars)
          at = line.find('|', at == 0 ? 0 : at + 1);
        out.insert(std::string(line.substr(at == std::string_view::npos ? 0 : at + 1)));
      }
      return out;
    };
    const std::string other =
        gunzip_file((mrt_root() / known->same_routes_as).string() + std::string(kReferenceSuffix));
    EXPECT_EQ(routes(ours), routes(split_lines(other))) << name;
  }
  for (const std::string& note : known->notes)
    EXPECT_NE(run.err.find(note), std::string::npos) << name << ": no note \"" << note << "\" in\n"
                                                     << run.err;
}

INSTANTIATE_TEST_SUITE_P(SharedMrt, MrtReference, ::testing::ValuesIn(dump_files()),
                         dump_test_name);

TEST(MrtReference, SharedDumpsArePresent) {
  EXPECT_GE(dump_files().size(), 43u) << "expected the shared MRT dumps under " << mrt_root();
}

// The comparison itself: a skipped record's lines are extra, garbage lines are missing, a
// changed line is both, and the rest still pairs up.
TEST(MrtReference, DifferencesPairLinesAroundInsertionsAndChanges) {
  const std::vector<std::string_view> ours = {"a", "x1", "x2", "b", "c2", "d"};
  const std::vector<std::string_view> ref = {"a", "b", "c1", "g", "d"};
  EXPECT_EQ(differences(ours, ref), (std::vector<std::string>{"extra: x1", "extra: x2", "extra: c2",
                                                              "missing: c1", "missing: g"}));
  EXPECT_TRUE(differences(ref, ref).empty());
  EXPECT_EQ(differences({}, {"a"}), std::vector<std::string>{"missing: a"});
}

}  // namespace
}  // namespace bgplens::test

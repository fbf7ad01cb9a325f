// Every capture in ../shared/captures decoded by bgplens-cli and compared with tshark's
// reference, message by message. Where the two differ, the difference must be listed in
// known_differences.cpp with the reason (the RFC rule tshark breaks, or the part of the
// decoder a later issue adds) — and a listed difference that no longer occurs fails too, so
// the list stays true.
#include <gtest/gtest.h>

#include <fnmatch.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "known_differences.h"
#include "reference_compare.h"
#include "test_support.h"

namespace bgplens::test {
namespace {

std::vector<std::string> reference_files() {
  std::vector<std::string> out;
  const std::filesystem::path root = std::filesystem::path(shared_dir()) / "captures";
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string p = entry.path().string();
    const std::string suffix = ".expected.jsonl";
    if (p.size() > suffix.size() &&
        p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(std::filesystem::relative(entry.path(), root).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CaptureReference : public ::testing::TestWithParam<std::string> {};

TEST_P(CaptureReference, AgreesWithTsharkExceptForListedReasons) {
  const std::string reference_name = GetParam();
  const std::string capture =
      reference_name.substr(0, reference_name.size() - std::string(".expected.jsonl").size());
  const std::string root = shared_dir() + "/captures/";
  const CommandResult run =
      run_command(cli_path() + " decode '" + root + capture + "' 2>/dev/null");
  ASSERT_EQ(run.exit_code, 0) << capture;
  const Comparison c = compare(parse_lines(run.out), parse_lines(read_file(root + reference_name)));

  const KnownDifferences* known = known_differences(capture);
  std::vector<std::string> allowed;
  if (known) allowed = known->differences;
  // A listed difference is an exact line, or a pattern with '*' for a stream tshark lost
  // (every later message of one connection).
  auto matches = [](const std::string& pattern, const std::string& d) {
    return fnmatch(pattern.c_str(), d.c_str(), 0) == 0;
  };
  for (const std::string& d : c.differences) {
    EXPECT_TRUE(std::any_of(allowed.begin(), allowed.end(),
                            [&](const std::string& a) { return matches(a, d); }))
        << capture << ": unexplained difference: " << d;
  }
  for (const std::string& a : allowed) {
    EXPECT_TRUE(std::any_of(c.differences.begin(), c.differences.end(),
                            [&](const std::string& d) { return matches(a, d); }))
        << capture << ": listed difference no longer occurs: " << a;
  }
  if (std::getenv("BGPLENS_PRINT_DIFFERENCES")) {
    for (const std::string& d : c.differences)
      std::printf("DIFF\t%s\t%s\n", capture.c_str(), d.c_str());
  }
  RecordProperty("bmp_rows", static_cast<int>(c.bmp_rows));
  // Every reference message in scope is either matched or listed as missing above.
  EXPECT_EQ(
      c.matched + std::count_if(c.differences.begin(), c.differences.end(),
                                [](const std::string& d) { return d.rfind("missing ", 0) == 0; }),
      c.expected)
      << capture;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param.substr(0, info.param.find(".expected"));
  for (char& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(SharedCaptures, CaptureReference, ::testing::ValuesIn(reference_files()),
                         test_name);

TEST(CaptureReference, SharedCapturesArePresent) {
  EXPECT_GT(reference_files().size(), 100u)
      << "expected the shared captures under " << shared_dir();
}

}  // namespace
}  // namespace bgplens::test

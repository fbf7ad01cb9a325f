// The shared MRT dumps the end-to-end tests read in place: every file under ../shared/mrt that
// is not a bgpdump reference or a README.
#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.h"

namespace bgplens::test {

inline constexpr std::string_view kReferenceSuffix = ".bgpdump.txt.gz";

inline std::filesystem::path mrt_root() {
  return std::filesystem::path(shared_dir()) / "mrt";
}

// Paths relative to mrt_root(), sorted.
inline std::vector<std::string> dump_files() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  if (!fs::exists(mrt_root())) return out;
  for (const auto& entry : fs::recursive_directory_iterator(mrt_root())) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (name.ends_with(kReferenceSuffix) || name == "README.md") continue;
    out.push_back(fs::relative(entry.path(), mrt_root()).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A gtest parameter name from a relative path.
inline std::string dump_test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
}

}  // namespace bgplens::test

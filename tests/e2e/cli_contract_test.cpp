#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "test_support.h"

namespace bgplens {
namespace {

TEST(CliContract, MissingFileExitsTwoWithOneLineOnStderr) {
  const test::CommandResult r =
      test::run_command(test::cli_path() + " decode /nonexistent/capture.pcap 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("No such file or directory"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
}

}  // namespace
}  // namespace bgplens

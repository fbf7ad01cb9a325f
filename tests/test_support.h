// Helpers shared by the tests: where the shared data and the CLI are, running a command.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace bgplens::test {

// ../shared beside the checkout (BGPLENS_SHARED_DIR, set by CTest).
#ifndef BGPLENS_SHARED_DIR_DEFAULT
#define BGPLENS_SHARED_DIR_DEFAULT "../shared"
#endif
#ifndef BGPLENS_CLI_DEFAULT
#define BGPLENS_CLI_DEFAULT "bgplens-cli"
#endif
#ifndef BGPLENS_SOURCE_DIR_DEFAULT
#define BGPLENS_SOURCE_DIR_DEFAULT "."
#endif

inline std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

inline std::string shared_dir() {
  return env_or("BGPLENS_SHARED_DIR", BGPLENS_SHARED_DIR_DEFAULT);
}
inline std::string cli_path() {
  return env_or("BGPLENS_CLI", BGPLENS_CLI_DEFAULT);
}
inline std::string source_dir() {
  return env_or("BGPLENS_SOURCE_DIR", BGPLENS_SOURCE_DIR_DEFAULT);
}

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output (add 2>&1 to the command for standard error too)
};

// Runs a shell command and collects its output.
inline CommandResult run_command(const std::string& command) {
  CommandResult r;
  std::FILE* p = ::popen(command.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
    r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace bgplens::test

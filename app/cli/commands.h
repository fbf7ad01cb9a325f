// bgplens-cli subcommands. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace bgplens::cli {

using Args = std::vector<std::string>;

int run_decode(const Args& args);
int run_generate(const Args& args);
int run_stats(const Args& args);

// Exit codes shared by all commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitInput = 2;  // a missing, unreadable or unsupported input file

// Prints "bgplens-cli: <message>" on stderr.
void fail(const std::string& message);

}  // namespace bgplens::cli

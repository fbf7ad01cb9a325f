// bgplens-cli: decode captures to JSON lines, generate sample captures.
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"
#include "context_options.h"

namespace {

constexpr const char* kUsage =
    "usage: bgplens-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  decode FILE [--tree] [--all] [--stats] [context options]\n"
    "  decode --hex HEX|- [--tree] [context options]\n"
    "      One JSON object per BGP message of a pcap/pcapng capture, in capture order; or of\n"
    "      raw messages in hex (marker included), one per line on standard input with -.\n"
    "      --tree   add \"fields\": the whole field tree of each message\n"
    "      --all    also list stream rows that are not messages (unparsed bytes, gaps)\n"
    "      --stats  print what was read (frames, segments, skipped frames) on standard error\n"
    "  generate sample OUT.pcap\n"
    "      Write the sample capture bundled with BGP Lens.\n"
    "  generate seeds DIR\n"
    "      Write the benchmark messages (scripts/bench/run) into DIR.\n";

}  // namespace

namespace bgplens::cli {

void fail(const std::string& message) {
  std::fprintf(stderr, "bgplens-cli: %s\n", message.c_str());
}

}  // namespace bgplens::cli

int main(int argc, char** argv) {
  using namespace bgplens::cli;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    std::fputs("  context options:\n", argc < 2 ? stderr : stdout);
    std::fputs(bgplens::cli::kContextOptionsHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitUsage : kExitOk;
  }
  const std::string command = argv[1];
  const Args args(argv + 2, argv + argc);
  if (command == "decode") return run_decode(args);
  if (command == "generate") return run_generate(args);
  fail("unknown command '" + command + "' (try --help)");
  return kExitUsage;
}

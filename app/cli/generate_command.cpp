// bgplens-cli generate: captures made by the project's own generator.
#include <cstdio>

#include "commands.h"
#include "gen/sample_capture.h"

namespace bgplens::cli {

int run_generate(const Args& args) {
  if (args.size() != 2 || args[0] != "sample") {
    fail("usage: bgplens-cli generate sample OUT.pcap");
    return kExitUsage;
  }
  const gen::ByteVector bytes = gen::make_sample_capture();
  std::FILE* f = std::fopen(args[1].c_str(), "wb");
  if (f == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() ||
      std::fclose(f) != 0) {
    fail("cannot write " + args[1]);
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace bgplens::cli

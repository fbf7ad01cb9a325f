// bgplens-cli generate: inputs made by the project's own generators.
#include <cstdio>
#include <string>

#include "commands.h"
#include "gen/sample_capture.h"
#include "gen/seed_messages.h"

namespace bgplens::cli {
namespace {

bool write_file(const std::string& path, const gen::ByteVector& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int run_generate(const Args& args) {
  if (args.size() == 2 && args[0] == "sample") {
    if (!write_file(args[1], gen::make_sample_capture())) {
      fail("cannot write " + args[1]);
      return kExitInput;
    }
    return kExitOk;
  }
  if (args.size() == 2 && args[0] == "seeds") {
    // The benchmark scenarios as raw BGP messages back to back (scripts/bench/run).
    const std::string dir = args[1];
    const bool ok = write_file(dir + "/update-1000-ipv4.bin", gen::seed_update_1000_ipv4()) &&
                    write_file(dir + "/update-100-vpnv4.bin", gen::seed_update_100_vpnv4()) &&
                    write_file(dir + "/stream-800k.bin", gen::seed_stream());
    if (!ok) {
      fail("cannot write the seed files into " + dir);
      return kExitInput;
    }
    return kExitOk;
  }
  fail("usage: bgplens-cli generate sample OUT.pcap | generate seeds DIR");
  return kExitUsage;
}

}  // namespace bgplens::cli

// bgplens-cli decode --format bgpdump FILE: an MRT dump as `bgpdump -m` (1.6.2) prints it, one
// line per prefix, RIB entry and state change (mrt/bgpdump_lines.h says where BGP Lens prints
// more than bgpdump, and why). The records are formatted while a compressed file is still
// being decompressed on its own thread (walk_store waits for the bytes), so on compressed input
// the command takes about as long as the decompressor alone.
//
// A pcap/pcapng capture is refused (exit code 2): bgpdump's lines describe MRT records, and a
// capture's UPDATEs are what plain `decode` shows.
#include <cstdio>

#include "commands.h"
#include "index/source_file.h"
#include "mrt/bgpdump_lines.h"
#include "mrt/store_walk.h"

namespace bgplens::cli {

int run_decode_bgpdump(const std::string& path, bool stats, Output& out) {
  auto store = open_source_file(path);
  if (!store) {
    fail(store.error());
    return kExitInput;
  }
  if (source_kind(**store) == SourceKind::Capture) {
    fail("decode: " + path +
         " is a packet capture; --format bgpdump is for MRT dumps (plain decode shows a "
         "capture's messages)");
    return kExitInput;
  }
  mrt::BgpdumpLines lines;
  auto tell = [&](const std::string& note) {
    // Lines already formatted go out first, so that a note follows the output before it.
    out.flush();
    std::fflush(stdout);
    fail("warning: " + path + ": " + note);
  };
  mrt::walk_store(**store, {}, [&](const mrt::Piece& piece, Bytes bytes) {
    lines.add(piece, bytes, out.buffer());
    for (const std::string& note : lines.take_notes())
      tell(note);
    out.flush_if_full();
    return true;
  });
  out.flush();
  std::fflush(stdout);
  for (const std::string& line : lines.summary())
    fail("note: " + path + ": " + line);
  // The decompressor's own message names the file.
  if (const std::string problem = (*store)->base_problem(); !problem.empty())
    fail("warning: " + problem);
  if (stats) {
    const mrt::BgpdumpCounts& c = lines.counts();
    std::fprintf(
        stderr,
        "records %llu, lines %llu, damaged stretches %llu (%llu bytes), records cut "
        "short %llu, records noted %llu\n",
        static_cast<unsigned long long>(c.records), static_cast<unsigned long long>(c.lines),
        static_cast<unsigned long long>(c.damaged),
        static_cast<unsigned long long>(c.damaged_bytes),
        static_cast<unsigned long long>(c.truncated), static_cast<unsigned long long>(c.noted));
  }
  return kExitOk;
}

}  // namespace bgplens::cli

// Writes the seed corpus for bgplens_fuzz_message: every distinct BGP message of the shared
// captures (read in place), prefixed with the context bytes of the session it came from.
// Usage: bgplens_fuzz_seeds CAPTURES_DIR OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>

#include "fuzz_context.h"
#include "index/capture_indexer.h"
#include "index/source_file.h"

using namespace bgplens;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CAPTURES_DIR OUT_DIR\n", argv[0]);
    return 1;
  }
  const fs::path out(argv[2]);
  fs::create_directories(out);
  std::set<std::size_t> seen;
  std::size_t written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file() || entry.path().string().ends_with(".jsonl") ||
        entry.path().string().ends_with(".md"))
      continue;
    auto store = open_source_file(entry.path().string());
    if (!store) continue;
    RecordCollector sink;
    if (!index_capture(*store, sink)) continue;
    for (const MessageRecord& r : sink.records) {
      if (r.kind != FramedKind::Message) continue;
      const Bytes bytes = (*store)->view(r.address, r.length);
      std::string key(bytes.begin(), bytes.end());
      const std::size_t hash = std::hash<std::string>{}(key);
      if (!seen.insert(hash).second) continue;
      std::uint8_t a = 3;
      std::uint8_t b = 0;
      if (r.context < sink.table.contexts.size())
        fuzz::context_bytes(sink.table.contexts[r.context], a, b);
      std::ofstream f(out / ("seed-" + std::to_string(hash)), std::ios::binary);
      f.put(static_cast<char>(a)).put(static_cast<char>(b));
      f.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
      ++written;
    }
  }
  std::printf("%zu seeds from %s\n", written, argv[1]);
  return written > 0 ? 0 : 1;
}

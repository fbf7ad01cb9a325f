// bgplens-cli decode: the CLI contract (README, "CLI output") for captures and raw messages.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "commands.h"
#include "context_options.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "jsonl_printer.h"
#include "output/message_json.h"
#include "util/hex.h"

namespace bgplens::cli {
namespace {

struct DecodeOptions {
  std::string format = "jsonl";  // or "bgpdump" (MRT dumps only)
  bool tree = false;
  bool all = false;
  bool stats = false;
  std::optional<std::string> hex;
  ContextOverride context;
};

// Raw messages (marker included) decoded with the context the options give: as a receiver
// would, with no OPENs seen unless the options say otherwise.
int decode_hex(const DecodeOptions& options) {
  const PeerContext context = apply_override(PeerContext{}, options.context);
  Output out;
  std::uint64_t n = 0;
  auto one = [&](const std::string& text) {
    std::string error;
    const auto bytes = parse_hex(text, error);
    if (!bytes) {
      fail("decode --hex: message " + std::to_string(n) + ": " + error);
      return false;
    }
    const DecodedMessage d =
        decode_message(*bytes, context, options.tree ? Depth::Tree : Depth::Detail);
    JsonWriter json(out.buffer());
    write_message_json(json, n++, MessageOrigin{}, d, MessageJsonOptions{options.tree});
    out.line_done();
    return true;
  };
  if (*options.hex != "-") return one(*options.hex) ? kExitOk : kExitInput;
  std::string line;
  bool ok = true;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ok = one(line) && ok;
  }
  return ok ? kExitOk : kExitInput;
}

void print_stats(const IndexStats& st, const ByteStore& store) {
  std::fprintf(stderr,
               "frames %llu, tcp segments %llu, other %llu, fragments %llu, unsupported link %llu, "
               "malformed %llu, records %llu, copied messages %llu, retransmitted bytes %llu, "
               "source map bytes %llu\n",
               static_cast<unsigned long long>(st.frames),
               static_cast<unsigned long long>(st.tcp_segments),
               static_cast<unsigned long long>(st.other_frames),
               static_cast<unsigned long long>(st.fragments),
               static_cast<unsigned long long>(st.unsupported_link),
               static_cast<unsigned long long>(st.malformed_frames),
               static_cast<unsigned long long>(st.records),
               static_cast<unsigned long long>(st.copied_messages),
               static_cast<unsigned long long>(st.retransmitted_bytes),
               static_cast<unsigned long long>(store.sources().memory_bytes()));
}

}  // namespace

int run_decode(const Args& args) {
  DecodeOptions options;
  std::string path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string error;
    if (parse_context_option(args, i, options.context, error)) {
      if (!error.empty()) {
        fail("decode: " + error);
        return kExitUsage;
      }
    } else if (a == "--tree") {
      options.tree = true;
    } else if (a == "--all") {
      options.all = true;
    } else if (a == "--stats") {
      options.stats = true;
    } else if (a == "--format") {
      if (i + 1 >= args.size() || (args[i + 1] != "jsonl" && args[i + 1] != "bgpdump")) {
        fail("decode: --format takes jsonl (the default) or bgpdump");
        return kExitUsage;
      }
      options.format = args[++i];
    } else if (a == "--hex") {
      if (i + 1 >= args.size()) {
        fail("decode: --hex needs a message in hex, or - to read one per line");
        return kExitUsage;
      }
      options.hex = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      fail("decode: unknown option " + a);
      return kExitUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      fail("decode: one FILE only");
      return kExitUsage;
    }
  }
  if (options.hex) {
    if (options.format == "bgpdump") {
      fail("decode: --format bgpdump reads an MRT FILE, not --hex");
      return kExitUsage;
    }
    if (!path.empty()) {
      fail("decode: give FILE or --hex, not both");
      return kExitUsage;
    }
    return decode_hex(options);
  }
  if (path.empty()) {
    fail("decode: FILE is missing (bgplens-cli decode FILE, or --hex HEX)");
    return kExitUsage;
  }
  if (options.format == "bgpdump") {
    if (options.tree || options.all || !options.context.empty()) {
      fail("decode: --tree, --all and context options do not apply to --format bgpdump");
      return kExitUsage;
    }
    Output out;
    return run_decode_bgpdump(path, options.stats, out);
  }
  auto store = open_source_file(path);
  if (!store) {
    fail(store.error());
    return kExitInput;
  }
  Output out;
  JsonlPrinter printer(**store, JsonlOptions{options.tree, options.all, options.context}, out);
  auto stats = index_source(*store, printer);
  out.flush();
  if (!stats) {
    fail(path + ": " + stats.error());
    return kExitInput;
  }
  if (options.stats) print_stats(*stats, **store);
  if (!stats->read_error.empty()) fail(read_warning(path, stats->read_error));
  if (printer.stream_rows() > 0 && !options.all) {
    fail("note: " + std::to_string(printer.stream_rows()) +
         " stream rows are not BGP messages (unparsed bytes, gaps); --all lists them");
  }
  return kExitOk;
}

}  // namespace bgplens::cli

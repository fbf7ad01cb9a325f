// bgplens-cli decode: the CLI contract (README, "CLI output").
#include <cstdio>
#include <string>

#include "commands.h"
#include "index/capture_indexer.h"
#include "index/record_decoder.h"
#include "index/source_file.h"
#include "output/message_json.h"

namespace bgplens::cli {
namespace {

class JsonlPrinter final : public IndexSink {
 public:
  JsonlPrinter(const ByteStore& store, bool tree, bool all)
      : store_(store), tree_(tree), all_(all) {
    buffer_.reserve(kFlushAt + 65536);
  }
  ~JsonlPrinter() override { flush(); }

  void on_batch(IndexBatch&& batch) override {
    for (auto& c : batch.new_contexts)
      table_.contexts.push_back(std::move(c));
    for (auto& s : batch.new_sessions)
      table_.sessions.push_back(std::move(s));
    for (const MessageRecord& r : batch.records) {
      const std::uint64_t n = next_++;
      if (r.kind != FramedKind::Message) {
        ++stream_rows_;
        if (!all_) continue;
      }
      const DecodedMessage d =
          decode_record(store_, table_, r, tree_ ? Depth::Tree : Depth::Detail);
      const PeerContext* ctx =
          r.context < table_.contexts.size() ? &table_.contexts[r.context] : nullptr;
      const SessionInfo* session =
          ctx && ctx->session < table_.sessions.size() ? &table_.sessions[ctx->session] : nullptr;
      JsonWriter json(buffer_);
      write_message_json(json, n, r, session, ctx ? ctx->direction : 0, d,
                         MessageJsonOptions{tree_});
      buffer_ += '\n';
      if (buffer_.size() >= kFlushAt) flush();
    }
  }

  std::uint64_t stream_rows() const { return stream_rows_; }

 private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  void flush() {
    if (!buffer_.empty()) std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    buffer_.clear();
  }
  const ByteStore& store_;
  bool tree_;
  bool all_;
  ContextTable table_;
  std::string buffer_;
  std::uint64_t next_ = 0;
  std::uint64_t stream_rows_ = 0;
};

}  // namespace

int run_decode(const Args& args) {
  std::string path;
  bool tree = false;
  bool all = false;
  bool show_stats = false;
  for (const std::string& a : args) {
    if (a == "--tree") {
      tree = true;
    } else if (a == "--all") {
      all = true;
    } else if (a == "--stats") {
      show_stats = true;
    } else if (!a.empty() && a[0] == '-' && a != "-") {
      fail("decode: unknown option " + a);
      return kExitUsage;
    } else if (path.empty()) {
      path = a;
    } else {
      fail("decode: one FILE only");
      return kExitUsage;
    }
  }
  if (path.empty()) {
    fail("decode: FILE is missing (bgplens-cli decode FILE)");
    return kExitUsage;
  }
  auto store = open_source_file(path);
  if (!store) {
    fail(store.error());
    return kExitInput;
  }
  JsonlPrinter printer(**store, tree, all);
  auto stats = index_capture(*store, printer);
  if (!stats) {
    fail(path + ": " + stats.error());
    return kExitInput;
  }
  if (show_stats) {
    const IndexStats& st = *stats;
    std::fprintf(
        stderr,
        "frames %llu, tcp segments %llu, other %llu, fragments %llu, unsupported link %llu, "
        "malformed %llu, records %llu, copied messages %llu, retransmitted bytes %llu\n",
        static_cast<unsigned long long>(st.frames),
        static_cast<unsigned long long>(st.tcp_segments),
        static_cast<unsigned long long>(st.other_frames),
        static_cast<unsigned long long>(st.fragments),
        static_cast<unsigned long long>(st.unsupported_link),
        static_cast<unsigned long long>(st.malformed_frames),
        static_cast<unsigned long long>(st.records),
        static_cast<unsigned long long>(st.copied_messages),
        static_cast<unsigned long long>(st.retransmitted_bytes));
  }
  if (!stats->read_error.empty()) {
    fail("warning: " + path + ": the capture ends early: " + stats->read_error);
  }
  if (printer.stream_rows() > 0 && !all) {
    fail("note: " + std::to_string(printer.stream_rows()) +
         " stream rows are not BGP messages (unparsed bytes, gaps); --all lists them");
  }
  return kExitOk;
}

}  // namespace bgplens::cli

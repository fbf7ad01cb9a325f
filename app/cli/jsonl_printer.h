// The CLI contract's JSON lines (README, "CLI output"), one per row, as the index hands its
// batches over: `decode FILE` and `live` print through it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bgp/peer_context.h"
#include "buffer/byte_store.h"
#include "commands.h"
#include "index/index_sink.h"

namespace bgplens::cli {

struct JsonlOptions {
  bool tree = false;  // the field tree of each message
  bool all = false;   // stream rows too (unparsed bytes, gaps)
  ContextOverride context;
  // Write each batch out at once (live: a line appears when its message arrives).
  bool flush_each_batch = false;
};

class JsonlPrinter final : public IndexSink {
 public:
  JsonlPrinter(const ByteStore& store, JsonlOptions options, Output& out)
      : store_(store), options_(options), out_(out) {}

  void on_batch(IndexBatch&& batch) override;

  std::uint64_t stream_rows() const { return stream_rows_; }

 private:
  // A session's endpoints as text, kept from message to message: building them for each
  // message took 6% of the command's time.
  struct SessionTexts {
    Endpoint a_endpoint;
    Endpoint b_endpoint;
    std::string a;  // empty until first used
    std::string b;
  };

  // `session` is an element of table_.sessions. Its endpoints can change (a BMP Peer Up fills
  // in the monitored router's side): the texts are rebuilt when they differ from those kept.
  const SessionTexts& session_texts(const SessionInfo& session);

  const ByteStore& store_;
  JsonlOptions options_;
  Output& out_;
  ContextTable table_;
  std::uint64_t next_ = 0;
  std::uint64_t stream_rows_ = 0;
  std::vector<SessionTexts> session_texts_;  // by index in table_.sessions
};

}  // namespace bgplens::cli

// How the indexer hands its results over: in batches, each immutable once sent, so a GUI
// thread can take them with a queued call while the parser thread goes on.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/message_record.h"
#include "index/session_table.h"

namespace bgplens {

struct IndexBatch {
  // Contexts and sessions first: the records of this batch may refer to them.
  std::vector<PeerContext> new_contexts;
  std::vector<SessionInfo> new_sessions;
  // Sessions sent earlier whose description changed (a stream found to carry BMP): replace
  // table.sessions[id]. Applied after new_sessions.
  std::vector<SessionInfo> updated_sessions;
  std::vector<SessionEvent> session_events;
  std::vector<MessageRecord> records;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
};

struct IndexStats {
  std::uint64_t frames = 0;
  std::uint64_t tcp_segments = 0;
  std::uint64_t other_frames = 0;  // not TCP, or TCP that is not BGP
  std::uint64_t fragments = 0;     // IP fragment frames seen
  // IP datagrams of fragments that can carry TCP: made whole (their TCP segments are read like
  // any other), and given up (timed out, evicted to bound memory, discarded for overlapping
  // IPv6 fragments (RFC 5722), or unfinished at the end of the capture).
  std::uint64_t fragments_reassembled = 0;
  std::uint64_t fragments_incomplete = 0;
  // Fragments that overlapped bytes already held with different extent or content: for IPv4
  // the first copy was kept, for IPv6 the datagram was discarded.
  std::uint64_t fragment_overlaps = 0;
  std::uint64_t unsupported_link = 0;  // frames of a link type not handled
  std::uint64_t malformed_frames = 0;
  std::uint64_t copied_messages = 0;  // spanned segments
  std::uint64_t retransmitted_bytes = 0;
  std::uint64_t records = 0;
  // MRT files: records read, and bytes that were part of none (damaged stretches).
  std::uint64_t mrt_records = 0;
  std::uint64_t damaged_bytes = 0;
  std::string read_error;  // the file ended early or is damaged
};

class IndexSink {
 public:
  virtual ~IndexSink() = default;
  virtual void on_batch(IndexBatch&& batch) = 0;
};

// Moves a batch's new contexts and sessions into `table` (they come before its records).
inline void absorb_tables(ContextTable& table, IndexBatch& batch) {
  for (PeerContext& c : batch.new_contexts)
    table.contexts.push_back(std::move(c));
  for (SessionInfo& s : batch.new_sessions)
    table.sessions.push_back(std::move(s));
  for (SessionInfo& s : batch.updated_sessions) {
    if (s.id < table.sessions.size()) table.sessions[s.id] = std::move(s);
  }
  table.events.insert(table.events.end(), batch.session_events.begin(), batch.session_events.end());
  batch.new_contexts.clear();
  batch.new_sessions.clear();
  batch.updated_sessions.clear();
  batch.session_events.clear();
}

// Keeps every batch: the whole index in memory (tests, tools, small files).
class RecordCollector final : public IndexSink {
 public:
  void on_batch(IndexBatch&& batch) override {
    absorb_tables(table, batch);
    records.insert(records.end(), batch.records.begin(), batch.records.end());
    ++batches;
  }
  ContextTable table;
  std::vector<MessageRecord> records;
  std::size_t batches = 0;
};

}  // namespace bgplens

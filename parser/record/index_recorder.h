// Recording rows of the index — a live session as it runs, or any selection of rows of an open
// file — as MRT BGP4MP_ET or pcapng (mrt_recorder.h, pcapng_recorder.h). The rows' sessions
// become recorded BGP sessions: their ends from the SessionInfo, AS numbers and BGP
// identifiers from the OPENs (until then from the session's BMP or MRT peer header, or the
// caller's hint), each message's layout from the row's own decode context, so a reopened
// recording decodes as the rows did.
//
// "Local" is the sender of direction 1 by default (configurable per session): BGP Lens itself
// in a live session (a is the peer, b BGP Lens), the monitored router for a BMP peer, the
// collector for an MRT peer, and the end that did not send the first segment of a captured
// connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "buffer/byte_store.h"
#include "index/index_sink.h"
#include "record/index_rows.h"
#include "record/mrt_recorder.h"
#include "record/pcapng_recorder.h"
#include "util/expected.h"

namespace bgplens::record {

enum class RecordFormat : std::uint8_t { Mrt, Pcapng };

// From the file name's extension, ignoring case: ".mrt" and ".pcapng". Nothing for others.
std::optional<RecordFormat> format_from_path(std::string_view path);

// What the index does not say about a session and the caller may know (a live session's
// speaker configuration). Unset values are worked out from the session.
struct SessionHint {
  // The direction whose sender is the local speaker.
  std::uint8_t local_direction = 1;
  // Whether the local speaker opened the TCP connection. Default: the local end is the
  // session's `a` (a capture's `a` sent the first segment).
  std::optional<bool> local_opened;
  // When the TCP connection came up. Default: for a TCP session, its first segment's time.
  std::optional<std::int64_t> connected_ns;
  // Until the OPENs say (zero: not known; a BMP or MRT peer header may say).
  std::uint32_t local_as = 0;
  std::uint32_t peer_as = 0;
  std::uint32_t local_id = 0;
  std::uint32_t peer_id = 0;
  std::uint16_t interface_index = 0;
};

struct IndexRecorderOptions {
  RecordFormat format = RecordFormat::Mrt;
  std::chrono::milliseconds flush_interval{1000};
  TimestampResolution pcapng_resolution = TimestampResolution::Nanoseconds;
  SessionHint defaults;  // for sessions without a hint of their own
};

struct IndexRecorderStats {
  std::uint64_t messages = 0;
  std::uint64_t state_changes = 0;
  std::uint64_t sessions = 0;  // sessions with something recorded
  SkipCounts skipped;
  // MRT: UPDATEs whose families disagree on ADD-PATH in their direction: no BGP4MP subtype
  // says that (RFC 8050 §3), so they were written with the _ADDPATH one.
  std::uint64_t mixed_add_path = 0;
};

class IndexRecorder {
 public:
  // Creates (truncates) `path` in the format given, or the one its extension names.
  static Expected<IndexRecorder> create(const std::string& path, IndexRecorderOptions options);
  static Expected<IndexRecorder> create(const std::string& path);

  IndexRecorder(IndexRecorder&&) noexcept;
  IndexRecorder& operator=(IndexRecorder&&) noexcept;
  ~IndexRecorder();

  void set_hint(std::uint32_t session, const SessionHint& hint);

  // Records one row: `row_bytes` are ByteStore::view(record.address, record.length). Rows that
  // are no BGP message are counted in stats().skipped and leave the file as it was. False only
  // when the file could not be written (error() says why; later calls fail too).
  bool add(const ContextTable& table, const MessageRecord& record, Bytes row_bytes);
  bool add(const ByteStore& store, const ContextTable& table, const MessageRecord& record) {
    return add(table, record, store.view(record.address, record.length));
  }
  // Takes the AS number and BGP identifier from an OPEN row without recording it (a selection
  // that leaves the session's OPENs out). Other rows are ignored.
  void note_open(const ContextTable& table, const MessageRecord& record, Bytes row_bytes);
  // An FSM transition of `session` (RFC 6396 §4.4.1 numbering): a STATE_CHANGE_AS4 record in
  // MRT; pcapng has no frames for it (counted as skipped). A session not yet in `table`
  // (kNoSession: the connection is not up) takes it when its first row comes.
  bool state_change(const ContextTable& table, std::uint32_t session,
                    const RecordedStateChange& change);
  // The TCP connection of `session` closed, the sender of `closer` (a row direction) first:
  // the FIN exchange in pcapng, nothing in MRT. Connections still open when the recording is
  // closed end then, closed by the local speaker.
  bool end_session(std::uint32_t session, std::int64_t time_ns, std::uint8_t closer);

  bool flush();
  bool close();

  RecordFormat format() const { return format_; }
  const IndexRecorderStats& stats() const { return stats_; }
  const std::string& error() const { return error_; }

 private:
  struct Session;
  // An MRT record not written yet: a message (its bytes and context) or a state change.
  struct Held {
    std::int64_t time_ns = 0;
    Direction direction = Direction::Received;
    PeerContext context;
    std::vector<std::uint8_t> message;  // empty for a state change
    std::uint16_t old_state = 0;
    std::uint16_t new_state = 0;
  };
  static constexpr std::size_t kMaxHeld = 8;
  using Output = std::variant<MrtRecorder, PcapngRecorder>;

  IndexRecorder(Output out, IndexRecorderOptions options);
  // The recorded session for `id`, made from the table when new; null (and `why` set) when
  // the session cannot be recorded.
  Session* session(const ContextTable& table, std::uint32_t id, RowSkip& why);
  void learn_open(Session& s, const ContextTable& table, const MessageRecord& record,
                  Bytes message);
  bool write_message(Session& s, const ContextTable& table, const MessageRecord& record,
                     Bytes message);
  bool write_state(Session& s, const RecordedStateChange& change);
  bool write_mrt(Session& s, Held&& held);
  bool put_mrt(Session& s, const Held& held);
  bool release(Session& s);
  static bool session_as4(const Session& s, bool otherwise);
  void counted(Session& s, std::int64_t time_ns);
  bool ensure_connection(Session& s, std::int64_t time_ns);
  bool failed(const std::string& why);

  Output out_;
  RecordFormat format_;
  IndexRecorderOptions options_;
  std::map<std::uint32_t, SessionHint> hints_;
  std::map<std::uint32_t, std::unique_ptr<Session>> sessions_;
  // pcapng: which session holds the TCP connection between two ends (local, peer) now; a new
  // session over the same ends closes the old connection first.
  std::map<std::pair<Endpoint, Endpoint>, std::uint32_t> connections_;
  std::vector<RecordedStateChange> pending_states_;  // for the next session to get a row
  IndexRecorderStats stats_;
  std::string error_;
};

// Saving a selection of rows ("Save messages as…"): `row(n)` gives row n of the index (the
// rows' OPENs are looked up by number through it). Records the rows of `selected`, in that
// order, after noting the OPENs of their sessions that the selection leaves out.
struct IndexRows {
  const ByteStore& store;
  const ContextTable& table;
  std::function<MessageRecord(std::uint64_t)> row;
  std::uint64_t count = 0;
};
bool record_rows(IndexRecorder& recorder, const IndexRows& rows,
                 std::span<const std::uint64_t> selected);

// Recording as the index grows (`live --write`): a sink that records every row of every batch
// and hands the batch on to `next` (when given) unchanged. The store must hold the rows'
// bytes when the batch arrives.
class RecordingSink final : public IndexSink {
 public:
  RecordingSink(IndexRecorder& recorder, const ByteStore& store, IndexSink* next = nullptr)
      : recorder_(recorder), store_(store), next_(next) {}
  void on_batch(IndexBatch&& batch) override;
  const ContextTable& table() const { return table_; }
  // False once a write failed (the recorder's error() says why); the batches still go on.
  bool ok() const { return ok_; }

 private:
  IndexRecorder& recorder_;
  const ByteStore& store_;
  IndexSink* next_;
  ContextTable table_;
  // Per session, the directions that sent FIN (bits) and the first to: the connection ends
  // when both have, or at a RST.
  struct Fins {
    std::uint8_t mask = 0;
    std::uint8_t first = 0;
  };
  std::map<std::uint32_t, Fins> fins_;
  bool ok_ = true;
};

}  // namespace bgplens::record

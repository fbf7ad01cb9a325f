// The messages of one opened source, on the GUI thread: the shared bytes, the 32-byte records,
// the session contexts and the timeline. Filled in batches handed over from the parser thread.
#pragma once

#include <QObject>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "bgp/decoded_message.h"
#include "buffer/byte_store.h"
#include "index/index_sink.h"
#include "index/record_chunks.h"
#include "index/session_table.h"
#include "timeline.h"

namespace bgplens {

class MessageStore : public QObject {
  Q_OBJECT

 public:
  explicit MessageStore(QObject* parent = nullptr);

  // Starts over with a new source (or none).
  void reset(std::shared_ptr<const ByteStore> bytes);
  // Appends batches from the parser thread, in order, as one insertion (called on the GUI
  // thread). Their tables and records are moved out.
  void append(std::span<IndexBatch> batches);
  void append(IndexBatch&& batch) { append(std::span<IndexBatch>(&batch, 1)); }

  std::size_t size() const { return records_.size(); }
  // By value: rows that share most of their fields (the entries of one MRT record) are held
  // compactly and put together on reading (see RecordChunks).
  MessageRecord record(std::size_t row) const { return records_[row]; }
  const ContextTable& contexts() const { return table_; }
  const std::shared_ptr<const ByteStore>& bytes() const { return bytes_; }
  const Timeline& timeline() const { return timeline_; }
  // The record's session and direction, if known.
  const SessionInfo* session_of(const MessageRecord& r) const;
  std::uint8_t direction_of(const MessageRecord& r) const;
  std::int64_t first_time_ns() const { return first_time_ns_; }
  std::uint64_t error_rows() const { return error_rows_; }
  // Whether more rows are coming (a loader is filling the store): views may then show new
  // rows a few times a second rather than after every append.
  bool loading() const { return loading_; }
  void set_loading(bool loading);

  // Decodes with the user's override for the row's session, if any.
  DecodedMessage decode(std::size_t row, Depth depth) const;

  // The user's decoding settings for one session (an empty override removes them). Every
  // message of the session re-decodes with them.
  void set_session_override(std::uint32_t session, const ContextOverride& settings);
  const ContextOverride* session_override(std::uint32_t session) const;
  std::optional<std::uint32_t> session_id_of(std::size_t row) const;
  // The record's bytes (empty for gaps).
  Bytes message_bytes(std::size_t row) const;

 signals:
  void aboutToReset();
  void wasReset();
  void appended(qsizetype first, qsizetype last);
  // After every append, with or without rows: batches may bring only new sessions or the FIN
  // and RST events that end them.
  void batchAbsorbed();
  // Overrides changed: every decoded view of the store is stale.
  void decoding_changed();
  void loadingChanged(bool loading);

 private:
  std::shared_ptr<const ByteStore> bytes_;
  // Records live in fixed chunks, never moved once written: one growing vector would copy
  // (and fault in) every record again each time it doubles, which stalls the GUI thread for a
  // large part of a second once a capture has millions of rows.
  RecordChunks records_;
  ContextTable table_;
  Timeline timeline_;
  std::int64_t first_time_ns_ = 0;
  std::uint64_t error_rows_ = 0;
  bool loading_ = false;
  std::map<std::uint32_t, ContextOverride> overrides_;
};

}  // namespace bgplens

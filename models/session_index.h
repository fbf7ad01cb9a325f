// Per-session aggregates of a MessageStore: message counts by type, first and last times, the
// OPENs, the last NOTIFICATION, how the TCP connection closed, the longest silence of each
// direction, hold-timer findings and the session's rows. Updated from each batch as it arrives
// (only the new rows are looked at; only OPEN and NOTIFICATION rows are decoded), so the
// sessions panel costs a few bytes per row, not a rescan of millions of rows.
#pragma once

#include <QObject>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "message_store.h"

namespace bgplens {

// A stretch of time in which one direction of a session sent no message.
struct Silence {
  std::uint8_t direction = 0;  // whose sender was silent
  std::int64_t start_ns = 0;   // time of the last message before it
  std::int64_t duration_ns = 0;
  std::uint32_t from_row = 0;           // the last message before it
  std::optional<std::uint32_t> to_row;  // the next message; none when the session ended first
};

struct DirectionStats {
  // Rows by message type, BGP messages and BMP messages apart; index kOtherType counts larger
  // (unassigned) types.
  static constexpr std::size_t kOtherType = 7;
  std::array<std::uint64_t, kOtherType + 1> types{};
  std::array<std::uint64_t, kOtherType + 1> bmp_types{};
  std::uint64_t unparsed = 0;  // rows of stream bytes that are not messages
  std::uint64_t gaps = 0;      // rows of bytes missing from the capture
  std::uint64_t rows = 0;
  std::optional<std::uint32_t> open_row;  // the latest OPEN
  std::optional<OpenValues> open;         // its values
  std::optional<Silence> longest_silence;
  // The latest decode context of this direction: what the OPENs negotiated (kNoContext: none).
  static constexpr std::uint32_t kNoContext = UINT32_MAX;
  std::uint32_t context = kNoContext;
  // The last message, for measuring the next silence (reset by missing bytes).
  std::optional<std::uint32_t> last_message_row;
  std::int64_t last_message_ns = 0;
};

struct SessionStats {
  std::array<DirectionStats, 2> dir;
  std::int64_t first_time_ns = 0;  // of its first row (0 with no rows)
  std::int64_t last_time_ns = 0;
  std::optional<std::uint32_t> notification_row;  // the first NOTIFICATION: why it ended
  std::vector<SessionEvent> events;               // FIN and RST, in order
  // Silences longer than the hold time, in order (at most kMaxFindings are kept).
  static constexpr std::size_t kMaxFindings = 1000;
  std::vector<Silence> hold_findings;
  std::uint64_t hold_findings_total = 0;
  // The session's rows in the store, in order (32-bit: the list views address rows by int).
  std::vector<std::uint32_t> rows;

  std::uint64_t row_count() const { return rows.size(); }
  // The smaller of the hold times of the OPENs seen (RFC 4271 §4.2: the session uses the
  // smaller of the two; with one OPEN seen, the session's hold time is at most this).
  std::optional<std::uint16_t> hold_time() const { return hold_time_; }
  bool both_opens() const { return dir[0].open.has_value() && dir[1].open.has_value(); }
  // Recomputes hold_time() after an OPEN arrived (it is read for every row).
  void opens_changed();

 private:
  std::optional<std::uint16_t> hold_time_;
};

class SessionIndex : public QObject {
  Q_OBJECT

 public:
  explicit SessionIndex(const MessageStore* store, QObject* parent = nullptr);

  const MessageStore& store() const { return *store_; }
  // Sessions known so far: the store's session table, by id.
  std::uint32_t size() const { return static_cast<std::uint32_t>(stats_.size()); }
  const SessionStats& stats(std::uint32_t session) const { return stats_[session]; }
  const SessionInfo& info(std::uint32_t session) const {
    return store_->contexts().sessions[session];
  }
  // The monitored peers a BMP connection reports, in id order.
  std::vector<std::uint32_t> peers_of(std::uint32_t session) const;
  // The rows of `session` and, for a BMP connection, of its monitored peers, in store order.
  std::vector<std::uint32_t> rows_of(std::uint32_t session) const;
  // Sessions with new rows, events or contexts in the last batch, and new sessions.
  const std::vector<std::uint32_t>& touched() const { return touched_; }
  // The time of the latest row of the whole capture: where a session still open ends.
  std::int64_t capture_end_ns() const { return capture_end_ns_; }

 signals:
  void aboutToReset();
  void wasReset();
  // A batch was taken in: touched() lists what changed.
  void updated();

 private:
  void absorb();
  void add_row(std::uint32_t row);
  void touch(std::uint32_t session);

  const MessageStore* store_;
  std::vector<SessionStats> stats_;
  std::vector<std::uint8_t> touched_flag_;
  std::vector<std::uint32_t> touched_;
  std::size_t rows_seen_ = 0;
  std::size_t contexts_seen_ = 0;
  std::size_t events_seen_ = 0;
  std::int64_t capture_end_ns_ = 0;
};

}  // namespace bgplens

// What the sessions panel says about a session, in words: its ends, how it ended, what it
// sent, and where its hold timer should have expired. Built from a SessionIndex when shown;
// only a NOTIFICATION is decoded here (to name it).
#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <vector>

#include "session_index.h"

namespace bgplens::session_report {

QString kind_name(SessionKind kind);  // "BGP", "BMP", "BMP peer"
// "A" for direction 0 (sent by endpoint a), "B" for direction 1.
QString side_name(std::uint8_t direction);
// "10.0.0.1:179"; the address alone when the port is not known (0).
QString endpoint_text(const Endpoint& e);
// "A ↔ B" of two texts; "?" stands for an unknown one, and two unknown ones give "".
QString pair_text(const QString& a, const QString& b);
QString endpoints_text(const SessionInfo& s);
// The AS number and BGP identifier of side 0 (A) or 1 (B): from the OPEN it sent or, for a
// monitored peer, from the BMP per-peer header. Empty when not known.
QString as_text(const SessionIndex& index, std::uint32_t session, int side);
QString router_id_text(const SessionIndex& index, std::uint32_t session, int side);
// "Loc-RIB instance, distinguisher 0, address 10.0.0.1, AS 65001, BGP ID 1.1.1.1".
QString bmp_peer_text(const BmpPeerInfo& peer);
// What tells apart the peers of one BMP connection at one address: "global", "RD 65000:7",
// "local 5", "Loc-RIB" (RFC 7854 §4.2 peer types and distinguishers, RFC 9069).
QString bmp_peer_label(const BmpPeerInfo& peer);

// Seconds since the capture's first message ("12.345"), and durations ("3.012 s").
QString relative_time(const MessageStore& store, std::int64_t ns);
QString duration_text(std::int64_t ns);
// The hold time the session uses (RFC 4271 §4.2: the smaller of the two OPENs'): "90 s",
// "0 s (no KEEPALIVEs)", "at most 90 s" with one OPEN, "" with none.
QString hold_time_text(const SessionStats& s);

struct End {
  enum class Reason : std::uint8_t { Notification, Rst, Fin, ConnectionClosed, CaptureEnd };
  Reason reason = Reason::CaptureEnd;
  std::int64_t time_ns = 0;  // when it ended (CaptureEnd: the capture's last message)
  QString text;              // one line for the session list (sides named A and B)
  QStringList details;       // the NOTIFICATION and every FIN and RST, with times
};
// How the session ended: its first NOTIFICATION, else the first RST or FIN, else (for a
// monitored peer) the end of its BMP connection, else it was still open when the capture
// ended.
End session_end(const SessionIndex& index, std::uint32_t session);

// Hold-timer findings: the silences between messages longer than the hold time, and a
// silence from a direction's last message to the session's end longer than the hold time
// (the case where a speaker stops sending and its peer closes the session).
std::vector<Silence> hold_timer_findings(const SessionIndex& index, std::uint32_t session);
// Their number, counting the ones beyond SessionStats::kMaxFindings.
std::uint64_t hold_timer_finding_count(const SessionIndex& index, std::uint32_t session);

struct CountRow {
  QString type;
  std::array<std::uint64_t, 2> count{};  // sent A → B, B → A
};
// Rows by type per direction: every BGP type (zeros included) for BGP sessions, BMP types
// when there are BMP rows, and unparsed bytes and gaps when present.
std::vector<CountRow> message_counts(const SessionIndex& index, std::uint32_t session);

}  // namespace bgplens::session_report

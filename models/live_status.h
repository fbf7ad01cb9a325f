// What the status area shows about a live source (a BGP session, a BMP station, an interface
// capture), as plain values: the live source updates it on the GUI thread and the status
// widget only reads it.
#pragma once

#include <QDateTime>
#include <QString>
#include <cstdint>

namespace bgplens {

enum class LiveKind : std::uint8_t { BgpSession, BmpStation, InterfaceCapture };

struct LiveStatus {
  LiveKind kind = LiveKind::BgpSession;
  bool running = false;  // false once stopped (Disconnect) or given up
  // "Connect to 192.0.2.1:179", "BMP on 0.0.0.0:11019", "eth0 (tcp port 179)".
  QString title;
  // BGP: the RFC 4271 §8.2.2 state ("Idle" … "Established"); BMP: "listening", "2 routers";
  // capture: "capturing".
  QString state;
  QDateTime state_since;  // when `state` was entered (uptime once Established)
  std::uint64_t messages_received = 0;
  std::uint64_t messages_sent = 0;
  std::uint64_t prefixes_received = 0;  // NLRI announced (withdrawals not counted)
  std::uint64_t withdrawals_received = 0;
  QString last_error;  // empty when none
  QDateTime last_error_time;
  // BGP only: whether a ROUTE-REFRESH may be sent now (Established, peer offered it).
  bool can_refresh = false;
};

}  // namespace bgplens

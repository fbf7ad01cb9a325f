#include "live/session_events.h"

#include "gen/message_builder.h"

namespace bgplens::live {

std::string_view state_name(State state) {
  switch (state) {
    case State::Idle:
      return "Idle";
    case State::Connect:
      return "Connect";
    case State::Active:
      return "Active";
    case State::OpenSent:
      return "OpenSent";
    case State::OpenConfirm:
      return "OpenConfirm";
    case State::Established:
      return "Established";
  }
  return "?";
}

std::string_view error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Header:
      return "message header error";
    case ErrorKind::Open:
      return "OPEN message error";
    case ErrorKind::Update:
      return "UPDATE message error";
    case ErrorKind::UpdateTolerated:
      return "UPDATE error handled without a reset";
    case ErrorKind::Ignored:
      return "message ignored";
    case ErrorKind::Fsm:
      return "finite state machine error";
    case ErrorKind::HoldTimerExpired:
      return "hold timer expired";
    case ErrorKind::RouteRefresh:
      return "ROUTE-REFRESH message error";
    case ErrorKind::PeerNotification:
      return "NOTIFICATION from the peer";
    case ErrorKind::Transport:
      return "connection";
    case ErrorKind::Request:
      return "request refused";
  }
  return "?";
}

gen::ByteVector notification_message(const Notification& n) {
  return gen::notification(n.code, n.subcode, n.data);
}

std::int64_t wall_clock_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace bgplens::live

// What each received message does to the FSM (RFC 4271 §8.2.2, events 19–28), after the
// framer has checked its header (RFC 4271 §6.1).
#include <algorithm>

#include "bgp/message_decoder.h"
#include "bgp/names/names.h"
#include "gen/message_builder.h"
#include "live/bgp_fsm.h"
#include "live/open_checks.h"
#include "live/update_checks.h"

namespace bgplens::live {
namespace {

std::string type_text(std::uint8_t type) {
  const std::string_view name = names::message_type(type);
  return name.empty() ? "message type " + std::to_string(type) : std::string(name);
}

// RFC 6608 §3: the FSM Error subcode names the state the unexpected message came in.
std::uint8_t fsm_subcode(State state) {
  switch (state) {
    case State::OpenSent:
      return 1;
    case State::OpenConfirm:
      return 2;
    case State::Established:
      return 3;
    default:
      return 0;  // RFC 4271 §6.6: Unspecific
  }
}

}  // namespace

bool BgpFsm::on_message(TimePoint now, Bytes message) {
  const std::uint8_t type = message[18];
  const std::uint64_t index = ++index_;
  // The peer's OPEN is decoded without a session context (there is none yet) and with its
  // capability list, which the Role check reads; the rest with the negotiated context.
  const bool open = type == msg_type::kOpen;
  const PeerContext* context = negotiated_ ? &negotiated_->received : nullptr;
  decode_message(message, context ? *context : PeerContext::unknown(),
                 open ? std::max(Depth::Routes, options_.decode_depth) : options_.decode_depth,
                 decoded_);

  MessageEvent event;
  event.index = index;
  event.direction = Direction::Received;
  event.time = now;
  event.bytes = message;
  event.type = type;
  event.decoded = &decoded_;
  event.context = context;
  observer_.on_message(event);

  if (type == msg_type::kNotification) {
    on_notification(now);
    return false;
  }
  switch (state_) {
    case State::OpenSent:
      if (type != msg_type::kOpen) {
        unexpected(now, type);
        break;
      }
      on_open(now, message, index);
      break;
    case State::OpenConfirm:
      if (type != msg_type::kKeepalive) {
        unexpected(now, type);
        break;
      }
      // RFC 4271 §8.2.2 OpenConfirm, event 26: restart the HoldTimer, go to Established.
      if (negotiated_->hold_time > 0) hold_at_ = now + std::chrono::seconds(negotiated_->hold_time);
      established_at_ = now;
      set_state(now, State::Established, "KEEPALIVE received");
      break;
    case State::Established:
      if (type == msg_type::kKeepalive || type == msg_type::kUpdate) {
        // RFC 4271 §8.2.2 Established, events 26 and 27: restart the HoldTimer.
        if (negotiated_->hold_time > 0)
          hold_at_ = now + std::chrono::seconds(negotiated_->hold_time);
        if (type == msg_type::kUpdate) on_update(now, message);
      } else if (type == msg_type::kRouteRefresh) {
        on_route_refresh(now, message);
      } else {
        unexpected(now, type);
      }
      break;
    default:
      break;
  }
  return session_open();
}

void BgpFsm::on_notification(TimePoint now) {
  // RFC 4271 §6.4 and §8.2.2 (event 25): a NOTIFICATION is not answered; the connection closes.
  std::string text = "the peer sent a NOTIFICATION";
  if (decoded_.notification) {
    const auto [code, subcode] = *decoded_.notification;
    text += " " + std::to_string(code) + "/" + std::to_string(subcode);
    const std::string_view code_name = names::notification_code(code);
    const std::string_view sub_name = names::notification_subcode(code, subcode);
    if (!code_name.empty()) {
      text += " (" + std::string(code_name);
      if (!sub_name.empty()) text += ": " + std::string(sub_name);
      text += ")";
    }
  }
  report(now, ErrorKind::PeerNotification, text);
  close_session(now, text);
}

void BgpFsm::unexpected(TimePoint now, std::uint8_t type) {
  // RFC 4271 §6.6 and RFC 6608 §3: Finite State Machine Error, subcode by state; the Data
  // field is one octet, the type of the unexpected message.
  const Notification n{5, fsm_subcode(state_), {type}};
  fail(now, ErrorKind::Fsm, n,
       "unexpected " + type_text(type) + " in state " + std::string(state_name(state_)) +
           " (RFC 6608 §3: Finite State Machine Error)");
}

void BgpFsm::on_open(TimePoint now, Bytes message, std::uint64_t index) {
  const PeerOpen peer = read_open(message, decoded_);
  if (const auto rejection = check_open(peer, decoded_, config_)) {
    fail(now, ErrorKind::Open, rejection->notification, rejection->text);
    return;
  }
  negotiated_ = negotiate_session(our_open_decoded_.open.value_or(OpenValues{}), our_open_index_,
                                  peer, index, config_);
  // RFC 8654 §4: messages over 4096 octets only once both sides advertised Extended Message.
  framer_.set_max_length(negotiated_->received.extended_message ? kMaxExtendedMessageLength
                                                                : kMaxMessageLength);
  observer_.on_negotiated(*negotiated_);
  // RFC 4271 §8.2.2 OpenSent, event 19: send a KEEPALIVE, set the HoldTimer to the negotiated
  // hold time (neither timer runs when it is 0), go to OpenConfirm.
  send_keepalive(now);
  if (negotiated_->hold_time > 0) {
    hold_at_ = now + std::chrono::seconds(negotiated_->hold_time);
  } else {
    hold_at_.reset();
  }
  set_state(now, State::OpenConfirm,
            "OPEN accepted: AS" + std::to_string(negotiated_->peer_as) + ", hold time " +
                std::to_string(negotiated_->hold_time) + " s");
}

void BgpFsm::on_update(TimePoint now, Bytes message) {
  UpdateVerdict verdict = judge_update(message, decoded_);
  for (std::string& line : verdict.tolerated)
    report(now, ErrorKind::UpdateTolerated, std::move(line));
  if (verdict.reset) fail(now, ErrorKind::Update, *verdict.reset, verdict.reset_text);
}

void BgpFsm::on_route_refresh(TimePoint now, Bytes message) {
  // RFC 2918 §3: AFI (2 octets), a reserved octet that RFC 7313 §3.2 makes the subtype, SAFI.
  const Family family{load_be16(message.data() + 19), message[22]};
  const std::uint8_t subtype = message[21];
  const bool enhanced = negotiated_->enhanced_route_refresh;
  if (enhanced && (subtype == 1 || subtype == 2) && message.size() != 23) {
    // RFC 7313 §5: a BoRR or EoRR whose body is not 4 octets: the data is the whole message.
    fail(now, ErrorKind::RouteRefresh, Notification{7, 1, {message.begin(), message.end()}},
         "ROUTE-REFRESH subtype " + std::to_string(subtype) + " is " +
             std::to_string(message.size()) +
             " octets, not 23 (RFC 7313 §5: Invalid Message Length)");
    return;
  }
  // Subtypes 1 and 2 are the peer's BoRR/EoRR around its routes: nothing to answer. Unknown
  // subtypes are ignored (RFC 7313 §5), as is the reserved octet without the capability.
  if (enhanced && subtype != 0) return;
  if (!config_.route_refresh) {
    report(now, ErrorKind::Ignored,
           "ROUTE-REFRESH received although we did not advertise route refresh; ignored");
    return;
  }
  if (std::find(negotiated_->families.begin(), negotiated_->families.end(), family) ==
      negotiated_->families.end()) {
    // RFC 2918 §4: a refresh for a family we did not advertise is ignored.
    report(now, ErrorKind::Ignored,
           "ROUTE-REFRESH for " + family_numbers(family) +
               ", a family not negotiated, ignored (RFC 2918 §4)");
    return;
  }
  // We advertise no routes, so re-advertising our Adj-RIB-Out sends nothing; with Enhanced
  // Route Refresh the empty re-advertisement is still framed by BoRR and EoRR (RFC 7313 §4).
  if (enhanced) {
    send(now, gen::route_refresh(family, 1));
    send(now, gen::route_refresh(family, 2));
  }
}

}  // namespace bgplens::live

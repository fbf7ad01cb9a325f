#include "live/stream_framer.h"

#include <algorithm>

#include "bgp/message_decoder.h"

namespace bgplens::live {
namespace {

// The smallest (and for some types the only) length of each message type: RFC 4271 §4.2
// (OPEN 29), §4.3 (UPDATE 23), §4.5 (NOTIFICATION 21), §4.4 (KEEPALIVE exactly 19), RFC 2918 §3
// (ROUTE-REFRESH 23). RFC 8654 §4 keeps OPEN and KEEPALIVE within 4096 octets even once
// Extended Message is negotiated.
bool length_fits_type(std::uint8_t type, std::uint16_t length) {
  switch (type) {
    case msg_type::kOpen:
      return length >= 29 && length <= kMaxMessageLength;
    case msg_type::kUpdate:
      return length >= 23;
    case msg_type::kNotification:
      return length >= 21;
    case msg_type::kKeepalive:
      return length == kHeaderLength;
    case msg_type::kRouteRefresh:
      return length >= 23;
    default:
      return true;
  }
}

HeaderError bad_length(const std::uint8_t* header, std::uint16_t length, std::string why) {
  // RFC 4271 §6.1: "the Data field MUST contain the erroneous Length field".
  return HeaderError{Notification{1, 2, {header[16], header[17]}},
                     "length " + std::to_string(length) + " " + std::move(why) +
                         " (RFC 4271 §6.1: Bad Message Length)"};
}

}  // namespace

std::optional<HeaderError> check_header(const std::uint8_t* header, std::size_t max_length) {
  if (!is_marker(header)) {
    // RFC 4271 §6.1: Connection Not Synchronized (RFC 4271 dropped authentication from the
    // marker; it is all ones).
    return HeaderError{Notification{1, 1, {}},
                       "marker is not 16 octets of 0xFF (RFC 4271 §6.1: Connection Not "
                       "Synchronized)"};
  }
  const std::uint16_t length = load_be16(header + 16);
  const std::uint8_t type = header[18];
  if (length < kHeaderLength) return bad_length(header, length, "is below 19");
  if (length > max_length) {
    return bad_length(
        header, length,
        "exceeds the maximum of " + std::to_string(max_length) +
            (max_length == kMaxMessageLength ? " (Extended Message, RFC 8654, is not negotiated)"
                                             : ""));
  }
  if (type < msg_type::kOpen || type > msg_type::kRouteRefresh) {
    // RFC 4271 §6.1: "the Data field MUST contain the erroneous Type field".
    return HeaderError{Notification{1, 3, {type}}, "unknown message type " + std::to_string(type) +
                                                       " (RFC 4271 §6.1: Bad Message Type)"};
  }
  if (!length_fits_type(type, length)) {
    return bad_length(header, length, "is wrong for message type " + std::to_string(type));
  }
  return std::nullopt;
}

std::size_t StreamFramer::take(Bytes data, std::size_t pos, std::size_t want) {
  const std::size_t n = std::min(want, data.size() - pos);
  pending_.insert(pending_.end(), data.begin() + static_cast<std::ptrdiff_t>(pos),
                  data.begin() + static_cast<std::ptrdiff_t>(pos + n));
  peak_ = std::max(peak_, pending_.size());
  return n;
}

std::optional<HeaderError> StreamFramer::feed(Bytes data, const Deliver& deliver) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (pending_.empty()) {
      // Fast path: whole messages inside this read go over without a copy.
      const std::size_t avail = data.size() - pos;
      if (avail >= kHeaderLength) {
        if (auto error = check_header(data.data() + pos, max_length_)) {
          reset();
          return error;
        }
        const std::size_t length = load_be16(data.data() + pos + 16);
        if (avail >= length) {
          const bool go_on = deliver(data.subspan(pos, length));
          pos += length;
          if (!go_on) {
            reset();
            return std::nullopt;
          }
          continue;
        }
      }
      // A message (or header) that continues in a later read: at most one maximum-size
      // message, since its header (if whole) has passed the length check above.
      pos += take(data, pos, avail);
      break;
    }
    if (pending_.size() < kHeaderLength) {
      pos += take(data, pos, kHeaderLength - pending_.size());
      if (pending_.size() < kHeaderLength) break;
      if (auto error = check_header(pending_.data(), max_length_)) {
        reset();
        return error;
      }
    }
    const std::size_t length = load_be16(pending_.data() + 16);
    pos += take(data, pos, length - pending_.size());
    if (pending_.size() < length) break;
    const bool go_on = deliver(Bytes(pending_));
    pending_.clear();
    if (!go_on) {
      reset();
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void StreamFramer::reset() {
  pending_.clear();
}

}  // namespace bgplens::live

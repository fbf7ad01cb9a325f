// Cuts the byte stream from a live peer into BGP messages and checks each header before the
// body is waited for (RFC 4271 §6.1), so a bad length is refused at once rather than buffered.
//
// Memory is bounded: only a message that is not complete yet is copied, and a message's length
// is checked against the maximum before its body is gathered, so the framer never holds more
// than one maximum-size message, however the peer slices its bytes. Whole messages inside one
// read are handed over in place, without a copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "live/session_events.h"

namespace bgplens::live {

struct HeaderError {
  Notification notification;
  std::string text;
};

// RFC 4271 §6.1 checks of one 19-octet header: marker (1/1), length against 19, `max_length`
// and the type's own size (1/2, data: the length field), type (1/3, data: the type field).
std::optional<HeaderError> check_header(const std::uint8_t* header, std::size_t max_length);

class StreamFramer {
 public:
  // Called with each whole message whose header passed; returns false to stop framing (the
  // session ended), which drops what is left of the data.
  using Deliver = std::function<bool(Bytes message)>;

  // 4096 until both OPENs advertised Extended Message, then 65535 (RFC 8654 §4).
  void set_max_length(std::size_t max_length) { max_length_ = max_length; }
  std::size_t max_length() const { return max_length_; }

  // Frames `data`. Returns the first header error; the framer then holds nothing and must not
  // be fed again before reset().
  std::optional<HeaderError> feed(Bytes data, const Deliver& deliver);
  void reset();

  // Bytes held for a message not complete yet, now and at most since construction.
  std::size_t buffered() const { return pending_.size(); }
  std::size_t peak_buffered() const { return peak_; }

 private:
  // Appends up to `want` bytes of data from `pos`; returns how many it took.
  std::size_t take(Bytes data, std::size_t pos, std::size_t want);

  std::vector<std::uint8_t> pending_;
  std::size_t max_length_ = 4096;
  std::size_t peak_ = 0;
};

}  // namespace bgplens::live

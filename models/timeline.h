// Messages per second by type over a capture's time, kept up to date as batches arrive.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>

#include "index/message_record.h"

namespace bgplens {

class Timeline {
 public:
  // Counted series: OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH, other.
  static constexpr int kSeries = 6;
  struct Second {
    std::array<std::uint32_t, kSeries> counts{};
    std::uint64_t first_row = UINT64_MAX;  // the first message (list row) of this second
  };

  void clear() { seconds_.clear(); }
  void add(const MessageRecord& record, std::uint64_t row);
  bool empty() const { return seconds_.empty(); }
  // Keys are whole epoch seconds.
  const std::map<std::int64_t, Second>& seconds() const { return seconds_; }
  // The first row in the first second at or after `epoch_second`, if any.
  std::optional<std::uint64_t> first_row_from(std::int64_t epoch_second) const;
  static int series_of(const MessageRecord& record);

 private:
  std::map<std::int64_t, Second> seconds_;
};

}  // namespace bgplens

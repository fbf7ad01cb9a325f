#include "timeline.h"

#include <algorithm>
#include <optional>

namespace bgplens {

int Timeline::series_of(const MessageRecord& r) {
  if (r.kind == FramedKind::Message && r.type >= 1 && r.type <= 5) return r.type - 1;
  return kSeries - 1;
}

void Timeline::add(const MessageRecord& r, std::uint64_t row) {
  if (r.kind == FramedKind::Gap) return;
  // Floor division, so times before 1970 still bucket correctly.
  std::int64_t second = r.time_ns / 1'000'000'000;
  if (r.time_ns < 0 && r.time_ns % 1'000'000'000 != 0) --second;
  // Records come in time order but for a few: the latest second is nearly always the one, and
  // the map's last element is at hand without a lookup per row.
  Second& s = !seconds_.empty() && seconds_.rbegin()->first == second
                  ? seconds_.rbegin()->second
                  : seconds_.try_emplace(seconds_.end(), second)->second;
  ++s.counts[static_cast<std::size_t>(series_of(r))];
  s.first_row = std::min(s.first_row, row);
}

std::optional<std::uint64_t> Timeline::first_row_from(std::int64_t epoch_second) const {
  auto it = seconds_.lower_bound(epoch_second);
  if (it == seconds_.end()) return std::nullopt;
  return it->second.first_row;
}

}  // namespace bgplens

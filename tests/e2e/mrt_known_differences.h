// Where `bgplens-cli decode --format bgpdump` and `bgpdump -m` (1.6.2, the references in
// ../shared/mrt) differ on the shared MRT files, and why: where bgpdump failed, skipped a
// record or printed a wrong value, and what BGP Lens shows instead.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bgplens::test {

// Lines that differ, as "extra: LINE" (BGP Lens only) or "missing: LINE" (reference only),
// matched with fnmatch(3) patterns; `count` is how many differences the pattern must match.
struct MrtDifference {
  std::string pattern;
  std::size_t count = 0;
};

struct MrtKnownDifferences {
  std::string file;  // relative to ../shared/mrt
  std::vector<MrtDifference> differences;
  // What BGP Lens must say on standard error about the file (damage, records cut short, records
  // printed where bgpdump prints none): substrings of its notes.
  std::vector<std::string> notes;
  std::string reason;  // what bgpdump does, and what BGP Lens shows instead
  // MRT type 5 withdrawals: each "missing" W line must be an "extra" one with the prefix's
  // address replaced by the peer's (bgpdump's bug), nothing else changed.
  bool type5_withdrawals = false;
  // Another shared dump of the same routes: from the prefix on, our lines must be that dump's
  // reference lines (in any order).
  std::string same_routes_as;
};

// nullptr when the file must agree with its reference line for line.
const MrtKnownDifferences* mrt_known_differences(const std::string& file);

}  // namespace bgplens::test

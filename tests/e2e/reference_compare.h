// Compares bgplens-cli's JSON lines with a reference decoding (tshark's, reduced to byte
// ranges: ../shared/captures/README.md) message by message, and lists every difference.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace bgplens::test {

using Json = nlohmann::json;

struct Comparison {
  std::size_t expected = 0;  // reference messages in scope
  std::size_t matched = 0;   // found in our output with the same frame, endpoints, type, length
  std::size_t bmp_rows = 0;  // our rows for BMP messages (the reference has none)
  // "missing frame 3: type 2 length 45", "extra frame 5: type 2 length 149",
  // "frame 21 #16: nlri" — one line per difference.
  std::set<std::string> differences;
};

std::vector<Json> parse_lines(const std::string& text);

// The key fields compared for every matched message: caps, attrs, nlri (plain prefixes, and
// labeled/VPN prefixes by address, with byte ranges and path ids), notification, time.
Comparison compare(const std::vector<Json>& ours, const std::vector<Json>& reference);

}  // namespace bgplens::test

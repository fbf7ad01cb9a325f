// Hex text to bytes, for raw messages typed or pasted by people: spaces, colons and line breaks
// between digits are ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bgplens {

// nullopt with `error` set ("'Z' is not a hex digit", "odd number of hex digits").
std::optional<std::vector<std::uint8_t>> parse_hex(std::string_view text, std::string& error);

}  // namespace bgplens

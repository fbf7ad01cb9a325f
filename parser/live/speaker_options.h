// The command-line options of a speaker configuration (speaker_config.h), shared by
// `bgplens-cli live` and the GUI's --connect/--listen, so both take the same spelling.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "live/speaker_config.h"

namespace bgplens::live {

struct SpeakerArgs {
  SpeakerConfig config;
  bool families_given = false;  // the first --family replaces the default families
};

// Consumes args[i] (and its value) when it is a speaker option: nullopt when it is none, an
// empty string when it was taken, else what is wrong with it.
std::optional<std::string> parse_speaker_option(std::span<const std::string> args, std::size_t& i,
                                                SpeakerArgs& out);

// Their usage lines.
extern const char* const kSpeakerOptionsHelp;

}  // namespace bgplens::live

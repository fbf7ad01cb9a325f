// The decoding-context options shared by CLI commands: --as4 on|off, --addpath F,
// --extended-message on|off, --extended-nexthop F (F is AFI/SAFI such as 1/1, or a family name
// such as ipv4-unicast).
#pragma once

#include <optional>
#include <string>

#include "bgp/family.h"
#include "bgp/peer_context.h"
#include "commands.h"

namespace bgplens::cli {

// Consumes args[i] (and its value) if it is a context option. Returns false when args[i] is
// not one; sets `error` when it is one but malformed.
bool parse_context_option(const Args& args, std::size_t& i, ContextOverride& out,
                          std::string& error);

extern const char* const kContextOptionsHelp;

}  // namespace bgplens::cli

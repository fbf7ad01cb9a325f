#include "live/speaker_options.h"

#include "bgp/nlri/family_table.h"

namespace bgplens::live {
namespace {

bool parse_number(const std::string& text, std::uint64_t max, std::uint64_t& out) {
  if (text.empty() || text.size() > 10) return false;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

}  // namespace

const char* const kSpeakerOptionsHelp =
    "  --local-as N --router-id A.B.C.D [--peer-as N] [--hold-time S] [--family F]...\n"
    "  [--addpath F]... [--extended-message] [--graceful-restart S] [--no-route-refresh]\n"
    "  [--enhanced-route-refresh] [--role provider|rs|rs-client|customer|peer] [--strict-role]\n";

std::optional<std::string> parse_speaker_option(std::span<const std::string> args, std::size_t& i,
                                                SpeakerArgs& out) {
  const std::string& a = args[i];
  SpeakerConfig& c = out.config;
  auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
  std::uint64_t n = 0;
  if (a == "--local-as" || a == "--peer-as") {
    const std::string* v = value();
    if (!v || !parse_number(*v, UINT32_MAX, n) || n == 0)
      return std::string(a) + " takes an AS number from 1 to 4294967295";
    if (a == "--local-as") {
      c.local_as = static_cast<std::uint32_t>(n);
    } else {
      c.peer_as = static_cast<std::uint32_t>(n);
    }
  } else if (a == "--router-id") {
    const std::string* v = value();
    const auto id = v ? live::parse_router_id(*v) : std::nullopt;
    if (!id) return "--router-id takes an IPv4 address such as 192.0.2.1";
    c.bgp_id = *id;
  } else if (a == "--hold-time") {
    const std::string* v = value();
    if (!v || !parse_number(*v, 65535, n)) return "--hold-time takes seconds (0, or 3 to 65535)";
    c.hold_time = static_cast<std::uint16_t>(n);
  } else if (a == "--family" || a == "--addpath") {
    const std::string* v = value();
    const auto f = v ? parse_family(*v) : std::nullopt;
    if (!f)
      return std::string(a) +
             " takes AFI/SAFI (such as 1/1) or a family name (such as ipv4-unicast)";
    if (a == "--addpath") {
      c.add_path_receive.push_back(*f);
    } else {
      if (!out.families_given) c.families.clear();
      out.families_given = true;
      c.families.push_back(*f);
    }
  } else if (a == "--extended-message") {
    c.extended_message = true;
  } else if (a == "--graceful-restart") {
    const std::string* v = value();
    if (!v || !parse_number(*v, 4095, n))
      return "--graceful-restart takes the restart time in seconds (0 to 4095)";
    c.graceful_restart_time = static_cast<std::uint16_t>(n);
  } else if (a == "--no-route-refresh") {
    c.route_refresh = false;
  } else if (a == "--enhanced-route-refresh") {
    c.enhanced_route_refresh = true;
  } else if (a == "--role") {
    const std::string* v = value();
    const auto role = v ? live::parse_role(*v) : std::nullopt;
    if (!role) return "--role takes provider, rs, rs-client, customer or peer";
    c.role = *role;
  } else if (a == "--strict-role") {
    c.role_strict = true;
  } else {
    return std::nullopt;
  }
  return std::string();
}

}  // namespace bgplens::live

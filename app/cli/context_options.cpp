#include "context_options.h"

#include "bgp/nlri/family_table.h"

namespace bgplens::cli {

const char* const kContextOptionsHelp =
    "      --as4 on|off               decode AS numbers as 4-octet (on) or 2-octet (off)\n"
    "      --addpath F                NLRI of family F carry ADD-PATH path identifiers "
    "(repeatable)\n"
    "      --extended-message on|off  messages may exceed 4096 bytes (RFC 8654)\n"
    "      --extended-nexthop F       IPv4 NLRI of family F may have IPv6 next hops (RFC 8950; "
    "repeatable)\n"
    "      F is AFI/SAFI (1/1, 2/128, 25/70) or a name (ipv4-unicast, ipv6-unicast, ipv4-vpn,\n"
    "      l2vpn-evpn, ipv4-flowspec, ...). These override what the OPENs or heuristics say.\n";

namespace {

std::optional<bool> on_off(const std::string& v) {
  if (v == "on" || v == "yes" || v == "true" || v == "1") return true;
  if (v == "off" || v == "no" || v == "false" || v == "0") return false;
  return std::nullopt;
}

}  // namespace

bool parse_context_option(const Args& args, std::size_t& i, ContextOverride& out,
                          std::string& error) {
  const std::string& a = args[i];
  if (a != "--as4" && a != "--addpath" && a != "--extended-message" && a != "--extended-nexthop")
    return false;
  if (i + 1 >= args.size()) {
    error = a + " needs a value";
    return true;
  }
  const std::string& v = args[++i];
  if (a == "--as4" || a == "--extended-message") {
    const auto b = on_off(v);
    if (!b) {
      error = a + " takes on or off, not '" + v + "'";
      return true;
    }
    (a == "--as4" ? out.as4 : out.extended_message) = *b;
    return true;
  }
  const auto family = parse_family(v);
  if (!family) {
    error =
        a + ": '" + v + "' is not a family (AFI/SAFI such as 1/1, or a name such as ipv4-unicast)";
    return true;
  }
  if (a == "--addpath") {
    if (!out.add_path) out.add_path.emplace();
    out.add_path->push_back(*family);
  } else {
    if (!out.extended_next_hop) out.extended_next_hop.emplace();
    // RFC 8950: the next hop is of the other IP family (IPv6 for IPv4 NLRI).
    out.extended_next_hop->push_back(
        ExtendedNextHopOffer{*family, static_cast<std::uint16_t>(family->afi == 2 ? 1 : 2)});
  }
  return true;
}

}  // namespace bgplens::cli

#include "live/speaker_config.h"

#include <algorithm>
#include <charconv>

#include "bgp/nlri/family_table.h"
#include "gen/message_builder.h"

namespace bgplens::live {
namespace {

// Capability sizes as gen::open() writes them (code and length octets included), so that the
// whole Capabilities parameter can be checked against the 255 octets an OPEN's optional
// parameters hold (RFC 4271 §4.2: Opt Parm Len is one octet).
std::size_t capabilities_size(const SpeakerConfig& c) {
  std::size_t size = 6 * c.families.size();  // Multiprotocol: AFI, reserved, SAFI (RFC 4760 §8)
  if (c.route_refresh) size += 2;
  if (c.extended_message) size += 2;
  if (c.graceful_restart_time) size += 4;  // flags and time, no <AFI, SAFI> (RFC 4724 §3)
  size += 6;                               // Four-Octet AS (RFC 6793 §3)
  if (!c.add_path_receive.empty()) size += 2 + 4 * c.add_path_receive.size();  // RFC 7911 §4
  if (c.enhanced_route_refresh) size += 2;
  if (c.role) size += 3;  // RFC 9234 §4.1
  return size;
}

bool contains(const std::vector<Family>& list, Family f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

}  // namespace

std::string_view role_name(BgpRole role) {
  switch (role) {
    case BgpRole::Provider:
      return "provider";
    case BgpRole::RouteServer:
      return "rs";
    case BgpRole::RouteServerClient:
      return "rs-client";
    case BgpRole::Customer:
      return "customer";
    case BgpRole::Peer:
      return "peer";
  }
  return "?";
}

std::optional<BgpRole> parse_role(std::string_view text) {
  for (std::uint8_t v = 0; v <= 4; ++v) {
    const auto role = static_cast<BgpRole>(v);
    if (role_name(role) == text) return role;
  }
  return std::nullopt;
}

BgpRole matching_role(BgpRole ours) {
  switch (ours) {
    case BgpRole::Provider:
      return BgpRole::Customer;
    case BgpRole::Customer:
      return BgpRole::Provider;
    case BgpRole::RouteServer:
      return BgpRole::RouteServerClient;
    case BgpRole::RouteServerClient:
      return BgpRole::RouteServer;
    case BgpRole::Peer:
      return BgpRole::Peer;
  }
  return BgpRole::Peer;
}

std::vector<Family> default_live_families() {
  return {kIpv4Unicast, Family{afi::kIpv6, safi::kUnicast}};
}

std::vector<std::string> validate(const SpeakerConfig& c) {
  std::vector<std::string> problems;
  if (c.local_as == 0) problems.push_back("local AS 0 is not allowed (RFC 7607 §2)");
  if (c.local_as == kAsTrans) {
    problems.push_back(
        "local AS 23456 is AS_TRANS, the placeholder for 4-octet AS numbers, not "
        "a real AS (RFC 6793 §9)");
  }
  if (c.peer_as && *c.peer_as == 0) problems.push_back("peer AS 0 is not allowed (RFC 7607 §2)");
  if (c.bgp_id == 0) {
    problems.push_back(
        "BGP identifier 0.0.0.0 is not allowed: it must be a nonzero 4-octet "
        "value (RFC 6286 §2.1)");
  }
  if (c.hold_time == 1 || c.hold_time == 2) {
    problems.push_back("hold time " + std::to_string(c.hold_time) +
                       " is not allowed: 0 or at least 3 seconds (RFC 4271 §4.2)");
  }
  if (c.families.empty()) problems.push_back("no address family to offer: name at least one");
  for (std::size_t i = 0; i < c.families.size(); ++i) {
    const Family f = c.families[i];
    if (find_family(f) == nullptr) {
      problems.push_back("family " + family_numbers(f) + " is not one the decoder knows");
    }
    if (std::find(c.families.begin(), c.families.begin() + static_cast<std::ptrdiff_t>(i), f) !=
        c.families.begin() + static_cast<std::ptrdiff_t>(i)) {
      problems.push_back("family " + family_name(f) + " is offered twice");
    }
  }
  for (const Family f : c.add_path_receive) {
    if (!contains(c.families, f)) {
      problems.push_back("ADD-PATH receive for " + family_name(f) + " needs " + family_name(f) +
                         " among the offered families (RFC 7911 §4 negotiates it per family)");
    }
  }
  if (c.graceful_restart_time && *c.graceful_restart_time > 0x0FFF) {
    problems.push_back("graceful restart time " + std::to_string(*c.graceful_restart_time) +
                       " does not fit the capability's 12 bits: at most 4095 seconds (RFC 4724 "
                       "§3)");
  }
  if (c.enhanced_route_refresh && !c.route_refresh) {
    problems.push_back(
        "enhanced route refresh (RFC 7313) extends route refresh (RFC 2918): "
        "offer route refresh too");
  }
  if (c.role_strict && !c.role) {
    problems.push_back("strict BGP role checking needs a local role (RFC 9234 §4.2)");
  }
  const std::size_t size = capabilities_size(c) + 2;
  if (size > 255) {
    problems.push_back("the capabilities take " + std::to_string(size) +
                       " octets, more than the 255 an OPEN's optional parameters hold (RFC 4271 "
                       "§4.2): offer fewer families");
  }
  return problems;
}

std::uint16_t my_as_field(std::uint32_t local_as) {
  return static_cast<std::uint16_t>(local_as > 0xFFFF ? kAsTrans : local_as);
}

gen::ByteVector build_open(const SpeakerConfig& c) {
  gen::OpenSpec spec;
  spec.my_as = my_as_field(c.local_as);
  spec.hold_time = c.hold_time;
  spec.bgp_id = c.bgp_id;
  spec.as4 = c.local_as;  // always: RFC 6793 §3 (and the only place a 4-octet AS can go)
  spec.multiprotocol = c.families;
  for (const Family f : c.add_path_receive)
    spec.add_path.push_back(AddPathOffer{f, 1});  // 1: receive (RFC 7911 §4)
  spec.route_refresh = c.route_refresh;
  spec.enhanced_route_refresh = c.enhanced_route_refresh;
  spec.extended_message = c.extended_message;
  if (c.graceful_restart_time) {
    gen::GracefulRestart gr;
    gr.restart_time = *c.graceful_restart_time;
    spec.graceful_restart = gr;  // families left empty: Receiving Speaker only (RFC 4724 §3)
  }
  if (c.role) {
    spec.extra_capabilities.emplace_back(std::uint8_t{9},
                                         gen::ByteVector{static_cast<std::uint8_t>(*c.role)});
  }
  return gen::open(spec);
}

std::optional<std::uint32_t> parse_router_id(std::string_view text) {
  std::uint32_t value = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
    unsigned octet = 0;
    const auto [next, ec] = std::from_chars(p, end, octet);
    if (ec != std::errc{} || next == p || next - p > 3 || octet > 255) return std::nullopt;
    value = (value << 8) | octet;
    p = next;
  }
  if (p != end) return std::nullopt;
  return value;
}

}  // namespace bgplens::live

#include "live/open_checks.h"

#include <algorithm>

namespace bgplens::live {
namespace {

constexpr std::uint8_t kCapRole = 9;                   // RFC 9234 §4.1
constexpr std::uint8_t kCapEnhancedRouteRefresh = 70;  // RFC 7313 §3.1

OpenRejection reject(std::uint8_t subcode, std::string text, gen::ByteVector data = {}) {
  return OpenRejection{Notification{2, subcode, std::move(data)}, std::move(text)};
}

std::string as_text(std::uint32_t as) {
  return "AS" + std::to_string(as);
}

std::string id_text(std::uint32_t id) {
  return std::to_string(id >> 24) + "." + std::to_string((id >> 16) & 0xFF) + "." +
         std::to_string((id >> 8) & 0xFF) + "." + std::to_string(id & 0xFF);
}

std::optional<OpenRejection> check_role(const PeerOpen& peer, const SpeakerConfig& ours) {
  // Only a speaker that has a role configured (and so sends the capability) checks roles.
  if (!ours.role) return std::nullopt;
  if (peer.roles.empty()) {
    if (!ours.role_strict) return std::nullopt;
    return reject(11,
                  "the peer sent no BGP Role capability and strict role checking is on "
                  "(RFC 9234 §4.2: Role Mismatch)");
  }
  // RFC 9234 §4.2: several Role capabilities that disagree are a mismatch too.
  if (std::any_of(peer.roles.begin(), peer.roles.end(),
                  [&](std::uint8_t r) { return r != peer.roles.front(); })) {
    return reject(11,
                  "the peer's OPEN carries BGP Role capabilities with different values "
                  "(RFC 9234 §4.2: Role Mismatch)");
  }
  const auto expected = static_cast<std::uint8_t>(matching_role(*ours.role));
  if (peer.roles.front() != expected) {
    const std::uint8_t r = peer.roles.front();
    const std::string theirs =
        r <= 4 ? std::string(role_name(static_cast<BgpRole>(r))) : "role " + std::to_string(r);
    return reject(11, "the peer's role " + theirs + " does not match ours, " +
                          std::string(role_name(*ours.role)) + " (RFC 9234 §4.2: Role Mismatch)");
  }
  return std::nullopt;
}

}  // namespace

PeerOpen read_open(Bytes message, const DecodedMessage& decoded) {
  PeerOpen peer;
  if (decoded.open) peer.values = *decoded.open;
  peer.peer_as = peer.values.as4.value_or(peer.values.my_as);
  for (const ItemRange& cap : decoded.capabilities) {
    // cap.length covers code, length and value octets (clipped to the parameter).
    if (cap.code == kCapRole && cap.length == 3 && cap.offset + 3 <= message.size())
      peer.roles.push_back(message[cap.offset + 2]);
  }
  peer.enhanced_route_refresh =
      std::find(peer.values.capabilities_seen.begin(), peer.values.capabilities_seen.end(),
                kCapEnhancedRouteRefresh) != peer.values.capabilities_seen.end();
  return peer;
}

std::optional<OpenRejection> check_open(const PeerOpen& peer, const DecodedMessage& decoded,
                                        const SpeakerConfig& ours) {
  const OpenValues& open = peer.values;
  // RFC 4271 §6.2: the Data field is the largest supported version below the one bid, or the
  // smallest supported one: for us, always 4, in 2 octets.
  if (open.version != 4) {
    return reject(1,
                  "version " + std::to_string(open.version) +
                      " is not supported: only 4 (RFC 4271 §6.2: Unsupported Version Number)",
                  {0, 4});
  }
  // RFC 4271 §6.2: an Optional Parameter that is recognised but malformed: Unspecific (0).
  for (const DecodeProblem& p : decoded.problems) {
    if (p.treatment == Treatment::SessionReset)
      return reject(0, p.message + " (RFC 4271 §6.2: malformed optional parameter)");
  }
  // RFC 7607 §2: AS 0 in My AS or in the Four-Octet AS capability is a Bad Peer AS.
  if (open.my_as == 0 || peer.peer_as == 0) {
    return reject(2, "the peer's OPEN says AS 0 (RFC 7607 §2: Bad Peer AS)");
  }
  // RFC 6793 §4.2.1: a speaker with a 4-octet AS sends AS_TRANS in My AS and its AS in the
  // capability, so the capability's value is the one to compare; without the capability, a
  // peer whose AS needs 4 octets cannot say it, and My AS (AS_TRANS) does not match.
  if (ours.peer_as && peer.peer_as != *ours.peer_as) {
    std::string text =
        "the peer is " + as_text(peer.peer_as) + ", expected " + as_text(*ours.peer_as);
    if (!open.as4 && *ours.peer_as > 0xFFFF) text += " (the peer sent no 4-octet AS capability)";
    return reject(2, text + " (RFC 4271 §6.2: Bad Peer AS)");
  }
  // RFC 6286 §2.2: a BGP Identifier of 0, or ours on an internal session, is a Bad BGP
  // Identifier.
  if (open.bgp_id == 0) {
    return reject(3, "the peer's BGP Identifier is 0.0.0.0 (RFC 6286 §2.2: Bad BGP Identifier)");
  }
  if (open.bgp_id == ours.bgp_id && peer.peer_as == ours.local_as) {
    return reject(3, "the internal peer's BGP Identifier " + id_text(open.bgp_id) +
                         " is ours (RFC 6286 §2.2: Bad BGP Identifier)");
  }
  // RFC 4271 §4.2 and §6.2: a hold time of 1 or 2 seconds is unacceptable.
  if (open.hold_time == 1 || open.hold_time == 2) {
    return reject(6, "hold time " + std::to_string(open.hold_time) +
                         " s is neither 0 nor at least 3 (RFC 4271 §6.2: Unacceptable Hold Time)");
  }
  return check_role(peer, ours);
}

std::vector<Family> offered_families(const OpenValues& open) {
  if (open.multiprotocol.empty()) return {kIpv4Unicast};
  return open.multiprotocol;
}

Millis keepalive_interval(std::uint16_t hold_time) {
  if (hold_time == 0) return Millis{0};
  return std::max(Millis{1000}, Millis{hold_time * 1000 / 3});
}

Negotiated negotiate_session(const OpenValues& ours, std::uint64_t our_index,
                             const PeerOpen& theirs, std::uint64_t their_index,
                             const SpeakerConfig& config) {
  Negotiated n;
  n.ours = ours;
  n.theirs = theirs.values;
  n.received = negotiate(&theirs.values, their_index, &ours, our_index);
  n.sent = negotiate(&ours, our_index, &theirs.values, their_index);
  n.peer_as = theirs.peer_as;
  // RFC 4271 §4.2: the smaller of our hold time and the peer's.
  n.hold_time = std::min(config.hold_time, theirs.values.hold_time);
  n.keepalive_interval = keepalive_interval(n.hold_time);
  n.peer_route_refresh = theirs.values.route_refresh;
  n.enhanced_route_refresh = config.enhanced_route_refresh && theirs.enhanced_route_refresh;
  for (const Family f : offered_families(ours)) {
    const std::vector<Family> peer_families = offered_families(theirs.values);
    if (std::find(peer_families.begin(), peer_families.end(), f) != peer_families.end())
      n.families.push_back(f);
  }
  if (!theirs.roles.empty()) n.peer_role = theirs.roles.front();
  return n;
}

}  // namespace bgplens::live

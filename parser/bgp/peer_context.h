// What a message's layout depends on but does not say itself, for one direction of one session:
// 2- or 4-octet AS numbers, which families carry ADD-PATH path identifiers, whether messages may
// exceed 4096 octets. Each setting records where it came from, so the tree can say
// "ADD-PATH ipv4/unicast: negotiated, OPENs #3 and #4" or "assumed (heuristic)".
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/family.h"

namespace bgplens {

enum class Provenance : std::uint8_t {
  Negotiated,     // both OPENs of the session were seen
  OneOpen,        // only one OPEN was seen, and it settles the question (it lacks the capability)
  Heuristic,      // not settled by the OPENs in the capture: decided per message from the bytes
  Override,       // set by the user
  BmpPeerHeader,  // AS number size: the A flag of a BMP per-peer header (RFC 7854 §4.2)
  MrtRecord,      // the MRT record type and subtype say it (RFC 6396 §4, RFC 8050 §3)
};

std::string_view provenance_name(Provenance p);

struct PeerContext {
  std::uint32_t session = 0;
  std::uint8_t direction = 0;  // 0: session endpoint A → B, 1: B → A

  bool as4 = false;
  Provenance as4_from = Provenance::Heuristic;
  // Families whose NLRI carry path identifiers in this direction. With add_path_from ==
  // Heuristic and one OPEN seen, the families that OPEN leaves possible (the rest have none).
  std::vector<Family> add_path;
  Provenance add_path_from = Provenance::Heuristic;
  // Every family carries path identifiers: MRT's BGP4MP *_ADDPATH subtypes (RFC 8050 §3).
  bool add_path_all = false;
  // When set, the OPENs settle ADD-PATH only for these families and path identifiers of others
  // are guessed: a BMP router may report routes of families its Peer Up OPENs do not name.
  std::optional<std::vector<Family>> add_path_settles_only;
  bool extended_message = false;
  Provenance extended_message_from = Provenance::Heuristic;
  // RFC 8277 §2.1: labels the receiver accepts per family (absent: one label).
  std::vector<MultipleLabelsOffer> multiple_labels;
  Provenance multiple_labels_from = Provenance::Heuristic;
  // RFC 8950 §4: families whose NLRI may carry a next hop of another address family.
  std::vector<ExtendedNextHopOffer> extended_next_hop;
  Provenance extended_next_hop_from = Provenance::Heuristic;

  // Message numbers of the OPENs this context came from (for provenance text).
  std::optional<std::uint64_t> open_sent;      // the OPEN sent in this direction
  std::optional<std::uint64_t> open_received;  // the OPEN sent the other way

  bool has_add_path(Family f) const;
  // Labels the receiver accepts for `f`: 1 unless the Multiple Labels capability says more.
  std::uint8_t labels_for(Family f) const;
  bool has_extended_next_hop(Family f, std::uint16_t next_hop_afi) const;
  // True when only one OPEN of the session is in the capture.
  bool one_open() const { return open_sent.has_value() != open_received.has_value(); }
  // Whether path identifiers for `f` must be guessed from the bytes.
  bool add_path_guessed(Family f) const {
    if (add_path_from == Provenance::Heuristic) return !one_open() || has_add_path(f);
    return add_path_settles_only &&
           std::find(add_path_settles_only->begin(), add_path_settles_only->end(), f) ==
               add_path_settles_only->end();
  }
  // "negotiated, OPENs #3 and #4" and the like.
  std::string source_text(Provenance p) const;

  static PeerContext unknown() { return PeerContext{}; }
};

// What the user set to decode with, overriding what the OPENs (or the heuristics) say. Each
// setting that is present replaces the context's and is marked Provenance::Override.
struct ContextOverride {
  std::optional<bool> as4;
  std::optional<std::vector<Family>> add_path;
  std::optional<bool> extended_message;
  std::optional<std::vector<ExtendedNextHopOffer>> extended_next_hop;
  bool empty() const { return !as4 && !add_path && !extended_message && !extended_next_hop; }
};

PeerContext apply_override(PeerContext context, const ContextOverride& override_settings);

// The context for messages from the speaker that sent `sender` to the one that sent `receiver`
// (RFC 6793 §3, RFC 7911 §4 Send/Receive, RFC 8654 §3). Either OPEN may be missing.
PeerContext negotiate(const OpenValues* sender, std::optional<std::uint64_t> sender_msg,
                      const OpenValues* receiver, std::optional<std::uint64_t> receiver_msg);

}  // namespace bgplens

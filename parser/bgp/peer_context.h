// What a message's layout depends on but does not say itself, for one direction of one session:
// 2- or 4-octet AS numbers, which families carry ADD-PATH path identifiers, whether messages may
// exceed 4096 octets. Each setting records where it came from, so the tree can say
// "ADD-PATH ipv4/unicast: negotiated, OPENs #3 and #4" or "assumed (heuristic)".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgp/decoded_message.h"
#include "bgp/family.h"

namespace bgplens {

enum class Provenance : std::uint8_t {
  Negotiated,  // both OPENs of the session were seen
  OneOpen,     // only one OPEN was seen, and it settles the question (it lacks the capability)
  Heuristic,   // not settled by the OPENs in the capture: decided per message from the bytes
  Override,    // set by the user
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
  bool extended_message = false;
  Provenance extended_message_from = Provenance::Heuristic;

  // Message numbers of the OPENs this context came from (for provenance text).
  std::optional<std::uint64_t> open_sent;      // the OPEN sent in this direction
  std::optional<std::uint64_t> open_received;  // the OPEN sent the other way

  bool has_add_path(Family f) const;
  // True when only one OPEN of the session is in the capture.
  bool one_open() const { return open_sent.has_value() != open_received.has_value(); }
  // Whether path identifiers for `f` must be guessed from the bytes.
  bool add_path_guessed(Family f) const {
    return add_path_from == Provenance::Heuristic && (!one_open() || has_add_path(f));
  }
  // "negotiated, OPENs #3 and #4" and the like.
  std::string source_text(Provenance p) const;

  static PeerContext unknown() { return PeerContext{}; }
};

// The context for messages from the speaker that sent `sender` to the one that sent `receiver`
// (RFC 6793 §3, RFC 7911 §4 Send/Receive, RFC 8654 §3). Either OPEN may be missing.
PeerContext negotiate(const OpenValues* sender, std::optional<std::uint64_t> sender_msg,
                      const OpenValues* receiver, std::optional<std::uint64_t> receiver_msg);

}  // namespace bgplens

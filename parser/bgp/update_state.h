// State shared by the decoders of one UPDATE's parts: the AS number width decided for this
// message, which attributes were seen, and decisions to show in the "Decoding context" node.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <vector>

#include "bgp/family.h"
#include "bgp/peer_context.h"

namespace bgplens {

struct UpdateState {
  bool as4 = false;
  Provenance as4_from = Provenance::Heuristic;
  std::string as4_reason;  // why, when decided by heuristic

  std::bitset<256> seen;  // attribute codes met so far
  bool ipv4_nlri = false;
  bool mp_reach_nlri = false;
  bool mp_unreach = false;
  std::uint32_t mp_unreach_routes = 0;

  struct AddPathNote {
    Family family;
    bool present;
    std::string reason;
  };
  std::vector<AddPathNote> add_path_notes;  // heuristic decisions, one per NLRI block

  // 0 for an UPDATE's own attributes, 1 for those an ATTR_SET carries (RFC 6368 §5), which
  // are walked with a state of their own; an ATTR_SET met at depth 1 is not walked again.
  std::uint8_t attr_set_depth = 0;

  // Set when the attributes are those of an MRT RIB entry (RFC 6396 §4.3.4) of this family:
  // there MP_REACH_NLRI holds only the next hop length and next hop.
  std::optional<Family> mrt_rib_family;
};

}  // namespace bgplens

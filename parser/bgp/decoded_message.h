// What one decode walk of a BGP message yields. The walk fills more or less of it depending on
// the requested depth: the fast index needs the summary, the CLI and the list need the item
// lists, the detail view needs the field tree.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/family.h"
#include "tree/field_tree.h"

namespace bgplens {

enum class Depth : std::uint8_t {
  Locate,   // messages that carry others (BMP): where the inner messages are, nothing more
  Summary,  // type, counts, OPEN values, errors
  Routes,   // + capabilities, attributes and NLRI with their byte ranges, no text
  Detail,   // + the NLRI text
  Tree,     // + the full field tree
};

namespace msg_type {
inline constexpr std::uint8_t kOpen = 1;
inline constexpr std::uint8_t kUpdate = 2;
inline constexpr std::uint8_t kNotification = 3;
inline constexpr std::uint8_t kKeepalive = 4;
inline constexpr std::uint8_t kRouteRefresh = 5;
}  // namespace msg_type

inline constexpr std::size_t kHeaderLength = 19;
inline constexpr std::size_t kMaxMessageLength = 4096;           // RFC 4271 §4.1
inline constexpr std::size_t kMaxExtendedMessageLength = 65535;  // RFC 8654 §4

// An item with a code and the byte range of its whole TLV (code and length bytes included).
struct ItemRange {
  std::uint32_t code = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

enum class NlriAction : std::uint8_t { Announce, Withdraw };

// One NLRI. Kept small (64 bytes): a full table holds millions of them, and decoding writes
// one per route, so its size is most of the cost of decoding a large UPDATE.
struct NlriEntry {
  NlriAction action = NlriAction::Announce;
  bool plain_prefix = false;  // text is "address/length"
  // For prefix-shaped NLRI (plain, labeled, VPN): the prefix's length in bits (path id, labels
  // and RD excluded) and where its address bytes start in the message. Set at Depth::Routes.
  std::optional<std::uint8_t> prefix_length;
  Family family;
  std::uint32_t offset = 0;  // the whole NLRI, path identifier included
  std::uint32_t length = 0;
  std::uint32_t prefix_offset = 0;
  std::optional<std::uint32_t> path_id;
  std::string text;  // the whole NLRI in readable form (Depth::Detail and deeper)

  // For labeled and VPN prefixes, the prefix's address alone (as tshark shows it): "10.1.0.0"
  // of "10.1.0.0/16 label 100 RD 65000:1", whose text starts with the prefix. Empty otherwise,
  // and at Depth::Routes.
  std::string_view address() const {
    if (plain_prefix || !prefix_length) return {};
    return std::string_view(text).substr(0, text.find('/'));
  }
};
static_assert(sizeof(NlriEntry) <= 64, "an NLRI entry stays within a cache line");

// RFC 7606 §2 error handling approaches, from least to most drastic.
enum class Treatment : std::uint8_t {
  None,
  AttributeDiscard,
  TreatAsWithdraw,
  AfiSafiDisable,
  SessionReset,
};

struct DecodeProblem {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  Severity severity = Severity::Error;
  Treatment treatment = Treatment::None;
  std::string message;
};

struct Capability {
  std::uint8_t code = 0;
  std::uint32_t offset = 0;  // of the capability code byte
  std::uint32_t length = 0;  // value length
};

struct AddPathOffer {
  Family family;
  std::uint8_t send_receive = 0;  // 1 receive, 2 send, 3 both
};

// RFC 8277 §2.1: how many labels the sender of the OPEN can receive for a family.
struct MultipleLabelsOffer {
  Family family;
  std::uint8_t count = 1;
};

// RFC 8950 §3: NLRI of `nlri` may come with a next hop of address family `next_hop_afi`.
struct ExtendedNextHopOffer {
  Family nlri;
  std::uint16_t next_hop_afi = 0;
};

// The values of an OPEN the session context is negotiated from.
struct OpenValues {
  std::uint8_t version = 0;
  std::uint16_t my_as = 0;
  std::uint16_t hold_time = 0;
  std::uint32_t bgp_id = 0;
  std::optional<std::uint32_t> as4;
  std::vector<std::uint8_t> capabilities_seen;  // codes in order of appearance
  std::vector<Family> multiprotocol;
  std::vector<AddPathOffer> add_path;
  std::vector<MultipleLabelsOffer> multiple_labels;
  std::vector<ExtendedNextHopOffer> extended_next_hop;
  bool route_refresh = false;
  bool extended_message = false;
  bool graceful_restart = false;
};

struct UpdateCounts {
  std::uint32_t announced = 0;
  std::uint32_t withdrawn = 0;
  // Families with routes in this UPDATE, in order of appearance (at most four kept).
  std::array<Family, 4> families{};
  std::uint8_t family_count = 0;
  bool end_of_rib = false;
  void add_family(Family f);
};

struct DecodedMessage {
  std::uint8_t type = 0;
  std::uint32_t declared_length = 0;
  std::uint32_t available_length = 0;

  UpdateCounts update;
  std::optional<OpenValues> open;
  std::optional<std::array<std::uint8_t, 2>> notification;  // code, subcode
  std::optional<Family> refresh_family;

  // Depth::Detail and deeper.
  std::vector<ItemRange> capabilities;
  std::vector<ItemRange> attributes;
  std::vector<NlriEntry> nlri;

  std::vector<DecodeProblem> problems;
  FieldTree tree;  // Depth::Tree only
  // Rows that are not BGP messages (BMP): their list line (not at Depth::Locate).
  std::string row_summary;
  // Rows that carry BGP messages (BMP): where each one is, and its role (bmp::EmbeddedRole).
  struct Nested {
    std::uint32_t offset = 0;  // of the marker
    std::uint32_t length = 0;  // the BGP length, cut to what the carrying message holds
    std::uint8_t role = 0;
  };
  std::vector<Nested> nested;

  Severity worst() const;
  // Empties the result but keeps the capacity of its lists, for decoding many messages into
  // one result without allocating for each.
  void clear();
};

}  // namespace bgplens

// The pieces the EVPN route decoders share (internal to parser/bgp/nlri/evpn_*.cpp): a reader
// over one route's type-specific bytes, the fields several route types have in common (RD,
// ESI, Ethernet Tag, labels, length-prefixed addresses), and the per-type decoders.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "bgp/walk.h"

namespace bgplens::evpn {

// A Leaf A-D route's key is another route (RFC 9572 §3.3); a key nested deeper than this is
// shown raw, which bounds the recursion.
inline constexpr unsigned kMaxNesting = 1;

// Reads the fields of one route in [body, end). Each field helper checks that its bytes are
// there; the first field that does not fit (or a length that leaves the layout unknown) is
// reported once, over the rest of the route, with the NLRI field's treatment, and every later
// helper does nothing. The route's one-line text is built only when `want_text`.
class RouteReader {
 public:
  RouteReader(Walk& w, std::uint8_t type, std::uint32_t length_offset, std::uint32_t end,
              Treatment on_error, unsigned depth, bool* label_noted);

  Walk& walk() { return w_; }
  std::uint8_t type() const { return type_; }
  std::uint32_t pos() const { return pos_; }
  std::uint32_t left() const { return end_ - pos_; }
  std::uint32_t body_length() const { return end_ - length_offset_ - 1; }
  unsigned depth() const { return depth_; }
  Treatment on_error() const { return on_error_; }
  bool failed() const { return failed_; }
  bool want_text() const { return want_text_; }
  bool* label_noted() const { return label_noted_; }
  const std::string& text() const { return text_; }

  // Appends " key value" to the route's text (only when text is wanted).
  void add_text(std::string_view key, std::string_view value);
  // True when `n` more bytes are there for `what`; otherwise reports the route as malformed.
  bool need(std::uint32_t n, std::string_view what);
  // Reports that the rest of the route cannot be read (RFC 7606 §5.3: the NLRI's own length
  // is inconsistent with its fields); the route length still frames the next route.
  void fail(std::string message);
  // Reports a field whose value is invalid while the layout stays readable: the route can be
  // parsed, so RFC 7606 §2 treat-as-withdraw suffices.
  void invalid(std::uint32_t offset, std::uint32_t length, std::string message);
  void advance(std::uint32_t n) { pos_ += n; }

  // Common fields. Each adds its node(s), advances, and extends the text.
  void rd();
  void esi();
  void ethernet_tag();
  // A 3-octet label field (RFC 7432 §7): MPLS label or, with VXLAN, a VNI (RFC 8365 §5.1.3).
  void label(FieldId id, std::string_view key);
  // A length octet in bits followed by a 0-, 4- or 16-octet address. Returns the address
  // size in bytes (0 when absent or when the route failed).
  std::uint32_t address(FieldId length_id, FieldId address_id, std::string_view key,
                        std::string_view what, bool may_be_empty, std::string_view rfc);
  // Reports bytes left after the last field of the route's layout.
  void finish();

  // The route's name and defining section, for messages ("MAC/IP Advertisement", "RFC 7432
  // §7.2").
  std::string_view name() const;
  std::string_view rfc() const;

 private:
  Walk& w_;
  std::uint8_t type_;
  std::uint32_t length_offset_;
  std::uint32_t pos_;
  std::uint32_t end_;
  Treatment on_error_;
  unsigned depth_;
  bool* label_noted_;
  bool want_text_;
  bool failed_ = false;
  std::string text_;
};

// "MAC/IP Advertisement" and the like; empty for a type no RFC defines.
std::string_view route_type_name(std::uint8_t type);
// "RFC 7432 §7.2" and the like; empty for a type no RFC defines.
std::string_view route_type_rfc(std::uint8_t type);
// Whether a route body of `length` octets can be a route of `type` (for the ADD-PATH guess).
bool plausible_length(std::uint8_t type, std::uint8_t length);

// Decodes the fields of the route the reader stands on (or shows an unknown type raw).
void decode_route_fields(RouteReader& r);

// Route types 1–5 (evpn_routes.cpp).
void decode_ethernet_ad(RouteReader& r);          // RFC 7432 §7.1
void decode_mac_ip(RouteReader& r);               // RFC 7432 §7.2
void decode_inclusive_multicast(RouteReader& r);  // RFC 7432 §7.3
void decode_ethernet_segment(RouteReader& r);     // RFC 7432 §7.4
void decode_ip_prefix(RouteReader& r);            // RFC 9136 §3.1
// Route types 6–11 (evpn_multicast_routes.cpp).
void decode_selective_multicast(RouteReader& r);  // RFC 9251 §9.1
void decode_membership_synch(RouteReader& r);     // RFC 9251 §9.2
void decode_leave_synch(RouteReader& r);          // RFC 9251 §9.3
void decode_per_region_ipmsi(RouteReader& r);     // RFC 9572 §3.1
void decode_spmsi(RouteReader& r);                // RFC 9572 §3.2
void decode_leaf_ad(RouteReader& r);              // RFC 9572 §3.3

// Ethernet Segment Identifiers (evpn_esi.cpp), RFC 7432 §5. The caller checked the 10 bytes.
// "0" for the single-homed ESI, otherwise the 10 octets as colon-separated hex.
std::string esi_text(const std::uint8_t* esi);
// An Esi node with the type's fields (tree only).
void esi_node(Walk& w, std::uint32_t offset);

// "aa:bb:cc:dd:ee:ff" (and any other colon-separated hex).
std::string colon_hex(Bytes bytes);

}  // namespace bgplens::evpn

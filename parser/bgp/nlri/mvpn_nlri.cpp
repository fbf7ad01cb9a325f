// MCAST-VPN (AFI 1/2, SAFI 5), RFC 6514 §4:
//   [path id (4), RFC 7911 §3] route type (1) | length (1, octets) | route type specific
// with the route types of §4.1–§4.6. Multicast source and group carry a length in bits: 32,
// 128, or 0 for a wildcard (RFC 6625 §4). The Originating Router's IP Address is IPv4 or IPv6
// whatever the AFI, so its size follows from the route's length.
#include "bgp/nlri/add_path_guess.h"
#include "bgp/nlri/labeled_group.h"
#include "bgp/nlri/nlri_common.h"
#include "bgp/nlri/typed_nlri_list.h"
#include "util/text.h"

namespace bgplens {
namespace {

// A Leaf A-D route's key is itself an MCAST-VPN NLRI (RFC 6514 §4.4); a key that is again a
// Leaf A-D route is shown raw past this depth.
constexpr int kMaxKeyDepth = 2;

std::string_view route_type_name(std::uint8_t type) {
  switch (type) {
    case 1:
      return "Intra-AS I-PMSI A-D";
    case 2:
      return "Inter-AS I-PMSI A-D";
    case 3:
      return "S-PMSI A-D";
    case 4:
      return "Leaf A-D";
    case 5:
      return "Source Active A-D";
    case 6:
      return "C-multicast Shared Tree Join";
    case 7:
      return "C-multicast Source Tree Join";
  }
  return {};
}

std::string_view route_type_section(std::uint8_t type) {
  switch (type) {
    case 1:
      return "RFC 6514 §4.1";
    case 2:
      return "RFC 6514 §4.2";
    case 3:
      return "RFC 6514 §4.3";
    case 4:
      return "RFC 6514 §4.4";
    case 5:
      return "RFC 6514 §4.5";
  }
  return "RFC 6514 §4.6";
}

// "S-PMSI A-D (3)", "unassigned (9)".
std::string route_type_text(std::uint8_t type) {
  const std::string_view name = route_type_name(type);
  return (name.empty() ? std::string("unassigned") : std::string(name)) + " (" +
         std::to_string(type) + ")";
}

NlriListFit mvpn_list_fit(Bytes field, bool add_path) {
  NlriListFit fit;
  std::size_t p = 0;
  while (p < field.size()) {
    if (add_path) p += 4;
    if (p + 2 > field.size()) return fit;
    const std::size_t length = field[p + 1];
    if (field[p] == 0 || field.size() - p - 2 < length) return fit;
    p += 2 + length;
    ++fit.count;
  }
  fit.fits = true;
  return fit;
}

// The route type specific part of one route, [at, end), field by field. A field that does not
// fit marks the route malformed; the route's own length still frames the next one.
class Body {
 public:
  Body(Walk& w, const NlriBlock& b, std::uint8_t type, std::uint32_t at, std::uint32_t end)
      : w_(w), b_(b), type_(type), at_(at), p_(at), end_(end), want_(nlri::wants_text(w)) {}

  // Decodes the fields of the route type; returns the route's text (empty at Depth::Summary).
  std::string decode(int depth) {
    const std::string_view name = route_type_name(type_);
    if (name.empty()) {
      if (end_ > at_) {
        w_.leaf(FieldId::MvpnData, at_, end_ - at_,
                [&] { return text::hex_spaced(w_.slice(at_, end_ - at_)); });
      }
      w_.note(at_, end_ - at_, "route type not defined by RFC 6514 §4; shown as bytes");
      if (!want_) return {};
      return "route type " + std::to_string(type_) + ": " + text::hex(w_.slice(at_, end_ - at_));
    }
    if (want_) text_ = std::string(name);
    fields(depth);
    if (malformed_ && want_) text_ += " (malformed)";
    return text_;
  }

 private:
  // The fields of each route type (RFC 6514 §4.1–§4.6), in order; false at the first that
  // does not fit.
  bool fields(int depth) {
    switch (type_) {
      case 1:
        return rd() && originator();
      case 2:
        return rd() && source_as() && done();
      case 3:
        return rd() && source_and_group() && originator();
      case 4:
        return route_key(depth) && originator();
      case 5:
        return rd() && source_and_group() && done();
      default:  // 6, 7
        return rd() && source_as() && source_and_group() && done();
    }
  }

  std::uint32_t left() const { return end_ - p_; }
  // Appends to the route's text; `part` is only called when text is wanted.
  template <class Part>
  void add(Part&& part) {
    if (want_) text_ += part();
  }
  bool fail(const std::string& what) {
    malformed_ = true;
    w_.error(at_, end_ - at_,
             std::string(route_type_name(type_)) + " route of " + text::byte_count(end_ - at_) +
                 ": " + what + " (" + std::string(route_type_section(type_)) + ", RFC 7606 §5.3)",
             b_.on_error);
    return false;
  }

  bool rd() {
    if (left() < 8) return fail("no room for its 8-byte Route Distinguisher");
    const std::string text = nlri::rd(w_, p_);
    add([&] { return " RD " + text; });
    p_ += 8;
    return true;
  }

  bool source_as() {
    if (left() < 4) return fail("no room for its 4-byte Source AS");
    const std::uint32_t as = w_.u32(p_);
    w_.leaf_uint(FieldId::MvpnSourceAs, p_, 4, as);
    add([&] { return " source AS " + std::to_string(as); });
    p_ += 4;
    return true;
  }

  // RFC 6514 §4.3: length in bits, then the address; RFC 6625 §4: length 0 is the wildcard.
  bool multicast_address(FieldId length_id, FieldId address_id, const char* what,
                         std::string& out) {
    if (left() < 1) return fail(std::string("it ends before its multicast ") + what);
    const std::uint32_t bits = w_.u8(p_);
    if (bits != 0 && bits != 32 && bits != 128) {
      return fail(std::string("multicast ") + what + " length " + std::to_string(bits) +
                  " bits is not 32, 128 or 0 (wildcard, RFC 6625 §4)");
    }
    const std::uint32_t bytes = bits / 8;
    if (left() - 1 < bytes) {
      return fail(std::string("multicast ") + what + " of " + text::byte_count(bytes) +
                  " exceeds " + bytes_left(left() - 1));
    }
    w_.leaf(length_id, p_, 1,
            [&] { return std::to_string(bits) + (bits == 0 ? " (wildcard)" : ""); });
    if (bytes > 0)
      w_.leaf(address_id, p_ + 1, bytes, [&] { return nlri::address_text(w_.at(p_ + 1), bytes); });
    if (want_) out = bytes > 0 ? nlri::address_text(w_.at(p_ + 1), bytes) : "*";
    p_ += 1 + bytes;
    return true;
  }

  bool source_and_group() {
    std::string source;
    std::string group;
    if (!multicast_address(FieldId::MvpnSourceLength, FieldId::MvpnSource, "source", source))
      return false;
    if (!multicast_address(FieldId::MvpnGroupLength, FieldId::MvpnGroup, "group", group))
      return false;
    add([&] { return " (" + source + ", " + group + ")"; });
    return true;
  }

  // The rest of the route: an IPv4 or IPv6 address (RFC 6514 §4.1, §4.3, §4.4).
  bool originator() {
    if (left() != 4 && left() != 16) {
      return fail("the " + text::byte_count(left()) +
                  " after its other fields are not an IPv4 or IPv6 Originating Router's IP "
                  "Address");
    }
    const std::uint32_t bytes = left();
    w_.leaf(FieldId::MvpnOriginator, p_, bytes,
            [&] { return nlri::address_text(w_.at(p_), bytes); });
    add([&] { return " originator " + nlri::address_text(w_.at(p_), bytes); });
    p_ += bytes;
    return true;
  }

  bool done() {
    if (left() == 0) return true;
    return fail(text::byte_count(left()) + " after its last field");
  }

  // RFC 6514 §4.4: the Route Key is the NLRI (type, length, value) of the route answered.
  bool route_key(int depth) {
    if (left() < 2) return fail("no room for the type and length of its Route Key");
    const std::uint8_t key_type = w_.u8(p_);
    const std::uint32_t key_length = w_.u8(p_ + 1);
    if (left() - 2 < key_length)
      return fail("Route Key length " + std::to_string(key_length) + " exceeds " +
                  bytes_left(left() - 2));
    const std::uint32_t node = w_.open(FieldId::MvpnRouteKey, p_, 2 + key_length);
    w_.leaf(FieldId::MvpnRouteType, p_, 1, [&] { return route_type_text(key_type); });
    w_.leaf_uint(FieldId::MvpnLength, p_ + 1, 1, key_length);
    std::string key_text;
    if (key_type == 4 && depth >= kMaxKeyDepth) {
      w_.leaf(FieldId::MvpnData, p_ + 2, key_length,
              [&] { return text::hex_spaced(w_.slice(p_ + 2, key_length)); });
      w_.note(p_, 2 + key_length, "a Leaf A-D route key nested this deep is shown as bytes");
      if (want_) key_text = "Leaf A-D";
    } else {
      Body key(w_, b_, key_type, p_ + 2, p_ + 2 + key_length);
      key_text = key.decode(depth + 1);
      if (key.malformed_) malformed_ = true;
    }
    w_.set_value(node, key_text);
    w_.close();
    add([&] { return " [" + key_text + "]"; });
    p_ += 2 + key_length;
    return !malformed_;
  }

  Walk& w_;
  const NlriBlock& b_;
  std::uint8_t type_;
  std::uint32_t at_;
  std::uint32_t p_;
  std::uint32_t end_;
  bool want_;
  bool malformed_ = false;
  std::string text_;
};

}  // namespace

void decode_mvpn_nlri(Walk& w, const NlriBlock& b, UpdateState& state) {
  const bool add_path = resolve_add_path(
      w, b, state, [&](Bytes field, bool with_ids) { return mvpn_list_fit(field, with_ids); });
  nlri::walk_typed_nlri_list(
      w, b, add_path, {FieldId::MvpnNlri, 2, 1, 1},
      [](std::uint32_t) {
        // Only one octet can be left: the loop runs while any is.
        return std::string(
            "route type and length need 2 bytes, 1 byte left (RFC 6514 §4, RFC "
            "7606 §5.3)");
      },
      [](std::uint32_t, std::uint32_t length, std::uint32_t left) {
        return "route length " + std::to_string(length) + " exceeds " + bytes_left(left) +
               " (RFC 6514 §4, RFC 7606 §5.3)";
      },
      [&](const nlri::TypedNlri& r) {
        const std::uint8_t type = w.u8(r.header_at);
        w.leaf(FieldId::MvpnRouteType, r.header_at, 1, [&] { return route_type_text(type); });
        w.leaf_uint(FieldId::MvpnLength, r.header_at + 1, 1, r.length);
        return Body(w, b, type, r.value_at, r.end).decode(0);
      });
}

}  // namespace bgplens

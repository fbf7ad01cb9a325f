// Prefix components of Flow Specification NLRI (types 1 and 2) and the MAC address components
// of L2VPN rules (types 15 and 16).
//   IPv4, RFC 8955 §4.2.2.1-2: length (bits) | prefix, ceil(length / 8) octets, as in UPDATEs.
//   IPv6, RFC 8956 §3.1-2: length | offset | pattern: bits offset..length-1 of the address,
//     ceil((length - offset) / 8) octets starting with bit `offset` in the top bit (§3.8's
//     example: ::1234:5678:9a00:0/64-104 is 68 40 12 34 56 78 9a). Offset < length <= 128,
//     or both 0.
//   L2VPN, draft-ietf-idr-flowspec-l2vpn-12 §3: MAC length | MAC address.
// The non-RFC layouts of PrefixLayout (flowspec_components.h) are decoded here too, with an
// error naming the implementation that writes them.
#include <algorithm>
#include <array>

#include "bgp/nlri/flowspec_components.h"
#include "util/text.h"

namespace bgplens::flowspec {
namespace {

// Where the parts of a prefix component lie, counted from the octet after the type.
struct Parts {
  std::uint32_t length_at = 0;
  bool has_offset = false;
  std::uint32_t offset_at = 0;
  std::uint32_t path_id_at = 0;  // PathIdInside: the (first part of the) path id
  std::uint32_t path_id_size = 0;
  std::uint32_t path_id2_at = 0;  // IPv6 PathIdInside: path id octets 2-4
  std::uint32_t path_id2_size = 0;
  std::uint32_t pattern_at = 0;
};

Parts parts_of(Space space, PrefixLayout layout) {
  Parts p;
  const bool v6 = space == Space::Ipv6;
  if (layout == PrefixLayout::PathIdInside) {
    // GoBGP 3.10 serialises the prefix with its path id and, for IPv6, inserts the offset
    // after the first octet of that serialisation.
    if (v6) {
      p = {5, true, 1, 0, 1, 2, 3, 6};
    } else {
      p = {4, false, 0, 0, 4, 0, 0, 5};
    }
    return p;
  }
  if (v6) {
    p.has_offset = true;
    p.offset_at = 1;
    p.pattern_at = 2;
  } else {
    p.pattern_at = 1;
  }
  return p;
}

std::uint32_t ceil_octets(unsigned bits) {
  return (bits + 7) / 8;
}

std::uint32_t pattern_size(Space space, PrefixLayout layout, unsigned length, unsigned offset) {
  if (space != Space::Ipv6) return ceil_octets(length);
  switch (layout) {
    case PrefixLayout::Rfc:
      return length > offset ? ceil_octets(length - offset) : 0;
    case PrefixLayout::AddressOctets:
      return ceil_octets(length) > offset / 8 ? ceil_octets(length) - offset / 8 : 0;
    case PrefixLayout::WholePrefix:
    case PrefixLayout::PathIdInside:
      break;
  }
  return ceil_octets(length);
}

bool valid_prefix(Space space, unsigned length, unsigned offset) {
  if (space != Space::Ipv6) return length <= 32;
  return (length == 0 && offset == 0) || (offset < length && length <= 128);
}

// Whether this layout reads the component differently from the RFC.
bool differs_from_rfc(Space space, PrefixLayout layout, unsigned offset) {
  switch (layout) {
    case PrefixLayout::Rfc:
      return false;
    case PrefixLayout::WholePrefix:
      return space == Space::Ipv6 && offset > 0;
    case PrefixLayout::AddressOctets:
      return space == Space::Ipv6 && offset % 8 != 0;
    case PrefixLayout::PathIdInside:
      break;
  }
  return true;
}

// The IPv6 address the pattern's bits belong to; bits outside offset..length-1 are 0 for the
// RFC layout, and bits from `length` on are cleared for the others (padding is ignored).
std::array<std::uint8_t, 16> pattern_address(Bytes pattern, PrefixLayout layout, unsigned length,
                                             unsigned offset) {
  std::array<std::uint8_t, 16> a{};
  const unsigned end = std::min(length, 128u);
  if (layout == PrefixLayout::Rfc) {
    for (unsigned i = 0; offset + i < end && i / 8 < pattern.size(); ++i) {
      if ((pattern[i / 8] >> (7 - i % 8)) & 1) {
        const unsigned bit = offset + i;
        a[bit / 8] = static_cast<std::uint8_t>(a[bit / 8] | (0x80 >> (bit % 8)));
      }
    }
    return a;
  }
  const std::size_t first = layout == PrefixLayout::AddressOctets ? offset / 8 : 0;
  for (std::size_t i = 0; i < pattern.size() && first + i < a.size(); ++i)
    a[first + i] = pattern[i];
  for (unsigned bit = end; bit < 128; ++bit)
    a[bit / 8] = static_cast<std::uint8_t>(a[bit / 8] & ~(0x80 >> (bit % 8)));
  return a;
}

std::string ipv6_text(const std::array<std::uint8_t, 16>& a, unsigned length, unsigned offset) {
  // RFC 8956 §3.8 writes a pattern with an offset as address/offset-length.
  std::string s = text::ipv6(a.data()) + "/";
  if (offset > 0) s += std::to_string(offset) + "-";
  return s + std::to_string(length);
}

std::string layout_problem(PrefixLayout layout, unsigned length, unsigned offset,
                           std::uint32_t octets, std::uint32_t path_id) {
  const std::string rfc =
      "pattern not encoded as RFC 8956 §3.1 says (the bits from the offset "
      "to the length, shifted to the first octet: " +
      text::byte_count(length > offset ? ceil_octets(length - offset) : 0) + " for length " +
      std::to_string(length) + " and offset " + std::to_string(offset) +
      "): the NLRI parses only with ";
  const std::string malformed = "; decoded that way (RFC 8955 §4.2: the NLRI is malformed)";
  switch (layout) {
    case PrefixLayout::WholePrefix:
      return rfc + "the whole prefix's " + text::byte_count(octets) +
             " from address bit 0, as GoBGP 3.10, ExaBGP and Ryu write it (tshark 4.0 reads it "
             "so)" +
             malformed;
    case PrefixLayout::AddressOctets:
      return rfc + "address octets " + std::to_string(offset / 8) + " to " +
             std::to_string(ceil_octets(length) - 1) + " unshifted (" + text::byte_count(octets) +
             "), as BIRD 2.0 writes it" + malformed;
    case PrefixLayout::PathIdInside:
    case PrefixLayout::Rfc:
      break;
  }
  return "path identifier " + std::to_string(path_id) +
         " inside the prefix component, where no RFC puts one (RFC 7911 §3 puts it before the "
         "NLRI): GoBGP 3.10 writes it so when ADD-PATH is negotiated for unicast, and the NLRI "
         "parses only this way" +
         malformed;
}

}  // namespace

Framing frame_prefix(Bytes data, Space space, PrefixLayout layout) {
  const Parts parts = parts_of(space, layout);
  if (data.size() < parts.pattern_at) return {};
  const unsigned length = data[parts.length_at];
  const unsigned offset = parts.has_offset ? data[parts.offset_at] : 0;
  const std::size_t size = parts.pattern_at + pattern_size(space, layout, length, offset);
  if (size > data.size()) return {};
  // GoBGP's path ids are small local numbers: requiring their top octet to be 0 (where the RFC
  // reading finds a length of 0) keeps an unrelated malformation from reading as its bug.
  const bool plausible = layout != PrefixLayout::PathIdInside || data[parts.path_id_at] == 0;
  return {size, plausible && valid_prefix(space, length, offset)};
}

ComponentBody decode_prefix_component(const ComponentContext& c, const ComponentSpec& spec) {
  Walk& w = c.w;
  const bool v6 = c.space == Space::Ipv6;
  const std::string_view rfc = v6 ? "RFC 8956 §3.1" : "RFC 8955 §4.2.2.1";
  const Parts parts = parts_of(c.space, c.layout);
  const std::uint32_t body = c.at + 1;
  const std::uint32_t left = c.to - body;
  const std::uint32_t fixed = parts.pattern_at;  // the octets before the pattern
  if (left < fixed) {
    w.error(c.at, c.to - c.at,
            std::string(spec.name) + " needs " + text::byte_count(fixed) +
                (v6 ? " for its length and offset, " : " for its length, ") +
                text::byte_count(left) + " left in the NLRI (" + std::string(rfc) +
                ", RFC 8955 §4.2: the NLRI is malformed)",
            c.on_error);
    c.malformed = true;
    return {};
  }
  const unsigned length = w.u8(body + parts.length_at);
  const unsigned offset = parts.has_offset ? w.u8(body + parts.offset_at) : 0;
  const std::uint32_t octets = pattern_size(c.space, c.layout, length, offset);
  if (left - fixed < octets) {
    w.error(c.at, c.to - c.at,
            (v6 ? "pattern of length " + std::to_string(length) + " and offset " +
                      std::to_string(offset)
                : "prefix of length " + std::to_string(length)) +
                " needs " + text::byte_count(octets) + ", " + text::byte_count(left - fixed) +
                " left in the NLRI (" + std::string(rfc) +
                ", RFC 8955 §4.2: the NLRI is malformed)",
            c.on_error);
    c.malformed = true;
    return {};
  }
  ComponentBody out;
  out.size = 1 + fixed + octets;
  const std::uint32_t pattern_at = body + fixed;
  const Bytes pattern = w.slice(pattern_at, octets);

  std::uint32_t path_id = 0;
  if (c.layout == PrefixLayout::PathIdInside) {
    for (std::uint32_t i = 0; i < parts.path_id_size; ++i)
      path_id = (path_id << 8) | w.u8(body + parts.path_id_at + i);
    for (std::uint32_t i = 0; i < parts.path_id2_size; ++i)
      path_id = (path_id << 8) | w.u8(body + parts.path_id2_at + i);
    w.leaf_uint(FieldId::FlowspecStrayPathId, body + parts.path_id_at, parts.path_id_size, path_id);
    if (parts.path_id2_size > 0) {
      w.leaf_uint(FieldId::FlowspecStrayPathId, body + parts.path_id2_at, parts.path_id2_size,
                  path_id);
    }
  }
  w.leaf_uint(FieldId::FlowspecPrefixLength, body + parts.length_at, 1, length);
  if (parts.has_offset)
    w.leaf_uint(FieldId::FlowspecPrefixOffset, body + parts.offset_at, 1, offset);

  if (c.want_text) {
    out.text = v6 ? ipv6_text(pattern_address(pattern, c.layout, length, offset), length, offset)
                  : text::prefix(pattern, 4, length);
  }
  if (octets > 0) {
    w.leaf(v6 ? FieldId::FlowspecPattern : FieldId::FlowspecPrefix, pattern_at, octets, out.text);
  }
  if (!valid_prefix(c.space, length, offset)) {
    w.error(body + parts.length_at, 1,
            v6 ? "length " + std::to_string(length) + " with offset " + std::to_string(offset) +
                     ": RFC 8956 §3.1 requires offset < length <= 128, or both 0 (the component "
                     "is malformed)"
               : "prefix length " + std::to_string(length) +
                     " exceeds 32 bits (RFC 8955 §4.2.2.1, §4.2: the NLRI is malformed)",
            c.on_error);
    c.malformed = true;
  } else if (c.layout == PrefixLayout::Rfc && octets > 0) {
    const unsigned used = v6 ? length - offset : length;
    if (used % 8 != 0 && (pattern[octets - 1] & (0xFF >> (used % 8))) != 0) {
      w.note(pattern_at + octets - 1, 1,
             "padding bits past the " + std::string(v6 ? "pattern" : "prefix") +
                 " are set; receivers ignore them (" + std::string(rfc) + ")");
    }
  }
  if (differs_from_rfc(c.space, c.layout, offset)) {
    w.error(c.at, static_cast<std::uint32_t>(out.size),
            layout_problem(c.layout, length, offset, octets, path_id), c.on_error);
    c.malformed = true;
  }
  return out;
}

Framing frame_mac(Bytes data) {
  if (data.empty() || data.size() - 1 < data[0]) return {};
  return {1u + data[0], data[0] == 6};
}

ComponentBody decode_mac_component(const ComponentContext& c, const ComponentSpec& spec) {
  Walk& w = c.w;
  const std::uint32_t body = c.at + 1;
  const std::uint32_t left = c.to - body;
  const std::uint32_t size = left > 0 ? w.u8(body) : 0;
  if (left == 0 || left - 1 < size) {
    w.error(c.at, c.to - c.at,
            std::string(spec.name) +
                (left == 0 ? " has no length octet" : " of " + text::byte_count(size)) + ", " +
                text::byte_count(left > 0 ? left - 1 : 0) +
                " left in the NLRI (draft-ietf-idr-flowspec-l2vpn-12 §3, RFC 8955 §4.2: the NLRI "
                "is malformed)",
            c.on_error);
    c.malformed = true;
    return {};
  }
  ComponentBody out;
  out.size = 2 + size;
  const Bytes mac = w.slice(body + 1, size);
  if (c.want_text) {
    for (std::size_t i = 0; i < mac.size(); ++i) {
      if (i > 0) out.text += ':';
      out.text += text::hex(mac.subspan(i, 1));
    }
  }
  w.leaf_uint(FieldId::FlowspecMacLength, body, 1, size);
  if (size > 0) w.leaf(FieldId::FlowspecMac, body + 1, size, out.text);
  if (size != 6) {
    w.error(body, 1,
            "MAC address length " + std::to_string(size) +
                ": a MAC address has 6 octets (draft-ietf-idr-flowspec-l2vpn-12 §3)",
            c.on_error);
    c.malformed = true;
  }
  return out;
}

}  // namespace bgplens::flowspec

// The dispatch of 8-octet extended communities by type and sub-type (RFC 4360 §2, RFC 7153),
// the community node every decoder shares, and the formatting helpers.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <vector>

#include "bgp/attributes/ext_community_types.h"
#include "util/text.h"

namespace bgplens::extcomm {
namespace {

// The community being unknown is no error (RFC 7606 §7.14): its octets are shown as they are.
std::string unknown_value(Walk& w, const Community& c, const SubTypeSpec& s) {
  return raw_value(w, c, s.tag);
}

// Every known row, sorted by (type, sub-type) once.
struct Registry {
  std::vector<const SubTypeSpec*> rows;
  Registry() {
    for (auto family : {address_specific_sub_types(), opaque_sub_types(), evpn_sub_types(),
                        flowspec_sub_types()}) {
      for (const SubTypeSpec& s : family)
        rows.push_back(&s);
    }
    std::sort(rows.begin(), rows.end(), [](const SubTypeSpec* a, const SubTypeSpec* b) {
      return (a->type << 8 | a->sub_type) < (b->type << 8 | b->sub_type);
    });
  }
};

// Types whose sub-types are unassigned here still have a layout their family defines (RFC 4360
// §3.1-3.2, RFC 5668 §2): the administrator fields are shown, with the sub-type unnamed.
const SubTypeSpec kUnassignedAs2{0, 0, "", "unknown", as2_specific};
const SubTypeSpec kUnassignedIpv4{0, 0, "", "unknown", ipv4_specific};
const SubTypeSpec kUnassignedAs4{0, 0, "", "unknown", as4_specific};
const SubTypeSpec kUnknown{0, 0, "", "unknown", unknown_value};

const SubTypeSpec& fallback(std::uint8_t type) {
  switch (type) {
    case 0x00:
    case 0x40:
      return kUnassignedAs2;
    case 0x01:
    case 0x41:
      return kUnassignedIpv4;
    case 0x02:
    case 0x42:
      return kUnassignedAs4;
  }
  return kUnknown;
}

}  // namespace

const SubTypeSpec* find_sub_type(std::uint8_t type, std::uint8_t sub_type) {
  static const Registry registry;
  const int key = type << 8 | sub_type;
  auto it = std::lower_bound(
      registry.rows.begin(), registry.rows.end(), key,
      [](const SubTypeSpec* s, int k) { return (s->type << 8 | s->sub_type) < k; });
  return it != registry.rows.end() && ((*it)->type << 8 | (*it)->sub_type) == key ? *it : nullptr;
}

// IANA "BGP Transitive / Non-Transitive Extended Community Types" (RFC 7153 §5.1, RFC 9184).
std::string_view type_name(std::uint8_t type) {
  switch (type) {
    case 0x00:
      return "Transitive Two-Octet AS-Specific";
    case 0x01:
      return "Transitive IPv4-Address-Specific";
    case 0x02:
      return "Transitive Four-Octet AS-Specific";
    case 0x03:
      return "Transitive Opaque";
    case 0x04:
      return "QoS Marking";
    case 0x05:
      return "CoS Capability";
    case 0x06:
      return "EVPN";
    case 0x07:
      return "FlowSpec Transitive";
    case 0x08:
      return "Flow-spec Redirect/Mirror to IP Next-hop";
    case 0x09:
      return "FlowSpec Redirect to indirection-id";
    case 0x0a:
      return "Transport Class";
    case 0x0b:
      return "SFC";
    case 0x0c:
      return "SRv6 MUP";
    case 0x40:
      return "Non-Transitive Two-Octet AS-Specific";
    case 0x41:
      return "Non-Transitive IPv4-Address-Specific";
    case 0x42:
      return "Non-Transitive Four-Octet AS-Specific";
    case 0x43:
      return "Non-Transitive Opaque";
    case 0x44:
      return "QoS Marking (non-transitive)";
    case 0x47:
      return "FlowSpec Non-Transitive";
    case 0x4a:
      return "Non-Transitive Transport Class";
    case 0x80:
      return "Generic Transitive (flow-spec)";
    case 0x81:
      return "Generic Transitive Part 2 (flow-spec)";
    case 0x82:
      return "Generic Transitive Part 3 (flow-spec)";
  }
  return "";
}

std::string numbered(std::uint64_t value, int hex_digits, std::string_view name) {
  std::string out = text::hex_number(value, hex_digits);
  if (!name.empty()) out += " (" + std::string(name) + ")";
  return out;
}

// RFC 4360 §2: the I bit (0x80) says how IANA assigns the type, the T bit (0x40) whether the
// community crosses AS borders.
void type_nodes(Walk& w, const Community& c, std::string_view type_text,
                std::string_view sub_type_name) {
  const std::uint32_t node = w.open(FieldId::ExtCommType, c.at, 1);
  w.set_value(node, [&] { return numbered(c.type, 2, type_text); });
  w.leaf(FieldId::ExtCommTypeIana, c.at, 1,
         (c.type & 0x80) ? "1 (Standards Action or experimental)" : "0 (first come, first served)",
         0x80);
  w.leaf(FieldId::ExtCommTypeTransitive, c.at, 1,
         (c.type & 0x40) ? "1 (non-transitive)" : "0 (transitive across ASes)", 0x40);
  w.close();
  w.leaf(FieldId::ExtCommSubType, c.at + 1, 1,
         [&] { return numbered(c.sub_type, 2, sub_type_name); });
}

float read_float(const std::uint8_t* p) {
  return std::bit_cast<float>(load_be32(p));
}

std::string float_text(float value) {
  char buf[32];
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15f) {
    std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(value));
  } else {
    std::snprintf(buf, sizeof buf, "%g", static_cast<double>(value));
  }
  return buf;
}

std::string rate_text(float value, std::string_view unit) {
  std::string out = float_text(value) + " " + std::string(unit);
  if (unit == "bytes/s" && std::isfinite(value) && value >= 125.0f) {
    // The usual way to read a link speed: bits per second with an SI prefix.
    const double bits = static_cast<double>(value) * 8.0;
    const char* prefixes[] = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"};
    double scaled = bits;
    int i = 0;
    while (scaled >= 1000.0 && i < 4) {
      scaled /= 1000.0;
      ++i;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, " (%g %s)", scaled, prefixes[i]);
    out += buf;
  }
  return out;
}

std::string mac_text(const std::uint8_t* p) {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4],
                p[5]);
  return buf;
}

void reserved_leaf(Walk& w, std::uint32_t offset, std::uint32_t length) {
  w.leaf(FieldId::ExtCommReserved, offset, length, [&] {
    const Bytes b = w.slice(offset, length);
    const bool zero = std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0; });
    return zero ? std::string("0") : text::hex(b) + " (should be zero)";
  });
}

std::string raw_value(Walk& w, const Community& c, std::string_view tag) {
  const std::string hex = text::hex(w.slice(c.value(), 6));
  w.leaf(FieldId::ExtCommValue, c.value(), 6, hex);
  return std::string(tag) + ":" + text::hex_number(c.type << 8 | c.sub_type, 4) + ":" + hex;
}

// RFC 4360 §2: Type, Sub-Type, 6 value octets; the value's layout depends on both.
std::string decode_community(Walk& w, std::uint32_t at) {
  const Community c{at, w.u8(at), w.u8(at + 1)};
  const SubTypeSpec* known = find_sub_type(c.type, c.sub_type);
  const SubTypeSpec& spec = known ? *known : fallback(c.type);
  const std::uint32_t node = w.open(FieldId::ExtCommunity, at, 8);
  type_nodes(w, c, type_name(c.type), spec.name);
  std::string text = spec.decode(w, c, spec);
  w.set_value(node, text);
  w.close();
  return text;
}

}  // namespace bgplens::extcomm

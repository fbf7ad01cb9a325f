// {operator, value} lists of Flow Specification components (RFC 8955 §4.2.1): the numeric
// operator (§4.2.1.1: e a len 0 lt gt eq) and the bitmask operator (§4.2.1.2: e a len 0 0 not
// m). Each pair is a Term node holding the operator, its bits as masked flag nodes, and the
// value; the component's text joins the terms: '&' before an ANDed term, '||' before a term
// that starts a new ORed group (AND binds tighter than OR, §4.2.1.1).
#include <array>
#include <span>

#include "bgp/names/names.h"
#include "bgp/nlri/flowspec_components.h"
#include "util/text.h"

namespace bgplens::flowspec {
namespace {

constexpr std::uint8_t kEnd = 0x80;
constexpr std::uint8_t kAnd = 0x40;
constexpr std::uint8_t kLength = 0x30;
constexpr std::uint8_t kNumericReserved = 0x08;
constexpr std::uint8_t kBitmaskReserved = 0x0C;
constexpr std::uint8_t kNot = 0x02;
constexpr std::uint8_t kMatch = 0x01;

// RFC 8955 §4.2.1.1: the value takes 1 << len octets.
std::uint32_t operand_size(std::uint8_t op) {
  return 1u << ((op & kLength) >> 4);
}

// RFC 8956 §3.6: the IPv6 fragment bitmask MUST be a single octet.
bool single_octet_required(const ComponentSpec& spec, Space space) {
  return space == Space::Ipv6 && spec.style == Style::Fragment;
}

struct Bit {
  std::uint32_t mask;
  std::string_view name;
  FieldId field;
};

// In increasing bit order, as ExaBGP lists them ("fin+push").
constexpr std::array<Bit, 8> kTcpBits = {{{0x01, "fin", FieldId::FlowspecTcpFin},
                                          {0x02, "syn", FieldId::FlowspecTcpSyn},
                                          {0x04, "rst", FieldId::FlowspecTcpRst},
                                          {0x08, "push", FieldId::FlowspecTcpPsh},
                                          {0x10, "ack", FieldId::FlowspecTcpAck},
                                          {0x20, "urg", FieldId::FlowspecTcpUrg},
                                          {0x40, "ece", FieldId::FlowspecTcpEce},
                                          {0x80, "cwr", FieldId::FlowspecTcpCwr}}};
// RFC 8955 §4.2.2.12: 0 0 0 0 LF FF IsF DF.
constexpr std::array<Bit, 4> kFragmentBits = {{{0x01, "dont-fragment", FieldId::FlowspecFragDf},
                                               {0x02, "is-fragment", FieldId::FlowspecFragIsf},
                                               {0x04, "first-fragment", FieldId::FlowspecFragFf},
                                               {0x08, "last-fragment", FieldId::FlowspecFragLf}}};

std::span<const Bit> bits_of(Style style) {
  if (style == Style::TcpFlags) return kTcpBits;
  if (style == Style::Fragment) return kFragmentBits;
  return {};
}

// "0x0f00": an even number of hex digits, as many as the value needs.
std::string hex_value(std::uint64_t v) {
  int digits = 2;
  while (digits < 16 && (v >> (4 * digits)) != 0)
    digits += 2;
  return text::hex_number(v, digits);
}

// "syn+ack"; bits without a name as one hex number; "0" for no bits.
std::string bits_text(std::span<const Bit> bits, std::uint64_t value) {
  std::string s;
  std::uint64_t rest = value;
  for (const Bit& b : bits) {
    if ((value & b.mask) == 0) continue;
    if (!s.empty()) s += '+';
    s += b.name;
    rest &= ~std::uint64_t{b.mask};
  }
  if (rest != 0) {
    if (!s.empty()) s += '+';
    s += hex_value(rest);
  }
  return s.empty() ? "0" : s;
}

// The value as it appears in the NLRI's text.
std::string operand_text(Style style, std::uint64_t value, std::uint32_t size) {
  switch (style) {
    case Style::Hex:
      return text::hex_number(value, static_cast<int>(2 * size));
    case Style::EtherType:
      return text::hex_number(value, size < 2 ? 4 : static_cast<int>(2 * size));
    case Style::TcpFlags:
    case Style::Fragment:
      return bits_text(bits_of(style), value);
    case Style::Decimal:
    case Style::Protocol:
      break;
  }
  return std::to_string(value);
}

// The value node's text: the operand with a name or its hex form.
std::string operand_detail(Style style, std::uint64_t value, std::uint32_t size) {
  std::string s = operand_text(style, value, size);
  std::string_view name;
  if (style == Style::Protocol) name = names::ip_protocol(value);
  if (style == Style::EtherType) name = names::ether_type(value);
  if (!name.empty()) return s + " (" + std::string(name) + ")";
  if (style == Style::TcpFlags || style == Style::Fragment)
    return s + " (" + text::hex_number(value, static_cast<int>(2 * size)) + ")";
  return s;
}

constexpr std::array<std::string_view, 8> kNumericSymbols = {
    "false", "=", ">", ">=", "<", "<=", "!=", "true"};

// One term as text: "&>=80", "||!=syn". `first` drops the join (its AND bit is treated as
// unset, RFC 8955 §4.2.1.1).
std::string term_text(const ComponentSpec& spec, std::uint8_t op, std::uint64_t value,
                      std::uint32_t size, bool first) {
  std::string s = first ? "" : ((op & kAnd) ? "&" : "||");
  if (spec.encoding == Encoding::Bitmask) {
    if (op & kNot) s += '!';
    if (op & kMatch) s += '=';
    return s + operand_text(spec.style, value, size);
  }
  const unsigned cmp = op & 0x07;
  s += kNumericSymbols[cmp];
  // 000 and 111 do not depend on the value.
  if (cmp != 0 && cmp != 7) s += operand_text(spec.style, value, size);
  return s;
}

std::string operator_meaning(const ComponentSpec& spec, std::uint8_t op, std::uint32_t size,
                             bool first) {
  std::string s = text::hex_number(op, 2) + " (";
  if (!first) s += (op & kAnd) ? "and, " : "or, ";
  if (spec.encoding == Encoding::Bitmask) {
    s += (op & kNot) ? "not " : "";
    s += (op & kMatch) ? "all bits" : "any bit";
  } else {
    s += kNumericSymbols[op & 0x07];
  }
  s += ", " + text::byte_count(size);
  if (op & kEnd) s += ", end of list";
  return s + ")";
}

const char* set_text(bool set) {
  return set ? "set" : "not set";
}

void operator_node(const ComponentContext& c, const ComponentSpec& spec, std::uint32_t q,
                   bool first) {
  Walk& w = c.w;
  const std::uint8_t op = w.u8(q);
  const std::uint32_t size = operand_size(op);
  const bool bitmask = spec.encoding == Encoding::Bitmask;
  const std::uint32_t node = w.open(FieldId::FlowspecOperator, q, 1);
  w.set_value(node, [&] { return operator_meaning(spec, op, size, first); });
  w.leaf(FieldId::FlowspecOpEnd, q, 1, set_text(op & kEnd), kEnd);
  w.leaf(
      FieldId::FlowspecOpAnd, q, 1,
      [&] { return std::string(set_text(op & kAnd)) + ((op & kAnd) ? " (AND)" : " (OR)"); }, kAnd);
  w.leaf(
      FieldId::FlowspecOpLength, q, 1, [&] { return text::byte_count(size); }, kLength);
  const std::uint8_t reserved = bitmask ? kBitmaskReserved : kNumericReserved;
  w.leaf(FieldId::FlowspecOpReserved, q, 1, (op & reserved) ? "set" : "0", reserved);
  if (bitmask) {
    w.leaf(FieldId::FlowspecOpNot, q, 1, set_text(op & kNot), kNot);
    w.leaf(FieldId::FlowspecOpMatch, q, 1, set_text(op & kMatch), kMatch);
  } else {
    w.leaf(FieldId::FlowspecOpLt, q, 1, set_text(op & 0x04), 0x04);
    w.leaf(FieldId::FlowspecOpGt, q, 1, set_text(op & 0x02), 0x02);
    w.leaf(FieldId::FlowspecOpEq, q, 1, set_text(op & 0x01), 0x01);
  }
  w.close();
  if (first && (op & kAnd)) {
    w.warning(q, 1,
              "AND bit set in the first operator of the list: it MUST be unset and is treated "
              "as unset (RFC 8955 §4.2.1.1)");
  }
  if (op & reserved) {
    w.warning(q, 1,
              "reserved operator bits " + text::hex_number(op & reserved, 2) +
                  " set: they MUST be 0 and are ignored (RFC 8955 " +
                  (bitmask ? "§4.2.1.2)" : "§4.2.1.1)"));
  }
}

// The bits of a TCP-flags or fragment value as flag nodes (1- and 2-octet values).
void bit_nodes(Walk& w, const ComponentSpec& spec, Space space, std::uint32_t at,
               std::uint32_t size, std::uint64_t value) {
  if (spec.style == Style::TcpFlags && size <= 2) {
    if (size == 2) {
      w.leaf(
          FieldId::FlowspecTcpHeaderBits, at, 2,
          [&] { return text::hex_number((value >> 8) & 0xFF, 2); }, 0xFF00);
    }
    for (auto it = kTcpBits.rbegin(); it != kTcpBits.rend(); ++it)
      w.leaf(it->field, at, size, set_text(value & it->mask), it->mask);
  }
  if (spec.style == Style::Fragment && size == 1) {
    w.leaf(
        FieldId::FlowspecFragReserved, at, 1, [&] { return text::hex_number(value & 0xF0, 2); },
        0xF0);
    for (auto it = kFragmentBits.rbegin(); it != kFragmentBits.rend(); ++it) {
      const bool reserved = it->mask == 0x01 && space == Space::Ipv6;
      w.leaf(
          it->field, at, 1,
          [&] { return std::string(set_text(value & it->mask)) + (reserved ? " (reserved)" : ""); },
          it->mask);
    }
  }
}

// RFC 8955 §4.2.2.12 (IPv4: 0 0 0 0 LF FF IsF DF), RFC 8956 §3.6 (IPv6: DF is reserved too).
void check_fragment_bits(const ComponentContext& c, std::uint32_t at, std::uint32_t size,
                         std::uint64_t value) {
  const std::uint64_t reserved = (c.space == Space::Ipv6 ? 0xF1u : 0xF0u) & value;
  if (size != 1 || reserved == 0) return;
  c.w.warning(
      at, 1,
      "reserved fragment bits " + text::hex_number(reserved, 2) +
          " set: they MUST be 0 and are ignored (" +
          (c.space == Space::Ipv6 ? "RFC 8956 §3.6: IPv6 has no DF bit)" : "RFC 8955 §4.2.2.12)"));
}

}  // namespace

Framing frame_operator_list(Bytes data, const ComponentSpec& spec, Space space) {
  Framing f;
  f.valid = true;
  std::size_t q = 0;
  while (q < data.size()) {
    const std::uint8_t op = data[q];
    const std::uint32_t size = operand_size(op);
    if (data.size() - q - 1 < size) return {};
    if (single_octet_required(spec, space) && size != 1) f.valid = false;
    q += 1 + size;
    if (op & kEnd) {
      f.size = q;
      return f;
    }
  }
  return {};
}

ComponentBody decode_operator_component(const ComponentContext& c, const ComponentSpec& spec) {
  Walk& w = c.w;
  const std::uint32_t body = c.at + 1;
  ComponentBody out;
  std::uint32_t q = body;
  while (q < c.to) {
    const std::uint8_t op = w.u8(q);
    const std::uint32_t size = operand_size(op);
    const bool first = q == body;
    if (c.to - q - 1 < size) {
      w.error(q, c.to - q,
              "operator " + text::hex_number(op, 2) + " announces a value of " +
                  text::byte_count(size) + ", " + text::byte_count(c.to - q - 1) +
                  " left in the NLRI (RFC 8955 §4.2.1, §4.2: the NLRI is malformed)",
              c.on_error);
      c.malformed = true;
      return {};
    }
    std::uint64_t value = 0;
    for (std::uint32_t i = 0; i < size; ++i)
      value = (value << 8) | w.u8(q + 1 + i);
    const std::uint32_t term = w.open(FieldId::FlowspecTerm, q, 1 + size);
    std::string text;
    if (c.want_text) text = term_text(spec, op, value, size, first);
    w.set_value(term, text);
    operator_node(c, spec, q, first);
    const std::uint32_t value_node = w.open(FieldId::FlowspecValue, q + 1, size);
    w.set_value(value_node, [&] { return operand_detail(spec.style, value, size); });
    bit_nodes(w, spec, c.space, q + 1, size, value);
    w.close();
    if (single_octet_required(spec, c.space) && size != 1) {
      w.error(q, 1 + size,
              "fragment bitmask of " + text::byte_count(size) +
                  ": RFC 8956 §3.6 requires a single octet (len=00); the NLRI is malformed (RFC "
                  "8955 §4.2)",
              c.on_error);
      c.malformed = true;
    }
    if (spec.style == Style::Fragment) check_fragment_bits(c, q + 1, size, value);
    w.close();
    out.text += text;
    q += 1 + size;
    if (op & kEnd) {
      out.size = q - c.at;
      return out;
    }
  }
  w.error(c.at, c.to - c.at,
          "operator list reaches the end of the NLRI without an end-of-list bit (RFC 8955 "
          "§4.2.1, §4.2: the NLRI is malformed)",
          c.on_error);
  c.malformed = true;
  return {};
}

}  // namespace bgplens::flowspec

#include "util/text.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace bgplens::text {

// By hand: every prefix of a tree or an item list is printed through here,
// and snprintf's format parsing was a fifth of building a full tree.
char* ipv4_to(char* out, const std::uint8_t* p) {
  for (int i = 0; i < 4; ++i) {
    const unsigned v = p[i];
    if (i > 0) *out++ = '.';
    if (v >= 100) *out++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *out++ = static_cast<char>('0' + v / 10 % 10);
    *out++ = static_cast<char>('0' + v % 10);
  }
  return out;
}

// By hand too (inet_ntop showed in profiles of the decode command), with inet_ntop's
// choices: the first longest run of two or more zero groups becomes "::", and an address whose
// first 96 bits are zero (IPv4-compatible) or 0:0:0:0:0:ffff (IPv4-mapped) ends in dotted form.
char* ipv6_to(char* out, const std::uint8_t* p) {
  unsigned groups[8];
  for (int i = 0; i < 8; ++i)
    groups[i] = static_cast<unsigned>(p[2 * i] << 8 | p[2 * i + 1]);
  int best = -1;
  int best_length = 0;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int end = i;
    while (end < 8 && groups[end] == 0)
      ++end;
    if (end - i > best_length) {
      best = i;
      best_length = end - i;
    }
    i = end;
  }
  if (best_length < 2) best = -1;
  for (int i = 0; i < 8; ++i) {
    if (best >= 0 && i >= best && i < best + best_length) {
      if (i == best) *out++ = ':';
      continue;
    }
    if (i != 0) *out++ = ':';
    if (i == 6 && best == 0 && (best_length == 6 || (best_length == 5 && groups[5] == 0xffff)))
      return ipv4_to(out, p + 12);
    out = std::to_chars(out, out + 4, groups[i], 16).ptr;
  }
  if (best >= 0 && best + best_length == 8) *out++ = ':';
  return out;
}

std::string ipv4(const std::uint8_t* p) {
  char buf[kIpv4Size];
  return std::string(buf, ipv4_to(buf, p));
}

std::string ipv4_value(std::uint32_t v) {
  const std::uint8_t b[4] = {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                             static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
  return ipv4(b);
}

std::string ipv6(const std::uint8_t* p) {
  char buf[kIpv6Size];
  return std::string(buf, ipv6_to(buf, p));
}

std::string prefix(Bytes address_bytes, unsigned family_bytes, unsigned prefix_len) {
  std::array<std::uint8_t, 16> full{};
  for (std::size_t i = 0; i < address_bytes.size() && i < family_bytes; ++i) {
    full[i] = address_bytes[i];
  }
  // Built in place and made a string once: "203.0.113.128/25" is past the short-string size,
  // and growing the address's string by the length cost a second allocation.
  char buf[kIpv6Size + 11];  // address, '/', any unsigned
  char* end = family_bytes == 4 ? ipv4_to(buf, full.data()) : ipv6_to(buf, full.data());
  *end++ = '/';
  end = std::to_chars(end, buf + sizeof buf, prefix_len).ptr;
  return std::string(buf, end);
}

static constexpr char kHexDigits[] = "0123456789abcdef";

std::string hex(Bytes bytes, std::size_t max_bytes) {
  std::string out;
  const std::size_t n = bytes.size() < max_bytes ? bytes.size() : max_bytes;
  out.reserve(n * 2 + 3);
  for (std::size_t i = 0; i < n; ++i) {
    out += kHexDigits[bytes[i] >> 4];
    out += kHexDigits[bytes[i] & 0xf];
  }
  if (n < bytes.size()) out += "…";
  return out;
}

std::string hex_spaced(Bytes bytes, std::size_t max_bytes) {
  std::string out;
  const std::size_t n = bytes.size() < max_bytes ? bytes.size() : max_bytes;
  out.reserve(n * 3 + 3);
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += kHexDigits[bytes[i] >> 4];
    out += kHexDigits[bytes[i] & 0xf];
  }
  if (n < bytes.size()) out += " …";
  return out;
}

std::string hex_number(std::uint64_t value, int digits) {
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0 && value; --i, value >>= 4) {
    out[static_cast<std::size_t>(i)] = kHexDigits[value & 0xf];
  }
  return "0x" + out;
}

std::string bits(std::uint64_t value, int width) {
  std::string out;
  out.reserve(static_cast<std::size_t>(width));
  for (int i = width - 1; i >= 0; --i)
    out += ((value >> i) & 1) ? '1' : '0';
  return out;
}

std::string byte_count(std::uint64_t n) {
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

std::string escaped(std::string_view raw, std::size_t max_chars) {
  std::string out;
  for (std::size_t i = 0; i < raw.size() && out.size() < max_chars; ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);  // UTF-8 continuation bytes pass through untouched
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (out.size() >= max_chars) out += "…";
  return out;
}

std::string asn_plain(std::uint32_t as) {
  return std::to_string(as);
}

std::string asn(std::uint32_t as) {
  std::string out = std::to_string(as);
  // RFC 6793 §9: AS_TRANS stands in for a 4-octet AS on 2-octet sessions.
  if (as == 23456) out += " (AS_TRANS)";
  // RFC 7607: AS 0 is reserved and must not appear in AS_PATH or as My AS.
  if (as == 0) out += " (reserved AS 0)";
  return out;
}

}  // namespace bgplens::text

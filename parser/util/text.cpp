#include "util/text.h"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstdio>

namespace bgplens::text {

// By hand: every prefix of a tree or an item list is printed through here,
// and snprintf's format parsing was a fifth of building a full tree.
std::string ipv4(const std::uint8_t* p) {
  char buf[16];  // "255.255.255.255"
  std::size_t n = 0;
  for (int i = 0; i < 4; ++i) {
    const unsigned v = p[i];
    if (i > 0) buf[n++] = '.';
    if (v >= 100) buf[n++] = static_cast<char>('0' + v / 100);
    if (v >= 10) buf[n++] = static_cast<char>('0' + v / 10 % 10);
    buf[n++] = static_cast<char>('0' + v % 10);
  }
  return std::string(buf, n);
}

std::string ipv4_value(std::uint32_t v) {
  const std::uint8_t b[4] = {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                             static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
  return ipv4(b);
}

std::string ipv6(const std::uint8_t* p) {
  char buf[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, p, buf, sizeof buf) == nullptr) return "?";
  return buf;
}

std::string prefix(Bytes address_bytes, unsigned family_bytes, unsigned prefix_len) {
  std::array<std::uint8_t, 16> full{};
  for (std::size_t i = 0; i < address_bytes.size() && i < family_bytes; ++i) {
    full[i] = address_bytes[i];
  }
  std::string out = family_bytes == 4 ? ipv4(full.data()) : ipv6(full.data());
  char length[4];
  out += '/';
  out.append(length, std::to_chars(length, length + sizeof length, prefix_len).ptr);
  return out;
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

#include "output/json_writer.h"

#include <charconv>

namespace bgplens {
namespace {

constexpr std::uint64_t kEachByte = 0x0101010101010101ULL;
constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// Non-zero when one of the eight bytes of `word` needs escaping: below 0x20, '"' or '\\'.
// The classic bit tricks ("has a byte less than n", "has a zero byte" of word ^ c): exact as a
// test of the whole word, although which bits are set above the first hit is not.
constexpr std::uint64_t needs_escape(std::uint64_t word) {
  const std::uint64_t control = (word - kEachByte * 0x20) & ~word;
  const std::uint64_t q = word ^ (kEachByte * '"');
  const std::uint64_t quote = (q - kEachByte) & ~q;
  const std::uint64_t b = word ^ (kEachByte * '\\');
  const std::uint64_t backslash = (b - kEachByte) & ~b;
  return (control | quote | backslash) & kHighBits;
}

constexpr bool needs_escape(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == '"' || u == '\\';
}

// How many bytes at the start of `text` need no escaping. Strings are mostly short (prefixes,
// addresses, names) and have nothing to escape: eight bytes are tested at a time.
std::size_t plain_prefix(std::string_view text) {
  const char* const p = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (needs_escape(word) != 0) break;
  }
  while (i < n && !needs_escape(p[i]))
    ++i;
  return i;
}

// Copies the bytes at the start of `text` that need no escaping to `out`, which has room for
// all of `text`; returns how many. One pass, eight bytes at a time, without a call to memcpy:
// most strings are a dozen bytes, for which the call cost more than the copy.
std::size_t copy_plain(char* out, std::string_view text) {
  const char* const p = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  if (n >= 8) {
    std::uint64_t word;
    for (; i + 8 <= n; i += 8) {
      std::memcpy(&word, p + i, 8);
      if (needs_escape(word) != 0) break;
      std::memcpy(out + i, &word, 8);
    }
    if (i == n) return n;
    if (i + 8 > n) {
      // The last 1-7 bytes, as the last eight bytes (again some already copied).
      std::memcpy(&word, p + n - 8, 8);
      if (needs_escape(word) == 0) {
        std::memcpy(out + n - 8, &word, 8);
        return n;
      }
    }
  }
  while (i < n && !needs_escape(p[i])) {
    out[i] = p[i];
    ++i;
  }
  return i;
}

constexpr char kHexDigits[] = "0123456789abcdef";

// Writes the escape for `c` (one that needs_escape) at `out`; returns the bytes written (2 or 6).
std::size_t escape(char c, char* out) {
  out[0] = '\\';
  switch (c) {
    case '"':
      out[1] = '"';
      return 2;
    case '\\':
      out[1] = '\\';
      return 2;
    case '\n':
      out[1] = 'n';
      return 2;
    case '\r':
      out[1] = 'r';
      return 2;
    case '\t':
      out[1] = 't';
      return 2;
    default: {
      const auto u = static_cast<unsigned char>(c);
      out[1] = 'u';
      out[2] = '0';
      out[3] = '0';
      out[4] = kHexDigits[u >> 4];
      out[5] = kHexDigits[u & 0xf];
      return 6;
    }
  }
}

}  // namespace

// Out of line, so that the writers inlined at every call site stay small (no registers saved
// for the append): a message's tokens are many, its flushes one.
void JsonWriter::flush() {
  out_.append(buffer_, size_);
  size_ = 0;
}

char* JsonWriter::put_long_unsigned(char* p, std::uint64_t v) {
  return std::to_chars(p, p + 20, v).ptr;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  string(v);
  return done();
}

JsonWriter& JsonWriter::raw(std::string_view v) {
  if (v.size() >= kLongString) {
    flush();
    if (comma_) out_ += ',';
    out_.append(v);
    return done();
  }
  reserve(v.size() + 1);
  char* p = separate();
  std::memcpy(p, v.data(), v.size());
  size_ = static_cast<std::size_t>(p + v.size() - buffer_);
  return done();
}

JsonWriter& JsonWriter::runtime_key(std::string_view k) {
  string(k);
  reserve(1);
  buffer_[size_++] = ':';
  comma_ = false;
  return *this;
}

void JsonWriter::string(std::string_view text) {
  if (text.size() >= kLongString) {
    flush();
    if (comma_) out_ += ',';
    escape_into(out_, text);
    return;
  }
  reserve(text.size() + 3);  // comma, quotes
  char* p = separate();
  *p++ = '"';
  const std::size_t plain = copy_plain(p, text);
  p += plain;
  if (plain == text.size()) {
    *p++ = '"';
    size_ = static_cast<std::size_t>(p - buffer_);
  } else {
    size_ = static_cast<std::size_t>(p - buffer_);
    escaped_tail(text.substr(plain));
  }
}

void JsonWriter::escaped_tail(std::string_view rest) {
  while (!rest.empty()) {
    reserve(6 + rest.size());  // rest.size() < kLongString
    size_ += escape(rest.front(), buffer_ + size_);
    rest.remove_prefix(1);
    const std::size_t plain = copy_plain(buffer_ + size_, rest);
    size_ += plain;
    rest.remove_prefix(plain);
  }
  reserve(1);
  buffer_[size_++] = '"';
}

void JsonWriter::escape_into(std::string& out, std::string_view text) {
  out += '"';
  while (!text.empty()) {
    const std::size_t plain = plain_prefix(text);
    out.append(text.data(), plain);
    text.remove_prefix(plain);
    if (text.empty()) break;
    char buf[6];
    out.append(buf, escape(text.front(), buf));
    text.remove_prefix(1);
  }
  out += '"';
}

}  // namespace bgplens

// The two low-level pieces the bgpdump -m formatter is built on: a byte reader that reads the
// way bgpdump 1.6.2 reads (its "mstream"), and the text forms bgpdump prints numbers and
// addresses in.
//
// Why a reader of its own: to print the same lines as bgpdump for damaged or unusual records,
// the bytes must be consumed exactly as bgpdump consumes them. bgpdump never fails a read: a
// read past the end of a stream yields zeros and leaves the stream at its end, and a
// sub-stream of N bytes holds the N bytes or whatever is left. Everything here is inline and
// allocation-free: it runs once per attribute of every RIB entry.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/bytes.h"

namespace bgplens::mrt::bgpdump {

class Reader {
 public:
  Reader() = default;
  Reader(const std::uint8_t* data, std::uint32_t size) : data_(data), size_(size) {}
  explicit Reader(Bytes b) : data_(b.data()), size_(static_cast<std::uint32_t>(b.size())) {}

  std::uint32_t left() const { return size_ - pos_; }
  bool empty() const { return pos_ >= size_; }
  const std::uint8_t* here() const { return data_ + pos_; }
  // The next byte without consuming it (0 at the end).
  std::uint8_t peek() const { return pos_ < size_ ? data_[pos_] : 0; }

  // Copies `n` bytes to `out`; past the end the rest of `out` is zeros and the reader stops at
  // its end. Returns how many bytes were really there.
  std::uint32_t get(std::uint8_t* out, std::uint32_t n) {
    const std::uint32_t room = left();
    if (room >= n) {
      if (out) std::memcpy(out, data_ + pos_, n);
      pos_ += n;
      return n;
    }
    if (out) {
      if (room) std::memcpy(out, data_ + pos_, room);
      std::memset(out + room, 0, n - room);
    }
    pos_ = size_;
    return room;
  }
  std::uint32_t skip(std::uint32_t n) { return get(nullptr, n); }
  std::uint8_t u8() {
    if (pos_ < size_) return data_[pos_++];
    return 0;
  }
  std::uint16_t u16() {
    std::uint8_t b[2];
    if (left() >= 2) {
      const std::uint16_t v = load_be16(data_ + pos_);
      pos_ += 2;
      return v;
    }
    get(b, 2);
    return load_be16(b);
  }
  std::uint32_t u32() {
    std::uint8_t b[4];
    if (left() >= 4) {
      const std::uint32_t v = load_be32(data_ + pos_);
      pos_ += 4;
      return v;
    }
    get(b, 4);
    return load_be32(b);
  }
  std::uint32_t asn(int width) { return width == 4 ? u32() : u16(); }
  // The next `n` bytes (or what is left) as a reader of their own; this one moves past them.
  // `n` is unsigned as in bgpdump, where a negative length becomes "the rest".
  Reader sub(std::uint32_t n) {
    Reader r(data_ + pos_, 0);
    r.size_ = get(nullptr, n);
    return r;
  }

 private:
  const std::uint8_t* data_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t pos_ = 0;
};

// Longest texts written by the helpers below.
inline constexpr std::size_t kMaxIpv4Text = 15;
inline constexpr std::size_t kMaxIpv6Text = 46;
inline constexpr std::size_t kMaxU32Text = 10;

inline char* put(char* p, const char* s, std::size_t n) {
  std::memcpy(p, s, n);
  return p + n;
}
template <std::size_t N>
inline char* put(char* p, const char (&s)[N]) {
  return put(p, s, N - 1);
}
inline char* put(char* p, std::string_view s) {
  return put(p, s.data(), s.size());
}
// Decimal digits two at a time from a table: ASNs and numbers are a fifth of all the work of
// a RIB dump, and std::to_chars measures the length in a loop of its own first.
inline constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";
inline char* put_u32(char* p, std::uint32_t v) {
  const unsigned n = v < 10           ? 1
                     : v < 100        ? 2
                     : v < 1000       ? 3
                     : v < 10000      ? 4
                     : v < 100000     ? 5
                     : v < 1000000    ? 6
                     : v < 10000000   ? 7
                     : v < 100000000  ? 8
                     : v < 1000000000 ? 9
                                      : 10;
  char* e = p + n;
  char* q = e;
  while (v >= 100) {
    const std::uint32_t r = (v % 100) * 2;
    v /= 100;
    *--q = kDigitPairs[r + 1];
    *--q = kDigitPairs[r];
  }
  if (v >= 10) {
    *--q = kDigitPairs[v * 2 + 1];
    *--q = kDigitPairs[v * 2];
  } else {
    *--q = static_cast<char>('0' + v);
  }
  return e;
}
// printf's %d of an unsigned value: bgpdump prints LOCAL_PREF and MED that way on MP_REACH
// IPv4 lines, so 3000000000 prints as -1294967296 there.
inline char* put_i32(char* p, std::uint32_t v) {
  return std::to_chars(p, p + kMaxU32Text + 1, static_cast<std::int32_t>(v)).ptr;
}
// Dotted quad, as inet_ntoa prints it.
char* put_ipv4(char* p, const std::uint8_t* a);
// bgpdump's own IPv6 text (its fmt_ipv6, not inet_ntop): "::ffff:a.b.c.d" for IPv4-mapped
// addresses and "::a.b.c.d" for IPv4-compatible ones (all but ::0 and ::1), and otherwise the
// longest run of zero groups as "::" — a single zero group too, which inet_ntop keeps
// (RFC 5952 §4.2.2 says not to compress it; bgpdump does: 1::1:1:1:1:1:1).
char* put_ipv6(char* p, const std::uint8_t* a);

// "address|AS|": the peer fields every line has, at `p` (room for 64 characters).
inline char* put_peer(char* p, bool ipv6, const std::uint8_t* address, std::uint32_t as) {
  p = ipv6 ? put_ipv6(p, address) : put_ipv4(p, address);
  *p++ = '|';
  p = put_u32(p, as);
  *p++ = '|';
  return p;
}

}  // namespace bgplens::mrt::bgpdump

#include "mrt/bgpdump_wire.h"

#include <array>

namespace bgplens::mrt::bgpdump {
namespace {

// "0".."255" with their lengths: a RIB line holds two or three IPv4 addresses, and a table
// lookup per octet is several times faster than dividing.
struct OctetText {
  char text[3];
  std::uint8_t size;
};
constexpr std::array<OctetText, 256> make_octets() {
  std::array<OctetText, 256> t{};
  for (unsigned v = 0; v < 256; ++v) {
    OctetText& o = t[v];
    if (v >= 100) {
      o = {{static_cast<char>('0' + v / 100), static_cast<char>('0' + v / 10 % 10),
            static_cast<char>('0' + v % 10)},
           3};
    } else if (v >= 10) {
      o = {{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10), 0}, 2};
    } else {
      o = {{static_cast<char>('0' + v), 0, 0}, 1};
    }
  }
  return t;
}
constexpr std::array<OctetText, 256> kOctets = make_octets();

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

char* put_ipv4(char* p, const std::uint8_t* a) {
  for (int i = 0; i < 4; ++i) {
    const OctetText& o = kOctets[a[i]];
    std::memcpy(p, o.text, 3);  // the unused bytes are overwritten by what follows
    p += o.size;
    *p++ = '.';
  }
  return p - 1;
}

char* put_ipv6(char* p, const std::uint8_t* a) {
  std::uint16_t g[8];
  for (int i = 0; i < 8; ++i)
    g[i] = load_be16(a + 2 * i);
  // IN6_IS_ADDR_V4MAPPED and IN6_IS_ADDR_V4COMPAT, as bgpdump tests them first.
  const bool first80_zero = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
  if (first80_zero && g[5] == 0xffff) return put_ipv4(put(p, "::ffff:"), a + 12);
  if (first80_zero && g[5] == 0 && load_be32(a + 12) > 1) return put_ipv4(put(p, "::"), a + 12);
  // The longest run of zero groups, the first one when several are as long; a run of one
  // counts.
  int best = -1;
  int best_length = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int end = i;
    while (end < 8 && g[end] == 0)
      ++end;
    if (end - i > best_length) {
      best = i;
      best_length = end - i;
    }
    i = end;
  }
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      if (i == 0) *p++ = ':';
      *p++ = ':';
      i += best_length - 1;
      continue;
    }
    const unsigned v = g[i];
    if (v >= 0x1000) *p++ = kHex[v >> 12];
    if (v >= 0x100) *p++ = kHex[(v >> 8) & 0xf];
    if (v >= 0x10) *p++ = kHex[(v >> 4) & 0xf];
    *p++ = kHex[v & 0xf];
    if (i != 7) *p++ = ':';
  }
  return p;
}

}  // namespace bgplens::mrt::bgpdump

// MRT records built byte by byte for the bgpdump -m formatter's tests (bgpdump_lines_test.cpp,
// bgpdump_lines_extra_test.cpp), and the formatter run over them.
#pragma once

#include <gtest/gtest.h>

#include <arpa/inet.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "mrt/bgpdump_lines.h"

namespace bgplens::mrt::craft {

using Data = std::vector<std::uint8_t>;

inline Data operator+(Data a, const Data& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
inline Data u8(unsigned v) {
  return {static_cast<std::uint8_t>(v)};
}
inline Data be16(unsigned v) {
  return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
inline Data be32(std::uint32_t v) {
  return be16(v >> 16) + be16(v & 0xffff);
}
inline Data ip(const char* text) {
  std::uint8_t b[16];
  if (inet_pton(AF_INET, text, b) == 1) return Data(b, b + 4);
  EXPECT_EQ(inet_pton(AF_INET6, text, b), 1) << text;
  return Data(b, b + 16);
}
// A path attribute (RFC 4271 §4.3), extended length when the value needs it.
inline Data attr(unsigned flags, unsigned code, const Data& value) {
  if (value.size() > 255) return u8(flags | 0x10) + u8(code) + be16(value.size()) + value;
  return u8(flags) + u8(code) + u8(value.size()) + value;
}
inline Data seg(unsigned type, std::initializer_list<std::uint32_t> asns, int width = 4) {
  Data d = u8(type) + u8(asns.size());
  for (std::uint32_t a : asns)
    d = d + (width == 4 ? be32(a) : be16(a));
  return d;
}
// "192.0.2.0/24" as NLRI: length in bits, then the octets that hold them.
inline Data pfx(const std::string& text) {
  const std::size_t slash = text.find('/');
  const unsigned length = std::stoul(text.substr(slash + 1));
  const Data address = ip(text.substr(0, slash).c_str());
  return u8(length) + Data(address.begin(), address.begin() + (length + 7) / 8);
}
inline Data with_id(std::uint32_t id, const Data& nlri) {
  return be32(id) + nlri;
}
// A BGP UPDATE with its header (RFC 4271 §4.1, §4.3).
inline Data update(const Data& withdrawn, const Data& attrs, const Data& nlri) {
  const Data body = be16(withdrawn.size()) + withdrawn + be16(attrs.size()) + attrs + nlri;
  return Data(16, 0xff) + be16(19 + body.size()) + u8(2) + body;
}
// The BGP4MP header (RFC 6396 §4.4.2) before a message.
inline Data bgp4mp_peers(bool as4, const char* peer = "10.0.0.1", const char* local = "10.0.0.2") {
  const Data p = ip(peer);
  return (as4 ? be32(65001) + be32(65002) : be16(65001) + be16(65002)) + be16(0) +
         be16(p.size() == 4 ? 1 : 2) + p + ip(local);
}
// An MRT record (RFC 6396 §2–3); `usec` makes it a BGP4MP_ET record's extended header.
inline Data record(std::uint32_t time, unsigned type, unsigned subtype, const Data& body,
                   std::optional<std::uint32_t> usec = std::nullopt) {
  if (usec)
    return be32(time) + be16(type) + be16(subtype) + be32(body.size() + 4) + be32(*usec) + body;
  return be32(time) + be16(type) + be16(subtype) + be32(body.size()) + body;
}
inline Data message(std::uint32_t time, unsigned subtype, const Data& msg, bool as4 = true,
                    const char* peer = "10.0.0.1", const char* local = "10.0.0.2",
                    std::optional<std::uint32_t> usec = std::nullopt) {
  return record(time, usec ? 17 : 16, subtype, bgp4mp_peers(as4, peer, local) + msg, usec);
}

inline const Data kOrigin = attr(0x40, 1, u8(0));
inline const Data kPath = attr(0x40, 2, seg(2, {65001, 65002}));
inline const Data kNextHop = attr(0x40, 3, ip("10.0.0.9"));

// PEER_INDEX_TABLE (RFC 6396 §4.3.1): an IPv4 peer with a 2-octet AS, an IPv6 one with a
// 4-octet AS.
inline Data peer_table() {
  const Data body = ip("1.2.3.4") + be16(4) + Data{'v', 'i', 'e', 'w'} + be16(2) + u8(0) +
                    ip("9.9.9.9") + ip("10.0.0.1") + be16(65001) + u8(3) + ip("9.9.9.9") +
                    ip("2001:db8::1") + be32(4200000000u);
  return record(3000, 13, 1, body);
}
struct Entry {
  unsigned peer;
  Data attrs;
  std::uint32_t path_id = 0;
};
// A RIB record (RFC 6396 §4.3.2, RFC 8050 §4 with path identifiers).
inline Data rib(unsigned subtype, const std::string& prefix, const std::vector<Entry>& entries,
                bool add_path = false) {
  Data body = be32(1) + pfx(prefix) + be16(entries.size());
  for (const Entry& e : entries) {
    body = body + be16(e.peer) + be32(12345) + (add_path ? be32(e.path_id) : Data{}) +
           be16(e.attrs.size()) + e.attrs;
  }
  return record(3001, 13, subtype, body);
}

struct Printed {
  std::string lines;
  std::vector<std::string> notes;    // told at once (damage, records cut short)
  std::vector<std::string> summary;  // told once per kind at the end
};

// Writes `file` to $BGPLENS_DUMP_CRAFTED/NAME.mrt, for running bgpdump on it.
inline void dump_for_bgpdump(const Data& file) {
  const char* dir = std::getenv("BGPLENS_DUMP_CRAFTED");
  if (!dir) return;
  const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::ofstream(std::string(dir) + "/" + name + ".mrt", std::ios::binary)
      .write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
}

inline Printed print(const Data& file) {
  dump_for_bgpdump(file);
  Printed p;
  RecordWalker walker;
  BgpdumpLines lines;
  const Bytes bytes(file.data(), file.size());
  for (Piece piece = walker.next(bytes, true); piece.kind != Piece::Kind::End;
       piece = walker.next(bytes, true)) {
    lines.add(piece, bytes.subspan(piece.offset, piece.length), p.lines);
    for (std::string& n : lines.take_notes())
      p.notes.push_back(std::move(n));
  }
  p.summary = lines.summary();
  return p;
}

}  // namespace bgplens::mrt::craft

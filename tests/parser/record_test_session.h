// The session the recorder tests write and read back (tests/parser/record_*_test.cpp,
// tests/e2e/record_tshark_test.cpp): OPENs both ways, KEEPALIVEs, UPDATEs of IPv4 and IPv6
// unicast (IPv4 with ADD-PATH negotiated from the peer only), a ROUTE-REFRESH, an UPDATE over
// one MSS, an extended-message UPDATE over 4096 octets, an End-of-RIB, a NOTIFICATION, and FSM
// state changes. The decoding contexts come from the two OPENs through negotiate(), as the
// live speaker gets them. And a recording opened and indexed again as the application does.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bgp/message_decoder.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "index/index_sink.h"
#include "index/source_file.h"
#include "index/source_indexer.h"
#include "record/index_rows.h"
#include "record/recorded_message.h"

namespace bgplens::record::test {

inline constexpr std::int64_t kT0 = 1'700'000'000LL * 1'000'000'000LL;
inline constexpr std::uint32_t kLocalAs = 4'200'000'001u;  // needs 4 octets (RFC 6793)
inline constexpr std::uint32_t kPeerAs = 65002;
inline constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

// Path identifiers of the first ADD-PATH UPDATE, in NLRI order.
inline const std::vector<std::uint32_t> kPathIds = {1, 2, 7};

inline RecordedSession sample_session(bool v6) {
  RecordedSession s;
  s.local = gen::endpoint(v6 ? "2001:db8::1" : "192.0.2.1", 50179);
  s.peer = gen::endpoint(v6 ? "2001:db8::2" : "192.0.2.2", 179);
  s.local_as = kLocalAs;
  s.peer_as = kPeerAs;
  s.local_id = 0xC0000201;
  s.peer_id = 0xC0000202;
  s.interface_index = 3;
  return s;
}

// An OPEN offering IPv4 and IPv6 unicast, extended messages (RFC 8654) and ADD-PATH for IPv4
// unicast in `add_path_mode` (RFC 7911 §4: 1 receive, 2 send, 3 both).
inline gen::ByteVector open_message(std::uint16_t my_as, std::uint32_t as, std::uint32_t bgp_id,
                                    std::uint8_t add_path_mode) {
  gen::OpenSpec o;
  o.my_as = my_as;
  o.as4 = as;
  o.bgp_id = bgp_id;
  o.multiprotocol = {kIpv4Unicast, kIpv6Unicast};
  o.add_path = {{kIpv4Unicast, add_path_mode}};
  o.extended_message = true;
  return gen::open(o);
}

// AS_TRANS in My AS: the real AS is in the capability (RFC 6793 §4.1). Send and receive.
inline gen::ByteVector local_open() {
  return open_message(23456, kLocalAs, 0xC0000201, 3);
}

// Send only: path ids flow peer → local alone.
inline gen::ByteVector peer_open() {
  return open_message(static_cast<std::uint16_t>(kPeerAs), kPeerAs, 0xC0000202, 2);
}

inline std::vector<gen::ByteVector> ipv4_attributes() {
  return {gen::origin(0), gen::as_path({{2, {kPeerAs, 4'200'000'009u}}}, true),
          gen::next_hop("192.0.2.2")};
}

inline gen::ByteVector ipv6_update(int prefixes, std::uint32_t first) {
  std::vector<gen::Prefix> nlri;
  for (int i = 0; i < prefixes; ++i) {
    char text[40];
    std::snprintf(text, sizeof text, "2001:db8:%x::/64", first + static_cast<unsigned>(i));
    nlri.push_back(gen::prefix(text));
  }
  return gen::update({{},
                      {gen::origin(0), gen::as_path({{2, {kPeerAs}}}, true),
                       gen::mp_reach(kIpv6Unicast, gen::ipv6("2001:db8::2"), nlri)},
                      {}});
}

inline gen::ByteVector ipv4_add_path_update(int prefixes) {
  std::vector<gen::Prefix> nlri;
  if (prefixes == 0) {
    nlri = {gen::prefix("10.1.0.0/16", kPathIds[0]), gen::prefix("10.1.0.0/16", kPathIds[1]),
            gen::prefix("10.2.0.0/24", kPathIds[2])};
  }
  for (int i = 0; i < prefixes; ++i)
    nlri.push_back(
        gen::prefix("10." + std::to_string(10 + i / 256) + "." + std::to_string(i % 256) + ".0/24",
                    static_cast<std::uint32_t>(100 + i)));
  return gen::update({{}, ipv4_attributes(), nlri});
}

// Contexts as both OPENs settle them (RFC 6793 §3, RFC 7911 §4, RFC 8654 §3).
inline void negotiate_contexts(RecordedSession& s, Bytes local, Bytes peer) {
  const DecodedMessage l = decode_message(local, PeerContext{}, Depth::Summary);
  const DecodedMessage p = decode_message(peer, PeerContext{}, Depth::Summary);
  s.sent = negotiate(&*l.open, 1, &*p.open, 2);
  s.received = negotiate(&*p.open, 2, &*l.open, 1);
}

inline Recording sample_recording(bool v6) {
  Recording r;
  r.session = sample_session(v6);
  const gen::ByteVector open_l = local_open();
  const gen::ByteVector open_p = peer_open();
  negotiate_contexts(r.session, open_l, open_p);
  std::int64_t t = kT0 + 123'456'789;  // sub-microsecond digits: truncated by MRT
  auto state = [&](std::uint16_t from, std::uint16_t to) {
    r.events.emplace_back(RecordedStateChange{t, from, to});
    t += 1'000'001;
  };
  auto msg = [&](Direction d, gen::ByteVector bytes) {
    r.events.emplace_back(RecordedMessage{t, d, std::move(bytes)});
    t += 2'500'007;
  };
  using enum Direction;
  state(1, 2);  // Idle → Connect
  state(2, 4);  // Connect → OpenSent
  msg(Sent, open_l);
  msg(Received, open_p);
  state(4, 5);  // OpenSent → OpenConfirm
  msg(Sent, gen::keepalive());
  msg(Received, gen::keepalive());
  state(5, 6);  // OpenConfirm → Established
  msg(Received, ipv4_add_path_update(0));
  msg(Received, ipv6_update(2, 1));
  msg(Sent, gen::route_refresh(kIpv4Unicast));
  msg(Sent, gen::update({{}, ipv4_attributes(), {gen::prefix("198.51.100.0/24")}}));
  msg(Received, ipv4_add_path_update(250));  // about 2000 octets: two segments
  msg(Received, ipv6_update(600, 100));      // about 5500 octets: RFC 8654 only
  msg(Received, gen::update({}));            // End-of-RIB for IPv4 unicast (RFC 4724 §2)
  msg(Received, gen::keepalive());
  msg(Sent, gen::notification(6, 2));  // Cease, Administrative Shutdown (RFC 8203)
  state(6, 1);
  return r;
}

inline std::vector<const RecordedMessage*> messages_of(const Recording& r) {
  std::vector<const RecordedMessage*> out;
  for (const RecordedEvent& e : r.events)
    if (const auto* m = std::get_if<RecordedMessage>(&e)) out.push_back(m);
  return out;
}

// A path in the temporary directory named after the running test, removed when it goes.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("bgplens-record-" + std::to_string(::getpid()) + "-" + name)) {}
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// A file opened and indexed as the application does.
struct Indexed {
  std::shared_ptr<ByteStore> store;
  RecordCollector index;

  Bytes bytes(const MessageRecord& r) const { return store->view(r.address, r.length); }
  const PeerContext& context(const MessageRecord& r) const {
    return index.table.contexts.at(r.context);
  }
  const SessionInfo& session(const MessageRecord& r) const {
    return index.table.sessions.at(context(r).session);
  }
  // Row numbers of the BGP messages (what a recording keeps).
  std::vector<std::uint64_t> message_rows() const {
    std::vector<std::uint64_t> out;
    for (std::uint64_t n = 0; n < index.records.size(); ++n) {
      const MessageRecord& r = index.records[n];
      if (row_content(r, bytes(r)).kind == RowContent::Kind::Message) out.push_back(n);
    }
    return out;
  }
};

inline std::unique_ptr<Indexed> open_and_index(const std::string& path) {
  auto out = std::make_unique<Indexed>();
  auto store = open_source_file(path);
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error());
  if (!store) return out;
  out->store = *store;
  const auto stats = index_source(out->store, out->index);
  EXPECT_TRUE(stats.has_value());
  return out;
}

}  // namespace bgplens::record::test

// Our side of a session with a real daemon: a BgpConnection (active or passive, on loopback)
// reporting to the live tests' Recorder (tests/parser/live_test_support.h), and what the
// daemon sent, decoded again afterwards with the session's negotiated context at full depth so
// that a test can look at prefixes, path identifiers and attribute values by field key.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/message_decoder.h"
#include "daemons/daemon_harness.h"
#include "live/bgp_connection.h"
#include "parser/live_test_support.h"

namespace bgplens::daemons {

using live::testing::RecordedMessage;
using live::testing::Recorder;

inline constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};
inline constexpr Family kIpv4Vpn{afi::kIpv4, 128};       // RFC 4364 §4.3.4
inline constexpr Family kL2vpnEvpn{afi::kL2vpn, 70};     // RFC 7432 §7
inline constexpr Family kIpv4FlowSpec{afi::kIpv4, 133};  // RFC 8955 §4

// One UPDATE from the daemon, decoded at Depth::Tree with the negotiated context.
struct ReceivedUpdate {
  std::uint64_t index = 0;
  DecodedMessage decoded;
  // Every field of the tree by its filter key ("bgp.attr.as_path.asn", …), values in order.
  std::map<std::string, std::vector<std::string>, std::less<>> fields;

  std::vector<std::string> values(std::string_view key) const {
    const auto it = fields.find(key);
    return it == fields.end() ? std::vector<std::string>{} : it->second;
  }
  // The first value of `key`, or "" when the tree has no such field.
  std::string first(std::string_view key) const {
    const auto it = fields.find(key);
    return it == fields.end() || it->second.empty() ? std::string() : it->second.front();
  }
  // The entry for the NLRI whose text is `text`, announced or withdrawn.
  const NlriEntry* find(std::string_view text, NlriAction action) const {
    for (const NlriEntry& e : decoded.nlri) {
      if (e.text == text && e.action == action) return &e;
    }
    return nullptr;
  }
  // Every field of the tree, one "key = value" a line: what a failing check prints.
  std::string dump() const;
};

// Every UPDATE received so far, in order. Call under the recorder's lock (wait_for, locked).
std::vector<ReceivedUpdate> received_updates(const Recorder& r);
// The first received UPDATE that announces (or withdraws) an NLRI whose text starts with
// `text`, if any.
std::optional<ReceivedUpdate> update_with(const Recorder& r, std::string_view text,
                                          NlriAction action = NlriAction::Announce);
// The path identifiers (RFC 7911 §3) of the announcements of `text` received so far.
std::set<std::uint32_t> announced_path_ids(const Recorder& r, std::string_view text);
// The NOTIFICATION the daemon sent, decoded, if any.
std::optional<DecodedMessage> received_notification(const Recorder& r);
// Every NLRI text of the received UPDATEs, "+text" announced, "-text" withdrawn: for messages.
std::string nlri_summary(const Recorder& r);

// A read-only session with a daemon on loopback. Decodes at Depth::Detail as it goes (for the
// NLRI text). Stops the connection when it goes away and checks that no UPDATE was ever sent.
class LiveSession {
 public:
  LiveSession() = default;
  ~LiveSession();
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  // We connect to `host`:`port`. Empty on success, else why not.
  std::string connect(const live::SpeakerConfig& config, std::uint16_t port,
                      const std::string& host = "127.0.0.1");
  // We listen on `host` (a free port: listening_port()) for the daemon at `peer_host`.
  std::string listen(const live::SpeakerConfig& config, const std::string& host = "127.0.0.1",
                     const std::string& peer_host = "127.0.0.1");
  std::uint16_t listening_port() const { return connection_ ? connection_->listening_port() : 0; }

  bool wait_established(Millis timeout = 20s);
  // Waits until a received UPDATE announces (or withdraws) an NLRI starting with `text`.
  std::optional<ReceivedUpdate> wait_update(std::string_view text,
                                            NlriAction action = NlriAction::Announce,
                                            Millis timeout = 15s);
  // Waits until `count` different path identifiers were announced for `text`; those seen.
  std::set<std::uint32_t> wait_path_ids(std::string_view text, std::size_t count,
                                        Millis timeout = 15s);
  std::optional<live::Negotiated> negotiated();
  // Waits for the session to end (the daemon was stopped); the code and subcode of the
  // NOTIFICATION the daemon sent before it closed, if it sent one.
  std::optional<std::array<std::uint8_t, 2>> wait_closed_with_notification(Millis timeout = 15s);
  // The session has ended (the FSM is back in Idle for good).
  bool wait_finished(Millis timeout = 15s) { return connection_->wait_finished(timeout); }
  live::BgpConnection& connection() { return *connection_; }

  Recorder recorder;

 private:
  std::string start(const live::SpeakerConfig& config, live::FsmOptions fsm,
                    live::ConnectionOptions options);
  std::unique_ptr<live::BgpConnection> connection_;
};

// Our usual side: AS `local_as`, BGP identifier 10.0.0.1, the daemon's AS expected, hold time
// 30, IPv4 and IPv6 unicast plus `more_families`.
live::SpeakerConfig speaker(std::uint32_t local_as, std::uint32_t peer_as,
                            std::vector<Family> more_families = {});

}  // namespace bgplens::daemons

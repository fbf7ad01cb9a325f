// Test doubles for the live BGP speaker: a transport that records what the FSM asks of it, an
// observer that records what it reports (thread-safe, for the socket tests too), and an FSM
// harness with a fake clock. Every harness checks, when it goes away, that no UPDATE was ever
// sent: the speaker is read-only.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "gen/message_builder.h"
#include "live/bgp_fsm.h"

namespace bgplens::live::testing {

using namespace std::chrono_literals;
using gen::ByteVector;

inline constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

struct FakeTransport final : FsmTransport {
  int connects = 0;
  int listens = 0;
  int disconnects = 0;
  std::vector<ByteVector> sent;
  void connect() override { ++connects; }
  void listen() override { ++listens; }
  void send(Bytes bytes) override { sent.emplace_back(bytes.begin(), bytes.end()); }
  void disconnect() override { ++disconnects; }
};

struct RecordedMessage {
  std::uint64_t index = 0;
  Direction direction = Direction::Received;
  std::uint8_t type = 0;
  ByteVector bytes;
  TimePoint time{};
  std::int64_t wall_time_ns = 0;
  bool had_context = false;
  std::uint32_t announced = 0;    // from the decoded UPDATE
  std::vector<std::string> nlri;  // NLRI text (Depth::Detail and deeper)
};

class Recorder final : public SessionObserver {
 public:
  void on_message(const MessageEvent& m) override {
    RecordedMessage r{m.index,
                      m.direction,
                      m.type,
                      ByteVector(m.bytes.begin(), m.bytes.end()),
                      m.time,
                      m.wall_time_ns,
                      m.context != nullptr,
                      0,
                      {}};
    if (m.decoded) {
      r.announced = m.decoded->update.announced;
      for (const NlriEntry& e : m.decoded->nlri)
        r.nlri.push_back(e.text);
    }
    add([&] { messages.push_back(std::move(r)); });
  }
  void on_state(const StateChange& c) override {
    add([&] { states.push_back(c); });
  }
  void on_negotiated(const Negotiated& n) override {
    add([&] { negotiated.push_back(n); });
  }
  void on_error(const SessionError& e) override {
    add([&] { errors.push_back(e); });
  }

  // Waits (for the socket tests) until `done` holds for the records, or `timeout` passes.
  bool wait_for(const std::function<bool(const Recorder&)>& done,
                std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return done(*this); });
  }
  // A copy taken under the lock, for reading while the connection thread may still run.
  template <class F>
  auto locked(F&& f) {
    std::lock_guard lock(mutex_);
    return f(*this);
  }

  std::vector<RecordedMessage> messages;
  std::vector<StateChange> states;
  std::vector<Negotiated> negotiated;
  std::vector<SessionError> errors;

  std::vector<State> state_sequence() const {
    std::vector<State> s;
    for (const StateChange& c : states)
      s.push_back(c.to);
    return s;
  }
  std::size_t count(Direction d, std::uint8_t type) const {
    std::size_t n = 0;
    for (const RecordedMessage& m : messages)
      n += m.direction == d && m.type == type;
    return n;
  }
  bool has_error(ErrorKind kind) const {
    for (const SessionError& e : errors) {
      if (e.kind == kind) return true;
    }
    return false;
  }

 private:
  template <class F>
  void add(F&& f) {
    {
      std::lock_guard lock(mutex_);
      f();
    }
    cv_.notify_all();
  }
  std::mutex mutex_;
  std::condition_variable cv_;
};

// Our side: AS 65001, 10.0.0.1, hold time 90, IPv4 and IPv6 unicast, expecting AS 65002.
inline SpeakerConfig test_config() {
  SpeakerConfig c;
  c.local_as = 65001;
  c.peer_as = 65002;
  c.bgp_id = 0x0A000001;
  return c;
}

// The peer's OPEN: AS 65002, 10.0.0.2, hold time 90, 4-octet AS, IPv4 and IPv6 unicast.
inline gen::OpenSpec peer_spec() {
  gen::OpenSpec s;
  s.my_as = 65002;
  s.as4 = 65002;
  s.bgp_id = 0x0A000002;
  s.hold_time = 90;
  s.multiprotocol = {kIpv4Unicast, kIpv6Unicast};
  return s;
}

// An UPDATE announcing `prefix` with ORIGIN, AS_PATH (4-octet) and NEXT_HOP.
inline ByteVector simple_update(const std::string& prefix = "10.1.0.0/16") {
  gen::UpdateSpec u;
  u.attributes = {gen::origin(0), gen::as_path({{2, {65002}}}, true), gen::next_hop("192.0.2.1")};
  u.nlri = {gen::prefix(prefix)};
  return gen::update(u);
}

class FsmHarness {
 public:
  explicit FsmHarness(SpeakerConfig config = test_config(), FsmOptions options = {})
      : fsm(std::move(config), options, transport, recorder) {}
  ~FsmHarness() {
    // Read-only: not one UPDATE, whatever the test did; and every send was reported.
    for (const ByteVector& m : transport.sent) {
      EXPECT_GE(m.size(), 19u);
      if (m.size() >= 19) {
        EXPECT_NE(m[18], msg_type::kUpdate) << "an UPDATE was sent";
      }
    }
    EXPECT_EQ(recorder.count(Direction::Sent, msg_type::kUpdate), 0u);
    std::size_t reported_sent = 0;
    for (const RecordedMessage& m : recorder.messages)
      reported_sent += m.direction == Direction::Sent;
    EXPECT_EQ(reported_sent, transport.sent.size());
  }

  // Moves the fake clock on by `d`, ticking at every timer due on the way (as the poll loop
  // does), then at the end.
  void advance(std::chrono::milliseconds d) {
    const TimePoint end = now + d;
    for (int guard = 0; guard < 100000; ++guard) {
      const auto next = fsm.next_deadline();
      if (!next || *next > end) break;
      now = std::max(now, *next);
      fsm.tick(now);
    }
    now = end;
    fsm.tick(now);
  }
  void receive(const ByteVector& bytes) { fsm.bytes_received(now, bytes); }
  // Start, connect, the peer's OPEN and KEEPALIVE: Established.
  void establish(const gen::OpenSpec& peer = peer_spec()) {
    fsm.start(now);
    fsm.tcp_connected(now);
    receive(gen::open(peer));
    receive(gen::keepalive());
  }
  std::size_t sent_count() const { return transport.sent.size(); }
  const ByteVector& last_sent() const { return transport.sent.back(); }

  FakeTransport transport;
  Recorder recorder;
  BgpFsm fsm;
  TimePoint now = TimePoint{} + 1000h;
};

}  // namespace bgplens::live::testing

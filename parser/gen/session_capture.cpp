// write_session_capture (gen/bulk_capture.h): a discrete-event simulation of BGP peers
// talking to a route collector, written frame by frame in timestamp order.
//
// Each TCP connection produces its frames into a small heap of its own and keeps a clock: no
// frame it will ever produce is earlier than its clock. A frame at or before the clock is
// therefore final, and the writer always takes the earliest final frame over all connections,
// so the file is in timestamp order while nothing but a few frames per connection is held.
#include <algorithm>
#include <deque>
#include <limits>
#include <memory>
#include <queue>
#include <vector>

#include "gen/bulk_capture.h"
#include "gen/message_builder.h"
#include "gen/pcap_writer.h"
#include "gen/tcp_frames.h"

namespace bgplens::gen {
namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::uint32_t kCollectorAs = 65000;
constexpr Family kIpv6Unicast{afi::kIpv6, safi::kUnicast};

std::uint64_t mix(std::uint64_t x) {
  // splitmix64's finaliser: a fixed pseudo-random value per prefix slot.
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return mix(state_++); }
  std::uint32_t below(std::uint32_t n) { return n ? static_cast<std::uint32_t>(next() % n) : 0; }
  bool per_mille(std::uint32_t p) { return below(1000) < p; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::uint64_t state_;
};

// The route universe every peer draws from, one prefix per slot, so that all peers announce
// the same table (with their own paths), as on the Internet. Most are /24 (IPv4) and /48
// (IPv6); shorter ones cover their neighbours' more-specifics.
Prefix ipv4_slot(std::uint64_t k) {
  const std::uint32_t r = static_cast<std::uint32_t>(mix(k) % 100);
  const std::uint8_t len = r < 55 ? 24 : r < 65 ? 23 : r < 85 ? 22 : r < 90 ? 21 : r < 94 ? 20 : 19;
  // The first octet cycles through 1..222, so short prefixes rarely coincide.
  std::uint32_t addr = static_cast<std::uint32_t>((k % 222 + 1) << 24) |
                       (static_cast<std::uint32_t>((k / 222) << 10) & 0x00FFFC00u);
  addr &= ~0u << (32 - len);
  Prefix p;
  p.length = len;
  for (int i = 0; i < 4; ++i)
    p.address[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(addr >> (24 - 8 * i));
  return p;
}

Prefix ipv6_slot(std::uint64_t k) {
  const std::uint32_t r = static_cast<std::uint32_t>(mix(k ^ 0x66) % 100);
  const std::uint8_t len = r < 60 ? 48 : r < 70 ? 44 : r < 80 ? 40 : r < 85 ? 36 : 32;
  Prefix p;
  p.length = len;
  p.address[0] = 0x2A;
  p.address[1] = static_cast<std::uint8_t>(0x00 | ((k >> 32) & 0x0F));
  // The slot's low bits in the /32 part: short prefixes of different slots stay distinct.
  p.address[2] = static_cast<std::uint8_t>(k >> 8);
  p.address[3] = static_cast<std::uint8_t>(k);
  if (len > 32) {
    p.address[4] = static_cast<std::uint8_t>(k >> 24);
    p.address[5] = static_cast<std::uint8_t>(k >> 16);
    const std::uint32_t keep_bits = len - 32u;  // of bytes 4 and 5
    const std::uint16_t mask = static_cast<std::uint16_t>(0xFFFF << (16 - keep_bits));
    p.address[4] &= static_cast<std::uint8_t>(mask >> 8);
    p.address[5] &= static_cast<std::uint8_t>(mask);
  }
  return p;
}

// Transit networks that appear in the middle of paths.
constexpr std::uint32_t kTransit[] = {174,  1299, 2914, 3257, 3356, 6453, 6461,  6762,
                                      6830, 6939, 7018, 3491, 5511, 9002, 12956, 4637};

struct Speaker {
  std::uint32_t as = 0;
  Endpoint address;  // port set per connection
  ByteVector next_hop4;
  ByteVector next_hop6;
};

// One route announcement or withdrawal, as the speaker would send it.
ByteVector route_update(Rng& rng, const Speaker& sp, bool v6, std::uint64_t first_slot,
                        std::uint32_t count, bool withdraw) {
  std::vector<Prefix> prefixes;
  prefixes.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i)
    prefixes.push_back(v6 ? ipv6_slot(first_slot + i) : ipv4_slot(first_slot + i));
  if (withdraw) {
    if (v6) return update({{}, {mp_unreach(kIpv6Unicast, prefixes)}, {}});
    return update({prefixes, {}, {}});
  }
  std::vector<std::uint32_t> path{sp.as};
  for (std::uint32_t h = 0, hops = rng.below(4); h < hops; ++h)
    path.push_back(kTransit[rng.below(std::size(kTransit))]);
  // The origin belongs to the prefix, whoever announces it; some are 4-octet ASes.
  const std::uint64_t m = mix(first_slot ^ (v6 ? 0xABCDu : 0u));
  path.push_back(m % 5 == 0 ? 200000 + static_cast<std::uint32_t>(m % 200000)
                            : 1000 + static_cast<std::uint32_t>(m % 60000));
  if (rng.below(8) == 0) path.insert(path.begin() + 1, 2, sp.as);  // prepending
  std::vector<ByteVector> attrs{origin(rng.below(10) == 0 ? 2 : 0), as_path({{2, path}}, true)};
  if (!v6) attrs.push_back(attribute(0x40, 3, sp.next_hop4));
  if (rng.below(3) == 0) attrs.push_back(med(rng.below(1000)));
  std::vector<std::uint32_t> comms;
  for (std::uint32_t c = 0, n = rng.below(5); c < n; ++c)
    comms.push_back((sp.as & 0xFFFF) << 16 | (rng.below(50) * 10 + 100));
  if (!comms.empty()) attrs.push_back(communities(comms));
  if (v6) {
    attrs.insert(attrs.begin(), mp_reach(kIpv6Unicast, sp.next_hop6, prefixes));
    return update({{}, attrs, {}});
  }
  return update({{}, attrs, prefixes});
}

// 1 prefix half the time, up to 30 now and then (attribute sets are shared by few prefixes).
std::uint32_t prefixes_per_update(Rng& rng) {
  const std::uint32_t r = rng.below(100);
  if (r < 50) return 1;
  if (r < 80) return 2 + rng.below(3);
  if (r < 95) return 5 + rng.below(6);
  return 11 + rng.below(20);
}

enum class Ending { NotificationCease, HoldTimerExpired, Fin, Rst, Shutdown };

struct QueuedFrame {
  std::int64_t time;
  std::uint64_t order;  // ties keep the order of production
  ByteVector record;
  bool operator>(const QueuedFrame& o) const {
    return time != o.time ? time > o.time : order > o.order;
  }
};

struct Budget {
  std::uint64_t bytes = 0;     // 0: no limit
  std::uint64_t messages = 0;  // 0: no limit
};

enum class Phase { Table, Churn };

// One direction's sender: the bytes it has queued and what it does next.
struct Side {
  Endpoint ep;
  std::uint32_t seq = 0;
  std::uint16_t ip_id = 0;
  ByteVector pending;  // messages not yet put in segments, from `sent`
  std::size_t sent = 0;
  std::uint64_t stream_pos = 0;                                // stream offset of pending[sent]
  std::deque<std::pair<std::uint64_t, std::uint64_t>> starts;  // messages not yet begun on the wire
  Phase phase = Phase::Table;
  std::uint64_t table_total = 0;  // prefixes of the table
  std::uint64_t table_sent = 0;
  std::uint64_t table_v6_slot = 0;
  std::uint64_t table_v4_slot = 0;
  std::int64_t next = kNever;  // when this side acts next
  std::int64_t next_keepalive = kNever;
  std::int64_t next_burst = kNever;
  std::int64_t burst_mean = kSecond;
  std::uint32_t unacked = 0;
  std::uint64_t bursts = 0;
  bool has_pending() const { return sent < pending.size(); }
};

class Connection {
 public:
  Connection(const SessionCaptureSpec& spec, SessionCaptureSummary& summary, Rng rng, Speaker peer,
             Speaker collector, std::int64_t start, std::int64_t rtt, std::uint64_t table,
             Budget budget, Ending ending)
      : spec_(spec),
        sum_(summary),
        rng_(rng),
        sp_{std::move(peer), std::move(collector)},
        start_(start),
        rtt_(rtt),
        table_(table),
        budget_(budget),
        ending_(ending) {
    side_[0].ep = sp_[0].address;
    side_[1].ep = sp_[1].address;
    side_[0].seq = static_cast<std::uint32_t>(rng_.next());
    side_[1].seq = static_cast<std::uint32_t>(rng_.next());
    side_[0].ip_id = static_cast<std::uint16_t>(rng_.next());
    side_[1].ip_id = static_cast<std::uint16_t>(rng_.next());
  }

  // Steps until a frame is final (or the connection is over). False: nothing left.
  bool ready() {
    while (!done_ && (heap_.empty() || heap_.top().time > clock()))
      step();
    return !heap_.empty();
  }
  std::int64_t head_time() const { return heap_.top().time; }
  ByteVector pop() {
    // The heap's top is const; it is moved out just before pop() destroys it.
    ByteVector r = std::move(const_cast<QueuedFrame&>(heap_.top()).record);
    heap_.pop();
    return r;
  }
  std::int64_t end_time() const { return end_time_; }

 private:
  std::int64_t clock() const {
    if (done_) return kNever;
    if (!started_) return start_;
    // Closing, once both sides' queued bytes are out: the close comes 50 ms after the last.
    if (closing_ && !side_[0].has_pending() && !side_[1].has_pending())
      return last_data_ + 50 * kMs;
    return std::min(side_[0].next, side_[1].next);
  }

  void emit(int d, std::int64_t t, std::uint8_t flags, Bytes payload, std::uint32_t seq) {
    Side& s = side_[d];
    TcpFrame f{&s.ep, &side_[1 - d].ep, seq, side_[1 - d].seq, flags, s.ip_id++, 65535, payload};
    ByteVector rec;
    append_tcp_record(rec, t, f);
    bytes_ += rec.size();
    heap_.push(QueuedFrame{t, order_++, std::move(rec)});
  }

  void queue_message(int d, const ByteVector& m) {
    Side& s = side_[d];
    const std::uint64_t start = s.stream_pos + (s.pending.size() - s.sent);
    s.starts.emplace_back(start, start + m.size());
    s.pending.insert(s.pending.end(), m.begin(), m.end());
    ++sum_.messages[m[18]];
    ++messages_;
    if ((budget_.messages && messages_ >= budget_.messages) ||
        (budget_.bytes && bytes_ >= budget_.bytes))
      closing_ = true;
  }

  // One segment of at most the MSS from side d at t; the receiver ACKs every second one.
  void send_segment(int d, std::int64_t t) {
    Side& s = side_[d];
    const std::size_t n = std::min<std::size_t>(spec_.mss, s.pending.size() - s.sent);
    const Bytes seg(s.pending.data() + s.sent, n);
    const std::uint64_t end = s.stream_pos + n;
    while (!s.starts.empty() && s.starts.front().first < end) {
      if (s.starts.front().second > end) ++sum_.spanning;
      s.starts.pop_front();
    }
    emit(d, t, tcp_flags::kPsh | tcp_flags::kAck, seg, s.seq);
    ++sum_.data_segments;
    if (rng_.per_mille(spec_.retransmit_per_mille)) {
      // The same bytes again, as after a lost ACK: the receiver must deliver them once.
      emit(d, t + std::max<std::int64_t>(3 * rtt_, 2 * kMs), tcp_flags::kPsh | tcp_flags::kAck, seg,
           s.seq);
      ++sum_.retransmitted_segments;
      sum_.retransmitted_bytes += n;
    }
    last_data_ = std::max(last_data_, t);
    s.seq += static_cast<std::uint32_t>(n);
    s.sent += n;
    s.stream_pos = end;
    if (s.sent == s.pending.size()) {
      s.pending.clear();
      s.sent = 0;
    } else if (s.sent > (1u << 16)) {
      s.pending.erase(s.pending.begin(), s.pending.begin() + static_cast<std::ptrdiff_t>(s.sent));
      s.sent = 0;
    }
    if (++s.unacked >= 2 || !s.has_pending()) {
      emit(1 - d, t + rtt_ / 2 + 20'000, tcp_flags::kAck, {}, side_[1 - d].seq);
      s.unacked = 0;
    }
  }

  void send_now(int d, const ByteVector& m, std::int64_t t) {
    queue_message(d, m);
    while (side_[d].has_pending()) {
      send_segment(d, t);
      t += 30'000;
    }
  }

  // SYN, SYN-ACK, ACK; both OPENs; both KEEPALIVEs confirming them.
  void start() {
    started_ = true;
    std::int64_t t = start_;
    emit(0, t, tcp_flags::kSyn, {}, side_[0].seq++);
    emit(1, t + rtt_ / 2, tcp_flags::kSyn | tcp_flags::kAck, {}, side_[1].seq++);
    emit(0, t + rtt_, tcp_flags::kAck, {}, side_[0].seq);
    t += rtt_ + 200'000;
    for (int d = 0; d < 2; ++d) {
      OpenSpec o;
      const std::uint32_t as = sp_[d].as;
      o.as4 = as;
      o.my_as = static_cast<std::uint16_t>(as > 65535 ? 23456 : as);  // AS_TRANS (RFC 6793)
      o.hold_time = d == 0 && as % 3 == 0 ? 180 : 90;
      o.bgp_id = 0x0A000000u | (as & 0xFFFF);
      o.multiprotocol = {kIpv4Unicast, kIpv6Unicast};
      o.enhanced_route_refresh = d == 1;
      if (as % 2 == 0) o.graceful_restart = GracefulRestart{120, false, true, {kIpv4Unicast}};
      send_now(d, open(o), t + d * (rtt_ / 2 + 300'000));
    }
    t += rtt_ + kMs;
    send_now(0, keepalive(), t);
    send_now(1, keepalive(), t + rtt_ / 2);
    t += rtt_ + kMs;
    for (int d = 0; d < 2; ++d) {
      Side& s = side_[d];
      s.table_total = d == 0 ? table_ : std::max<std::uint64_t>(1, table_ / 20);
      s.phase = Phase::Table;
      s.next = t + d * 3 * kMs;
      s.next_keepalive = t + 30 * kSecond;
      s.burst_mean = d == 0 ? kSecond / 2 : 5 * kSecond;
    }
  }

  void fill_table(int d) {
    Side& s = side_[d];
    Speaker& sp = sp_[d];
    while (s.pending.size() - s.sent < spec_.mss && s.table_sent < s.table_total && !closing_) {
      const std::uint32_t n = static_cast<std::uint32_t>(
          std::min<std::uint64_t>(prefixes_per_update(rng_), s.table_total - s.table_sent));
      const bool v6 = rng_.below(100) < 15;
      std::uint64_t& slot = v6 ? s.table_v6_slot : s.table_v4_slot;
      queue_message(d, route_update(rng_, sp, v6, slot, n, false));
      slot += n;
      s.table_sent += n;
    }
    if (s.table_sent >= s.table_total && !closing_) {
      // End-of-RIB for both families (RFC 4724 §2), and on to updates over time.
      queue_message(d, update({}));
      queue_message(d, update({{}, {mp_unreach(kIpv6Unicast, {})}, {}}));
      s.phase = Phase::Churn;
    }
  }

  void burst(int d) {
    Side& s = side_[d];
    // The collector asks for the peer's routes again now and then (a policy change, RFC 2918),
    // often right after the initial transfer.
    if (d == 1 && (rng_.below(300) == 0 || (s.bursts == 0 && rng_.below(2) == 0))) {
      ++s.bursts;
      queue_message(d, route_refresh(rng_.below(2) ? kIpv4Unicast : kIpv6Unicast));
      return;
    }
    ++s.bursts;
    const std::uint32_t r = rng_.below(100);
    const std::uint32_t count = r < 70 ? 1 + rng_.below(3) : r < 95 ? 4 + rng_.below(9) : 13;
    const std::uint64_t v4_slots = std::max<std::uint64_t>(1, s.table_v4_slot);
    const std::uint64_t v6_slots = std::max<std::uint64_t>(1, s.table_v6_slot);
    for (std::uint32_t i = 0; i < count && !closing_; ++i) {
      const bool v6 = rng_.below(100) < 15;
      const std::uint64_t slot = rng_.next() % (v6 ? v6_slots : v4_slots);
      queue_message(d,
                    route_update(rng_, sp_[d], v6, slot, 1 + rng_.below(3), rng_.below(100) < 30));
    }
  }

  // One action of the side that acts first. Nothing is produced ahead of the step's time:
  // what one side sends may depend on what the other side sent before it (the ACK numbers).
  void step() {
    if (!started_) return start();
    if (closing_ && !side_[0].has_pending() && !side_[1].has_pending()) return close();
    const int d = side_[0].next <= side_[1].next ? 0 : 1;
    Side& s = side_[d];
    const std::int64_t t = s.next;
    if (!closing_ && s.phase == Phase::Table) {
      // Top up to a full segment first (Nagle, RFC 9293 §3.7.4): a transfer sends full ones.
      fill_table(d);
      if (s.phase == Phase::Churn) s.next_burst = t + s.burst_mean;
    } else if (!closing_ && !s.has_pending()) {
      const std::int64_t due = std::min(s.next_keepalive, s.next_burst);
      if (due > t) {
        s.next = due;  // idle until then
        return;
      }
      if (s.next_keepalive <= s.next_burst) {
        queue_message(d, keepalive());
        s.next_keepalive = t + 30 * kSecond;
      } else {
        burst(d);
        s.next_burst = t + 1 + rng_.between(0, 2 * s.burst_mean);
      }
    }
    if (s.has_pending()) {
      send_segment(d, t);
      // A table transfer streams (window-limited, about 200 Mbit/s); an update burst goes out
      // back to back.
      s.next = t + (s.phase == Phase::Table ? rng_.between(40'000, 80'000) : 15'000);
      if (rng_.below(500) == 0) s.next += rng_.between(kMs, 20 * kMs);  // a stall
    } else {
      // Closing: nothing more to send; the close waits for the other side's bytes.
      s.next = closing_ ? kNever : t + 15'000;
    }
  }

  void fin_exchange(int closer, std::int64_t t) {
    emit(closer, t, tcp_flags::kFin | tcp_flags::kAck, {}, side_[closer].seq++);
    emit(1 - closer, t + rtt_ / 2 + 100'000, tcp_flags::kFin | tcp_flags::kAck, {},
         side_[1 - closer].seq++);
    emit(closer, t + rtt_ + 200'000, tcp_flags::kAck, {}, side_[closer].seq);
    end_time_ = t + rtt_ + 200'000;
  }

  void close() {
    const std::int64_t t = clock();
    switch (ending_) {
      case Ending::Shutdown:  // Cease, Administrative Shutdown (RFC 4486 §4)
      case Ending::NotificationCease: {
        const std::uint8_t sub = ending_ == Ending::Shutdown ? 2 : 4;
        send_now(0, notification(6, sub), t);
        fin_exchange(0, t + kMs);
        ++sum_.notification_ends;
        break;
      }
      case Ending::HoldTimerExpired:  // the collector gave up on a silent peer
        send_now(1, notification(4, 0), t);
        fin_exchange(1, t + kMs);
        ++sum_.notification_ends;
        break;
      case Ending::Fin:
        fin_exchange(0, t);
        ++sum_.fin_ends;
        break;
      case Ending::Rst:
        emit(0, t, tcp_flags::kRst | tcp_flags::kAck, {}, side_[0].seq);
        end_time_ = t;
        ++sum_.rst_ends;
        break;
    }
    done_ = true;
  }

  const SessionCaptureSpec& spec_;
  SessionCaptureSummary& sum_;
  Rng rng_;
  Speaker sp_[2];
  Side side_[2];
  std::int64_t start_;
  std::int64_t rtt_;
  std::uint64_t table_;
  Budget budget_;
  Ending ending_;
  std::priority_queue<QueuedFrame, std::vector<QueuedFrame>, std::greater<>> heap_;
  std::uint64_t order_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t messages_ = 0;
  bool started_ = false;
  bool closing_ = false;
  bool done_ = false;
  std::int64_t last_data_ = 0;
  std::int64_t end_time_ = 0;
};

struct Peer {
  Speaker speaker;
  Speaker collector;
  std::uint32_t connections_left = 1;
  std::uint16_t next_port = 0;
  std::int64_t rtt = 0;
};

// Peers 1 and 5 (of 8) reconnect twice, 3 and 7 once: "a few reconnects".
std::uint32_t connections_of(std::uint32_t peer) {
  return peer % 4 == 1 ? 3 : peer % 4 == 3 ? 2 : 1;
}

Peer make_peer(std::uint32_t i, Rng& rng) {
  Peer p;
  const bool v6 = i % 4 == 2;  // some sessions run over IPv6
  p.speaker.as = i % 3 == 0 ? 4200000000u + i : 64600 + i;
  p.collector.as = kCollectorAs;
  const std::string n = std::to_string(i % 250 + 2);
  p.speaker.address = v6 ? endpoint("2001:db8:ffff::" + n, 0)
                         : endpoint("10.0." + std::to_string(i / 250) + "." + n, 0);
  p.collector.address = v6 ? endpoint("2001:db8:ffff::1", 179) : endpoint("10.0.255.1", 179);
  p.speaker.next_hop4 = ipv4("10.1." + std::to_string(i / 250) + "." + n);
  p.speaker.next_hop6 = ipv6("2001:db8:1::" + n);
  p.collector.next_hop4 = ipv4("10.0.255.1");
  p.collector.next_hop6 = ipv6("2001:db8:ffff::1");
  p.connections_left = connections_of(i);
  p.next_port = static_cast<std::uint16_t>(32768 + rng.below(20000));
  p.rtt = rng.between(200'000, 20 * kMs);
  return p;
}

}  // namespace

std::uint64_t SessionCaptureSummary::total_messages() const {
  std::uint64_t n = 0;
  for (std::uint64_t m : messages)
    n += m;
  return n;
}

bool write_session_capture(const SessionCaptureSpec& spec, const ChunkSink& sink,
                           SessionCaptureSummary& summary) {
  summary = SessionCaptureSummary{};
  Rng rng(spec.seed);
  const std::uint32_t peers = std::max<std::uint32_t>(1, spec.peers);
  std::vector<Peer> peer;
  std::uint64_t connections = 0;
  for (std::uint32_t i = 0; i < peers; ++i) {
    peer.push_back(make_peer(i, rng));
    connections += peer.back().connections_left;
  }
  Budget budget;
  budget.bytes = spec.target_bytes / connections;
  budget.messages = spec.target_messages / connections;
  if (!spec.target_bytes && !spec.target_messages) budget.messages = 10000;
  // About 110 bytes of file per message over a whole connection (measured).
  const std::uint64_t messages_each =
      budget.messages ? budget.messages : std::max<std::uint64_t>(1, budget.bytes / 110);
  const std::uint64_t table = spec.table_prefixes
                                  ? spec.table_prefixes
                                  : std::max<std::uint64_t>(10, messages_each * 4 / 10 * 7 / 2);

  auto connect = [&](Peer& p, std::int64_t start) {
    p.speaker.address.port = p.next_port++;
    --p.connections_left;
    ++summary.connections;
    const std::uint32_t r = rng.below(100);
    const Ending ending = p.connections_left == 0 ? Ending::Shutdown
                          : r < 40                ? Ending::NotificationCease
                          : r < 65                ? Ending::HoldTimerExpired
                          : r < 90                ? Ending::Fin
                                                  : Ending::Rst;
    return std::make_unique<Connection>(spec, summary, Rng(rng.next()), p.speaker, p.collector,
                                        start, p.rtt, table, budget, ending);
  };

  ByteVector out;
  out.reserve((1u << 20) + 65536);
  append_pcap_header(out);
  std::vector<std::unique_ptr<Connection>> conn(peers);
  // Min-heap of (earliest final frame, connection).
  using Entry = std::pair<std::int64_t, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> ready;
  const std::int64_t t0 = 1'700'000'000LL * kSecond;
  for (std::uint32_t i = 0; i < peers; ++i) {
    conn[i] = connect(peer[i], i == 0 ? t0 : t0 + rng.between(0, 2 * kSecond));
    if (conn[i]->ready()) ready.emplace(conn[i]->head_time(), i);
  }
  bool ok = true;
  while (!ready.empty()) {
    const std::uint32_t i = ready.top().second;
    ready.pop();
    const ByteVector rec = conn[i]->pop();
    out.insert(out.end(), rec.begin(), rec.end());
    ++summary.frames;
    if (out.size() >= (1u << 20)) {
      summary.bytes += out.size();
      if (!(ok = sink(out))) break;
      out.clear();
    }
    bool more = conn[i]->ready();
    if (!more && peer[i].connections_left > 0) {
      // The peer comes back after a while (its next connection attempt, RFC 4271 §8).
      conn[i] = connect(peer[i], conn[i]->end_time() + rng.between(2 * kSecond, 60 * kSecond));
      more = conn[i]->ready();
    }
    if (more) ready.emplace(conn[i]->head_time(), i);
  }
  if (ok && !out.empty()) {
    summary.bytes += out.size();
    ok = sink(out);
  }
  return ok;
}

ByteVector make_session_capture(const SessionCaptureSpec& spec, SessionCaptureSummary* summary) {
  ByteVector all;
  SessionCaptureSummary local;
  write_session_capture(
      spec,
      [&all](Bytes piece) {
        all.insert(all.end(), piece.begin(), piece.end());
        return true;
      },
      summary ? *summary : local);
  return all;
}

}  // namespace bgplens::gen

#include "record/pcapng_recorder.h"

#include <algorithm>

#include "gen/tcp_frames.h"

namespace bgplens::record {
namespace {

namespace flag = gen::tcp_flags;

// pcapng block types and option codes (draft-ietf-opsawg-pcapng §4.1–4.3, §3.5).
constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr std::uint32_t kInterfaceDescription = 0x00000001;
constexpr std::uint32_t kEnhancedPacket = 0x00000006;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint16_t kShbUserAppl = 4;
constexpr std::uint16_t kIfName = 2;
constexpr std::uint16_t kIfTsresol = 9;
constexpr std::uint16_t kLinktypeEthernet = 1;
constexpr std::uint32_t kSnapLength = 262144;

constexpr int kLocal = 0;
constexpr int kPeer = 1;

int side_of(Direction d) {
  return d == Direction::Sent ? kLocal : kPeer;
}

void pad4(gen::ByteWriter& w) {
  while (w.size() % 4)
    w.u8(0);
}

void option(gen::ByteWriter& w, std::uint16_t code, Bytes value) {
  w.le16(code).le16(static_cast<std::uint16_t>(value.size())).bytes(value);
  pad4(w);
}

Bytes text(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// A block: type, total length, body (a multiple of 4 octets), total length again (§3.1).
void block(gen::ByteWriter& out, std::uint32_t type, const gen::ByteVector& body) {
  const auto total = static_cast<std::uint32_t>(12 + body.size());
  out.le32(type).le32(total).bytes(body).le32(total);
}

// FNV-1a: initial sequence numbers and MAC addresses that differ between connections and
// hosts, yet are the same on every run (the recordings are reproducible).
std::uint32_t fnv(Bytes data, std::uint32_t h = 2166136261u) {
  for (std::uint8_t b : data)
    h = (h ^ b) * 16777619u;
  return h;
}

std::uint32_t fnv(const Endpoint& e, std::uint32_t h = 2166136261u) {
  h = fnv(Bytes(e.address.bytes.data(), e.address.bytes.size()), h);
  const std::uint8_t port[2] = {static_cast<std::uint8_t>(e.port >> 8),
                                static_cast<std::uint8_t>(e.port)};
  return fnv(port, h);
}

// A locally administered unicast MAC address (IEEE 802: bit 1 of the first octet set, bit 0
// clear) named after the host's IP address.
gen::Mac mac_of(const IpAddress& a) {
  const std::uint32_t h = fnv(Bytes(a.bytes.data(), a.bytes.size()));
  return {0x02,
          0x42,
          static_cast<std::uint8_t>(h >> 24),
          static_cast<std::uint8_t>(h >> 16),
          static_cast<std::uint8_t>(h >> 8),
          static_cast<std::uint8_t>(h)};
}

}  // namespace

Expected<PcapngRecorder> PcapngRecorder::create(const std::string& path,
                                                PcapngRecorderOptions options) {
  auto file = RecordFile::create(path, options.flush_interval);
  if (!file) return unexpected(file.error());
  PcapngRecorder r(std::move(*file), options);
  gen::ByteWriter body;
  // Section Header Block (§4.1): byte-order magic, version 1.0, section length unknown (-1).
  body.le32(kByteOrderMagic).le16(1).le16(0).le32(0xFFFFFFFF).le32(0xFFFFFFFF);
  option(body, kShbUserAppl, text("BGP Lens"));
  body.le32(0);  // opt_endofopt
  block(r.blocks_, kSectionHeader, body.data());
  // Interface Description Block (§4.2): Ethernet, and the timestamp unit (if_tsresol: 10^-9 or
  // 10^-6 seconds).
  body.data().clear();
  body.le16(kLinktypeEthernet).le16(0).le32(kSnapLength);
  option(body, kIfName, text("bgplens-recording"));
  const std::uint8_t resolution = options.resolution == TimestampResolution::Nanoseconds ? 9 : 6;
  option(body, kIfTsresol, Bytes(&resolution, 1));
  body.le32(0);
  block(r.blocks_, kInterfaceDescription, body.data());
  if (!r.put() || !r.file_.flush()) return unexpected(r.file_.error());
  return r;
}

PcapngRecorder::PcapngRecorder(RecordFile file, PcapngRecorderOptions options)
    : file_(std::move(file)), options_(options) {}

std::uint16_t PcapngRecorder::mss_for(const Endpoint& e) const {
  // A 1500-octet MTU less the IP and TCP headers (RFC 9293 §3.7.1).
  if (options_.mss) return options_.mss;
  return e.address.version == 6 ? 1440 : 1460;
}

bool PcapngRecorder::fail(std::string why) {
  blocks_.data().clear();
  error_ = std::move(why);
  return false;
}

bool PcapngRecorder::put() {
  const bool ok = file_.write(blocks_.data());
  blocks_.data().clear();
  return ok || fail(file_.error());
}

void PcapngRecorder::frame(Connection& c, int side, std::int64_t time_ns, std::uint8_t flags,
                           Bytes payload, std::uint16_t mss) {
  const int other = 1 - side;
  gen::EthernetTcp s;
  s.src = &c.ends[side];
  s.dst = &c.ends[other];
  s.src_mac = c.macs[side];
  s.dst_mac = c.macs[other];
  s.seq = c.next_seq[side];
  s.ack = c.next_seq[other];
  s.flags = flags;
  s.ip_id = c.ip_id[side]++;
  s.mss = mss;
  s.payload = payload;
  scratch_.clear();
  gen::append_tcp_frame(scratch_, s);
  // Enhanced Packet Block (§4.3): interface 0, the timestamp in if_tsresol units as two 32-bit
  // halves, captured and original lengths (the whole frame), the frame padded to 4 octets.
  const auto ticks = static_cast<std::uint64_t>(
      options_.resolution == TimestampResolution::Nanoseconds ? time_ns : time_ns / 1000);
  const auto length = static_cast<std::uint32_t>(scratch_.size());
  const std::uint32_t padded = (length + 3) & ~3u;
  blocks_.le32(kEnhancedPacket).le32(32 + padded).le32(0);
  blocks_.le32(static_cast<std::uint32_t>(ticks >> 32)).le32(static_cast<std::uint32_t>(ticks));
  blocks_.le32(length).le32(length).bytes(scratch_);
  pad4(blocks_);
  blocks_.le32(32 + padded);
  latest_ns_ = std::max(latest_ns_, time_ns);
  ++stats_.frames;
}

void PcapngRecorder::open(const RecordedSession& session, Connection& c, std::int64_t t) {
  c.ends[kLocal] = session.local;
  c.ends[kPeer] = session.peer;
  c.macs[kLocal] = mac_of(session.local.address);
  c.macs[kPeer] = mac_of(session.peer.address);
  const std::uint32_t h = fnv(session.peer, fnv(session.local)) + 0x9E3779B9u * generation_++;
  c.next_seq[kLocal] = h;
  c.next_seq[kPeer] = fnv(Bytes(reinterpret_cast<const std::uint8_t*>(&h), sizeof h));
  c.ip_id[kLocal] = static_cast<std::uint16_t>(h);
  c.ip_id[kPeer] = static_cast<std::uint16_t>(h >> 16);
  const std::uint16_t mss = mss_for(session.local);
  // RFC 9293 §3.5: SYN, SYN-ACK, ACK; each SYN takes one sequence number and announces the
  // largest segment its sender takes (§3.7.1).
  const int opener = session.local_opened ? kLocal : kPeer;
  const int other = 1 - opener;
  frame(c, opener, t, flag::kSyn, {}, mss);
  ++c.next_seq[opener];
  frame(c, other, t, flag::kSyn | flag::kAck, {}, mss);
  ++c.next_seq[other];
  frame(c, opener, t, flag::kAck, {});
  ++stats_.connections;
}

PcapngRecorder::Connection& PcapngRecorder::connection(const RecordedSession& session) {
  return open_[Key{session.local, session.peer}];
}

bool PcapngRecorder::begin(const RecordedSession& session, std::int64_t time_ns) {
  if (!file_.error().empty()) return fail(file_.error());
  if (time_ns < 0) return fail("pcapng: a time before 1970");
  if (session.local.address.version != session.peer.address.version ||
      (session.local.address.version != 4 && session.local.address.version != 6))
    return fail("pcapng: the local and peer addresses must be both IPv4 or IPv6");
  if (open_.count(Key{session.local, session.peer})) return true;
  open(session, connection(session), time_ns);
  return put();
}

void PcapngRecorder::send(Connection& c, int side, std::int64_t t, Bytes data) {
  const std::size_t mss = mss_for(c.ends[kLocal]);
  std::size_t at = 0;
  int segments = 0;
  while (at < data.size()) {
    const std::size_t n = std::min(mss, data.size() - at);
    const bool last = at + n == data.size();
    // PSH on the segment that ends the message: the sender's write ends there (RFC 9293
    // §3.9.1.2).
    frame(c, side, t, static_cast<std::uint8_t>(flag::kAck | (last ? flag::kPsh : 0)),
          data.subspan(at, n));
    c.next_seq[side] += static_cast<std::uint32_t>(n);
    at += n;
    // The receiver acknowledges at least every second full-sized segment and at the end of
    // each message (RFC 9293 §3.8.6.3, RFC 5681 §4.2), so no more than two segments are ever
    // in flight.
    if (last || ++segments % 2 == 0) frame(c, 1 - side, t, flag::kAck, {});
  }
}

bool PcapngRecorder::message(const RecordedSession& session, std::int64_t time_ns, Direction d,
                             Bytes message) {
  if (message.empty()) return fail("pcapng: an empty message");
  if (time_ns < 0) return fail("pcapng: a time before 1970");
  const bool begun = open_.count(Key{session.local, session.peer}) != 0;
  if (!begun && !begin(session, std::min(time_ns, session.connected_ns.value_or(time_ns))))
    return false;
  if (!file_.error().empty()) return fail(file_.error());
  send(connection(session), side_of(d), time_ns, message);
  ++stats_.messages;
  return put();
}

void PcapngRecorder::finish(Connection& c, std::int64_t t, int closer) {
  // RFC 9293 §3.6: each FIN takes one sequence number; the last ACK acknowledges the other's.
  const int other = 1 - closer;
  frame(c, closer, t, flag::kFin | flag::kAck, {});
  ++c.next_seq[closer];
  frame(c, other, t, flag::kFin | flag::kAck, {});
  ++c.next_seq[other];
  frame(c, closer, t, flag::kAck, {});
}

bool PcapngRecorder::end(const RecordedSession& session, std::int64_t time_ns, Direction closer) {
  if (!file_.error().empty()) return fail(file_.error());
  const auto it = open_.find(Key{session.local, session.peer});
  if (it == open_.end()) return true;
  finish(it->second, std::max(time_ns, std::int64_t{0}), side_of(closer));
  open_.erase(it);
  return put();
}

bool PcapngRecorder::record(const Recording& recording) {
  const RecordedSession& s = recording.session;
  // The end that sent a NOTIFICATION closes the connection (RFC 4271 §6: the NOTIFICATION is
  // sent, then the connection closed); without one, the local speaker does.
  Direction closer = Direction::Sent;
  for (const RecordedEvent& e : recording.events) {
    const auto* m = std::get_if<RecordedMessage>(&e);
    if (!m) continue;
    if (!message(s, *m)) return false;
    if (m->bytes.size() > 18 && m->bytes[18] == 3) closer = m->direction;
  }
  return end(s, latest_ns_, closer);
}

bool PcapngRecorder::flush() {
  if (!file_.flush()) return fail(file_.error());
  return true;
}

bool PcapngRecorder::close() {
  if (!file_.error().empty()) return fail(file_.error());
  if (!file_.is_open()) return true;  // closed already
  for (auto& [key, c] : open_)
    finish(c, latest_ns_, kLocal);
  open_.clear();
  if (!put()) return false;
  if (!file_.close()) return fail(file_.error());
  return true;
}

}  // namespace bgplens::record

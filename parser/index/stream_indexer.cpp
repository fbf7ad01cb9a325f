// The index pass's core (stream_indexer.h): sessions, reassembly, framing, contexts, batches.
#include "index/stream_indexer.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "bgp/message_decoder.h"
#include "capture/bgp_framer.h"
#include "capture/frame_decoder.h"
#include "capture/ip_defragmenter.h"
#include "capture/stream_reassembler.h"
#include "index/bmp_peers.h"

namespace bgplens {
namespace {

constexpr std::uint16_t kBgpPort = 179;

struct FlowKey {
  Endpoint low;
  Endpoint high;
  bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
  std::size_t operator()(const FlowKey& k) const noexcept {
    const EndpointHash h;
    return h(k.low) * 31 + h(k.high);
  }
};

// One direction of one session: reassembly, framing, and the OPEN it sent.
struct Direction final : FramedConsumer {
  StreamIndexer::Impl* owner = nullptr;
  std::uint32_t session_slot = 0;
  std::uint8_t index = 0;
  StreamReassembler reassembler;
  std::unique_ptr<MessageFramer> framer;
  std::uint32_t context = 0;
  std::optional<OpenValues> open;
  std::optional<std::uint64_t> open_record;
  std::optional<std::uint32_t> syn_seq;  // the sequence number of this direction's SYN
  bool saw_data = false;
  bool closed = false;

  void on_framed(const FramedMessage& m) override;
};

struct Session {
  SessionInfo info;
  StreamProtocol protocol = StreamProtocol::Undecided;
  Direction dir[2];
};

}  // namespace

class StreamIndexer::Impl final : public IndexTables {
 public:
  Impl(std::shared_ptr<ByteStore> store, IndexSink& sink, IndexOptions options)
      : store_(std::move(store)), sink_(sink), options_(options) {
    last_flush_ = std::chrono::steady_clock::now();
  }

  void add_packet(Packet& packet);
  std::uint32_t open_stream(const Endpoint& a, const Endpoint& b, std::int64_t time_ns,
                            StreamProtocol protocol);
  void add_stream_bytes(std::uint32_t session, std::uint8_t direction, ByteAddress address,
                        Bytes bytes, std::int64_t time_ns);
  void close_stream(std::uint32_t session, std::uint8_t direction, SessionEventKind kind,
                    std::int64_t time_ns);
  void finish();
  void maybe_flush(bool force);
  void add_record(const Direction& d, const FramedMessage& m);
  void add_bmp_record(const Direction& d, const FramedMessage& m);

  // IndexTables, for the BMP peers.
  std::uint32_t add_context(PeerContext ctx) override;
  std::uint32_t add_session(SessionInfo session) override;
  std::uint64_t next_record() const override { return record_count_; }
  void add_row(const MessageRecord& record) override;

 private:
  Session& session_for(const TcpSegment& seg, std::int64_t time_ns, std::uint8_t& direction);
  std::uint32_t new_session(const TcpSegment& seg, std::int64_t time_ns);
  // Settles what a TCP connection carries, from its ports or its first bytes.
  void decide_protocol(Session& s, StreamProtocol protocol);
  // A session and its two directions' contexts; the caller announces it in the batch.
  std::uint32_t new_stream(const Endpoint& a, const Endpoint& b, std::int64_t time_ns);
  void renegotiate(Session& s);
  void expire_holes(const Packet& packet);

 public:
  std::shared_ptr<ByteStore> store_;
  IndexSink& sink_;
  IndexOptions options_;
  IndexStats stats_;
  IndexBatch batch_;
  std::uint64_t record_count_ = 0;
  std::uint32_t context_count_ = 0;
  std::vector<std::unique_ptr<Session>> sessions_;
  std::uint32_t session_count_ = 0;  // TCP sessions and BMP-monitored peers
  BmpPeers bmp_peers_;
  std::unordered_map<FlowKey, std::uint32_t, FlowKeyHash> flows_;
  std::chrono::steady_clock::time_point last_flush_;
  std::vector<Direction*> holding_;  // directions with segments waiting for a hole to fill
  IpDefragmenter defragmenter_;
  std::uint64_t bytes_done_ = 0;
  std::uint64_t bytes_total_ = 0;
  std::uint64_t stream_frames_ = 0;  // reads handed over by add_stream_bytes, counted as frames
  std::unordered_map<std::uint32_t, std::uint32_t> stream_slots_;  // socket streams: id → slot
};

void Direction::on_framed(const FramedMessage& m) {
  if (owner->sessions_[session_slot]->protocol == StreamProtocol::Bmp) {
    owner->add_bmp_record(*this, m);
  } else {
    owner->add_record(*this, m);
  }
}

std::uint32_t StreamIndexer::Impl::add_context(PeerContext ctx) {
  batch_.new_contexts.push_back(std::move(ctx));
  return context_count_++;
}

std::uint32_t StreamIndexer::Impl::add_session(SessionInfo session) {
  session.id = session_count_++;
  batch_.new_sessions.push_back(session);
  return session.id;
}

void StreamIndexer::Impl::add_row(const MessageRecord& record) {
  if (record.flags & framed_flag::kCopied) ++stats_.copied_messages;
  batch_.records.push_back(record);
  ++record_count_;
}

// Not on a BGP or BMP port: BGP if the stream starts with a BGP header, BMP if with a BMP
// common header (RFC 7854 §4.1), else another protocol.
static StreamProtocol sniff_protocol(Bytes payload) {
  const Bytes head = payload.first(std::min<std::size_t>(payload.size(), kHeaderLength));
  if (head.empty()) return StreamProtocol::Other;
  if (head.size() < kHeaderLength) {
    bool ff = true;
    for (std::uint8_t byte : head)
      ff &= byte == 0xFF;
    if (ff) return StreamProtocol::Bgp;
  } else if (plausible_header(payload)) {
    return StreamProtocol::Bgp;
  }
  if (payload.size() >= bmp::kCommonHeaderLength &&
      bmp::plausible_header(payload.first(bmp::kCommonHeaderLength)))
    return StreamProtocol::Bmp;
  return StreamProtocol::Other;
}

static bool is_bmp_port(std::uint16_t port) {
  for (std::uint16_t p : bmp::kPorts) {
    if (p == port) return true;
  }
  return false;
}

void StreamIndexer::Impl::decide_protocol(Session& s, StreamProtocol protocol) {
  const bool changed = s.protocol != protocol;
  s.protocol = protocol;
  if (protocol != StreamProtocol::Bmp) return;
  for (Direction& d : s.dir)
    d.framer = std::make_unique<MessageFramer>(*store_, d, bmp_framing());
  s.info.kind = SessionKind::Bmp;
  if (changed) batch_.updated_sessions.push_back(s.info);
}

void StreamIndexer::Impl::add_bmp_record(const Direction& d, const FramedMessage& m) {
  const Session& s = *sessions_[d.session_slot];
  const Bytes bytes = m.kind == FramedKind::Gap ? Bytes{} : store_->view(m.address, m.length);
  bmp_peers_.add(*this, s.info, d.index, d.context, m, bytes);
}

std::uint32_t StreamIndexer::Impl::new_session(const TcpSegment& seg, std::int64_t time_ns) {
  const std::uint32_t slot = new_stream(seg.src, seg.dst, time_ns);
  Session& s = *sessions_[slot];
  if (seg.src.port == kBgpPort || seg.dst.port == kBgpPort) {
    s.protocol = StreamProtocol::Bgp;
  } else if (is_bmp_port(seg.src.port) || is_bmp_port(seg.dst.port)) {
    decide_protocol(s, StreamProtocol::Bmp);
  }
  batch_.new_sessions.push_back(s.info);
  return slot;
}

std::uint32_t StreamIndexer::Impl::new_stream(const Endpoint& a, const Endpoint& b,
                                              std::int64_t time_ns) {
  auto s = std::make_unique<Session>();
  s->info.id = session_count_++;
  s->info.a = a;
  s->info.b = b;
  s->info.first_time_ns = time_ns;
  const auto slot = static_cast<std::uint32_t>(sessions_.size());
  for (std::uint8_t d = 0; d < 2; ++d) {
    Direction& dir = s->dir[d];
    dir.owner = this;
    dir.session_slot = slot;
    dir.index = d;
    dir.framer = std::make_unique<MessageFramer>(*store_, dir);
    PeerContext ctx;  // heuristic until OPENs are seen
    ctx.session = s->info.id;
    ctx.direction = d;
    dir.context = add_context(ctx);
  }
  sessions_.push_back(std::move(s));
  return slot;
}

Session& StreamIndexer::Impl::session_for(const TcpSegment& seg, std::int64_t time_ns,
                                          std::uint8_t& direction) {
  FlowKey key = seg.src < seg.dst ? FlowKey{seg.src, seg.dst} : FlowKey{seg.dst, seg.src};
  auto it = flows_.find(key);
  const bool syn_only = (seg.flags & (tcp_flag::kSyn | tcp_flag::kAck)) == tcp_flag::kSyn;
  if (it != flows_.end()) {
    Session& s = *sessions_[it->second];
    const bool used = s.dir[0].saw_data || s.dir[1].saw_data || s.dir[0].closed || s.dir[1].closed;
    const Direction& same = s.dir[seg.src == s.info.a ? 0 : 1];
    // A SYN with another initial sequence number is a new connection even when the old one
    // carried nothing (RFC 9293 §3.4); a repeated SYN is a retransmission.
    const bool other_isn = same.syn_seq && *same.syn_seq != seg.seq;
    if (syn_only && (used || other_isn)) {
      // A new connection between the same endpoints: a new session.
      for (Direction& d : s.dir) {
        d.reassembler.finish(*d.framer);
        d.framer->finish();
      }
      it->second = new_session(seg, time_ns);
    }
  } else {
    it = flows_.emplace(key, new_session(seg, time_ns)).first;
  }
  Session& s = *sessions_[it->second];
  direction = seg.src == s.info.a ? 0 : 1;
  return s;
}

void StreamIndexer::Impl::renegotiate(Session& s) {
  for (std::uint8_t d = 0; d < 2; ++d) {
    Direction& self = s.dir[d];
    Direction& other = s.dir[1 - d];
    PeerContext ctx = negotiate(self.open ? &*self.open : nullptr, self.open_record,
                                other.open ? &*other.open : nullptr, other.open_record);
    ctx.session = s.info.id;
    ctx.direction = d;
    self.context = add_context(std::move(ctx));
  }
}

void StreamIndexer::Impl::add_record(const Direction& d, const FramedMessage& m) {
  MessageRecord r;
  r.address = m.address;
  r.time_ns = m.time_ns;
  r.length = m.length;
  r.context = d.context;
  r.frame = static_cast<std::uint32_t>(std::min<std::uint64_t>(m.frame, UINT32_MAX));
  r.kind = m.kind;
  r.flags = m.flags;
  if (m.kind == FramedKind::Message) {
    const Bytes bytes = store_->view(m.address, m.length);
    r.type = bytes.size() >= kHeaderLength ? bytes[18] : 0;
    if (r.type == msg_type::kOpen) {
      // The only decode in the index pass: an OPEN changes how later messages read.
      DecodedMessage open = decode_message(bytes, PeerContext::unknown(), Depth::Summary);
      if (open.open) {
        Session& s = *sessions_[d.session_slot];
        Direction& dir = s.dir[d.index];
        dir.open = *open.open;
        dir.open_record = record_count_;
        add_row(r);
        renegotiate(s);
        return;
      }
    }
  }
  add_row(r);
}

void StreamIndexer::Impl::expire_holes(const Packet& packet) {
  for (std::size_t i = 0; i < holding_.size();) {
    Direction& d = *holding_[i];
    d.reassembler.expire(packet.time_ns, packet.frame, *d.framer);
    if (d.reassembler.holding()) {
      ++i;
    } else {
      holding_[i] = holding_.back();
      holding_.pop_back();
    }
  }
}

void StreamIndexer::Impl::maybe_flush(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && batch_.records.size() < options_.batch_records &&
      now - last_flush_ < options_.batch_interval) {
    return;
  }
  if (!force && batch_.records.empty() && batch_.new_contexts.empty() &&
      batch_.session_events.empty())
    return;
  batch_.bytes_done = bytes_done_;
  batch_.bytes_total = bytes_total_;
  stats_.records = record_count_;
  IndexBatch out = std::move(batch_);
  batch_ = IndexBatch{};
  last_flush_ = now;
  sink_.on_batch(std::move(out));
}

void StreamIndexer::Impl::add_packet(Packet& packet) {
  TcpSegment seg;
  ++stats_.frames;
  const FrameKind kind = decode_frame(packet.link_type, packet.data, seg, nullptr);
  switch (kind) {
    case FrameKind::Tcp:
      break;
    case FrameKind::Fragment: {
      // Held until the datagram is whole (RFC 791 §3.2, RFC 8200 §4.5), then its TCP segment
      // goes on like any other, in the arena, with the time and frame of the fragment that
      // completed it.
      ++stats_.fragments;
      FragmentInfo fragment;
      decode_frame(packet.link_type, packet.data, seg, nullptr, &fragment);
      if (!IpDefragmenter::may_carry_tcp(fragment)) return;
      const std::uint64_t invalid = defragmenter_.stats().invalid;
      const auto datagram =
          defragmenter_.add(fragment, packet.data, packet.time_ns, packet.frame, *store_);
      const IpDefragmenter::Stats& fs = defragmenter_.stats();
      if (fs.invalid != invalid) ++stats_.malformed_frames;
      stats_.fragments_reassembled = fs.reassembled;
      // Kept current here rather than at the end: what still waits after the last fragment
      // of the capture never completes.
      stats_.fragments_incomplete = fs.incomplete + defragmenter_.waiting();
      stats_.fragment_overlaps = fs.overlaps;
      if (!datagram) return;
      const FrameKind inner = decode_ip_datagram(datagram->bytes, seg, nullptr);
      if (inner != FrameKind::Tcp) {
        ++(inner == FrameKind::Malformed ? stats_.malformed_frames : stats_.other_frames);
        return;
      }
      packet.address = datagram->address;
      packet.data = datagram->bytes;
      break;
    }
    case FrameKind::UnsupportedLink:
      ++stats_.unsupported_link;
      return;
    case FrameKind::Malformed:
      ++stats_.malformed_frames;
      return;
    case FrameKind::NotTcp:
      ++stats_.other_frames;
      return;
  }
  ++stats_.tcp_segments;
  expire_holes(packet);
  std::uint8_t d = 0;
  Session& s = session_for(seg, packet.time_ns, d);
  Direction& dir = s.dir[d];
  const Bytes payload = packet.data.subspan(seg.payload_offset, seg.payload_captured);
  if (s.protocol == StreamProtocol::Undecided && seg.payload_length > 0)
    decide_protocol(s, sniff_protocol(payload));
  if (s.protocol == StreamProtocol::Other) {
    ++stats_.other_frames;
    return;
  }
  if (seg.payload_length > 0) dir.saw_data = true;
  if ((seg.flags & tcp_flag::kSyn) && !dir.syn_seq) dir.syn_seq = seg.seq;
  dir.reassembler.add(seg.seq, (seg.flags & tcp_flag::kSyn) != 0,
                      packet.address + seg.payload_offset, payload, seg.payload_length,
                      packet.time_ns, packet.frame, *dir.framer);
  if (seg.flags & tcp_flag::kAck) {
    Direction& other = s.dir[1 - d];
    other.reassembler.acknowledged(seg.ack, *other.framer);
  }
  if ((seg.flags & (tcp_flag::kFin | tcp_flag::kRst)) && !dir.closed) {
    dir.closed = true;
    batch_.session_events.push_back(SessionEvent{
        s.info.id, d, (seg.flags & tcp_flag::kRst) ? SessionEventKind::Rst : SessionEventKind::Fin,
        packet.time_ns,
        static_cast<std::uint32_t>(std::min<std::uint64_t>(packet.frame, UINT32_MAX))});
  }
  if (dir.reassembler.holding() &&
      std::find(holding_.begin(), holding_.end(), &dir) == holding_.end()) {
    holding_.push_back(&dir);
  }
  if (batch_.records.size() >= options_.batch_records) maybe_flush(true);
}

std::uint32_t StreamIndexer::Impl::open_stream(const Endpoint& a, const Endpoint& b,
                                               std::int64_t time_ns, StreamProtocol protocol) {
  const std::uint32_t slot = new_stream(a, b, time_ns);
  Session& s = *sessions_[slot];
  if (protocol == StreamProtocol::Bmp) {
    decide_protocol(s, protocol);  // announces nothing: the session is new
  } else {
    s.protocol = protocol;
  }
  batch_.new_sessions.push_back(s.info);
  stream_slots_[s.info.id] = slot;
  return s.info.id;
}

void StreamIndexer::Impl::add_stream_bytes(std::uint32_t session, std::uint8_t direction,
                                           ByteAddress address, Bytes bytes, std::int64_t time_ns) {
  const auto it = stream_slots_.find(session);
  if (it == stream_slots_.end() || direction > 1 || bytes.empty()) return;
  Session& s = *sessions_[it->second];
  if (s.protocol == StreamProtocol::Undecided) decide_protocol(s, sniff_protocol(bytes));
  ++stream_frames_;
  ++stats_.frames;
  Direction& dir = s.dir[direction];
  if (s.protocol == StreamProtocol::Other) {
    ++stats_.other_frames;
    return;
  }
  dir.saw_data = true;
  // A socket delivers each direction in order and whole: no reassembly, straight to framing.
  dir.framer->on_data(StreamChunk{address, bytes, time_ns, stream_frames_});
  if (batch_.records.size() >= options_.batch_records) maybe_flush(true);
}

void StreamIndexer::Impl::close_stream(std::uint32_t session, std::uint8_t direction,
                                       SessionEventKind kind, std::int64_t time_ns) {
  const auto it = stream_slots_.find(session);
  if (it == stream_slots_.end() || direction > 1) return;
  Direction& dir = sessions_[it->second]->dir[direction];
  if (dir.closed) return;
  dir.closed = true;
  dir.framer->finish();
  batch_.session_events.push_back(SessionEvent{
      session, direction, kind, time_ns,
      static_cast<std::uint32_t>(std::min<std::uint64_t>(stream_frames_, UINT32_MAX))});
}

void StreamIndexer::Impl::finish() {
  for (auto& s : sessions_) {
    for (Direction& d : s->dir) {
      d.reassembler.finish(*d.framer);
      d.framer->finish();
      stats_.retransmitted_bytes += d.reassembler.retransmitted_bytes();
    }
  }
  maybe_flush(true);
  stats_.records = record_count_;
}

StreamIndexer::StreamIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink,
                             IndexOptions options)
    : impl_(std::make_unique<Impl>(std::move(store), sink, options)) {}

StreamIndexer::~StreamIndexer() = default;

void StreamIndexer::add_packet(Packet& packet) {
  impl_->add_packet(packet);
}

std::uint32_t StreamIndexer::open_stream(const Endpoint& a, const Endpoint& b, std::int64_t time_ns,
                                         StreamProtocol protocol) {
  return impl_->open_stream(a, b, time_ns, protocol);
}

void StreamIndexer::add_stream_bytes(std::uint32_t session, std::uint8_t direction,
                                     ByteAddress address, Bytes bytes, std::int64_t time_ns) {
  impl_->add_stream_bytes(session, direction, address, bytes, time_ns);
}

void StreamIndexer::add_stream_bytes(std::uint32_t session, std::uint8_t direction, Bytes bytes,
                                     std::int64_t time_ns) {
  if (bytes.empty()) return;
  const ByteAddress address = impl_->store_->append(bytes);
  impl_->add_stream_bytes(session, direction, address, impl_->store_->view(address, bytes.size()),
                          time_ns);
}

void StreamIndexer::close_stream(std::uint32_t session, std::uint8_t direction,
                                 SessionEventKind kind, std::int64_t time_ns) {
  impl_->close_stream(session, direction, kind, time_ns);
}

void StreamIndexer::set_progress(std::uint64_t bytes_done, std::uint64_t bytes_total) {
  impl_->bytes_done_ = bytes_done;
  impl_->bytes_total_ = bytes_total;
}

void StreamIndexer::flush(bool force) {
  impl_->maybe_flush(force);
}

void StreamIndexer::flush_pending() {
  const IndexBatch& b = impl_->batch_;
  if (!b.records.empty() || !b.new_contexts.empty() || !b.new_sessions.empty() ||
      !b.updated_sessions.empty() || !b.session_events.empty())
    impl_->maybe_flush(true);
}
void StreamIndexer::finish() {
  impl_->finish();
}
IndexStats& StreamIndexer::stats() {
  return impl_->stats_;
}
std::uint64_t StreamIndexer::records() const {
  return impl_->record_count_;
}

}  // namespace bgplens

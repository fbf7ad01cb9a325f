#include "index/capture_indexer.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "bgp/message_decoder.h"
#include "capture/bgp_framer.h"
#include "capture/frame_decoder.h"
#include "capture/pcap_reader.h"
#include "capture/stream_reassembler.h"

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

enum class StreamProtocol : std::uint8_t { Undecided, Bgp, Other };

class Indexer;

// One direction of one session: reassembly, framing, and the OPEN it sent.
struct Direction final : FramedConsumer {
  Indexer* owner = nullptr;
  std::uint32_t session_slot = 0;
  std::uint8_t index = 0;
  StreamReassembler reassembler;
  std::unique_ptr<BgpFramer> framer;
  std::uint32_t context = 0;
  std::optional<OpenValues> open;
  std::optional<std::uint64_t> open_record;
  bool saw_data = false;
  bool closed = false;

  void on_framed(const FramedMessage& m) override;
};

struct Session {
  SessionInfo info;
  StreamProtocol protocol = StreamProtocol::Undecided;
  Direction dir[2];
};

class Indexer {
 public:
  Indexer(std::shared_ptr<ByteStore> store, IndexSink& sink, IndexOptions options)
      : store_(std::move(store)), sink_(sink), options_(options) {
    last_flush_ = std::chrono::steady_clock::now();
  }

  Expected<IndexStats> run(std::stop_token stop);
  void add_record(const Direction& d, const FramedMessage& m);

 private:
  Session& session_for(const TcpSegment& seg, std::int64_t time_ns, std::uint8_t& direction);
  std::uint32_t new_session(const TcpSegment& seg, std::int64_t time_ns);
  std::uint32_t add_context(PeerContext ctx);
  void renegotiate(Session& s);
  void maybe_flush(bool force);
  void expire_holes(const Packet& packet);

  std::shared_ptr<ByteStore> store_;
  IndexSink& sink_;
  IndexOptions options_;
  IndexStats stats_;
  IndexBatch batch_;
  std::uint64_t record_count_ = 0;
  std::uint32_t context_count_ = 0;
  std::vector<std::unique_ptr<Session>> sessions_;
  std::unordered_map<FlowKey, std::uint32_t, FlowKeyHash> flows_;
  std::chrono::steady_clock::time_point last_flush_;
  std::vector<Direction*> holding_;  // directions with segments waiting for a hole to fill
  std::uint64_t bytes_done_ = 0;
  std::uint64_t bytes_total_ = 0;

  friend struct Direction;
};

void Direction::on_framed(const FramedMessage& m) {
  owner->add_record(*this, m);
}

std::uint32_t Indexer::add_context(PeerContext ctx) {
  batch_.new_contexts.push_back(std::move(ctx));
  return context_count_++;
}

std::uint32_t Indexer::new_session(const TcpSegment& seg, std::int64_t time_ns) {
  auto s = std::make_unique<Session>();
  s->info.id = static_cast<std::uint32_t>(sessions_.size());
  s->info.a = seg.src;
  s->info.b = seg.dst;
  s->info.first_time_ns = time_ns;
  if (seg.src.port == kBgpPort || seg.dst.port == kBgpPort) s->protocol = StreamProtocol::Bgp;
  for (std::uint8_t d = 0; d < 2; ++d) {
    Direction& dir = s->dir[d];
    dir.owner = this;
    dir.session_slot = s->info.id;
    dir.index = d;
    dir.framer = std::make_unique<BgpFramer>(*store_, dir);
    PeerContext ctx;  // heuristic until OPENs are seen
    ctx.session = s->info.id;
    ctx.direction = d;
    dir.context = add_context(ctx);
  }
  batch_.new_sessions.push_back(s->info);
  sessions_.push_back(std::move(s));
  return static_cast<std::uint32_t>(sessions_.size() - 1);
}

Session& Indexer::session_for(const TcpSegment& seg, std::int64_t time_ns,
                              std::uint8_t& direction) {
  FlowKey key = seg.src < seg.dst ? FlowKey{seg.src, seg.dst} : FlowKey{seg.dst, seg.src};
  auto it = flows_.find(key);
  const bool syn_only = (seg.flags & (tcp_flag::kSyn | tcp_flag::kAck)) == tcp_flag::kSyn;
  if (it != flows_.end()) {
    Session& s = *sessions_[it->second];
    const bool used = s.dir[0].saw_data || s.dir[1].saw_data || s.dir[0].closed || s.dir[1].closed;
    if (syn_only && used) {
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

void Indexer::renegotiate(Session& s) {
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

void Indexer::add_record(const Direction& d, const FramedMessage& m) {
  MessageRecord r;
  r.address = m.address;
  r.time_ns = m.time_ns;
  r.length = m.length;
  r.context = d.context;
  r.frame = static_cast<std::uint32_t>(std::min<std::uint64_t>(m.frame, UINT32_MAX));
  r.kind = m.kind;
  r.flags = m.flags;
  if (m.flags & framed_flag::kCopied) ++stats_.copied_messages;
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
        batch_.records.push_back(r);
        ++record_count_;
        renegotiate(s);
        return;
      }
    }
  }
  batch_.records.push_back(r);
  ++record_count_;
}

void Indexer::expire_holes(const Packet& packet) {
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

void Indexer::maybe_flush(bool force) {
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

Expected<IndexStats> Indexer::run(std::stop_token stop) {
  auto reader = PcapReader::open(store_);
  if (!reader) return unexpected(reader.error());
  bytes_total_ = (*reader)->size();
  Packet packet;
  TcpSegment seg;
  std::uint64_t counter = 0;
  while ((*reader)->next(packet)) {
    ++stats_.frames;
    bytes_done_ = (*reader)->position();
    const FrameKind kind = decode_frame(packet.link_type, packet.data, seg, nullptr);
    switch (kind) {
      case FrameKind::Tcp:
        break;
      case FrameKind::Fragment:
        ++stats_.fragments;
        continue;
      case FrameKind::UnsupportedLink:
        ++stats_.unsupported_link;
        continue;
      case FrameKind::Malformed:
        ++stats_.malformed_frames;
        continue;
      case FrameKind::NotTcp:
        ++stats_.other_frames;
        continue;
    }
    ++stats_.tcp_segments;
    expire_holes(packet);
    std::uint8_t d = 0;
    Session& s = session_for(seg, packet.time_ns, d);
    Direction& dir = s.dir[d];
    const Bytes payload = packet.data.subspan(seg.payload_offset, seg.payload_captured);
    if (s.protocol == StreamProtocol::Undecided && seg.payload_length > 0) {
      // Not on port 179: BGP only if the stream starts with a BGP header.
      const Bytes head = payload.subspan(0, std::min<std::size_t>(payload.size(), kHeaderLength));
      s.protocol =
          !head.empty() && plausible_header(payload) ? StreamProtocol::Bgp : StreamProtocol::Other;
      if (!head.empty() && head.size() < kHeaderLength) {
        bool ff = true;
        for (std::uint8_t byte : head)
          ff &= byte == 0xFF;
        s.protocol = ff ? StreamProtocol::Bgp : StreamProtocol::Other;
      }
    }
    if (s.protocol == StreamProtocol::Other) {
      ++stats_.other_frames;
      continue;
    }
    if (seg.payload_length > 0) dir.saw_data = true;
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
          s.info.id, d,
          (seg.flags & tcp_flag::kRst) ? SessionEventKind::Rst : SessionEventKind::Fin,
          packet.time_ns,
          static_cast<std::uint32_t>(std::min<std::uint64_t>(packet.frame, UINT32_MAX))});
    }
    if (dir.reassembler.holding() &&
        std::find(holding_.begin(), holding_.end(), &dir) == holding_.end()) {
      holding_.push_back(&dir);
    }
    if (batch_.records.size() >= options_.batch_records) maybe_flush(true);
    if (++counter % 256 == 0) {
      // The clock and the stop flag are read every 256 packets, not per packet.
      if (stop.stop_requested()) break;
      maybe_flush(false);
    }
  }
  stats_.read_error = (*reader)->error();
  for (auto& s : sessions_) {
    for (Direction& d : s->dir) {
      d.reassembler.finish(*d.framer);
      d.framer->finish();
      stats_.retransmitted_bytes += d.reassembler.retransmitted_bytes();
    }
  }
  bytes_done_ = stop.stop_requested() ? bytes_done_ : bytes_total_;
  maybe_flush(true);
  stats_.records = record_count_;
  return stats_;
}

}  // namespace

Expected<IndexStats> index_capture(std::shared_ptr<ByteStore> store, IndexSink& sink,
                                   std::stop_token stop, IndexOptions options) {
  Indexer indexer(std::move(store), sink, options);
  return indexer.run(stop);
}

}  // namespace bgplens

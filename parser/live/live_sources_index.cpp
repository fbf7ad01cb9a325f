#include "live/live_sources_index.h"

namespace bgplens::live {

StationIndexer::StationIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink,
                               BmpObserver* forward, IndexOptions options)
    : indexer_(std::move(store), sink, options), forward_(forward) {}

void StationIndexer::finish() {
  for (const auto& [router, session] : sessions_)
    indexer_.close_stream(session, 0, SessionEventKind::Fin, wall_clock_ns());
  sessions_.clear();
  indexer_.finish();
}

void StationIndexer::on_router_connected(std::uint32_t router, const bgplens::Endpoint& router_end,
                                         const bgplens::Endpoint& local_end, std::int64_t wall_ns) {
  // RFC 7854 §3.3: BMP flows from the router (a) to the station (b) only.
  sessions_[router] = indexer_.open_stream(router_end, local_end, wall_ns, StreamProtocol::Bmp);
  indexer_.flush(true);  // a router appears in the sessions panel when it connects
  if (forward_) forward_->on_router_connected(router, router_end, local_end, wall_ns);
}

void StationIndexer::on_router_bytes(std::uint32_t router, Bytes bytes, std::int64_t wall_ns) {
  if (const auto it = sessions_.find(router); it != sessions_.end())
    indexer_.add_stream_bytes(it->second, 0, bytes, wall_ns);
  if (forward_) forward_->on_router_bytes(router, bytes, wall_ns);
}

void StationIndexer::on_router_closed(std::uint32_t router, const std::string& reason,
                                      std::int64_t wall_ns) {
  if (const auto it = sessions_.find(router); it != sessions_.end()) {
    indexer_.close_stream(it->second, 0, SessionEventKind::Fin, wall_ns);
    sessions_.erase(it);
    indexer_.flush(true);
  }
  if (forward_) forward_->on_router_closed(router, reason, wall_ns);
}

void StationIndexer::on_idle(std::int64_t wall_ns) {
  indexer_.flush_pending();
  if (forward_) forward_->on_idle(wall_ns);
}

void StationIndexer::on_error(const std::string& text, std::int64_t wall_ns) {
  if (forward_) forward_->on_error(text, wall_ns);
}

CaptureIndexer::CaptureIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink,
                               CaptureObserver* forward, IndexOptions options)
    : store_(store), indexer_(std::move(store), sink, options), forward_(forward) {}

void CaptureIndexer::finish() {
  indexer_.finish();
}

void CaptureIndexer::on_frame(const CapturedFrame& frame) {
  // The frame is held once, in the arena; the capture path then views it as it views a
  // capture file's frames.
  Packet packet;
  packet.frame = ++frames_;
  packet.time_ns = frame.time_ns;
  packet.address = store_->append(frame.data);
  packet.data = store_->view(packet.address, frame.data.size());
  packet.wire_length = frame.wire_length;
  packet.link_type = frame.link_type;
  indexer_.add_packet(packet);
  if (forward_) forward_->on_frame(frame);
}

void CaptureIndexer::on_idle(std::int64_t wall_ns) {
  indexer_.flush_pending();
  if (forward_) forward_->on_idle(wall_ns);
}

void CaptureIndexer::on_error(const std::string& text) {
  if (forward_) forward_->on_error(text);
}

}  // namespace bgplens::live

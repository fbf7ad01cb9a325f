#include "live/live_index.h"

namespace bgplens::live {

SessionIndexer::SessionIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink,
                               SessionObserver* forward, IndexOptions options)
    : indexer_(std::move(store), sink, options), forward_(forward) {}

void SessionIndexer::finish() {
  close(wall_clock_ns());
  indexer_.finish();
}

void SessionIndexer::close(std::int64_t wall_time_ns) {
  if (!session_) return;
  // Both directions end with the connection: a message cut short shows as truncated.
  for (std::uint8_t d = 0; d < 2; ++d)
    indexer_.close_stream(*session_, d, SessionEventKind::Fin, wall_time_ns);
  session_.reset();
  indexer_.flush(true);
}

void SessionIndexer::on_connected(const bgplens::Endpoint& local, const bgplens::Endpoint& peer,
                                  bool we_opened, std::int64_t wall_time_ns) {
  close(wall_time_ns);  // (a connection that ended unreported)
  session_ = indexer_.open_stream(peer, local, wall_time_ns, StreamProtocol::Bgp);
  if (forward_) forward_->on_connected(local, peer, we_opened, wall_time_ns);
}

void SessionIndexer::on_bytes_read(Bytes bytes, std::int64_t wall_time_ns) {
  if (session_) indexer_.add_stream_bytes(*session_, 0, bytes, wall_time_ns);
  if (forward_) forward_->on_bytes_read(bytes, wall_time_ns);
}

void SessionIndexer::on_message(const MessageEvent& message) {
  // Received messages were indexed from the bytes read; ours are indexed as we send them.
  if (session_ && message.direction == Direction::Sent)
    indexer_.add_stream_bytes(*session_, 1, message.bytes, message.wall_time_ns);
  if (forward_) forward_->on_message(message);
}

void SessionIndexer::on_state(const StateChange& change) {
  // RFC 4271 §8.2.2: leaving OpenSent, OpenConfirm or Established for Idle, Connect or Active
  // means the TCP connection is gone.
  if (change.to == State::Idle || change.to == State::Connect || change.to == State::Active)
    close(wall_clock_ns());
  if (forward_) forward_->on_state(change);
}

void SessionIndexer::on_negotiated(const Negotiated& negotiated) {
  if (forward_) forward_->on_negotiated(negotiated);
}

void SessionIndexer::on_error(const SessionError& error) {
  if (forward_) forward_->on_error(error);
}

void SessionIndexer::on_idle(std::int64_t wall_time_ns) {
  indexer_.flush_pending();
  if (forward_) forward_->on_idle(wall_time_ns);
}

}  // namespace bgplens::live

// Live sources into the index, the way captures go in: every byte a live source delivers is
// appended once to the ByteStore's arena and framed by the same StreamIndexer that reads
// capture files, so a live message is a row like any other (an address and a length into the
// shared bytes) and decodes with the context negotiated from the two OPENs it saw.
//
// SessionIndexer does this for a BGP session we take part in: what the peer sends is indexed
// as read from the socket, before the FSM frames it (bytes that frame as no message become
// "unparsed" rows, as in a capture), and what we send as sent. The session is a SessionInfo of
// kind Bgp with a = the peer and b = our end: direction 0 is received, 1 is sent (as for BMP
// and MRT peers, where direction 0 is what the peer sent).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "index/stream_indexer.h"
#include "live/session_events.h"

namespace bgplens::live {

class SessionIndexer final : public SessionObserver {
 public:
  // `forward` (optional) gets every report after it was indexed (a status display, the CLI).
  SessionIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink,
                 SessionObserver* forward = nullptr, IndexOptions options = {});

  // The last batch; call once the connection's thread ended (BgpConnection::stop()).
  void finish();
  // The session now indexed (a reconnection makes a new one), if connected.
  std::optional<std::uint32_t> session() const { return session_; }
  const IndexStats& stats() { return indexer_.stats(); }

  void on_message(const MessageEvent& message) override;
  void on_state(const StateChange& change) override;
  void on_negotiated(const Negotiated& negotiated) override;
  void on_error(const SessionError& error) override;
  void on_connected(const bgplens::Endpoint& local, const bgplens::Endpoint& peer, bool we_opened,
                    std::int64_t wall_time_ns) override;
  void on_bytes_read(Bytes bytes, std::int64_t wall_time_ns) override;
  void on_idle(std::int64_t wall_time_ns) override;

 private:
  void close(std::int64_t wall_time_ns);

  StreamIndexer indexer_;
  SessionObserver* forward_;
  std::optional<std::uint32_t> session_;
};

}  // namespace bgplens::live

// The index pass's core, shared by every source of TCP streams: frames → TCP segments →
// reassembled streams → framed BGP or BMP messages → 32-byte records, with session contexts
// negotiated from the OPENs as they go by. A capture file (capture_indexer.h) and a live
// interface capture hand it frames; a live socket (a BGP session, a BMP router) hands it the
// bytes of each direction in order, which need no reassembly.
//
// One thread drives an indexer; its batches go to the sink on that thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "buffer/byte_store.h"
#include "capture/packet.h"
#include "index/index_sink.h"

namespace bgplens {

struct IndexOptions {
  std::size_t batch_records = 4096;
  std::chrono::milliseconds batch_interval{50};
};

// What a TCP connection carries.
enum class StreamProtocol : std::uint8_t { Undecided, Bgp, Bmp, Other };

class StreamIndexer {
 public:
  StreamIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink, IndexOptions options = {});
  ~StreamIndexer();
  StreamIndexer(const StreamIndexer&) = delete;
  StreamIndexer& operator=(const StreamIndexer&) = delete;

  // A captured frame whose bytes are in the store at packet.address. (A reassembled IP
  // datagram replaces packet's address and data.)
  void add_packet(Packet& packet);

  // A TCP connection read from a socket: `a` sent direction 0, `b` direction 1. Returns the
  // session's id.
  std::uint32_t open_stream(const Endpoint& a, const Endpoint& b, std::int64_t time_ns,
                            StreamProtocol protocol);
  // The next bytes `direction`'s sender sent, in order, already in the store at `address`.
  void add_stream_bytes(std::uint32_t session, std::uint8_t direction, ByteAddress address,
                        Bytes bytes, std::int64_t time_ns);
  // The same for bytes not yet in the store: they are appended to its arena first.
  void add_stream_bytes(std::uint32_t session, std::uint8_t direction, Bytes bytes,
                        std::int64_t time_ns);
  // `direction`'s sender closed (FIN) or reset the connection: a message it left incomplete is
  // emitted as truncated.
  void close_stream(std::uint32_t session, std::uint8_t direction, SessionEventKind kind,
                    std::int64_t time_ns);

  // Progress reported with the next batch.
  void set_progress(std::uint64_t bytes_done, std::uint64_t bytes_total);
  // Hands the batch over when it is large or old enough; `force`: whatever it holds.
  void flush(bool force);
  // Hands the batch over now if it holds anything (a live source's idle tick: what arrived is
  // shown without waiting for more).
  void flush_pending();
  // The end of the input: every stream's incomplete message is emitted, the last batch sent.
  void finish();

  IndexStats& stats();
  std::uint64_t records() const;

  class Impl;  // (public so that the implementation's helpers can name it)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bgplens

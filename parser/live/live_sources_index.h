// The BMP station and the interface capture into the index (see live_index.h for the idea).
// A router's BMP connection is a session of kind Bmp (a = the router, direction 0 its bytes);
// the peers it monitors become sessions of their own, exactly as in a capture of BMP. An
// interface capture's frames go to the arena and through the capture path (reassembly
// included): a live capture indexes as the same capture saved to a file would.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "index/stream_indexer.h"
#include "live/bmp_station.h"
#include "live/interface_capture.h"

namespace bgplens::live {

class StationIndexer final : public BmpObserver {
 public:
  // `forward` (optional) gets every report after it was indexed.
  StationIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink, BmpObserver* forward = nullptr,
                 IndexOptions options = {});
  // The last batch; call once the station's thread ended (BmpStation::stop()).
  void finish();
  const IndexStats& stats() { return indexer_.stats(); }

  void on_router_connected(std::uint32_t router, const bgplens::Endpoint& router_end,
                           const bgplens::Endpoint& local_end, std::int64_t wall_ns) override;
  void on_router_bytes(std::uint32_t router, Bytes bytes, std::int64_t wall_ns) override;
  void on_router_closed(std::uint32_t router, const std::string& reason,
                        std::int64_t wall_ns) override;
  void on_idle(std::int64_t wall_ns) override;
  void on_error(const std::string& text, std::int64_t wall_ns) override;

 private:
  StreamIndexer indexer_;
  BmpObserver* forward_;
  std::map<std::uint32_t, std::uint32_t> sessions_;  // router id → session id
};

class CaptureIndexer final : public CaptureObserver {
 public:
  CaptureIndexer(std::shared_ptr<ByteStore> store, IndexSink& sink,
                 CaptureObserver* forward = nullptr, IndexOptions options = {});
  // The last batch; call once the capture's thread ended (InterfaceCapture::stop()).
  void finish();
  const IndexStats& stats() { return indexer_.stats(); }

  void on_frame(const CapturedFrame& frame) override;
  void on_idle(std::int64_t wall_ns) override;
  void on_error(const std::string& text) override;

 private:
  std::shared_ptr<ByteStore> store_;
  StreamIndexer indexer_;
  CaptureObserver* forward_;
  std::uint64_t frames_ = 0;
};

}  // namespace bgplens::live

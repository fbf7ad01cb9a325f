// A BMP monitoring station's sockets (Linux): it listens, routers connect to it (RFC 7854
// §3.2), and one poll() thread passes each read from each router to a BmpObserver as it came.
// BMP flows one way, router to station (§3.3): the station never writes. It does not frame
// BMP either (the indexer does), so a router that sends garbage costs it nothing beyond its
// one read buffer. Qt-free: the GUI and the CLI adapt the observer.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "capture/ip_address.h"
#include "live/loop_thread.h"
#include "live/session_events.h"
#include "live/socket_util.h"
#include "util/bytes.h"

namespace bgplens::live {

struct BmpStationOptions {
  Endpoint listen_at{"127.0.0.1",
                     11019};          // any numeric IPv4 or IPv6 address, any port (0: ephemeral)
  std::size_t max_routers = 64;       // more connections are refused: closed at once, reported
  std::size_t read_size = 64 * 1024;  // one read; the station's whole buffer
  Millis idle_interval{50};           // on_idle at least this often
};

// Reports of a station, called on the station's thread. Each router has an id: 1, 2, 3… in
// accept order, never reused while the station lives.
class BmpObserver {
 public:
  virtual ~BmpObserver() = default;
  virtual void on_router_connected(std::uint32_t router, const bgplens::Endpoint& router_end,
                                   const bgplens::Endpoint& local_end, std::int64_t wall_ns) = 0;
  // One read, as it came (BMP messages may be split or joined anyhow). Valid during the call.
  virtual void on_router_bytes(std::uint32_t router, Bytes bytes, std::int64_t wall_ns) = 0;
  // The router closed, the connection failed, or the station stopped (then for every router
  // still connected, before stop() returns).
  virtual void on_router_closed(std::uint32_t router, const std::string& reason,
                                std::int64_t wall_ns) = 0;
  virtual void on_idle(std::int64_t wall_ns) { (void)wall_ns; }
  // A refused connection (over max_routers) or an accept error; the station carries on.
  virtual void on_error(const std::string& text, std::int64_t wall_ns) = 0;
};

class BmpStation {
 public:
  // The observer must outlive the station and be safe to call from the station's thread.
  BmpStation(BmpStationOptions options, BmpObserver& observer);
  ~BmpStation();  // stop()
  BmpStation(const BmpStation&) = delete;
  BmpStation& operator=(const BmpStation&) = delete;

  // Binds the listening socket and starts the thread. Empty on success, else why not
  // ("cannot listen on 127.0.0.1:11019: Address already in use").
  std::string start();
  // Prompt (an eventfd wakes the poll loop), joins the thread, closes every router connection
  // (each reported with on_router_closed). Safe to call twice; not from the observer.
  void stop();

  // The port listened on (the real one when 0 was asked for), else 0.
  std::uint16_t listening_port() const { return listening_port_; }
  std::size_t routers() const { return routers_.load(); }  // connected now
  std::uint64_t bytes_read() const { return bytes_read_.load(); }

 private:
  class Loop;
  BmpStationOptions options_;
  BmpObserver& observer_;
  LoopThread<Loop> loop_;
  std::uint16_t listening_port_ = 0;
  std::atomic<std::size_t> routers_{0};
  std::atomic<std::uint64_t> bytes_read_{0};
};

}  // namespace bgplens::live

// A live BGP session over a real TCP connection (Linux): a thread runs a poll() loop that
// connects or accepts, feeds the BgpFsm the bytes it reads and the timer ticks, writes what the
// FSM sends, and reports everything to a SessionObserver (called on that thread). Qt-free:
// the GUI and the CLI adapt the observer.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "live/bgp_fsm.h"
#include "live/socket_util.h"

namespace bgplens::live {

struct ConnectionOptions {
  // Active: connect to `peer`. Passive: listen on `listen_at` and accept one peer at a time;
  // when `peer` has a host, only that address is accepted (and the TCP-MD5 key is for it).
  Endpoint peer;
  Endpoint listen_at{"127.0.0.1", 179};
  std::string md5_password;  // RFC 2385 TCP-MD5; empty: none
  Millis connect_timeout{10'000};
  // After we close (a NOTIFICATION sent), how long the socket is drained before close(), so
  // that unread data from the peer does not turn our FIN into a RST that could destroy the
  // NOTIFICATION in flight.
  Millis close_linger{1'000};
  // After the session reported something (a read, a message, a state change), the observer's
  // on_idle comes within this long; a quiet session gets no idle ticks.
  Millis idle_interval{50};
  std::size_t read_size = 64 * 1024;  // one read; with the FSM's buffer, the memory bound
};

class BgpConnection {
 public:
  // `fsm_options.passive` chooses the mode. The observer must outlive the connection and be
  // safe to call from the connection's thread.
  BgpConnection(SpeakerConfig config, FsmOptions fsm_options, ConnectionOptions options,
                SessionObserver& observer);
  ~BgpConnection();  // stop() without a shutdown message
  BgpConnection(const BgpConnection&) = delete;
  BgpConnection& operator=(const BgpConnection&) = delete;

  // Validates the configuration, opens the listening socket (passive; so "port in use" or a
  // refused MD5 key is reported here) and starts the thread. Empty on success, else why not.
  std::string start();
  // Sends Cease 6/2 if a session is open (with `shutdown_message`, RFC 9003), closes, joins
  // the thread. Prompt: the poll loop is woken at once. Safe to call twice; not from the
  // observer (it runs on the thread being joined).
  void stop(const std::string& shutdown_message = {});
  // Asks for a ROUTE-REFRESH (done on the connection thread; a refusal is reported to the
  // observer as an ErrorKind::Request error).
  void request_refresh(Family family);
  // Waits until the session ended for good (the FSM is Idle with no restart scheduled) or
  // `timeout` passed; true when it ended.
  bool wait_finished(Millis timeout);

  // The port we listen on (passive; the real one when 0 was asked for), else 0.
  std::uint16_t listening_port() const { return listening_port_; }
  State state() const { return state_.load(); }
  // Bytes the FSM held for an incomplete message, at the most; and bytes read in total.
  std::size_t peak_buffered_bytes() const { return peak_buffered_.load(); }
  std::uint64_t bytes_read() const { return bytes_read_.load(); }

 private:
  class Loop;
  SpeakerConfig config_;
  FsmOptions fsm_options_;
  ConnectionOptions options_;
  SessionObserver& observer_;

  std::unique_ptr<Loop> loop_;
  std::thread thread_;
  std::uint16_t listening_port_ = 0;
  std::atomic<State> state_{State::Idle};
  std::atomic<std::size_t> peak_buffered_{0};
  std::atomic<std::uint64_t> bytes_read_{0};

  std::mutex finished_mutex_;
  std::condition_variable finished_cv_;
  bool finished_ = false;
};

}  // namespace bgplens::live

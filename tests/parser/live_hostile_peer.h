// A scripted BGP peer on a real loopback TCP socket, for the live connection tests: it can
// behave (complete the handshake, send UPDATEs) or misbehave (garbage, bad headers, floods,
// one byte at a time), and it reads back whatever our speaker sends, framed into messages.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "gen/message_builder.h"
#include "live/bgp_connection.h"
#include "live/socket_util.h"
#include "live_test_support.h"

namespace bgplens::live::testing {

class ScriptedPeer {
 public:
  // Connects to `host`:`port` (127.0.0.1 or ::1), with a TCP-MD5 key when `md5` is not
  // empty. Check ok().
  static ScriptedPeer connect_to(std::uint16_t port, const std::string& md5 = {},
                                 std::chrono::milliseconds timeout = 3s,
                                 const std::string& host = "127.0.0.1") {
    ScriptedPeer p;
    const auto to = resolve(Endpoint{host, port}, true, p.error_);
    if (!to) return p;
    p.fd_.reset(::socket(to->family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!md5.empty()) {
      p.error_ = set_md5_key(p.fd_.get(), *to, md5);
      if (!p.error_.empty()) return p;
    }
    set_nonblocking(p.fd_.get());
    if (::connect(p.fd_.get(), reinterpret_cast<const sockaddr*>(&to->storage), to->length) != 0 &&
        errno != EINPROGRESS) {
      p.error_ = "connect: " + errno_text(errno);
      return p;
    }
    pollfd pfd{p.fd_.get(), POLLOUT, 0};
    if (::poll(&pfd, 1, static_cast<int>(timeout.count())) != 1) {
      p.error_ = "connect timed out";
      return p;
    }
    p.error_ = connect_result(p.fd_.get());
    return p;
  }

  // Listens on `host` (ephemeral port) for our speaker to connect to.
  static ScriptedPeer listen_on(const std::string& host = "127.0.0.1") {
    ScriptedPeer p;
    if (const auto at = resolve(Endpoint{host, 0}, true, p.error_))
      p.listener_ = open_listener(*at, p.error_);
    return p;
  }
  std::uint16_t port() const { return listener_ ? bound_port(listener_.get()) : 0; }
  bool accept(std::chrono::milliseconds timeout = 3s) {
    pollfd pfd{listener_.get(), POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(timeout.count())) != 1) return false;
    fd_.reset(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    return bool(fd_);
  }

  bool ok() const { return fd_ && error_.empty(); }
  const std::string& error() const { return error_; }

  // Writes everything (waiting while the socket is full); false once the connection is gone.
  bool send(const ByteVector& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd_.get(), bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EAGAIN) {
        pollfd pfd{fd_.get(), POLLOUT, 0};
        if (::poll(&pfd, 1, 5000) != 1) return false;
      } else {
        return false;
      }
    }
    return true;
  }
  // One octet every `interval`; stops early (false) when our speaker has sent something or
  // closed, since a misbehaving peer is answered before it finishes.
  bool send_slowly(const ByteVector& bytes, std::chrono::milliseconds interval) {
    for (std::uint8_t b : bytes) {
      pollfd pfd{fd_.get(), POLLIN, 0};
      if (::poll(&pfd, 1, 0) == 1) return false;
      if (!send(ByteVector{b})) return false;
      std::this_thread::sleep_for(interval);
    }
    return true;
  }

  // The next whole message from our speaker; nullopt at EOF, on error or after `timeout`.
  std::optional<ByteVector> read_message(std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      if (in_.size() >= 19) {
        const std::size_t length = load_be16(in_.data() + 16);
        if (length >= 19 && in_.size() >= length) {
          ByteVector m(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(length));
          in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(length));
          return m;
        }
      }
      if (closed_) return std::nullopt;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd pfd{fd_.get(), POLLIN, 0};
      if (::poll(&pfd, 1, static_cast<int>(left.count())) != 1) continue;
      std::uint8_t buf[4096];
      const ssize_t n = ::recv(fd_.get(), buf, sizeof buf, 0);
      if (n > 0) {
        in_.insert(in_.end(), buf, buf + n);
      } else if (n == 0 || errno != EAGAIN) {
        closed_ = true;
      }
    }
  }
  // Messages until our speaker closes the connection (or `timeout`); `closed` says which.
  struct Rest {
    std::vector<ByteVector> messages;
    bool closed = false;
  };
  Rest read_until_closed(std::chrono::milliseconds timeout = 5s) {
    Rest rest;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto m = read_message(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (m) {
        rest.messages.push_back(std::move(*m));
      } else if (closed_) {
        rest.closed = true;
        break;
      }
    }
    return rest;
  }

  // The peer's half of the handshake: our OPEN arrives first (we send it on connect), then the
  // peer's OPEN goes out, our KEEPALIVE comes back, and the peer's KEEPALIVE completes it.
  bool handshake(const gen::OpenSpec& spec = peer_spec()) {
    const auto ours = read_message();
    if (!ours || (*ours)[18] != msg_type::kOpen) return false;
    if (!send(gen::open(spec))) return false;
    const auto ka = read_message();
    if (!ka || *ka != gen::keepalive()) return false;
    return send(gen::keepalive());
  }

 private:
  UniqueFd listener_;
  UniqueFd fd_;
  std::string error_;
  ByteVector in_;
  bool closed_ = false;
};

// Our speaker listening on 127.0.0.1 (ephemeral port), reporting into `recorder`.
inline ConnectionOptions passive_options() {
  ConnectionOptions o;
  o.listen_at = Endpoint{"127.0.0.1", 0};
  o.close_linger = 300ms;
  return o;
}

inline FsmOptions passive_fsm() {
  FsmOptions f;
  f.passive = true;
  return f;
}

}  // namespace bgplens::live::testing

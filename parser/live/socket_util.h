// Linux socket plumbing for live sessions: an owning file descriptor, host:port parsing and
// resolution, a listening socket, a non-blocking connect, and TCP-MD5 (RFC 2385) keys.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "capture/ip_address.h"

namespace bgplens::live {

// Owns a file descriptor; closes it once.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

struct Endpoint {
  std::string host;
  std::uint16_t port = 179;
};

// "host", "host:port", "1.2.3.4:179", "[2001:db8::1]:179" or a bare IPv6 address (which takes
// `default_port`). nullopt for an empty host or a bad port.
std::optional<Endpoint> parse_endpoint(std::string_view text, std::uint16_t default_port = 179);
std::string endpoint_text(const Endpoint& e);

// A resolved socket address.
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family() const { return storage.ss_family; }
};

// Resolves `e` (getaddrinfo: names or numeric addresses, IPv4 or IPv6); the first result. On
// failure `error` says why.
std::optional<SocketAddress> resolve(const Endpoint& e, bool numeric_only, std::string& error);
// "192.0.2.1:179" or "[2001:db8::1]:179".
std::string address_text(const SocketAddress& a);
// The address as the index and the models hold it (IPv4-mapped IPv6 addresses stay IPv6).
bgplens::Endpoint to_endpoint(const SocketAddress& a);
// A connected socket's own address (getsockname) and its peer's (getpeername); zero on failure.
bgplens::Endpoint local_endpoint(int fd);
bgplens::Endpoint remote_endpoint(int fd);
// Same host (address family and address), any port.
bool same_host(const SocketAddress& a, const SocketAddress& b);

// RFC 2385 via Linux TCP_MD5SIG: sign segments to and from `peer` with `key` (at most 80
// octets). Returns an empty string, or why the kernel refused.
std::string set_md5_key(int fd, const SocketAddress& peer, std::string_view key);

// A non-blocking listening socket bound to `at` (SO_REUSEADDR). Empty on failure, with `error`.
UniqueFd open_listener(const SocketAddress& at, std::string& error);
// The port a socket is bound to (for an ephemeral port 0).
std::uint16_t bound_port(int fd);

// A non-blocking TCP socket connecting to `to` (connect() in progress or done). With a key,
// TCP-MD5 is set before connecting (RFC 2385 signs the SYN). Empty on failure, with `error`.
UniqueFd start_connect(const SocketAddress& to, std::string_view md5_key, std::string& error);
// After a connecting socket reports writable: empty string when connected, else the error.
std::string connect_result(int fd);

bool set_nonblocking(int fd);
std::string errno_text(int err);

}  // namespace bgplens::live

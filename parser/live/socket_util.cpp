#include "live/socket_util.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace bgplens::live {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) reset(std::exchange(other.fd_, -1));
  return *this;
}

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::string errno_text(int err) {
  return std::strerror(err);
}

std::optional<Endpoint> parse_endpoint(std::string_view text, std::uint16_t default_port) {
  Endpoint e;
  e.port = default_port;
  std::string_view host = text;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = text.substr(1, close - 1);
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else if (const std::size_t colon = text.rfind(':');
             colon != std::string_view::npos && text.find(':') == colon) {
    // Exactly one colon: host:port. More than one: a bare IPv6 address.
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (port.empty()) return std::nullopt;
  }
  if (host.empty()) return std::nullopt;
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value > 65535) return std::nullopt;
    e.port = static_cast<std::uint16_t>(value);
  }
  e.host = std::string(host);
  return e;
}

std::string endpoint_text(const Endpoint& e) {
  const bool v6 = e.host.find(':') != std::string::npos;
  return (v6 ? "[" + e.host + "]" : e.host) + ":" + std::to_string(e.port);
}

std::optional<SocketAddress> resolve(const Endpoint& e, bool numeric_only, std::string& error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | (numeric_only ? AI_NUMERICHOST : 0);
  addrinfo* list = nullptr;
  const std::string port = std::to_string(e.port);
  const int rc = ::getaddrinfo(e.host.c_str(), port.c_str(), &hints, &list);
  if (rc != 0) {
    error = "cannot resolve " + e.host + ": " + ::gai_strerror(rc);
    return std::nullopt;
  }
  SocketAddress a;
  std::memcpy(&a.storage, list->ai_addr, list->ai_addrlen);
  a.length = static_cast<socklen_t>(list->ai_addrlen);
  ::freeaddrinfo(list);
  return a;
}

std::string address_text(const SocketAddress& a) {
  char host[INET6_ADDRSTRLEN] = {};
  if (a.family() == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, &a.storage, sizeof in);
    ::inet_ntop(AF_INET, &in.sin_addr, host, sizeof host);
    return std::string(host) + ":" + std::to_string(ntohs(in.sin_port));
  }
  if (a.family() == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, &a.storage, sizeof in6);
    ::inet_ntop(AF_INET6, &in6.sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]:" + std::to_string(ntohs(in6.sin6_port));
  }
  return "?";
}

bgplens::Endpoint to_endpoint(const SocketAddress& a) {
  bgplens::Endpoint e;
  if (a.family() == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, &a.storage, sizeof in);
    std::memcpy(e.address.bytes.data(), &in.sin_addr, 4);
    e.address.version = 4;
    e.port = ntohs(in.sin_port);
  } else if (a.family() == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, &a.storage, sizeof in6);
    std::memcpy(e.address.bytes.data(), &in6.sin6_addr, 16);
    e.address.version = 6;
    e.port = ntohs(in6.sin6_port);
  }
  return e;
}

namespace {
bgplens::Endpoint socket_name(int fd, bool peer) {
  SocketAddress a;
  a.length = sizeof a.storage;
  auto* sa = reinterpret_cast<sockaddr*>(&a.storage);
  const int rc = peer ? ::getpeername(fd, sa, &a.length) : ::getsockname(fd, sa, &a.length);
  return rc == 0 ? to_endpoint(a) : bgplens::Endpoint{};
}
}  // namespace

bgplens::Endpoint local_endpoint(int fd) {
  return socket_name(fd, false);
}
bgplens::Endpoint remote_endpoint(int fd) {
  return socket_name(fd, true);
}

bool same_host(const SocketAddress& a, const SocketAddress& b) {
  if (a.family() != b.family()) return false;
  if (a.family() == AF_INET) {
    sockaddr_in x{}, y{};
    std::memcpy(&x, &a.storage, sizeof x);
    std::memcpy(&y, &b.storage, sizeof y);
    return x.sin_addr.s_addr == y.sin_addr.s_addr;
  }
  if (a.family() == AF_INET6) {
    sockaddr_in6 x{}, y{};
    std::memcpy(&x, &a.storage, sizeof x);
    std::memcpy(&y, &b.storage, sizeof y);
    return std::memcmp(&x.sin6_addr, &y.sin6_addr, sizeof x.sin6_addr) == 0;
  }
  return false;
}

std::string set_md5_key(int fd, const SocketAddress& peer, std::string_view key) {
  if (key.size() > TCP_MD5SIG_MAXKEYLEN) {
    return "the TCP-MD5 password is " + std::to_string(key.size()) +
           " octets; Linux takes at most " + std::to_string(TCP_MD5SIG_MAXKEYLEN);
  }
  tcp_md5sig sig{};
  std::memcpy(&sig.tcpm_addr, &peer.storage,
              std::min<std::size_t>(peer.length, sizeof sig.tcpm_addr));
  sig.tcpm_keylen = static_cast<std::uint16_t>(key.size());
  std::memcpy(sig.tcpm_key, key.data(), key.size());
  if (::setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &sig, sizeof sig) != 0) {
    const int err = errno;
    return "the kernel refused the TCP-MD5 key (setsockopt TCP_MD5SIG: " + errno_text(err) +
           (err == ENOPROTOOPT || err == EINVAL ? "; is CONFIG_TCP_MD5SIG enabled?" : "") + ")";
  }
  return {};
}

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL, 0);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

UniqueFd open_listener(const SocketAddress& at, std::string& error) {
  UniqueFd fd(::socket(at.family(), SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) {
    error = "socket: " + errno_text(errno);
    return {};
  }
  const int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&at.storage), at.length) != 0) {
    const int err = errno;
    error = "cannot listen on " + address_text(at) + ": " + errno_text(err) +
            (err == EACCES ? " (ports below 1024 need privileges; try another port)" : "");
    return {};
  }
  if (::listen(fd.get(), 4) != 0) {
    error = "listen on " + address_text(at) + ": " + errno_text(errno);
    return {};
  }
  return fd;
}

std::uint16_t bound_port(int fd) {
  sockaddr_storage s{};
  socklen_t len = sizeof s;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&s), &len) != 0) return 0;
  if (s.ss_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, &s, sizeof in);
    return ntohs(in.sin_port);
  }
  sockaddr_in6 in6{};
  std::memcpy(&in6, &s, sizeof in6);
  return ntohs(in6.sin6_port);
}

UniqueFd start_connect(const SocketAddress& to, std::string_view md5_key, std::string& error) {
  UniqueFd fd(::socket(to.family(), SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) {
    error = "socket: " + errno_text(errno);
    return {};
  }
  if (!md5_key.empty()) {
    error = set_md5_key(fd.get(), to, md5_key);
    if (!error.empty()) return {};
  }
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to.storage), to.length) != 0 &&
      errno != EINPROGRESS) {
    error = "connect to " + address_text(to) + ": " + errno_text(errno);
    return {};
  }
  return fd;
}

std::string connect_result(int fd) {
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  return err == 0 ? std::string() : errno_text(err);
}

}  // namespace bgplens::live

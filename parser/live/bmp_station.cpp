#include "live/bmp_station.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <utility>
#include <vector>

namespace bgplens::live {
namespace {

using namespace std::chrono_literals;

// Reads per router per wake-up: enough to keep up with a table dump, few enough that one busy
// router does not starve the others.
constexpr int kReadsPerWake = 4;
constexpr int kAcceptsPerWake = 16;
// After a resource error on accept (EMFILE…) the listener stays readable; polling it again at
// once would spin.
constexpr Millis kAcceptPause = 1s;
// A router whose link died without a FIN would hold its place (and one of max_routers) for ever;
// TCP keepalives find it: probes after a minute idle, gone after three unanswered.
constexpr int kKeepIdleSeconds = 60;
constexpr int kKeepIntervalSeconds = 10;
constexpr int kKeepCount = 3;

// accept() errors that concern only the connection being accepted (accept(2): Linux passes
// the new socket's pending network errors to accept); the next one may be fine.
bool transient_accept_error(int err) {
  switch (err) {
    case EAGAIN:
    case EINTR:
    case ECONNABORTED:
    case EPROTO:
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
    case ENONET:
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH:
      return true;
    default:
      return false;
  }
}

void set_keepalive(int fd) {
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &kKeepIdleSeconds, sizeof kKeepIdleSeconds);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &kKeepIntervalSeconds, sizeof kKeepIntervalSeconds);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &kKeepCount, sizeof kKeepCount);
}

struct Router {
  std::uint32_t id = 0;
  UniqueFd fd;
};

}  // namespace

// The station thread's world: the listener, the routers' sockets and the one read buffer.
class BmpStation::Loop {
 public:
  explicit Loop(BmpStation& owner)
      : owner_(owner),
        options_(owner.options_),
        in_(std::max<std::size_t>(owner.options_.read_size, 4096)) {}

  std::string open();
  void run();
  void wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_.get(), &one, sizeof one);
  }

 private:
  void accept_routers(TimePoint now);
  // Reads what the router sent; when its connection ended, why.
  std::optional<std::string> read_router(const Router& router);
  int poll_timeout(TimePoint now) const;

  BmpStation& owner_;
  const BmpStationOptions& options_;
  std::vector<std::uint8_t> in_;  // one read, for every router in turn
  UniqueFd wake_;                 // eventfd: stop
  UniqueFd listener_;
  std::string listen_text_;
  std::vector<Router> routers_;
  std::uint32_t next_id_ = 1;
  TimePoint accept_paused_until_{};
  TimePoint last_idle_{};
};

std::string BmpStation::Loop::open() {
  wake_.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake_) return "eventfd: " + errno_text(errno);
  std::string error;
  const auto at = resolve(options_.listen_at, true, error);
  if (!at) return error;
  listener_ = open_listener(*at, error);
  if (!listener_) return error;
  // Routers reconnect together when a station restarts: a longer queue than the helper's
  // keeps their SYNs from being dropped (listen() again only changes the backlog).
  ::listen(listener_.get(), SOMAXCONN);
  owner_.listening_port_ = bound_port(listener_.get());
  listen_text_ = address_text(*at);
  return {};
}

void BmpStation::Loop::accept_routers(TimePoint now) {
  for (int round = 0; round < kAcceptsPerWake; ++round) {
    SocketAddress from;
    from.length = sizeof from.storage;
    UniqueFd fd(::accept4(listener_.get(), reinterpret_cast<sockaddr*>(&from.storage), &from.length,
                          SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd) {
      const int err = errno;
      if (err == EAGAIN) return;
      if (transient_accept_error(err)) continue;
      accept_paused_until_ = now + kAcceptPause;
      owner_.observer_.on_error(
          "accept on " + listen_text_ + ": " + errno_text(err) + "; new routers wait a second",
          wall_clock_ns());
      return;
    }
    if (routers_.size() >= options_.max_routers) {
      // Closed here, unread: the router sees the connection end and retries later.
      owner_.observer_.on_error("refused a BMP connection from " + address_text(from) + ": " +
                                    std::to_string(routers_.size()) +
                                    " routers are connected, the most allowed",
                                wall_clock_ns());
      continue;
    }
    set_keepalive(fd.get());
    Router& router = routers_.emplace_back(Router{next_id_++, std::move(fd)});
    owner_.routers_.store(routers_.size());
    owner_.observer_.on_router_connected(router.id, remote_endpoint(router.fd.get()),
                                         local_endpoint(router.fd.get()), wall_clock_ns());
  }
}

std::optional<std::string> BmpStation::Loop::read_router(const Router& router) {
  for (int round = 0; round < kReadsPerWake; ++round) {
    const ssize_t n = ::recv(router.fd.get(), in_.data(), in_.size(), 0);
    if (n > 0) {
      owner_.bytes_read_ += static_cast<std::uint64_t>(n);
      owner_.observer_.on_router_bytes(router.id, Bytes(in_.data(), static_cast<std::size_t>(n)),
                                       wall_clock_ns());
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return std::nullopt;
    return n == 0 ? "the router closed the connection" : "recv: " + errno_text(errno);
  }
  return std::nullopt;
}

int BmpStation::Loop::poll_timeout(TimePoint now) const {
  TimePoint next = last_idle_ + options_.idle_interval;
  if (accept_paused_until_ > now) next = std::min(next, accept_paused_until_);
  if (next <= now) return 0;
  // Rounded up: waking a little late is fine, waking early spins.
  return static_cast<int>(std::chrono::ceil<Millis>(next - now).count());
}

void BmpStation::Loop::run() {
  std::vector<pollfd> fds;
  for (;;) {
    TimePoint now = Clock::now();
    const bool accepting = now >= accept_paused_until_;
    fds.clear();
    fds.push_back(pollfd{wake_.get(), POLLIN, 0});
    fds.push_back(pollfd{accepting ? listener_.get() : -1, POLLIN, 0});  // -1: not polled
    for (const Router& r : routers_)
      fds.push_back(pollfd{r.fd.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), poll_timeout(now)) < 0 && errno != EINTR) {
      owner_.observer_.on_error("poll: " + errno_text(errno), wall_clock_ns());
      break;
    }
    now = Clock::now();
    if (fds[0].revents) break;  // stop
    // Routers first: the accepts below append to routers_, which fds does not cover.
    std::vector<std::pair<std::uint32_t, std::string>> closed;
    for (std::size_t k = 0; k < routers_.size(); ++k) {
      if (!fds[k + 2].revents) continue;
      if (std::optional<std::string> why = read_router(routers_[k])) {
        routers_[k].fd.reset();
        closed.emplace_back(routers_[k].id, std::move(*why));
      }
    }
    std::erase_if(routers_, [](const Router& r) { return !r.fd; });
    // Counted before reported: an observer that sees the close sees routers() without it.
    owner_.routers_.store(routers_.size());
    for (const auto& [id, why] : closed)
      owner_.observer_.on_router_closed(id, why, wall_clock_ns());
    if (fds[1].revents) accept_routers(now);
    if (now >= last_idle_ + options_.idle_interval) {
      last_idle_ = now;
      owner_.observer_.on_idle(wall_clock_ns());
    }
  }
  std::vector<std::uint32_t> ids;
  for (const Router& r : routers_)
    ids.push_back(r.id);
  routers_.clear();  // closes them
  owner_.routers_.store(0);
  listener_.reset();
  for (const std::uint32_t id : ids)
    owner_.observer_.on_router_closed(id, "the station stopped", wall_clock_ns());
}

BmpStation::BmpStation(BmpStationOptions options, BmpObserver& observer)
    : options_(std::move(options)), observer_(observer) {}

BmpStation::~BmpStation() {
  stop();
}

std::string BmpStation::start() {
  if (options_.max_routers == 0) return "max_routers is 0: no router could connect";
  return loop_.start(*this);
}

void BmpStation::stop() {
  loop_.stop();
}

}  // namespace bgplens::live

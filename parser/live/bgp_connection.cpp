#include "live/bgp_connection.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <variant>
#include <vector>

namespace bgplens::live {
namespace {

struct StopCommand {
  std::string message;
};
struct RefreshCommand {
  Family family;
};
using Command = std::variant<StopCommand, RefreshCommand>;

// What a peer that stops reading may leave us holding before we give up on it.
constexpr std::size_t kMaxUnsent = 1 << 20;

}  // namespace

// The connection thread's world: the FSM, the sockets, and the transport the FSM drives. FSM
// calls made from here may call back into the transport (send, disconnect), so transport
// failures found inside those callbacks are only noted, and reported to the FSM from the loop.
class BgpConnection::Loop final : public FsmTransport, public SessionObserver {
 public:
  explicit Loop(BgpConnection& owner)
      : owner_(owner),
        options_(owner.options_),
        fsm_(owner.config_, owner.fsm_options_, *this, *this),
        in_(std::max<std::size_t>(owner.options_.read_size, 4096)) {}

  std::string open();
  void run();
  void post(Command command);

 private:
  // FsmTransport.
  void connect() override;
  void listen() override { accepting_ = true; }
  void send(Bytes bytes) override;
  void disconnect() override;
  // SessionObserver: the owner's observer, with wall-clock times and the owner's counters.
  void on_message(const MessageEvent& message) override {
    active_ = true;
    MessageEvent e = message;
    e.wall_time_ns = wall_clock_ns();
    owner_.observer_.on_message(e);
  }
  void on_state(const StateChange& change) override {
    active_ = true;
    owner_.state_.store(change.to);
    owner_.observer_.on_state(change);
  }
  void on_negotiated(const Negotiated& n) override { owner_.observer_.on_negotiated(n); }
  void on_error(const SessionError& error) override { owner_.observer_.on_error(error); }

  void flush(UniqueFd& fd, std::vector<std::uint8_t>& out);
  void report_connected(bool we_opened) {
    owner_.observer_.on_connected(local_endpoint(sock_.get()), remote_endpoint(sock_.get()),
                                  we_opened, wall_clock_ns());
  }
  void fail_transport(std::string why);
  void handle_commands(TimePoint now);
  void handle_accept(TimePoint now);
  void handle_readable(TimePoint now);
  void handle_closing(TimePoint now, short revents);
  int poll_timeout(TimePoint now) const;

  BgpConnection& owner_;
  const ConnectionOptions& options_;
  BgpFsm fsm_;
  std::vector<std::uint8_t> in_;  // one read

  UniqueFd wake_;  // eventfd: stop and requests from other threads
  UniqueFd listener_;
  std::optional<SocketAddress> peer_address_;
  bool accepting_ = false;
  UniqueFd sock_;  // the session's connection
  bool connecting_ = false;
  TimePoint connect_deadline_{};
  std::vector<std::uint8_t> out_;  // written when the socket takes it
  std::optional<std::string> failure_;
  // A connection we closed: its last bytes written, then drained until EOF or the deadline.
  UniqueFd closing_;
  std::vector<std::uint8_t> closing_out_;
  TimePoint closing_deadline_{};
  bool quit_ = false;
  TimePoint last_idle_{};
  // Something was read, sent or reported since the last idle tick: a quiet session needs no
  // tick (and no wake-up) until something happens.
  bool active_ = true;

  std::mutex commands_mutex_;
  std::deque<Command> commands_;
};

std::string BgpConnection::Loop::open() {
  wake_.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake_) return "eventfd: " + errno_text(errno);
  std::string error;
  if (!options_.peer.host.empty()) {
    // Passive mode compares the peer's address, and TCP-MD5 keys are per address: numeric
    // there. Active mode resolves names when connecting.
    peer_address_ = resolve(options_.peer, owner_.fsm_options_.passive, error);
    if (!peer_address_) return error;
  }
  if (!owner_.fsm_options_.passive) {
    if (options_.peer.host.empty()) return "no peer address to connect to";
    return {};
  }
  const auto at = resolve(options_.listen_at, true, error);
  if (!at) return error;
  listener_ = open_listener(*at, error);
  if (!listener_) return error;
  if (!options_.md5_password.empty()) {
    // RFC 2385 keys are per peer address; Linux takes them on the listening socket too.
    if (!peer_address_) return "a TCP-MD5 password in passive mode needs the peer's address";
    error = set_md5_key(listener_.get(), *peer_address_, options_.md5_password);
    if (!error.empty()) return error;
  }
  owner_.listening_port_ = bound_port(listener_.get());
  return {};
}

void BgpConnection::Loop::post(Command command) {
  {
    std::lock_guard lock(commands_mutex_);
    commands_.push_back(std::move(command));
  }
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_.get(), &one, sizeof one);
}

void BgpConnection::Loop::connect() {
  std::string error;
  if (!peer_address_) peer_address_ = resolve(options_.peer, false, error);
  if (peer_address_) sock_ = start_connect(*peer_address_, options_.md5_password, error);
  if (!sock_) {
    failure_ = error;  // reported to the FSM from the loop, not from inside its call
    return;
  }
  connecting_ = true;
  connect_deadline_ = Clock::now() + options_.connect_timeout;
}

void BgpConnection::Loop::send(Bytes bytes) {
  if (!sock_ || connecting_) return;
  out_.insert(out_.end(), bytes.begin(), bytes.end());
  flush(sock_, out_);
  if (out_.size() > kMaxUnsent)
    fail_transport("the peer does not read: " + std::to_string(out_.size()) + " octets unsent");
}

void BgpConnection::Loop::flush(UniqueFd& fd, std::vector<std::uint8_t>& out) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::send(fd.get(), out.data() + done, out.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;  // the rest when the socket is writable again
    const int err = n < 0 ? errno : EPIPE;
    out.clear();
    if (&fd == &sock_) fail_transport("send: " + errno_text(err));
    return;
  }
  out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(done));
}

void BgpConnection::Loop::fail_transport(std::string why) {
  sock_.reset();
  connecting_ = false;
  out_.clear();
  if (!failure_) failure_ = std::move(why);
}

void BgpConnection::Loop::disconnect() {
  if (sock_ && !connecting_) {
    flush(sock_, out_);
    // What is still unsent (a NOTIFICATION the peer has no room for yet) goes out before FIN.
    closing_ = std::move(sock_);
    closing_out_ = std::move(out_);
    closing_deadline_ = Clock::now() + options_.close_linger;
    if (closing_out_.empty()) ::shutdown(closing_.get(), SHUT_WR);
  }
  sock_.reset();
  out_.clear();
  connecting_ = false;
  accepting_ = false;
}

void BgpConnection::Loop::handle_commands(TimePoint now) {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t n = ::read(wake_.get(), &count, sizeof count);
  std::deque<Command> commands;
  {
    std::lock_guard lock(commands_mutex_);
    commands.swap(commands_);
  }
  for (const Command& c : commands) {
    if (const auto* stop = std::get_if<StopCommand>(&c)) {
      fsm_.stop(now, stop->message);
      quit_ = true;
    } else if (const auto* refresh = std::get_if<RefreshCommand>(&c)) {
      fsm_.request_refresh(now, refresh->family);
    }
  }
}

void BgpConnection::Loop::handle_accept(TimePoint now) {
  SocketAddress from;
  from.length = sizeof from.storage;
  UniqueFd fd(::accept4(listener_.get(), reinterpret_cast<sockaddr*>(&from.storage), &from.length,
                        SOCK_NONBLOCK | SOCK_CLOEXEC));
  if (!fd) return;  // EAGAIN, or the client gave up: keep waiting
  if (peer_address_ && !same_host(from, *peer_address_)) {
    on_error(SessionError{
        ErrorKind::Transport, now,
        "refused a connection from " + address_text(from) + ": not the configured peer",
        std::nullopt});
    return;
  }
  accepting_ = false;
  sock_ = std::move(fd);
  connecting_ = false;
  report_connected(false);
  fsm_.tcp_connected(now);
}

void BgpConnection::Loop::handle_readable(TimePoint now) {
  // A few reads per wake-up, each fed to the FSM before the next: one read buffer is all the
  // connection holds, whatever the peer sends.
  for (int round = 0; round < 16 && sock_ && !connecting_; ++round) {
    const ssize_t n = ::recv(sock_.get(), in_.data(), in_.size(), 0);
    if (n > 0) {
      owner_.bytes_read_ += static_cast<std::uint64_t>(n);
      active_ = true;
      owner_.observer_.on_bytes_read(Bytes(in_.data(), static_cast<std::size_t>(n)),
                                     wall_clock_ns());
      fsm_.bytes_received(now, Bytes(in_.data(), static_cast<std::size_t>(n)));
      owner_.peak_buffered_.store(fsm_.peak_buffered_bytes());
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    fail_transport(n == 0 ? "the peer closed the connection" : "recv: " + errno_text(errno));
    return;
  }
}

void BgpConnection::Loop::handle_closing(TimePoint now, short revents) {
  if (!closing_out_.empty() && (revents & POLLOUT)) {
    flush(closing_, closing_out_);
    if (closing_out_.empty()) ::shutdown(closing_.get(), SHUT_WR);
  }
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    const ssize_t n = ::recv(closing_.get(), in_.data(), in_.size(), 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) closing_.reset();
  }
  if (closing_ && now >= closing_deadline_) closing_.reset();
}

int BgpConnection::Loop::poll_timeout(TimePoint now) const {
  std::optional<TimePoint> next = fsm_.next_deadline();
  auto consider = [&](bool on, TimePoint t) {
    if (on && (!next || t < *next)) next = t;
  };
  consider(connecting_, connect_deadline_);
  consider(bool(closing_), closing_deadline_);
  consider(active_, last_idle_ + options_.idle_interval);
  if (!next) return -1;
  if (*next <= now) return 0;
  // Rounded up: waking a little late is fine, waking early spins.
  const auto ms = std::chrono::ceil<Millis>(*next - now).count();
  return static_cast<int>(std::min<long long>(ms, 60'000));
}

void BgpConnection::Loop::run() {
  fsm_.start(Clock::now());
  while (!quit_) {
    TimePoint now = Clock::now();
    if (failure_) {
      const std::string why = std::move(*failure_);
      failure_.reset();
      fsm_.tcp_failed(now, why);
    }
    if (fsm_.finished()) break;
    pollfd fds[4] = {};
    nfds_t n = 0;
    fds[n++] = pollfd{wake_.get(), POLLIN, 0};
    const nfds_t listen_at = accepting_ && listener_ ? n++ : 0;
    if (listen_at) fds[listen_at] = pollfd{listener_.get(), POLLIN, 0};
    const nfds_t sock_at = sock_ ? n++ : 0;
    if (sock_at) {
      const short want = connecting_ ? POLLOUT : short(POLLIN | (out_.empty() ? 0 : POLLOUT));
      fds[sock_at] = pollfd{sock_.get(), want, 0};
    }
    const nfds_t closing_at = closing_ ? n++ : 0;
    if (closing_at) {
      fds[closing_at] =
          pollfd{closing_.get(), short(POLLIN | (closing_out_.empty() ? 0 : POLLOUT)), 0};
    }
    if (::poll(fds, n, poll_timeout(now)) < 0 && errno != EINTR) {
      fail_transport("poll: " + errno_text(errno));
      continue;
    }
    now = Clock::now();
    if (fds[0].revents) handle_commands(now);
    if (quit_) break;
    if (listen_at && fds[listen_at].revents) handle_accept(now);
    if (sock_at && fds[sock_at].revents && sock_ && fds[sock_at].fd == sock_.get()) {
      const short ev = fds[sock_at].revents;
      if (connecting_) {
        const std::string error = connect_result(sock_.get());
        connecting_ = false;
        if (error.empty()) {
          report_connected(true);
          fsm_.tcp_connected(now);
        } else {
          sock_.reset();
          fsm_.tcp_failed(now, "connect to " + endpoint_text(options_.peer) + ": " + error);
        }
      } else {
        if (ev & (POLLIN | POLLHUP | POLLERR)) handle_readable(now);
        if (sock_ && (ev & POLLOUT)) flush(sock_, out_);
      }
    }
    if (closing_at && closing_) handle_closing(now, fds[closing_at].revents);
    if (connecting_ && now >= connect_deadline_) {
      fail_transport("connect to " + endpoint_text(options_.peer) + " timed out after " +
                     std::to_string(options_.connect_timeout.count()) + " ms");
    }
    fsm_.tick(now);
    if (active_ && now >= last_idle_ + options_.idle_interval) {
      last_idle_ = now;
      active_ = false;
      owner_.observer_.on_idle(wall_clock_ns());
    }
  }
  // Stopping: what is queued goes out now (the Cease), without waiting for a slow peer.
  if (sock_) flush(sock_, out_);
  if (closing_) flush(closing_, closing_out_);
  for (UniqueFd* fd : {&sock_, &closing_}) {
    if (*fd) {
      ::shutdown(fd->get(), SHUT_WR);
      fd->reset();
    }
  }
  listener_.reset();
}

BgpConnection::BgpConnection(SpeakerConfig config, FsmOptions fsm_options,
                             ConnectionOptions options, SessionObserver& observer)
    : config_(std::move(config)),
      fsm_options_(fsm_options),
      options_(std::move(options)),
      observer_(observer) {}

BgpConnection::~BgpConnection() {
  stop();
}

std::string BgpConnection::start() {
  if (loop_) return "already started";
  const std::vector<std::string> problems = validate(config_);
  if (!problems.empty()) {
    std::string text;
    for (const std::string& p : problems)
      text += (text.empty() ? "" : "; ") + p;
    return text;
  }
  loop_ = std::make_unique<Loop>(*this);
  if (std::string error = loop_->open(); !error.empty()) {
    loop_.reset();
    return error;
  }
  thread_ = std::thread([this] {
    loop_->run();
    std::lock_guard lock(finished_mutex_);
    finished_ = true;
    finished_cv_.notify_all();
  });
  return {};
}

void BgpConnection::stop(const std::string& shutdown_message) {
  if (!thread_.joinable()) return;
  loop_->post(StopCommand{shutdown_message});
  thread_.join();
}

void BgpConnection::request_refresh(Family family) {
  if (loop_ && thread_.joinable()) loop_->post(RefreshCommand{family});
}

bool BgpConnection::wait_finished(Millis timeout) {
  std::unique_lock lock(finished_mutex_);
  return finished_cv_.wait_for(lock, timeout, [&] { return finished_; });
}

}  // namespace bgplens::live

// The BMP station's sockets: routers (test clients on loopback) connect and send real BMP
// messages (RFC 7854 §4); each router's bytes must reach the observer unchanged, in order, under
// its own id and endpoints, whatever the reads cut them into. Also: a router closing, the
// max_routers refusal, stop() with routers connected, a port in use, and IPv6.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bmp_test_messages.h"
#include "live/bmp_station.h"
#include "live/socket_util.h"

namespace bgplens::live {
namespace {

using namespace std::chrono_literals;
using gen::ByteVector;
using test_bmp::initiation;
using test_bmp::router_session;

// ---- The observer: everything the station reports, under a lock.

struct RouterRecord {
  bgplens::Endpoint router_end;
  bgplens::Endpoint local_end;
  ByteVector bytes;
  std::size_t largest_read = 0;
  std::string closed;  // the reason, once closed
};

class StationRecorder final : public BmpObserver {
 public:
  void on_router_connected(std::uint32_t router, const bgplens::Endpoint& router_end,
                           const bgplens::Endpoint& local_end, std::int64_t wall_ns) override {
    add([&] {
      order.push_back(router);
      routers[router].router_end = router_end;
      routers[router].local_end = local_end;
      last_wall_ns = wall_ns;
    });
  }
  void on_router_bytes(std::uint32_t router, Bytes bytes, std::int64_t) override {
    add([&] {
      RouterRecord& r = routers[router];
      r.bytes.insert(r.bytes.end(), bytes.begin(), bytes.end());
      r.largest_read = std::max(r.largest_read, bytes.size());
    });
  }
  void on_router_closed(std::uint32_t router, const std::string& reason, std::int64_t) override {
    add([&] { routers[router].closed = reason; });
  }
  void on_idle(std::int64_t) override {
    add([&] { ++idles; });
  }
  void on_error(const std::string& text, std::int64_t) override {
    add([&] { errors.push_back(text); });
  }

  bool wait_for(const std::function<bool(const StationRecorder&)>& done,
                std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return done(*this); });
  }
  template <class F>
  auto locked(F&& f) {
    std::lock_guard lock(mutex_);
    return f(*this);
  }

  std::vector<std::uint32_t> order;
  std::map<std::uint32_t, RouterRecord> routers;
  std::vector<std::string> errors;
  int idles = 0;
  std::int64_t last_wall_ns = 0;

 private:
  template <class F>
  void add(F&& f) {
    {
      std::lock_guard lock(mutex_);
      f();
    }
    cv_.notify_all();
  }
  std::mutex mutex_;
  std::condition_variable cv_;
};

// ---- A router: a blocking client socket.

UniqueFd connect_router(const std::string& host, std::uint16_t port) {
  std::string error;
  const auto to = resolve(Endpoint{host, port}, true, error);
  EXPECT_TRUE(to) << error;
  if (!to) return {};
  UniqueFd fd(::socket(to->family(), SOCK_STREAM | SOCK_CLOEXEC, 0));
  const timeval five{5, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &five, sizeof five);
  EXPECT_EQ(::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to->storage), to->length), 0)
      << errno_text(errno);
  return fd;
}

void send_all(int fd, Bytes bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    ASSERT_GT(n, 0) << errno_text(errno);
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
}

// The station closed the connection: EOF (or a reset), not the 5 s receive timeout.
bool closed_by_station(int fd) {
  std::uint8_t byte = 0;
  const ssize_t n = ::recv(fd, &byte, 1, 0);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

std::size_t connected(StationRecorder& rec) {
  return rec.locked([](const StationRecorder& r) { return r.order.size(); });
}

// Connects `count` routers one after another, each seen by the station before the next, so the
// ids follow the order of the sockets.
std::vector<UniqueFd> connect_routers(BmpStation& station, StationRecorder& rec, int count,
                                      const std::string& host = "127.0.0.1") {
  std::vector<UniqueFd> fds;
  for (int i = 0; i < count; ++i) {
    const std::size_t before = connected(rec);
    fds.push_back(connect_router(host, station.listening_port()));
    EXPECT_TRUE(rec.wait_for([&](const StationRecorder& r) { return r.order.size() > before; }));
  }
  return fds;
}

// Each test: a recorder, and a station on an ephemeral loopback port unless it says otherwise.
class BmpStationTest : public ::testing::Test {
 protected:
  StationRecorder rec;
  BmpStationOptions options{.listen_at = {"127.0.0.1", 0}};
};

TEST_F(BmpStationTest, SeveralRoutersEachStreamArrivesWholeInOrderUnderItsId) {
  options.read_size = 4096;  // smaller than the session: reads must cut messages
  BmpStation station(options, rec);
  ASSERT_EQ(station.start(), "");
  ASSERT_NE(station.listening_port(), 0);

  std::vector<UniqueFd> fds = connect_routers(station, rec, 3);
  EXPECT_EQ(station.routers(), 3u);
  EXPECT_EQ(rec.locked([](const StationRecorder& r) { return r.order; }),
            (std::vector<std::uint32_t>{1, 2, 3}));

  // The three sessions interleaved message by message, some messages in two writes.
  std::vector<ByteVector> sent(3);
  std::vector<std::vector<ByteVector>> sessions;
  for (int n = 1; n <= 3; ++n)
    sessions.push_back(router_session(n));
  for (std::size_t m = 0; m < sessions[0].size(); ++m) {
    for (std::size_t r = 0; r < 3; ++r) {
      const ByteVector& msg = sessions[r][m];
      const std::size_t cut = (m + r) % 2 ? msg.size() / 3 : msg.size();
      send_all(fds[r].get(), Bytes(msg).first(cut));
      send_all(fds[r].get(), Bytes(msg).subspan(cut));
      sent[r].insert(sent[r].end(), msg.begin(), msg.end());
    }
  }
  const std::size_t total = sent[0].size() + sent[1].size() + sent[2].size();
  ASSERT_GT(sent[0].size(), 3 * options.read_size);
  ASSERT_TRUE(rec.wait_for([&](const StationRecorder& r) {
    std::size_t got = 0;
    for (const auto& [id, record] : r.routers)
      got += record.bytes.size();
    return got >= total;
  })) << "the station passed on "
      << station.bytes_read() << " of " << total << " octets";

  EXPECT_EQ(station.bytes_read(), total);
  rec.locked([&](const StationRecorder& r) {
    ASSERT_EQ(r.routers.size(), 3u);
    for (std::uint32_t id = 1; id <= 3; ++id) {
      const RouterRecord& record = r.routers.at(id);
      const int fd = fds[id - 1].get();
      EXPECT_EQ(record.bytes, sent[id - 1]) << "router " << id;
      EXPECT_LE(record.largest_read, options.read_size) << "router " << id;
      // The router's end is the client socket's own address; the station's is the listener's.
      EXPECT_EQ(record.router_end, local_endpoint(fd)) << "router " << id;
      EXPECT_EQ(record.local_end, remote_endpoint(fd)) << "router " << id;
      EXPECT_EQ(record.local_end.address.text(), "127.0.0.1");
      EXPECT_EQ(record.local_end.port, station.listening_port());
      EXPECT_EQ(record.closed, "");
    }
    EXPECT_TRUE(r.errors.empty());
    EXPECT_GT(r.last_wall_ns, 1'600'000'000LL * 1'000'000'000LL);  // Unix time in ns
  });

  // The station only listens (RFC 7854 §3.3): nothing ever came back to a router.
  for (const UniqueFd& fd : fds) {
    std::uint8_t byte = 0;
    const ssize_t n = ::recv(fd.get(), &byte, 1, MSG_DONTWAIT);
    const int err = errno;
    EXPECT_EQ(n, -1);
    EXPECT_EQ(err, EAGAIN);
  }
}

TEST_F(BmpStationTest, ARouterClosingIsReportedAndItsIdIsNotReused) {
  BmpStation station(options, rec);
  ASSERT_EQ(station.start(), "");
  std::vector<UniqueFd> fds = connect_routers(station, rec, 2);

  const ByteVector hello = initiation("leaving");
  send_all(fds[0].get(), hello);
  fds[0].reset();
  ASSERT_TRUE(
      rec.wait_for([](const StationRecorder& r) { return !r.routers.at(1).closed.empty(); }));
  EXPECT_EQ(station.routers(), 1u);
  rec.locked([&](const StationRecorder& r) {
    EXPECT_EQ(r.routers.at(1).bytes, hello);  // what it sent before closing arrived first
    EXPECT_EQ(r.routers.at(1).closed, "the router closed the connection");
    EXPECT_EQ(r.routers.at(2).closed, "");
  });

  // The other router carries on; a new one gets a new id.
  const ByteVector still = initiation("staying");
  send_all(fds[1].get(), still);
  fds.push_back(connect_router("127.0.0.1", station.listening_port()));
  ASSERT_TRUE(rec.wait_for([&](const StationRecorder& r) {
    return r.order.size() == 3 && r.routers.at(2).bytes.size() == still.size();
  }));
  EXPECT_EQ(rec.locked([](const StationRecorder& r) { return r.order; }),
            (std::vector<std::uint32_t>{1, 2, 3}));
  EXPECT_EQ(station.routers(), 2u);
}

TEST_F(BmpStationTest, ConnectionsOverMaxRoutersAreRefusedAndReported) {
  options.max_routers = 2;
  BmpStation station(options, rec);
  ASSERT_EQ(station.start(), "");
  std::vector<UniqueFd> fds = connect_routers(station, rec, 2);

  UniqueFd third = connect_router("127.0.0.1", station.listening_port());
  ASSERT_TRUE(rec.wait_for([](const StationRecorder& r) { return !r.errors.empty(); }));
  EXPECT_TRUE(closed_by_station(third.get()));
  const std::string error = rec.locked([](const StationRecorder& r) { return r.errors.at(0); });
  EXPECT_NE(error.find("refused a BMP connection from " + local_endpoint(third.get()).text()),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("2 routers"), std::string::npos) << error;
  EXPECT_EQ(station.routers(), 2u);

  // A refused connection takes no id; once a place is free, the next router gets id 3.
  fds[0].reset();
  ASSERT_TRUE(
      rec.wait_for([](const StationRecorder& r) { return !r.routers.at(1).closed.empty(); }));
  fds.push_back(connect_router("127.0.0.1", station.listening_port()));
  ASSERT_TRUE(rec.wait_for([](const StationRecorder& r) { return r.order.size() == 3; }));
  EXPECT_EQ(rec.locked([](const StationRecorder& r) { return r.order.back(); }), 3u);
  EXPECT_EQ(rec.locked([](const StationRecorder& r) { return r.errors.size(); }), 1u);
}

TEST_F(BmpStationTest, StopWithRoutersConnectedIsPromptAndClosesThemAll) {
  options.idle_interval = 30s;  // only the eventfd can wake the loop in time
  BmpStation station(options, rec);
  ASSERT_EQ(station.start(), "");
  std::vector<UniqueFd> fds = connect_routers(station, rec, 3);

  const auto begin = std::chrono::steady_clock::now();
  station.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 1s);
  EXPECT_EQ(station.routers(), 0u);
  rec.locked([](const StationRecorder& r) {
    for (std::uint32_t id = 1; id <= 3; ++id)
      EXPECT_EQ(r.routers.at(id).closed, "the station stopped") << "router " << id;
  });
  for (const UniqueFd& fd : fds)
    EXPECT_TRUE(closed_by_station(fd.get()));
  station.stop();  // twice is fine
  // The listener is gone too.
  std::string error;
  const auto at = resolve(Endpoint{"127.0.0.1", station.listening_port()}, true, error);
  ASSERT_TRUE(at);
  UniqueFd probe(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  EXPECT_NE(::connect(probe.get(), reinterpret_cast<const sockaddr*>(&at->storage), at->length), 0);
}

TEST_F(BmpStationTest, IdleComesAtTheIntervalWithoutRouters) {
  options.idle_interval = 20ms;
  BmpStation station(options, rec);
  ASSERT_EQ(station.start(), "");
  EXPECT_TRUE(rec.wait_for([](const StationRecorder& r) { return r.idles >= 5; }, 2s));
}

TEST_F(BmpStationTest, APortInUseIsReportedByStart) {
  BmpStation first(options, rec);
  ASSERT_EQ(first.start(), "");
  options.listen_at.port = first.listening_port();
  BmpStation second(options, rec);
  const std::string error = second.start();
  EXPECT_EQ(error, "cannot listen on 127.0.0.1:" + std::to_string(first.listening_port()) +
                       ": Address already in use");
  EXPECT_EQ(second.listening_port(), 0);
  second.stop();  // never started: nothing to do
}

TEST_F(BmpStationTest, IPv6Loopback) {
  {
    // Only the environment may lack ::1 (some containers); the station is not at fault then.
    UniqueFd probe(::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in6 any{};
    any.sin6_family = AF_INET6;
    any.sin6_addr = in6addr_loopback;
    if (!probe || ::bind(probe.get(), reinterpret_cast<sockaddr*>(&any), sizeof any) != 0)
      GTEST_SKIP() << "no IPv6 loopback here: " << errno_text(errno);
  }
  options.listen_at = {"::1", 0};
  BmpStation station(options, rec);
  ASSERT_EQ(station.start(), "");
  std::vector<UniqueFd> fds = connect_routers(station, rec, 2, "::1");
  const std::vector<ByteVector> session = router_session(6);
  for (const ByteVector& m : session)
    send_all(fds[1].get(), m);
  const std::size_t size = [&] {
    std::size_t s = 0;
    for (const ByteVector& m : session)
      s += m.size();
    return s;
  }();
  ASSERT_TRUE(rec.wait_for([&](const StationRecorder& r) {
    return r.routers.count(2) && r.routers.at(2).bytes.size() == size;
  }));
  rec.locked([&](const StationRecorder& r) {
    const RouterRecord& record = r.routers.at(2);
    EXPECT_EQ(record.router_end.address.version, 6);
    EXPECT_EQ(record.router_end.address.text(), "::1");
    EXPECT_EQ(record.router_end, local_endpoint(fds[1].get()));
    EXPECT_EQ(record.local_end.port, station.listening_port());
    EXPECT_TRUE(r.routers.at(1).bytes.empty());
  });
}

}  // namespace
}  // namespace bgplens::live

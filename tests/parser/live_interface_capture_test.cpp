// Capturing from an interface through libpcap: a TCP connection over loopback, captured on "lo"
// with a port filter, must arrive as Ethernet frames (Linux loopback's link type) that carry the
// payload, with sane times; and start() must explain what went wrong — a bad filter, an unknown
// interface, a missing permission (really dropped in a child process), an interface that is down
// (loopback in a fresh network namespace). Capturing needs root; CI runs these as root.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "live/interface_capture.h"
#include "live/socket_util.h"

namespace bgplens::live {
namespace {

using namespace std::chrono_literals;

struct Frame {
  std::int64_t time_ns = 0;
  std::vector<std::uint8_t> data;
  std::uint32_t wire_length = 0;
  int link_type = 0;
};

class FrameRecorder final : public CaptureObserver {
 public:
  void on_frame(const CapturedFrame& f) override {
    add([&] {
      frames.push_back(
          Frame{f.time_ns, {f.data.begin(), f.data.end()}, f.wire_length, f.link_type});
    });
  }
  void on_idle(std::int64_t) override {
    add([&] { ++idles; });
  }
  void on_error(const std::string& text) override {
    add([&] { errors.push_back(text); });
  }
  bool wait_for(const std::function<bool(const FrameRecorder&)>& done,
                std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return done(*this); });
  }
  template <class F>
  auto locked(F&& f) {
    std::lock_guard lock(mutex_);
    return f(*this);
  }

  std::vector<Frame> frames;
  std::vector<std::string> errors;
  int idles = 0;

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

bool contains(const std::vector<std::uint8_t>& data, const std::string& text) {
  return std::search(data.begin(), data.end(), text.begin(), text.end()) != data.end();
}

// The TCP ports of an Ethernet + IPv4 + TCP frame, or {0, 0}.
std::pair<std::uint16_t, std::uint16_t> tcp_ports(const std::vector<std::uint8_t>& f) {
  if (f.size() < 14 + 20 + 4 || f[12] != 0x08 || f[13] != 0x00 || f[14 + 9] != IPPROTO_TCP)
    return {0, 0};
  const std::size_t tcp = 14 + 4 * std::size_t(f[14] & 0x0f);
  if (f.size() < tcp + 4) return {0, 0};
  return {std::uint16_t(f[tcp] << 8 | f[tcp + 1]), std::uint16_t(f[tcp + 2] << 8 | f[tcp + 3])};
}

// A listener on a free loopback port: the port the capture filters on.
struct Listener {
  UniqueFd fd;
  std::uint16_t port = 0;
  SocketAddress address;
};

Listener loopback_listener() {
  Listener l;
  std::string error;
  const auto at = resolve(Endpoint{"127.0.0.1", 0}, true, error);
  EXPECT_TRUE(at) << error;
  if (!at) return l;
  l.fd = open_listener(*at, error);
  EXPECT_TRUE(l.fd) << error;
  l.port = bound_port(l.fd.get());
  l.address = resolve(Endpoint{"127.0.0.1", l.port}, true, error).value_or(SocketAddress{});
  return l;
}

// Only root (or a program given the capabilities) may capture; CI runs the tests as root.
bool may_capture() {
  return ::geteuid() == 0;
}

TEST(InterfaceCapture, LoopbackTcpIsCapturedWithItsPayloadAndSaneTimes) {
  if (!may_capture()) GTEST_SKIP() << "capturing needs root; " << capture_permission_hint();
  Listener listener = loopback_listener();
  ASSERT_NE(listener.port, 0);
  FrameRecorder rec;
  CaptureOptions options;
  options.interface = "lo";
  options.filter = "tcp port " + std::to_string(listener.port);
  options.idle_interval = 20ms;
  InterfaceCapture capture(options, rec);
  const std::int64_t before = wall_clock_ns();
  ASSERT_EQ(capture.start(), "");

  UniqueFd client(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  ASSERT_EQ(::connect(client.get(), reinterpret_cast<const sockaddr*>(&listener.address.storage),
                      listener.address.length),
            0)
      << errno_text(errno);
  const std::string payload = "bgplens capture payload " + std::to_string(listener.port);
  ASSERT_EQ(::send(client.get(), payload.data(), payload.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(payload.size()));
  ASSERT_TRUE(rec.wait_for([&](const FrameRecorder& r) {
    return std::any_of(r.frames.begin(), r.frames.end(),
                       [&](const Frame& f) { return contains(f.data, payload); });
  })) << "no frame carried the payload";
  client.reset();  // the FIN exchange: more frames
  ASSERT_TRUE(rec.wait_for([](const FrameRecorder& r) { return r.idles >= 2; }));
  capture.stop();
  const std::int64_t after = wall_clock_ns();

  rec.locked([&](const FrameRecorder& r) {
    // SYN, SYN-ACK, ACK, the data, its ACK: all seen, and only this port's segments.
    EXPECT_GE(r.frames.size(), 5u);
    EXPECT_GE(capture.frames(), r.frames.size());
    std::int64_t previous = 0;
    for (const Frame& f : r.frames) {
      EXPECT_EQ(f.link_type, DLT_EN10MB);
      EXPECT_EQ(f.data.size(), f.wire_length);  // far under the snaplen
      const auto [from, to] = tcp_ports(f.data);
      EXPECT_TRUE(from == listener.port || to == listener.port) << from << " -> " << to;
      // Kernel times: within the test's own clock readings (a little slack for the clocks'
      // granularity), and in order.
      EXPECT_GE(f.time_ns, before - 1'000'000);
      EXPECT_LE(f.time_ns, after + 1'000'000);
      EXPECT_GE(f.time_ns, previous);
      previous = f.time_ns;
    }
    EXPECT_TRUE(r.errors.empty()) << r.errors.front();
  });
  EXPECT_EQ(capture.dropped(), 0u);
}

TEST(InterfaceCapture, StopIsPrompt) {
  if (!may_capture()) GTEST_SKIP() << "capturing needs root; " << capture_permission_hint();
  FrameRecorder rec;
  CaptureOptions options;
  options.interface = "lo";
  options.idle_interval = 30s;  // only the eventfd can wake the thread in time
  InterfaceCapture capture(options, rec);
  ASSERT_EQ(capture.start(), "");
  std::this_thread::sleep_for(50ms);
  const auto begin = std::chrono::steady_clock::now();
  capture.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 1s);
  capture.stop();  // twice is fine
}

TEST(InterfaceCapture, AFilterThatDoesNotCompileIsNamed) {
  if (!may_capture()) GTEST_SKIP() << "capturing needs root; " << capture_permission_hint();
  FrameRecorder rec;
  CaptureOptions options;
  options.interface = "lo";
  options.filter = "tcp port bogusport";
  InterfaceCapture capture(options, rec);
  // What libpcap says of the filter on its own, for Ethernet (lo's link type).
  pcap_t* dead = pcap_open_dead(DLT_EN10MB, 65535);
  ASSERT_NE(dead, nullptr);
  bpf_program program{};
  ASSERT_NE(pcap_compile(dead, &program, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN), 0);
  const std::string pcap_text = pcap_geterr(dead);
  pcap_close(dead);
  EXPECT_EQ(capture.start(),
            "the capture filter \"tcp port bogusport\" does not compile: " + pcap_text);
}

TEST(InterfaceCapture, AnUnknownInterfaceIsNamedWithTheOnesThatExist) {
  if (!may_capture()) GTEST_SKIP() << "capturing needs root; " << capture_permission_hint();
  FrameRecorder rec;
  CaptureOptions options;
  options.interface = "bgplens-nope0";
  InterfaceCapture capture(options, rec);
  const std::string error = capture.start();
  EXPECT_NE(error.find("there is no interface named \"bgplens-nope0\""), std::string::npos)
      << error;
  EXPECT_NE(error.find("the interfaces here: "), std::string::npos) << error;
  EXPECT_NE(error.find("lo"), std::string::npos) << error;
}

TEST(InterfaceCapture, ListedInterfacesIncludeLoopback) {
  std::string error;
  const std::vector<InterfaceInfo> list = list_interfaces(error);
  EXPECT_EQ(error, "");
  const auto lo =
      std::find_if(list.begin(), list.end(), [](const InterfaceInfo& i) { return i.name == "lo"; });
  ASSERT_NE(lo, list.end());
  EXPECT_TRUE(lo->loopback);
  EXPECT_TRUE(lo->up);
  EXPECT_NE(std::find(lo->addresses.begin(), lo->addresses.end(), "127.0.0.1"),
            lo->addresses.end());
}

TEST(InterfaceCapture, ThePermissionHintNamesThisProgramAndTheCapabilities) {
  const std::string hint = capture_permission_hint();
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  EXPECT_NE(hint.find("run as root"), std::string::npos) << hint;
  EXPECT_NE(hint.find("`sudo setcap cap_net_raw,cap_net_admin=eip " + self + "`"),
            std::string::npos)
      << hint;
}

TEST(InterfaceCapture, ActivationErrorsBecomeSentences) {
  const std::string hint = capture_permission_hint();
  const std::string denied =
      activation_error_text(PCAP_ERROR_PERM_DENIED, "eth0", "socket: Operation not permitted", {});
  EXPECT_EQ(denied, "no permission to capture on eth0 (socket: Operation not permitted); " + hint);
  // A plain PCAP_ERROR whose text is EPERM's is the same story.
  EXPECT_EQ(activation_error_text(PCAP_ERROR, "eth0", "socket: Operation not permitted", {}),
            denied);
  EXPECT_NE(activation_error_text(PCAP_ERROR_PROMISC_PERM_DENIED, "eth0", "", {})
                .find("in promiscuous mode; " + hint),
            std::string::npos);
  EXPECT_EQ(activation_error_text(PCAP_ERROR_NO_SUCH_DEVICE, "eth9", "", {"lo", "eth0"}),
            "there is no interface named \"eth9\"; the interfaces here: lo, eth0");
  EXPECT_EQ(activation_error_text(PCAP_ERROR_IFACE_NOT_UP, "eth0", "", {}),
            "interface eth0 is down; bring it up (`ip link set eth0 up`) and start again");
  EXPECT_EQ(activation_error_text(PCAP_ERROR, "eth0", "something else", {}),
            "cannot capture on eth0: something else");
}

// Runs `body` in a forked child and returns what it wrote to the pipe, or why it failed. The
// child only starts a capture (no threads of its own before exec-less exit).
std::string in_child(const std::function<std::string()>& body) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "pipe: " + errno_text(errno);
  UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  const pid_t pid = ::fork();
  if (pid < 0) return "fork: " + errno_text(errno);
  if (pid == 0) {
    read_end.reset();
    const std::string text = body();
    [[maybe_unused]] const ssize_t n = ::write(write_end.get(), text.data(), text.size());
    ::_exit(0);
  }
  write_end.reset();
  std::string text;
  char buffer[1024];
  for (ssize_t n; (n = ::read(read_end.get(), buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) text += " [the child failed]";
  return text;
}

TEST(InterfaceCapture, WithoutThePermissionStartSaysWhatToDo) {
  if (!may_capture()) GTEST_SKIP() << "this test drops root's capabilities in a child";
  const std::string error = in_child([] {
    // As root, becoming nobody clears the effective capabilities (capabilities(7)).
    if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0)
      return "setresuid: " + errno_text(errno);
    FrameRecorder rec;
    CaptureOptions options;
    options.interface = "lo";
    InterfaceCapture capture(options, rec);
    return capture.start();
  });
  EXPECT_EQ(error.rfind("no permission to capture on lo", 0), 0u) << error;
  EXPECT_NE(error.find(capture_permission_hint()), std::string::npos) << error;
}

TEST(InterfaceCapture, AnInterfaceThatIsDownIsSaidToBe) {
  if (!may_capture()) GTEST_SKIP() << "this test makes a network namespace";
  const std::string error = in_child([] {
    // A new network namespace has only its own loopback, and that one is down.
    if (::unshare(CLONE_NEWNET) != 0) return "unshare: " + errno_text(errno);
    FrameRecorder rec;
    CaptureOptions options;
    options.interface = "lo";
    InterfaceCapture capture(options, rec);
    return capture.start();
  });
  if (error.rfind("unshare: ", 0) == 0) GTEST_SKIP() << "no network namespaces here: " << error;
  EXPECT_EQ(error, "interface lo is down; bring it up (`ip link set lo up`) and start again");
}

}  // namespace
}  // namespace bgplens::live

#include "live/interface_capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "live/socket_util.h"

namespace bgplens::live {
namespace {

// Frames handed over per pcap_dispatch call, and calls per wake-up: a busy interface cannot
// keep the thread from its stop request and its idle ticks for long.
constexpr int kFramesPerDispatch = 256;
constexpr int kDispatchesPerWake = 8;

struct PcapClose {
  void operator()(pcap_t* p) const { pcap_close(p); }
};
using PcapHandle = std::unique_ptr<pcap_t, PcapClose>;

std::string address_of(const sockaddr* sa) {
  char text[INET6_ADDRSTRLEN] = {};
  if (sa == nullptr) return {};
  if (sa->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, sa, sizeof in);
    return ::inet_ntop(AF_INET, &in.sin_addr, text, sizeof text) ? text : "";
  }
  if (sa->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, sa, sizeof in6);
    return ::inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text) ? text : "";
  }
  return {};  // AF_PACKET and the like: not an address a user looks for
}

bool mentions_permission(std::string_view text) {
  return text.find("Operation not permitted") != std::string_view::npos ||
         text.find("Permission denied") != std::string_view::npos;
}

}  // namespace

std::vector<InterfaceInfo> list_interfaces(std::string& error) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_if_t* all = nullptr;
  if (pcap_findalldevs(&all, errbuf) != 0) {
    error = std::string("cannot list the interfaces: ") + errbuf;
    return {};
  }
  std::vector<InterfaceInfo> list;
  for (const pcap_if_t* d = all; d != nullptr; d = d->next) {
    InterfaceInfo info;
    info.name = d->name;
    if (d->description) info.description = d->description;
    for (const pcap_addr_t* a = d->addresses; a != nullptr; a = a->next) {
      if (std::string text = address_of(a->addr); !text.empty())
        info.addresses.push_back(std::move(text));
    }
    info.up = (d->flags & PCAP_IF_UP) != 0;
    info.loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
    list.push_back(std::move(info));
  }
  pcap_freealldevs(all);
  return list;
}

std::string capture_permission_hint() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::string program = ec ? std::string("<path of this program>") : self.string();
  // Linux packet sockets need CAP_NET_RAW; setting up the capture ring and promiscuous mode
  // need CAP_NET_ADMIN.
  return "capturing needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities: run as root, or "
         "grant them to the program once with `sudo setcap cap_net_raw,cap_net_admin=eip " +
         program + "`";
}

std::string activation_error_text(int status, std::string_view interface,
                                  std::string_view pcap_text,
                                  const std::vector<std::string>& known) {
  const std::string name(interface);
  const std::string detail = pcap_text.empty() ? "" : " (" + std::string(pcap_text) + ")";
  switch (status) {
    case PCAP_ERROR_NO_SUCH_DEVICE: {
      std::string list;
      for (const std::string& k : known)
        list += (list.empty() ? "" : ", ") + k;
      return "there is no interface named \"" + name + "\"; " +
             (list.empty() ? "no interface was found" : "the interfaces here: " + list);
    }
    case PCAP_ERROR_PERM_DENIED:
      return "no permission to capture on " + name + detail + "; " + capture_permission_hint();
    case PCAP_ERROR_PROMISC_PERM_DENIED:
      return "no permission to capture on " + name + " in promiscuous mode" + detail + "; " +
             capture_permission_hint();
    case PCAP_ERROR_IFACE_NOT_UP:
      return "interface " + name + " is down; bring it up (`ip link set " + name +
             " up`) and start again";
    default:
      // Some libpcap paths give a plain PCAP_ERROR for EPERM.
      if (mentions_permission(pcap_text))
        return "no permission to capture on " + name + detail + "; " + capture_permission_hint();
      return "cannot capture on " + name + ": " +
             (pcap_text.empty() ? std::string(pcap_statustostr(status)) : std::string(pcap_text));
  }
}

// The capture thread's world: the pcap handle and the eventfd that stops it.
class InterfaceCapture::Loop {
 public:
  explicit Loop(InterfaceCapture& owner) : owner_(owner), options_(owner.options_) {}

  std::string open();
  void run();
  void wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake_.get(), &one, sizeof one);
  }

 private:
  static void on_packet(u_char* user, const pcap_pkthdr* header, const u_char* bytes);
  std::string activate();
  std::string install_filter();
  std::string interface_down_text() const;
  // Hands over what is waiting; false when the capture failed (then reported).
  bool dispatch();
  void update_stats();

  InterfaceCapture& owner_;
  const CaptureOptions& options_;
  PcapHandle pcap_;
  UniqueFd wake_;
  int selectable_ = -1;  // owned by pcap_
  int link_type_ = 0;
  bool nanoseconds_ = false;
  std::string warning_;  // from activation, reported from the thread
};

std::string InterfaceCapture::Loop::activate() {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  const std::string& name = options_.interface;
  pcap_.reset(pcap_create(name.c_str(), errbuf));
  if (!pcap_) return "cannot capture on " + name + ": " + errbuf;
  pcap_t* p = pcap_.get();
  pcap_set_snaplen(p, options_.snaplen);
  pcap_set_promisc(p, options_.promiscuous ? 1 : 0);
  // Immediate mode hands frames over as they come; the timeout only matters without it.
  pcap_set_timeout(p, static_cast<int>(std::max<Millis::rep>(options_.idle_interval.count(), 1)));
  pcap_set_immediate_mode(p, 1);
  // Nanoseconds where the kernel has them; otherwise microseconds (checked after activation).
  pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
  const int status = pcap_activate(p);
  if (status < 0) {
    std::vector<std::string> known;
    if (status == PCAP_ERROR_NO_SUCH_DEVICE) {
      std::string ignored;
      for (const InterfaceInfo& i : list_interfaces(ignored))
        known.push_back(i.name);
    }
    return activation_error_text(status, name, pcap_geterr(p), known);
  }
  if (status > 0) {
    const std::string text = pcap_geterr(p);
    warning_ = "capture on " + name + ": " +
               (status == PCAP_WARNING && !text.empty() ? text : pcap_statustostr(status));
  }
  nanoseconds_ = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO;
  link_type_ = pcap_datalink(p);
  return interface_down_text();
}

// Linux lets a down interface be opened; it then captures nothing, silently. Say so instead.
std::string InterfaceCapture::Loop::interface_down_text() const {
  std::string error;
  for (const InterfaceInfo& i : list_interfaces(error)) {
    if (i.name == options_.interface && !i.up)
      return activation_error_text(PCAP_ERROR_IFACE_NOT_UP, i.name, "", {});
  }
  return {};
}

std::string InterfaceCapture::Loop::install_filter() {
  bpf_program program{};
  if (pcap_compile(pcap_.get(), &program, options_.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
    return "the capture filter \"" + options_.filter +
           "\" does not compile: " + pcap_geterr(pcap_.get());
  const int rc = pcap_setfilter(pcap_.get(), &program);
  pcap_freecode(&program);
  if (rc != 0)
    return "cannot install the capture filter \"" + options_.filter +
           "\": " + pcap_geterr(pcap_.get());
  return {};
}

std::string InterfaceCapture::Loop::open() {
  if (options_.interface.empty()) return "no interface to capture on";
  if (std::string error = activate(); !error.empty()) return error;
  if (std::string error = install_filter(); !error.empty()) return error;
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  if (pcap_setnonblock(pcap_.get(), 1, errbuf) != 0)
    return "cannot capture on " + options_.interface + ": " + errbuf;
  selectable_ = pcap_get_selectable_fd(pcap_.get());
  if (selectable_ < 0)
    return "cannot capture on " + options_.interface + ": it cannot be waited on with poll()";
  wake_.reset(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  if (!wake_) return "eventfd: " + errno_text(errno);
  return {};
}

void InterfaceCapture::Loop::on_packet(u_char* user, const pcap_pkthdr* header,
                                       const u_char* bytes) {
  auto& loop = *reinterpret_cast<Loop*>(user);
  const std::int64_t fraction = header->ts.tv_usec;  // nanoseconds in nano precision
  CapturedFrame frame;
  frame.time_ns = static_cast<std::int64_t>(header->ts.tv_sec) * 1'000'000'000 +
                  (loop.nanoseconds_ ? fraction : fraction * 1'000);
  frame.data = Bytes(bytes, header->caplen);
  frame.wire_length = header->len;
  frame.link_type = loop.link_type_;
  ++loop.owner_.frames_;
  loop.owner_.observer_.on_frame(frame);
}

bool InterfaceCapture::Loop::dispatch() {
  for (int round = 0; round < kDispatchesPerWake; ++round) {
    const int n = pcap_dispatch(pcap_.get(), kFramesPerDispatch, &Loop::on_packet,
                                reinterpret_cast<u_char*>(this));
    if (n < 0) {
      owner_.observer_.on_error("the capture on " + options_.interface +
                                " stopped: " + pcap_geterr(pcap_.get()));
      return false;
    }
    if (n < kFramesPerDispatch) return true;
  }
  return true;
}

void InterfaceCapture::Loop::update_stats() {
  pcap_stat stats{};
  if (pcap_stats(pcap_.get(), &stats) == 0) owner_.dropped_.store(stats.ps_drop);
}

void InterfaceCapture::Loop::run() {
  if (!warning_.empty()) owner_.observer_.on_error(warning_);
  TimePoint last_idle = Clock::now();
  for (;;) {
    pollfd fds[2] = {{wake_.get(), POLLIN, 0}, {selectable_, POLLIN, 0}};
    const TimePoint now = Clock::now();
    const auto wait = std::chrono::ceil<Millis>(last_idle + options_.idle_interval - now);
    if (::poll(fds, 2, static_cast<int>(std::max<Millis::rep>(wait.count(), 0))) < 0 &&
        errno != EINTR) {
      owner_.observer_.on_error("poll: " + errno_text(errno));
      break;
    }
    if (fds[0].revents) break;  // stop
    // Also without POLLIN: libpcap may hold frames it read ahead, and this is cheap.
    if (!dispatch()) break;
    if (const TimePoint t = Clock::now(); t >= last_idle + options_.idle_interval) {
      last_idle = t;
      update_stats();
      owner_.observer_.on_idle(wall_clock_ns());
    }
  }
  update_stats();
}

InterfaceCapture::InterfaceCapture(CaptureOptions options, CaptureObserver& observer)
    : options_(std::move(options)), observer_(observer) {}

InterfaceCapture::~InterfaceCapture() {
  stop();
}

std::string InterfaceCapture::start() {
  return loop_.start(*this);
}

void InterfaceCapture::stop() {
  loop_.stop();
}

}  // namespace bgplens::live

// Capturing from a network interface through libpcap (Linux): a thread waits on the capture's
// selectable descriptor and an eventfd, and hands each frame that passes the BPF filter to a
// CaptureObserver. Start-up failures come back as sentences a user can act on (no such
// interface, missing permission, a filter that does not compile, interface down). Qt-free.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "live/loop_thread.h"
#include "live/session_events.h"
#include "util/bytes.h"

namespace bgplens::live {

struct CaptureOptions {
  std::string interface;
  std::string filter = "tcp port 179";  // BPF (pcap-filter(7)); empty: every frame
  int snaplen = 262144;
  bool promiscuous = false;
  Millis idle_interval{50};  // on_idle at least this often
};

struct CapturedFrame {
  std::int64_t time_ns = 0;  // Unix time; nanosecond precision where the kernel gives it
  Bytes data;                // the captured bytes (at most snaplen); valid during the call
  std::uint32_t wire_length = 0;
  int link_type = 0;  // DLT_* (DLT_EN10MB on Linux loopback too)
};

// Reports of a capture, called on the capture's thread.
class CaptureObserver {
 public:
  virtual ~CaptureObserver() = default;
  virtual void on_frame(const CapturedFrame& frame) = 0;
  virtual void on_idle(std::int64_t wall_ns) { (void)wall_ns; }
  // A warning from activation, or the error that ended the capture (the interface went away).
  virtual void on_error(const std::string& text) = 0;
};

class InterfaceCapture {
 public:
  // The observer must outlive the capture and be safe to call from the capture's thread.
  InterfaceCapture(CaptureOptions options, CaptureObserver& observer);
  ~InterfaceCapture();  // stop()
  InterfaceCapture(const InterfaceCapture&) = delete;
  InterfaceCapture& operator=(const InterfaceCapture&) = delete;

  // Opens and activates the interface, installs the filter and starts the thread. Empty on
  // success, else a message for the user.
  std::string start();
  // Prompt (an eventfd wakes the thread), joins. Safe to call twice; not from the observer.
  void stop();

  std::uint64_t frames() const { return frames_.load(); }
  // Frames the kernel dropped because we did not read fast enough (pcap_stats ps_drop), as of
  // the last idle tick.
  std::uint64_t dropped() const { return dropped_.load(); }

 private:
  class Loop;
  CaptureOptions options_;
  CaptureObserver& observer_;
  LoopThread<Loop> loop_;
  std::atomic<std::uint64_t> frames_{0};
  std::atomic<std::uint64_t> dropped_{0};
};

struct InterfaceInfo {
  std::string name;
  std::string description;
  std::vector<std::string> addresses;  // IPv4 and IPv6, as text
  bool up = false;
  bool loopback = false;
};

// The interfaces libpcap can open (pcap_findalldevs). Empty with `error` on failure.
std::vector<InterfaceInfo> list_interfaces(std::string& error);

// What to do when capturing is not permitted, naming this program's real path.
std::string capture_permission_hint();

// The message for a failed pcap_activate: `status` is its PCAP_ERROR_* result, `pcap_text`
// pcap_geterr's text, `known` the interfaces there are (named when `interface` is not one).
std::string activation_error_text(int status, std::string_view interface,
                                  std::string_view pcap_text,
                                  const std::vector<std::string>& known);

}  // namespace bgplens::live

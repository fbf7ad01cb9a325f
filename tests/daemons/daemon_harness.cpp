#include "daemons/daemon_harness.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "live/socket_util.h"

extern char** environ;

namespace bgplens::daemons {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> argv_pointers(const std::vector<std::string>& argv) {
  std::vector<char*> p;
  for (const std::string& a : argv)
    p.push_back(const_cast<char*>(a.c_str()));
  p.push_back(nullptr);
  return p;
}

int status_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Starts `argv` with stdin from /dev/null and stdout and stderr to `out_fd`. The child gets
// SIGKILL when the test process dies (PR_SET_PDEATHSIG), so that a test killed at its timeout
// leaves no daemon behind; hence fork and exec rather than posix_spawn. Between the two only
// async-signal-safe calls (the test process has other threads).
std::string spawn(const std::vector<std::string>& argv, int out_fd, pid_t& pid) {
  std::vector<char*> args = argv_pointers(argv);
  const pid_t parent = ::getpid();
  pid = ::fork();
  if (pid < 0) return "cannot start " + argv[0] + ": fork: " + live::errno_text(errno);
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);  // the test process is already gone
    const int null = ::open("/dev/null", O_RDONLY);
    if (null < 0 || ::dup2(null, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(out_fd, 2) < 0)
      ::_exit(126);
    ::execve(args[0], args.data(), environ);
    ::_exit(127);
  }
  return {};
}

std::string tail(const std::string& text, std::size_t n = 4000) {
  return text.size() <= n ? text : "…" + text.substr(text.size() - n);
}

}  // namespace

std::uint16_t free_port(const std::string& host) {
  std::string error;
  const auto at = live::resolve(live::Endpoint{host, 0}, true, error);
  if (!at) return 0;
  const live::UniqueFd fd = live::open_listener(*at, error);
  return fd ? live::bound_port(fd.get()) : 0;
}

bool poll_until(const std::function<bool()>& done, Millis timeout, Millis step) {
  const auto end = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() >= end) return done();
    std::this_thread::sleep_for(step);
  }
  return true;
}

std::string find_program(const std::string& name) {
  std::vector<std::string> dirs;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream s(path);
    for (std::string d; std::getline(s, d, ':');)
      dirs.push_back(d);
  }
  for (const char* d : {"/usr/sbin", "/usr/bin", "/usr/lib/frr", "/sbin"})
    dirs.emplace_back(d);
  for (const std::string& d : dirs) {
    const std::string p = d + "/" + name;
    if (!d.empty() && ::access(p.c_str(), X_OK) == 0) return p;
  }
  return {};
}

std::string command_text(const std::vector<std::string>& argv) {
  std::string t;
  for (const std::string& a : argv)
    t += (t.empty() ? "" : " ") + a;
  return t;
}

CommandResult run_command(const std::vector<std::string>& argv, Millis timeout) {
  CommandResult r;
  std::vector<std::string> args = argv;
  const std::string program = find_program(argv.at(0));
  if (program.empty()) {
    r.output = argv[0] + " is not installed";
    return r;
  }
  args[0] = program;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return r;
  const live::UniqueFd read_end(fds[0]);
  pid_t pid = -1;
  {
    const live::UniqueFd write_end(fds[1]);
    r.output = spawn(args, write_end.get(), pid);
  }
  if (pid < 0) return r;
  const auto end = Clock::now() + timeout;
  bool killed = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<Millis>(end - Clock::now()).count();
    pollfd pfd{read_end.get(), POLLIN, 0};
    if (left <= 0 || ::poll(&pfd, 1, static_cast<int>(left)) <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      r.output += "\n(killed after " + std::to_string(timeout.count()) + " ms)";
      break;
    }
    char buffer[4096];
    const ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
    if (n <= 0) break;
    r.output.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!killed) r.exit_code = status_code(status);
  return r;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "bgplens-daemon-XXXXXX").string();
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

void TempDir::write(const std::string& name, const std::string& text) const {
  std::ofstream(file(name), std::ios::binary | std::ios::trunc) << text;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Process::start(const std::vector<std::string>& argv, const std::string& log_path) {
  const live::UniqueFd log(
      ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!log) return "cannot open " + log_path + ": " + live::errno_text(errno);
  status_ = -1;
  return spawn(argv, log.get(), pid_);
}

bool Process::running() {
  if (pid_ < 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return true;
  status_ = status_code(status);
  pid_ = -1;
  return false;
}

void Process::stop(Millis grace) {
  if (!running()) return;
  ::kill(pid_, SIGTERM);
  if (!poll_until([&] { return !running(); }, grace, 20ms)) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = status_code(status);
    pid_ = -1;
  }
}

Daemon::~Daemon() {
  process_.stop();
  if (::testing::Test::HasFailure()) {
    std::cerr << "---- " << name_ << " log (" << dir_.path() << ") ----\n"
              << tail(log(), 12000) << "\n---- end of " << name_ << " log ----\n";
  }
}

std::string Daemon::launch(const std::string& program, std::vector<std::string> args,
                           const std::function<bool()>& ready) {
  if (dir_.path().empty()) return "mkdtemp failed";
  const std::string path = find_program(program);
  if (path.empty()) {
    return program +
           " is not installed (the test command installs gobgpd, bird2 and frr: see "
           "scripts/lib.sh)";
  }
  args.insert(args.begin(), path);
  if (std::string error = process_.start(args, dir_.file("daemon.log")); !error.empty())
    return error;
  const bool up = poll_until([&] { return !process_.running() || ready(); }, 10s, 50ms);
  if (!process_.running()) {
    return name_ + " exited (status " + std::to_string(process_.exit_status()) +
           ") right after start: " + tail(log());
  }
  if (!up) return name_ + " did not become ready within 10 s: " + tail(log());
  return {};
}

std::string GoBgpConfig::toml() const {
  std::string c = "[global.config]\n  as = " + std::to_string(as) + "\n  router-id = \"" +
                  router_id + "\"\n  port = " + std::to_string(port) + "\n";
  if (port >= 0) c += "  local-address-list = [\"" + address + "\"]\n";
  c += "[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"" + neighbor +
       "\"\n    peer-as = " + std::to_string(neighbor_as) +
       "\n  [neighbors.timers.config]\n    connect-retry = 1\n"
       "  [neighbors.transport.config]\n    local-address = \"" +
       address + "\"\n";
  c += neighbor_port != 0 ? "    remote-port = " + std::to_string(neighbor_port) + "\n"
                          : "    passive-mode = true\n";
  for (const std::string& f : families) {
    c += "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"" +
         f + "\"\n";
    if (add_path_send_max > 0) {
      c += "    [neighbors.afi-safis.add-paths.config]\n      send-max = " +
           std::to_string(add_path_send_max) + "\n      receive = true\n";
    }
  }
  return c + more;
}

std::string GoBgp::start(const std::string& config) {
  api_port_ = free_port();
  dir().write("gobgpd.toml", config);
  return launch("gobgpd",
                {"-f", dir().file("gobgpd.toml"), "-t", "toml", "--api-hosts",
                 "127.0.0.1:" + std::to_string(api_port_), "-l", "debug", "--pprof-disable"},
                [&] { return cli({"neighbor"}).ok(); });
}

CommandResult GoBgp::cli(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"gobgp", "-u", "127.0.0.1", "-p", std::to_string(api_port_)};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

std::string GoBgp::add_route(const std::vector<std::string>& args) {
  std::vector<std::string> all{"global", "rib", "add"};
  all.insert(all.end(), args.begin(), args.end());
  const CommandResult r = cli(all);
  return r.ok() ? std::string() : "gobgp " + command_text(all) + ": " + r.output;
}

std::string Bird::start(const std::string& config) {
  dir().write("bird.conf", config);
  return launch("bird",
                {"-f", "-c", dir().file("bird.conf"), "-s", dir().file("bird.ctl"), "-P",
                 dir().file("bird.pid")},
                [&] {
                  return birdc({"show", "status"}).output.find("Daemon is up") != std::string::npos;
                });
}

CommandResult Bird::birdc(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"birdc", "-s", dir().file("bird.ctl")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

CommandResult Bird::reconfigure(const std::string& config) {
  dir().write("bird.conf", config);
  return birdc({"configure"});
}

std::string FrrBgpd::start(const std::string& config, std::uint16_t port) {
  dir().write("bgpd.conf", config);
  // -Z: no zebra; -S: no capability checks or user change (we run as root in a temp dir);
  // -P 0: no vty TCP port, only the vty socket in our directory.
  return launch("bgpd", {"-f",           dir().file("bgpd.conf"),
                         "-i",           dir().file("bgpd.pid"),
                         "-z",           dir().file("zserv.api"),
                         "--vty_socket", dir().path(),
                         "-p",           std::to_string(port),
                         "-l",           "127.0.0.1",
                         "-Z",           "-S",
                         "-P",           "0",
                         "--log",        "stdout",
                         "--log-level",  "debugging"},
                [&] { return vtysh({"show bgp summary"}).ok(); });
}

CommandResult FrrBgpd::vtysh(const std::vector<std::string>& commands) {
  std::vector<std::string> argv{"vtysh", "--vty_socket", dir().path()};
  for (const std::string& c : commands) {
    argv.push_back("-c");
    argv.push_back(c);
  }
  return run_command(argv);
}

}  // namespace bgplens::daemons

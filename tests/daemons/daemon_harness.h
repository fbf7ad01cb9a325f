// Real BGP daemons for the live tests: gobgpd, BIRD 2 and FRR's bgpd, each started by the test
// with a configuration written to its own temporary directory, on loopback only, with ports
// picked at run time (ctest runs tests in parallel), and stopped by the PID we started
// (SIGTERM, then SIGKILL) when the test's object goes away. The daemon's output goes to a log
// in the temporary directory, printed when the test failed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bgplens::daemons {

using namespace std::chrono_literals;
using Millis = std::chrono::milliseconds;

// A loopback port nobody listens on right now (bound to port 0 and read back, then closed).
std::uint16_t free_port(const std::string& host = "127.0.0.1");

// Calls `done` every `step` until it returns true or `timeout` passes; its last answer.
bool poll_until(const std::function<bool()>& done, Millis timeout, Millis step = 50ms);

// The full path of an installed program (searched in PATH, then /usr/sbin and /usr/lib/frr),
// or empty.
std::string find_program(const std::string& name);

struct CommandResult {
  int exit_code = -1;  // -1: could not run, or killed at the timeout
  std::string output;  // stdout and stderr together
  bool ok() const { return exit_code == 0; }
};
// Runs `argv` to completion (killed after `timeout`), capturing its output.
CommandResult run_command(const std::vector<std::string>& argv, Millis timeout = 10s);
std::string command_text(const std::vector<std::string>& argv);

// A directory made by mkdtemp, removed with its contents at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void write(const std::string& name, const std::string& text) const;

 private:
  std::string path_;
};

std::string read_text(const std::string& path);

// One daemon process: started (fork/exec; killed if the test process dies), output to
// `log_path`, stopped by its PID.
class Process {
 public:
  Process() = default;
  ~Process() { stop(); }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Empty on success, else why the program could not be started.
  std::string start(const std::vector<std::string>& argv, const std::string& log_path);
  // SIGTERM, wait up to `grace`, then SIGKILL; reaps the child. Safe to call twice.
  void stop(Millis grace = 5s);
  // Whether the child still runs (reaps it when it has exited).
  bool running();
  pid_t pid() const { return pid_; }
  // How the child ended: its exit code, 128 + signal, or -1 while running / never started.
  int exit_status() const { return status_; }

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// What every daemon has: a temporary directory, the process and its log, and a readiness
// check. On destruction it stops the daemon and, when the running test failed, prints the log.
class Daemon {
 public:
  explicit Daemon(std::string name) : name_(std::move(name)) {}
  virtual ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  const TempDir& dir() const { return dir_; }
  std::string log() const { return read_text(dir_.file("daemon.log")); }
  Process& process() { return process_; }
  // Stops the daemon now (SIGTERM; the test then looks at how the session ended).
  void stop() { process_.stop(); }

 protected:
  // Starts `program` with `args` (the program must be installed: if not, the error names it),
  // then polls `ready` for up to 10 s. Empty on success, else why not, with the log's end.
  std::string launch(const std::string& program, std::vector<std::string> args,
                     const std::function<bool()>& ready);

 private:
  std::string name_;
  TempDir dir_;
  Process process_;
};

// gobgpd's settings and its one neighbor, written as its TOML configuration.
struct GoBgpConfig {
  std::uint32_t as = 65002;
  std::string router_id = "10.0.0.2";
  std::string address = "127.0.0.1";  // where gobgpd listens and connects from
  int port = 0;                       // its BGP port; -1: it does not listen
  std::string neighbor = "127.0.0.1";
  std::uint32_t neighbor_as = 65001;
  std::uint16_t neighbor_port = 0;  // set: gobgpd connects there; 0: it waits (passive)
  std::vector<std::string> families{"ipv4-unicast", "ipv6-unicast"};
  unsigned add_path_send_max = 0;  // RFC 7911 send (and receive) for the families when > 0
  std::string more;                // appended as it is ([[bmp-servers]], …)
  std::string toml() const;
};

// gobgpd with a TOML configuration; driven through the gobgp CLI on a gRPC port of its own.
class GoBgp : public Daemon {
 public:
  GoBgp() : Daemon("gobgpd") {}
  // `config` is the whole TOML file. Ready once `gobgp neighbor` answers.
  std::string start(const std::string& config);
  std::string start(const GoBgpConfig& config) { return start(config.toml()); }
  // `gobgp -u 127.0.0.1 -p <api port> args...`
  CommandResult cli(const std::vector<std::string>& args);
  // `gobgp global rib add args...`; empty on success, else the command and its output.
  std::string add_route(const std::vector<std::string>& args);
  std::uint16_t api_port() const { return api_port_; }

 private:
  std::uint16_t api_port_ = 0;
};

// BIRD 2 in the foreground with its control socket in the temporary directory.
class Bird : public Daemon {
 public:
  Bird() : Daemon("bird") {}
  std::string start(const std::string& config);  // ready once `birdc show status` answers
  CommandResult birdc(const std::vector<std::string>& args);
  // Replaces the configuration file and tells BIRD to read it again.
  CommandResult reconfigure(const std::string& config);
};

// FRR's bgpd alone (no zebra, no watchfrr), listening on `port` at 127.0.0.1, with its vty
// socket in the temporary directory for vtysh.
class FrrBgpd : public Daemon {
 public:
  FrrBgpd() : Daemon("bgpd") {}
  std::string start(const std::string& config, std::uint16_t port);
  // vtysh with one -c per command, e.g. {"configure terminal", "router bgp 65004", ...}.
  CommandResult vtysh(const std::vector<std::string>& commands);
};

}  // namespace bgplens::daemons

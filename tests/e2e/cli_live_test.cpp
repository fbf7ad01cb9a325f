// bgplens-cli live against a scripted peer on loopback: the JSON lines of both directions as
// the messages pass, the session's end, the recording that reopens as the same messages, and
// the usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "parser/live_hostile_peer.h"
#include "test_support.h"

namespace bgplens::live::testing {
namespace {

using json = nlohmann::json;
using test::cli_path;
using test::CommandResult;
using test::run_command;

// A port nobody listens on now (the kernel's pick for an ephemeral bind).
std::uint16_t free_port() {
  std::string error;
  const auto at = resolve(Endpoint{"127.0.0.1", 0}, true, error);
  UniqueFd fd = open_listener(*at, error);
  return fd ? bound_port(fd.get()) : 0;
}

std::vector<json> json_lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(json::parse(line));
  }
  return lines;
}

// Connects to the CLI once it listens (it starts in another thread).
ScriptedPeer connect_when_listening(std::uint16_t port) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    ScriptedPeer peer = ScriptedPeer::connect_to(port);
    if (peer.ok()) return peer;
    std::this_thread::sleep_for(50ms);
  }
  return ScriptedPeer::connect_to(port);
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "bgplens-live-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST(CliLive, ListensPrintsBothDirectionsAndRecordsWhatReopensTheSame) {
  const std::uint16_t port = free_port();
  ASSERT_NE(port, 0);
  TempDir dir;
  const std::string mrt = (dir.path / "session.mrt").string();
  const std::string pcapng = (dir.path / "session.pcapng").string();
  for (const std::string& file : {mrt, pcapng}) {
    SCOPED_TRACE(file);
    CommandResult cli;
    std::thread run([&] {
      cli = run_command(cli_path() + " live --listen 127.0.0.1:" + std::to_string(port) +
                        " --local-as 65001 --peer-as 65002 --router-id 10.0.0.1 --duration 20" +
                        " --write '" + file + "' 2>/dev/null");
    });
    ScriptedPeer peer = connect_when_listening(port);
    ASSERT_TRUE(peer.ok()) << peer.error();
    ASSERT_TRUE(peer.handshake());
    const ByteVector update = simple_update("10.1.0.0/16");
    ByteVector burst = update;
    const ByteVector cease = gen::notification(6, 2);
    burst.insert(burst.end(), cease.begin(), cease.end());
    ASSERT_TRUE(peer.send(burst));
    EXPECT_TRUE(peer.read_until_closed().closed);
    run.join();  // the session ended (no --reconnect): the CLI exits before its duration
    EXPECT_EQ(cli.exit_code, 0);

    const std::vector<json> lines = json_lines(cli.out);
    ASSERT_EQ(lines.size(), 6u) << cli.out;
    const std::string ours = "127.0.0.1:" + std::to_string(port);
    const int types[] = {1, 1, 4, 4, 2, 3};
    const bool sent[] = {true, false, true, false, false, false};
    for (std::size_t i = 0; i < lines.size(); ++i) {
      EXPECT_EQ(lines[i]["n"], i);
      EXPECT_EQ(lines[i]["type"], types[i]) << i;
      EXPECT_EQ(lines[i]["src"] == ours, sent[i]) << lines[i].dump();
      EXPECT_EQ(lines[i]["dst"] == ours, !sent[i]) << lines[i].dump();
    }
    ASSERT_EQ(lines[4]["nlri"].size(), 1u);
    EXPECT_EQ(lines[4]["nlri"][0]["text"], "10.1.0.0/16");
    EXPECT_EQ(lines[5]["notification"], json::array({6, 2}));

    // The recording holds the same messages, in order, the same way round.
    const CommandResult reopened = run_command(cli_path() + " decode '" + file + "' 2>&1");
    ASSERT_EQ(reopened.exit_code, 0) << reopened.out;
    const std::vector<json> again = json_lines(reopened.out);
    ASSERT_EQ(again.size(), lines.size()) << reopened.out;
    // An MRT row's length and offsets are its record's (README, "CLI"): compare what the
    // message says, not where it sits.
    auto codes = [](const json& items) {
      std::vector<int> out;
      for (const json& item : items)
        out.push_back(item[0].get<int>());
      return out;
    };
    auto texts = [](const json& nlri) {
      std::vector<std::string> out;
      for (const json& n : nlri)
        out.push_back(n["text"].get<std::string>());
      return out;
    };
    for (std::size_t i = 0; i < again.size(); ++i) {
      EXPECT_EQ(again[i]["type"], lines[i]["type"]) << i;
      EXPECT_EQ(again[i]["notification"], lines[i]["notification"]) << i;
      EXPECT_EQ(codes(again[i]["caps"]), codes(lines[i]["caps"])) << i;
      EXPECT_EQ(codes(again[i]["attrs"]), codes(lines[i]["attrs"])) << i;
      EXPECT_EQ(texts(again[i]["nlri"]), texts(lines[i]["nlri"])) << i;
      if (file == pcapng) {
        for (const char* key : {"length", "caps", "attrs", "nlri", "src", "dst"})
          EXPECT_EQ(again[i][key], lines[i][key]) << i << " " << key;
      } else {
        // The peer's address is the row's source for what it sent, ours for what we sent.
        EXPECT_EQ(again[i]["kind"], "mrt");
        const std::string peer_host = "127.0.0.1";
        EXPECT_EQ(again[i]["src"].get<std::string>().substr(0, peer_host.size()), peer_host);
      }
      // MRT BGP4MP_ET keeps microseconds (RFC 6396 §3); pcapng nanoseconds.
      EXPECT_NEAR(again[i]["time"].get<double>(), lines[i]["time"].get<double>(), 2e-6) << i;
    }
  }
}

TEST(CliLive, UsageErrors) {
  EXPECT_EQ(run_command(cli_path() + " live 2>&1").exit_code, 1);
  EXPECT_EQ(run_command(cli_path() + " live --connect 127.0.0.1 --bmp 127.0.0.1:1 2>&1").exit_code,
            1);
  EXPECT_EQ(run_command(cli_path() + " live --connect 127.0.0.1 --local-as x 2>&1").exit_code, 1);
  EXPECT_EQ(run_command(cli_path() + " live --connect 127.0.0.1 --family 9/9/9 2>&1").exit_code, 1);
  EXPECT_EQ(run_command(cli_path() + " live --connect 127.0.0.1 --write out.txt 2>&1").exit_code,
            1);
  // A speaker configuration the RFCs refuse: no BGP identifier (RFC 4271 §4.2).
  const CommandResult bad =
      run_command(cli_path() + " live --connect 127.0.0.1:1 --local-as 65001 2>&1");
  EXPECT_EQ(bad.exit_code, 3) << bad.out;
  EXPECT_NE(bad.out.find("identifier"), std::string::npos) << bad.out;
}

TEST(CliLive, PortInUseIsACleanError) {
  std::string error;
  const auto at = resolve(Endpoint{"127.0.0.1", 0}, true, error);
  UniqueFd taken = open_listener(*at, error);
  ASSERT_TRUE(taken);
  const std::string port = std::to_string(bound_port(taken.get()));
  const CommandResult r = run_command(cli_path() + " live --listen 127.0.0.1:" + port +
                                      " --local-as 65001 --router-id 10.0.0.1 2>&1");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("in use"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bgplens::live::testing

// BMP from live routers into the index: two routers connect to a station over loopback and
// send whole BMP sessions; each connection becomes a Bmp session, each monitored peer a
// session of its own (as in a capture of BMP), and the UPDATEs inside Route Monitoring
// messages are rows that decode with the peer's context.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "bmp_test_messages.h"
#include "index/record_decoder.h"
#include "live/live_sources_index.h"
#include "live/socket_util.h"

namespace bgplens::live {
namespace {

using namespace std::chrono_literals;

UniqueFd connect_router(std::uint16_t port) {
  std::string error;
  const auto to = resolve(Endpoint{"127.0.0.1", port}, true, error);
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to->storage), to->length) != 0)
    return {};
  return fd;
}

bool send_all(int fd, const gen::ByteVector& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

TEST(LiveStationIndex, RoutersAndTheirMonitoredPeersBecomeSessionsWithDecodedRoutes) {
  auto store = std::make_shared<ByteStore>();
  RecordCollector collector;
  StationIndexer indexer(store, collector);
  BmpStation station(BmpStationOptions{.listen_at = {"127.0.0.1", 0}}, indexer);
  ASSERT_EQ(station.start(), "");
  std::uint64_t sent_bytes = 0;
  std::vector<UniqueFd> routers;
  for (int n = 1; n <= 2; ++n) {
    routers.push_back(connect_router(station.listening_port()));
    ASSERT_TRUE(routers.back());
    for (const auto& m : test_bmp::router_session(n)) {
      ASSERT_TRUE(send_all(routers.back().get(), m));
      sent_bytes += m.size();
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (station.bytes_read() < sent_bytes && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  ASSERT_EQ(station.bytes_read(), sent_bytes);
  station.stop();
  indexer.finish();

  const ContextTable& table = collector.table;
  int bmp_sessions = 0;
  int peers = 0;
  for (const SessionInfo& s : table.sessions) {
    if (s.kind == SessionKind::Bmp) {
      ++bmp_sessions;
      EXPECT_EQ(s.b.port, station.listening_port());  // a is the router, b the station
    }
    if (s.kind == SessionKind::BmpPeer) {
      ++peers;
      ASSERT_TRUE(s.bmp_peer);
      EXPECT_EQ(s.bmp_peer->as, 65000u + static_cast<std::uint32_t>(peers));
      EXPECT_EQ(s.a.address.text(), "192.0.2." + std::to_string(peers));
    }
  }
  EXPECT_EQ(bmp_sessions, 2);
  EXPECT_EQ(peers, 2);

  // Per router: Initiation, Peer Up, four Route Monitoring and Termination are BMP rows; the
  // Peer Up's two OPENs and the four UPDATEs are BGP rows inside them.
  std::size_t bmp_rows = 0;
  std::size_t updates = 0;
  std::size_t prefixes = 0;
  for (const MessageRecord& r : collector.records) {
    if (r.kind == FramedKind::Bmp) ++bmp_rows;
    if (r.kind != FramedKind::Message || !(r.flags & framed_flag::kViaBmp) || r.type != 2) continue;
    ++updates;
    const DecodedMessage d = decode_record(*store, table, r, Depth::Detail);
    for (const DecodeProblem& p : d.problems)
      ADD_FAILURE() << p.message;
    prefixes += d.nlri.size();
    const PeerContext& ctx = table.contexts[r.context];
    EXPECT_EQ(table.sessions[ctx.session].kind, SessionKind::BmpPeer);
  }
  EXPECT_EQ(bmp_rows, 2u * 7u);
  EXPECT_EQ(updates, 2u * 4u);
  EXPECT_EQ(prefixes, 2u * (500 + 600 + 700 + 800));
}

}  // namespace
}  // namespace bgplens::live

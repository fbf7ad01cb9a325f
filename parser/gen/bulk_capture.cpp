#include "gen/bulk_capture.h"

#include <string>

#include "gen/message_builder.h"
#include "gen/pcap_writer.h"

namespace bgplens::gen {

ByteVector make_bulk_capture(const BulkSpec& spec) {
  PcapWriter pcap;
  std::uint64_t state = spec.seed;
  auto rnd = [&state](std::uint32_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33) % n;
  };
  std::int64_t t = 1'700'000'000'000'000'000;
  std::uint32_t next_prefix = 0;
  for (std::uint32_t s = 0; s < spec.sessions; ++s) {
    const std::string peer = "10.0." + std::to_string(s / 250) + "." + std::to_string(s % 250 + 2);
    TcpConversation tcp(pcap, endpoint("10.0.255.1", 179),
                        endpoint(peer, static_cast<std::uint16_t>(40000 + s)));
    tcp.handshake(t);
    OpenSpec open_spec;
    open_spec.as4 = 65000 + s;
    open_spec.my_as = static_cast<std::uint16_t>(65000 + s);
    tcp.send(0, open(open_spec), t + 1'000'000);
    tcp.send(1, open(open_spec), t + 2'000'000);
    ByteVector stream;
    for (std::uint32_t u = 0; u < spec.updates_per_session; ++u) {
      std::vector<std::uint32_t> path{65000 + s};
      for (std::uint32_t h = 0, hops = 1 + rnd(6); h < hops; ++h)
        path.push_back(1000 + rnd(60000));
      std::vector<ByteVector> attrs{origin(0), as_path({{2, path}}, true), next_hop("10.0.255.1")};
      if (rnd(3) == 0) attrs.push_back(med(rnd(1000)));
      std::vector<std::uint32_t> comms;
      for (std::uint32_t c = 0, n = rnd(5); c < n; ++c)
        comms.push_back((65000 + s) << 16 | rnd(1000));
      if (!comms.empty()) attrs.push_back(communities(comms));
      std::vector<Prefix> nlri;
      for (std::uint32_t p = 0; p < spec.prefixes_per_update; ++p, ++next_prefix) {
        Prefix pf;
        const std::uint32_t base = 0x01000000u + (next_prefix << 8);
        pf.address = {static_cast<std::uint8_t>(base >> 24), static_cast<std::uint8_t>(base >> 16),
                      static_cast<std::uint8_t>(base >> 8), 0};
        pf.length = 24;
        nlri.push_back(pf);
      }
      const ByteVector msg = update({{}, attrs, nlri});
      stream.insert(stream.end(), msg.begin(), msg.end());
      if (spec.keepalive_every && u % spec.keepalive_every == spec.keepalive_every - 1) {
        const ByteVector k = keepalive();
        stream.insert(stream.end(), k.begin(), k.end());
      }
    }
    // Full segments, back to back: messages cross segment boundaries as on a real wire.
    t = tcp.send(0, stream, t + 1'000'000'000, 0, 10'000);
  }
  return pcap.bytes();
}

}  // namespace bgplens::gen

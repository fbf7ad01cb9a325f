#include "gen/seed_messages.h"

#include "gen/message_builder.h"

namespace bgplens::gen {
namespace {

class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  std::uint32_t below(std::uint32_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33) % n;
  }

 private:
  std::uint64_t state_;
};

Prefix v4(std::uint32_t address, std::uint8_t length) {
  Prefix p;
  p.address = {static_cast<std::uint8_t>(address >> 24), static_cast<std::uint8_t>(address >> 16),
               static_cast<std::uint8_t>(address >> 8), static_cast<std::uint8_t>(address)};
  p.length = length;
  return p;
}

// AS paths like the Internet's: the neighbour first, 1–6 more ASes, some 4-octet.
std::vector<std::uint32_t> as_path_for(Lcg& rnd, std::uint32_t neighbour) {
  std::vector<std::uint32_t> path{neighbour};
  const std::uint32_t hops = 1 + rnd.below(6);
  for (std::uint32_t i = 0; i < hops; ++i) {
    path.push_back(rnd.below(5) == 0 ? 196608u + rnd.below(200000) : 1u + rnd.below(64000));
  }
  return path;
}

}  // namespace

ByteVector seed_update_1000_ipv4() {
  Lcg rnd(1000);
  std::vector<Prefix> nlri;
  std::uint32_t address = 0x0B000000;  // 11.0.0.0 onwards, /22–/24
  for (int i = 0; i < 1000; ++i) {
    const std::uint8_t len = static_cast<std::uint8_t>(22 + rnd.below(3));
    nlri.push_back(v4(address, len));
    address += 1u << (32 - len);
  }
  return update({{},
                 {origin(0), as_path({{2, {64500, 3356, 1299, 4200000001u}}}, true),
                  next_hop("192.0.2.1"), med(10), communities({0xFBF40064, 0xFFFFFF01})},
                 nlri});
}

ByteVector seed_update_100_vpnv4() {
  // RFC 4364 §4.3.4: per route a label (3), an RD (8, type 0 here) and the prefix.
  ByteWriter reach;
  reach.u16(1).u8(128).u8(12).bytes({0, 0, 0, 0, 0, 0, 0, 0}).bytes(ipv4("192.0.2.1")).u8(0);
  for (std::uint32_t i = 0; i < 100; ++i) {
    reach.u8(24 + 64 + 24);  // bits: label, RD, /24
    reach.u8(static_cast<std::uint8_t>((16000 + i) >> 12))
        .u8(static_cast<std::uint8_t>((16000 + i) >> 4));
    reach.u8(static_cast<std::uint8_t>(((16000 + i) << 4) | 1));  // bottom of stack
    reach.u16(0).u16(64500).u32(100 + i % 10);                    // RD 64500:100..109
    reach.u8(10).u8(static_cast<std::uint8_t>(i >> 8)).u8(static_cast<std::uint8_t>(i));
  }
  ByteWriter ext;
  ext.bytes({0x00, 0x02}).u16(64500).u32(100);  // route target 64500:100
  return update({{},
                 {origin(0), as_path({{2, {64500}}}, true), local_pref(100),
                  attribute(0xC0, 16, ext.data()), attribute(0x80, 14, reach.data())},
                 {}});
}

ByteVector seed_stream(std::uint32_t prefixes) {
  Lcg rnd(800000);
  ByteVector out;
  out.reserve(static_cast<std::size_t>(prefixes) * 30);
  std::uint32_t address = 0x01000000;
  std::uint32_t done = 0;
  while (done < prefixes) {
    // 1–6 prefixes per UPDATE, 3.33 on average (as in full-table transfers): 800,000
    // prefixes make about 240,000 UPDATEs.
    const std::uint32_t per_update = 1 + rnd.below(5) + (rnd.below(3) == 0 ? 1 : 0);
    const std::uint32_t n = std::min<std::uint32_t>(prefixes - done, per_update);
    std::vector<Prefix> nlri;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint8_t len =
          static_cast<std::uint8_t>(rnd.below(4) == 0 ? 16 + rnd.below(8) : 24);
      address = (address + (1u << (32 - len))) & ~((1u << (32 - len)) - 1);
      nlri.push_back(v4(address, len));
    }
    const std::uint32_t neighbour = 64500 + rnd.below(20);
    std::vector<ByteVector> attrs{origin(static_cast<std::uint8_t>(rnd.below(10) == 0 ? 2 : 0)),
                                  as_path({{2, as_path_for(rnd, neighbour)}}, true),
                                  next_hop("192.0.2." + std::to_string(1 + neighbour % 20))};
    if (rnd.below(3) == 0) attrs.push_back(med(rnd.below(500)));
    std::vector<std::uint32_t> comms;
    for (std::uint32_t c = 0, k = rnd.below(7); c < k; ++c)
      comms.push_back(neighbour << 16 | rnd.below(1000));
    if (!comms.empty()) attrs.push_back(communities(comms));
    const ByteVector msg = update({{}, attrs, nlri});
    out.insert(out.end(), msg.begin(), msg.end());
    done += n;
  }
  return out;
}

}  // namespace bgplens::gen

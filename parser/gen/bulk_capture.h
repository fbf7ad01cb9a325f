// Large synthetic captures for benchmarks and scale tests: eBGP table transfers with realistic
// AS paths and communities, packed into full TCP segments as a real speaker sends them.
#pragma once

#include <cstdint>

#include "gen/byte_writer.h"

namespace bgplens::gen {

struct BulkSpec {
  std::uint32_t sessions = 1;
  std::uint32_t updates_per_session = 10000;
  std::uint32_t prefixes_per_update = 4;
  std::uint32_t keepalive_every = 1000;  // one KEEPALIVE per this many UPDATEs
  std::uint64_t seed = 1;
};

ByteVector make_bulk_capture(const BulkSpec& spec);

}  // namespace bgplens::gen

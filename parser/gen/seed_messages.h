// The benchmark scenarios of issue #3, generated deterministically so that BGP Lens and ExaBGP
// decode exactly the same bytes:
//   - one UPDATE with 1000 IPv4 unicast prefixes (4-octet AS session);
//   - one UPDATE with 100 VPNv4 routes (MP_REACH 1/128: label, RD, prefix);
//   - a stream of about 240,000 UPDATEs carrying 800,000 IPv4 prefixes with realistic AS paths,
//     MEDs and communities, as a full-table transfer sends them.
#pragma once

#include "gen/byte_writer.h"

namespace bgplens::gen {

ByteVector seed_update_1000_ipv4();
ByteVector seed_update_100_vpnv4();
// The UPDATEs back to back (no capture framing); `prefixes` in total.
ByteVector seed_stream(std::uint32_t prefixes = 800'000);

}  // namespace bgplens::gen

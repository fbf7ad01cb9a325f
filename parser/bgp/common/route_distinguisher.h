// Route Distinguishers (RFC 4364 §4.2): shared by VPN, EVPN, MVPN, VPLS, FlowSpec-VPN and
// MUP NLRI and by VPN next hops.
#pragma once

#include <cstdint>
#include <string>

#include "bgp/walk.h"

namespace bgplens {

// "65000:100" (type 0), "192.0.2.1:100" (type 1), "4200000001:100" (type 2), or
// "type 5:0102030405060708" for a type no RFC defines.
std::string rd_text(const std::uint8_t* rd);

// An Rd node over the 8 bytes at `offset` with its type, administrator and number; returns
// the text. The caller checked that 8 bytes are there.
std::string rd_node(Walk& w, std::uint32_t offset);

}  // namespace bgplens

// The sample capture bundled with BGP Lens (resources/samples/sample.pcap), written by this
// generator so that every byte of it is ours. Deterministic: the same bytes on every run.
#pragma once

#include "gen/byte_writer.h"

namespace bgplens::gen {

// Two sessions over a minute: an eBGP session over IPv4 between a 2-octet and a 4-octet AS with
// ADD-PATH, graceful restart, enhanced route refresh and a table transfer with IPv4 and IPv6
// routes (messages packed several to a segment and split across segments), route churn,
// keepalives and one malformed UPDATE; and an eBGP session over IPv6 with 2-octet ASes that
// ends in an Administrative Shutdown NOTIFICATION and reconnects.
ByteVector make_sample_capture();

}  // namespace bgplens::gen

#include "bgp/body_decoders.h"

namespace bgplens {

// RFC 4271 §4.4: a KEEPALIVE is the header alone; any other length is a Bad Message Length.
void decode_keepalive(Walk& w, std::uint32_t end) {
  if (end > kHeaderLength) {
    report_trailing(w, kHeaderLength, end, "KEEPALIVE header");
    w.error(16, 2, "a KEEPALIVE must be exactly 19 bytes (RFC 4271 §6.1: NOTIFICATION 1/2)",
            Treatment::SessionReset);
  }
}

}  // namespace bgplens

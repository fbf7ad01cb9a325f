#include "index/session_table.h"

#include "util/text.h"

namespace bgplens {

std::string SessionInfo::direction_text(std::uint8_t direction) const {
  if (kind == SessionKind::MrtPeer && mrt_peer) {
    // No ports in MRT; the collector's address is known only from BGP4MP records.
    const std::string peer = text::cat(a.address.text(), " AS ", text::asn_plain(mrt_peer->as));
    const std::string collector = b.address.version != 0 ? b.address.text() : "collector";
    return direction == 0 ? text::cat(peer, " → ", collector) : text::cat(collector, " → ", peer);
  }
  return source(direction).text() + " → " + destination(direction).text();
}

}  // namespace bgplens

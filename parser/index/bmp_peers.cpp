#include "index/bmp_peers.h"

#include "bgp/message_decoder.h"
#include "bmp/bmp_decoder.h"

namespace bgplens {
namespace {

// Which way a BGP message inside BMP went on the monitored session: 0 peer → router, 1 router
// → peer (see SessionInfo).
std::uint8_t direction_of(bmp::EmbeddedRole role, const bmp::PeerHeader& header) {
  switch (role) {
    case bmp::EmbeddedRole::SentOpen:
    case bmp::EmbeddedRole::LocalNotification:
      return 1;
    case bmp::EmbeddedRole::RouteMonitoring:
      return header.adj_rib_out() ? 1 : 0;
    case bmp::EmbeddedRole::ReceivedOpen:
    case bmp::EmbeddedRole::RemoteNotification:
    case bmp::EmbeddedRole::Mirrored:
      return 0;
  }
  return 0;
}

}  // namespace

BmpPeers::Peer& BmpPeers::peer_for(IndexTables& out, const SessionInfo& bmp_session,
                                   std::uint8_t direction, const bmp::PeerHeader& header,
                                   bool peer_up, Bytes bytes, std::int64_t time_ns) {
  const Key key{bmp_session.id, direction, header.peer_type, header.distinguisher, header.address};
  auto it = peers_.find(key);
  // The first message about a peer starts its session; a Peer Down ends it (see add()). Routers
  // send a Peer Up for each view of one session (pre-policy, post-policy, Adj-RIB-Out): those
  // stay in the session and renew its OPENs.
  if (it != peers_.end()) return it->second;
  SessionInfo s;
  s.kind = SessionKind::BmpPeer;
  s.a.address = header.address;
  s.first_time_ns = time_ns;
  s.parent = bmp_session.id;
  s.parent_direction = direction;
  s.bmp_peer =
      BmpPeerInfo{header.peer_type, header.distinguisher, header.address, header.as, header.bgp_id};
  if (peer_up) {
    if (const auto ends = bmp::read_peer_up_endpoints(bytes, header)) {
      s.b.address = ends->local_address;
      s.b.port = ends->local_port;
      s.a.port = ends->remote_port;
    }
  }
  Peer fresh;
  fresh.session = out.add_session(std::move(s));
  it = peers_.insert_or_assign(key, std::move(fresh)).first;
  return it->second;
}

std::uint32_t BmpPeers::context_for(IndexTables& out, Peer& peer, std::uint8_t direction,
                                    const bmp::PeerHeader& header) {
  const bool legacy = header.legacy_as_path();
  std::uint32_t& slot = peer.contexts[direction][legacy ? 1 : 0];
  if (slot != UINT32_MAX) return slot;
  const bool from_peer = direction == 0;
  const OpenValues* self =
      from_peer ? (peer.received ? &*peer.received : nullptr) : (peer.sent ? &*peer.sent : nullptr);
  const OpenValues* other =
      from_peer ? (peer.sent ? &*peer.sent : nullptr) : (peer.received ? &*peer.received : nullptr);
  PeerContext ctx = negotiate(self, from_peer ? peer.received_row : peer.sent_row, other,
                              from_peer ? peer.sent_row : peer.received_row);
  ctx.session = peer.session;
  ctx.direction = direction;
  if (self || other) {
    // The OPENs settle ADD-PATH for the families they name (IPv4 unicast when they name none,
    // RFC 4760 §1); routers report other families too (a Loc-RIB Peer Up naming only IPv6
    // VPN, then IPv4 VPN routes with path ids), whose path ids are guessed from the bytes.
    std::vector<Family> named;
    for (const OpenValues* o : {self, other}) {
      if (o) named.insert(named.end(), o->multiprotocol.begin(), o->multiprotocol.end());
    }
    if (named.empty()) named.push_back(Family{1, 1});
    ctx.add_path_settles_only = std::move(named);
  }
  // The per-peer header, not the OPENs, says how AS_PATH is written (RFC 7854 §4.2): the
  // router may have rewritten it to 4-octet form whatever the session negotiated.
  ctx.as4 = !legacy;
  ctx.as4_from = Provenance::BmpPeerHeader;
  slot = out.add_context(std::move(ctx));
  return slot;
}

void BmpPeers::add(IndexTables& out, const SessionInfo& bmp_session, std::uint8_t direction,
                   std::uint32_t stream_context, const FramedMessage& m, Bytes bytes) {
  MessageRecord row;
  row.address = m.address;
  row.time_ns = m.time_ns;
  row.length = m.length;
  row.context = stream_context;
  row.frame = static_cast<std::uint32_t>(std::min<std::uint64_t>(m.frame, UINT32_MAX));
  row.kind = m.kind;
  row.flags = m.flags;
  if (m.kind != FramedKind::Bmp) {
    out.add_row(row);
    return;
  }
  row.type = bytes.size() > 5 ? bytes[5] : 0;
  const std::optional<bmp::PeerHeader> header =
      bmp::has_peer_header(row.type) && bytes.size() > bmp::kCommonHeaderLength
          ? bmp::read_peer_header(bytes.subspan(bmp::kCommonHeaderLength))
          : std::nullopt;
  if (!header) {
    // Initiation, Termination, or too short to name a peer: a row of the BMP connection.
    out.add_row(row);
    return;
  }
  const bool peer_up = row.type == bmp::type::kPeerUp;
  Peer& peer = peer_for(out, bmp_session, direction, *header, peer_up, bytes, m.time_ns);
  // The walk that builds the BMP message's tree, at Depth::Locate: only where the BGP messages
  // inside are.
  decode_bmp(bytes, PeerContext::unknown(), Depth::Locate, scratch_);
  const std::vector<DecodedMessage::Nested>& embedded = scratch_.nested;
  if (peer_up) {
    // Both OPENs settle the peer's contexts, as on the wire (RFC 7854 §4.10).
    const std::uint64_t first = out.next_record() + 1;
    for (std::size_t i = 0; i < embedded.size(); ++i) {
      const DecodedMessage::Nested& e = embedded[i];
      const auto role = static_cast<bmp::EmbeddedRole>(e.role);
      const bool sent = role == bmp::EmbeddedRole::SentOpen;
      if (!sent && role != bmp::EmbeddedRole::ReceivedOpen) continue;
      DecodedMessage open =
          decode_message(bytes.subspan(e.offset, e.length), PeerContext::unknown(), Depth::Summary);
      if (!open.open) continue;
      (sent ? peer.sent : peer.received) = std::move(*open.open);
      (sent ? peer.sent_row : peer.received_row) = first + i;
      // New OPENs: contexts are made again from them when next needed.
      for (auto& by_direction : peer.contexts)
        for (std::uint32_t& slot : by_direction)
          slot = UINT32_MAX;
    }
  }
  const std::uint8_t row_direction =
      row.type == bmp::type::kRouteMonitoring && header->adj_rib_out() ? 1 : 0;
  row.context = context_for(out, peer, row_direction, *header);
  out.add_row(row);
  const std::uint32_t declared =
      bytes.size() >= bmp::kCommonHeaderLength ? load_be32(bytes.data() + 1) : 0;
  for (const DecodedMessage::Nested& e : embedded) {
    MessageRecord inner = row;
    inner.address = m.address + e.offset;
    inner.length = e.length;
    inner.kind = FramedKind::Message;
    inner.type = bytes[e.offset + 18];
    inner.flags =
        static_cast<std::uint8_t>(framed_flag::kViaBmp | (m.flags & framed_flag::kCopied));
    // Cut short with the BMP message that holds it (the capture ends or misses segments).
    const std::uint16_t bgp_length = load_be16(bytes.data() + e.offset + 16);
    if (bgp_length > e.length && bytes.size() < declared)
      inner.flags |= m.flags & (framed_flag::kTruncated | framed_flag::kCutByGap);
    inner.context = context_for(
        out, peer, direction_of(static_cast<bmp::EmbeddedRole>(e.role), *header), *header);
    out.add_row(inner);
  }
  if (row.type == bmp::type::kPeerDown) {
    // The monitored session ended; the next message about this peer starts another.
    peers_.erase(
        Key{bmp_session.id, direction, header->peer_type, header->distinguisher, header->address});
  }
}

}  // namespace bgplens

// The peers a BMP connection monitors (RFC 7854 §4.2): each becomes a session of its own, whose
// decode contexts come from its Peer Up message's two OPENs and from the per-peer header's
// flags, so the BGP messages inside BMP decode as they would on the monitored session itself.
// Used by the index pass; it turns each framed BMP message into rows: the BMP message, then the
// BGP messages inside it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "bmp/bmp_wire.h"
#include "buffer/byte_store.h"
#include "capture/bgp_framer.h"
#include "index/message_record.h"
#include "index/session_table.h"

namespace bgplens {

// Where new contexts, sessions and rows go (the indexer's batch).
class IndexTables {
 public:
  virtual ~IndexTables() = default;
  virtual std::uint32_t add_context(PeerContext context) = 0;
  virtual std::uint32_t add_session(SessionInfo session) = 0;  // returns the session's id
  // The number the next row will get.
  virtual std::uint64_t next_record() const = 0;
  virtual void add_row(const MessageRecord& record) = 0;
};

class BmpPeers {
 public:
  // One framed BMP message (or unparsed/gap row) of the BMP stream in `direction` of session
  // `bmp_session`, whose own context is `stream_context`: adds its rows, and the monitored
  // peer's session and contexts when they are new.
  void add(IndexTables& out, const SessionInfo& bmp_session, std::uint8_t direction,
           std::uint32_t stream_context, const FramedMessage& message, Bytes bytes);

  std::size_t peer_count() const { return peers_.size(); }

 private:
  struct Peer {
    std::uint32_t session = kNoSession;
    std::optional<OpenValues> sent;      // the monitored router's OPEN
    std::optional<OpenValues> received;  // the peer's OPEN
    std::optional<std::uint64_t> sent_row;
    std::optional<std::uint64_t> received_row;
    // Contexts made so far, by [direction][2-octet AS_PATH]; UINT32_MAX until needed.
    std::uint32_t contexts[2][2] = {{UINT32_MAX, UINT32_MAX}, {UINT32_MAX, UINT32_MAX}};
  };
  using Key = std::tuple<std::uint32_t, std::uint8_t, std::uint8_t, std::uint64_t, IpAddress>;

  Peer& peer_for(IndexTables& out, const SessionInfo& bmp_session, std::uint8_t direction,
                 const bmp::PeerHeader& header, bool peer_up, Bytes bytes, std::int64_t time_ns);
  std::uint32_t context_for(IndexTables& out, Peer& peer, std::uint8_t direction,
                            const bmp::PeerHeader& header);

  std::map<Key, Peer> peers_;
  DecodedMessage scratch_;  // reused for every BMP message, so locating allocates once
};

}  // namespace bgplens

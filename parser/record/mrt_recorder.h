// Records BGP sessions as MRT (RFC 6396): one BGP4MP_ET record per message, with the
// microsecond timestamp of RFC 6396 §3, and STATE_CHANGE_AS4 records for FSM transitions.
// The subtype says what a reader needs to decode the message: 4-octet AS numbers (§4.4.3),
// sent by the recording speaker itself (_LOCAL, §4.4.5–4.4.6), path identifiers in the NLRI
// (_ADDPATH, RFC 8050 §3). Records are appended as they come and flushed regularly.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "bgp/family.h"
#include "gen/byte_writer.h"
#include "record/record_file.h"
#include "record/recorded_message.h"
#include "util/expected.h"

namespace bgplens::record {

// The families whose NLRI an UPDATE carries: IPv4 unicast for its Withdrawn Routes and NLRI
// fields (RFC 4271 §4.3), the AFI/SAFI of MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3–4).
// Empty for other messages and for an UPDATE with none (End-of-RIB for IPv4 unicast); reading
// stops quietly where the UPDATE is malformed.
std::vector<Family> update_nlri_families(Bytes message);

struct Bgp4mpSubtype {
  std::uint16_t subtype = 0;
  // The UPDATE carries NLRI of families with and without path identifiers in this direction:
  // no subtype says that (RFC 8050 §3 marks the whole message), so the _ADDPATH one was chosen.
  bool mixed_add_path = false;
};

// The BGP4MP subtype for `message` sent in direction `d`, decoded with `context`.
Bgp4mpSubtype bgp4mp_message_subtype(const PeerContext& context, Direction d, Bytes message);

// Appends one BGP4MP_ET message record / STATE_CHANGE_AS4 record to `w`. Throws
// std::invalid_argument for a time before 1970 or after 2106 (the 32-bit seconds field), or
// endpoints of different IP versions.
Bgp4mpSubtype append_bgp4mp_message(gen::ByteWriter& w, const RecordedSession& session,
                                    std::int64_t time_ns, Direction d, Bytes message);
void append_bgp4mp_state_change(gen::ByteWriter& w, const RecordedSession& session,
                                const RecordedStateChange& change);

struct MrtRecorderOptions {
  std::chrono::milliseconds flush_interval{1000};
};

struct MrtRecorderStats {
  std::uint64_t messages = 0;
  std::uint64_t state_changes = 0;
  std::uint64_t mixed_add_path = 0;  // messages recorded with mixed_add_path (see above)
};

class MrtRecorder {
 public:
  static Expected<MrtRecorder> create(const std::string& path, MrtRecorderOptions options = {});

  // Each returns false when the record could not be written (error() says why). A message or
  // state change that cannot be encoded is skipped and the file stays usable; after a write
  // error every later call fails.
  bool message(const RecordedSession& session, std::int64_t time_ns, Direction d, Bytes message);
  bool message(const RecordedSession& session, const RecordedMessage& m) {
    return message(session, m.time_ns, m.direction, m.view());
  }
  bool state_change(const RecordedSession& session, const RecordedStateChange& change);
  // Every event of `recording`, in order; stops at the first failure.
  bool record(const Recording& recording);
  bool flush() { return file_.flush() || fail_io(); }
  bool close() { return file_.close() || fail_io(); }

  const MrtRecorderStats& stats() const { return stats_; }
  const std::string& error() const { return error_; }

 private:
  explicit MrtRecorder(RecordFile file) : file_(std::move(file)) {}
  bool fail_io();
  bool put();

  RecordFile file_;
  gen::ByteWriter scratch_;
  MrtRecorderStats stats_;
  std::string error_;
};

}  // namespace bgplens::record
